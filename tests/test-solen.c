/* The contract frameworks, the département's targets and the SOLEN report:
 * the same data placed under each framework's objectives, national targets
 * year by year, a département's target on a count decided and shown in
 * every rendering, and the « Indicateurs » text of the Creuse 2024 bundle
 * with 2023 beside it. Expected figures are worked out by hand in the
 * comments, from the Creuse example's README and the frameworks' files. */
#include <string.h>

#include "bundle-history.h"
#include "bundle-reader.h"
#include "bundle-writer.h"
#include "framework.h"
#include "json-writer.h"
#include "render-formats.h"
#include "golden.h"
#include "test-util.h"

static IcPluginSet *plugins;

#define INDICATORS "bsem_coverage,consultation_child_share,epnp_pmi_coverage,epp_pmi_coverage,ip_eval_3m_rate,vad_child_share"

/* The Creuse example for @year, with the département's @targets (id ->
 * IcTarget *, may be NULL): the bundle's JSON tree. */
static JsonNode *
creuse_bundle (int year, GHashTable *targets)
{
  g_autofree char *dir = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) only = g_strsplit (INDICATORS, ",", -1);
  IcRunOptions options = {
    .data_dir = dir,
    .year = year,
    .department_code = "23",
    .department_name = "Creuse",
    .only = (const char *const *) only,
    .department_targets = targets,
  };
  g_autoptr (IcRun) run = ic_run_execute (plugins, &options, problems, &error);

  g_assert_no_error (error);
  return ic_test_bundle (run);
}

/* The solen member of @id, or NULL when it is null. */
static JsonObject *
solen (JsonNode *bundle, const char *id)
{
  JsonNode *node = json_object_get_member (ic_test_bundle_indicator (bundle, id), "solen");
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_object (node);
}

/* ---- frameworks ---------------------------------------------------------- */

/* One data set, two years: each bundle follows the framework of its year.
 * frameworks/2020-2024.json: IP in engagement 2, objective 6; BSEM coverage
 * in engagement 1, objective 2. frameworks/2025-2027.json: IP in objective
 * 8, BSEM in 3 (no engagements), consultations in no objective. */
static void
test_place_apart (void)
{
  g_autoptr (JsonNode) b2024 = creuse_bundle (2024, NULL);
  g_autoptr (JsonNode) b2025 = creuse_bundle (2025, NULL);
  JsonObject *s;

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (b2024), "framework"), "id"), ==, "2020-2024");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (b2025), "framework"), "id"), ==, "2025-2027");

  s = solen (b2024, "ip_eval_3m_rate");
  g_assert_cmpstr (json_object_get_string_member (s, "framework"), ==, "2020-2024");
  g_assert_cmpint (json_object_get_int_member (s, "engagement"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (s, "objective"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (s, "measure"), ==, "Renforcer les CRIP");
  s = solen (b2025, "ip_eval_3m_rate");
  g_assert_cmpstr (json_object_get_string_member (s, "framework"), ==, "2025-2027");
  g_assert_false (json_object_has_member (s, "engagement"));
  g_assert_cmpint (json_object_get_int_member (s, "objective"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (s, "label"), ==, "Renforcer le partenariat avec les CRIP");

  g_assert_cmpint (json_object_get_int_member (solen (b2024, "bsem_coverage"), "objective"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (solen (b2025, "bsem_coverage"), "objective"), ==, 3);
  /* EPP then EPNP then home visits: the form's order within objective 1 */
  g_assert_cmpint (json_object_get_int_member (solen (b2025, "vad_child_share"), "objective"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (solen (b2025, "vad_child_share"), "rank"), ==, 3);
  /* no fiche numbers without the département's settings */
  g_assert_true (json_object_get_null_member (solen (b2025, "vad_child_share"), "fiche"));
  /* in an objective in 2024, in none in 2025: for the ODPE only */
  g_assert_cmpint (json_object_get_int_member (solen (b2024, "consultation_child_share"), "objective"), ==, 5);
  g_assert_null (solen (b2025, "consultation_child_share"));
}

/* Targets belong to the framework: 15 % for the home visits up to 2024,
 * none in 2025 (null, not the old one), so not decided either. */
static void
test_vad_2025_target_null (void)
{
  g_autoptr (JsonNode) b2024 = creuse_bundle (2024, NULL);
  g_autoptr (JsonNode) b2025 = creuse_bundle (2025, NULL);
  JsonObject *target = json_object_get_object_member (ic_test_bundle_indicator (b2024, "vad_child_share"), "target");

  g_assert_cmpstr (json_object_get_string_member (target, "operator"), ==, ">=");
  g_assert_cmpint (json_object_get_int_member (target, "value"), ==, 15);
  g_assert_cmpstr (json_object_get_string_member (target, "origin"), ==, "national");
  g_assert_true (json_object_get_null_member (ic_test_bundle_indicator (b2025, "vad_child_share"), "target"));
  g_assert_true (json_object_get_null_member (ic_test_bundle_indicator (b2025, "vad_child_share"), "target_met"));
  /* 2025's IP target is still the 3 months of the law: >= 100 % */
  target = json_object_get_object_member (ic_test_bundle_indicator (b2025, "ip_eval_3m_rate"), "target");
  g_assert_cmpint (json_object_get_int_member (target, "value"), ==, 100);
}

/* The shipped frameworks load, follow schemas/framework.schema.json, and
 * cover 2020 to 2027 with no year twice. */
static void
test_frameworks_shipped (void)
{
  g_autofree char *dir = g_build_filename (ic_test_source_dir (), "frameworks", NULL);
  g_autofree char *schema = g_build_filename (ic_test_source_dir (), "schemas", "framework.schema.json", NULL);
  g_autofree char *a = g_build_filename (dir, "2020-2024.json", NULL);
  g_autofree char *b = g_build_filename (dir, "2025-2027.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = ic_framework_load_all (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (((IcFramework *) all->pdata[0])->first_year, ==, 2020);
  g_assert_cmpint (((IcFramework *) all->pdata[0])->last_year, ==, 2024);
  g_assert_cmpint (((IcFramework *) all->pdata[1])->first_year, ==, 2025);
  g_assert_cmpint (((IcFramework *) all->pdata[1])->last_year, ==, 2027);
  /* the 2025-2027 form has 12 objectives */
  g_assert_cmpuint (((IcFramework *) all->pdata[1])->objectives->len, ==, 12);
  g_assert_cmpint (ic_test_validate_files (schema, (const char *const[]) { a, b, NULL }, NULL), ==, 0);
}

typedef struct {
  const char *path;
  const char *body;    /* the objectives member */
  const char *message;
} BadFramework;

static const BadFramework bad_frameworks[] = {
  { "/frameworks/invalid/year-outside", "[ { \"number\": 1, \"label\": \"L\", \"indicators\": [ { \"id\": \"a\", "
    "\"targets\": { \"2024\": null } } ] } ]", "objectives[0].indicators[0].targets.2024\": years outside the framework's" },
  { "/frameworks/invalid/year-twice", "[ { \"number\": 1, \"label\": \"L\", \"indicators\": [ { \"id\": \"a\", "
    "\"targets\": { \"2025-2026\": null, \"2026\": null } } ] } ]", "year 2026 given twice" },
  { "/frameworks/invalid/figure", "[ { \"number\": 1, \"label\": \"L\", \"indicators\": [ { \"id\": \"a\", "
    "\"fields\": [ { \"figure\": \"numérateur\", \"label\": \"N\" } ] } ] } ]",
    "figure: expected numerator, denominator, value or details.KEY" },
  { "/frameworks/invalid/indicator-twice", "[ { \"number\": 1, \"label\": \"L\", \"indicators\": [ { \"id\": \"a\" } ] }, "
    "{ \"number\": 2, \"label\": \"M\", \"indicators\": [ { \"id\": \"a\" } ] } ]", "a is named twice" },
  { "/frameworks/invalid/objective-twice", "[ { \"number\": 1, \"label\": \"L\" }, { \"number\": 1, \"label\": \"M\" } ]",
    "objective 1 is given twice" },
  { "/frameworks/invalid/count-with-decimal", "[ { \"number\": 1, \"label\": \"L\", \"indicators\": [ { \"id\": \"a\", "
    "\"targets\": { \"2025\": { \"operator\": \">=\", \"value\": 12.5, \"on\": \"count\" } } } ] } ]",
    "a count target is a whole number" },
};

static void
test_framework_invalid (gconstpointer data)
{
  const BadFramework *c = data;
  g_autofree char *text = g_strdup_printf ("{ \"id\": \"t\", \"title\": \"T\", \"years\": { \"first\": 2025, "
                                           "\"last\": 2027 }, \"objectives\": %s }", c->body);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcFramework) framework = ic_framework_load_from_data ("t.json", text, -1, &error);

  g_assert_null (framework);
  g_assert_error (error, IC_FRAMEWORK_ERROR, IC_FRAMEWORK_ERROR_INVALID);
  if (strstr (error->message, c->message) == NULL)
    g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, c->message));
  g_assert_true (g_str_has_prefix (error->message, "t.json: "));
}

/* ---- the SOLEN report ------------------------------------------------------ */

/* @bundle as `indicore render` reads it back. */
static IcBundleView *
view (JsonNode *bundle, const char *name)
{
  g_autofree char *text = ic_json_write (bundle, NULL);
  g_autoptr (GError) error = NULL;
  IcBundleView *read = ic_bundle_read_from_data (name, text, -1, &error);

  g_assert_no_error (error);
  return read;
}

static GString *
render (const IcBundleView *bundle, const char *format)
{
  const IcRenderFormat *f = ic_render_format_find (format);
  g_assert_nonnull (f);
  return ic_render (bundle, f);
}

/* Every line at most IC_RENDER_SOLEN_WIDTH (100) characters, valid UTF-8,
 * no tab nor control character but the line ends. */
static void
assert_lines_fit (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (guint i = 0; lines[i]; i++)
    {
      if (g_utf8_strlen (lines[i], -1) > 100)
        g_test_message ("line %u is %ld characters: %s", i + 1, g_utf8_strlen (lines[i], -1), lines[i]);
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, 100);
      for (const char *p = lines[i]; *p; p++)
        g_assert_cmpint ((guchar) *p, >=, 0x20);
    }
}

/* The Creuse 2024 bundle with 2023's as --previous: the IP block in the
 * words of Creuse's form (003: « Nombre d'IP entrantes : 593 (424 en
 * 2023) ; Nombre d'IP évaluées : 179 (213 en 2023) ; Nombre d'IP évaluées
 * en moins de 3 mois : 25 (20 en 2023) ; Taux d'IP évaluées sous 3 mois :
 * 14 % (9.4 en 2023) »). 2024: 25 / 179 = 13.97 % → 14,0, printed « 14 % »
 * as the form does; 2023: 20 / 213 = 9.39 % → 9,4 %. Received: 593 in
 * 2024, 424 in 2023 (README of the example). */
static void
test_creuse_ip_with_2023 (void)
{
  g_autoptr (JsonNode) b2023 = creuse_bundle (2023, NULL);
  g_autoptr (JsonNode) b2024 = creuse_bundle (2024, NULL);
  g_autoptr (IcBundleView) previous = view (b2023, "bundle-2023.json");
  g_autoptr (IcBundleView) bundle = view (b2024, "bundle-2024.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = NULL;
  const char *block;

  g_assert_true (ic_bundle_view_add_previous (bundle, previous, &error));
  g_assert_no_error (error);
  out = render (bundle, "solen");
  block = strstr (out->str, "==== Engagement 2 — Objectif 6 — Fiche n° à compléter ====\n"
                            "Mesure : Renforcer les CRIP\n");
  g_assert_nonnull (block);
  g_assert_nonnull (strstr (block, "Indicateurs :\n"
                                   "• Nombre d'IP entrantes : 593 (424 en 2023) [1]\n"
                                   "• Nombre d'IP évaluées : 179 (213 en 2023) [1]\n"
                                   "• Nombre d'IP évaluées en moins de 3 mois : 25 (20 en 2023) [1]\n"
                                   "• Taux d'IP évaluées sous 3 mois : 14 % (9,4 % en 2023)\n"
                                   "  Cible nationale : 100 %, non atteinte\n"
                                   "[1] Source : les informations préoccupantes, fichier ip.csv exporté"));
  /* EPP: 51 / 770 in 2024 (« 51 en 2024 sur 770 déclarations de naissance.
   * 6,6 % »), 45 / 790 = 5.70 % in 2023; the births' source as footnote */
  g_assert_nonnull (strstr (out->str, "• Nombre de femmes ayant bénéficié d'un EPP réalisé par la PMI : 51 (45 en 2023) [1]\n"
                                      "• Nombre de déclarations de naissance : 770 (790 en 2023) [2]\n"
                                      "• Taux de couverture des EPP réalisés par la PMI : 6,6 % (5,7 % en 2023)\n"));
  g_assert_nonnull (strstr (out->str, "[2] Source : INSEE état civil (les naissances 2024 : 770, populations.csv)\n"));
  /* no département settings: the header says what is left to fill */
  g_assert_nonnull (strstr (out->str, "• Nom du département : Creuse\n• Exercice : 2024\n"));
  g_assert_nonnull (strstr (out->str, "• Numéro de fiche des objectifs 1, 2, 4, 5, 6 "));
  assert_lines_fit (out->str);
}

/* A figure missing: « donnée non disponible » with the reason, once. The
 * example has no births of 2022, so children under 2 in 2023 are unknown. */
static void
test_not_available (void)
{
  g_autoptr (JsonNode) b2023 = creuse_bundle (2023, NULL);
  g_autoptr (IcBundleView) bundle = view (b2023, "bundle-2023.json");
  g_autoptr (GString) out = render (bundle, "solen");
  const char *line = strstr (out->str, "• Part des enfants de moins de 2 ans ayant bénéficié d'une visite à domicile : "
                                       "donnée non disponible");

  g_assert_nonnull (line);
  g_assert_nonnull (strstr (out->str, "donnée non disponible (motif : "));
  assert_lines_fit (out->str);
}

/* No line over 100 characters, whatever the bundle holds: the hand-written
 * golden bundle of 2024 (written before frameworks: its places have no
 * fields, so each indicator gives its title and sentence), with a reason
 * of one 250-character word (cut inside it) and a long title. */
static void
test_lines_fit (void)
{
  g_autoptr (JsonNode) tree = ic_golden_tree ();
  JsonObject *epnp = ic_golden_tree_indicator (tree, "epnp_pmi_coverage");
  g_autofree char *word = g_strnfill (250, 'x');
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = NULL;
  g_autoptr (GString) out = NULL;
  g_autofree char *piece = g_strnfill (98, 'x');
  g_autofree char *expected = g_strdup_printf ("(motif :\n  %s\n  %s\n", piece, piece);

  json_object_set_string_member (epnp, "reason", word);
  json_object_set_string_member (epnp, "title", "Taux de couverture des entretiens postnataux précoces réalisés par "
                                                 "les sages-femmes du service départemental de protection maternelle "
                                                 "et infantile");
  bundle = ic_golden_load_tree (tree, &error);
  g_assert_no_error (error);
  out = render (bundle, "solen");
  assert_lines_fit (out->str);
  /* the word on lines of its own, cut after 98 characters (2 of indent) */
  g_assert_nonnull (strstr (out->str, expected));
}

/* ---- département targets -------------------------------------------------- */

/* A target on the count, set by the département: IPs evaluated within 3
 * months >= 25. Creuse evaluated 25 in time in 2024 (README): 25 >= 25,
 * met, where the value (14.0 % against the national 100 %) is not. Every
 * rendering shows it, said to be the département's. */
static void
test_department_count_target (void)
{
  g_autoptr (GHashTable) targets = g_hash_table_new (g_str_hash, g_str_equal);
  IcTarget ip = { IC_TARGET_GE, IC_TARGET_ON_COUNT, IC_TARGET_DEPARTMENT, 250 };
  IcTarget epp = { IC_TARGET_LE, IC_TARGET_ON_COUNT, IC_TARGET_DEPARTMENT, 500 };
  g_autoptr (JsonNode) b2024 = NULL;
  g_autoptr (IcBundleView) bundle = NULL;
  JsonObject *target;
  static const char *const formats[] = { "text", "md", "html", "csv", "solen" };

  g_hash_table_insert (targets, (gpointer) "ip_eval_3m_rate", &ip);
  /* EPP: 51 women, « at most 50 » is not met */
  g_hash_table_insert (targets, (gpointer) "epp_pmi_coverage", &epp);
  b2024 = creuse_bundle (2024, targets);
  target = json_object_get_object_member (ic_test_bundle_indicator (b2024, "ip_eval_3m_rate"), "target");
  g_assert_cmpstr (json_object_get_string_member (target, "operator"), ==, ">=");
  g_assert_cmpint (json_object_get_int_member (target, "value"), ==, 25);
  g_assert_cmpstr (json_object_get_string_member (target, "on"), ==, "count");
  g_assert_cmpstr (json_object_get_string_member (target, "origin"), ==, "department");
  g_assert_true (json_object_get_boolean_member (ic_test_bundle_indicator (b2024, "ip_eval_3m_rate"), "target_met"));
  g_assert_false (json_object_get_boolean_member (ic_test_bundle_indicator (b2024, "epp_pmi_coverage"), "target_met"));
  /* the others keep the national one */
  target = json_object_get_object_member (ic_test_bundle_indicator (b2024, "vad_child_share"), "target");
  g_assert_cmpstr (json_object_get_string_member (target, "origin"), ==, "national");

  bundle = view (b2024, "bundle-2024.json");
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr (GString) out = render (bundle, formats[i]);
      g_test_message ("%s", formats[i]);
      g_assert_nonnull (strstr (out->str, "au moins 25 en nombre (cible départementale)"));
      g_assert_nonnull (strstr (out->str, "au plus 50 en nombre (cible départementale)"));
    }
}

/* ---- the 2025 example and bsem_followup_rate ------------------------------- */

static char *
lozere_dir (void)
{
  return g_build_filename (ic_test_source_dir (), "examples", "lozere-2025", NULL);
}

/* examples/lozere-2025 (README): 120 referrals in bsem_referrals.csv. In
 * the school year 2024-2025 (01/09/2024 to 31/08/2025), 82 + 10 + 8 = 100
 * are closed, 82 with the care done: 82 / 100 = 82.0 %, at least the 80 %
 * of the 2025-2027 framework. 15 referred on 03/03/2025 are still open; 5
 * closed on 28/06/2024 belong to the year before. Of the 82, 41 had care
 * 30 days after the referral and 41 after 60: mean (41 × 30 + 41 × 60) / 82
 * = 45.0; median, the 41st and 42nd of 82 sorted, (30 + 60) / 2 = 45.0. */
static void
test_bsem_followup (void)
{
  g_autofree char *dir = lozere_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcRun) run = ic_test_run (plugins, dir, 2025, "bsem_followup_rate", FALSE, NULL, &error);
  IcResult *r;

  g_assert_no_error (error);
  r = ic_test_result (run, "bsem_followup_rate");
  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (r->numerator, ==, 82);
  g_assert_cmpint (r->denominator, ==, 100);
  g_assert_cmpint (r->value_tenths, ==, 820);
  g_assert_cmpint (r->target_met, ==, 1);
  for (guint i = 0; i < r->details->len; i++)
    {
      const IcDetail *d = r->details->pdata[i];
      if (strcmp (d->key, "open") == 0)
        g_assert_cmpint (d->a, ==, 15);
      else
        g_assert_cmpint (d->a * 10, ==, 450 * d->b); /* 45.0 exactly */
    }
  g_assert_cmpuint (r->details->len, ==, 3);
  g_assert_cmpstr (r->text_fr, ==, "82 orientations issues du BSEM clôturées en 2024-2025 sur 100 l'ont été avec un "
                                   "suivi réalisé, soit 82,0 %");
}

/* bsem_referrals.csv's rules (spec/child-protection.md): an outcome without
 * its closing date is an invalid row, named with its line and column. */
static void
test_referral_rules (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcRun) run = NULL;
  g_autofree char *path = ic_test_write (dir, "bsem_referrals.csv",
                                         "referral_id;person_id;referral_date;domain;outcome;closed_date;care_date\n"
                                         "R1;P1;2024-10-01;VISION;CARE_DONE;2025-01-10;2024-11-02\n"
                                         "R2;P2;2024-10-01;VISION;LOST;;\n"
                                         "R3;P3;2024-10-01;;;2025-01-10;\n"
                                         "R4;P4;2024-10-01;HEARING;CARE_DONE;2024-09-30;\n"
                                         "R5;P5;2024-10-01;DENTAL;;;2024-09-01\n");

  run = ic_test_run (plugins, dir, 2025, "bsem_followup_rate", FALSE, problems, &error);
  g_assert_null (run);
  g_assert_nonnull (error);
  /* line 3: outcome set, closed_date empty; line 4 the reverse; line 5
   * closed before referred; line 6 care before referral */
  g_assert_nonnull (strstr (error->message, "bsem_referrals.csv:3:6: closed_date: an outcome and its closing date go together"));
  g_assert_nonnull (strstr (error->message, "bsem_referrals.csv:4:5: outcome: an outcome and its closing date go together"));
  g_assert_nonnull (strstr (error->message, "bsem_referrals.csv:5:6: closed_date: the file is closed before the referral"));
  g_assert_nonnull (strstr (error->message, "bsem_referrals.csv:6:7: care_date: care received before the referral"));
  ic_test_rmtree (dir);
}

/* `indicore run --config examples/lozere-2025/indicore.conf --year 2025`
 * writes its SOLEN rendering beside the bundle: the golden file
 * tests/golden/lozere-2025.solen.txt, whose figures the README works out
 * (EPP 60 / 520 = 11.5 % against the département's « au moins 65 en nombre », not
 * met; home visits 140 ≥ 120, met; BSEM 480 / 560 = 85.7 % ≥ 85, met;
 * follow-up 82 / 100; IP received 150, evaluated 120, 90 in time, 75 %). */
static void
test_lozere_golden (void)
{
  g_autofree char *dir = lozere_dir ();
  g_autofree char *conf = g_build_filename (dir, "indicore.conf", NULL);
  g_autofree char *out_dir = ic_test_tmpdir ();
  g_autofree char *bundle = g_build_filename (out_dir, "bundle-2025.json", NULL);
  g_autofree char *solen_path = g_build_filename (out_dir, "bundle-2025.solen.txt", NULL);
  g_autofree char *golden_path = g_build_filename (ic_test_source_dir (), "tests", "golden", "lozere-2025.solen.txt", NULL);
  g_autofree char *actual = NULL, *expected = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "run", "--config", conf, "--year", "2025", "--out", bundle, NULL };

  g_setenv ("SOURCE_DATE_EPOCH", "1767258000", TRUE); /* 2026-01-01T09:00:00Z */
  g_assert_cmpint (ic_test_spawn (argv, NULL, NULL), ==, 0);
  g_file_get_contents (solen_path, &actual, NULL, &error);
  g_assert_no_error (error);
  assert_lines_fit (actual);
  if (g_strcmp0 (g_getenv ("IC_UPDATE_GOLDEN"), "1") == 0)
    {
      g_file_set_contents (golden_path, actual, -1, &error);
      g_assert_no_error (error);
    }
  g_file_get_contents (golden_path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
  ic_test_rmtree (out_dir);
}

/* « progress count », decided on the previous bundle's numerator: IPs
 * evaluated in time, 25 in 2024 against 20 in 2023 (README), met; women
 * with an EPP by the PMI, 51 against 45, met. */
static void
test_progress_count (void)
{
  g_autoptr (JsonNode) b2023 = creuse_bundle (2023, NULL);
  g_autofree char *text = ic_json_write (b2023, NULL);
  g_autofree char *dir = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) previous = ic_bundle_history_from_data ("bundle-2023.json", text, -1, &error);
  g_autoptr (GHashTable) targets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  IcTarget progress = { IC_TARGET_PROGRESS, IC_TARGET_ON_COUNT, IC_TARGET_DEPARTMENT, 0 };
  g_autoptr (IcRun) run = NULL;
  IcRunOptions options = { .data_dir = dir, .year = 2024, .department_code = "23", .previous = previous,
                           .department_targets = targets };

  g_assert_no_error (error);
  g_hash_table_insert (targets, (gpointer) "ip_eval_3m_rate", &progress);
  g_hash_table_insert (targets, (gpointer) "epp_pmi_coverage", &progress);
  run = ic_run_execute (plugins, &options, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ic_test_result (run, "ip_eval_3m_rate")->target_met, ==, 1);
  g_assert_cmpint (ic_test_result (run, "epp_pmi_coverage")->target_met, ==, 1);
  run->options.previous = NULL; /* the test's, freed by it */
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  plugins = ic_test_real_plugins ();

  g_test_add_func ("/creuse/frameworks/2024-and-2025-place-apart", test_place_apart);
  g_test_add_func ("/creuse/frameworks/vad-2025-national-target-null", test_vad_2025_target_null);
  g_test_add_func ("/frameworks/shipped", test_frameworks_shipped);
  for (guint i = 0; i < G_N_ELEMENTS (bad_frameworks); i++)
    g_test_add_data_func (bad_frameworks[i].path, &bad_frameworks[i], test_framework_invalid);
  g_test_add_func ("/render/solen/creuse-ip-with-2023", test_creuse_ip_with_2023);
  g_test_add_func ("/render/solen/not-available", test_not_available);
  g_test_add_func ("/render/solen/lines-at-most-100", test_lines_fit);
  g_test_add_func ("/render/all-formats/department-count-target", test_department_count_target);
  g_test_add_func ("/targets/department/progress-count", test_progress_count);
  g_test_add_func ("/indicators/bsem_followup_rate/lozere-2025", test_bsem_followup);
  g_test_add_func ("/tables/bsem_referrals/rules", test_referral_rules);
  g_test_add_func ("/examples/lozere-2025/solen-golden", test_lozere_golden);

  status = g_test_run ();
  ic_plugin_set_free (plugins);
  return status;
}

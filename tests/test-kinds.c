/* test-kinds.c: ABI 1.2 as a plugin meets it, from the call to the bundle:
 * an indicator of kind count with a breakdown, a rate from a tally with a
 * breakdown, finish_distinct and string parameters, the suppression of
 * breakdown strata, bad calls refused, and a plugin built for ABI 1.1 that
 * gives the same indicator as the same source built for 1.2. Every figure
 * is worked out by hand from the rows written_data() lays out. */
#include <string.h>

#include "bundle-history.h"
#include "bundle-writer.h"
#include "json-writer.h"
#include "result-wire.h"
#include "run.h"
#include "test-util.h"

/* U+00A0 NO-BREAK SPACE, in UTF-8. */
#define NBSP "\xc2\xa0"

typedef struct {
  const char *act_type;
  const char *date;
  const char *person;  /* prefix: person PREFIX1, PREFIX2... */
  const char *provider;
  const char *territory;
  int n;
} Rows;

/* The acts, in file order (Nord is met first: territory 1, Sud 2):
 *   12 EPP          2024-03-01  w1..w12  PMI        Nord
 *   10 EPNP         2024-05-01  w1..w10  PMI        Nord
 *    5 EPNP         2024-05-01  s1..s5   PMI        Sud
 *    7 BSEM         2024-06-01  s1..s7   PMI        Sud
 *   20 VAD_PRENATAL 2024-07-01  v1..v20  PMI        (none)
 *    3 EPP          2024-08-01  m1..m3   MATERNITY  Nord
 *    2 EPP          2023-12-31  o1..o2   PMI        Nord   (before 2024)
 *    1 EPP          2025-01-01  p1       PMI        Nord   (after 2024) */
static const Rows rows[] = {
  { "EPP", "2024-03-01", "w", "PMI", "Nord", 12 },
  { "EPNP", "2024-05-01", "w", "PMI", "Nord", 10 },
  { "EPNP", "2024-05-01", "s", "PMI", "Sud", 5 },
  { "BSEM", "2024-06-01", "s", "PMI", "Sud", 7 },
  { "VAD_PRENATAL", "2024-07-01", "v", "PMI", "", 20 },
  { "EPP", "2024-08-01", "m", "MATERNITY", "Nord", 3 },
  { "EPP", "2023-12-31", "o", "PMI", "Nord", 2 },
  { "EPP", "2025-01-01", "p", "PMI", "Nord", 1 },
};

typedef struct {
  char *data;
  char *plugins_dir;
  IcPluginSet *plugins;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *dirs[2] = { NULL, NULL };
  GString *csv = g_string_new ("act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n");
  int id = 0;
  (void) data;

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (int k = 1; k <= rows[r].n; k++)
      g_string_append_printf (csv, "a%d,%s,%s,%s%d,,%s,SF,%s\n", ++id, rows[r].act_type, rows[r].date, rows[r].person,
                              k, rows[r].provider, rows[r].territory);
  f->data = ic_test_tmpdir ();
  g_free (ic_test_write (f->data, "pmi_acts.csv", csv->str));
  g_string_free (csv, TRUE);
  f->plugins_dir = g_build_filename (ic_test_fixtures_dir (), "kinds", NULL);
  dirs[0] = f->plugins_dir;
  f->plugins = ic_plugin_set_scan (dirs, NULL);
  g_assert_cmpuint (f->plugins->refused->len, ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  ic_test_rmtree (f->data);
  g_free (f->data);
  g_free (f->plugins_dir);
  ic_plugin_set_free (f->plugins);
}

/* Runs @only (comma-separated) with @id's parameter "case" at @c (@id
 * NULL: no parameter set). */
static IcRun *
run_case (Fixture *f, const char *only, const char *id, gint64 c)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_hash_table_unref);
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_auto (GStrv) ids = g_strsplit (only, ",", -1);
  gint64 *value = g_new (gint64, 1);
  IcRunOptions options = {
    .data_dir = f->data, .year = 2024, .department_code = "99", .department_name = "Test",
    .only = (const char *const *) ids, .overrides = overrides, .small_count = 10,
  };
  IcRun *run;

  *value = c;
  g_hash_table_insert (params, (gpointer) "case", value);
  if (id != NULL)
    g_hash_table_insert (overrides, (gpointer) id, params);
  else
    g_hash_table_unref (params);
  run = ic_run_execute (f->plugins, &options, problems, &error);
  g_assert_no_error (error);
  return run;
}

static const IcBreakdownStratum *
code_stratum (const IcResult *r, guint breakdown, guint i)
{
  const IcBreakdown *b = r->breakdowns->pdata[breakdown];
  g_assert_cmpuint (i, <, b->strata->len);
  return &g_array_index (b->strata, IcBreakdownStratum, i);
}

static void
assert_code (const IcResult *r, guint i, const char *code, gint64 num, gint64 den, gint64 tenths, gboolean hidden)
{
  const IcBreakdownStratum *s = code_stratum (r, 0, i);
  g_assert_cmpstr (s->name, ==, code);
  g_assert_cmpint (s->numerator, ==, num);
  g_assert_cmpint (s->denominator, ==, den);
  g_assert_cmpint (s->value_tenths, ==, tenths);
  g_assert_cmpint (s->suppressed, ==, hidden);
}

static void
assert_territory (const IcResult *r, guint i, const char *name, gint64 num, gint64 den, gint64 tenths, gboolean hidden)
{
  const IcStratum *s = &g_array_index (r->strata, IcStratum, i);
  g_assert_cmpuint (i, <, r->strata->len);
  g_assert_cmpstr (s->name, ==, name);
  g_assert_cmpint (s->numerator, ==, num);
  g_assert_cmpint (s->denominator, ==, den);
  g_assert_cmpint (s->value_tenths, ==, tenths);
  g_assert_cmpint (s->suppressed, ==, hidden);
}

/* The acts of the PMI in 2024: 12 + 10 + 5 + 7 + 20 = 54, those of 2023
 * and 2025 and the 3 of the maternity left out. Nord 12 + 10 = 22, Sud
 * 5 + 7 = 12, the 20 without territory in the total only. By act_type,
 * sorted by code: BSEM 7, EPNP 10 + 5 = 15, EPP 12, VAD_PRENATAL 20. BSEM's
 * 7 is small (1 to 10): hidden, and with it the smallest other, EPP's 12,
 * lest 7 be 54 - 15 - 12 - 20. The total, 54, is never hidden. */
static void
test_count_breakdown (Fixture *f, gconstpointer data)
{
  g_autoptr (IcRun) run = run_case (f, "fixture_count", "fixture_count", 0);
  g_autoptr (JsonNode) bundle = NULL;
  g_autofree char *text = NULL;
  IcResult *r = ic_test_result (run, "fixture_count");
  JsonObject *o, *b;
  (void) data;

  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (r->kind, ==, IC_KIND_COUNT);
  g_assert_cmpint (r->numerator, ==, 54);
  g_assert_false (r->has_denominator);
  g_assert_cmpint (r->value_tenths, ==, 540);
  g_assert_cmpstr (r->text_fr, ==, "54 actes de la PMI en 2024");
  g_assert_false (r->has_ci95);
  g_assert_cmpuint (r->strata->len, ==, 2);
  assert_territory (r, 0, "Nord", 22, 0, 220, FALSE);
  assert_territory (r, 1, "Sud", 12, 0, 120, FALSE);
  g_assert_cmpuint (((IcBreakdown *) r->breakdowns->pdata[0])->strata->len, ==, 4);
  assert_code (r, 0, "BSEM", 7, 0, 70, TRUE);
  assert_code (r, 1, "EPNP", 15, 0, 150, FALSE);
  assert_code (r, 2, "EPP", 12, 0, 120, TRUE);
  assert_code (r, 3, "VAD_PRENATAL", 20, 0, 200, FALSE);

  /* The bundle (validated against the schema by ic_test_bundle). */
  bundle = ic_test_bundle (run);
  o = ic_test_bundle_indicator (bundle, "fixture_count");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "count");
  g_assert_true (json_object_get_null_member (o, "numerator"));
  g_assert_true (json_object_get_null_member (o, "denominator"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (o, "value")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (o, "value"), ==, 54);
  b = json_array_get_object_element (json_object_get_array_member (o, "breakdowns"), 0);
  g_assert_cmpstr (json_object_get_string_member (b, "column"), ==, "act_type");
  g_assert_cmpstr (json_object_get_string_member (b, "label"), ==, "type d'acte");
  text = ic_json_write (json_object_get_member (b, "strata"), NULL);
  g_assert_nonnull (strstr (text, "\"code\": \"BSEM\",\n"));
  g_assert_null (strstr (text, "7"));
  g_assert_null (strstr (text, "12"));
}

/* The same rows as a rate: of the 57 acts of 2024 (54 of the PMI and 3 of
 * the maternity), 54 by the PMI: 5400 / 57 = 94.74 -> 94,7 %. Nord 22 of
 * 12 + 10 + 3 = 25: 88,0 %; Sud 12 of 12: 100,0 %. By act_type: BSEM 7/7,
 * EPNP 15/15, EPP 12/15 (80,0 %), VAD_PRENATAL 20/20. BSEM (7) hidden, and
 * the smallest numerator of the others, EPP's 12. */
static void
test_rate_tally (Fixture *f, gconstpointer data)
{
  g_autoptr (IcRun) run = run_case (f, "fixture_rate_tally", "fixture_rate_tally", 0);
  g_autoptr (JsonNode) bundle = NULL;
  IcResult *r = ic_test_result (run, "fixture_rate_tally");
  (void) data;

  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (r->numerator, ==, 54);
  g_assert_cmpint (r->denominator, ==, 57);
  g_assert_cmpint (r->value_tenths, ==, 947);
  g_assert_cmpstr (r->text_fr, ==, "54 actes de la PMI sur 57, soit 94,7 %");
  assert_territory (r, 0, "Nord", 22, 25, 880, FALSE);
  assert_territory (r, 1, "Sud", 12, 12, 1000, FALSE);
  assert_code (r, 0, "BSEM", 7, 7, 1000, TRUE);
  assert_code (r, 1, "EPNP", 15, 15, 1000, FALSE);
  assert_code (r, 2, "EPP", 12, 15, 800, TRUE);
  assert_code (r, 3, "VAD_PRENATAL", 20, 20, 1000, FALSE);
  bundle = ic_test_bundle (run);
  g_assert_cmpstr (json_object_get_string_member (ic_test_bundle_indicator (bundle, "fixture_rate_tally"), "kind"), ==, "rate");
}

/* finish_distinct over persons in 2024: Nord w1..w12 and m1..m3 (15), Sud
 * s1..s7 (7), v1..v20 without territory (20): 42; of the PMI all but
 * m1..m3: 39. 3900 / 42 = 92.86 -> 92,9 %; Nord 12/15 = 80,0 %, Sud 7/7.
 * Sud's 7 is small: hidden, and Nord with it (the only other). The hand
 * stratum EPP 2/3 = 66,7 %, small, is hidden alone: a breakdown of one
 * stratum has no other to give it away. The string parameters: the
 * definition's "EPP,EPNP" and the fallback "X", both in the bundle. The
 * accessors of the new column kinds give NULL for a column of another kind
 * or an undeclared table (4 of 4). */
static void
test_distinct_and_strings (Fixture *f, gconstpointer data)
{
  g_autoptr (IcRun) run = run_case (f, "fixture_misuse", "fixture_misuse", 0);
  g_autoptr (JsonNode) bundle = NULL;
  IcResult *r = ic_test_result (run, "fixture_misuse");
  JsonObject *parameters;
  (void) data;

  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (r->numerator, ==, 39);
  g_assert_cmpint (r->denominator, ==, 42);
  g_assert_cmpint (r->value_tenths, ==, 929);
  assert_territory (r, 0, "Nord", 12, 15, 800, TRUE);
  assert_territory (r, 1, "Sud", 7, 7, 1000, TRUE);
  assert_code (r, 0, "EPP", 2, 3, 667, TRUE);
  for (guint i = 0; i < r->details->len; i++)
    {
      const IcDetail *d = r->details->pdata[i];
      gint64 expected = strcmp (d->key, "den_t1") == 0 ? 15 : strcmp (d->key, "den_t2") == 0 ? 7
                        : strcmp (d->key, "null_accessors") == 0 ? 4 : 0;
      g_assert_cmpint (d->a, ==, expected);
    }
  g_assert_cmpuint (r->details->len, ==, 5);
  bundle = ic_test_bundle (run);
  parameters = json_object_get_object_member (
      json_object_get_object_member (ic_test_bundle_indicator (bundle, "fixture_misuse"), "definition"), "parameters");
  g_assert_cmpstr (json_object_get_string_member (parameters, "types"), ==, "EPP,EPNP");
  g_assert_cmpstr (json_object_get_string_member (parameters, "absent"), ==, "X");
  g_assert_cmpint (json_object_get_int_member (parameters, "case"), ==, 0);
}

/* One bad call each: the indicator in error naming the call, no number
 * published; the other indicators unaffected. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *id;
    gint64 c;
    const char *reason;
  } cases[] = {
    { "fixture_misuse", 1, "le module a appelé add_breakdown_stratum de façon invalide : le code 0 n'est pas dans la "
                           "colonne act_type (de 1 à 7 ; 0 est une valeur manquante)" },
    { "fixture_misuse", 2, "le module a appelé add_breakdown_stratum de façon invalide : le code 999 n'est pas dans la "
                           "colonne act_type (de 1 à 7 ; 0 est une valeur manquante)" },
    { "fixture_misuse", 3, "le module a appelé add_breakdown_stratum de façon invalide : le numérateur -1 est négatif" },
    { "fixture_misuse", 4, "le module a appelé set_count de façon invalide : l'indicateur est un taux (« kind » : "
                           "« rate ») : set_counts() et add_stratum() en donnent les effectifs" },
    { "fixture_misuse", 5, "le module a appelé add_breakdown_stratum de façon invalide : une ventilation que la "
                           "définition ne déclare pas (« breakdowns »)" },
    { "fixture_misuse", 6, "le module a appelé param_int de façon invalide : le paramètre types est une chaîne, que "
                           "param_string() donne" },
    { "fixture_count", 1, "le module a appelé add_count_stratum de façon invalide : le nombre -1 est négatif" },
    { "fixture_count", 2, "le module a appelé set_counts de façon invalide : l'indicateur est un nombre (« kind » : "
                          "« count ») : set_count() et add_count_stratum() en donnent la valeur" },
  };
  (void) data;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (IcRun) run = run_case (f, "fixture_misuse,fixture_count", cases[i].id, cases[i].c);
      g_autoptr (JsonNode) bundle = ic_test_bundle (run);
      IcResult *r = ic_test_result (run, cases[i].id);
      IcResult *other = ic_test_result (run, strcmp (cases[i].id, "fixture_count") == 0 ? "fixture_misuse" : "fixture_count");

      g_assert_cmpint (r->status, ==, IC_STATUS_ERROR);
      g_assert_cmpstr (r->reason, ==, cases[i].reason);
      g_assert_false (r->has_numerator);
      g_assert_cmpuint (r->strata->len, ==, 0);
      g_assert_cmpuint (((IcBreakdown *) r->breakdowns->pdata[0])->strata->len, ==, 0);
      g_assert_cmpint (other->status, ==, IC_STATUS_OK);
    }
}

/* A count of 1 takes the singular; its one territory stratum (1) is hidden
 * alone, there being no other; the total is not. */
static void
test_count_singular (Fixture *f, gconstpointer data)
{
  g_autoptr (IcRun) run = run_case (f, "fixture_count", "fixture_count", 3);
  IcResult *r = ic_test_result (run, "fixture_count");
  (void) data;

  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpstr (r->text_fr, ==, "1 acte de la PMI en 2024");
  assert_territory (r, 0, "Nord", 1, 0, 10, TRUE);
  g_assert_true (r->has_value);
}

/* fixture_count (54) with the département's target « progress » against
 * an earlier bundle whose count was @before: met when 54 > @before. */
static int
progress_met (Fixture *f, const char *before)
{
  g_autofree char *text = g_strdup_printf (
      "{ \"bundle_version\": \"1.1\", \"generator\": { \"version\": \"test\" }, "
      "\"generated_at\": \"2025-03-01T09:00:00Z\", \"department\": { \"code\": \"99\" }, \"year\": 2023, "
      "\"indicators\": [ { \"id\": \"fixture_count\", \"title\": \"T\", \"status\": \"ok\", \"kind\": \"count\", "
      "\"period\": { \"start\": \"2023-01-01\", \"end\": \"2023-12-31\", \"label\": \"2023\" }, "
      "\"numerator\": null, \"denominator\": null, \"value\": %s, \"unit\": \"actes\", \"breakdowns\": [] } ] }",
      before);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) previous = ic_bundle_history_from_data ("previous.json", text, -1, &error);
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (GHashTable) targets = g_hash_table_new (g_str_hash, g_str_equal);
  IcTarget progress = { IC_TARGET_PROGRESS, IC_TARGET_ON_VALUE, IC_TARGET_DEPARTMENT, 0 };
  const char *only[] = { "fixture_count", NULL };
  IcRunOptions options = {
    .data_dir = f->data, .year = 2024, .department_code = "99", .department_name = "Test",
    .only = only, .small_count = 10, .department_targets = targets,
  };
  g_autoptr (IcRun) run = NULL;
  IcResult *r;

  g_assert_no_error (error);
  options.previous = previous;
  g_hash_table_insert (targets, (gpointer) "fixture_count", &progress);
  run = ic_run_execute (f->plugins, &options, problems, &error);
  g_assert_no_error (error);
  r = ic_test_result (run, "fixture_count");
  /* A count's target is on its count, whatever it was set on. */
  g_assert_cmpint (r->target.on, ==, IC_TARGET_ON_COUNT);
  run->options.previous = NULL;
  return r->target_met;
}

/* 54 acts against 50 the year before: progress; against 54 or 60: not. */
static void
test_count_progress (Fixture *f, gconstpointer data)
{
  (void) data;
  g_assert_cmpint (progress_met (f, "50"), ==, 1);
  g_assert_cmpint (progress_met (f, "54"), ==, 0);
  g_assert_cmpint (progress_met (f, "60"), ==, 0);
}

/* The indicator of @id in @bundle as text, its id, title and plugin file
 * (which name the plugin) left out. */
static char *
indicator_text (JsonNode *bundle, const char *id)
{
  g_autoptr (JsonNode) copy = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_ref (ic_test_bundle_indicator (bundle, id));
  g_autoptr (JsonObject) plain = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (o);

  for (GList *l = members; l; l = l->next)
    if (strcmp (l->data, "id") != 0 && strcmp (l->data, "plugin") != 0)
      json_object_set_member (plain, l->data, json_node_copy (json_object_get_member (o, l->data)));
  json_object_unref (o);
  json_node_set_object (copy, plain);
  return ic_json_write (copy, NULL);
}

/* Built for ABI 1.1 (minor 1) and for 1.2 from the same source: the same
 * indicator, byte for byte. By hand: 3 / 8 = 37,5 %; Nord 1/3, Sud 2/5,
 * both small, hidden; a rate, no breakdown. */
static void
test_abi_1_1 (Fixture *f, gconstpointer data)
{
  g_autoptr (IcRun) run = run_case (f, "fixture_abi_1_1,fixture_abi_1_2", NULL, 0);
  g_autoptr (JsonNode) bundle = ic_test_bundle (run);
  g_autofree char *old = indicator_text (bundle, "fixture_abi_1_1");
  g_autofree char *now = indicator_text (bundle, "fixture_abi_1_2");
  IcResult *r = ic_test_result (run, "fixture_abi_1_1");
  (void) data;

  g_assert_cmpuint (ic_plugin_set_find (f->plugins, "fixture_abi_1_1")->info.abi_minor, ==, 1);
  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (r->kind, ==, IC_KIND_RATE);
  g_assert_cmpint (r->value_tenths, ==, 375);
  g_assert_cmpstr (r->text_fr, ==, "3 sur 8, soit 37,5 %");
  g_assert_cmpstr (r->warnings->pdata[0], ==, "2 actes comptés deux fois");
  assert_territory (r, 0, "Nord", 1, 3, 333, TRUE);
  assert_territory (r, 1, "Sud", 2, 5, 400, TRUE);
  g_assert_nonnull (strstr (old, "\"kind\": \"rate\""));
  g_assert_nonnull (strstr (old, "\"breakdowns\": []"));
  g_assert_cmpstr (old, ==, now);
}

/* A count's result as the parent receives it from a child that went round
 * the api: sent through the wire, then checked against the run's data. */
static IcResult *
forged (IcRun *run, IcPlugin *plugin, guint16 code, gint64 count, gint64 code_count, gboolean with_denominator)
{
  IcPeriod period;
  g_autoptr (IcResult) sent = NULL;
  g_autoptr (GVariant) variant = NULL;
  IcResult *received;
  IcResultBounds bounds;

  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  sent = ic_result_new ("fixture_count", plugin->definition, &period);
  received = ic_result_new ("fixture_count", plugin->definition, &period);
  sent->has_numerator = TRUE;
  sent->numerator = count;
  sent->has_denominator = with_denominator;
  sent->denominator = with_denominator ? count : 0;
  g_assert_true (ic_result_add_breakdown_stratum (sent, "pmi_acts", "act_type", code, code_count, 0));
  variant = g_variant_ref_sink (ic_result_to_variant (sent));
  g_assert_true (ic_result_update_from_variant (received, variant));
  ic_result_bounds_init (&bounds, run->dataset);
  ic_result_check (received, &bounds);
  return received;
}

/* The parent checks again what the api checked in the child: a code not in
 * the column (act_type has its 7 codes), a code's count above the total, a
 * count with a denominator; a breakdown the definition lacks makes the
 * answer unreadable. A sane one is named by its code. */
static void
test_checked_in_parent (Fixture *f, gconstpointer data)
{
  g_autoptr (IcRun) run = run_case (f, "fixture_count", NULL, 0);
  IcPlugin *plugin = ic_plugin_set_find (f->plugins, "fixture_count");
  static const struct {
    guint16 code;
    gint64 count, code_count;
    gboolean with_denominator;
    const char *reason;
  } cases[] = {
    { 8, 5, 1, FALSE, "une strate de la ventilation par act_type dont le code 8 n'est pas dans la colonne (de 1 à 7)" },
    { 1, 5, 6, FALSE, "un effectif de la strate 1 de la ventilation par act_type supérieur à celui du total" },
    { 1, 5, 1, TRUE, "un dénominateur pour un indicateur de type nombre" },
  };
  IcResult *r;
  IcPeriod period;
  g_autoptr (IcResult) other = NULL;
  g_autoptr (GVariant) variant = NULL;
  (void) data;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reason = g_strdup_printf ("le module a rendu des chiffres ou des textes invalides : %s",
                                                 cases[i].reason);
      r = forged (run, plugin, cases[i].code, cases[i].count, cases[i].code_count, cases[i].with_denominator);
      g_assert_cmpint (r->status, ==, IC_STATUS_ERROR);
      g_assert_cmpstr (r->reason, ==, reason);
      g_assert_cmpuint (((IcBreakdown *) r->breakdowns->pdata[0])->strata->len, ==, 0);
      ic_result_free (r);
    }
  /* Code 3 is BSEM, the third of the schema's codes. */
  r = forged (run, plugin, 3, 5, 2, FALSE);
  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpstr (code_stratum (r, 0, 0)->name, ==, "BSEM");
  /* fixture_abi_1_1's definition has no breakdown. */
  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  other = ic_result_new ("fixture_abi_1_1", ic_plugin_set_find (f->plugins, "fixture_abi_1_1")->definition, &period);
  variant = g_variant_ref_sink (ic_result_to_variant (r));
  g_assert_false (ic_result_update_from_variant (other, variant));
  ic_result_free (r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/kinds/count/breakdown", test_count_breakdown);
  ADD ("/kinds/count/singular", test_count_singular);
  ADD ("/kinds/count/progress", test_count_progress);
  ADD ("/kinds/rate/tally", test_rate_tally);
  ADD ("/kinds/rate/distinct-and-strings", test_distinct_and_strings);
  ADD ("/kinds/refused", test_refused);
  ADD ("/kinds/abi-1-1/same-indicator", test_abi_1_1);
  ADD ("/kinds/checked-in-parent", test_checked_in_parent);
#undef ADD
  return g_test_run ();
}

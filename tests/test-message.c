/* test-message.c: the French of the reports: the plural rule, the
 * templates of the definitions, every message and sentence of every
 * definition at 0, 1 and 2, the core's own reasons, and a plugin's
 * messages from the call to the bundle (ABI 1.1), beside a plugin built for
 * ABI 1.0 whose free text is published unchanged. */
#include <string.h>

#include "definition.h"
#include "french-template.h"
#include "population.h"
#include "result.h"
#include "run.h"
#include "test-util.h"

#define NBSP "\u00a0"

/* ---- the rule and the templates ------------------------------------------ */

/* French: singular for 0 and 1 (« 0 femme », « 1 femme »), plural from 2. */
static void
test_plural_rule (void)
{
  g_assert_cmpstr (ic_fr_plural (0, "femme", "femmes"), ==, "femme");
  g_assert_cmpstr (ic_fr_plural (1, "femme", "femmes"), ==, "femme");
  g_assert_cmpstr (ic_fr_plural (2, "femme", "femmes"), ==, "femmes");
  g_assert_cmpstr (ic_fr_plural (1560, "femme", "femmes"), ==, "femmes");
  g_assert_cmpstr (ic_fr_plural (-1, "point", "points"), ==, "point");
  g_assert_cmpstr (ic_fr_plural (-2, "point", "points"), ==, "points");
}

static char *
expand_n (const char *text, gint64 n)
{
  const IcTemplateArg args[] = { { "n", IC_TEMPLATE_INT, n, NULL }, { "Y", IC_TEMPLATE_TEXT, 0, "2024" } };
  return ic_template_expand (text, args, G_N_ELEMENTS (args));
}

static void
test_template_choice (void)
{
  const char *text = "{n} {n:ligne invalide écartée|lignes invalides écartées} en {Y}";
  g_autofree char *zero = expand_n (text, 0), *one = expand_n (text, 1), *two = expand_n (text, 2);
  g_autofree char *many = expand_n (text, 12345);

  g_assert_cmpstr (zero, ==, "0 ligne invalide écartée en 2024");
  g_assert_cmpstr (one, ==, "1 ligne invalide écartée en 2024");
  g_assert_cmpstr (two, ==, "2 lignes invalides écartées en 2024");
  /* 12345 grouped by thousands with a no-break space */
  g_assert_cmpstr (many, ==, "12" NBSP "345 lignes invalides écartées en 2024");
}

static void
test_template_problems (void)
{
  const char *names[] = { "n", "Y", NULL }, *counts[] = { "n", NULL };
  const struct {
    const char *text, *problem;
  } cases[] = {
    { "{n} {n:a|ont}", NULL },
    { "{n:|s}", NULL },                                         /* an empty singular is a form too */
    { "{m}", "unknown placeholder {m} (known: {n} {Y})" },
    { "{Y:an|ans}", "a choice by {Y}, which is not a count" },
    { "{n:a}", "a choice without '|' (expected {name:singular|plural})" },
    { "{n:a|b|c}", "a choice with more than one '|'" },
    { "{n", "a '{' without its '}'" },
    { "{}", "a '{' not followed by a parameter name" },
    { "{n:a{b|c}", "a '{' inside a choice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = ic_template_problem (cases[i].text, names, counts);
      g_assert_cmpstr (problem, ==, cases[i].problem);
    }
}

/* ---- a definition's messages, checked when it is read -------------------- */

#define DEFINITION_WITH(messages)                                                                         \
  "{ \"id\": \"t\", \"version\": \"1\", \"title\": \"T\", "                                              \
  "\"solen\": { \"engagement\": 1, \"objective\": 1, \"label\": \"L\" }, \"period\": \"calendar_year\", "       \
  "\"unit\": \"%\", \"target\": null, \"numerator\": \"n\", \"denominator\": \"d\", \"text_fr\": \"{value} %\", " \
  "\"messages\": " messages " }"

static void
test_definition_messages (void)
{
  const struct {
    const char *text, *error;
  } cases[] = {
    { DEFINITION_WITH ("{ \"a\": \"aucune donnée pour {period}\", \"b\": { \"one\": \"{n} x\", \"other\": \"{n} x\" } }"),
      NULL },
    { DEFINITION_WITH ("{ \"a\": { \"one\": \"{k} x\", \"other\": \"{k} y\", \"count\": \"k\" } }"), NULL },
    { DEFINITION_WITH ("[]"), "test.json: member \"messages\": expected an object: message id -> its French forms" },
    { DEFINITION_WITH ("{ \"A\": \"x\" }"),
      "test.json: member \"messages.A\": a message id is 1 to 64 characters of a-z, 0-9 and _" },
    { DEFINITION_WITH ("{ \"a\": 3 }"),
      "test.json: member \"messages.a\": expected a string, or an object with \"one\" and \"other\"" },
    { DEFINITION_WITH ("{ \"a\": { \"one\": \"{n} x\" } }"), "test.json: member \"messages.a.other\": missing" },
    { DEFINITION_WITH ("{ \"a\": { \"one\": \"{n} x\", \"other\": \"{n} y\", \"few\": \"z\" } }"),
      "test.json: member \"messages.a\": unknown member \"few\" (known: one, other, count)" },
    { DEFINITION_WITH ("{ \"a\": { \"one\": \"x\", \"other\": \"y\" } }"),
      "test.json: member \"messages.a\": no form uses {n}, which chooses between one and other" },
    { DEFINITION_WITH ("{ \"a\": \"{n:x}\" }"),
      "test.json: member \"messages.a\": a choice without '|' (expected {name:singular|plural})" },
    { DEFINITION_WITH ("{ \"a\": \"{Nom}\" }"),
      "test.json: member \"messages.a\": parameter {Nom}: a name is 1 to 64 characters of a-z, 0-9 and _" },
    { DEFINITION_WITH ("{ \"a\": \"{a}{b}{c}{d}{e}{f}{g}{h}{i}\" }"),
      "test.json: member \"messages.a\": more than 8 parameters" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IcDefinition) d = ic_definition_load_from_data ("test.json", cases[i].text, -1, &error);
      if (cases[i].error == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (d->messages->len, >, 0);
        }
      else
        {
          g_assert_null (d);
          g_assert_cmpstr (error->message, ==, cases[i].error);
        }
    }
}

/* ---- every definition, every form, at 0, 1 and 2 ------------------------- */

static GPtrArray *
real_definitions (void)
{
  g_autofree char *dir = g_build_filename (ic_test_source_dir (), "indicators", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  GPtrArray *definitions = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_definition_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      IcDefinition *d;
      if (!g_str_has_suffix (name, ".json"))
        continue;
      d = ic_definition_load (path, &error);
      g_assert_no_error (error);
      g_ptr_array_add (definitions, d);
    }
  g_assert_cmpuint (definitions->len, >=, 6);
  return definitions;
}

static void
assert_filled (const char *id, const char *text)
{
  g_test_message ("%s: %s", id, text);
  if (strchr (text, '{') != NULL || strchr (text, '}') != NULL || strchr (text, '|') != NULL)
    g_error ("%s: « %s » keeps a placeholder", id, text);
}

/* A message with every parameter at @k, as a plugin would send it. */
static char *
compose_at (const IcDefinition *d, const IcMessage *m, gint64 k)
{
  g_autoptr (IcMessageCall) call = ic_message_call_new (IC_MESSAGE_WARNING, m->id);
  g_autofree char *problem = NULL;

  for (guint p = 0; m->params[p]; p++)
    ic_message_call_add (call, m->params[p], k);
  problem = ic_message_call_problem (d->messages, call);
  g_assert_null (problem);
  return ic_message_compose (d->messages, call, "2024", 2024);
}

static void
test_every_form (void)
{
  g_autoptr (GPtrArray) definitions = real_definitions ();

  for (guint i = 0; i < definitions->len; i++)
    {
      const IcDefinition *d = definitions->pdata[i];
      for (gint64 num = 0; num <= 2; num++)
        for (gint64 den = 0; den <= 2; den++)
          {
            g_autofree char *text = ic_definition_expand_text (d, num, den, 500, "2023-2024", 2024);
            assert_filled (d->id, text);
          }
      for (guint k = 0; k < d->messages->len; k++)
        {
          const IcMessage *m = d->messages->pdata[k];
          g_autofree char *zero = compose_at (d, m, 0), *one = compose_at (d, m, 1), *two = compose_at (d, m, 2);
          assert_filled (m->id, zero);
          assert_filled (m->id, one);
          assert_filled (m->id, two);
          /* 0 and 1 take the same form; 2 the other one, when there is one. */
          if (m->other != NULL)
            {
              g_assert_true (g_str_has_prefix (zero, "0 ") && g_str_has_prefix (one, "1 "));
              g_assert_cmpstr (zero + 1, ==, one + 1);
              g_assert_cmpstr (one + 1, !=, two + 1);
            }
        }
    }
}

static const IcDefinition *
find_definition (GPtrArray *definitions, const char *id)
{
  for (guint i = 0; i < definitions->len; i++)
    if (strcmp (((IcDefinition *) definitions->pdata[i])->id, id) == 0)
      return definitions->pdata[i];
  g_error ("no definition %s", id);
}

static char *
sentence (GPtrArray *definitions, const char *id, gint64 num, gint64 den, gint64 tenths)
{
  return ic_definition_expand_text (find_definition (definitions, id), num, den, tenths, "2023-2024", 2024);
}

/* Written by hand, as a civil servant would: the singular for 0 and 1 on
 * each count on its own, the denominator named. */
static void
test_sentences_by_hand (void)
{
  g_autoptr (GPtrArray) definitions = real_definitions ();
  struct {
    const char *id;
    gint64 num, den, tenths;
    const char *expected;
  } cases[] = {
    /* 1 / 1 = 100,0 % */
    { "epp_pmi_coverage", 1, 1, 1000,
      "1 femme a bénéficié d'un EPP réalisé par la PMI en 2024 sur 1 naissance, soit 100,0 %" },
    /* 0 / 1 = 0,0 % */
    { "epp_pmi_coverage", 0, 1, 0,
      "0 femme a bénéficié d'un EPP réalisé par la PMI en 2024 sur 1 naissance, soit 0,0 %" },
    /* 51 / 770 = 6,6 % */
    { "epnp_pmi_coverage", 51, 770, 66,
      "51 femmes ont bénéficié d'un EPNP réalisé par la PMI en 2024 sur 770 naissances, soit 6,6 %" },
    /* 368 / 1 560 = 23,6 %: « sur 1 560 enfants de moins de 2 ans » */
    { "vad_child_share", 368, 1560, 236,
      "368 enfants de moins de 2 ans ont bénéficié d'une visite à domicile de la PMI en 2024 sur 1" NBSP
      "560 enfants de moins de 2 ans, soit 23,6 %" },
    /* 1 / 2 = 50,0 % */
    { "consultation_child_share", 1, 2, 500,
      "1 enfant de moins de 2 ans a bénéficié d'une consultation infantile de la PMI en 2024 sur 2 enfants "
      "de moins de 2 ans, soit 50,0 %" },
    /* 1 / 1: « dans les 3 mois », the rule being within 3 months */
    { "ip_eval_3m_rate", 1, 1, 1000,
      "1 IP évaluée dans les 3 mois suivant sa réception sur 1 IP évaluée en 2024, soit 100,0 %" },
    /* 2 / 1 = 200,0 %, a form that only counts can give */
    { "bsem_coverage", 2, 1, 2000,
      "2 enfants de 3-4 ans ont bénéficié du BSEM réalisé par la PMI en 2023-2024 sur 1 enfant scolarisé, "
      "soit 200,0 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sentence (definitions, cases[i].id, cases[i].num, cases[i].den, cases[i].tenths);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_messages_by_hand (void)
{
  g_autoptr (GPtrArray) definitions = real_definitions ();
  const IcDefinition *bsem = find_definition (definitions, "bsem_coverage");
  const IcDefinition *vad = find_definition (definitions, "vad_child_share");
  const IcDefinition *ip = find_definition (definitions, "ip_eval_3m_rate");
  const IcMessage *m;
  g_autofree char *bsem_1 = NULL, *bsem_6 = NULL, *vad_2 = NULL, *ip_0 = NULL;

  m = ic_messages_find (bsem->messages, "unknown_age");
  bsem_1 = compose_at (bsem, m, 1);
  bsem_6 = compose_at (bsem, m, 6);
  g_assert_cmpstr (bsem_1, ==, "1 enfant vu par la PMI pour un BSEM n'a pas de date de naissance (person_birth_date) : "
                               "son âge est inconnu et il n'est pas compté");
  g_assert_cmpstr (bsem_6, ==, "6 enfants vus par la PMI pour un BSEM n'ont pas de date de naissance "
                               "(person_birth_date) : leur âge est inconnu et ils ne sont pas comptés");
  vad_2 = compose_at (vad, ic_messages_find (vad->messages, "unknown_age"), 2);
  g_assert_cmpstr (vad_2, ==, "2 enfants visités à domicile par la PMI n'ont pas de date de naissance "
                              "(person_birth_date) : leur âge est inconnu et ils ne sont pas comptés");
  ip_0 = compose_at (ip, ic_messages_find (ip->messages, "no_evaluation"), 0);
  g_assert_cmpstr (ip_0, ==, "aucune évaluation d'IP n'a été conclue en 2024 : le taux n'a pas de dénominateur");
}

/* ---- the core's own words ------------------------------------------------ */

static void
test_core_set_aside (void)
{
  g_autofree char *zero = ic_run_set_aside_warning ("ip.csv", 0);
  g_autofree char *one = ic_run_set_aside_warning ("ip.csv", 1);
  g_autofree char *two = ic_run_set_aside_warning ("ip.csv", 2);
  g_autofree char *many = ic_run_set_aside_warning ("pmi_acts.csv", 1200);

  g_assert_cmpstr (zero, ==, "ip.csv : 0 ligne invalide écartée (--lenient)");
  g_assert_cmpstr (one, ==, "ip.csv : 1 ligne invalide écartée (--lenient)");
  g_assert_cmpstr (two, ==, "ip.csv : 2 lignes invalides écartées (--lenient)");
  g_assert_cmpstr (many, ==, "pmi_acts.csv : 1" NBSP "200 lignes invalides écartées (--lenient)");
}

static void
test_core_population_names (void)
{
  const char *cases[][2] = {
    { "births", "le nombre de naissances" },
    { "children_under_2", "le nombre d'enfants de moins de 2 ans" },
    { "enrolled_3_4", "le nombre d'enfants scolarisés à 3-4 ans" },
    { "other", "l'effectif « other »" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = ic_population_french_name (cases[i][0]);
      g_assert_cmpstr (name, ==, cases[i][1]);
    }
}

/* ---- a plugin's messages, from the call to the bundle --------------------- */

typedef struct {
  char *data;
  char *plugins_dir;
  IcPluginSet *plugins;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *dirs[2] = { NULL, NULL };
  (void) data;
  f->data = ic_test_tmpdir ();
  g_free (ic_test_write (f->data, "pmi_acts.csv",
                         "act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n"
                         "a1,EPP,2024-03-01,w1,,PMI,SF,\n"
                         "a2,EPP,2024-04-01,w2,,PMI,SF,\n"));
  f->plugins_dir = g_build_filename (ic_test_fixtures_dir (), "messages", NULL);
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

static gint64 *
int_new (gint64 value)
{
  gint64 *p = g_new (gint64, 1);
  *p = value;
  return p;
}

/* Runs @id with its parameters @name1 = @value1 and @name2 = @value2 (the
 * configuration's overrides). */
static IcRun *
run_with (Fixture *f, const char *id, const char *name1, gint64 value1, const char *name2, gint64 value2)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_hash_table_unref);
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *only[] = { id, NULL };
  IcRunOptions options = {
    .data_dir = f->data, .year = 2024, .department_code = "99", .department_name = "Test",
    .only = only, .overrides = overrides,
  };
  IcRun *run;

  g_hash_table_insert (params, (gpointer) name1, int_new (value1));
  if (name2)
    g_hash_table_insert (params, (gpointer) name2, int_new (value2));
  g_hash_table_insert (overrides, (gpointer) id, params);
  run = ic_run_execute (f->plugins, &options, problems, &error);
  g_assert_no_error (error);
  return run;
}

/* Built for ABI 1.0: loaded, and its texts published as they are, as before
 * messages existed; the bundle follows the schema. */
static void
test_plugin_abi_1_0 (Fixture *f, gconstpointer data)
{
  g_autoptr (IcRun) ok = run_with (f, "fixture_abi_1_0", "not_available", 0, NULL, 0);
  g_autoptr (IcRun) na = run_with (f, "fixture_abi_1_0", "not_available", 1, NULL, 0);
  g_autoptr (JsonNode) bundle = NULL;
  IcResult *r;
  (void) data;

  r = ic_test_result (ok, "fixture_abi_1_0");
  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  /* 1 / 2 = 50,0 % */
  g_assert_cmpint (r->value_tenths, ==, 500);
  g_assert_cmpuint (r->warnings->len, ==, 1);
  g_assert_cmpstr (r->warnings->pdata[0], ==, "2 rows were looked at twice");
  bundle = ic_test_bundle (ok);
  g_assert_nonnull (bundle);

  r = ic_test_result (na, "fixture_abi_1_0");
  g_assert_cmpint (r->status, ==, IC_STATUS_NOT_AVAILABLE);
  g_assert_cmpstr (r->reason, ==, "fixture_abi_1_0 needs 3 more years of data");
}

/* ABI 1.1: the warning's French by the core, its form by the count. */
static void
test_plugin_warning (Fixture *f, gconstpointer data)
{
  const char *expected[] = {
    "0 dossier a été compté deux fois en 2024",
    "1 dossier a été compté deux fois en 2024",
    "2 dossiers ont été comptés deux fois en 2024",
  };
  (void) data;

  for (gint64 n = 0; n <= 2; n++)
    {
      g_autoptr (IcRun) run = run_with (f, "fixture_messages", "case", 0, "n", n);
      IcResult *r = ic_test_result (run, "fixture_messages");
      g_assert_cmpint (r->status, ==, IC_STATUS_OK);
      g_assert_cmpuint (r->warnings->len, ==, 1);
      g_assert_cmpstr (r->warnings->pdata[0], ==, expected[n]);
      g_assert_cmpuint (r->messages->len, ==, 0);
      /* « 1 personne sur 2 actes » */
      g_assert_cmpstr (r->text_fr, ==, "1 personne sur 2 actes, soit 50,0 %");
    }
}

static void
test_plugin_reason (Fixture *f, gconstpointer data)
{
  g_autoptr (IcRun) one = run_with (f, "fixture_messages", "case", 1, "n", 1);
  g_autoptr (IcRun) two = run_with (f, "fixture_messages", "case", 1, "n", 2);
  (void) data;

  g_assert_cmpint (ic_test_result (one, "fixture_messages")->status, ==, IC_STATUS_NOT_AVAILABLE);
  g_assert_cmpstr (ic_test_result (one, "fixture_messages")->reason, ==, "il manque 1 année de données pour 2024");
  g_assert_cmpstr (ic_test_result (two, "fixture_messages")->reason, ==, "il manque 2 années de données pour 2024");
}

/* Each misuse: the indicator in error, the reason naming the call. */
static void
test_plugin_misuse (Fixture *f, gconstpointer data)
{
  const char *expected[] = {
    [2] = "le module a appelé warning_message de façon invalide : le message « undeclared », que la définition ne déclare pas",
    [3] = "le module a appelé warning_message de façon invalide : le message « counted » sans son paramètre n",
    [4] = "le module a appelé warning_message de façon invalide : le message « counted » : le paramètre m, qu'il n'utilise pas",
    [5] = "le module a appelé warning_message de façon invalide : le message « counted » : "
          "le paramètre n hors limites (au plus 2^53 en valeur absolue)",
    [6] = "le module a appelé warning_message de façon invalide : le message « counted » : le paramètre n donné deux fois",
  };
  (void) data;

  for (guint c = 2; c < G_N_ELEMENTS (expected); c++)
    {
      g_autoptr (IcRun) run = run_with (f, "fixture_messages", "case", c, "n", 1);
      IcResult *r = ic_test_result (run, "fixture_messages");
      g_assert_cmpint (r->status, ==, IC_STATUS_ERROR);
      g_assert_cmpstr (r->reason, ==, expected[c]);
      g_assert_cmpuint (r->warnings->len, ==, 0);
    }
}

/* What the parent reads is data: a call forged past the api (as a child
 * may write its own memory) is checked again before any word is written. */
static void
test_parent_checks (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (ic_test_fixtures_dir (), "messages", "fixture_messages.json", NULL);
  g_autoptr (IcDefinition) d = ic_definition_load (path, &error);
  IcResultBounds bounds = { 1, 10, NULL };
  IcPeriod period;
  struct {
    const char *id, *name;
    gint64 value;
    const char *reason;
  } cases[] = {
    { "counted", "n", 3, NULL },
    { "forged", "n", 3, "le module a rendu des chiffres ou des textes invalides : le message « forged », que la définition ne déclare pas" },
    { "counted", "m", 3, "le module a rendu des chiffres ou des textes invalides : le message « counted » : le paramètre m, "
      "qu'il n'utilise pas" },
    { "counted", "N", 3, "le module a rendu des chiffres ou des textes invalides : le message « counted » : un nom de "
      "paramètre qui n'est pas fait de 1 à 64 caractères de a-z, 0-9 et _" },
    { "counted", "n", G_GINT64_CONSTANT (-9007199254740993),
      "le module a rendu des chiffres ou des textes invalides : le message « counted » : le paramètre n "
      "hors limites (au plus 2^53 en valeur absolue)" },
  };

  g_assert_no_error (error);
  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (IcResult) r = ic_result_new ("fixture_messages", d, &period);
      IcMessageCall *call = ic_message_call_new (IC_MESSAGE_WARNING, cases[i].id);
      ic_message_call_add (call, cases[i].name, cases[i].value);
      ic_result_add_message (r, call);
      g_assert_cmpint (ic_result_check (r, &bounds), ==, cases[i].reason == NULL);
      g_assert_cmpstr (r->reason, ==, cases[i].reason);
      if (cases[i].reason == NULL)
        g_assert_cmpstr (r->warnings->pdata[0], ==, "3 dossiers ont été comptés deux fois en 2024");
      else
        g_assert_cmpuint (r->warnings->len, ==, 0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/message/plural/rule", test_plural_rule);
  g_test_add_func ("/message/template/choice", test_template_choice);
  g_test_add_func ("/message/template/problems", test_template_problems);
  g_test_add_func ("/message/definitions/checked-when-read", test_definition_messages);
  g_test_add_func ("/message/definitions/every-form-at-0-1-2", test_every_form);
  g_test_add_func ("/message/definitions/sentences-by-hand", test_sentences_by_hand);
  g_test_add_func ("/message/definitions/messages-by-hand", test_messages_by_hand);
  g_test_add_func ("/message/core/set-aside", test_core_set_aside);
  g_test_add_func ("/message/core/population-names", test_core_population_names);
  g_test_add ("/message/plugin/abi-1-0-text-kept", Fixture, NULL, fixture_set_up, test_plugin_abi_1_0, fixture_tear_down);
  g_test_add ("/message/plugin/warning", Fixture, NULL, fixture_set_up, test_plugin_warning, fixture_tear_down);
  g_test_add ("/message/plugin/reason", Fixture, NULL, fixture_set_up, test_plugin_reason, fixture_tear_down);
  g_test_add ("/message/plugin/misuse", Fixture, NULL, fixture_set_up, test_plugin_misuse, fixture_tear_down);
  g_test_add_func ("/message/parent/checks", test_parent_checks);
  return g_test_run ();
}

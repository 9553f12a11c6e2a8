/* The indicore program as a user runs it: sub-commands, messages, exit
 * codes (spec/cli.md), and that nothing is written when the input is bad. */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <string.h>

#include "message.h"
#include "table-schema.h"
#include "test-util.h"

static const char births_csv[] =
  "birth_id;birth_date;territory\r\n"
  "B-01;10/01/2024;Nord\r\n"
  "B-02;05/03/2024;Sud\r\n";

static const char acts_csv[] =
  "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\r\n"
  "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n";

/* Line 3, column 3: 31 February does not exist. */
static const char acts_bad_date_csv[] =
  "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\r\n"
  "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n"
  "A-02;EPP;31/02/2024;W-02;;PMI;SF;Nord\r\n";

static char *
data_dir (const char *acts)
{
  char *dir = ic_test_tmpdir ();
  g_free (ic_test_write (dir, "births.csv", births_csv));
  g_free (ic_test_write (dir, "pmi_acts.csv", acts));
  return dir;
}

static void
test_version (void)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "--version", NULL };
  g_assert_cmpint (ic_test_spawn (argv, &out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "indicore 0.1.0"));
}

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *help[] = { "help", NULL };
  const char *run_help[] = { "run", "--help", NULL };
  g_assert_cmpint (ic_test_spawn (help, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "validate"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ic_test_spawn (run_help, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--lenient"));
}

static void
test_usage_errors (void)
{
  const char *unknown[] = { "frobnicate", NULL };
  const char *missing[] = { "run", "--year", "2024", NULL };
  const char *bad_option[] = { "run", "--nonsense", NULL };
  const char *bad_department[] = { "run", "--data", ".", "--year", "2024", "--department", "twenty-three", NULL };
  const char *no_args[] = { NULL };
  g_autofree char *err = NULL;
  g_assert_cmpint (ic_test_spawn (unknown, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command"));
  g_assert_cmpint (ic_test_spawn (missing, NULL, NULL), ==, 2);
  g_assert_cmpint (ic_test_spawn (bad_option, NULL, NULL), ==, 2);
  g_assert_cmpint (ic_test_spawn (bad_department, NULL, NULL), ==, 2);
  g_assert_cmpint (ic_test_spawn (no_args, NULL, NULL), ==, 2);
}

static void
test_run_ok (void)
{
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *out = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *err = NULL, *text = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", out, NULL };

  /* Two indicators ok, two not available (no ip.csv, no enrolled_3_4): exit 0. */
  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 0);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"id\": \"epp_pmi_coverage\""));
  /* The summary: one line per indicator; 1 woman / 2 births = 50.0 %. */
  g_assert_nonnull (strstr (err, "epp_pmi_coverage"));
  g_assert_nonnull (strstr (err, "50.0 %"));
  g_assert_nonnull (strstr (err, "1/2"));
  g_assert_nonnull (strstr (err, out));
  ic_test_rmtree (dir);
}

static void
test_run_stdout_and_reproducible (void)
{
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *first = NULL, *second = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", NULL };

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_assert_cmpint (ic_test_spawn (argv, &first, NULL), ==, 0);
  g_assert_cmpint (ic_test_spawn (argv, &second, NULL), ==, 0);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_nonnull (strstr (first, "\"generated_at\": \"2023-11-14T22:13:20Z\""));
  g_assert_cmpstr (first, ==, second);
  ic_test_rmtree (dir);
}

static void
test_run_invalid_writes_nothing (void)
{
  g_autofree char *dir = data_dir (acts_bad_date_csv);
  g_autofree char *out = ic_test_write (dir, "bundle.json", "last year's bundle");
  g_autofree char *err = NULL, *text = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", out, NULL };

  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "pmi_acts.csv:3:3: act_date:"));
  /* The existing bundle is untouched, and no temporary file is left. */
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "last year's bundle");
  ic_test_rmtree (dir);
}

static void
test_run_lenient (void)
{
  g_autofree char *dir = data_dir (acts_bad_date_csv);
  g_autofree char *out = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *text = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", out, "--lenient", NULL };

  g_assert_cmpint (ic_test_spawn (argv, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  /* pmi_acts: 2 rows read, 1 set aside, its reason kept with its place. */
  g_assert_nonnull (strstr (text, "\"rows\": 2,\n      \"rejected\": 1,"));
  g_assert_nonnull (strstr (text, "pmi_acts.csv:3:3: act_date:"));
  g_assert_nonnull (strstr (text, "1 ligne invalide écartée (--lenient)"));
  ic_test_rmtree (dir);
}

static void
test_validate (void)
{
  g_autofree char *good = data_dir (acts_csv);
  g_autofree char *bad = data_dir (acts_bad_date_csv);
  g_autofree char *empty = ic_test_tmpdir ();
  g_autofree char *out = NULL, *err = NULL;
  const char *valid[] = { "validate", "--data", good, NULL };
  const char *invalid[] = { "validate", "--data", bad, NULL };
  const char *nothing[] = { "validate", "--data", empty, NULL };

  g_assert_cmpint (ic_test_spawn (valid, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "pmi_acts.csv     valid, 1 row\n"));
  g_assert_null (strstr (out, "codes beyond"));
  g_assert_cmpint (ic_test_spawn (invalid, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "pmi_acts.csv:3:3: act_date: not a valid date"));
  g_assert_null (strstr (err, "31/02/2024"));
  g_assert_cmpint (ic_test_spawn (nothing, NULL, NULL), ==, 2);
  ic_test_rmtree (good);
  ic_test_rmtree (bad);
  ic_test_rmtree (empty);
}

/* Free text in act_type reaches neither validate's output nor the bundle:
 * it is counted. TELECONSULT is a code, listed; the other is not. */
static void
test_free_text_codes (void)
{
  g_autofree char *dir = data_dir (
    "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\r\n"
    "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n"
    "A-02;Teleconsult;01/02/2024;W-01;;PMI;SF;Nord\r\n"
    "A-03;Mme Dupont née 12/03/1990;01/02/2024;W-01;;PMI;SF;Nord\r\n");
  g_autofree char *out = NULL, *bundle = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };
  const char *run[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", NULL };

  g_assert_cmpint (ic_test_spawn (validate, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "act_type: codes beyond the spec's, kept for a future plugin: TELECONSULT\n"));
  g_assert_nonnull (strstr (out, "act_type: 1 other value not listed"));
  g_assert_null (strstr (out, "1990"));
  g_assert_null (strstr (out, "DUPONT"));
  g_assert_cmpint (ic_test_spawn (run, &bundle, NULL), ==, 0);
  g_assert_nonnull (strstr (bundle, "\"other_codes\": {\n        \"act_type\": [\n          \"TELECONSULT\"\n        ]\n      },\n"
                                    "      \"other_values_not_listed\": {\n        \"act_type\": 1\n      }"));
  g_assert_null (strstr (bundle, "1990"));
  g_assert_null (strstr (bundle, "DUPONT"));
  ic_test_rmtree (dir);
}

static void
test_describe (void)
{
  g_autofree char *out = NULL;
  const char *epp[] = { "describe", "epp_pmi_coverage", NULL };
  const char *bsem[] = { "describe", "bsem_coverage", NULL };
  const char *unknown[] = { "describe", "no_such_indicator", NULL };

  g_assert_cmpint (ic_test_spawn (epp, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Taux de couverture des EPP réalisés par la PMI"));
  /* the national targets are the frameworks': 20 % up to 2024, none in 2025 */
  g_assert_nonnull (strstr (out, "SOLEN 2020-2024: engagement 1, objective 1: "));
  g_assert_nonnull (strstr (out, "national target 2020-2024: >= 20 %"));
  g_assert_nonnull (strstr (out, "SOLEN 2025-2027: objective 1: "));
  g_assert_nonnull (strstr (out, "national target 2025-2027: none"));
  /* the numerator counts women, the denominator births; singular for 1 */
  g_assert_nonnull (strstr (out, "Numerator:    les femmes distinctes"));
  g_assert_nonnull (strstr (out, "1 femme a bénéficié d'un EPP réalisé par la PMI en 2024 sur 1 naissance, soit 100,0 %"));
  g_assert_nonnull (strstr (out, "le nombre de naissances (row \"births\" of populations.csv"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ic_test_spawn (bsem, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 September to 31 August"));
  g_assert_nonnull (strstr (out, "age_min_months = 36"));
  g_assert_cmpint (ic_test_spawn (unknown, NULL, NULL), ==, 2);
}

/* A plugin directory with garbage, an empty file, a plugin without its
 * definition file and a development copy of a built-in plugin. */
static void
copy_into (const char *dir, const char *source, const char *name)
{
  g_autofree char *copy = g_build_filename (dir, name, NULL);
  g_autofree char *bytes = NULL;
  gsize length;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (source, &bytes, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, bytes, (gssize) length, &error);
  g_assert_no_error (error);
}

static char *
bad_plugin_dir (void)
{
  char *dir = ic_test_tmpdir ();
  g_autofree char *builtin = g_build_filename (ic_test_plugins_dir (), "epp_pmi_coverage.so", NULL);
  g_autofree char *no_definition = g_build_filename (ic_test_fixtures_dir (), "refuse", "fixture_no_definition.so", NULL);

  g_free (ic_test_write (dir, "garbage.so", "\x7f" "ELF but not really, just garbage bytes"));
  g_free (ic_test_write (dir, "empty.so", ""));
  copy_into (dir, no_definition, "no_definition.so");
  copy_into (dir, builtin, "epp_copy.so");
  return dir;
}

static void
test_list_refusals (void)
{
  g_autofree char *dir = bad_plugin_dir ();
  g_autofree char *out = NULL, *err = NULL, *warning = NULL;
  g_autofree char *builtin = g_build_filename (ic_test_plugins_dir (), "epp_pmi_coverage.so", NULL);
  const char *argv[] = { "list", "--plugins", dir, NULL };

  g_assert_cmpint (ic_test_spawn (argv, &out, &err), ==, 1);
  /* The four real plugins are listed; the copy in --plugins wins over the
   * built-in one, set aside with a warning, not refused. */
  g_assert_nonnull (strstr (out, "bsem_coverage"));
  g_assert_nonnull (strstr (out, "ip_eval_3m_rate"));
  g_assert_nonnull (strstr (out, "vad_child_share"));
  g_assert_nonnull (strstr (out, "epp_copy.so"));
  g_assert_nonnull (strstr (out, "garbage.so: not a loadable shared object"));
  g_assert_nonnull (strstr (out, "empty.so: not a loadable shared object"));
  g_assert_null (strstr (out, "duplicate id"));
  warning = g_strdup_printf ("indicore: warning: %s/epp_copy.so overrides %s, of the same id \"epp_pmi_coverage\" "
                             "later in the search order\n", dir, builtin);
  g_assert_nonnull (strstr (err, warning));
  g_assert_nonnull (strstr (out, "no_definition.so: no definition file fixture_no_definition.json beside the plugin nor in "));
  ic_test_rmtree (dir);
}

/* The reason of the refusal of @file in the bundle @text. */
static const char *
refusal_reason (JsonObject *bundle, const char *file)
{
  JsonArray *refused = json_object_get_array_member (bundle, "plugins_refused");
  for (guint i = 0; i < json_array_get_length (refused); i++)
    {
      JsonObject *refusal = json_array_get_object_element (refused, i);
      if (g_str_has_suffix (json_object_get_string_member (refusal, "file"), file))
        return json_object_get_string_member (refusal, "reason");
    }
  g_error ("no refusal of %s", file);
  return NULL;
}

/* A bundle is French whatever the locale (the tests run under C.UTF-8):
 * the refusals of bad_plugin_dir(), written here by hand. */
static void
assert_refusals_in_french (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *bundle;
  JsonArray *refused;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  bundle = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (refusal_reason (bundle, "garbage.so"), ==, "ce n'est pas une bibliothèque partagée chargeable");
  g_assert_cmpstr (refusal_reason (bundle, "empty.so"), ==, "ce n'est pas une bibliothèque partagée chargeable");
  /* garbage, empty, no_definition: the built-in plugin set aside for the
   * development copy is not a refusal. */
  refused = json_object_get_array_member (bundle, "plugins_refused");
  g_assert_cmpuint (json_array_get_length (refused), ==, 3);
  /* then the engine's definitions directory, which depends on the build */
  g_assert_true (g_str_has_prefix (refusal_reason (bundle, "no_definition.so"),
                                   "aucun fichier de définition fixture_no_definition.json ni à côté du module ni dans /"));
}

static void
test_run_with_refusals (void)
{
  g_autofree char *plugins = bad_plugin_dir ();
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *out = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *text = NULL, *err = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", out,
                         "--plugins", plugins, NULL };

  /* Refused files make the exit 1, and the bundle is still written with them. */
  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "plugin refused"));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"plugins_refused\": ["));
  g_assert_nonnull (strstr (text, "garbage.so"));
  g_assert_nonnull (strstr (text, "\"file\": \"epp_copy.so\""));
  assert_refusals_in_french (text);
  ic_test_rmtree (plugins);
  ic_test_rmtree (dir);
}

/* A development copy of an installed plugin, given with --plugins: the
 * copy computes the indicator (the bundle names its file), the installed
 * one is set aside with a warning on the terminal, and the exit is 0. */
static void
test_run_override (void)
{
  g_autofree char *plugins = ic_test_tmpdir ();
  g_autofree char *builtin = g_build_filename (ic_test_plugins_dir (), "epp_pmi_coverage.so", NULL);
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *out = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *text = NULL, *err = NULL, *warning = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", out,
                         "--plugins", plugins, "--only", "epp_pmi_coverage", NULL };

  copy_into (plugins, builtin, "epp_dev.so");
  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 0);
  warning = g_strdup_printf ("indicore: warning: %s/epp_dev.so overrides %s, of the same id \"epp_pmi_coverage\" "
                             "later in the search order\n", plugins, builtin);
  g_assert_true (g_str_has_prefix (err, warning));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"file\": \"epp_dev.so\""));
  g_assert_nonnull (strstr (text, "\"plugins_refused\": []"));
  ic_test_rmtree (plugins);
  ic_test_rmtree (dir);
}

/* The scaffold's definition loads, and its French is right at 0, 1 and 2
 * (written here by hand): the sentence's plural syntax and the warning
 * its code names by id. Building it is tests/sdk-out-of-tree.sh's. */
static void
test_new_plugin_french (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "my_ind", "my_ind.json", NULL);
  g_autofree char *source_path = g_build_filename (dir, "my_ind", "my_ind.c", NULL);
  g_autofree char *source = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IcDefinition) definition = NULL;
  const char *argv[] = { "new-plugin", "my_ind", "--dir", dir, NULL };
  const char *sentences[] = {
    "0 femme a bénéficié d'un EPNP réalisé par la PMI en 2024 sur 0 naissance, soit 0,0 %",
    "1 femme a bénéficié d'un EPNP réalisé par la PMI en 2024 sur 1 naissance, soit 100,0 %",
    "2 femmes ont bénéficié d'un EPNP réalisé par la PMI en 2024 sur 2 naissances, soit 100,0 %",
  };
  const char *warnings[] = {
    "0 EPNP de l'année réalisé par un autre acteur que la PMI n'est pas compté",
    "1 EPNP de l'année réalisé par un autre acteur que la PMI n'est pas compté",
    "2 EPNP de l'année réalisés par un autre acteur que la PMI ne sont pas comptés",
  };

  g_assert_cmpint (ic_test_spawn (argv, NULL, NULL), ==, 0);
  definition = ic_definition_load (path, &error);
  g_assert_no_error (error);
  for (gint64 n = 0; n <= 2; n++)
    {
      g_autoptr (IcMessageCall) call = ic_message_call_new (IC_MESSAGE_WARNING, "not_by_pmi");
      g_autofree char *sentence = ic_definition_expand_text (definition, n, n, n ? 1000 : 0, "2024", 2024);
      g_autofree char *warning = NULL;

      ic_message_call_add (call, "n", n);
      g_assert_null (ic_message_call_problem (definition->messages, call));
      warning = ic_message_compose (definition->messages, call, "2024", 2024);
      g_assert_cmpstr (sentence, ==, sentences[n]);
      g_assert_cmpstr (warning, ==, warnings[n]);
    }
  /* The code writes no prose for the report: its warning is a message id. */
  g_assert_true (g_file_get_contents (source_path, &source, NULL, NULL));
  g_assert_nonnull (strstr (source, "api->warning_message (ctx, \"not_by_pmi\", params, G_N_ELEMENTS (params));"));
  g_assert_null (strstr (source, "api->warning (ctx,"));
  ic_test_rmtree (dir);
}

/* new-plugin --table: the plugin's own schema loads (with its file name and
 * the kinds of its columns), its definition's French is right at 0, 1 and 2
 * (written here by hand), and the sample data are beside them. A table name
 * of the engine, or one that is not [a-z0-9_], is refused and nothing is
 * written. Building and running it is tests/sdk-out-of-tree.sh's. */
static void
test_new_plugin_table (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *definition_path = g_build_filename (dir, "my_rate", "my_rate.json", NULL);
  g_autofree char *schema_path = g_build_filename (dir, "my_rate", "tables", "visits.json", NULL);
  g_autofree char *data_path = g_build_filename (dir, "my_rate", "data", "visits.csv", NULL);
  g_autofree char *source_path = g_build_filename (dir, "my_rate", "my_rate.c", NULL);
  g_autofree char *meson_path = g_build_filename (dir, "my_rate", "meson.build", NULL);
  g_autofree char *other = g_build_filename (dir, "other", NULL);
  g_autofree char *source = NULL, *meson = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IcDefinition) definition = NULL;
  IcTableSpec *schema;
  const char *argv[] = { "new-plugin", "my_rate", "--table", "visits", "--dir", dir, NULL };
  const char *engine_table[] = { "new-plugin", "other", "--table", "births", "--dir", dir, NULL };
  const char *bad_name[] = { "new-plugin", "other", "--table", "Visits-2", "--dir", dir, NULL };
  const char *sentences[] = {
    "0 enregistrement de visits sur 0 en 2024 a l'issue DONE, soit 0,0 %",
    "1 enregistrement de visits sur 1 en 2024 a l'issue DONE, soit 100,0 %",
    "2 enregistrements de visits sur 2 en 2024 ont l'issue DONE, soit 100,0 %",
  };

  g_assert_cmpint (ic_test_spawn (argv, NULL, NULL), ==, 0);
  definition = ic_definition_load (definition_path, &error);
  g_assert_no_error (error);
  for (gint64 n = 0; n <= 2; n++)
    {
      g_autofree char *sentence = ic_definition_expand_text (definition, n, n, n ? 1000 : 0, "2024", 2024);
      g_assert_cmpstr (sentence, ==, sentences[n]);
    }
  schema = ic_table_spec_load (schema_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (schema->file, ==, "visits.csv");
  g_assert_cmpint (ic_table_spec_column (schema, "outcome"), >=, 0);
  ic_table_spec_free (schema);
  g_assert_true (g_file_test (data_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (source_path, &source, NULL, NULL));
  g_assert_nonnull (strstr (source, "static const char *const tables[] = { \"visits\", NULL };"));
  g_assert_true (g_file_get_contents (meson_path, &meson, NULL, NULL));
  g_assert_nonnull (strstr (meson, "subdir('tables')"));

  g_assert_cmpint (ic_test_spawn (engine_table, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "\"births\" is a table of the engine ("));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ic_test_spawn (bad_name, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "\"Visits-2\": a table name is 1 to 64 characters of a-z, 0-9 and _"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  ic_test_rmtree (dir);
}

static void
test_run_only (void)
{
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *text = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--only", "epp_pmi_coverage", NULL };
  const char *unknown[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--only", "nope", NULL };

  g_assert_cmpint (ic_test_spawn (argv, &text, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "epp_pmi_coverage"));
  g_assert_null (strstr (text, "bsem_coverage"));
  g_assert_cmpint (ic_test_spawn (unknown, NULL, NULL), ==, 2);
  ic_test_rmtree (dir);
}

static void
test_run_plugin_error (void)
{
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *text = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-",
                         "--plugins", ic_test_fixtures_dir (), "--only", "fixture_failing,epp_pmi_coverage", NULL };

  /* The failing plugin's indicator is an error; the other is computed. */
  g_assert_cmpint (ic_test_spawn (argv, &text, NULL), ==, 1);
  g_assert_nonnull (strstr (text, "\"status\": \"error\""));
  g_assert_nonnull (strstr (text, "\"status\": \"ok\""));
  ic_test_rmtree (dir);
}

static void
test_previous (void)
{
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *previous = ic_test_write (dir, "bundle-2023.json", IC_TEST_BUNDLE_OF ("23", "2023", ""));
  g_autofree char *broken = ic_test_write (dir, "broken.json", "{ \"year\": ");
  g_autofree char *err = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--previous", previous, NULL };
  const char *bad[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--previous", broken, NULL };

  g_autofree char *b2022 = ic_test_write (dir, "bundle-2022.json", IC_TEST_BUNDLE_OF ("23", "2022", ""));
  g_autofree char *b2024 = ic_test_write (dir, "bundle-2024.json", IC_TEST_BUNDLE_OF ("23", "2024", ""));
  g_autofree char *again = ic_test_write (dir, "again-2023.json", IC_TEST_BUNDLE_OF ("23", "2023", ""));
  g_autofree char *text = NULL;
  const char *two[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--only", "epp_pmi_coverage",
                        "--previous", previous, "--previous", b2022, NULL };
  const char *same_year[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--previous", b2024, NULL };
  const char *twice[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--previous", previous,
                          "--previous", again, NULL };

  g_assert_cmpint (ic_test_spawn (argv, NULL, NULL), ==, 0);
  g_assert_cmpint (ic_test_spawn (bad, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "broken.json"));
  /* Repeatable, in any order: the trend lists them by year. Neither has the
   * indicator, so only this year's point is there. */
  g_assert_cmpint (ic_test_spawn (two, &text, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "\"trend\": [\n        {\n          \"year\": 2024,"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ic_test_spawn (same_year, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "is the bundle of 2024, not of a year before 2024"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ic_test_spawn (twice, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "are both of 2023"));
  ic_test_rmtree (dir);
}

static void
test_run_suppression (void)
{
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *hidden = NULL, *shown = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--only", "epp_pmi_coverage", NULL };
  const char *raw[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", "-", "--only", "epp_pmi_coverage",
                        "--no-suppression", NULL };

  /* Nord: 1 woman of 1 birth; Sud: 0 of 1. Both denominators are small
   * counts (1..10): hidden by default, and the total (1/2) still shown. */
  g_assert_cmpint (ic_test_spawn (argv, &hidden, NULL), ==, 0);
  g_assert_nonnull (strstr (hidden, "\"suppression\": true,\n    \"small_count\": 10"));
  g_assert_nonnull (strstr (hidden, "\"territory\": \"Nord\",\n          \"numerator\": null,"));
  g_assert_nonnull (strstr (hidden, "\"numerator\": 1,\n      \"denominator\": 2,"));
  g_assert_cmpint (ic_test_spawn (raw, &shown, NULL), ==, 0);
  g_assert_nonnull (strstr (shown, "\"suppression\": false"));
  g_assert_nonnull (strstr (shown, "\"territory\": \"Nord\",\n          \"numerator\": 1,"));
  ic_test_rmtree (dir);
}

/* The disk fills up while the bundle is written: simulated by a file size
 * limit on the child (as root, nothing else can refuse a write). */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 2000, 2000 };
  (void) data;
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_run_disk_full (void)
{
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *out = ic_test_write (dir, "bundle.json", "last year's bundle");
  g_autofree char *err = NULL, *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = NULL;
  const char *argv[] = { ic_test_indicore (), "run", "--data", dir, "--year", "2024", "--department", "23",
                         "--out", out, NULL };
  const char *name;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, limit_file_size, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "cannot write the bundle"));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "last year's bundle");
  /* No temporary file left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
  ic_test_rmtree (dir);
}

static void
test_run_data_not_a_directory (void)
{
  g_autofree char *dir = data_dir (acts_csv);
  g_autofree char *file = g_build_filename (dir, "pmi_acts.csv", NULL);
  g_autofree char *err = NULL;
  const char *argv[] = { "run", "--data", file, "--year", "2024", "--department", "23", NULL };

  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "not a directory"));
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/run/ok", test_run_ok);
  g_test_add_func ("/cli/run/stdout-reproducible", test_run_stdout_and_reproducible);
  g_test_add_func ("/cli/run/invalid-writes-nothing", test_run_invalid_writes_nothing);
  g_test_add_func ("/cli/run/lenient", test_run_lenient);
  g_test_add_func ("/cli/run/only", test_run_only);
  g_test_add_func ("/cli/run/plugin-error", test_run_plugin_error);
  g_test_add_func ("/cli/run/refused-plugins", test_run_with_refusals);
  g_test_add_func ("/cli/run/override", test_run_override);
  g_test_add_func ("/cli/run/previous", test_previous);
  g_test_add_func ("/cli/run/suppression", test_run_suppression);
  g_test_add_func ("/cli/run/disk-full", test_run_disk_full);
  g_test_add_func ("/cli/run/data-not-a-directory", test_run_data_not_a_directory);
  g_test_add_func ("/cli/list/refusals", test_list_refusals);
  g_test_add_func ("/cli/new-plugin/french", test_new_plugin_french);
  g_test_add_func ("/cli/new-plugin/table", test_new_plugin_table);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/validate/free-text-codes", test_free_text_codes);
  g_test_add_func ("/cli/describe", test_describe);
  return g_test_run ();
}

/* test-util.c: what the test programs share (test-util.h): temporary data,
 * in-process runs of the engine, and the bundle's schema check, which runs
 * tests/validate-bundle.py (python3-jsonschema) in a child process. */
#include "test-util.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bundle-history.h"
#include "bundle-writer.h"
#include "json-writer.h"

char *
ic_test_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("indicore-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

void
ic_test_rmtree (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      ic_test_rmtree (child);
    }
  g_rmdir (path);
}

char *
ic_test_write (const char *dir, const char *name, const char *content)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  return path;
}

static const char *
env_or (const char *name, const char *fallback)
{
  const char *value = g_getenv (name);
  return value && *value ? value : fallback;
}

const char *
ic_test_source_dir (void)
{
  return env_or ("IC_SOURCE_DIR", IC_TEST_SOURCE_DIR);
}

const char *
ic_test_build_dir (void)
{
  return env_or ("IC_BUILD_DIR", IC_TEST_BUILD_DIR);
}

const char *
ic_test_plugins_dir (void)
{
  static char *dir;
  if (dir == NULL)
    dir = g_build_filename (ic_test_build_dir (), "plugins", NULL);
  return dir;
}

const char *
ic_test_fixtures_dir (void)
{
  static char *dir;
  if (dir == NULL)
    dir = g_build_filename (ic_test_build_dir (), "tests", "fixtures", NULL);
  return dir;
}

const char *
ic_test_indicore (void)
{
  static char *path;
  if (path == NULL)
    path = g_build_filename (ic_test_build_dir (), "indicore", NULL);
  return path;
}

IcPluginSet *
ic_test_real_plugins (void)
{
  g_autofree char *definitions = g_build_filename (ic_test_source_dir (), "indicators", NULL);
  const char *dirs[] = { ic_test_plugins_dir (), NULL };
  IcPluginSet *set = ic_plugin_set_scan (dirs, definitions);
  for (guint i = 0; i < set->refused->len; i++)
    g_test_message ("refused: %s", ((IcRefusal *) set->refused->pdata[i])->reason);
  g_assert_cmpuint (set->refused->len, ==, 0);
  return set;
}

IcRun *
ic_test_run (IcPluginSet *plugins, const char *data_dir, int year, const char *only,
             gboolean lenient, IcProblems *problems, GError **error)
{
  g_autoptr (IcProblems) own = problems ? NULL : ic_problems_new (50);
  g_auto (GStrv) ids = only ? g_strsplit (only, ",", -1) : NULL;
  IcRunOptions options = {
    .data_dir = data_dir,
    .year = year,
    .department_code = "99",
    .department_name = "Test",
    .lenient = lenient,
    .only = (const char *const *) ids,
  };
  return ic_run_execute (plugins, &options, problems ? problems : own, error);
}

IcRun *
ic_test_run_with_previous (IcPluginSet *plugins, const char *data_dir, int year, const char *only,
                           const char *previous_bundle, GError **error)
{
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (GError) local = NULL;
  g_autoptr (IcHistory) previous = ic_bundle_history_from_data ("previous.json", previous_bundle, -1, &local);
  g_auto (GStrv) ids = only ? g_strsplit (only, ",", -1) : NULL;
  IcRunOptions options = {
    .data_dir = data_dir,
    .year = year,
    .department_code = "99",
    .department_name = "Test",
    .only = (const char *const *) ids,
  };
  IcRun *run;

  g_assert_no_error (local);
  options.previous = previous;
  run = ic_run_execute (plugins, &options, problems, error);
  /* The results hold what they need of it (ic_result_finish copies the
   * previous value): nothing may point to it once it is freed. */
  if (run != NULL)
    run->options.previous = NULL;
  return run;
}

IcResult *
ic_test_result (IcRun *run, const char *id)
{
  for (guint i = 0; i < run->results->len; i++)
    {
      IcResult *result = run->results->pdata[i];
      if (strcmp (result->id, id) == 0)
        return result;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Debian's python (found by meson) running tests/validate-bundle.py with
 * @arg and @more (NULL-terminated), isolated (-I) from PYTHON* variables and
 * user packages; its environment without a preloaded sanitizer runtime. */
static void
validator_command (const char *arg, const char *const *more, GPtrArray **argv, GStrv *env)
{
  *argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (*argv, g_strdup (IC_TEST_PYTHON));
  g_ptr_array_add (*argv, g_strdup ("-I"));
  g_ptr_array_add (*argv, g_build_filename (ic_test_source_dir (), "tests", "validate-bundle.py", NULL));
  g_ptr_array_add (*argv, g_strdup (arg));
  for (guint i = 0; more[i]; i++)
    g_ptr_array_add (*argv, g_strdup (more[i]));
  g_ptr_array_add (*argv, NULL);
  *env = g_environ_unsetenv (g_get_environ (), "LD_PRELOAD");
}

int
ic_test_validate_files (const char *schema_path, const char *const *paths, char **report)
{
  g_autoptr (GPtrArray) argv = NULL;
  g_auto (GStrv) env = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  validator_command (schema_path, paths, &argv, &env);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (report != NULL)
    *report = g_steal_pointer (&err);
  else if (err != NULL && *err != '\0')
    g_test_message ("%s", g_strchomp (err));
  return WEXITSTATUS (status);
}

/* The bundle schema's validator (validate-bundle.py --serve), started once
 * for the test program: python and jsonschema take longer to start than most
 * tests take to run, and a program checks up to ~40 bundles. */
typedef struct
{
  FILE *to;   /* a file's path a line */
  FILE *from; /* its problems, then an empty line */
} BundleValidator;

/* A line from the validator into @into (appended), FALSE at an empty line;
 * the test fails when the validator has stopped (its error is in the log). */
static gboolean
validator_read_line (BundleValidator *v, GString *into)
{
  g_autofree char *line = NULL;
  size_t size = 0;

  if (getline (&line, &size, v->from) < 0)
    g_error ("tests/validate-bundle.py stopped: see its error above");
  if (strcmp (line, "\n") == 0)
    return FALSE;
  if (into != NULL)
    g_string_append (into, line);
  return TRUE;
}

static BundleValidator *
bundle_validator (void)
{
  static BundleValidator v;
  g_autofree char *schema = NULL;
  g_autoptr (GPtrArray) argv = NULL;
  g_auto (GStrv) env = NULL;
  g_autoptr (GError) error = NULL;
  int to = -1, from = -1;

  if (v.to != NULL)
    return &v;
  schema = g_build_filename (ic_test_source_dir (), "schemas", "bundle.schema.json", NULL);
  validator_command ("--serve", (const char *const[]) { schema, NULL }, &argv, &env);
  /* Its standard error is the test's: a bad schema is said in the log. It
   * ends when the test program does, at the end of its standard input. */
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                            NULL, &to, &from, NULL, &error);
  g_assert_no_error (error);
  v.to = fdopen (to, "w");
  v.from = fdopen (from, "r");
  g_assert_true (v.to != NULL && v.from != NULL);
  /* Ready once the schema is read: an empty line. */
  while (validator_read_line (&v, NULL))
    ;
  return &v;
}

gboolean
ic_test_validate_bundle_text (const char *text, char **report)
{
  BundleValidator *v = bundle_validator ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("indicore-bundle-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  fprintf (v->to, "%s\n", path);
  fflush (v->to);
  while (validator_read_line (v, problems))
    ;
  g_unlink (path);

  if (report != NULL)
    *report = g_strdup (problems->str);
  else if (problems->len > 0)
    g_test_message ("%s", g_strchomp (problems->str));
  return problems->len == 0;
}

JsonNode *
ic_test_bundle (IcRun *run)
{
  JsonNode *bundle = ic_bundle_build (run, "2025-03-01T09:00:00Z");
  g_autofree char *text = ic_json_write (bundle, NULL);

  /* Validate the text as written, not the tree: what is on disk is the contract. */
  g_assert_true (ic_test_validate_bundle_text (text, NULL));
  return bundle;
}

void
ic_test_assert_private (const char *bundle_text, const char *const *forbidden)
{
  for (guint i = 0; forbidden[i]; i++)
    if (strstr (bundle_text, forbidden[i]) != NULL)
      g_error ("the bundle holds \"%s\", a record's identifier or date", forbidden[i]);
}

int
ic_test_spawn (const char *const *argv, char **out, char **err)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_ptr_array_add (args, (gpointer) ic_test_indicore ());
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  /* Output not asked for goes nowhere: it must not mix with the TAP stream. */
  g_spawn_sync (NULL, (char **) args->pdata, NULL,
                (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

void
ic_table_fixture_set_up (IcTableFixture *f, gconstpointer data)
{
  (void) data;
  f->dir = ic_test_tmpdir ();
  f->territories = ic_interner_new ();
  ic_interner_intern (f->territories, "", 0, NULL);
  f->problems = ic_problems_new (50);
}

void
ic_table_fixture_tear_down (IcTableFixture *f, gconstpointer data)
{
  (void) data;
  ic_test_rmtree (f->dir);
  g_free (f->dir);
  ic_interner_free (f->territories);
  ic_problems_free (f->problems);
}

JsonObject *
ic_test_bundle_indicator (JsonNode *bundle, const char *id)
{
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (bundle), "indicators");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *o = json_array_get_object_element (indicators, i);
      if (strcmp (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  g_error ("no indicator %s in the bundle", id);
  return NULL;
}

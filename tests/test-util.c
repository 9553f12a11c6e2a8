#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bundle-history.h"
#include "bundle-writer.h"
#include "json-schema.h"
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

JsonNode *
ic_test_bundle (IcRun *run)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *schema_path = g_build_filename (ic_test_source_dir (), "schemas", "bundle.schema.json", NULL);
  JsonNode *bundle = ic_bundle_build (run, "2025-03-01T09:00:00Z");
  g_autofree char *text = ic_json_write (bundle, NULL);
  g_autoptr (JsonNode) reparsed = NULL;

  json_parser_load_from_file (parser, schema_path, &error);
  g_assert_no_error (error);
  /* Validate the text as written, not the tree: what is on disk is the contract. */
  reparsed = json_from_string (text, &error);
  g_assert_no_error (error);
  ic_json_schema_validate (json_parser_get_root (parser), reparsed, &error);
  g_assert_no_error (error);
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

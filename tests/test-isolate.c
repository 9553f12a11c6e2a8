/* Plugin isolation: a plugin that crashes, aborts or hangs costs only its
 * own indicator; the result crosses the pipe intact; and each hostile
 * plugin of tests/hostile/, run by the real program beside the real
 * plugins on the Creuse example, is refused or made an error naming what
 * it tried, while every other indicator keeps its figures. */
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "bundle-writer.h"
#include "child.h"

#if defined (__has_include)
#if __has_include (<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif
#include "isolate.h"
#include "result-wire.h"
#include "test-util.h"

static const char births_csv[] =
  "birth_id,birth_date,territory\n"
  "B1,2024-01-10,North\n"
  "B2,2024-03-05,South\n";

static const char acts_csv[] =
  "act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n"
  "A1,EPP,2024-02-01,W1,,PMI,SF,North\n";

static IcPluginSet *
crash_plugins (void)
{
  g_autofree char *crash_dir = g_build_filename (ic_test_build_dir (), "tests", "crash-fixtures", NULL);
  g_autofree char *definitions = g_build_filename (ic_test_source_dir (), "indicators", NULL);
  const char *dirs[] = { crash_dir, ic_test_plugins_dir (), NULL };
  IcPluginSet *set = ic_plugin_set_scan (dirs, definitions);
  g_assert_cmpuint (set->refused->len, ==, 0);
  return set;
}

static IcRun *
run_with (IcPluginSet *plugins, const char *dir, const char *only, guint timeout, gboolean in_process)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (10);
  g_auto (GStrv) ids = g_strsplit (only, ",", -1);
  IcRunOptions options = {
    .data_dir = dir, .year = 2024, .department_code = "99", .plugin_memory = 512,
    .only = (const char *const *) ids, .plugin_timeout = timeout, .no_isolation = in_process,
  };
  IcRun *run = ic_run_execute (plugins, &options, problems, &error);
  g_assert_no_error (error);
  return run;
}

static void
assert_epp_computed (IcRun *run)
{
  IcResult *epp = ic_test_result (run, "epp_pmi_coverage");
  /* 1 woman over 2 births: 50.0 %. */
  g_assert_cmpint (epp->status, ==, IC_STATUS_OK);
  g_assert_cmpint (epp->numerator, ==, 1);
  g_assert_cmpint (epp->denominator, ==, 2);
  g_assert_cmpint (epp->value_tenths, ==, 500);
}

static void
test_crashes (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autoptr (IcPluginSet) plugins = crash_plugins ();
  g_autoptr (IcRun) run = NULL;
  IcResult *segfault, *aborted, *hang;
  /* Under valgrind, loading a plugin in the child alone takes a second. */
  guint limit = RUNNING_ON_VALGRIND ? 20 : 1;
  g_autofree char *stopped = g_strdup_printf ("n'a pas fini dans le délai de %u s", limit);
  gint64 start;

  g_free (ic_test_write (dir, "births.csv", births_csv));
  g_free (ic_test_write (dir, "pmi_acts.csv", acts_csv));
  start = g_get_monotonic_time ();
  run = run_with (plugins, dir, "fixture_segfault,fixture_abort,fixture_hang,epp_pmi_coverage", limit, FALSE);
  /* The hang is stopped at its limit, not waited for forever. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, (limit + 29) * G_USEC_PER_SEC);

  segfault = ic_test_result (run, "fixture_segfault");
  aborted = ic_test_result (run, "fixture_abort");
  hang = ic_test_result (run, "fixture_hang");
  g_assert_cmpint (segfault->status, ==, IC_STATUS_ERROR);
  g_assert_nonnull (strstr (segfault->reason, "signal 11"));
  g_assert_cmpint (aborted->status, ==, IC_STATUS_ERROR);
  g_assert_nonnull (strstr (aborted->reason, "signal 6"));
  g_assert_cmpint (hang->status, ==, IC_STATUS_ERROR);
  g_assert_nonnull (strstr (hang->reason, stopped));
  g_assert_false (segfault->has_value);
  assert_epp_computed (run);
  g_assert_true (ic_run_has_error (run));
  ic_test_rmtree (dir);
}

static void
test_same_as_in_process (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autoptr (IcPluginSet) plugins = ic_test_real_plugins ();
  g_autoptr (IcRun) isolated = NULL, in_process = NULL;
  g_autoptr (JsonNode) a = NULL, b = NULL;
  g_autofree char *ta = NULL, *tb = NULL;

  g_free (ic_test_write (dir, "births.csv", births_csv));
  g_free (ic_test_write (dir, "pmi_acts.csv", acts_csv));
  isolated = run_with (plugins, dir, "epp_pmi_coverage,vad_child_share,bsem_coverage", 60, FALSE);
  in_process = run_with (plugins, dir, "epp_pmi_coverage,vad_child_share,bsem_coverage", 0, TRUE);
  assert_epp_computed (isolated);
  a = ic_bundle_build (isolated, "2025-01-01T00:00:00Z");
  b = ic_bundle_build (in_process, "2025-01-01T00:00:00Z");
  /* The bundles differ only in what confined the plugins. */
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_node_get_object (a), "isolation"), "process"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (json_node_get_object (b), "isolation"), "process"));
  json_object_remove_member (json_node_get_object (a), "isolation");
  json_object_remove_member (json_node_get_object (b), "isolation");
  ta = json_to_string (a, TRUE);
  tb = json_to_string (b, TRUE);
  g_assert_cmpstr (ta, ==, tb);
  ic_test_rmtree (dir);
}

static void
test_variant_round_trip (void)
{
  IcPeriod period;
  g_autoptr (IcResult) r = NULL, back = NULL;
  g_autoptr (GVariant) v = NULL, forged = NULL;
  IcDetail *detail;
  IcSource *source;

  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  r = ic_result_new ("x", NULL, &period);
  back = ic_result_new ("x", NULL, &period);
  r->has_numerator = r->has_denominator = TRUE;
  r->numerator = 7;
  r->denominator = 9;
  ic_result_add_stratum (r, 3, 2, 4);
  ic_result_add_detail (r, "mean", IC_DETAIL_FRACTION, 10, 3);
  ic_result_add_warning (r, "a warning");
  ic_result_add_table_source (r, "pmi_acts");
  ic_result_add_population_source (r, "births", "2024", "populations.csv", NULL, 770);
  ic_result_use_parameter (r, "age_max_months", 24);
  ic_result_set_not_available (r, "because");

  v = g_variant_ref_sink (ic_result_to_variant (r));
  g_assert_true (ic_result_update_from_variant (back, v));
  g_assert_cmpint (back->status, ==, IC_STATUS_NOT_AVAILABLE);
  g_assert_cmpstr (back->reason, ==, "because");
  g_assert_cmpint (back->numerator, ==, 7);
  g_assert_cmpint (back->denominator, ==, 9);
  g_assert_cmpuint (back->strata->len, ==, 1);
  g_assert_cmpint (g_array_index (back->strata, IcStratum, 0).territory, ==, 3);
  g_assert_cmpint (g_array_index (back->strata, IcStratum, 0).denominator, ==, 4);
  detail = back->details->pdata[0];
  g_assert_cmpstr (detail->key, ==, "mean");
  g_assert_cmpint (detail->kind, ==, IC_DETAIL_FRACTION);
  g_assert_cmpint (detail->b, ==, 3);
  g_assert_cmpstr (back->warnings->pdata[0], ==, "a warning");
  g_assert_cmpuint (back->sources->len, ==, 2);
  source = back->sources->pdata[1];
  g_assert_null (source->table);
  g_assert_cmpstr (source->population, ==, "births");
  g_assert_null (source->source);
  g_assert_cmpint (source->value, ==, 770);
  g_assert_cmpstr (g_array_index (back->parameters, IcParameter, 0).name, ==, "age_max_months");
  /* A variant of another type is refused. */
  forged = g_variant_ref_sink (g_variant_new_string ("forged"));
  g_assert_false (ic_result_update_from_variant (back, forged));
}

/* ---- the child's process group ----------------------------------------- */

/* Unconfined on purpose (no sandbox: a kernel without seccomp): leaves a
 * grandchild that never ends, tells its pid, and exits. */
G_GNUC_NORETURN static void
leave_grandchild (gpointer data)
{
  pid_t pid;
  (void) data;
  pid = fork ();
  if (pid == 0)
    for (;;)
      pause ();
  ic_child_reply (IC_CHILD_TAG_ANSWER, &pid, sizeof pid);
}

/* TRUE while @pid is a live process (a zombie is dead). */
static gboolean
alive (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *state;
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;
  state = strrchr (stat, ')');
  return state != NULL && state[1] == ' ' && state[2] != 'Z' && state[2] != 'X';
}

/* When the child ends, whatever it left in its process group is killed:
 * the grandchild, by its recorded pid, does not outlive the wait. */
static void
test_child_grandchild_killed (void)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_child_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autofree char *failure = NULL;
  IcChild *child = ic_child_start (-1, leave_grandchild, NULL, 30, &error);
  pid_t grandchild;
  gint64 until;

  g_assert_no_error (error);
  g_ptr_array_add (children, child);
  ic_child_wait_all (children);
  failure = ic_child_failure (child, "the test's limit");
  g_assert_null (failure);
  answer = ic_child_answer (child);
  g_assert_cmpuint (g_bytes_get_size (answer), ==, sizeof grandchild);
  memcpy (&grandchild, g_bytes_get_data (answer, NULL), sizeof grandchild);
  /* Killed at once; reaped by whoever inherited it, soon. */
  until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (alive (grandchild) && g_get_monotonic_time () < until)
    g_usleep (10000);
  g_assert_false (alive (grandchild));
}

/* ---- hostile plugins, through the program ------------------------------ */

/* Asserts @haystack contains @needle, and says both when it does not. */
static void
assert_contains (const char *haystack, const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("\"%s\" does not contain \"%s\"", haystack ? haystack : "(null)", needle);
}

typedef struct {
  const char *path;      /* /isolate/hostile/... */
  const char *fixture;   /* in build/tests/hostile/ */
  gboolean refused;      /* refused when scanned: no indicator at all */
  const char *reason;    /* what its refusal or error must say */
} HostileCase;

static const HostileCase hostile_cases[] = {
  /* issue 13, case 1: its constructor ran in the engine, as root */
  { "/isolate/hostile/constructor", "hostile_constructor", TRUE, "appel système openat refusé" },
  /* case 2: it reopened EPP's pipe through /proc/self/fd and wrote 700 / 770 */
  { "/isolate/hostile/forger", "hostile_forger", FALSE, "appel système openat refusé" },
  /* case 3: /etc/passwd in a warning, a file written, the network, programs, processes */
  { "/isolate/hostile/reader", "hostile_reader", FALSE, "appel système openat refusé" },
  { "/isolate/hostile/writer", "hostile_writer", FALSE, "appel système openat refusé" },
  { "/isolate/hostile/socket", "hostile_socket", FALSE, "appel système socket refusé" },
  { "/isolate/hostile/exec", "hostile_exec", FALSE, "appel système execve refusé" },
  { "/isolate/hostile/fork", "hostile_fork", FALSE, "appel système clone refusé" },
  /* case 5: list, describe and run crashed */
  { "/isolate/hostile/wild-id", "hostile_wild_id", TRUE, "signal 11" },
  /* case 7: the run hung forever; a grandchild survived the run */
  { "/isolate/hostile/closes-fds-and-sleeps", "hostile_sleeper", FALSE, "n'a pas fini dans le délai de 3 s (--plugin-timeout)" },
  { "/isolate/hostile/grandchild", "hostile_grandchild", FALSE, "appel système clone refusé" },
  /* case 8: its output went into the bundle on standard output */
  { "/isolate/hostile/stdout", "hostile_stdout", FALSE, "\u00ab hostile_stdout was here \u00bb" },
  /* case 10: found only when called, exit status 127 */
  { "/isolate/hostile/undefined-symbol", "hostile_undefined", TRUE,
    "le module utilise un symbole que ni lui ni ses bibliothèques ne définissent : ic_engine_internal "
    "(un module n'atteint le moteur que par IcApi)" },
  /* no limit on memory */
  { "/isolate/hostile/memory", "hostile_memory", FALSE, "failed to allocate 67108864 bytes" },
};

/* TRUE when a process whose command line holds @needle is alive. */
static gboolean
process_alive (const char *needle)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *cmdline = NULL;
      gsize length;
      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &cmdline, &length, NULL))
        continue;
      for (gsize i = 0; i + 1 < length; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Runs `indicore run` on the Creuse example with @plugins searched first;
 * a watchdog kills the whole run after 60 s (the original program hung
 * forever on hostile_sleeper). Returns the exit code; the bundle goes to
 * @out, or to standard output, returned in @stdout_text, when @out is "-". */
static int
run_example (const char *plugins, const char *mark, const char *out, const char *memory, char **stdout_text)
{
  g_autofree char *data = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "HOSTILE_MARK", mark, TRUE);
  const char *argv[] = {
    "timeout", "-s", "KILL", "60", ic_test_indicore (), "run", "--data", data, "--year", "2024",
    "--department", "23", "--plugins", plugins, "--plugin-timeout", "3", "--out", out,
    memory ? "--plugin-memory" : NULL, memory, NULL
  };
  g_autoptr (GError) error = NULL;
  int status = 0;

  env = g_environ_setenv (env, "SOURCE_DATE_EPOCH", "1700000000", TRUE);
  /* hostile_memory never touches its blocks; glibc's MALLOC_PERTURB_ (set by
   * meson) would fill them, and 512 MiB of page faults under a loaded machine
   * outlast the 3 s deadline that the test of the memory limit relies on. */
  env = g_environ_unsetenv (env, "MALLOC_PERTURB_");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL
                | (stdout_text ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL),
                NULL, NULL, stdout_text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  /* 137: the watchdog's SIGKILL. */
  g_assert_cmpint (WEXITSTATUS (status), !=, 137);
  return WEXITSTATUS (status);
}

static void
copy_fixture (const char *fixture, const char *dir)
{
  const char *extensions[] = { ".so", ".json" };
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *name = g_strconcat (fixture, extensions[i], NULL);
      g_autofree char *from = g_build_filename (IC_TEST_BUILD_DIR, "tests", "hostile", name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *bytes = NULL;
      gsize length;
      g_autoptr (GError) error = NULL;
      g_file_get_contents (from, &bytes, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, bytes, (gssize) length, &error);
      g_assert_no_error (error);
    }
}

/* Only @c's indicator is in error, with its reason, or its file is
 * refused; the six real indicators are ok, EPP at 51 / 770. */
static void
assert_only_hostile_failed (const HostileCase *c, JsonObject *bundle)
{
  JsonArray *indicators = json_object_get_array_member (bundle, "indicators");
  JsonArray *refused = json_object_get_array_member (bundle, "plugins_refused");
  guint ok = 0;

  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *indicator = json_array_get_object_element (indicators, i);
      const char *id = json_object_get_string_member (indicator, "id");
      const char *status = json_object_get_string_member (indicator, "status");
      if (strcmp (id, c->fixture) == 0)
        {
          g_assert_false (c->refused);
          g_assert_cmpstr (status, ==, "error");
          assert_contains (json_object_get_string_member (indicator, "reason"), c->reason);
          continue;
        }
      /* the example has no bsem_referrals.csv */
      if (strcmp (id, "bsem_followup_rate") == 0 && g_strcmp0 (status, "not_available") == 0)
        continue;
      if (g_strcmp0 (status, "ok") != 0)
        g_error ("%s: %s (%s)", id, status, json_object_get_string_member (indicator, "reason"));
      ok++;
      if (strcmp (id, "epp_pmi_coverage") == 0)
        {
          /* Creuse's published EPP: 51 of 770 births. */
          g_assert_cmpint (json_object_get_int_member (indicator, "numerator"), ==, 51);
          g_assert_cmpint (json_object_get_int_member (indicator, "denominator"), ==, 770);
        }
    }
  g_assert_cmpuint (ok, ==, 6);
  g_assert_cmpuint (json_array_get_length (indicators), ==, c->refused ? 7 : 8); /* with bsem_followup_rate */
  g_assert_cmpuint (json_array_get_length (refused), ==, c->refused ? 1 : 0);
  if (c->refused)
    {
      JsonObject *refusal = json_array_get_object_element (refused, 0);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (refusal, "file"), ".so"));
      assert_contains (json_object_get_string_member (refusal, "reason"), c->reason);
    }
}

static void
test_hostile (gconstpointer data)
{
  const HostileCase *c = data;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *plugins = g_build_filename (dir, "plugins", NULL);
  g_autofree char *mark = g_build_filename (dir, "mark", NULL);
  g_autofree char *out = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *schema = g_build_filename (ic_test_source_dir (), "schemas", "bundle.schema.json", NULL);
  g_autofree char *printed = NULL;
  gboolean to_stdout = strcmp (c->fixture, "hostile_stdout") == 0;
  gboolean memory = strcmp (c->fixture, "hostile_memory") == 0;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  if (memory && !ic_sandbox_probe ()->rlimits)
    {
      g_test_skip ("no memory limit here");
      return;
    }
#if defined (__SANITIZE_ADDRESS__)
  if (memory)
    {
      /* AddressSanitizer's shadow rules out a limit on the address space. */
      g_test_skip ("no memory limit under AddressSanitizer");
      return;
    }
#endif
  g_assert_cmpint (g_mkdir (plugins, 0700), ==, 0);
  copy_fixture (c->fixture, plugins);
  g_assert_cmpint (run_example (plugins, mark, to_stdout ? "-" : out, memory ? "512" : NULL,
                                to_stdout ? &printed : NULL), ==, 1);
  if (to_stdout)
    {
      /* Standard output holds the bundle and nothing else. */
      g_assert_true (g_str_has_prefix (printed, "{"));
      g_file_set_contents (out, printed, -1, &error);
      g_assert_no_error (error);
    }
  json_parser_load_from_file (parser, out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ic_test_validate_files (schema, (const char *const[]) { out, NULL }, NULL), ==, 0);
  assert_only_hostile_failed (c, json_node_get_object (json_parser_get_root (parser)));
  /* Nothing written, and no process of the run left. */
  g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));
  g_assert_false (process_alive (plugins));
  ic_test_rmtree (dir);
}

/* `list` and `describe` scan the same files: the refused ones are listed
 * with their reason, and neither command crashes (case 5). */
static void
test_hostile_list (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  const char *fixtures[] = { "hostile_wild_id", "hostile_undefined", "hostile_constructor" };
  g_autofree char *out = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    copy_fixture (fixtures[i], dir);
  {
    const char *argv[] = { "timeout", "-s", "KILL", "60", ic_test_indicore (), "list", "--plugins", dir, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    assert_contains (out, "hostile_wild_id.so: loading it in the scanner process");
    assert_contains (out, "undefined symbol ic_engine_internal");
    assert_contains (out, "epp_pmi_coverage");
  }
  {
    const char *argv[] = { "timeout", "-s", "KILL", "60", ic_test_indicore (), "describe", "--plugins", dir,
                           "epp_pmi_coverage", NULL };
    g_autofree char *described = NULL;
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, &described, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    assert_contains (described, "Taux de couverture des EPP");
  }
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/isolate/crash-abort-hang", test_crashes);
  g_test_add_func ("/isolate/same-as-in-process", test_same_as_in_process);
  g_test_add_func ("/isolate/variant/round-trip", test_variant_round_trip);
  g_test_add_func ("/isolate/child/grandchild-killed", test_child_grandchild_killed);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    g_test_add_data_func (hostile_cases[i].path, &hostile_cases[i], test_hostile);
  g_test_add_func ("/isolate/hostile/list-and-describe", test_hostile_list);
  return g_test_run ();
}

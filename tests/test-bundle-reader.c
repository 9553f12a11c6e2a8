/* test-bundle-reader.c: the one bundle reader, as `render`, `render
 * --previous` and `run --previous` use it: the same answer from each
 * command on the same bundle (a value with two decimals, nesting too deep, a
 * FIFO, another département's bundle). The reading of each member is tested
 * through the renderings in test-render.c (/render/load/...). */
#include <string.h>
#include <sys/stat.h>

#include "bundle-history.h"
#include "bundle-reader.h"
#include "json-members.h"
#include "test-util.h"

/* The golden 2023 bundle of Creuse (département 23), its text changed by
 * replacing @from (which must be there, once) by @to, written to DIR/NAME. */
static char *
write_golden_2023 (const char *dir, const char *name, const char *from, const char *to)
{
  g_autofree char *golden = g_build_filename (ic_test_source_dir (), "tests", "golden", "bundle-2023.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GString) changed = NULL;
  char *at;

  g_assert_true (g_file_get_contents (golden, &text, NULL, NULL));
  changed = g_string_new (text);
  if (from != NULL)
    {
      at = strstr (changed->str, from);
      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, from));
      g_string_erase (changed, at - changed->str, (gssize) strlen (from));
      g_string_insert (changed, at - changed->str, to);
    }
  return ic_test_write (dir, name, changed->str);
}

/* What `indicore run --previous @previous` says of it: exit 2 and the
 * message after "indicore run: --previous: ". */
static char *
run_previous_refuses (const char *previous, const char *department)
{
  g_autofree char *data = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  const char *argv[] = { "run", "--data", data, "--year", "2024", "--department", department,
                         "--previous", previous, "--out", "/dev/null", NULL };
  g_autofree char *err = NULL;
  const char *prefix = "indicore run: --previous: ";

  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 2);
  if (!g_str_has_prefix (err, prefix))
    g_error ("\"%s\" does not start with \"%s\"", err, prefix);
  return g_strdup (err + strlen (prefix));
}

/* What `indicore render @bundle --previous @previous` says of it (@previous
 * NULL: `indicore render @bundle`): exit 2, and the message after
 * "indicore render: " (and "--previous: "). */
static char *
render_refuses (const char *bundle, const char *previous)
{
  const char *argv[] = { "render", bundle, previous ? "--previous" : NULL, previous, NULL };
  g_autofree char *err = NULL;
  const char *prefix = previous ? "indicore render: --previous: " : "indicore render: ";

  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 2);
  if (!g_str_has_prefix (err, prefix))
    g_error ("\"%s\" does not start with \"%s\"", err, prefix);
  return g_strdup (err + strlen (prefix));
}

static char *
golden_2024 (void)
{
  return g_build_filename (ic_test_source_dir (), "tests", "golden", "bundle-2024.json", NULL);
}

static void
assert_contains (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("\"%s\" does not say \"%s\"", text, part);
}

static void
test_two_decimals_same_answer (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  /* bsem_coverage, the bundle's first indicator, gave 86.3 in 2023; 86.34
   * would round back to 86.3 (what `run --previous` did), but no figure of
   * a bundle has two decimals: both commands refuse it, and say where. */
  g_autofree char *previous = write_golden_2023 (dir, "bundle-2023.json", "\"value\": 86.3,", "\"value\": 86.34,");
  g_autofree char *bundle = golden_2024 ();
  g_autofree char *by_run = run_previous_refuses (previous, "23");
  g_autofree char *by_render = render_refuses (bundle, previous);
  g_autofree char *alone = render_refuses (previous, NULL);
  g_autofree char *expected = g_strdup_printf ("%s: not an indicore bundle: indicators[0].value: more than one decimal\n",
                                               previous);

  g_assert_cmpstr (by_run, ==, expected);
  g_assert_cmpstr (by_render, ==, expected);
  g_assert_cmpstr (alone, ==, expected);
  ic_test_rmtree (dir);
}

static void
test_two_decimals_in_process (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *previous = write_golden_2023 (dir, "b.json", "\"value\": 86.3,", "\"value\": 86.34,");
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) history = ic_bundle_history_read (previous, &error);

  g_assert_null (history);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  assert_contains (error->message, "indicators[0].value: more than one decimal");
  ic_test_rmtree (dir);
}

static void
test_one_decimal_read_as_written (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *previous = write_golden_2023 (dir, "b.json", NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) history = ic_bundle_history_read (previous, &error);
  const IcHistoryValue *bsem;

  g_assert_no_error (error);
  g_assert_cmpint (history->year, ==, 2023);
  g_assert_cmpstr (history->department_code, ==, "23");
  /* bsem_coverage 2023: 750 / 869 = 86.3 %, 863 tenths. */
  bsem = ic_history_lookup (history, "bsem_coverage");
  g_assert_nonnull (bsem);
  g_assert_true (bsem->has_value);
  g_assert_cmpint (bsem->value_tenths, ==, 863);
  g_assert_true (bsem->has_counts);
  g_assert_cmpint (bsem->numerator, ==, 750);
  g_assert_cmpint (bsem->denominator, ==, 869);
  ic_test_rmtree (dir);
}

/* [[[[...]]]] @depth levels deep. */
static char *
nested (guint depth)
{
  GString *text = g_string_sized_new (2 * depth + 1);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
test_deep_nesting_refused (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *deep = nested (80000);
  g_autofree char *path = ic_test_write (dir, "deep.json", deep);
  g_autofree char *by_run = run_previous_refuses (path, "23");
  g_autofree char *by_render = render_refuses (path, NULL);
  g_autofree char *expected = g_strdup_printf ("%s: nested deeper than %d levels\n", path, IC_JSON_MAX_DEPTH);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) view = NULL;
  g_autofree char *just_deep_enough = nested (IC_JSON_MAX_DEPTH);

  /* 80 000 levels overflowed json-glib's recursion: now refused first. */
  g_assert_cmpstr (by_run, ==, expected);
  g_assert_cmpstr (by_render, ==, expected);
  view = ic_bundle_read_from_data ("deep.json", deep, -1, &error);
  g_assert_null (view);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_READ);
  g_clear_error (&error);
  /* 64 levels are parsed (then refused as not a bundle); brackets inside a
   * string do not count. */
  view = ic_bundle_read_from_data ("ok.json", just_deep_enough, -1, &error);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *in_string = g_strdup_printf ("{ \"bundle_version\": \"%s\" }", deep);
    view = ic_bundle_read_from_data ("string.json", in_string, -1, &error);
    g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
    assert_contains (error->message, "is not one this indicore reads");
  }
  ic_test_rmtree (dir);
}

static void
test_fifo_refused (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "bundle-2023.json", NULL);
  g_autofree char *bundle = golden_2024 ();
  g_autofree char *by_run = NULL, *by_render = NULL, *alone = NULL, *expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) view = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* Nobody writes to it: reading it would wait for ever. */
  by_run = run_previous_refuses (fifo, "23");
  by_render = render_refuses (bundle, fifo);
  alone = render_refuses (fifo, NULL);
  expected = g_strdup_printf ("“%s” is not a regular file\n", fifo);
  g_assert_cmpstr (by_run, ==, expected);
  g_assert_cmpstr (by_render, ==, expected);
  g_assert_cmpstr (alone, ==, expected);
  view = ic_bundle_read (fifo, &error);
  g_assert_null (view);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_READ);
  ic_test_rmtree (dir);
}

static void
test_other_department_refused (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  /* Creuse's 2023 bundle, as if of Haute-Vienne (87). */
  g_autofree char *previous = write_golden_2023 (dir, "bundle-2023.json", "\"code\": \"23\"", "\"code\": \"87\"");
  g_autofree char *bundle = golden_2024 ();
  g_autofree char *by_run = run_previous_refuses (previous, "23");
  g_autofree char *by_render = render_refuses (bundle, previous);
  g_autofree char *expected = g_strdup_printf ("%s: is a bundle of département 87, not 23\n", previous);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) history = ic_bundle_history_read (previous, &error);

  /* `render --previous` refused it; `run --previous` took it for Creuse's
   * previous year. Both refuse it now, in the same words. */
  g_assert_cmpstr (by_run, ==, expected);
  g_assert_cmpstr (by_render, ==, expected);
  g_assert_no_error (error);
  g_assert_false (ic_bundle_history_check (history, 2024, "23", &error));
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_true (ic_bundle_history_check (history, 2024, "87", &error));
  g_assert_no_error (error);
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bundle-reader/decimals/refused-by-run-and-render", test_two_decimals_same_answer);
  g_test_add_func ("/bundle-reader/decimals/refused-in-history", test_two_decimals_in_process);
  g_test_add_func ("/bundle-reader/decimals/one-read-as-written", test_one_decimal_read_as_written);
  g_test_add_func ("/bundle-reader/refuse/nested-too-deep", test_deep_nesting_refused);
  g_test_add_func ("/bundle-reader/refuse/fifo", test_fifo_refused);
  g_test_add_func ("/bundle-reader/refuse/other-department", test_other_department_refused);
  return g_test_run ();
}

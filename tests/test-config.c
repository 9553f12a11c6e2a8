/* Yearly runs driven by indicore.conf: the file's checks, and a run that
 * takes everything from it and writes the bundle and its renderings next to
 * the earlier ones. */
#include <glib/gstdio.h>
#include <string.h>

#include "config.h"
#include "test-util.h"

static char *
write_config (const char *dir, const char *text)
{
  return ic_test_write (dir, "indicore.conf", text);
}

static void
test_load (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = write_config (dir,
    "[indicore]\n"
    "department=23\n"
    "department_name=Creuse\n"
    "data=exports\n"
    "output=/srv/bundles\n"
    "plugins=local/plugins;/opt/p\n"
    "formats=html;csv\n"
    "small_count=5\n"
    "[indicator bsem_coverage]\n"
    "age_min_months=30\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (IcConfig) config = ic_config_load (path, &error);
  g_autofree char *data = g_build_filename (dir, "exports", NULL);
  g_autofree char *local = g_build_filename (dir, "local", "plugins", NULL);
  GHashTable *bsem;

  g_assert_no_error (error);
  g_assert_cmpstr (config->department, ==, "23");
  g_assert_cmpstr (config->department_name, ==, "Creuse");
  /* Relative paths are relative to the file. */
  g_assert_cmpstr (config->data_dir, ==, data);
  g_assert_cmpstr (config->output_dir, ==, "/srv/bundles");
  g_assert_cmpstr (config->plugin_dirs[0], ==, local);
  g_assert_cmpstr (config->plugin_dirs[1], ==, "/opt/p");
  g_assert_null (config->plugin_dirs[2]);
  g_assert_cmpstr (config->formats[0], ==, "html");
  g_assert_cmpint (config->small_count, ==, 5);
  g_assert_cmpint (config->plugin_timeout, ==, 60);
  g_assert_false (config->lenient);
  bsem = g_hash_table_lookup (config->overrides, "bsem_coverage");
  g_assert_nonnull (bsem);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (bsem, "age_min_months"), ==, 30);
  ic_test_rmtree (dir);
}

static void
assert_refused (const char *text, const char *message)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = write_config (dir, text);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcConfig) config = ic_config_load (path, &error);

  g_assert_null (config);
  g_assert_error (error, IC_CONFIG_ERROR, IC_CONFIG_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_error ("\"%s\" lacks \"%s\"", error->message, message);
  ic_test_rmtree (dir);
}

static void
test_invalid (void)
{
  assert_refused ("[indicore]\ndepartment=23\ndata=d\n", "needs department, data and output");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\nsmall_cuont=3\n", "small_cuont: unknown key");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\nsmall_count=-1\n", "small_count: expected a whole number");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\nformats=pdf\n", "unknown format pdf");
  /* the département's targets and fiche numbers */
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[indicator epp_pmi_coverage]\ntarget_25=>= 20\n",
                  "[indicator epp_pmi_coverage] target_25: expected target_YYYY");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[indicator epp_pmi_coverage]\ntarget_2025=at least 20\n",
                  "target_2025: expected [value|count] >= N");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[indicator epp_pmi_coverage]\ntarget_2025=count >= 12.5\n",
                  "target_2025: a count target is a whole number");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[indicator epp_pmi_coverage]\ntarget_2025=value >= 120\n",
                  "target_2025: a target on a value in % is from 0 to 100");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[indicator epp_pmi_coverage]\ntarget_2025=progress counts\n",
                  "target_2025: expected progress, progress value or progress count");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[fiches 2025-2027]\nobjectif_3=4\n",
                  "[fiches 2025-2027] objectif_3: expected objective_N=FICHE");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\nframework=../2025\n",
                  "framework: expected a framework's id");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[bsem_coverage]\nx=1\n", "[bsem_coverage]: unknown group");
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[indicator bsem_coverage]\nage_min_months=old\n",
                  "[indicator bsem_coverage] age_min_months: expected a whole number");
  /* A definition's parameters are 0 to 10^6; an override too. */
  assert_refused ("[indicore]\ndepartment=23\ndata=d\noutput=o\n[indicator bsem_coverage]\nage_min_months=1000001\n",
                  "[indicator bsem_coverage] age_min_months: expected a whole number from 0 to 1000000");
}

/* --out not ending in .json: the renderings go beside it, named after it
 * whole, never a name cut short (b.txt from "b.out" minus five bytes would
 * be "txt"; from "b" the cut was 2^64 bytes long). */
static void
test_out_not_json (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *example = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_autofree char *text = g_strdup_printf ("[indicore]\ndepartment=23\ndata=%s\noutput=bundles\nformats=text;md\n", example);
  g_autofree char *config = write_config (dir, text);
  g_autofree char *sub = g_build_filename (dir, "out", NULL);
  g_autofree char *out = g_build_filename (sub, "b", NULL);
  g_autofree char *out_txt = g_build_filename (sub, "b.txt", NULL);
  g_autofree char *out_md = g_build_filename (sub, "b.md", NULL);
  g_autofree char *err = NULL;
  const char *argv[] = { "run", "--config", config, "--year", "2024", "--out", out, NULL };
  const char *to_stdout[] = { "run", "--config", config, "--year", "2024", "--out", "-", NULL };
  g_autoptr (GDir) listing = NULL;
  guint n = 0;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (ic_test_spawn (argv, NULL, NULL), ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (out_txt, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (out_md, G_FILE_TEST_IS_REGULAR));
  /* Nothing else in the directory of the bundle, nor beside it. */
  listing = g_dir_open (sub, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 3);
  g_clear_pointer (&listing, g_dir_close);
  listing = g_dir_open (dir, 0, NULL);
  n = 0;
  while (g_dir_read_name (listing) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 2);   /* indicore.conf, out/ */

  /* Standard output has no directory for the renderings: a usage error. */
  g_assert_cmpint (ic_test_spawn (to_stdout, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--out -"));
  ic_test_rmtree (dir);
}

static void
test_yearly_run (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *example = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_autofree char *text = g_strdup_printf ("[indicore]\ndepartment=23\ndepartment_name=Creuse\ndata=%s\n"
                                           "output=bundles\nformats=text;csv;html;md\n"
                                           "[indicator bsem_coverage]\nage_max_months=48\n", example);
  g_autofree char *config = write_config (dir, text);
  g_autofree char *bundle = NULL, *earlier = NULL;
  const char *y2023[] = { "run", "--config", config, "--year", "2023", NULL };
  const char *y2024[] = { "run", "--config", config, "--year", "2024", NULL };
  static const char *const files[] = {
    "bundle-2023.json", "bundle-2023.txt", "bundle-2023.csv", "bundle-2023.html", "bundle-2023.md",
    "bundle-2024.json", "bundle-2024.txt", "bundle-2024.csv", "bundle-2024.html", "bundle-2024.md", NULL
  };

  g_assert_cmpint (ic_test_spawn (y2023, NULL, NULL), ==, 0);
  g_assert_cmpint (ic_test_spawn (y2024, NULL, NULL), ==, 0);
  for (guint i = 0; files[i]; i++)
    {
      g_autofree char *path = g_build_filename (dir, "bundles", files[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  {
    g_autofree char *path = g_build_filename (dir, "bundles", "bundle-2024.json", NULL);
    g_assert_true (g_file_get_contents (path, &bundle, NULL, NULL));
  }
  /* The 2023 bundle found in the output directory is the previous year. */
  g_assert_nonnull (strstr (bundle, "\"previous\": {\n        \"year\": 2023,"));
  g_assert_nonnull (strstr (bundle, "\"department\": {\n    \"code\": \"23\",\n    \"name\": \"Creuse\""));
  /* The override is the value recorded. */
  g_assert_nonnull (strstr (bundle, "\"age_max_months\": 48"));
  g_assert_null (strstr (bundle, "\"age_max_months\": 60"));
  ic_test_rmtree (dir);
}

/* target_YYYY and [fiches FRAMEWORK]: the département's own, by year. */
static void
test_targets (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = write_config (dir,
    "[indicore]\ndepartment=48\ndata=.\noutput=out\nframework=2025-2027\n"
    "[indicator vad_child_share]\n"
    "target_2025=count >= 1656\n"
    "target_2026=>= 12.5\n"
    "target_2027=progress count\n"
    "[fiches 2025-2027]\nobjective_3=4-5\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (IcConfig) config = ic_config_load (path, &error);
  g_autoptr (GHashTable) y2025 = NULL, y2026 = NULL, y2027 = NULL, y2024 = NULL;
  const IcTarget *t;

  g_assert_no_error (error);
  g_assert_cmpstr (config->framework, ==, "2025-2027");
  y2025 = ic_config_targets_for_year (config, 2025);
  t = g_hash_table_lookup (y2025, "vad_child_share");
  /* 1656 × 10 tenths, on the count, the département's */
  g_assert_cmpint (t->op, ==, IC_TARGET_GE);
  g_assert_cmpint (t->on, ==, IC_TARGET_ON_COUNT);
  g_assert_cmpint (t->origin, ==, IC_TARGET_DEPARTMENT);
  g_assert_cmpint (t->tenths, ==, 16560);
  y2026 = ic_config_targets_for_year (config, 2026);
  t = g_hash_table_lookup (y2026, "vad_child_share");
  g_assert_cmpint (t->on, ==, IC_TARGET_ON_VALUE);
  g_assert_cmpint (t->tenths, ==, 125);
  y2027 = ic_config_targets_for_year (config, 2027);
  t = g_hash_table_lookup (y2027, "vad_child_share");
  g_assert_cmpint (t->op, ==, IC_TARGET_PROGRESS);
  g_assert_cmpint (t->on, ==, IC_TARGET_ON_COUNT);
  y2024 = ic_config_targets_for_year (config, 2024);
  g_assert_cmpuint (g_hash_table_size (y2024), ==, 0);
  g_assert_cmpstr (g_hash_table_lookup (g_hash_table_lookup (config->fiches, "2025-2027"), "3"), ==, "4-5");
  ic_test_rmtree (dir);
}

/* describe --config: the national targets of each framework and the
 * département's. */
static void
test_describe_targets (void)
{
  g_autofree char *conf = g_build_filename (ic_test_source_dir (), "examples", "lozere-2025", "indicore.conf", NULL);
  const char *argv[] = { "describe", "vad_child_share", "--config", conf, NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (ic_test_spawn (argv, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "national target 2020-2024: >= 15 %"));
  g_assert_nonnull (strstr (out, "national target 2025-2027: none"));
  g_assert_nonnull (strstr (out, "Département:  target 2025: count >= 120 ("));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/load", test_load);
  g_test_add_func ("/config/invalid", test_invalid);
  g_test_add_func ("/config/targets-and-fiches", test_targets);
  g_test_add_func ("/config/describe-targets", test_describe_targets);
  g_test_add_func ("/config/yearly-run", test_yearly_run);
  g_test_add_func ("/config/out-not-json", test_out_not_json);
  return g_test_run ();
}

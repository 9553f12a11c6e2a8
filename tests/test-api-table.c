/* test-api-table.c: the IcApi table as a plugin meets it: only the tables
 * its descriptor declares are reachable, the same in a full run (where
 * other plugins make the engine read more) and alone (--only). */
#include <string.h>

#include "run.h"
#include "test-util.h"

/* Two acts, three IPs, two births: every file the fixture asks about. */
static char *
write_data (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_free (ic_test_write (dir, "pmi_acts.csv",
                         "act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n"
                         "A1,EPP,2024-01-15,W1,,PMI,SF,Nord\n"
                         "A2,EPNP,2024-02-15,W2,,PMI,SF,Sud\n"));
  g_free (ic_test_write (dir, "ip.csv",
                         "ip_id,received_date,evaluation_end_date,territory\n"
                         "I1,2024-01-10,2024-02-10,Nord\n"
                         "I2,2024-02-01,2024-07-01,Nord\n"
                         "I3,2024-03-01,,Sud\n"));
  g_free (ic_test_write (dir, "births.csv",
                         "birth_id,birth_date,territory\n"
                         "B1,2024-01-05,Nord\n"
                         "B2,2024-03-03,Sud\n"));
  return g_steal_pointer (&dir);
}

/* The real plugins (ip_eval_3m_rate declares ip; epp_pmi_coverage asks for
 * the population births, which makes the engine read births.csv) beside
 * build/tests/fixtures/declared/. */
static IcPluginSet *
plugins (void)
{
  g_autofree char *declared = g_build_filename (ic_test_fixtures_dir (), "declared", NULL);
  g_autofree char *definitions = g_build_filename (ic_test_source_dir (), "indicators", NULL);
  const char *dirs[] = { ic_test_plugins_dir (), declared, NULL };
  return ic_plugin_set_scan (dirs, definitions);
}

static gint64
detail (const IcResult *r, const char *key)
{
  for (guint i = 0; i < r->details->len; i++)
    if (strcmp (((IcDetail *) r->details->pdata[i])->key, key) == 0)
      return ((IcDetail *) r->details->pdata[i])->a;
  g_error ("%s: no detail %s", r->id, key);
  return 0;
}

/* What fixture_declared got: its own 2 acts, nothing of ip nor births
 * (-1 rows, and the six accessors it tries all empty-handed). */
static void
assert_declared_only (IcRun *run)
{
  const IcResult *r = ic_test_result (run, "fixture_declared");

  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (detail (r, "own_rows"), ==, 2);
  g_assert_cmpint (detail (r, "ip_rows"), ==, -1);
  g_assert_cmpint (detail (r, "births_rows"), ==, -1);
  g_assert_cmpint (detail (r, "null_columns"), ==, 6);
}

static void
test_undeclared_full_run (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  g_autoptr (IcPluginSet) set = plugins ();
  g_autoptr (IcRun) run = ic_test_run (set, data, 2024, NULL, FALSE, NULL, &error);
  const IcResult *ip;

  g_assert_no_error (error);
  /* The run did read ip and births, for the plugins that need them. */
  g_assert_nonnull (ic_dataset_table (run->dataset, "ip"));
  g_assert_nonnull (ic_dataset_table (run->dataset, "births"));
  /* ...and ip reaches the plugin that declared it: evaluated in 2024 I1
   * (1 month) and I2 (5 months); within 3 months I1: 1 / 2 = 50.0 %. */
  ip = ic_test_result (run, "ip_eval_3m_rate");
  g_assert_cmpint (ip->status, ==, IC_STATUS_OK);
  g_assert_cmpint (ip->numerator, ==, 1);
  g_assert_cmpint (ip->denominator, ==, 2);
  assert_declared_only (run);
  ic_test_rmtree (data);
}

/* What fixture_columns got: its two columns and the territories, none of
 * the columns it did not declare (three accessors), and EPP's code 1. */
static void
assert_columns_declared_only (IcRun *run)
{
  const IcResult *r = ic_test_result (run, "fixture_columns");

  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (detail (r, "declared"), ==, 3);
  g_assert_cmpint (detail (r, "undeclared"), ==, 3);
  g_assert_cmpint (detail (r, "lookup"), ==, 1);
}

/* In a full run the ABI 1.1 plugins (no list: every column) make the
 * engine store person_id; fixture_columns still gets NULL for it. */
static void
test_columns_full_run (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  g_autoptr (IcPluginSet) set = plugins ();
  g_autoptr (IcRun) run = ic_test_run (set, data, 2024, NULL, FALSE, NULL, &error);
  IcTable *acts;

  g_assert_no_error (error);
  acts = ic_dataset_table (run->dataset, "pmi_acts");
  g_assert_nonnull (ic_table_column (acts, "person_id")->ids);
  assert_columns_declared_only (run);
  ic_test_rmtree (data);
}

/* Alone, fixture_columns makes the engine store its two columns, the
 * territory and act_date (dated_by) only: every other column of the file
 * is read and checked, its values not kept. */
static void
test_columns_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  g_autoptr (IcPluginSet) set = plugins ();
  g_autoptr (IcRun) run = ic_test_run (set, data, 2024, "fixture_columns", FALSE, NULL, &error);
  IcTable *acts;

  g_assert_no_error (error);
  acts = ic_dataset_table (run->dataset, "pmi_acts");
  g_assert_cmpuint (acts->n_rows, ==, 2);
  g_assert_nonnull (ic_table_column (acts, "act_type")->codes);
  g_assert_nonnull (ic_table_column (acts, "act_date")->dates);
  g_assert_nonnull (ic_table_column (acts, "territory")->codes);
  g_assert_null (ic_table_column (acts, "person_id")->ids);
  g_assert_null (ic_table_column (acts, "provider")->codes);
  g_assert_null (ic_table_column (acts, "person_birth_date")->dates);
  assert_columns_declared_only (run);
  ic_test_rmtree (data);
}

/* A column still checked when not stored: a bad provider fails the run. */
static void
test_columns_still_checked (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  g_autoptr (IcPluginSet) set = plugins ();
  g_autoptr (IcRun) run = NULL;

  g_free (ic_test_write (data, "pmi_acts.csv",
                         "act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n"
                         "A1,EPP,2024-01-15,W1,,NOBODY,SF,Nord\n"));
  run = ic_test_run (set, data, 2024, "fixture_columns", FALSE, NULL, &error);
  g_assert_null (run);
  g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "provider"));
  ic_test_rmtree (data);
}

static void
test_undeclared_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  g_autoptr (IcPluginSet) set = plugins ();
  g_autoptr (IcRun) run = ic_test_run (set, data, 2024, "fixture_declared", FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_null (ic_dataset_table (run->dataset, "ip"));
  g_assert_cmpuint (run->results->len, ==, 1);
  assert_declared_only (run);
  ic_test_rmtree (data);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/api-table/undeclared/full-run", test_undeclared_full_run);
  g_test_add_func ("/api-table/undeclared/only", test_undeclared_only);
  g_test_add_func ("/api-table/columns/full-run", test_columns_full_run);
  g_test_add_func ("/api-table/columns/only", test_columns_only);
  g_test_add_func ("/api-table/columns/still-checked", test_columns_still_checked);
  return g_test_run ();
}

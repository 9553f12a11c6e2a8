/* Plugin isolation: a plugin that crashes, aborts or hangs costs only its
 * own indicator; the result crosses the pipe intact. */
#include <string.h>

#include "bundle-writer.h"
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
  gint64 start;

  g_free (ic_test_write (dir, "births.csv", births_csv));
  g_free (ic_test_write (dir, "pmi_acts.csv", acts_csv));
  start = g_get_monotonic_time ();
  run = run_with (plugins, dir, "fixture_segfault,fixture_abort,fixture_hang,epp_pmi_coverage", 1, FALSE);
  /* The hang is stopped at its limit, not waited for forever. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  segfault = ic_test_result (run, "fixture_segfault");
  aborted = ic_test_result (run, "fixture_abort");
  hang = ic_test_result (run, "fixture_hang");
  g_assert_cmpint (segfault->status, ==, IC_STATUS_ERROR);
  g_assert_nonnull (strstr (segfault->reason, "signal 11"));
  g_assert_cmpint (aborted->status, ==, IC_STATUS_ERROR);
  g_assert_nonnull (strstr (aborted->reason, "signal 6"));
  g_assert_cmpint (hang->status, ==, IC_STATUS_ERROR);
  g_assert_nonnull (strstr (hang->reason, "did not finish within 1 s"));
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/isolate/crash-abort-hang", test_crashes);
  g_test_add_func ("/isolate/same-as-in-process", test_same_as_in_process);
  g_test_add_func ("/isolate/variant/round-trip", test_variant_round_trip);
  return g_test_run ();
}

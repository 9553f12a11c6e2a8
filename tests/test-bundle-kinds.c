/* test-bundle-kinds.c: bundles of version "1.1" read back: each indicator's
 * kind (rate or count) and its breakdowns, from the hand-written bundle
 * tests/fixtures/bundles/nord-2025.json (its README says what it holds);
 * one refusal per way a count or a breakdown can be wrong; a bundle of
 * version "1" still read as rates without breakdowns; the figures a count
 * gives to the next year's computation (no counts to test). */
#include <string.h>

#include "bundle-history.h"
#include "bundle-reader.h"
#include "golden.h"
#include "json-writer.h"
#include "test-util.h"

#define FIXTURE "nord-2025.json"

static char *
fixture_path (void)
{
  return g_build_filename (ic_test_source_dir (), "tests", "fixtures", "bundles", FIXTURE, NULL);
}

static IcBundleView *
load_fixture (void)
{
  g_autofree char *path = fixture_path ();
  g_autoptr (GError) error = NULL;
  IcBundleView *bundle = ic_bundle_read (path, &error);

  g_assert_no_error (error);
  return bundle;
}

static JsonNode *
fixture_tree (void)
{
  g_autofree char *path = fixture_path ();
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  return root;
}

static void
assert_stratum (const IcBundleStratum *stratum, const char *name, gboolean suppressed, gint64 numerator,
                gint64 denominator, gint64 value_tenths)
{
  g_assert_cmpstr (ic_bundle_stratum_name (stratum), ==, name);
  g_assert_cmpint (stratum->suppressed, ==, suppressed);
  g_assert_cmpint (stratum->numerator, ==, numerator);
  g_assert_cmpint (stratum->denominator, ==, denominator);
  g_assert_cmpint (stratum->value_tenths, ==, value_tenths);
}

static void
test_read_kinds (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  const IcBundleIndicator *rate, *count, *one;
  const IcBundleBreakdown *breakdown;

  g_assert_true (ic_bundle_view_has_breakdowns (bundle));

  /* the rate: 150 / 200 = 75,0 %, a breakdown by domain, the codes by code */
  rate = ic_golden_find (bundle, "bsem_followup_rate");
  g_assert_cmpint (rate->kind, ==, IC_BUNDLE_KIND_RATE);
  g_assert_cmpint (rate->value_tenths, ==, 750);
  g_assert_cmpuint (rate->strata->len, ==, 5);
  g_assert_null (((IcBundleStratum *) rate->strata->pdata[0])->code);
  g_assert_cmpuint (rate->breakdowns->len, ==, 1);
  breakdown = rate->breakdowns->pdata[0];
  g_assert_cmpstr (breakdown->column, ==, "domain");
  g_assert_cmpstr (breakdown->label, ==, "domaine");
  g_assert_cmpuint (breakdown->strata->len, ==, 5);
  assert_stratum (breakdown->strata->pdata[0], "DENTAL", TRUE, 0, 0, 0);
  assert_stratum (breakdown->strata->pdata[1], "DEVELOPMENT", FALSE, 40, 50, 800);
  assert_stratum (breakdown->strata->pdata[3], "LANGUAGE", FALSE, 52, 70, 743); /* 52 / 70 = 74,29 % */
  g_assert_null (((IcBundleStratum *) breakdown->strata->pdata[1])->territory);

  /* the count: 1 412 held as 14 120 tenths, like every figure; no counts */
  count = ic_golden_find (bundle, "home_measures_started");
  g_assert_cmpint (count->kind, ==, IC_BUNDLE_KIND_COUNT);
  g_assert_true (count->has_value);
  g_assert_cmpint (count->value_tenths, ==, 14120);
  g_assert_false (count->has_numerator);
  g_assert_false (count->has_denominator);
  g_assert_false (count->has_ci95);
  g_assert_cmpstr (count->unit, ==, "mesures");
  /* its change from 2024, untested: 1 412 − 1 300 = 112 */
  g_assert_true (count->has_change);
  g_assert_cmpint (count->change_tenths, ==, 1120);
  g_assert_false (count->has_p_value);
  g_assert_cmpint (count->target_tenths, ==, 15000);
  g_assert_cmpuint (count->strata->len, ==, 4);
  assert_stratum (count->strata->pdata[0], "Avesnes", FALSE, 0, 0, 3600);
  assert_stratum (count->strata->pdata[1], "Bourbourg", TRUE, 0, 0, 0);
  assert_stratum (count->strata->pdata[3], "Lille", FALSE, 0, 0, 10100);
  breakdown = count->breakdowns->pdata[0];
  g_assert_cmpstr (breakdown->label, ==, "type de mesure");
  g_assert_cmpuint (breakdown->strata->len, ==, 4);
  assert_stratum (breakdown->strata->pdata[0], "AED", FALSE, 0, 0, 4200);
  assert_stratum (breakdown->strata->pdata[1], "AEMO", FALSE, 0, 0, 9500);
  assert_stratum (breakdown->strata->pdata[2], "AEMO_R", TRUE, 0, 0, 0);
  assert_stratum (breakdown->strata->pdata[3], "TISF", TRUE, 0, 0, 0);

  one = ic_golden_find (bundle, "tdc_measures_started");
  g_assert_cmpint (one->kind, ==, IC_BUNDLE_KIND_COUNT);
  g_assert_cmpint (one->value_tenths, ==, 10);
  g_assert_cmpuint (one->breakdowns->len, ==, 0);
}

/* The fixture is what the writer writes: it follows the bundle's schema,
 * once the schema has version "1.1" (helper api's; skipped before). */
static void
test_fixture_follows_schema (void)
{
  g_autofree char *schema = g_build_filename (ic_test_source_dir (), "schemas", "bundle.schema.json", NULL);
  g_autofree char *path = fixture_path ();
  g_autofree char *report = NULL;

  if (ic_test_validate_files (schema, (const char *const[]) { path, NULL }, &report) != 0)
    {
      g_test_message ("%s", report);
      g_test_fail ();
    }
}

/* A bundle of version "1" is rates without breakdowns. */
static void
test_read_version_1 (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load ("bundle-2024.json");

  g_assert_false (ic_bundle_view_has_breakdowns (bundle));
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      g_assert_cmpint (indicator->kind, ==, IC_BUNDLE_KIND_RATE);
      g_assert_cmpuint (indicator->breakdowns->len, ==, 0);
      for (guint s = 0; s < indicator->strata->len; s++)
        g_assert_null (((IcBundleStratum *) indicator->strata->pdata[s])->code);
    }
}

static JsonObject *
count_breakdown_stratum (JsonNode *root, guint i)
{
  JsonObject *count = ic_golden_tree_indicator (root, "home_measures_started");
  JsonObject *breakdown = json_array_get_object_element (json_object_get_array_member (count, "breakdowns"), 0);
  return json_array_get_object_element (json_object_get_array_member (breakdown, "strata"), i);
}

/* @root read back is refused, the message naming @path and saying @words. */
static void
assert_refused (JsonNode *root, const char *path, const char *words)
{
  g_autofree char *text = ic_json_write (root, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = ic_bundle_read_from_data ("altered.json", text, -1, &error);

  g_assert_null (bundle);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
}

typedef enum {
  BAD_KIND,
  COUNT_WITH_DECIMAL,
  COUNT_NEGATIVE,
  COUNT_EARLIER_WITH_DECIMAL,
  COUNT_WITH_NUMERATOR,
  COUNT_WITH_INTERVAL,
  COUNT_CHANGE_TESTED,
  COUNT_STRATUM_WITH_DENOMINATOR,
  COUNT_STRATUM_WITHOUT_VALUE,
  BREAKDOWN_SUPPRESSED_WITH_COUNT,
  BREAKDOWN_WITHOUT_LABEL,
  BREAKDOWN_STRATUM_WITHOUT_CODE,
  KIND_MISSING,
  BREAKDOWNS_MISSING,
  UNKNOWN_VERSION,
} Fault;

static void
test_refuse (gconstpointer data)
{
  Fault fault = GPOINTER_TO_INT (data);
  g_autoptr (JsonNode) root = fixture_tree ();
  JsonObject *count = ic_golden_tree_indicator (root, "home_measures_started");
  JsonObject *rate = ic_golden_tree_indicator (root, "bsem_followup_rate");
  JsonObject *stratum;

  switch (fault)
    {
    case BAD_KIND:
      json_object_set_string_member (count, "kind", "delay");
      assert_refused (root, "indicators[1].kind", "the kind is rate or count");
      break;
    case COUNT_WITH_DECIMAL:
      json_object_set_double_member (count, "value", 1412.5);
      assert_refused (root, "indicators[1].value", "whole number");
      break;
    case COUNT_NEGATIVE:
      json_object_set_int_member (count, "value", -1);
      assert_refused (root, "indicators[1].value", "whole number");
      break;
    case COUNT_EARLIER_WITH_DECIMAL:
      {
        /* the earlier year of a count is a count too, here as in `previous` */
        JsonArray *trend = json_object_get_array_member (count, "trend");
        json_object_set_double_member (json_array_get_object_element (trend, 0), "value", 1300.5);
        json_object_set_double_member (json_object_get_object_member (count, "previous"), "value", 1300.5);
        assert_refused (root, "indicators[1].previous.value", "whole number");
        break;
      }
    case COUNT_WITH_NUMERATOR:
      json_object_set_int_member (count, "numerator", 1412);
      assert_refused (root, "indicators[1]", "a count with a numerator or a denominator");
      break;
    case COUNT_WITH_INTERVAL:
      {
        JsonArray *bounds = json_array_new ();
        json_array_add_double_element (bounds, 1400.0);
        json_array_add_double_element (bounds, 1420.0);
        json_object_set_array_member (count, "ci95", bounds);
        assert_refused (root, "indicators[1].ci95", "a count has no interval");
        break;
      }
    case COUNT_CHANGE_TESTED:
      {
        JsonObject *change = json_object_get_object_member (count, "change");
        json_object_set_double_member (change, "p_value", 0.01);
        json_object_set_boolean_member (change, "significant", TRUE);
        assert_refused (root, "indicators[1].change", "a count's change is not tested");
        break;
      }
    case COUNT_STRATUM_WITH_DENOMINATOR:
      stratum = json_array_get_object_element (json_object_get_array_member (count, "strata"), 0);
      json_object_set_int_member (stratum, "denominator", 400);
      assert_refused (root, "indicators[1].strata[0]", "a count with a numerator or a denominator");
      break;
    case COUNT_STRATUM_WITHOUT_VALUE:
      json_object_remove_member (count_breakdown_stratum (root, 0), "value");
      assert_refused (root, "indicators[1].breakdowns[0].strata[0].value", "missing");
      break;
    case BREAKDOWN_SUPPRESSED_WITH_COUNT:
      json_object_set_int_member (count_breakdown_stratum (root, 2), "value", 7);
      assert_refused (root, "indicators[1].breakdowns[0].strata[2]", "a suppressed stratum with counts");
      break;
    case BREAKDOWN_WITHOUT_LABEL:
      {
        JsonArray *breakdowns = json_object_get_array_member (rate, "breakdowns");
        json_object_set_string_member (json_array_get_object_element (breakdowns, 0), "label", "");
        assert_refused (root, "indicators[0].breakdowns[0].label", "non-empty");
        break;
      }
    case BREAKDOWN_STRATUM_WITHOUT_CODE:
      json_object_remove_member (count_breakdown_stratum (root, 1), "code");
      assert_refused (root, "indicators[1].breakdowns[0].strata[1].code", "missing");
      break;
    case KIND_MISSING:
      json_object_remove_member (rate, "kind");
      assert_refused (root, "indicators[0].kind", "missing");
      break;
    case BREAKDOWNS_MISSING:
      json_object_remove_member (rate, "breakdowns");
      assert_refused (root, "indicators[0].breakdowns", "missing");
      break;
    case UNKNOWN_VERSION:
      json_object_set_string_member (json_node_get_object (root), "bundle_version", "1.2");
      assert_refused (root, "bundle_version", "version 1.2");
      break;
    }
}

/* What the next year's run takes from this bundle: a count's value, in
 * tenths as every figure, and no counts (nothing to test a change on). */
static void
test_history (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  g_autoptr (IcHistory) history = ic_bundle_history_from_view (bundle);
  const IcHistoryValue *count = ic_history_lookup (history, "home_measures_started");
  const IcHistoryValue *one = ic_history_lookup (history, "tdc_measures_started");
  const IcHistoryValue *rate = ic_history_lookup (history, "bsem_followup_rate");

  g_assert_true (count->has_value);
  g_assert_cmpint (count->value_tenths, ==, 14120);
  g_assert_false (count->has_counts);
  g_assert_cmpint (one->value_tenths, ==, 10);
  g_assert_false (one->has_counts);
  /* the rate keeps its counts for the two-proportion test: 150 / 200 */
  g_assert_true (rate->has_counts);
  g_assert_cmpint (rate->numerator, ==, 150);
  g_assert_cmpint (rate->denominator, ==, 200);
}

/* A count's series from earlier bundles: a bundle of 2024 whose count was
 * 1 300 (as this bundle's own `previous` says) merges in. */
static void
test_previous_count (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  g_autoptr (JsonNode) root = fixture_tree ();
  g_autofree char *text = NULL;
  g_autoptr (IcBundleView) earlier = NULL;
  g_autoptr (GError) error = NULL;
  const IcBundleIndicator *count;
  const IcBundlePoint *point;

  json_object_set_int_member (json_node_get_object (root), "year", 2024);
  json_object_set_int_member (ic_golden_tree_indicator (root, "home_measures_started"), "value", 1300);
  /* the earlier bundle has no year before it */
  json_object_set_null_member (ic_golden_tree_indicator (root, "home_measures_started"), "previous");
  json_object_set_null_member (ic_golden_tree_indicator (root, "home_measures_started"), "change");
  json_object_remove_member (ic_golden_tree_indicator (root, "home_measures_started"), "trend");
  json_object_set_int_member (ic_golden_tree_indicator (root, "tdc_measures_started"), "value", 0);
  json_object_set_null_member (ic_golden_tree_indicator (root, "tdc_measures_started"), "previous");
  json_object_set_null_member (ic_golden_tree_indicator (root, "tdc_measures_started"), "change");
  json_object_remove_member (ic_golden_tree_indicator (root, "tdc_measures_started"), "trend");
  json_object_remove_member (ic_golden_tree_indicator (root, "bsem_followup_rate"), "trend");
  text = ic_json_write (root, NULL);
  earlier = ic_bundle_read_from_data ("nord-2024.json", text, -1, &error);
  g_assert_no_error (error);

  g_assert_true (ic_bundle_view_add_previous (bundle, earlier, &error));
  g_assert_no_error (error);
  count = ic_golden_find (bundle, "home_measures_started");
  point = ic_bundle_indicator_point (count, 2024);
  g_assert_nonnull (point);
  g_assert_cmpint (point->value_tenths, ==, 13000);
  g_assert_false (point->has_counts);
}

/* An earlier bundle where the count was a rate: not one series, nothing
 * added (the count's series keeps its own 2024 point, without counts). */
static void
test_previous_other_kind (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autofree char *text = NULL;
  g_autoptr (IcBundleView) earlier = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *department = json_object_get_object_member (json_node_get_object (root), "department");
  JsonObject *rate = ic_golden_tree_indicator (root, "epp_pmi_coverage");
  const IcBundleIndicator *count;
  const IcBundlePoint *point;

  /* the golden bundle of 2024 (version 1: rates), made Nord's, its EPP renamed */
  json_object_set_string_member (department, "code", "59");
  json_object_set_string_member (rate, "id", "home_measures_started");
  text = ic_json_write (root, NULL);
  earlier = ic_bundle_read_from_data ("rates-2024.json", text, -1, &error);
  g_assert_no_error (error);

  g_assert_true (ic_bundle_view_add_previous (bundle, earlier, &error));
  g_assert_no_error (error);
  count = ic_golden_find (bundle, "home_measures_started");
  point = ic_bundle_indicator_point (count, 2024);
  g_assert_cmpint (point->value_tenths, ==, 13000); /* the bundle's own `previous`, not 6,6 % */
  g_assert_null (point->definition_version);
  g_assert_false (point->has_counts);
}

int
main (int argc, char **argv)
{
  static const struct { const char *name; Fault fault; } faults[] = {
    { "bad-kind", BAD_KIND },
    { "count-with-decimal", COUNT_WITH_DECIMAL },
    { "count-negative", COUNT_NEGATIVE },
    { "count-earlier-year-with-decimal", COUNT_EARLIER_WITH_DECIMAL },
    { "count-with-numerator", COUNT_WITH_NUMERATOR },
    { "count-with-interval", COUNT_WITH_INTERVAL },
    { "count-change-tested", COUNT_CHANGE_TESTED },
    { "count-stratum-with-denominator", COUNT_STRATUM_WITH_DENOMINATOR },
    { "count-stratum-without-value", COUNT_STRATUM_WITHOUT_VALUE },
    { "breakdown-suppressed-with-count", BREAKDOWN_SUPPRESSED_WITH_COUNT },
    { "breakdown-without-label", BREAKDOWN_WITHOUT_LABEL },
    { "breakdown-stratum-without-code", BREAKDOWN_STRATUM_WITHOUT_CODE },
    { "kind-missing", KIND_MISSING },
    { "breakdowns-missing", BREAKDOWNS_MISSING },
    { "unknown-version", UNKNOWN_VERSION },
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bundle-kinds/read/kinds-and-breakdowns", test_read_kinds);
  g_test_add_func ("/bundle-kinds/read/version-1-is-rates", test_read_version_1);
  g_test_add_func ("/bundle-kinds/fixture-follows-schema", test_fixture_follows_schema);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bundle-kinds/refuse/%s", faults[i].name);
      g_test_add_data_func (path, GINT_TO_POINTER (faults[i].fault), test_refuse);
    }
  g_test_add_func ("/bundle-kinds/history/count-untested", test_history);
  g_test_add_func ("/bundle-kinds/previous/count-series", test_previous_count);
  g_test_add_func ("/bundle-kinds/previous/other-kind-not-merged", test_previous_other_kind);
  return g_test_run ();
}

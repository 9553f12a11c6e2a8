/* Trends: the Wilson interval, the two-proportion test, and the change and
 * series set on a result. Expected figures worked out with the formulas
 * written in each comment (z = 1.959964). */
#include <math.h>

#include "bundle-history.h"
#include "test-util.h"
#include "trend.h"

static void
assert_interval (gint64 num, gint64 den, gint64 low, gint64 high)
{
  gint64 l, h;
  g_assert_true (ic_wilson_interval (num, den, &l, &h));
  g_assert_cmpint (l, ==, low);
  g_assert_cmpint (h, ==, high);
}

static void
test_wilson (void)
{
  /* 51/770: p = 0.066234, centre = (p + z²/2n) / (1 + z²/n) = 0.068386,
   * half = z √(p(1−p)/n + z²/4n²) / (1 + z²/n) = 0.017654:
   * [5.073, 8.604] → [5.1, 8.6] */
  assert_interval (51, 770, 51, 86);
  /* 0/10: centre = half = 0.138766: [0, 27.75] → [0.0, 27.8] */
  assert_interval (0, 10, 0, 278);
  /* 10/10: the mirror image: [72.25, 100] → [72.2, 100.0] (72.247 → 72.2) */
  assert_interval (10, 10, 722, 1000);
  /* 787/844 (Creuse's BSEM): [91.350, 94.751] → [91.4, 94.8] */
  assert_interval (787, 844, 914, 948);
  {
    gint64 l, h;
    g_assert_false (ic_wilson_interval (1, 0, &l, &h));
    g_assert_false (ic_wilson_interval (5, 4, &l, &h));
  }
}

static void
test_two_proportions (void)
{
  /* BSEM Creuse 750/869 (86.3 %) then 787/844 (93.2 %): pooled p = 1537/1713
   * = 0.897256, se = √(p(1−p)(1/869 + 1/844)) = 0.014673, z = 0.069403 /
   * 0.014673 = 4.73,
   * p = erfc (4.73 / √2) = 2.25e-6: significant. */
  g_assert_cmpfloat_with_epsilon (ic_two_proportion_p (750, 869, 787, 844), 2.2468e-6, 1e-9);
  /* EPP 45/790 then 51/770: z = 0.762, p = 0.4461: not significant. */
  g_assert_cmpfloat_with_epsilon (ic_two_proportion_p (45, 790, 51, 770), 0.4461, 1e-4);
  /* IP 20/213 then 25/179: p = 0.1568. */
  g_assert_cmpfloat_with_epsilon (ic_two_proportion_p (20, 213, 25, 179), 0.1568, 1e-4);
  /* Nothing can differ when both are 0 % (pooled p = 0). */
  g_assert_cmpfloat (ic_two_proportion_p (0, 50, 0, 60), ==, 1.0);
}

static IcHistory *
bundle (const char *text)
{
  g_autoptr (GError) error = NULL;
  IcHistory *previous = ic_bundle_history_from_data ("test.json", text, -1, &error);
  g_assert_no_error (error);
  return previous;
}

static void
test_apply (void)
{
  g_autoptr (GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_history_free);
  g_autoptr (IcResult) r = NULL;
  IcPeriod period;
  IcTrendPoint *point;

  g_ptr_array_add (history, bundle (IC_TEST_EARLIER_BUNDLE (
                                "2022", IC_TEST_EARLIER_INDICATOR ("2022", "x", "ok", "80.1", IC_TEST_NO_COUNTS))));
  g_ptr_array_add (history, bundle (IC_TEST_EARLIER_BUNDLE (
                                "2023", IC_TEST_EARLIER_INDICATOR ("2023", "x", "ok", "86.3",
                                                                   "\"numerator\": 750, \"denominator\": 869"))));
  ic_period_init (&period, IC_PERIOD_SCHOOL_YEAR, 2024);
  r = ic_result_new ("x", NULL, &period);
  r->has_numerator = r->has_denominator = r->has_value = TRUE;
  r->numerator = 787;
  r->denominator = 844;
  r->value_tenths = 932;

  ic_trend_apply (r, history->pdata[1], history);
  g_assert_true (r->has_ci95);
  g_assert_cmpint (r->ci95_low_tenths, ==, 914);
  /* 93.2 − 86.3 = 6.9 points, with last year's counts: tested. */
  g_assert_true (r->has_change);
  g_assert_cmpint (r->change_tenths, ==, 69);
  g_assert_true (r->has_test);
  g_assert_true (r->significant);
  /* 2022, 2023, then this year. */
  g_assert_cmpuint (r->trend->len, ==, 3);
  point = &g_array_index (r->trend, IcTrendPoint, 0);
  g_assert_cmpint (point->year, ==, 2022);
  g_assert_cmpint (point->value_tenths, ==, 801);
  point = &g_array_index (r->trend, IcTrendPoint, 2);
  g_assert_cmpint (point->year, ==, 2024);
  g_assert_cmpint (point->value_tenths, ==, 932);

  /* The 2022 bundle alone has no counts: a change, but no test. */
  ic_trend_apply (r, history->pdata[0], NULL);
  g_assert_cmpint (r->change_tenths, ==, 131);
  g_assert_false (r->has_test);
  g_assert_cmpuint (r->trend->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trend/wilson", test_wilson);
  g_test_add_func ("/trend/two-proportions", test_two_proportions);
  g_test_add_func ("/trend/apply", test_apply);
  return g_test_run ();
}

/* Small-count suppression: primary (counts 1..threshold), secondary (never
 * a single hidden stratum), and that no hidden count can be recovered by
 * subtraction from the total and the published strata. */
#include "suppress.h"

typedef struct {
  const char *name;
  gint64 num, den;
} Row;

static IcResult *
result_with (const Row *rows, guint n)
{
  IcPeriod period;
  IcResult *r;
  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  r = ic_result_new ("x", NULL, &period);
  for (guint i = 0; i < n; i++)
    {
      ic_result_add_stratum (r, (guint16) (i + 1), rows[i].num, rows[i].den);
      g_array_index (r->strata, IcStratum, i).name = g_strdup (rows[i].name);
    }
  return r;
}

static gboolean
hidden (IcResult *r, guint i)
{
  return g_array_index (r->strata, IcStratum, i).suppressed;
}

static void
test_none_small (void)
{
  const Row rows[] = { { "A", 20, 300 }, { "B", 0, 150 }, { "C", 11, 11 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  /* 0 is not a small count, 11 is above 10: nothing hidden. */
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 0);
}

static void
test_primary_and_complement (void)
{
  const Row rows[] = { { "A", 20, 300 }, { "B", 3, 150 }, { "C", 12, 100 }, { "D", 40, 500 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  /* B (3) is small. Alone hidden, it would be total - A - C - D: the
   * complement is the smallest other numerator, C (12). */
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 2);
  g_assert_false (hidden (r, 0));
  g_assert_true (hidden (r, 1));
  g_assert_true (hidden (r, 2));
  g_assert_false (hidden (r, 3));
}

static void
test_small_denominator (void)
{
  const Row rows[] = { { "A", 0, 7 }, { "B", 30, 200 }, { "C", 25, 90 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  /* A: numerator 0 but denominator 7 (1..10); complement C (25 < 30). */
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 2);
  g_assert_true (hidden (r, 0));
  g_assert_false (hidden (r, 1));
  g_assert_true (hidden (r, 2));
}

static void
test_two_small_need_no_complement (void)
{
  const Row rows[] = { { "A", 2, 50 }, { "B", 9, 60 }, { "C", 100, 900 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 2);
  g_assert_false (hidden (r, 2));
}

static void
test_threshold_parameter (void)
{
  const Row rows[] = { { "A", 4, 50 }, { "B", 9, 60 }, { "C", 100, 900 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  /* Threshold 5: only A is small; its complement is B (9). Threshold 0: none. */
  g_assert_cmpuint (ic_suppress_strata (r, 5), ==, 2);
  g_assert_true (hidden (r, 0) && hidden (r, 1) && !hidden (r, 2));
  g_assert_cmpuint (ic_suppress_strata (r, 0), ==, 0);
}

/* Random tables whose strata add up to the total: after suppression, the
 * hidden strata are never exactly one (the only case where total minus
 * published strata gives a hidden count), and every small count is hidden. */
static void
test_not_derivable_by_subtraction (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20241123);
  for (guint round = 0; round < 2000; round++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 9);
      Row rows[9];
      g_autoptr (IcResult) r = NULL;
      guint n_hidden = 0;
      char names[9][4];

      for (guint i = 0; i < n; i++)
        {
          g_snprintf (names[i], sizeof names[i], "T%u", i);
          rows[i].name = names[i];
          rows[i].den = g_rand_int_range (rand, 1, 60);
          rows[i].num = g_rand_int_range (rand, 0, (gint32) rows[i].den + 1);
        }
      r = result_with (rows, n);
      ic_suppress_strata (r, 10);
      for (guint i = 0; i < n; i++)
        {
          gboolean small = (rows[i].num >= 1 && rows[i].num <= 10) || (rows[i].den >= 1 && rows[i].den <= 10);
          if (small)
            g_assert_true (hidden (r, i));
          n_hidden += hidden (r, i);
        }
      g_assert_cmpuint (n_hidden, !=, 1);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/suppress/none-small", test_none_small);
  g_test_add_func ("/suppress/primary-and-complement", test_primary_and_complement);
  g_test_add_func ("/suppress/small-denominator", test_small_denominator);
  g_test_add_func ("/suppress/two-small-no-complement", test_two_small_need_no_complement);
  g_test_add_func ("/suppress/threshold-parameter", test_threshold_parameter);
  g_test_add_func ("/suppress/not-derivable-by-subtraction", test_not_derivable_by_subtraction);
  return g_test_run ();
}

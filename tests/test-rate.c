/* test-rate.c: the exact arithmetic of published values (tenths, rounded
 * half up on the exact fraction), and decimals read back without rounding. */

#include "rate.h"

#include <math.h>
#include <string.h>

static gint64
rate (gint64 num, gint64 den)
{
  gint64 tenths = -1;
  g_assert_true (ic_rate_tenths (num, den, &tenths));
  return tenths;
}

static void
test_rate_creuse_epp (void)
{
  /* 100 × 51 / 770 = 5100 / 770 = 6.623... % -> 6.6 % -> 66 tenths. */
  g_assert_cmpint (rate (51, 770), ==, 66);
}

static void
test_rate_half_up (void)
{
  /* 100 × 1 / 8 = 12.5 % exactly: one decimal already, 125 tenths. */
  g_assert_cmpint (rate (1, 8), ==, 125);
  /* 1000 × 1 / 16 = 62.5 tenths exactly: the half goes up, 63 (6.3 %). */
  g_assert_cmpint (rate (1, 16), ==, 63);
  /* 2 / 3 = 66.666... % -> 66.7 % -> 667 tenths. */
  g_assert_cmpint (rate (2, 3), ==, 667);
  /* 1 / 3 = 33.333... % -> 333 tenths (down). */
  g_assert_cmpint (rate (1, 3), ==, 333);
}

static void
test_rate_exact_fraction (void)
{
  /* 100 × 1330 / 20000 = 6.65 % exactly; in binary floating point 6.65 is
   * 6.6499999..., which would round to 6.6. On the exact fraction:
   * 1000 × 1330 / 20000 = 66.5 tenths, half up -> 67. */
  g_assert_cmpint (rate (1330, 20000), ==, 67);
  /* Same with 0.665 × 100: 133 / 20000 -> 6.65 tenths -> 7 (0.7 %). */
  g_assert_cmpint (rate (133, 20000), ==, 7);
  /* Creuse's IP: 25 / 179 = 13.966... % -> 14.0 % -> 140 tenths. */
  g_assert_cmpint (rate (25, 179), ==, 140);
  /* BSEM: 787 / 844 = 93.246... % -> 932 tenths. */
  g_assert_cmpint (rate (787, 844), ==, 932);
}

static void
test_rate_bounds (void)
{
  gint64 tenths = -1;

  /* 0 / 5 = 0 %. */
  g_assert_cmpint (rate (0, 5), ==, 0);
  /* 5 / 5 = 100 % = 1000 tenths; above 100 % is possible (a reference count
   * below the records) and not clamped: 3 / 2 = 150 %. */
  g_assert_cmpint (rate (5, 5), ==, 1000);
  g_assert_cmpint (rate (3, 2), ==, 1500);

  /* No value for a zero or negative denominator, nor a negative numerator;
   * the output is left alone. */
  g_assert_false (ic_rate_tenths (3, 0, &tenths));
  g_assert_false (ic_rate_tenths (0, 0, &tenths));
  g_assert_false (ic_rate_tenths (3, -4, &tenths));
  g_assert_false (ic_rate_tenths (-1, 4, &tenths));
  g_assert_cmpint (tenths, ==, -1);

  /* Beyond the exact arithmetic: refused, not overflowed. */
  g_assert_false (ic_rate_tenths (G_MAXINT64, 1, &tenths));
  g_assert_false (ic_fraction_tenths (1, G_MAXINT64, &tenths));
  g_assert_false (ic_fraction_tenths (G_MAXINT64 / 40 + 1, 1, &tenths));
  /* At the bounds: num = M / 40, den = M / 4 with M = 2^63 - 1; both
   * floors: 10 × 230584300921369395 / 2305843009213693951 = 0.99999...
   * tenths -> 1. */
  g_assert_true (ic_fraction_tenths (G_MAXINT64 / 40, G_MAXINT64 / 4, &tenths));
  g_assert_cmpint (tenths, ==, 1);
}

static void
test_fraction (void)
{
  gint64 tenths = -1;

  /* 7 / 2 = 3.5 -> 35 tenths. */
  g_assert_true (ic_fraction_tenths (7, 2, &tenths));
  g_assert_cmpint (tenths, ==, 35);
  /* A mean delay: 1001 days over 20 evaluations = 50.05 days -> 500.5
   * tenths -> half up 501 (50.1). */
  g_assert_true (ic_fraction_tenths (1001, 20, &tenths));
  g_assert_cmpint (tenths, ==, 501);
  /* 1 / 3 = 0.333... -> 3 tenths. */
  g_assert_true (ic_fraction_tenths (1, 3, &tenths));
  g_assert_cmpint (tenths, ==, 3);
  g_assert_false (ic_fraction_tenths (1, 0, &tenths));
}

static void
test_to_double (void)
{
  /* The double nearest each decimal: what a JSON writer prints as 6.6. */
  g_assert_true (ic_tenths_to_double (66) == 6.6);
  g_assert_true (ic_tenths_to_double (140) == 14.0);
  g_assert_true (ic_tenths_to_double (667) == 66.7);
  g_assert_true (ic_tenths_to_double (0) == 0.0);
}

static void
test_decimal_scaled (void)
{
  gint64 scaled = -1;

  /* 6.6 is not exact in binary (6.5999999999999996), but 6.6 × 10 is 66
   * within far less than 1e-6: 66 tenths. */
  g_assert_true (ic_decimal_scaled (6.6, 1, &scaled));
  g_assert_cmpint (scaled, ==, 66);
  g_assert_true (ic_decimal_scaled (-2.0, 1, &scaled));
  g_assert_cmpint (scaled, ==, -20);
  /* 0.0432 × 10 000 = 432 ten-thousandths. */
  g_assert_true (ic_decimal_scaled (0.0432, 4, &scaled));
  g_assert_cmpint (scaled, ==, 432);
  /* 6.65 × 10 = 66.5: a second decimal is refused, never rounded. */
  g_assert_false (ic_decimal_scaled (6.65, 1, &scaled));
  g_assert_false (ic_decimal_scaled (0.00005, 4, &scaled));
  g_assert_false (ic_decimal_scaled (NAN, 1, &scaled));
  g_assert_false (ic_decimal_scaled (INFINITY, 1, &scaled));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rate/value/creuse-epp", test_rate_creuse_epp);
  g_test_add_func ("/rate/value/half-up", test_rate_half_up);
  g_test_add_func ("/rate/value/exact-fraction", test_rate_exact_fraction);
  g_test_add_func ("/rate/value/bounds", test_rate_bounds);
  g_test_add_func ("/rate/fraction", test_fraction);
  g_test_add_func ("/rate/to-double", test_to_double);
  g_test_add_func ("/rate/decimal-scaled", test_decimal_scaled);
  return g_test_run ();
}

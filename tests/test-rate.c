/* test-rate.c: the exact arithmetic of published values (tenths, rounded
 * half up on the exact fraction) and their French formatting. */

#include "rate.h"

#include <string.h>

/* U+00A0 NO-BREAK SPACE in UTF-8: the French thousands separator. */
#define NBSP "\xc2\xa0"

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
assert_format (char *formatted, const char *expected)
{
  g_assert_cmpstr (formatted, ==, expected);
  g_free (formatted);
}

static void
test_format_int (void)
{
  assert_format (ic_format_fr_int (0), "0");
  assert_format (ic_format_fr_int (7), "7");
  assert_format (ic_format_fr_int (999), "999");
  /* Groups of three from the right, each after a no-break space. */
  assert_format (ic_format_fr_int (1000), "1" NBSP "000");
  assert_format (ic_format_fr_int (12345), "12" NBSP "345");
  assert_format (ic_format_fr_int (100000), "100" NBSP "000");
  assert_format (ic_format_fr_int (1234567), "1" NBSP "234" NBSP "567");
  assert_format (ic_format_fr_int (-5), "-5");
  assert_format (ic_format_fr_int (-1234), "-1" NBSP "234");
  /* The extremes do not overflow: 9 223 372 036 854 775 807 and the
   * minimum's magnitude 9 223 372 036 854 775 808. */
  assert_format (ic_format_fr_int (G_MAXINT64),
                 "9" NBSP "223" NBSP "372" NBSP "036" NBSP "854" NBSP "775" NBSP "807");
  assert_format (ic_format_fr_int (G_MININT64),
                 "-9" NBSP "223" NBSP "372" NBSP "036" NBSP "854" NBSP "775" NBSP "808");
}

static void
test_format_tenths (void)
{
  assert_format (ic_format_fr_tenths (66), "6,6");
  assert_format (ic_format_fr_tenths (140), "14,0");
  assert_format (ic_format_fr_tenths (5), "0,5");
  assert_format (ic_format_fr_tenths (0), "0,0");
  assert_format (ic_format_fr_tenths (1000), "100,0");
  /* 123456 tenths = 12345.6 -> "12 345,6". */
  assert_format (ic_format_fr_tenths (123456), "12" NBSP "345,6");
  /* -5 tenths = -0.5. */
  assert_format (ic_format_fr_tenths (-5), "-0,5");
  assert_format (ic_format_fr_tenths (-12345), "-1" NBSP "234,5");
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
  g_test_add_func ("/rate/format/int", test_format_int);
  g_test_add_func ("/rate/format/tenths", test_format_tenths);
  return g_test_run ();
}

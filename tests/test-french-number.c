/* test-french-number.c: integers and tenths written the French way, no-break
 * space between thousands and a decimal comma. */

#include "french-number.h"

/* U+00A0 NO-BREAK SPACE in UTF-8: the French thousands separator. */
#define NBSP "\xc2\xa0"

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
  g_test_add_func ("/french-number/int", test_format_int);
  g_test_add_func ("/french-number/tenths", test_format_tenths);
  return g_test_run ();
}

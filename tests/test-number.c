/* test-number.c: counts with optional thousands separators; decimals of a
 * fixed number of places as exact integers. */

#include "number.h"

#include <string.h>

#define NBSP "\xC2\xA0"        /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xE2\x80\xAF"   /* U+202F NARROW NO-BREAK SPACE */

static void
assert_count (const char *text, gint64 expected)
{
  gint64 value = -1;
  if (!ic_count_parse (text, strlen (text), &value))
    g_error ("\"%s\" refused", text);
  g_assert_cmpint (value, ==, expected);
}

static void
assert_refused (const char *text)
{
  gint64 value = -42;
  if (ic_count_parse (text, strlen (text), &value))
    g_error ("\"%s\" accepted", text);
  g_assert_cmpint (value, ==, -42);
}

static void
test_plain (void)
{
  assert_count ("0", 0);
  assert_count ("7", 7);
  assert_count ("12345", 12345);
  assert_count ("007", 7);
  assert_count ("1234567", 1234567);
}

static void
test_thousands_space (void)
{
  assert_count ("12 345", 12345);
  assert_count ("1 234 567", 1234567);
  assert_count ("123 456", 123456);
  assert_count ("1 000", 1000);
  assert_count ("0 000", 0);
}

static void
test_thousands_nbsp (void)
{
  assert_count ("12" NBSP "345", 12345);
  assert_count ("1" NBSP "234" NBSP "567", 1234567);
  assert_count ("12" NNBSP "345", 12345);
  assert_count ("1" NNBSP "234" NNBSP "567", 1234567);
  /* mixed: what a hand-edited spreadsheet may hold */
  assert_count ("1" NBSP "234 567", 1234567);
}

static void
test_bounds (void)
{
  /* G_MAXINT64 = 9223372036854775807 */
  assert_count ("9223372036854775807", G_MAXINT64);
  assert_count ("9 223 372 036 854 775 807", G_MAXINT64);
  assert_refused ("9223372036854775808");
  assert_refused ("9 223 372 036 854 775 808");
  assert_refused ("99999999999999999999");
  assert_refused ("100000000000000000000000000000");
}

static void
test_refused (void)
{
  static const char *const bad[] = {
    "", " ", "-1", "+1", "-0", "1.5", "1,5", "12,345", "12.345", "1e3",
    "12  345",          /* two separators */
    "1 23",             /* short group */
    "1 2345",           /* long group */
    "1234 567",         /* first group of a grouped number longer than 3 */
    "12 345 67",
    " 12", "12 ",       /* the caller trims */
    "12 ", "12" NBSP, NBSP "12",
    "12\t345", "12_345", "12'345",
    "12\xC2" "345",     /* truncated NBSP */
    "12\xE2\x80" "345", /* truncated U+202F */
    "12\xE2\x80\xA0" "345", /* U+2020, not a space */
    "0x10", "abc", "１２", /* fullwidth digits */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i]);
}

static void
test_length_is_respected (void)
{
  gint64 value = 0;
  g_assert_true (ic_count_parse ("12 345xyz", 6, &value));
  g_assert_cmpint (value, ==, 12345);
  g_assert_true (ic_count_parse ("12 345", 2, &value));
  g_assert_cmpint (value, ==, 12);
  /* a separator cut by the length */
  g_assert_false (ic_count_parse ("12" NBSP "345", 3, &value));
  g_assert_false (ic_count_parse ("12 345", 5, &value));
  g_assert_false (ic_count_parse ("12", 0, &value));
}

static void
assert_decimal (const char *text, guint places, gint64 expected)
{
  gint64 value = -1;
  if (ic_decimal_parse (text, strlen (text), places, &value) != IC_DECIMAL_OK)
    g_error ("\"%s\" refused with %u places", text, places);
  g_assert_cmpint (value, ==, expected);
}

static void
assert_decimal_refused (const char *text, guint places, IcDecimalParse why)
{
  gint64 value = -42;
  g_assert_cmpint (ic_decimal_parse (text, strlen (text), places, &value), ==, why);
  g_assert_cmpint (value, ==, -42);
}

/* Values × 10^places, by hand. */
static void
test_decimal (void)
{
  assert_decimal ("12,5", 1, 125);
  assert_decimal ("12.5", 1, 125);
  assert_decimal ("12,5", 3, 12500);
  assert_decimal ("12", 2, 1200);
  assert_decimal ("12", 0, 12);
  assert_decimal ("0,000001", 6, 1);
  assert_decimal ("0.5", 6, 500000);
  assert_decimal ("007,50", 2, 750);
  /* 2^63 - 1 = 9223372036854775807: the largest, whatever the places. */
  assert_decimal ("9223372036854775807", 0, G_MAXINT64);
  assert_decimal ("9223372036854,775807", 6, G_MAXINT64);
  /* Only @len bytes are read: "1,2", 120 hundredths. */
  {
    gint64 value = 0;
    g_assert_cmpint (ic_decimal_parse ("1,25xyz", 3, 2, &value), ==, IC_DECIMAL_OK);
    g_assert_cmpint (value, ==, 120);
  }
}

static void
test_decimal_refused (void)
{
  static const char *const invalid[] = {
    "", "-1", "+1", "-0,5", ",5", ".5", "12,", "12.", "1 234,5", "1" NBSP "234", "1.234,5", "1,234.5",
    "1,2,3", "1e3", "12 ", " 12", "12,5 €", "0x10", "douze",
  };
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_decimal_refused (invalid[i], 2, IC_DECIMAL_INVALID);
  assert_decimal_refused ("12,505", 2, IC_DECIMAL_TOO_FINE);
  assert_decimal_refused ("12,50", 1, IC_DECIMAL_TOO_FINE); /* never rounded, zeros neither */
  assert_decimal_refused ("7,0", 0, IC_DECIMAL_TOO_FINE);
  assert_decimal_refused ("0,0000001", 6, IC_DECIMAL_TOO_FINE);
  /* 2^63 once scaled: 9223372036854775808 and 922337203685477580.8 with 1 place. */
  assert_decimal_refused ("9223372036854775808", 0, IC_DECIMAL_INVALID);
  assert_decimal_refused ("922337203685477580,8", 1, IC_DECIMAL_INVALID);
  assert_decimal_refused ("922337203685477581", 1, IC_DECIMAL_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number/plain", test_plain);
  g_test_add_func ("/number/thousands/space", test_thousands_space);
  g_test_add_func ("/number/thousands/nbsp", test_thousands_nbsp);
  g_test_add_func ("/number/bounds", test_bounds);
  g_test_add_func ("/number/refused", test_refused);
  g_test_add_func ("/number/length", test_length_is_respected);
  g_test_add_func ("/number/decimal", test_decimal);
  g_test_add_func ("/number/decimal/refused", test_decimal_refused);

  return g_test_run ();
}

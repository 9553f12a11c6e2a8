/* test-date.c: day numbers, the two input formats, month arithmetic; and
 * the agreement of core/tables/date.c, written by hand for the per-row paths,
 * with GLib's GDate wherever both apply. */

#include "date.h"

#include <string.h>

#include "../plugins/common/person-acts.h"

static gint32
ymd (int y, int m, int d)
{
  g_assert_true (ic_date_is_valid (y, m, d));
  return ic_date_from_ymd (y, m, d);
}

static void
assert_ymd (gint32 day_number, int y, int m, int d)
{
  int year, month, day;
  ic_date_to_ymd (day_number, &year, &month, &day);
  g_assert_cmpint (year, ==, y);
  g_assert_cmpint (month, ==, m);
  g_assert_cmpint (day, ==, d);
}

static void
test_day_number_known (void)
{
  g_assert_cmpint (ic_date_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (ic_date_from_ymd (1970, 1, 2), ==, 1);
  g_assert_cmpint (ic_date_from_ymd (1969, 12, 31), ==, -1);
  /* 1970..1999: 30 * 365 + 7 leap days (72 76 80 84 88 92 96) = 10957 */
  g_assert_cmpint (ic_date_from_ymd (2000, 1, 1), ==, 10957);
  /* + 31 (January) + 29 (February 2000, leap: divisible by 400) = 11017 */
  g_assert_cmpint (ic_date_from_ymd (2000, 3, 1), ==, 11017);
  /* 2024-01-01: 10957 + 24 * 365 + 6 leap days (00 04 08 12 16 20) = 19723 */
  g_assert_cmpint (ic_date_from_ymd (2024, 1, 1), ==, 19723);
  /* 0001-01-01: 1969 years back, 1969 * 365 = 718685, plus leap years in
   * 1..1969: 492 - 19 + 4 = 477; 718685 + 477 = 719162 */
  g_assert_cmpint (ic_date_from_ymd (1, 1, 1), ==, -719162);
  /* 9999-12-31: 9999 * 365 = 3649635 days plus 2499 - 99 + 24 = 2424 leap
   * days = 3652059 days from 0001-01-01 inclusive; minus the 719163 days up
   * to 1970-01-01 inclusive = 2932896 */
  g_assert_cmpint (ic_date_from_ymd (9999, 12, 31), ==, 2932896);

  assert_ymd (0, 1970, 1, 1);
  assert_ymd (-1, 1969, 12, 31);
  assert_ymd (11016, 2000, 2, 29);
  assert_ymd (-719162, 1, 1, 1);
  assert_ymd (2932896, 9999, 12, 31);
}

/* Every day of years 1..9999: consecutive day numbers, round trip. */
static void
test_day_number_round_trip (void)
{
  gint32 expected = ic_date_from_ymd (1, 1, 1);
  guint n_days = 0;

  for (int y = 1; y <= 9999; y++)
    for (int m = 1; m <= 12; m++)
      for (int d = 1; d <= 31; d++)
        {
          if (!ic_date_is_valid (y, m, d))
            continue;
          gint32 n = ic_date_from_ymd (y, m, d);
          g_assert_cmpint (n, ==, expected);
          int yy, mm, dd;
          ic_date_to_ymd (n, &yy, &mm, &dd);
          if (yy != y || mm != m || dd != d)
            g_error ("day %d: %d-%d-%d, expected %d-%d-%d", n, yy, mm, dd, y, m, d);
          expected++;
          n_days++;
        }
  /* 9999 * 365 + 2424 leap days, as above */
  g_assert_cmpuint (n_days, ==, 3652059);
}

static void
test_is_valid (void)
{
  g_assert_true (ic_date_is_valid (2024, 2, 29));
  g_assert_false (ic_date_is_valid (2023, 2, 29));
  g_assert_false (ic_date_is_valid (1900, 2, 29)); /* divisible by 100 */
  g_assert_true (ic_date_is_valid (2000, 2, 29));  /* divisible by 400 */
  g_assert_false (ic_date_is_valid (2024, 4, 31));
  g_assert_true (ic_date_is_valid (2024, 12, 31));
  g_assert_false (ic_date_is_valid (2024, 13, 1));
  g_assert_false (ic_date_is_valid (2024, 0, 1));
  g_assert_false (ic_date_is_valid (2024, 1, 0));
  g_assert_false (ic_date_is_valid (0, 1, 1));
  g_assert_false (ic_date_is_valid (10000, 1, 1));
  g_assert_true (ic_date_is_valid (1, 1, 1));
  g_assert_true (ic_date_is_valid (9999, 12, 31));
}

static gboolean
parse (const char *text, gint32 *n)
{
  return ic_date_parse (text, strlen (text), n);
}

static void
test_parse_iso (void)
{
  gint32 n = 0;
  g_assert_true (parse ("2024-01-01", &n));
  g_assert_cmpint (n, ==, 19723);
  g_assert_true (parse ("2024-02-29", &n));
  g_assert_cmpint (n, ==, 19723 + 31 + 28);
  g_assert_true (parse ("1970-01-01", &n));
  g_assert_cmpint (n, ==, 0);
  g_assert_true (parse ("0001-01-01", &n));
  g_assert_cmpint (n, ==, -719162);
  g_assert_true (parse ("9999-12-31", &n));
  g_assert_cmpint (n, ==, 2932896);
}

static void
test_parse_french (void)
{
  gint32 n = 0;
  g_assert_true (parse ("01/01/2024", &n));
  g_assert_cmpint (n, ==, 19723);
  g_assert_true (parse ("29/02/2024", &n));
  g_assert_cmpint (n, ==, 19723 + 59);
  g_assert_true (parse ("31/12/1969", &n));
  g_assert_cmpint (n, ==, -1);
}

/* Excel's short date in France (D/M/YYYY, French order) and the time a
 * spreadsheet or database appends, dropped whatever the hour. Day numbers:
 * 2024-01-01 is 19723 (test_parse_iso); 5 January is 4 days later, 19727;
 * 29 February 2024 is 31 + 28 days after 1 January, 19782; 31 December
 * 2024 is 365 days after 1 January (2024 has 366), 20088. */
static void
test_parse_spreadsheet (void)
{
  static const struct { const char *text; gint32 day; } cases[] = {
    { "5/1/2024", 19727 },
    { "05/1/2024", 19727 },
    { "5/01/2024", 19727 },
    { "05/01/2024 00:00", 19727 },
    { "5/1/2024 0:00", 19727 },
    { "05/01/2024 00:00:00", 19727 },
    { "2024-01-05 00:00:00", 19727 },
    { "2024-01-05 00:00", 19727 },
    { "2024-01-05T00:00:00", 19727 },
    { "2024-01-05 00:00:00.000", 19727 },
    { "2024-01-05 14:30:00", 19727 },    /* a time of day other than midnight: the same day */
    { "05/01/2024 23:59:59", 19727 },
    { "29/2/2024", 19782 },
    { "29/02/2024 00:00", 19782 },
    { "2024-02-29 12:00:00", 19782 },
    { "31/12/2024", 20088 },
    { "31/12/2024 23:59", 20088 },        /* not 1 January 2025 */
    { "2024-12-31 23:59:59.999999", 20088 },
    { "1/1/2024", 19723 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint32 n = 0;
      if (!parse (cases[i].text, &n))
        g_error ("\"%s\" refused", cases[i].text);
      if (n != cases[i].day)
        g_error ("\"%s\": %d, expected %d", cases[i].text, n, cases[i].day);
    }
}

static void
test_parse_length_is_respected (void)
{
  gint32 n = 0;
  /* Only the first 10 bytes are looked at. */
  g_assert_true (ic_date_parse ("2024-01-01T00:00", 10, &n));
  g_assert_cmpint (n, ==, 19723);
  g_assert_false (ic_date_parse ("2024-01-01", 9, &n));
  g_assert_false (ic_date_parse ("", 0, &n));
}

static void
test_parse_reject (void)
{
  static const char *const bad[] = {
    /* impossible dates */
    "31/02/2024", "29/02/2023", "2023-02-29", "2024-13-01", "13/13/2024",
    "00/01/2024", "2024-01-00", "2024-00-10", "0000-01-01", "2024-04-31",
    "1900-02-29",
    /* other shapes */
    "2024-1-01x", "2024/01/01", "01-01-2024", "2024-01-1", "1/01/24",
    " 2024-01-01", "2024-01-01 ", "20240101", "2024-01-0a", "+024-01-01",
    "-024-01-01", "01/01/-024", "2024-01--1", "01.01.2024", "24-01-01",
    "2024-01-01T00", "", "aaaaaaaaaa", "2024\357\274\2151-01", /* U+FF0D */
    /* spreadsheet and database forms that are not read: a two-digit year,
     * an impossible day or time, a time zone, three-digit day, T after a
     * French date, seconds of one digit, an empty fraction */
    "5/1/24", "5/1/24 00:00", "30/2/2024", "29/2/2023 00:00", "31/4/2024", "0/1/2024",
    "05/01/2024 24:00", "05/01/2024 12:60", "05/01/2024 12", "05/01/2024 12:5",
    "2024-01-05 00:00:61", "2024-01-05 00:00:00Z", "2024-01-05 00:00:00+01:00",
    "005/01/2024", "05/01/2024T00:00", "2024-01-05 00:00:0", "2024-01-05 00:00:00.",
    "05/01/2024  00:00", "5/1/2024 ", "2024-01-05 ", "5//2024", "/1/2024",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint32 n = 12345;
      if (parse (bad[i], &n))
        g_error ("\"%s\" parsed", bad[i]);
      g_assert_cmpint (n, ==, 12345);
    }
}

static void
test_format (void)
{
  char buf[11];
  g_assert_cmpstr (ic_date_format (0, buf), ==, "1970-01-01");
  g_assert_cmpstr (ic_date_format (19723 + 59, buf), ==, "2024-02-29");
  g_assert_cmpstr (ic_date_format (-719162, buf), ==, "0001-01-01");
  g_assert_cmpstr (ic_date_format (2932896, buf), ==, "9999-12-31");
  g_assert_true (ic_date_format (0, buf) == buf);
}

static void
assert_add_months (gint32 from, int months, int y, int m, int d)
{
  assert_ymd (ic_date_add_months (from, months), y, m, d);
}

static void
test_add_months_simple (void)
{
  assert_add_months (ymd (2024, 1, 15), 0, 2024, 1, 15);
  assert_add_months (ymd (2024, 1, 15), 1, 2024, 2, 15);
  assert_add_months (ymd (2024, 1, 15), 11, 2024, 12, 15);
  assert_add_months (ymd (2024, 1, 15), 12, 2025, 1, 15);
  assert_add_months (ymd (2024, 1, 15), 24, 2026, 1, 15);
  assert_add_months (ymd (2024, 12, 15), 1, 2025, 1, 15);
}

static void
test_add_months_clamp (void)
{
  /* November 30 + 3 months: February has 28 days in 2025 */
  assert_add_months (ymd (2024, 11, 30), 3, 2025, 2, 28);
  /* August 31 + 3 months: November has 30 days */
  assert_add_months (ymd (2024, 8, 31), 3, 2024, 11, 30);
  assert_add_months (ymd (2024, 1, 31), 1, 2024, 2, 29);
  assert_add_months (ymd (2024, 1, 31), 3, 2024, 4, 30);
  /* The clamp does not carry over: 31 Jan + 2 is 31 March, not 29 March. */
  assert_add_months (ymd (2024, 1, 31), 2, 2024, 3, 31);
}

static void
test_add_months_clamp_leap (void)
{
  /* November 30 + 3 months: February has 29 days in 2024 */
  assert_add_months (ymd (2023, 11, 30), 3, 2024, 2, 29);
  assert_add_months (ymd (2024, 2, 29), 12, 2025, 2, 28);
  assert_add_months (ymd (2024, 2, 29), 48, 2028, 2, 29);
  /* 2100 is not leap (divisible by 100, not 400), 2000 is */
  assert_add_months (ymd (2099, 12, 31), 2, 2100, 2, 28);
  assert_add_months (ymd (1999, 12, 31), 2, 2000, 2, 29);
}

static void
test_add_months_negative (void)
{
  assert_add_months (ymd (2024, 3, 31), -1, 2024, 2, 29);
  assert_add_months (ymd (2024, 3, 31), -13, 2023, 2, 28);
  assert_add_months (ymd (2024, 1, 15), -1, 2023, 12, 15);
  assert_add_months (ymd (2024, 1, 15), -12, 2023, 1, 15);
  assert_add_months (ymd (2024, 1, 15), -13, 2022, 12, 15);
  assert_add_months (ymd (2024, 5, 31), -3, 2024, 2, 29);
  assert_add_months (ymd (1970, 1, 1), -1, 1969, 12, 1);
  assert_add_months (ymd (1, 12, 31), -11, 1, 1, 31);
}

static void
test_age_months (void)
{
  gint32 birth = ymd (2020, 1, 31);

  /* add_months (birth, 1) = 2020-02-29 (clamped) <= 2020-02-29 */
  g_assert_cmpint (ic_date_age_months (birth, ymd (2020, 2, 29)), ==, 1);
  /* 2020-02-29 > 2020-02-28: the first month is not completed */
  g_assert_cmpint (ic_date_age_months (birth, ymd (2020, 2, 28)), ==, 0);
  g_assert_cmpint (ic_date_age_months (birth, birth), ==, 0);
  g_assert_cmpint (ic_date_age_months (birth, birth - 1), ==, -1);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2019, 1, 31)), ==, -1);
  /* add_months (birth, 2) = 2020-03-31 > 2020-03-30 */
  g_assert_cmpint (ic_date_age_months (birth, ymd (2020, 3, 30)), ==, 1);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2020, 3, 31)), ==, 2);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2021, 1, 30)), ==, 11);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2021, 1, 31)), ==, 12);

  birth = ymd (2020, 1, 15);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2020, 2, 14)), ==, 0);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2020, 2, 15)), ==, 1);
  /* 2 years = 24 months on 2022-01-15 */
  g_assert_cmpint (ic_date_age_months (birth, ymd (2022, 1, 14)), ==, 23);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2022, 1, 15)), ==, 24);

  /* Born on a leap day: add_months (birth, 12) = 2021-02-28 */
  birth = ymd (2020, 2, 29);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2021, 2, 27)), ==, 11);
  g_assert_cmpint (ic_date_age_months (birth, ymd (2021, 2, 28)), ==, 12);
}

/* The definition, checked by brute force over every pair of days of
 * 2019..2021 (birth) and the three years after each birth. */
static void
test_age_months_definition (void)
{
  gint32 first = ymd (2019, 1, 1);
  gint32 last = ymd (2021, 12, 31);

  for (gint32 birth = first; birth <= last; birth++)
    {
      int expected = -1;
      for (gint32 at = birth - 3; at <= birth + 3 * 366; at++)
        {
          /* at only grows, so the largest m only grows too */
          if (at >= birth)
            {
              expected = MAX (expected, 0);
              while (ic_date_add_months (birth, expected + 1) <= at)
                expected++;
            }
          g_assert_cmpint (ic_date_age_months (birth, at), ==, expected);
        }
    }
}

/* The plugins' table of age thresholds (plugins/common/person-acts.h) says
 * what age_months() says. By hand: at 2024-03-15, a child born 2022-03-15
 * has completed 24 months and one born 2022-03-16 has not, so the youngest
 * under 24 months were born from 2022-03-16; at 2024-02-29 and 2024-02-28,
 * 2022-02-28 has 24 months and 2022-03-01 has 23, so from 2022-03-01.
 * Then every birth of 1990 to 2025 on a few days, against age_months(). */
static void
test_age_months_thresholds (void)
{
  static const gint64 ages[] = { -2, -1, 0, 1, 23, 24, 36, 60, 100000 };
  IcApi api = { 0 };
  gint32 first = ymd (2024, 1, 1), last = ymd (2024, 12, 31);
  g_autofree gint64 *under_24 = NULL;

  api.age_months = ic_date_age_months;
  under_24 = ic_person_acts_thresholds (&api, first, last, 24);
  g_assert_cmpint (under_24[ymd (2024, 3, 15) - first], ==, ymd (2022, 3, 16));
  g_assert_cmpint (under_24[ymd (2024, 2, 29) - first], ==, ymd (2022, 3, 1));
  g_assert_cmpint (under_24[ymd (2024, 2, 28) - first], ==, ymd (2022, 3, 1));
  g_assert_null (ic_person_acts_thresholds (&api, last, first, 24));

  for (guint a = 0; a < G_N_ELEMENTS (ages); a++)
    {
      g_autofree gint64 *thresholds = ic_person_acts_thresholds (&api, first, last, ages[a]);
      for (gint32 at = first; at <= last; at += 29)
        for (gint32 birth = ymd (1990, 1, 1); birth <= ymd (2025, 12, 31); birth++)
          g_assert_cmpint (ic_person_acts_younger (&api, thresholds, first, birth, at, ages[a]), ==,
                           ic_date_age_months (birth, at) < ages[a]);
    }
}

/* GDate counts days from 0001-01-01 (day 1), ours from 1970-01-01 (day 0):
 * 0001-01-01 is day -719162 (test_day_number_known), so GDate's day is ours
 * plus 719163. */
#define GDATE_JULIAN_OF_DAY_0 719163

static void
gdate_set (GDate *date, gint32 day_number)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) (day_number + GDATE_JULIAN_OF_DAY_0));
}

/* Every y-m-d of years 1..9999 with m 0..13 and d 0..32: valid for us when
 * GDate says so, and then the same day. */
static void
test_gdate_day_number_and_validity (void)
{
  for (int y = 1; y <= 9999; y++)
    for (int m = 0; m <= 13; m++)
      for (int d = 0; d <= 32; d++)
        {
          gboolean valid = m >= 1 && m <= 12 && d >= 1 && d <= 31 && g_date_valid_dmy (d, m, y);
          GDate date;

          if (ic_date_is_valid (y, m, d) != valid)
            g_error ("%d-%d-%d: valid %d, GDate says %d", y, m, d, !valid, valid);
          if (!valid)
            continue;
          g_date_clear (&date, 1);
          g_date_set_dmy (&date, d, m, y);
          g_assert_cmpint (ic_date_from_ymd (y, m, d), ==, (gint64) g_date_get_julian (&date) - GDATE_JULIAN_OF_DAY_0);
        }
}

/* g_date_add_months() and g_date_subtract_months() clamp to the end of the
 * month as the spec does: the same day for every day of 1999..2101 (2000 is
 * leap, 2100 is not) and months around a year and a few years. */
static void
test_gdate_add_months (void)
{
  static const int steps[] = { -49, -25, -13, -12, -11, -2, -1, 0, 1, 2, 3, 11, 12, 13, 24, 25, 48 };

  for (gint32 day = ymd (1999, 1, 1); day <= ymd (2101, 12, 31); day++)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        int months = steps[i];
        GDate date;

        gdate_set (&date, day);
        if (months >= 0)
          g_date_add_months (&date, (guint) months);
        else
          g_date_subtract_months (&date, (guint) -months);
        g_assert_cmpint (ic_date_add_months (day, months), ==, (gint64) g_date_get_julian (&date) - GDATE_JULIAN_OF_DAY_0);
      }
}

/* The same text as g_date_strftime ("%Y-%m-%d") where glibc pads the year
 * (from 1000 on: it writes year 999 as "999"). */
static void
test_gdate_format (void)
{
  for (gint32 day = ymd (1000, 1, 1); day <= ymd (9999, 12, 31); day += 97)
    {
      char ours[11], theirs[32];
      GDate date;

      gdate_set (&date, day);
      g_date_strftime (theirs, sizeof theirs, "%Y-%m-%d", &date);
      g_assert_cmpstr (ic_date_format (day, ours), ==, theirs);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/day-number/known", test_day_number_known);
  g_test_add_func ("/date/day-number/round-trip", test_day_number_round_trip);
  g_test_add_func ("/date/is-valid", test_is_valid);
  g_test_add_func ("/date/parse/iso", test_parse_iso);
  g_test_add_func ("/date/parse/french", test_parse_french);
  g_test_add_func ("/date/parse/spreadsheet", test_parse_spreadsheet);
  g_test_add_func ("/date/parse/length", test_parse_length_is_respected);
  g_test_add_func ("/date/parse/reject", test_parse_reject);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/add-months/simple", test_add_months_simple);
  g_test_add_func ("/date/add-months/clamp", test_add_months_clamp);
  g_test_add_func ("/date/add-months/clamp-leap", test_add_months_clamp_leap);
  g_test_add_func ("/date/add-months/negative", test_add_months_negative);
  g_test_add_func ("/date/age-months/examples", test_age_months);
  g_test_add_func ("/date/age-months/definition", test_age_months_definition);
  g_test_add_func ("/date/age-months/thresholds", test_age_months_thresholds);
  g_test_add_func ("/date/gdate/day-number-and-validity", test_gdate_day_number_and_validity);
  g_test_add_func ("/date/gdate/add-months", test_gdate_add_months);
  g_test_add_func ("/date/gdate/format", test_gdate_format);

  return g_test_run ();
}

/* date.c: civil dates as day numbers since 1970-01-01.
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html): branch-light integer
 * arithmetic on 400-year eras, exact for the whole proleptic Gregorian
 * calendar. They run once per cell on tens of millions of rows, so nothing
 * here allocates or goes through sscanf/strptime; nor through GLib's GDate,
 * which computes the same (tests/test-date.c checks that it does) through a
 * struct and several calls a date: slower on the per-row paths (parsing, and
 * the plugins' add_months and age_months). Internal arithmetic is done in 64
 * bits so that no int argument can overflow. */

#include "date.h"

/* Days from 0000-03-01 to 1970-01-01 in the algorithms' era numbering. */
#define DAYS_0000_03_01_TO_EPOCH 719468

static inline gboolean
is_leap (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static inline int
days_in_month (gint64 year, int month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (month == 2 && is_leap (year))
    return 29;
  return days[month - 1];
}

/* Floor division, for the negative month totals of ic_date_add_months(). */
static inline gint64
floor_div (gint64 a, gint64 b)
{
  gint64 q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static inline gint64
days_from_civil (gint64 y, gint64 m, gint64 d)
{
  /* Years start on 1 March, so that the leap day is the last of the year. */
  y -= m <= 2;
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;                                   /* [0, 399] */
  gint64 doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
  return era * 146097 + doe - DAYS_0000_03_01_TO_EPOCH;
}

static inline void
civil_from_days (gint64 z, gint64 *year, int *month, int *day)
{
  z += DAYS_0000_03_01_TO_EPOCH;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;                                       /* [0, 146096] */
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  /* [0, 399] */
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                /* [0, 365] */
  gint64 mp = (5 * doy + 2) / 153;                                     /* [0, 11] */
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = m;
  *year = yoe + era * 400 + (m <= 2);
}

gboolean
ic_date_is_valid (int year, int month, int day)
{
  return year >= 1 && year <= 9999
         && month >= 1 && month <= 12
         && day >= 1 && day <= days_in_month (year, month);
}

gint32
ic_date_from_ymd (int year, int month, int day)
{
  return (gint32) days_from_civil (year, month, day);
}

void
ic_date_to_ymd (gint32 day_number, int *year, int *month, int *day)
{
  gint64 y;
  int m, d;

  civil_from_days (day_number, &y, &m, &d);
  if (year != NULL)
    *year = (int) y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;
}

/* Value of @n ASCII digits, or -1 if any byte is not a digit. */
static inline int
digits (const char *text, int n)
{
  int value = 0;
  for (int i = 0; i < n; i++)
    {
      unsigned d = (unsigned char) text[i] - (unsigned) '0';
      if (d > 9)
        return -1;
      value = value * 10 + (int) d;
    }
  return value;
}

/* Reads 1 to @max digits at *@p (before @end) into *@value; FALSE when
 * none. */
static inline gboolean
read_number (const char **p, const char *end, int max, int *value)
{
  int n = 0, v = 0;
  while (*p < end && n < max && (unsigned) (**p - '0') <= 9)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *value = v;
  return n > 0;
}

/* A time of day after the date, which is dropped: ` H:MM`, ` HH:MM:SS`
 * or ` HH:MM:SS.fff` (a `T` instead of the space after an ISO date), a
 * real time (hour 0 to 23). What Excel and SQL exports append to a date. */
static gboolean
time_of_day_ok (const char *p, const char *end, gboolean iso)
{
  int hour, minute, second;

  if (p == end)
    return TRUE;
  if (*p != ' ' && !(iso && *p == 'T'))
    return FALSE;
  p++;
  if (!read_number (&p, end, 2, &hour) || hour > 23 || p == end || *p++ != ':')
    return FALSE;
  if (end - p < 2 || !read_number (&p, p + 2, 2, &minute) || minute > 59)
    return FALSE;
  if (p < end && *p == ':')
    {
      p++;
      if (end - p < 2 || !read_number (&p, p + 2, 2, &second) || second > 59)
        return FALSE;
      if (p < end && *p == '.')
        {
          int fraction;
          p++;
          if (!read_number (&p, end, 9, &fraction))
            return FALSE;
        }
    }
  return p == end;
}

/* The forms beside the two plain ones (see date.h): D/M/YYYY with one or
 * two digits, and either form followed by a time of day. */
static gboolean
parse_general (const char *text, gsize len, int *year, int *month, int *day)
{
  const char *p = text, *end = text + len;

  if (len >= 10 && text[4] == '-' && text[7] == '-')
    {
      *year = digits (text, 4);
      *month = digits (text + 5, 2);
      *day = digits (text + 8, 2);
      return time_of_day_ok (text + 10, end, TRUE);
    }
  if (!read_number (&p, end, 2, day) || p == end || *p++ != '/'
      || !read_number (&p, end, 2, month) || p == end || *p++ != '/'
      || end - p < 4)
    return FALSE;
  *year = digits (p, 4);
  return time_of_day_ok (p + 4, end, FALSE);
}

gboolean
ic_date_parse (const char *text, gsize len, gint32 *day_number)
{
  int year, month, day;

  if (text == NULL || len < 8)
    return FALSE;

  if (len == 10 && text[4] == '-' && text[7] == '-')
    {
      year = digits (text, 4);
      month = digits (text + 5, 2);
      day = digits (text + 8, 2);
    }
  else if (len == 10 && text[2] == '/' && text[5] == '/')
    {
      day = digits (text, 2);
      month = digits (text + 3, 2);
      year = digits (text + 6, 4);
    }
  else if (!parse_general (text, len, &year, &month, &day))
    return FALSE;

  /* A non-digit gives -1, which ic_date_is_valid() refuses. */
  if (!ic_date_is_valid (year, month, day))
    return FALSE;
  if (day_number != NULL)
    *day_number = (gint32) days_from_civil (year, month, day);
  return TRUE;
}

char *
ic_date_format (gint32 day_number, char buf[11])
{
  gint64 y;
  int m, d;

  civil_from_days (day_number, &y, &m, &d);
  /* Out of the 1..9999 contract the year is clamped rather than overflowing
   * the buffer. */
  g_snprintf (buf, 11, "%04d-%02d-%02d", (int) CLAMP (y, 0, 9999), m, d);
  return buf;
}

gint32
ic_date_add_months (gint32 day_number, int months)
{
  gint64 y;
  int m, d;

  civil_from_days (day_number, &y, &m, &d);
  gint64 total = y * 12 + (m - 1) + months;
  gint64 ny = floor_div (total, 12);
  int nm = (int) (total - ny * 12) + 1;
  int last = days_in_month (ny, nm);
  return (gint32) days_from_civil (ny, nm, MIN (d, last));
}

int
ic_date_age_months (gint32 birth, gint32 at)
{
  gint64 by, ay;
  int bm, bd, am, ad;

  if (at < birth)
    return -1;
  civil_from_days (birth, &by, &bm, &bd);
  civil_from_days (at, &ay, &am, &ad);

  /* add_months (birth, m) for m = months between the two calendar months
   * lands in @at's month, on birth's day clamped to that month's length. If
   * that day is after @at, the month is not completed yet and m - 1 is the
   * answer (m >= 1 then, since @at >= @birth); m + 1 lands in a later month,
   * so it is never the answer. */
  gint64 m = (ay - by) * 12 + (am - bm);
  int landing = MIN (bd, days_in_month (ay, am));
  if (landing > ad)
    m--;
  return (int) m;
}

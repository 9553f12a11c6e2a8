/* libFuzzer target: date and count parsing, and the month arithmetic on
 * every date that parses. */
#include "date.h"
#include "number.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *text = (const char *) data;
  gint32 day;
  gint64 count;

  if (ic_date_parse (text, size, &day))
    {
      char buf[11];
      int y, m, d;
      ic_date_to_ymd (day, &y, &m, &d);
      g_assert_true (ic_date_is_valid (y, m, d));
      g_assert_cmpint (ic_date_from_ymd (y, m, d), ==, day);
      ic_date_format (day, buf);
      g_assert_cmpint (ic_date_age_months (day, ic_date_add_months (day, 27)), ==, 27);
      g_assert_cmpint (ic_date_age_months (day, day - 1), ==, -1);
    }
  if (ic_count_parse (text, size, &count))
    g_assert_cmpint (count, >=, 0);
  return 0;
}

/* period.c: the reporting periods of the spec (period.h), as the first and
 * last day numbers of a calendar or school year and the label the bundle
 * writes. */
#include "period.h"

#include <string.h>

#include "date.h"

void
ic_period_init (IcPeriod *period, IcPeriodKind kind, int year)
{
  period->kind = kind;
  period->year = year;
  if (kind == IC_PERIOD_SCHOOL_YEAR)
    {
      period->first = ic_date_from_ymd (year - 1, 9, 1);
      period->last = ic_date_from_ymd (year, 8, 31);
      g_snprintf (period->label, sizeof period->label, "%d-%d", year - 1, year);
    }
  else
    {
      period->first = ic_date_from_ymd (year, 1, 1);
      period->last = ic_date_from_ymd (year, 12, 31);
      g_snprintf (period->label, sizeof period->label, "%d", year);
    }
}

gboolean
ic_period_kind_from_string (const char *text, IcPeriodKind *kind)
{
  if (g_strcmp0 (text, "calendar_year") == 0)
    *kind = IC_PERIOD_CALENDAR_YEAR;
  else if (g_strcmp0 (text, "school_year") == 0)
    *kind = IC_PERIOD_SCHOOL_YEAR;
  else
    return FALSE;
  return TRUE;
}

const char *
ic_period_kind_to_string (IcPeriodKind kind)
{
  return kind == IC_PERIOD_SCHOOL_YEAR ? "school_year" : "calendar_year";
}

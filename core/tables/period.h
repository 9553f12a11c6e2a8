/* period.h: the reporting periods of the spec. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IC_PERIOD_CALENDAR_YEAR, /* 1 January to 31 December of Y, label "Y" */
  IC_PERIOD_SCHOOL_YEAR,   /* 1 September Y-1 to 31 August Y, label "Y-1-Y" */
} IcPeriodKind;

typedef struct {
  IcPeriodKind kind;
  int year;
  gint32 first; /* day numbers, both included */
  gint32 last;
  char label[16];
} IcPeriod;

void ic_period_init (IcPeriod *period, IcPeriodKind kind, int year);

/* "calendar_year" / "school_year", as definition files write them; FALSE
 * for anything else. */
gboolean ic_period_kind_from_string (const char *text, IcPeriodKind *kind);
const char *ic_period_kind_to_string (IcPeriodKind kind);

G_END_DECLS

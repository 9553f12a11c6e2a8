/* date.h: civil dates as day numbers (days since 1970-01-01), the two date
 * formats of the input files, and the spec's month arithmetic. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when y-m-d is a real date of the proleptic Gregorian calendar,
 * with 1 <= y <= 9999. */
gboolean ic_date_is_valid (int year, int month, int day);

/* Day number of a valid date. */
gint32 ic_date_from_ymd (int year, int month, int day);
void ic_date_to_ymd (gint32 day_number, int *year, int *month, int *day);

/* Parses exactly `YYYY-MM-DD` or `DD/MM/YYYY` (two-digit day and month,
 * four-digit year, nothing before or after: the caller trims). Returns FALSE
 * for any other shape or an impossible date (31/02/2024). */
gboolean ic_date_parse (const char *text, gsize len, gint32 *day_number);

/* Writes `YYYY-MM-DD` and a NUL into @buf; returns @buf. */
char *ic_date_format (gint32 day_number, char buf[11]);

/* The same day-of-month @months later (or earlier when negative), clamped to
 * the last day of the target month: 2024-11-30 + 3 = 2025-02-28. */
gint32 ic_date_add_months (gint32 day_number, int months);

/* Completed months at @at for birth date @birth: the largest m with
 * add_months (birth, m) <= at; -1 when @at is before @birth. */
int ic_date_age_months (gint32 birth, gint32 at);

G_END_DECLS

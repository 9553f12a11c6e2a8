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

/* Parses `YYYY-MM-DD` or `DD/MM/YYYY`, and what spreadsheet and database
 * exports write when it cannot be misread:
 *   - `D/M/YYYY`, day and month of one or two digits, always in the
 *     French order (Excel's short date in France): 5/1/2024 is 5 January;
 *   - either form followed by a time of day, which is dropped: a space and
 *     `H:MM`, `HH:MM:SS` or `HH:MM:SS.fff` (`05/01/2024 00:00`,
 *     `2024-01-05 00:00:00`, `2024-01-05T14:30:00`), any real time of day
 *     (0:00 to 23:59:59), as the act happened on that day whatever the hour.
 * A two-digit year, a time zone, text before or after (the caller trims)
 * are refused: the day would be a guess. Returns FALSE for any other shape
 * or an impossible date (31/02/2024). */
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

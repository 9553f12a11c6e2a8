/* rate.h: the exact arithmetic and the French formatting of published
 * figures. Values are handled as integer tenths, so that rounding is done
 * once, half up, on the exact fraction: never 6.65 -> 6.6 by binary floating
 * point. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @num / @den rounded half up to one decimal, as tenths: 7 / 2 -> 35.
 * FALSE when @den <= 0 or @num < 0, or either beyond what the exact integer
 * arithmetic holds (@num > G_MAXINT64 / 40, @den > G_MAXINT64 / 4). */
gboolean ic_fraction_tenths (gint64 num, gint64 den, gint64 *tenths);

/* 100 × @num / @den rounded half up to one decimal, as tenths:
 * 51 / 770 -> 66 (6.6 %). FALSE when @den <= 0 or @num < 0, or either
 * beyond the bounds above (@num > G_MAXINT64 / 4000). */
gboolean ic_rate_tenths (gint64 num, gint64 den, gint64 *tenths);

/* The JSON number of tenths: 66 -> 6.6. */
double ic_tenths_to_double (gint64 tenths);

/* French formatting, newly allocated: integers grouped by thousands with a
 * no-break space (U+00A0): 12345 -> "12 345"; tenths with a decimal comma:
 * 66 -> "6,6", 123456 -> "12 345,6", 140 -> "14,0". */
char *ic_format_fr_int (gint64 value);
char *ic_format_fr_tenths (gint64 tenths);

G_END_DECLS

/* rate.h: the exact arithmetic of published figures (their French
 * formatting is french-number.h). Values are handled as integer tenths, so
 * that rounding is done once, half up, on the exact fraction: never
 * 6.65 -> 6.6 by binary floating point. */
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

/* @value × 10^@decimals as an integer, when @value has at most @decimals
 * decimals (@decimals <= 6): 6.6 with 1 -> 66, 0.0432 with 4 -> 432. FALSE
 * when it has more (6.65 with 1), or is not finite. The one rule by which
 * a figure read back from JSON is never rounded. */
gboolean ic_decimal_scaled (double value, guint decimals, gint64 *scaled);

G_END_DECLS

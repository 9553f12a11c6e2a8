/* number.h: counts as département exports write them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses a non-negative integer written with digits, optionally grouped by
 * thousands with a space, U+00A0 or U+202F (`12 345`, `1 234 567`): every
 * group after the first has exactly three digits, and the first one to three
 * (`1234 567` is refused). No sign, no decimal part. The caller trims. FALSE
 * on anything else or on overflow of gint64. */
gboolean ic_count_parse (const char *text, gsize len, gint64 *value);

/* How ic_decimal_parse() found the text. */
typedef enum {
  IC_DECIMAL_OK,
  IC_DECIMAL_INVALID,   /* not digits with one optional mark, or beyond gint64 */
  IC_DECIMAL_TOO_FINE,  /* more decimals than @places */
} IcDecimalParse;

/* Parses a number >= 0 of at most @places (0 to 6) decimals into the exact
 * integer value x 10^@places: `12,5` and `12.5` are 125 with one place,
 * 1250 with two; `12` is 12 x 10^@places. One or more digits, then
 * optionally one decimal mark (`.` or `,`) and one or more digits. No sign,
 * no thousands separator, no exponent, never a float. The caller trims. */
IcDecimalParse ic_decimal_parse (const char *text, gsize len, guint places, gint64 *value);

G_END_DECLS

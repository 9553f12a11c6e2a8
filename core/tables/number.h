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

G_END_DECLS

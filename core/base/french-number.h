/* french-number.h: numbers written the French way for people: thousands
 * grouped with a no-break space, a decimal comma. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Newly allocated: integers grouped by thousands with a no-break space
 * (U+00A0): 12345 -> "12 345"; tenths with a decimal comma: 66 -> "6,6",
 * 123456 -> "12 345,6", 140 -> "14,0". */
char *ic_format_fr_int (gint64 value);
char *ic_format_fr_tenths (gint64 tenths);

G_END_DECLS

/* text.h: small helpers on UTF-8 byte ranges that are not NUL-terminated. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Narrows [*text, *text + *len) past leading and trailing white space:
 * ASCII space, tab, CR, LF, U+00A0 and U+202F. */
void ic_text_trim (const char **text, gsize *len);

/* ASCII case-insensitive equality of a byte range with a NUL-terminated
 * string. */
gboolean ic_text_equal_ci (const char *text, gsize len, const char *str);

G_END_DECLS

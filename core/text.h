/* text.h: small helpers on UTF-8 byte ranges that are not NUL-terminated. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Narrows [*text, *text + *len) past leading and trailing white space:
 * ASCII space, tab, CR, LF, U+00A0 and U+202F. */
void ic_text_trim (const char **text, gsize *len);

/* Length of the no-break space at @p (U+00A0, 2 bytes, or U+202F, 3 bytes,
 * in UTF-8), @left bytes being readable there, or 0: French exports put
 * them around values and between thousands. */
static inline gsize
ic_text_no_break_space (const char *p, gsize left)
{
  const guchar *u = (const guchar *) p;
  if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
    return 3;
  return 0;
}

/* ASCII case-insensitive equality of a byte range with a NUL-terminated
 * string. */
gboolean ic_text_equal_ci (const char *text, gsize len, const char *str);

G_END_DECLS

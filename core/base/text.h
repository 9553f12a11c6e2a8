/* text.h: small helpers on UTF-8 byte ranges that are not NUL-terminated. */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

void ic_text_trim_spaces (const char **text, gsize *len);

/* Narrows [*text, *text + *len) past leading and trailing white space:
 * ASCII space, tab, CR, LF, U+00A0 and U+202F. Inline, as most values of
 * a file have none: a glance at both ends, every field of every row. */
static inline void
ic_text_trim (const char **text, gsize *len)
{
  guchar first, last;
  if (*len == 0)
    return;
  first = (guchar) (*text)[0];
  last = (guchar) (*text)[*len - 1];
  if (first <= ' ' || last <= ' ' || first == 0xC2 || first == 0xE2 || last == 0xA0 || last == 0xAF)
    ic_text_trim_spaces (text, len);
}

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

/* memcmp (@a, @b, @len) == 0, without a call for the short values of a
 * file's codes and identifiers: whole words, the last one overlapping the
 * one before. Reads nothing outside [a, a + len) and [b, b + len). */
static inline gboolean
ic_text_bytes_equal (const char *a, const char *b, gsize len)
{
  guint64 x, y, u, v;
  guint32 x4, y4, u4, v4;

  if (len >= 8 && len <= 16)
    {
      memcpy (&x, a, 8);
      memcpy (&y, b, 8);
      memcpy (&u, a + len - 8, 8);
      memcpy (&v, b + len - 8, 8);
      return ((x ^ y) | (u ^ v)) == 0;
    }
  if (len >= 4 && len < 8)
    {
      memcpy (&x4, a, 4);
      memcpy (&y4, b, 4);
      memcpy (&u4, a + len - 4, 4);
      memcpy (&v4, b + len - 4, 4);
      return ((x4 ^ y4) | (u4 ^ v4)) == 0;
    }
  if (len < 4)
    return len == 0 || (a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1]);
  return memcmp (a, b, len) == 0;
}

/* ASCII case-insensitive equality of a byte range with a NUL-terminated
 * string. */
gboolean ic_text_equal_ci (const char *text, gsize len, const char *str);

G_END_DECLS

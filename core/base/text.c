/* text.c: helpers on UTF-8 byte ranges that are not NUL-terminated. */

#include "text.h"

/* Length of the white space that starts at @p (ASCII space, tab, CR, LF, or
 * U+00A0 / U+202F in UTF-8), or 0. */
static inline gsize
space_at_start (const guchar *p, const guchar *end)
{
  if (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n')
    return 1;
  return ic_text_no_break_space ((const char *) p, (gsize) (end - p));
}

/* The same for white space that ends just before @end. */
static inline gsize
space_at_end (const guchar *start, const guchar *end)
{
  guchar c = end[-1];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
    return 1;
  if (end - start >= 2 && ic_text_no_break_space ((const char *) end - 2, 2) == 2)
    return 2;
  if (end - start >= 3 && ic_text_no_break_space ((const char *) end - 3, 3) == 3)
    return 3;
  return 0;
}

void
ic_text_trim_spaces (const char **text, gsize *len)
{
  const guchar *start = (const guchar *) *text;
  const guchar *end = start + *len;
  gsize n;

  while (start < end && (n = space_at_start (start, end)) > 0)
    start += n;
  while (end > start && (n = space_at_end (start, end)) > 0)
    end -= n;

  *text = (const char *) start;
  *len = (gsize) (end - start);
}

gboolean
ic_text_equal_ci (const char *text, gsize len, const char *str)
{
  for (gsize i = 0; i < len; i++)
    {
      /* str[i] == '\0' ends str first: never equal, and it stops the read. */
      if (str[i] == '\0' || g_ascii_tolower (text[i]) != g_ascii_tolower (str[i]))
        return FALSE;
    }
  return str[len] == '\0';
}

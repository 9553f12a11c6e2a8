/* number.c: counts as département exports write them (`12 345`), and
 * decimals of a fixed number of places (`12,5`) as exact integers. */

#include "number.h"
#include "text.h"

/* Length of the thousands separator at @p (space, U+00A0 or U+202F in
 * UTF-8), or 0. */
static inline gsize
separator_len (const guchar *p, const guchar *end)
{
  if (p[0] == ' ')
    return 1;
  return ic_text_no_break_space ((const char *) p, (gsize) (end - p));
}

/* Appends one digit to *value; FALSE on overflow of gint64. */
static inline gboolean
push_digit (gint64 *value, guchar c)
{
  int d = c - '0';
  if (*value > (G_MAXINT64 - d) / 10)
    return FALSE;
  *value = *value * 10 + d;
  return TRUE;
}

gboolean
ic_count_parse (const char *text, gsize len, gint64 *value)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  gint64 v = 0;
  gsize first_group = 0;

  if (text == NULL || len == 0)
    return FALSE;

  while (p < end && g_ascii_isdigit (*p))
    {
      if (!push_digit (&v, *p++))
        return FALSE;
      first_group++;
    }
  if (first_group == 0)
    return FALSE;

  /* When grouped, the first group also has at most three digits: `1234 567`
   * is more likely two values run together than a count. */
  if (p < end && first_group > 3)
    return FALSE;

  while (p < end)
    {
      gsize sep = separator_len (p, end);
      if (sep == 0)
        return FALSE;
      p += sep;
      if (end - p < 3)
        return FALSE;
      for (int i = 0; i < 3; i++, p++)
        if (!g_ascii_isdigit (*p) || !push_digit (&v, *p))
          return FALSE;
    }

  if (value != NULL)
    *value = v;
  return TRUE;
}

IcDecimalParse
ic_decimal_parse (const char *text, gsize len, guint places, gint64 *value)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  gint64 v = 0;
  guint whole = 0, decimals = 0;

  g_return_val_if_fail (places <= 6, IC_DECIMAL_INVALID);
  for (; p < end && g_ascii_isdigit (*p); p++, whole++)
    if (!push_digit (&v, *p))
      return IC_DECIMAL_INVALID;
  if (whole == 0)
    return IC_DECIMAL_INVALID;
  if (p < end && (*p == '.' || *p == ','))
    {
      p++;
      if (p == end)
        return IC_DECIMAL_INVALID;
      for (; p < end && g_ascii_isdigit (*p); p++, decimals++)
        if (decimals < places && !push_digit (&v, *p))
          return IC_DECIMAL_INVALID;
    }
  if (p < end)
    return IC_DECIMAL_INVALID;
  if (decimals > places)
    return IC_DECIMAL_TOO_FINE;
  for (; decimals < places; decimals++)
    if (!push_digit (&v, '0'))
      return IC_DECIMAL_INVALID;
  if (value != NULL)
    *value = v;
  return IC_DECIMAL_OK;
}

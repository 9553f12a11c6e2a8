/* french-number.c: integers and tenths written the French way (no-break
 * space between thousands, decimal comma) for the renderings and the
 * definitions' sentences. */
#include "french-number.h"

static void
append_grouped (GString *out, guint64 value)
{
  char digits[32];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, "\u00a0");
      g_string_append_c (out, digits[i]);
    }
}

char *
ic_format_fr_int (gint64 value)
{
  GString *out = g_string_new (NULL);
  if (value < 0)
    g_string_append_c (out, '-');
  append_grouped (out, value < 0 ? -(guint64) value : (guint64) value);
  return g_string_free (out, FALSE);
}

char *
ic_format_fr_tenths (gint64 tenths)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude = tenths < 0 ? -(guint64) tenths : (guint64) tenths;
  if (tenths < 0)
    g_string_append_c (out, '-');
  append_grouped (out, magnitude / 10);
  g_string_append_printf (out, ",%u", (guint) (magnitude % 10));
  return g_string_free (out, FALSE);
}

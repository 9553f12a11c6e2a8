#include "rate.h"

gboolean
ic_fraction_tenths (gint64 num, gint64 den, gint64 *tenths)
{
  /* The bounds keep 20 n + d and 2 d within gint64. */
  if (den <= 0 || num < 0 || num > G_MAXINT64 / 40 || den > G_MAXINT64 / 4)
    return FALSE;
  /* round (10 n / d) half up = floor ((20 n + d) / 2 d) */
  *tenths = (20 * num + den) / (2 * den);
  return TRUE;
}

gboolean
ic_rate_tenths (gint64 num, gint64 den, gint64 *tenths)
{
  if (num > G_MAXINT64 / 4000)
    return FALSE;
  return ic_fraction_tenths (100 * num, den, tenths);
}

double
ic_tenths_to_double (gint64 tenths)
{
  /* Division (not × 0.1) gives the double nearest to the decimal. */
  return (double) tenths / 10.0;
}

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

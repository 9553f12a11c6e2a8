/* rate.c: the exact arithmetic of published figures, held as integer
 * tenths: rates and fractions rounded half up, and decimals read back
 * from a JSON number without rounding. */
#include "rate.h"

#include <math.h>

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

gboolean
ic_decimal_scaled (double value, guint decimals, gint64 *scaled)
{
  double factor = 1.0, x;

  g_return_val_if_fail (decimals <= 6, FALSE);
  for (guint i = 0; i < decimals; i++)
    factor *= 10.0;
  x = value * factor;
  /* A decimal such as 6.6 is not exact in binary: 6.6 × 10 is 66 within a
   * few ulps, far below 1e-6; 6.65 × 10 is 66.5, far above. */
  if (!isfinite (x) || fabs (x - nearbyint (x)) > 1e-6 || fabs (x) > 9e15)
    return FALSE;
  *scaled = (gint64) llround (x);
  return TRUE;
}

/* trend.c: the statistics beside a figure: its 95 % Wilson interval, the
 * change since the previous year with a two-proportion z-test, and the
 * series of earlier years. */
#include "trend.h"

#include <math.h>

/* The 97.5th percentile of the standard normal distribution. */
#define Z_95 1.959963984540054

gboolean
ic_wilson_interval (gint64 num, gint64 den, gint64 *low_tenths, gint64 *high_tenths)
{
  double n, p, z2, centre, half;

  if (den <= 0 || num < 0 || num > den)
    return FALSE;
  n = (double) den;
  p = (double) num / n;
  z2 = Z_95 * Z_95;
  centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  half = Z_95 * sqrt (p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  *low_tenths = (gint64) floor (MAX (0.0, centre - half) * 1000.0 + 0.5);
  *high_tenths = (gint64) floor (MIN (1.0, centre + half) * 1000.0 + 0.5);
  return TRUE;
}

double
ic_two_proportion_p (gint64 n1, gint64 d1, gint64 n2, gint64 d2)
{
  double p1 = (double) n1 / (double) d1, p2 = (double) n2 / (double) d2;
  double pooled = (double) (n1 + n2) / (double) (d1 + d2);
  double se = sqrt (pooled * (1 - pooled) * (1.0 / (double) d1 + 1.0 / (double) d2));

  if (se <= 0)
    return 1.0;
  return erfc (fabs (p2 - p1) / se / sqrt (2.0));
}

void
ic_trend_apply (IcResult *result, IcHistory *previous, GPtrArray *history)
{
  const IcHistoryValue *before = previous ? ic_history_lookup (previous, result->id) : NULL;
  IcTrendPoint now = { result->period.year, result->has_value, result->value_tenths };

  /* A proportion has an interval; a rate above 100 % (a stratum population
   * smaller than its count) does not. */
  result->has_ci95 = result->has_value
                     && ic_wilson_interval (result->numerator, result->denominator,
                                            &result->ci95_low_tenths, &result->ci95_high_tenths);

  result->has_change = result->has_value && before != NULL && before->has_value;
  if (result->has_change)
    result->change_tenths = result->value_tenths - before->value_tenths;
  /* A count is no proportion: no interval (its denominator is 0), no test. */
  result->has_test = result->has_change && result->kind == IC_KIND_RATE && before->has_counts
                     && result->numerator <= result->denominator
                     && before->numerator <= before->denominator;
  if (result->has_test)
    {
      result->p_value = ic_two_proportion_p (before->numerator, before->denominator,
                                             result->numerator, result->denominator);
      result->significant = result->p_value < 0.05;
    }

  g_array_set_size (result->trend, 0);
  for (guint i = 0; history && i < history->len; i++)
    {
      IcHistory *bundle = history->pdata[i];
      const IcHistoryValue *v = ic_history_lookup (bundle, result->id);
      IcTrendPoint point = { bundle->year, v && v->has_value, v ? v->value_tenths : 0 };
      if (v != NULL && bundle->year < result->period.year)
        g_array_append_val (result->trend, point);
    }
  g_array_append_val (result->trend, now);
}

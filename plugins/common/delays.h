/* delays.h: the mean and median of delays in days, as details of a rate
 * (spec/indicators.md: the median of an even count is the mean of the two
 * middle values; both rounded by the engine like values; null without any
 * delay). Header-only, like person-acts.h. */
#pragma once

#include <stdlib.h>

#include <indicore/indicore-plugin.h>

static inline int
ic_delays_compare (const void *a, const void *b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;
  return (x > y) - (x < y);
}

/* Reports "mean_delay_days" and
 * "median_delay_days" of the @n delays in @delays (sorted in place). */
static inline void
ic_delays_report (const IcApi *api, IcContext *ctx, gint32 *delays, gint64 n)
{
  gint64 sum = 0, middle = n / 2;

  for (gint64 i = 0; i < n; i++)
    sum += delays[i];
  api->detail_fraction (ctx, "mean_delay_days", sum, n);
  if (n == 0)
    {
      api->detail_fraction (ctx, "median_delay_days", 0, 0);
      return;
    }
  qsort (delays, (size_t) n, sizeof (gint32), ic_delays_compare);
  if (n % 2)
    api->detail_fraction (ctx, "median_delay_days", delays[middle], 1);
  else
    api->detail_fraction (ctx, "median_delay_days", (gint64) delays[middle - 1] + delays[middle], 2);
}

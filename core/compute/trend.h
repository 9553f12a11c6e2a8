/* trend.h: what a figure means beside earlier years': the 95 % Wilson score
 * interval of each proportion, the change in points from the previous year
 * with a two-proportion z-test, and the series over the years given. */
#pragma once

#include "history.h"
#include "result.h"

G_BEGIN_DECLS

/* The 95 % Wilson score interval of @num / @den, in tenths of a percent
 * (rounded half up). FALSE when @den <= 0. */
gboolean ic_wilson_interval (gint64 num, gint64 den, gint64 *low_tenths, gint64 *high_tenths);

/* Two-sided p-value of the pooled two-proportion z-test of n1/d1 against
 * n2/d2 (1 when the pooled proportion is 0 or 1: nothing can differ). */
double ic_two_proportion_p (gint64 n1, gint64 d1, gint64 n2, gint64 d2);

/* Sets the interval, the change since @previous (may be NULL) and the
 * series from @history (IcHistory *, sorted by year; may be NULL) on a
 * finished @result. */
void ic_trend_apply (IcResult *result, IcHistory *previous, GPtrArray *history);

G_END_DECLS

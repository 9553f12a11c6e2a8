/* libFuzzer target: a computing child's answer as the engine reads it
 * (result-wire.c), then the checks of its numbers (result.c): whatever a
 * plugin's process sends must end as a result or an error, never a crash. */
#include "result-wire.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  /* Territories 1 to 5, 1 000 rows in the files, no data: a breakdown is
   * refused (and one the absent definition lacks makes the answer unread). */
  static const IcResultBounds bounds = { 6, 1000, NULL };
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  IcPeriod period;
  g_autoptr (IcResult) result = NULL;

  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  result = ic_result_new ("fuzz", NULL, &period);
  if (!ic_result_update_from_wire (result, bytes))
    return 0;
  if (!ic_result_check (result, &bounds))
    g_assert_true (result->status == IC_STATUS_ERROR && !result->has_numerator && result->strata->len == 0);
  return 0;
}

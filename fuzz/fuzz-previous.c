/* libFuzzer target: the one bundle reader, as `run --previous` uses it, on
 * arbitrary text. */
#include "bundle-history.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) previous =
    ic_bundle_history_from_data ("fuzz.json", (const char *) data, (gssize) size, &error);

  g_assert_true ((previous == NULL) == (error != NULL));
  if (previous != NULL)
    ic_history_lookup (previous, "epp_pmi_coverage");
  return 0;
}

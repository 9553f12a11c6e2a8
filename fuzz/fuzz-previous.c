/* libFuzzer target: the previous-bundle reader on arbitrary text. */
#include "previous.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcPrevious) previous =
    ic_previous_load_from_data ("fuzz.json", (const char *) data, (gssize) size, &error);

  g_assert_true ((previous == NULL) == (error != NULL));
  if (previous != NULL)
    ic_previous_lookup (previous, "epp_pmi_coverage");
  return 0;
}

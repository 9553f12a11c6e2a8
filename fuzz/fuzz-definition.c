/* libFuzzer target: the indicator definition reader on arbitrary text. */
#include "definition.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcDefinition) definition =
    ic_definition_load_from_data ("fuzz.json", (const char *) data, (gssize) size, &error);

  g_assert_true ((definition == NULL) == (error != NULL));
  if (definition != NULL)
    {
      g_autofree char *text = ic_definition_expand_text (definition, 12345, 67890, 181, "2023-2024", 2024);
      g_assert_true (g_utf8_validate (text, -1, NULL) || !g_utf8_validate (definition->text_fr, -1, NULL));
    }
  return 0;
}

/* golden.c: the hand-written golden bundles of tests/golden/ (Creuse
 * 2022-2024), read with the one bundle reader or as JSON trees to alter,
 * for test-render.c and test-bundle-reader.c. */
#include "golden.h"

#include <string.h>

#include "json-writer.h"
#include "test-util.h"

char *
ic_golden_path (const char *name)
{
  return g_build_filename (ic_test_source_dir (), "tests", "golden", name, NULL);
}

char *
ic_golden_text (const char *name)
{
  g_autofree char *path = ic_golden_path (name);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

IcBundleView *
ic_golden_load (const char *name)
{
  g_autofree char *path = ic_golden_path (name);
  g_autoptr (GError) error = NULL;
  IcBundleView *bundle = ic_bundle_read (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  return bundle;
}

/* The 2024 bundle with the 2023 and 2022 ones as --previous (given in that
 * order, not by year, as a user may). */
IcBundleView *
ic_golden_load_series (void)
{
  IcBundleView *bundle = ic_golden_load ("bundle-2024.json");
  g_autoptr (IcBundleView) y2023 = ic_golden_load ("bundle-2023.json");
  g_autoptr (IcBundleView) y2022 = ic_golden_load ("bundle-2022.json");
  g_autoptr (GError) error = NULL;

  g_assert_true (ic_bundle_view_add_previous (bundle, y2023, &error));
  g_assert_no_error (error);
  g_assert_true (ic_bundle_view_add_previous (bundle, y2022, &error));
  g_assert_no_error (error);
  return bundle;
}

const IcBundleIndicator *
ic_golden_find (const IcBundleView *bundle, const char *id)
{
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      if (strcmp (indicator->id, id) == 0)
        return indicator;
    }
  g_error ("no indicator %s", id);
  return NULL;
}

/* The golden 2024 bundle's JSON tree, for tests that alter it. */
JsonNode *
ic_golden_tree (void)
{
  g_autofree char *text = ic_golden_text ("bundle-2024.json");
  g_autoptr (GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  return root;
}

JsonObject *
ic_golden_tree_indicator (JsonNode *root, const char *id)
{
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (root), "indicators");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *indicator = json_array_get_object_element (indicators, i);
      if (strcmp (json_object_get_string_member (indicator, "id"), id) == 0)
        return indicator;
    }
  g_assert_not_reached ();
  return NULL;
}

IcBundleView *
ic_golden_load_tree (JsonNode *root, GError **error)
{
  g_autofree char *text = ic_json_write (root, NULL);
  return ic_bundle_read_from_data ("altered.json", text, -1, error);
}

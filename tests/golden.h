/* golden.h: the golden bundles of tests/golden/, shared by the tests of the
 * bundle reader and of the renderings. */
#pragma once

#include <json-glib/json-glib.h>

#include "bundle-reader.h"

G_BEGIN_DECLS

/* tests/golden/@name (g_free). */
char *ic_golden_path (const char *name);

/* Its text (g_free). */
char *ic_golden_text (const char *name);

/* tests/golden/@name read (fails the test when it cannot be). */
IcBundleView *ic_golden_load (const char *name);

/* The 2024 bundle with the 2023 and 2022 ones as --previous (given in that
 * order, not by year, as a user may). */
IcBundleView *ic_golden_load_series (void);

/* The indicator @id of @bundle (fails the test without one). */
const IcBundleIndicator *ic_golden_find (const IcBundleView *bundle, const char *id);

/* The golden 2024 bundle's JSON tree, for tests that alter it; the object
 * of its indicator @id; and an altered tree read back ("altered.json"). */
JsonNode *ic_golden_tree (void);
JsonObject *ic_golden_tree_indicator (JsonNode *root, const char *id);
IcBundleView *ic_golden_load_tree (JsonNode *root, GError **error);

G_END_DECLS

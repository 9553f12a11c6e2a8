/* bundle-writer.h: the JSON indicator bundle of spec/bundle.md, built from a
 * run's results, members in a fixed order. */
#pragma once

#include <json-glib/json-glib.h>

#include "run.h"

G_BEGIN_DECLS

/* The time to write in generated_at: SOURCE_DATE_EPOCH when set (for
 * reproducible bundles), otherwise now; "YYYY-MM-DDTHH:MM:SSZ", newly
 * allocated. NULL with @error when SOURCE_DATE_EPOCH is not a number. */
char *ic_bundle_timestamp (GError **error);

/* The bundle as a JSON tree: a new node (json_node_unref). */
JsonNode *ic_bundle_build (IcRun *run, const char *generated_at);

/* Writes the bundle to @path atomically, or to standard output when @path
 * is NULL or "-". */
gboolean ic_bundle_write (JsonNode *bundle, const char *path, GError **error);

G_END_DECLS

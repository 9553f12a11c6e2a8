/* bundle-history.h: earlier years' bundles read, with the one bundle reader,
 * into the figures the computation needs (IcHistory of compute/history.h):
 * `run --previous` and the earlier bundles of `run --config`. */
#pragma once

#include <glib.h>

#include "bundle-reader.h"
#include "history.h"

G_BEGIN_DECLS

/* The figures of @view: each indicator's value, and its counts when both
 * are given (the denominator > 0). Returns a new IcHistory. */
IcHistory *ic_bundle_history_from_view (const IcBundleView *view);

/* The bundle in @data, or in the file @path, read by ic_bundle_read and
 * turned into its figures; NULL with @error in IC_BUNDLE_ERROR. */
IcHistory *ic_bundle_history_from_data (const char *name, const char *data, gssize length, GError **error);
IcHistory *ic_bundle_history_read (const char *path, GError **error);

/* FALSE with IC_BUNDLE_ERROR_MISMATCH when @history is of another
 * département than @department_code, or not of a year before @year. */
gboolean ic_bundle_history_check (const IcHistory *history, int year, const char *department_code, GError **error);

/* Reads the bundles @paths (NULL-terminated; may be NULL) into @history,
 * sorted by year: each checked as above, and no two of the same year. */
gboolean ic_bundle_history_read_all (const char *const *paths, int year, const char *department_code,
                                     GPtrArray *history, GError **error);

G_END_DECLS

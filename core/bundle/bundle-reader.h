/* bundle-reader.h: the one reader of bundles. `indicore render`, `run
 * --previous`, the earlier bundles of `run --config` and the renderings all
 * read a bundle file here, into an IcBundleView (bundle-view.h); the
 * computation gets an earlier year's figures from it (bundle-history.h). */
#pragma once

#include <glib.h>

#include "bundle-view.h"

G_BEGIN_DECLS

#define IC_BUNDLE_ERROR (ic_bundle_error_quark ())
GQuark ic_bundle_error_quark (void);

typedef enum {
  IC_BUNDLE_ERROR_READ,     /* cannot read the file (or not a regular file), not JSON, or nested too deep */
  IC_BUNDLE_ERROR_INVALID,  /* JSON, but not a bundle (a member missing or of the wrong type) */
  IC_BUNDLE_ERROR_MISMATCH, /* a previous bundle of another département, not of an earlier year,
                               of a year given twice, or contradicting the bundle's own `previous`
                               or `trend` */
} IcBundleError;

/* Reads the bundle in @data (@length bytes, or NUL-terminated when -1), of
 * version "1" (rates only) or "1.1" (each indicator's `kind`, rate or count,
 * and its `breakdowns`; a count's value is a whole number, with neither
 * numerator, denominator, interval nor tested change);
 * @name names it in messages. Returns a new view (ic_bundle_view_free), or
 * NULL with @error in IC_BUNDLE_ERROR: READ when it is not JSON, INVALID
 * when a member is missing or of the wrong type, a figure has more than one
 * decimal (a p-value more than four: the message gives the value's path,
 * "indicators[0].value: more than one decimal"; a figure is never rounded
 * on its way back in), or two members contradict each other (the interval
 * does not hold the value, the change is not the value minus the previous
 * value, `significant` is not p < 0.05, `trend` gives another value than
 * `previous` or `value` for the same year). `ci95`, `change` and `trend`
 * may be absent (bundles written before them). Members the renderings do
 * not show are not checked: that is the schema's job. */
IcBundleView *ic_bundle_read_from_data (const char *name, const char *data, gssize length, GError **error);

/* The same from the file @path (a regular file only: a FIFO is refused,
 * not waited on). */
IcBundleView *ic_bundle_read (const char *path, GError **error);

/* Adds the values of @previous, an earlier year's bundle of the same
 * département, to the series of @bundle's indicators (@previous is not kept).
 * Where @bundle's own `previous` or `trend` already has that year, its value
 * stays; @previous only adds the period's label and definition version. An
 * indicator of another kind in @previous (a rate, now a count) adds nothing.
 * FALSE with IC_BUNDLE_ERROR_MISMATCH when @previous is of another
 * département, of a year not earlier than @bundle's, of a year already added,
 * or when it gives another value than @bundle's own `previous` or `trend`
 * member for the same year. */
gboolean ic_bundle_view_add_previous (IcBundleView *bundle, const IcBundleView *previous, GError **error);

G_END_DECLS

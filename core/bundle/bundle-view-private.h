/* bundle-view-private.h: what the files of the bundle reader share to build
 * an IcBundleView (bundle-reader.c reads one, bundle-series.c merges earlier
 * ones into it); not for the renderings. */
#pragma once

#include "bundle-view.h"
#include "json-members.h"

G_BEGIN_DECLS

/* A new, empty view of the bundle named @name (for messages). */
IcBundleView *ic_bundle_view_new (const char *name);

/* Free functions of the view's arrays (GDestroyNotify). */
void ic_bundle_indicator_free (gpointer indicator);
void ic_bundle_stratum_free (gpointer stratum);
void ic_bundle_breakdown_free (gpointer breakdown);
void ic_bundle_source_free (gpointer source);
void ic_bundle_point_free (gpointer point);
void ic_bundle_input_free (gpointer input);
void ic_bundle_refusal_free (gpointer refusal);
void ic_bundle_detail_free (gpointer detail);
void ic_bundle_field_free (gpointer field);

/* A copy of @details (IcBundleDetail *), or NULL for NULL. */
GPtrArray *ic_bundle_details_copy (const GPtrArray *details);

/* The members of an indicator that place it in a framework and give its
 * details (bundle-reader-solen.c): solen (either shape), details, and the
 * target's on and origin. Each FALSE with the error set. */
gboolean ic_bundle_read_solen (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator);
gboolean ic_bundle_read_details (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator);
gboolean ic_bundle_read_target_kind (IcJsonMembers *r, JsonObject *target, const char *path, IcBundleIndicator *indicator);

/* The strata of an indicator (bundle-reader-strata.c): its kind (version
 * "1.1": `kind`, and a count has no numerator nor denominator), its
 * territories (`strata`, after its kind), its breakdowns (version "1.1").
 * Each FALSE with the error set. */
gboolean ic_bundle_read_kind (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator);
gboolean ic_bundle_read_strata (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator);
gboolean ic_bundle_read_breakdowns (IcJsonMembers *r, JsonObject *object, const char *path,
                                    IcBundleIndicator *indicator);

/* A count's @member of @object (null or absent: *@has FALSE), as tenths: a
 * whole number, 0 or more, or FALSE with the error set. */
gboolean ic_bundle_read_count_value (IcJsonMembers *r, JsonObject *object, const char *path, const char *member,
                                     gboolean *has, gint64 *tenths);

/* Inserts @point (taken) into @indicator's series, kept in year order. */
void ic_bundle_indicator_insert_point (IcBundleIndicator *indicator, IcBundlePoint *point);

/* A value for messages: "5,5", or "null" without one; newly allocated. */
char *ic_bundle_tenths_or_null (gboolean has, gint64 tenths);

G_END_DECLS

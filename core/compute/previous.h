/* previous.h: an earlier year's bundle, read back for progress targets and
 * year-on-year comparison. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IC_PREVIOUS_ERROR (ic_previous_error_quark ())
GQuark ic_previous_error_quark (void);

typedef enum {
  IC_PREVIOUS_ERROR_READ,    /* cannot read, or not JSON */
  IC_PREVIOUS_ERROR_INVALID, /* JSON, but not an indicore bundle */
} IcPreviousError;

typedef struct {
  gboolean has_value;
  gint64 value_tenths;
  gboolean has_counts;     /* numerator and denominator both given */
  gint64 numerator;
  gint64 denominator;
} IcPreviousValue;

typedef struct {
  char *path;
  int year;
  GHashTable *values; /* id -> IcPreviousValue */
} IcPrevious;

IcPrevious *ic_previous_load (const char *path, GError **error);
IcPrevious *ic_previous_load_from_data (const char *name, const char *data, gssize length, GError **error);
void ic_previous_free (IcPrevious *previous);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcPrevious, ic_previous_free)

/* The value of indicator @id, or NULL when the bundle has no such indicator. */
const IcPreviousValue *ic_previous_lookup (IcPrevious *previous, const char *id);

/* Orders bundles by year, for g_ptr_array_sort. */
int ic_previous_compare_years (gconstpointer a, gconstpointer b);

G_END_DECLS

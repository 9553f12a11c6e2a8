/* history.h: the figures of earlier years' bundles that the computation
 * needs (progress targets, the change since last year, the series). The
 * bundle stage reads them (bundle-history.h); the compute stage only looks
 * them up. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gboolean has_value;
  gint64 value_tenths;
  gboolean has_counts;     /* numerator and denominator both given, denominator > 0 */
  gint64 numerator;
  gint64 denominator;
} IcHistoryValue;

/* One earlier year. */
typedef struct {
  char *path;              /* the bundle it was read from, for messages */
  int year;
  char *department_code;
  GHashTable *values;      /* indicator id -> IcHistoryValue */
} IcHistory;

/* A new, empty year (@path and @department_code are copied). */
IcHistory *ic_history_new (const char *path, int year, const char *department_code);
void ic_history_free (IcHistory *history);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcHistory, ic_history_free)

/* The value of indicator @id, or NULL when that year has no such indicator. */
const IcHistoryValue *ic_history_lookup (IcHistory *history, const char *id);

/* Orders years, for g_ptr_array_sort of IcHistory *. */
int ic_history_compare_years (gconstpointer a, gconstpointer b);

G_END_DECLS

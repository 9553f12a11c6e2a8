/* bundle-history.c: earlier bundles, read by the one bundle reader, turned
 * into the figures the computation looks up, and checked to be earlier
 * years of the same département. */
#include "bundle-history.h"

#include <glib/gi18n.h>

IcHistory *
ic_bundle_history_from_view (const IcBundleView *view)
{
  IcHistory *history = ic_history_new (view->name, view->year, view->department_code);

  for (guint i = 0; i < view->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = view->indicators->pdata[i];
      IcHistoryValue *entry = g_new0 (IcHistoryValue, 1);

      /* the reader refuses a value unless the status is ok */
      entry->has_value = indicator->has_value;
      entry->value_tenths = indicator->value_tenths;
      /* the bounds of ic_two_proportion_p's exact sums; a count (its value
       * in tenths, as a rate's) has no counts to test */
      entry->has_counts = entry->has_value && indicator->kind == IC_BUNDLE_KIND_RATE && indicator->has_numerator && indicator->has_denominator
                          && indicator->denominator > 0 && indicator->numerator <= G_MAXINT64 / 4
                          && indicator->denominator <= G_MAXINT64 / 4;
      if (entry->has_counts)
        {
          entry->numerator = indicator->numerator;
          entry->denominator = indicator->denominator;
        }
      g_hash_table_replace (history->values, g_strdup (indicator->id), entry);
    }
  return history;
}

IcHistory *
ic_bundle_history_from_data (const char *name, const char *data, gssize length, GError **error)
{
  g_autoptr (IcBundleView) view = ic_bundle_read_from_data (name, data, length, error);
  return view ? ic_bundle_history_from_view (view) : NULL;
}

IcHistory *
ic_bundle_history_read (const char *path, GError **error)
{
  g_autoptr (IcBundleView) view = ic_bundle_read (path, error);
  return view ? ic_bundle_history_from_view (view) : NULL;
}

gboolean
ic_bundle_history_check (const IcHistory *history, int year, const char *department_code, GError **error)
{
  if (g_strcmp0 (history->department_code, department_code) != 0)
    {
      g_set_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH, _("%s: is a bundle of département %s, not %s"),
                   history->path, history->department_code, department_code);
      return FALSE;
    }
  if (history->year >= year)
    {
      g_set_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH, _("%s is the bundle of %d, not of a year before %d"),
                   history->path, history->year, year);
      return FALSE;
    }
  return TRUE;
}

gboolean
ic_bundle_history_read_all (const char *const *paths, int year, const char *department_code, GPtrArray *history,
                            GError **error)
{
  for (guint i = 0; paths && paths[i]; i++)
    {
      IcHistory *earlier = ic_bundle_history_read (paths[i], error);
      if (earlier == NULL)
        return FALSE;
      g_ptr_array_add (history, earlier);
      if (!ic_bundle_history_check (earlier, year, department_code, error))
        return FALSE;
    }
  g_ptr_array_sort (history, ic_history_compare_years);
  for (guint i = 1; i < history->len; i++)
    {
      const IcHistory *a = history->pdata[i - 1], *b = history->pdata[i];
      if (a->year == b->year)
        {
          g_set_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH, _("%s and %s are both of %d"), a->path, b->path,
                       b->year);
          return FALSE;
        }
    }
  return TRUE;
}

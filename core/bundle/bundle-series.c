/* bundle-series.c: earlier years' bundles merged into a bundle's series
 * (`render --previous`, the renderings of `run --config`), once checked
 * that they are of the same département, earlier, and agree with it. */
#include "bundle-reader.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bundle-view-private.h"

/* The earlier bundle's counts and details join its point of the series:
 * the SOLEN report writes « 593 (424 en 2023) ». */
static void
set_counts (IcBundlePoint *point, const IcBundleIndicator *earlier)
{
  point->has_counts = earlier->has_numerator && earlier->has_denominator;
  point->numerator = earlier->numerator;
  point->denominator = earlier->denominator;
  g_clear_pointer (&point->details, g_ptr_array_unref);
  point->details = ic_bundle_details_copy (earlier->details);
}

gboolean
ic_bundle_view_add_previous (IcBundleView *bundle, const IcBundleView *previous, GError **error)
{
  if (g_strcmp0 (bundle->department_code, previous->department_code) != 0)
    {
      g_set_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH,
                   _("%s: is a bundle of département %s, not %s"), previous->name,
                   previous->department_code, bundle->department_code);
      return FALSE;
    }
  if (previous->year >= bundle->year)
    {
      g_set_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH,
                   _("%s: is a bundle of %d, not of a year before %d"), previous->name, previous->year, bundle->year);
      return FALSE;
    }
  for (guint i = 0; i < bundle->previous_years->len; i++)
    if (g_array_index (bundle->previous_years, int, i) == previous->year)
      {
        g_set_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH,
                     _("%s: a bundle of %d was already given"), previous->name, previous->year);
        return FALSE;
      }

  /* Check everything before changing anything. The only point already there
   * for that year comes from the bundle's own `previous` or `trend` member:
   * the two must agree, or the renderings would show one of two figures. */
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      const IcBundleIndicator *earlier = ic_bundle_view_find (previous, indicator->id);
      const IcBundlePoint *known = ic_bundle_indicator_point (indicator, previous->year);

      if (earlier == NULL || earlier->kind != indicator->kind || known == NULL)
        continue;
      if (known->has_value != earlier->has_value
          || (known->has_value && known->value_tenths != earlier->value_tenths))
        {
          g_autofree char *said = ic_bundle_tenths_or_null (known->has_value, known->value_tenths);
          g_autofree char *gives = ic_bundle_tenths_or_null (earlier->has_value, earlier->value_tenths);
          g_set_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH,
                       indicator->previous_year == previous->year
                         ? _("%s: %s: gives %s for %d, where this bundle's previous value is %s")
                         : _("%s: %s: gives %s for %d, where this bundle's trend gives %s"),
                       previous->name, indicator->id, gives, previous->year, said);
          return FALSE;
        }
    }

  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      const IcBundleIndicator *earlier = ic_bundle_view_find (previous, indicator->id);
      IcBundlePoint *point;

      /* a rate then and a count now (or the reverse): not one series */
      if (earlier == NULL || earlier->kind != indicator->kind)
        continue;
      point = ic_bundle_indicator_point (indicator, previous->year);
      if (point != NULL)
        {
          /* the bundle's own point, of the same value: the earlier bundle
           * names its period and says which definition computed it */
          g_free (point->label);
          point->label = g_strdup (earlier->period_label);
          g_free (point->definition_version);
          point->definition_version = g_strdup (earlier->definition_version);
          set_counts (point, earlier);
          continue;
        }
      point = g_new0 (IcBundlePoint, 1);
      point->year = previous->year;
      point->label = g_strdup (earlier->period_label);
      point->has_value = earlier->has_value;
      point->value_tenths = earlier->value_tenths;
      point->definition_version = g_strdup (earlier->definition_version);
      set_counts (point, earlier);
      ic_bundle_indicator_insert_point (indicator, point);
    }
  g_array_append_val (bundle->previous_years, previous->year);
  return TRUE;
}

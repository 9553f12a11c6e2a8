/* bundle-view.c: the bundle as read back: freeing it, and the questions the
 * renderings ask of its indicators (a point of the series, the change, a
 * break of definition). */
#include "bundle-view-private.h"

#include <string.h>

#include "french-number.h"

void
ic_bundle_stratum_free (gpointer data)
{
  IcBundleStratum *stratum = data;
  g_free (stratum->territory);
  g_free (stratum->code);
  g_free (stratum);
}

void
ic_bundle_breakdown_free (gpointer data)
{
  IcBundleBreakdown *breakdown = data;
  g_free (breakdown->column);
  g_free (breakdown->label);
  g_ptr_array_unref (breakdown->strata);
  g_free (breakdown);
}

const char *
ic_bundle_stratum_name (const IcBundleStratum *stratum)
{
  return stratum->territory ? stratum->territory : stratum->code;
}

void
ic_bundle_source_free (gpointer data)
{
  IcBundleSource *source = data;
  g_free (source->table);
  g_free (source->population);
  g_free (source->period);
  g_free (source->origin);
  g_free (source->source);
  g_free (source);
}

void
ic_bundle_detail_free (gpointer data)
{
  IcBundleDetail *detail = data;
  g_free (detail->key);
  g_free (detail);
}

void
ic_bundle_field_free (gpointer data)
{
  IcBundleField *field = data;
  g_free (field->figure);
  g_free (field->label);
  g_free (field);
}

GPtrArray *
ic_bundle_details_copy (const GPtrArray *details)
{
  GPtrArray *copy;
  if (details == NULL)
    return NULL;
  copy = g_ptr_array_new_with_free_func (ic_bundle_detail_free);
  for (guint i = 0; i < details->len; i++)
    {
      IcBundleDetail *detail = g_memdup2 (details->pdata[i], sizeof (IcBundleDetail));
      detail->key = g_strdup (detail->key);
      g_ptr_array_add (copy, detail);
    }
  return copy;
}

const IcBundleDetail *
ic_bundle_detail_find (const GPtrArray *details, const char *key)
{
  for (guint i = 0; details && i < details->len; i++)
    if (strcmp (((IcBundleDetail *) details->pdata[i])->key, key) == 0)
      return details->pdata[i];
  return NULL;
}

void
ic_bundle_point_free (gpointer data)
{
  IcBundlePoint *point = data;
  g_clear_pointer (&point->details, g_ptr_array_unref);
  g_free (point->label);
  g_free (point->definition_version);
  g_free (point);
}

void
ic_bundle_indicator_free (gpointer data)
{
  IcBundleIndicator *indicator = data;
  g_free (indicator->id);
  g_free (indicator->title);
  g_free (indicator->period_start);
  g_free (indicator->period_end);
  g_free (indicator->period_label);
  g_free (indicator->unit);
  g_free (indicator->target_operator);
  g_free (indicator->solen_label);
  g_free (indicator->solen_framework);
  g_free (indicator->solen_measure);
  g_free (indicator->solen_fiche);
  g_clear_pointer (&indicator->solen_fields, g_ptr_array_unref);
  g_clear_pointer (&indicator->details, g_ptr_array_unref);
  g_free (indicator->text_fr);
  g_free (indicator->reason);
  g_free (indicator->definition_version);
  g_ptr_array_unref (indicator->warnings);
  g_ptr_array_unref (indicator->strata);
  g_ptr_array_unref (indicator->breakdowns);
  g_ptr_array_unref (indicator->series);
  g_ptr_array_unref (indicator->sources);
  g_free (indicator);
}

void
ic_bundle_input_free (gpointer data)
{
  IcBundleInput *input = data;
  g_free (input->table);
  g_free (input->file);
  g_free (input->sha256);
  g_free (input);
}

void
ic_bundle_refusal_free (gpointer data)
{
  IcBundleRefusal *refusal = data;
  g_free (refusal->file);
  g_free (refusal->reason);
  g_free (refusal);
}

void
ic_bundle_view_free (IcBundleView *bundle)
{
  if (bundle == NULL)
    return;
  g_free (bundle->name);
  g_free (bundle->generator_version);
  g_free (bundle->generated_at);
  g_free (bundle->department_code);
  g_free (bundle->department_name);
  g_free (bundle->framework_id);
  g_free (bundle->framework_title);
  g_ptr_array_unref (bundle->indicators);
  g_ptr_array_unref (bundle->inputs);
  g_ptr_array_unref (bundle->refused);
  g_array_unref (bundle->previous_years);
  g_free (bundle);
}

IcBundleView *
ic_bundle_view_new (const char *name)
{
  IcBundleView *bundle = g_new0 (IcBundleView, 1);

  bundle->name = g_strdup (name);
  bundle->indicators = g_ptr_array_new_with_free_func (ic_bundle_indicator_free);
  bundle->inputs = g_ptr_array_new_with_free_func (ic_bundle_input_free);
  bundle->refused = g_ptr_array_new_with_free_func (ic_bundle_refusal_free);
  bundle->previous_years = g_array_new (FALSE, FALSE, sizeof (int));
  return bundle;
}

void
ic_bundle_indicator_insert_point (IcBundleIndicator *indicator, IcBundlePoint *point)
{
  guint at = 0;

  while (at < indicator->series->len && ((IcBundlePoint *) indicator->series->pdata[at])->year < point->year)
    at++;
  g_ptr_array_insert (indicator->series, (gint) at, point);
}

char *
ic_bundle_tenths_or_null (gboolean has, gint64 tenths)
{
  return has ? ic_format_fr_tenths (tenths) : g_strdup ("null");
}

const IcBundleIndicator *
ic_bundle_view_find (const IcBundleView *bundle, const char *id)
{
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      if (strcmp (indicator->id, id) == 0)
        return indicator;
    }
  return NULL;
}

IcBundlePoint *
ic_bundle_indicator_point (const IcBundleIndicator *indicator, int year)
{
  for (guint i = 0; i < indicator->series->len; i++)
    {
      IcBundlePoint *point = indicator->series->pdata[i];
      if (point->year == year)
        return point;
    }
  return NULL;
}

gboolean
ic_bundle_indicator_change (const IcBundleIndicator *indicator, const IcBundlePoint **from, gint64 *change_tenths)
{
  guint last = indicator->series->len - 1; /* this bundle's point */

  if (indicator->has_change)
    {
      /* the bundle's: its `previous` point is in the series (checked when read) */
      *from = ic_bundle_indicator_point (indicator, indicator->previous_year);
      *change_tenths = indicator->change_tenths;
      return *from != NULL;
    }
  if (!indicator->has_value)
    return FALSE;
  for (guint i = last; i-- > 0;)
    {
      const IcBundlePoint *point = indicator->series->pdata[i];
      if (point->has_value)
        {
          *from = point;
          *change_tenths = indicator->value_tenths - point->value_tenths;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
ic_bundle_point_breaks_series (const IcBundleIndicator *indicator, const IcBundlePoint *point)
{
  return indicator->definition_version != NULL && point->definition_version != NULL
         && strcmp (indicator->definition_version, point->definition_version) != 0;
}

gboolean
ic_bundle_view_has_statistics (const IcBundleView *bundle)
{
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      if (indicator->has_ci95 || (indicator->has_change && indicator->has_p_value))
        return TRUE;
    }
  return FALSE;
}

gboolean
ic_bundle_view_has_breakdowns (const IcBundleView *bundle)
{
  for (guint i = 0; i < bundle->indicators->len; i++)
    if (((const IcBundleIndicator *) bundle->indicators->pdata[i])->breakdowns->len > 0)
      return TRUE;
  return FALSE;
}

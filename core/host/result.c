#include "result.h"

#include <string.h>

#include "rate.h"

const char *
ic_status_to_string (IcStatus status)
{
  switch (status)
    {
    case IC_STATUS_OK: return "ok";
    case IC_STATUS_NOT_AVAILABLE: return "not_available";
    case IC_STATUS_ERROR: return "error";
    }
  g_return_val_if_reached ("error");
}

static void
stratum_clear (gpointer data)
{
  g_free (((IcStratum *) data)->name);
}

static void
detail_free (gpointer data)
{
  IcDetail *detail = data;
  g_free (detail->key);
  g_free (detail);
}

static void
source_free (gpointer data)
{
  IcSource *source = data;
  g_free (source->table);
  g_free (source->population);
  g_free (source->period);
  g_free (source->origin);
  g_free (source->source);
  g_free (source);
}

static void
parameter_clear (gpointer data)
{
  g_free (((IcParameter *) data)->name);
}

IcResult *
ic_result_new (const char *id, const IcDefinition *definition, const IcPeriod *period)
{
  IcResult *result = g_new0 (IcResult, 1);
  result->id = g_strdup (id);
  result->definition = definition;
  result->period = *period;
  result->status = IC_STATUS_OK;
  result->strata = g_array_new (FALSE, TRUE, sizeof (IcStratum));
  g_array_set_clear_func (result->strata, stratum_clear);
  result->details = g_ptr_array_new_with_free_func (detail_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->sources = g_ptr_array_new_with_free_func (source_free);
  result->parameters = g_array_new (FALSE, TRUE, sizeof (IcParameter));
  g_array_set_clear_func (result->parameters, parameter_clear);
  result->target_met = -1;
  result->trend = g_array_new (FALSE, TRUE, sizeof (IcTrendPoint));
  for (guint i = 0; definition && i < definition->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (definition->parameters, IcParameter, i);
      ic_result_use_parameter (result, p->name, p->value);
    }
  return result;
}

void
ic_result_free (IcResult *result)
{
  if (result == NULL)
    return;
  g_free (result->id);
  g_free (result->plugin_file);
  g_free (result->plugin_version);
  g_free (result->reason);
  g_array_unref (result->strata);
  g_ptr_array_unref (result->details);
  g_ptr_array_unref (result->warnings);
  g_ptr_array_unref (result->sources);
  g_array_unref (result->parameters);
  g_array_unref (result->trend);
  g_free (result->text_fr);
  g_free (result);
}

void
ic_result_add_warning (IcResult *result, const char *message)
{
  for (guint i = 0; i < result->warnings->len; i++)
    if (strcmp (result->warnings->pdata[i], message) == 0)
      return;
  g_ptr_array_add (result->warnings, g_strdup (message));
}

void
ic_result_set_not_available (IcResult *result, const char *reason)
{
  /* The first reason is the cause; an error outranks it. */
  if (result->status != IC_STATUS_OK)
    return;
  result->status = IC_STATUS_NOT_AVAILABLE;
  result->reason = g_strdup (reason);
}

void
ic_result_set_error (IcResult *result, const char *reason)
{
  result->status = IC_STATUS_ERROR;
  g_free (result->reason);
  result->reason = g_strdup (reason);
}

void
ic_result_add_stratum (IcResult *result, guint16 territory, gint64 numerator, gint64 denominator)
{
  IcStratum stratum = { territory, NULL, numerator, denominator, 0, FALSE };
  if (territory == 0 || denominator <= 0 || numerator < 0)
    return;
  for (guint i = 0; i < result->strata->len; i++)
    if (g_array_index (result->strata, IcStratum, i).territory == territory)
      {
        g_array_index (result->strata, IcStratum, i).numerator = numerator;
        g_array_index (result->strata, IcStratum, i).denominator = denominator;
        return;
      }
  g_array_append_val (result->strata, stratum);
}

void
ic_result_add_detail (IcResult *result, const char *key, IcDetailKind kind, gint64 a, gint64 b)
{
  IcDetail *detail;
  for (guint i = 0; i < result->details->len; i++)
    {
      detail = result->details->pdata[i];
      if (strcmp (detail->key, key) == 0)
        {
          detail->kind = kind, detail->a = a, detail->b = b;
          return;
        }
    }
  detail = g_new0 (IcDetail, 1);
  detail->key = g_strdup (key);
  detail->kind = kind, detail->a = a, detail->b = b;
  g_ptr_array_add (result->details, detail);
}

void
ic_result_add_table_source (IcResult *result, const char *table)
{
  IcSource *source = g_new0 (IcSource, 1);
  source->table = g_strdup (table);
  g_ptr_array_add (result->sources, source);
}

void
ic_result_add_population_source (IcResult *result, const char *population, const char *period,
                                 const char *origin, const char *source_text, gint64 value)
{
  IcSource *source = g_new0 (IcSource, 1);
  source->population = g_strdup (population);
  source->period = g_strdup (period);
  source->origin = g_strdup (origin);
  source->source = g_strdup (source_text);
  source->value = value;
  g_ptr_array_add (result->sources, source);
}

void
ic_result_set_parameter (IcResult *result, const char *name, gint64 value)
{
  for (guint i = 0; i < result->parameters->len; i++)
    if (strcmp (g_array_index (result->parameters, IcParameter, i).name, name) == 0)
      {
        g_array_index (result->parameters, IcParameter, i).value = value;
        return;
      }
  ic_result_use_parameter (result, name, value);
}

void
ic_result_use_parameter (IcResult *result, const char *name, gint64 value)
{
  IcParameter parameter = { g_strdup (name), value };
  for (guint i = 0; i < result->parameters->len; i++)
    if (strcmp (g_array_index (result->parameters, IcParameter, i).name, name) == 0)
      {
        g_free (parameter.name);
        return;
      }
  g_array_append_val (result->parameters, parameter);
}

static int
compare_strata (gconstpointer a, gconstpointer b)
{
  return strcmp (((const IcStratum *) a)->name, ((const IcStratum *) b)->name);
}

/* The sign of (100 × @num / @den) − (@tenths / 10), exactly: the rate in
 * tenths is q + r / den with q, r the quotient and remainder of
 * 1000 num / den, so no product can overflow and nothing is rounded.
 * @num >= 0 and @den > 0 (has_value guarantees both, and that 1000 num fits). */
static int
compare_rate (gint64 num, gint64 den, gint64 tenths)
{
  gint64 q = 1000 * num / den, r = 1000 * num % den;
  if (q != tenths)
    return q > tenths ? 1 : -1;
  return r > 0;
}

static int
decide_target (const IcResult *result)
{
  const IcDefinition *definition = result->definition;
  gint64 t = definition ? definition->target_tenths : 0;
  int c;

  if (!result->has_value || definition == NULL)
    return -1;
  /* A fixed target is decided on the exact rate, not on the rounded value:
   * 1999 IPs evaluated in time out of 2000 show as 100.0 but do not meet
   * « every evaluation within three months », and 80 / 401 = 19.95 % shows
   * as 20.0 but is not « at least 20 % ». */
  c = compare_rate (result->numerator, result->denominator, t);
  switch (definition->target)
    {
    case IC_TARGET_NONE: return -1;
    case IC_TARGET_GE: return c >= 0;
    case IC_TARGET_GT: return c > 0;
    case IC_TARGET_LE: return c <= 0;
    case IC_TARGET_LT: return c < 0;
    case IC_TARGET_PROGRESS:
      /* Against the previous bundle's value, which is all it records: the
       * published values, both rounded the same way, are compared. */
      if (!result->has_previous || !result->previous_has_value)
        return -1;
      return result->value_tenths > result->previous_tenths;
    }
  return -1;
}

void
ic_result_finish (IcResult *result,
                  const char *const *territory_names,
                  gboolean has_previous,
                  int previous_year,
                  gboolean previous_has_value,
                  gint64 previous_tenths)
{
  for (guint i = 0; i < result->strata->len; i++)
    {
      IcStratum *stratum = &g_array_index (result->strata, IcStratum, i);
      g_free (stratum->name);
      stratum->name = g_strdup (territory_names[stratum->territory]);
      ic_rate_tenths (stratum->numerator, stratum->denominator, &stratum->value_tenths);
    }
  g_array_sort (result->strata, compare_strata);

  if (result->status == IC_STATUS_OK && (!result->has_numerator || !result->has_denominator))
    ic_result_set_error (result, "the plugin returned without setting its numerator and denominator");
  if (result->status == IC_STATUS_OK && result->denominator <= 0)
    ic_result_set_not_available (result, "the denominator is 0");

  if (result->status != IC_STATUS_OK)
    g_array_set_size (result->strata, 0);
  result->has_value = result->status == IC_STATUS_OK
                      && ic_rate_tenths (result->numerator, result->denominator, &result->value_tenths);
  result->has_previous = has_previous;
  result->previous_year = previous_year;
  result->previous_has_value = previous_has_value;
  result->previous_tenths = previous_tenths;
  result->target_met = decide_target (result);
  g_clear_pointer (&result->text_fr, g_free);
  if (result->has_value && result->definition)
    result->text_fr = ic_definition_expand_text (result->definition, result->numerator, result->denominator,
                                                 result->value_tenths, result->period.label, result->period.year);
}

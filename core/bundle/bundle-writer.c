/* bundle-writer.c: a run's results as the JSON bundle of spec/bundle.md,
 * members in a fixed order, written atomically or to standard output. */
#include "bundle-writer.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "date.h"
#include "json-writer.h"
#include "rate.h"
#include "version.h"

char *
ic_bundle_timestamp (GError **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr (GDateTime) when = NULL;

  if (epoch != NULL && *epoch != '\0')
    {
      guint64 seconds;
      if (!g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64 / 2, &seconds, NULL)
          || (when = g_date_time_new_from_unix_utc ((gint64) seconds)) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("SOURCE_DATE_EPOCH is not a number of seconds"));
          return NULL;
        }
    }
  else
    when = g_date_time_new_now_utc ();
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_string_or_null (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_tenths (JsonBuilder *b, const char *name, gboolean has_value, gint64 tenths)
{
  json_builder_set_member_name (b, name);
  if (has_value)
    json_builder_add_double_value (b, ic_tenths_to_double (tenths));
  else
    json_builder_add_null_value (b);
}

/* A figure in tenths: a rate's value with its decimal, a count's whole. */
static void
add_figure (JsonBuilder *b, const char *name, const IcResult *r, gboolean has_value, gint64 tenths)
{
  if (r->kind == IC_KIND_COUNT && has_value)
    add_int (b, name, tenths / 10);
  else
    add_tenths (b, name, has_value, tenths);
}

static void
add_count_or_null (JsonBuilder *b, const char *name, gboolean has_value, gint64 value)
{
  json_builder_set_member_name (b, name);
  has_value ? json_builder_add_int_value (b, value) : json_builder_add_null_value (b);
}

static void
add_period (JsonBuilder *b, const IcPeriod *period)
{
  char first[11], last[11];
  ic_date_format (period->first, first);
  ic_date_format (period->last, last);
  json_builder_set_member_name (b, "period");
  json_builder_begin_object (b);
  add_string_or_null (b, "start", first);
  add_string_or_null (b, "end", last);
  add_string_or_null (b, "label", period->label);
  json_builder_end_object (b);
}

/* The target in force: its origin, and what it is decided on. A count's
 * threshold is a whole number. */
static void
add_target (JsonBuilder *b, const IcResult *r)
{
  const IcTarget *t = &r->target;
  json_builder_set_member_name (b, "target");
  if (t->op == IC_TARGET_NONE)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_string_or_null (b, "operator", ic_target_operator_to_string (t->op));
  if (t->op != IC_TARGET_PROGRESS)
    {
      json_builder_set_member_name (b, "value");
      if (t->tenths % 10 == 0)
        json_builder_add_int_value (b, t->tenths / 10);
      else
        json_builder_add_double_value (b, ic_tenths_to_double (t->tenths));
    }
  add_string_or_null (b, "on", t->on == IC_TARGET_ON_COUNT ? "count" : "value");
  add_string_or_null (b, "origin", ic_target_origin_to_string (t->origin));
  json_builder_end_object (b);
}

/* Where the framework places the indicator, with the figures its form
 * asks for (the solen rendering's words), or null: reported for the ODPE
 * only. */
static void
add_solen (JsonBuilder *b, const IcResult *r)
{
  const IcFrameworkPlace *place = r->place;
  const IcFrameworkObjective *objective;

  json_builder_set_member_name (b, "solen");
  if (place == NULL || place->objective == 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  objective = ic_framework_objective (r->framework, place->objective);
  json_builder_begin_object (b);
  add_string_or_null (b, "framework", r->framework->id);
  if (objective->engagement > 0)
    add_int (b, "engagement", objective->engagement);
  add_int (b, "objective", objective->number);
  if (objective->measure != NULL)
    add_string_or_null (b, "measure", objective->measure);
  add_string_or_null (b, "label", objective->label);
  add_int (b, "rank", place->rank);
  add_string_or_null (b, "fiche", r->fiche);
  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; i < place->fields->len; i++)
    {
      const IcFrameworkField *field = place->fields->pdata[i];
      json_builder_begin_object (b);
      add_string_or_null (b, "figure", field->figure);
      add_string_or_null (b, "label", field->label);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_sources (JsonBuilder *b, const IcResult *r)
{
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->sources->len; i++)
    {
      const IcSource *s = r->sources->pdata[i];
      json_builder_begin_object (b);
      if (s->table)
        add_string_or_null (b, "table", s->table);
      else
        {
          add_string_or_null (b, "population", s->population);
          add_string_or_null (b, "period", s->period);
          add_string_or_null (b, "origin", s->origin);
          add_string_or_null (b, "source", s->source);
          add_int (b, "value", s->value);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_details (JsonBuilder *b, const IcResult *r)
{
  json_builder_set_member_name (b, "details");
  json_builder_begin_object (b);
  for (guint i = 0; i < r->details->len; i++)
    {
      const IcDetail *d = r->details->pdata[i];
      gint64 tenths = 0;
      gboolean defined;
      if (d->kind == IC_DETAIL_INT)
        {
          add_int (b, d->key, d->a);
          continue;
        }
      defined = ic_fraction_tenths (d->a, d->b, &tenths);
      add_tenths (b, d->key, defined, tenths);
    }
  json_builder_end_object (b);
}

/* ci95, change and trend: what the figure means beside earlier years'. */
static void
add_trend (JsonBuilder *b, const IcResult *r)
{
  json_builder_set_member_name (b, "ci95");
  if (r->has_ci95)
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, ic_tenths_to_double (r->ci95_low_tenths));
      json_builder_add_double_value (b, ic_tenths_to_double (r->ci95_high_tenths));
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "change");
  if (r->has_change)
    {
      json_builder_begin_object (b);
      add_figure (b, "points", r, TRUE, r->change_tenths);
      json_builder_set_member_name (b, "p_value");
      /* Four decimals: more would only be noise. */
      r->has_test ? json_builder_add_double_value (b, floor (r->p_value * 10000.0 + 0.5) / 10000.0)
                  : json_builder_add_null_value (b);
      json_builder_set_member_name (b, "significant");
      r->has_test ? json_builder_add_boolean_value (b, r->significant) : json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "trend");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->trend->len; i++)
    {
      const IcTrendPoint *point = &g_array_index (r->trend, IcTrendPoint, i);
      json_builder_begin_object (b);
      add_int (b, "year", point->year);
      add_figure (b, "value", r, point->has_value, point->value_tenths);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* A stratum's counts and value, none when suppressed: a rate's numerator,
 * denominator and value, a count's value alone. */
static void
add_stratum_figures (JsonBuilder *b, const IcResult *r, gint64 numerator, gint64 denominator, gint64 tenths,
                     gboolean suppressed)
{
  if (r->kind == IC_KIND_RATE)
    {
      add_count_or_null (b, "numerator", !suppressed, numerator);
      add_count_or_null (b, "denominator", !suppressed, denominator);
    }
  add_figure (b, "value", r, !suppressed, tenths);
  json_builder_set_member_name (b, "suppressed");
  json_builder_add_boolean_value (b, suppressed);
}

/* Every breakdown of the definition, [] when none; strata by code. */
static void
add_breakdowns (JsonBuilder *b, const IcResult *r)
{
  json_builder_set_member_name (b, "breakdowns");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->breakdowns->len; i++)
    {
      const IcBreakdown *breakdown = r->breakdowns->pdata[i];
      json_builder_begin_object (b);
      add_string_or_null (b, "column", breakdown->spec->column);
      add_string_or_null (b, "label", breakdown->spec->label);
      json_builder_set_member_name (b, "strata");
      json_builder_begin_array (b);
      for (guint k = 0; k < breakdown->strata->len; k++)
        {
          const IcBreakdownStratum *s = &g_array_index (breakdown->strata, IcBreakdownStratum, k);
          json_builder_begin_object (b);
          add_string_or_null (b, "code", s->name);
          add_stratum_figures (b, r, s->numerator, s->denominator, s->value_tenths, s->suppressed);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_indicator (JsonBuilder *b, const IcResult *r)
{
  const IcDefinition *d = r->definition;

  json_builder_begin_object (b);
  add_string_or_null (b, "id", r->id);
  add_string_or_null (b, "title", d->title);
  add_string_or_null (b, "status", ic_status_to_string (r->status));
  add_string_or_null (b, "kind", ic_indicator_kind_to_string (r->kind));
  add_period (b, &r->period);
  /* A count is its value alone. */
  add_count_or_null (b, "numerator", r->kind == IC_KIND_RATE && r->has_numerator, r->numerator);
  add_count_or_null (b, "denominator", r->kind == IC_KIND_RATE && r->has_denominator, r->denominator);
  add_figure (b, "value", r, r->has_value, r->value_tenths);
  add_string_or_null (b, "unit", d->unit);
  add_target (b, r);
  json_builder_set_member_name (b, "target_met");
  r->target_met < 0 ? json_builder_add_null_value (b) : json_builder_add_boolean_value (b, r->target_met);

  json_builder_set_member_name (b, "previous");
  if (r->has_previous)
    {
      json_builder_begin_object (b);
      add_int (b, "year", r->previous_year);
      add_figure (b, "value", r, r->previous_has_value, r->previous_tenths);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  add_trend (b, r);

  add_solen (b, r);

  add_string_or_null (b, "text_fr", r->text_fr);

  json_builder_set_member_name (b, "definition");
  json_builder_begin_object (b);
  add_string_or_null (b, "version", d->version);
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  for (guint i = 0; i < r->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (r->parameters, IcParameter, i);
      if (p->text != NULL)
        add_string_or_null (b, p->name, p->text);
      else
        add_int (b, p->name, p->value);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "plugin");
  json_builder_begin_object (b);
  add_string_or_null (b, "file", r->plugin_file);
  add_string_or_null (b, "version", r->plugin_version);
  json_builder_end_object (b);

  add_sources (b, r);

  json_builder_set_member_name (b, "strata");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->strata->len; i++)
    {
      const IcStratum *s = &g_array_index (r->strata, IcStratum, i);
      json_builder_begin_object (b);
      add_string_or_null (b, "territory", s->name);
      add_stratum_figures (b, r, s->numerator, s->denominator, s->value_tenths, s->suppressed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_breakdowns (b, r);

  add_details (b, r);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->warnings->len; i++)
    json_builder_add_string_value (b, r->warnings->pdata[i]);
  json_builder_end_array (b);

  add_string_or_null (b, "reason", r->reason);
  json_builder_end_object (b);
}

/* Codes of open sets beyond the spec's: kept, and said; values that are
 * not codes (free text) or beyond the list's length only counted, under
 * other_values_not_listed, present only when some are. */
static void
add_other_codes (JsonBuilder *b, IcTable *table)
{
  g_autoptr (GArray) unlisted = g_array_sized_new (FALSE, TRUE, sizeof (guint), table->spec->n_columns);
  gboolean any_unlisted = FALSE;

  g_array_set_size (unlisted, table->spec->n_columns);
  json_builder_set_member_name (b, "other_codes");
  json_builder_begin_object (b);
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      g_auto (GStrv) codes = ic_table_other_codes (table, table->spec->columns[c].name,
                                                   &g_array_index (unlisted, guint, c));
      any_unlisted |= g_array_index (unlisted, guint, c) > 0;
      if (codes[0] == NULL)
        continue;
      json_builder_set_member_name (b, table->spec->columns[c].name);
      json_builder_begin_array (b);
      for (guint k = 0; codes[k]; k++)
        json_builder_add_string_value (b, codes[k]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  if (!any_unlisted)
    return;
  json_builder_set_member_name (b, "other_values_not_listed");
  json_builder_begin_object (b);
  for (guint c = 0; c < table->spec->n_columns; c++)
    if (g_array_index (unlisted, guint, c) > 0)
      add_int (b, table->spec->columns[c].name, g_array_index (unlisted, guint, c));
  json_builder_end_object (b);
}

static gint
compare_table_names (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(IcTable *const *) a)->spec->name, (*(IcTable *const *) b)->spec->name);
}

static void
add_inputs (JsonBuilder *b, IcDataset *dataset)
{
  /* Sorted by table name, like everything else in the bundle. */
  g_autoptr (GPtrArray) order = g_ptr_array_new ();

  for (guint id = 0; id < dataset->tables->len; id++)
    if (ic_dataset_nth (dataset, id) != NULL)
      g_ptr_array_add (order, ic_dataset_nth (dataset, id));
  g_ptr_array_sort (order, compare_table_names);
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < order->len; i++)
    {
      IcTable *table = order->pdata[i];
      json_builder_begin_object (b);
      add_string_or_null (b, "table", table->spec->name);
      add_string_or_null (b, "file", table->spec->file);
      add_string_or_null (b, "sha256", table->sha256);
      add_int (b, "rows", (gint64) table->rows_read);
      add_int (b, "rejected", (gint64) table->rejected);
      json_builder_set_member_name (b, "rejected_reasons");
      json_builder_begin_array (b);
      for (guint k = 0; k < table->rejected_reasons->len; k++)
        json_builder_add_string_value (b, table->rejected_reasons->pdata[k]);
      json_builder_end_array (b);
      add_other_codes (b, table);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
ic_bundle_build (IcRun *run, const char *generated_at)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  /* 1.1: kind, breakdowns, counts and string parameters (ABI 1.2). */
  add_string_or_null (b, "bundle_version", "1.1");
  json_builder_set_member_name (b, "generator");
  json_builder_begin_object (b);
  add_string_or_null (b, "name", "indicore");
  add_string_or_null (b, "version", IC_VERSION);
  json_builder_end_object (b);
  add_string_or_null (b, "generated_at", generated_at);
  json_builder_set_member_name (b, "department");
  json_builder_begin_object (b);
  add_string_or_null (b, "code", run->options.department_code);
  add_string_or_null (b, "name", run->options.department_name);
  json_builder_end_object (b);
  add_int (b, "year", run->options.year);
  json_builder_set_member_name (b, "framework");
  if (run->framework != NULL)
    {
      json_builder_begin_object (b);
      add_string_or_null (b, "id", run->framework->id);
      add_string_or_null (b, "title", run->framework->title);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "options");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lenient");
  json_builder_add_boolean_value (b, run->options.lenient);
  json_builder_set_member_name (b, "suppression");
  json_builder_add_boolean_value (b, !run->options.no_suppression);
  add_int (b, "small_count", run->options.small_count);
  json_builder_end_object (b);
  /* What confined the plugins: it depends on the kernel, and on --no-isolation. */
  json_builder_set_member_name (b, "isolation");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "process");
  json_builder_add_boolean_value (b, run->isolation.process);
  json_builder_set_member_name (b, "seccomp");
  json_builder_add_boolean_value (b, run->isolation.seccomp);
  add_int (b, "landlock", run->isolation.landlock);
  json_builder_set_member_name (b, "rlimits");
  json_builder_add_boolean_value (b, run->isolation.rlimits);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; i < run->results->len; i++)
    add_indicator (b, run->results->pdata[i]);
  json_builder_end_array (b);

  add_inputs (b, run->dataset);

  json_builder_set_member_name (b, "plugins_refused");
  json_builder_begin_array (b);
  for (guint i = 0; i < run->plugins->refused->len; i++)
    {
      const IcRefusal *refusal = run->plugins->refused->pdata[i];
      json_builder_begin_object (b);
      add_string_or_null (b, "file", refusal->path);
      add_string_or_null (b, "reason", refusal->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
ic_bundle_write (JsonNode *bundle, const char *path, GError **error)
{
  gsize length;
  g_autofree char *text = NULL;

  if (path != NULL && g_strcmp0 (path, "-") != 0)
    return ic_json_write_file_atomic (bundle, path, error);
  text = ic_json_write (bundle, &length);
  if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("standard output: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

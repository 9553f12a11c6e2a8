/* bundle-reader.c: the one reader of bundles, for `render`, `run
 * --previous` and the history of `run --config`: a bundle's JSON checked
 * member by member into an IcBundleView. */
#include "bundle-reader.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bundle-view-private.h"
#include "json-members.h"

G_DEFINE_QUARK (ic-bundle-error-quark, ic_bundle_error)

/* ---- reading an indicator --------------------------------------------- */

/* A p-value: a number from 0 to 1 with at most four decimals, as
 * ten-thousandths (0.3678 -> 3678); null gives FALSE in @has. */
static gboolean
read_p_value (IcJsonMembers *r, JsonObject *object, const char *parent, const char *member, gboolean *has,
              gint64 *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = ic_members_path (parent, member);
  double value;

  *has = FALSE;
  *out = 0;
  if (ic_members_is_null (node))
    return node != NULL || ic_members_invalid (r, path, "%s", _("missing"));
  if (ic_members_holds (node, G_TYPE_INT64))
    value = (double) json_node_get_int (node);
  else if (ic_members_holds (node, G_TYPE_DOUBLE))
    value = json_node_get_double (node);
  else
    return ic_members_invalid (r, path, _("expected a number or null"));
  if (!(value >= 0.0 && value <= 1.0))
    return ic_members_invalid (r, path, _("a p-value is from 0 to 1"));
  return ic_members_decimal (r, node, path, 4, IC_MEMBER_REQUIRED, has, out);
}

static gboolean
read_target (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  JsonObject *target;
  JsonNode *met;
  g_autofree char *target_path = ic_members_path (path, "target");
  g_autofree char *met_path = ic_members_path (path, "target_met");
  g_autofree char *operator = NULL;

  if (!ic_members_object (r, object, path, "target", IC_MEMBER_NULLABLE, &target))
    return FALSE;
  if (target != NULL)
    {
      if (!ic_members_string (r, target, target_path, "operator", IC_MEMBER_REQUIRED, &operator)
          || !ic_bundle_read_target_kind (r, target, target_path, indicator))
        return FALSE;
      if (strcmp (operator, "progress") == 0)
        indicator->target = IC_BUNDLE_TARGET_PROGRESS;
      else if (strcmp (operator, ">=") == 0 || strcmp (operator, "<=") == 0
               || strcmp (operator, ">") == 0 || strcmp (operator, "<") == 0)
        {
          indicator->target = IC_BUNDLE_TARGET_THRESHOLD;
          indicator->target_operator = g_steal_pointer (&operator);
          if (!ic_members_tenths (r, target, target_path, "value", IC_MEMBER_REQUIRED, NULL, &indicator->target_tenths))
            return FALSE;
        }
      else
        {
          g_autofree char *operator_path = ic_members_path (target_path, "operator");
          return ic_members_invalid (r, operator_path, _("unknown operator"));
        }
    }

  met = json_object_get_member (object, "target_met");
  if (ic_members_holds (met, G_TYPE_BOOLEAN))
    indicator->target_met = json_node_get_boolean (met) ? 1 : 0;
  else if (ic_members_is_null (met))
    indicator->target_met = -1;
  else
    return ic_members_invalid (r, met_path, _("expected true, false or null"));
  return TRUE;
}

/* `sources`: each a table, or a population with its count and origin. */
static gboolean
read_sources (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  JsonArray *sources;

  if (!ic_members_array (r, object, path, "sources", IC_MEMBER_OPTIONAL, &sources))
    return FALSE;
  for (guint i = 0; sources && i < json_array_get_length (sources); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.sources[%u]", path, i);
      JsonObject *o = ic_members_element_object (r, sources, i, item);
      IcBundleSource *source;

      if (o == NULL)
        return FALSE;
      source = g_new0 (IcBundleSource, 1);
      g_ptr_array_add (indicator->sources, source);
      if (json_object_has_member (o, "table"))
        {
          if (!ic_members_string (r, o, item, "table", IC_MEMBER_REQUIRED, &source->table))
            return FALSE;
          continue;
        }
      if (!ic_members_string (r, o, item, "population", IC_MEMBER_REQUIRED, &source->population)
          || !ic_members_string (r, o, item, "period", IC_MEMBER_OPTIONAL, &source->period)
          || !ic_members_string (r, o, item, "origin", IC_MEMBER_OPTIONAL, &source->origin)
          || !ic_members_string (r, o, item, "source", IC_MEMBER_NULLABLE, &source->source)
          || !ic_members_count (r, o, item, "value", IC_MEMBER_OPTIONAL, &source->has_value, &source->value))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_warnings (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  JsonArray *warnings;

  if (!ic_members_array (r, object, path, "warnings", IC_MEMBER_OPTIONAL, &warnings))
    return FALSE;
  for (guint i = 0; warnings && i < json_array_get_length (warnings); i++)
    {
      JsonNode *node = json_array_get_element (warnings, i);
      if (!ic_members_holds (node, G_TYPE_STRING))
        {
          g_autofree char *item = g_strdup_printf ("%s.warnings[%u]", path, i);
          return ic_members_invalid (r, item, _("expected a string"));
        }
      g_ptr_array_add (indicator->warnings, g_strdup (json_node_get_string (node)));
    }
  return TRUE;
}

/* A figure of @indicator's (nullable): a count's whole, a rate's with at
 * most one decimal; as tenths. */
static gboolean
read_figure (IcJsonMembers *r, JsonObject *object, const char *path, const IcBundleIndicator *indicator,
             gboolean *has, gint64 *tenths)
{
  if (indicator->kind == IC_BUNDLE_KIND_COUNT)
    return ic_bundle_read_count_value (r, object, path, "value", has, tenths);
  return ic_members_tenths (r, object, path, "value", IC_MEMBER_NULLABLE, has, tenths);
}

/* The label of the period of @earlier_year, when only its year is known:
 * the year itself, or the school year ending in it when this bundle's period
 * is the school year ending in its year ("2023-2024" in 2024: "2022-2023"
 * in 2023). */
static char *
previous_label (const char *label, int year, int earlier_year)
{
  g_autofree char *school_year = g_strdup_printf ("%d-%d", year - 1, year);

  if (g_strcmp0 (label, school_year) == 0)
    return g_strdup_printf ("%d-%d", earlier_year - 1, earlier_year);
  return g_strdup_printf ("%d", earlier_year);
}

/* The bundle's own `previous` member ({ year, value } or null) as the first
 * point of the series. */
static gboolean
read_previous_member (IcJsonMembers *r, JsonObject *object, const char *path, int year, IcBundleIndicator *indicator)
{
  JsonObject *previous;
  g_autofree char *previous_path = ic_members_path (path, "previous");
  IcBundlePoint *point;
  gint64 previous_year;

  if (!ic_members_object (r, object, path, "previous", IC_MEMBER_NULLABLE, &previous))
    return FALSE;
  if (previous == NULL)
    return TRUE;
  if (!ic_members_integer (r, previous, previous_path, "year", IC_MEMBER_REQUIRED, NULL, &previous_year))
    return FALSE;
  if (previous_year >= year || previous_year < 1)
    return ic_members_invalid (r, previous_path, _("its year is not before the bundle's"));
  point = g_new0 (IcBundlePoint, 1);
  point->year = (int) previous_year;
  point->label = previous_label (indicator->period_label, year, point->year);
  g_ptr_array_add (indicator->series, point);
  indicator->previous_year = point->year;
  return read_figure (r, previous, previous_path, indicator, &point->has_value, &point->value_tenths);
}

/* The bundle's own series (`trend`: the earlier bundles given to `run`, by
 * year, then this year): its earlier years join the series; a year the
 * `previous` member gives must have the same value there, and this year's
 * the bundle's value. Absent from bundles written before it. */
static gboolean
read_trend (IcJsonMembers *r, JsonObject *object, const char *path, int year, IcBundleIndicator *indicator)
{
  JsonArray *trend;
  gint64 last_year = 0;

  if (!ic_members_array (r, object, path, "trend", IC_MEMBER_OPTIONAL, &trend))
    return FALSE;
  for (guint i = 0; trend && i < json_array_get_length (trend); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.trend[%u]", path, i);
      JsonObject *t = ic_members_element_object (r, trend, i, item);
      IcBundlePoint *known, *point;
      gboolean has_value;
      gint64 point_year, value_tenths;

      if (t == NULL || !ic_members_integer (r, t, item, "year", IC_MEMBER_REQUIRED, NULL, &point_year)
          || !read_figure (r, t, item, indicator, &has_value, &value_tenths))
        return FALSE;
      if (point_year < 1 || point_year > year)
        return ic_members_invalid (r, item, _("its year is not the bundle's nor before it"));
      if (point_year <= last_year)
        return ic_members_invalid (r, item, _("the years are not in increasing order"));
      last_year = point_year;
      if (point_year == year)
        {
          if (has_value != indicator->has_value || (has_value && value_tenths != indicator->value_tenths))
            {
              g_autofree char *gives = ic_bundle_tenths_or_null (has_value, value_tenths);
              g_autofree char *value = ic_bundle_tenths_or_null (indicator->has_value, indicator->value_tenths);
              return ic_members_invalid (r, item, _("gives %s for %d, where the bundle's value is %s"), gives, year,
                                         value);
            }
          continue;
        }
      known = ic_bundle_indicator_point (indicator, (int) point_year);
      if (known != NULL)
        {
          /* the `previous` member's year */
          if (has_value != known->has_value || (has_value && value_tenths != known->value_tenths))
            {
              g_autofree char *gives = ic_bundle_tenths_or_null (has_value, value_tenths);
              g_autofree char *said = ic_bundle_tenths_or_null (known->has_value, known->value_tenths);
              return ic_members_invalid (r, item, _("gives %s for %d, where the bundle's previous value is %s"), gives,
                              (int) point_year, said);
            }
          continue;
        }
      point = g_new0 (IcBundlePoint, 1);
      point->year = (int) point_year;
      point->label = previous_label (indicator->period_label, year, point->year);
      point->has_value = has_value;
      point->value_tenths = value_tenths;
      ic_bundle_indicator_insert_point (indicator, point);
    }
  return TRUE;
}

/* The 95 % interval, [low, high] in %: within 0 to 100, and holding the
 * value (the Wilson interval holds the proportion, and rounding both keeps
 * it so). Absent or null: none. */
static gboolean
read_ci95 (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  JsonNode *node = json_object_get_member (object, "ci95");
  g_autofree char *ci_path = ic_members_path (path, "ci95");
  JsonArray *bounds;
  gint64 tenths[2];

  if (ic_members_is_null (node))
    return TRUE;
  if (indicator->kind == IC_BUNDLE_KIND_COUNT)
    return ic_members_invalid (r, ci_path, _("a count has no interval"));
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (bounds = json_node_get_array (node)) != 2)
    return ic_members_invalid (r, ci_path, _("expected [low, high] or null"));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", ci_path, i);
      if (!ic_members_decimal (r, json_array_get_element (bounds, i), item, 1, IC_MEMBER_REQUIRED, NULL, &tenths[i]))
        return FALSE;
    }
  if (tenths[0] < 0 || tenths[1] > 1000 || tenths[0] > tenths[1])
    return ic_members_invalid (r, ci_path, _("not an interval from 0 to 100"));
  if (!indicator->has_value)
    return ic_members_invalid (r, ci_path, _("an interval without a value"));
  if (indicator->value_tenths < tenths[0] || indicator->value_tenths > tenths[1])
    return ic_members_invalid (r, ci_path, _("the interval does not hold the value"));
  indicator->has_ci95 = TRUE;
  indicator->ci95_low_tenths = tenths[0];
  indicator->ci95_high_tenths = tenths[1];
  return TRUE;
}

/* The change from the `previous` member: { points, p_value, significant }.
 * Absent or null: none (the renderings then compute the difference). */
static gboolean
read_change (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  JsonObject *change;
  JsonNode *significant;
  g_autofree char *change_path = ic_members_path (path, "change");
  g_autofree char *significant_path = NULL;
  const IcBundlePoint *before;

  if (json_object_get_member (object, "change") == NULL)
    return TRUE;
  if (!ic_members_object (r, object, path, "change", IC_MEMBER_NULLABLE, &change))
    return FALSE;
  if (change == NULL)
    return TRUE;
  if (!ic_members_tenths (r, change, change_path, "points", IC_MEMBER_REQUIRED, NULL, &indicator->change_tenths)
      || !read_p_value (r, change, change_path, "p_value", &indicator->has_p_value, &indicator->p_value))
    return FALSE;
  significant_path = ic_members_path (change_path, "significant");
  significant = json_object_get_member (change, "significant");
  if (ic_members_holds (significant, G_TYPE_BOOLEAN))
    indicator->significant = json_node_get_boolean (significant);
  else if (significant == NULL || !ic_members_is_null (significant))
    return ic_members_invalid (r, significant_path, significant == NULL ? _("missing") : _("expected true, false or null"));
  if (ic_members_is_null (significant) != !indicator->has_p_value)
    return ic_members_invalid (r, change_path, _("a p-value without its decision, or the reverse"));
  if (indicator->has_p_value && indicator->kind == IC_BUNDLE_KIND_COUNT)
    return ic_members_invalid (r, change_path, _("a count's change is not tested"));
  /* p < 0.05 on the unrounded p: a rounded 0.0500 may be significant */
  if (indicator->has_p_value && (indicator->significant ? indicator->p_value > 500 : indicator->p_value < 500))
    return ic_members_invalid (r, significant_path, _("is not p < 0.05"));

  before = indicator->previous_year ? ic_bundle_indicator_point (indicator, indicator->previous_year) : NULL;
  if (!indicator->has_value || before == NULL || !before->has_value)
    return ic_members_invalid (r, change_path, _("a change without a value and a previous value"));
  if (indicator->change_tenths != indicator->value_tenths - before->value_tenths)
    return ic_members_invalid (r, change_path, _("points is not the value minus the previous value"));
  indicator->has_change = TRUE;
  return TRUE;
}

/* An indicator of a bundle of year @year; @kinds for a bundle of version
 * "1.1" (its kind and breakdowns). */
static IcBundleIndicator *
read_indicator (IcJsonMembers *r, JsonObject *object, const char *path, int year, gboolean kinds)
{
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (ic_bundle_indicator_free);
  IcBundleIndicator *indicator = g_new0 (IcBundleIndicator, 1);
  g_autofree char *status = NULL;
  g_autofree char *period_path = ic_members_path (path, "period");
  g_autofree char *definition_path = ic_members_path (path, "definition");
  JsonObject *period, *definition;
  IcBundlePoint *current;

  g_ptr_array_add (keep, indicator); /* freed on any failure below */
  indicator->warnings = g_ptr_array_new_with_free_func (g_free);
  indicator->strata = g_ptr_array_new_with_free_func (ic_bundle_stratum_free);
  indicator->breakdowns = g_ptr_array_new_with_free_func (ic_bundle_breakdown_free);
  indicator->series = g_ptr_array_new_with_free_func (ic_bundle_point_free);
  indicator->sources = g_ptr_array_new_with_free_func (ic_bundle_source_free);
  indicator->target_met = -1;

  if (!ic_members_string (r, object, path, "id", IC_MEMBER_REQUIRED, &indicator->id)
      || !ic_members_string (r, object, path, "title", IC_MEMBER_REQUIRED, &indicator->title)
      || !ic_members_string (r, object, path, "status", IC_MEMBER_REQUIRED, &status))
    return NULL;
  if (strcmp (status, "ok") == 0)
    indicator->status = IC_BUNDLE_STATUS_OK;
  else if (strcmp (status, "not_available") == 0)
    indicator->status = IC_BUNDLE_STATUS_NOT_AVAILABLE;
  else if (strcmp (status, "error") == 0)
    indicator->status = IC_BUNDLE_STATUS_ERROR;
  else
    {
      g_autofree char *status_path = ic_members_path (path, "status");
      ic_members_invalid (r, status_path, _("unknown status"));
      return NULL;
    }
  if (kinds && !ic_bundle_read_kind (r, object, path, indicator))
    return NULL;

  if (!ic_members_object (r, object, path, "period", IC_MEMBER_REQUIRED, &period)
      || !ic_members_string (r, period, period_path, "start", IC_MEMBER_REQUIRED, &indicator->period_start)
      || !ic_members_string (r, period, period_path, "end", IC_MEMBER_REQUIRED, &indicator->period_end)
      || !ic_members_string (r, period, period_path, "label", IC_MEMBER_REQUIRED, &indicator->period_label)
      || !ic_members_count (r, object, path, "numerator", IC_MEMBER_NULLABLE, &indicator->has_numerator,
                            &indicator->numerator)
      || !ic_members_count (r, object, path, "denominator", IC_MEMBER_NULLABLE, &indicator->has_denominator,
                            &indicator->denominator)
      || !read_figure (r, object, path, indicator, &indicator->has_value, &indicator->value_tenths)
      || !ic_members_string (r, object, path, "unit", IC_MEMBER_REQUIRED, &indicator->unit)
      || !read_target (r, object, path, indicator)
      || !ic_members_string (r, object, path, "text_fr", IC_MEMBER_NULLABLE, &indicator->text_fr)
      || !ic_members_string (r, object, path, "reason", IC_MEMBER_NULLABLE, &indicator->reason)
      || !ic_bundle_read_strata (r, object, path, indicator)
      || (kinds && !ic_bundle_read_breakdowns (r, object, path, indicator))
      || !read_warnings (r, object, path, indicator)
      || !read_sources (r, object, path, indicator)
      || !read_previous_member (r, object, path, year, indicator)
      || !read_trend (r, object, path, year, indicator)
      || !read_ci95 (r, object, path, indicator)
      || !read_change (r, object, path, indicator))
    return NULL;
  /* Only an ok indicator has a figure (spec/bundle.md). */
  if (indicator->status != IC_BUNDLE_STATUS_OK && indicator->has_value)
    {
      g_autofree char *value_path = ic_members_path (path, "value");
      ic_members_invalid (r, value_path, _("a value while the status is not ok"));
      return NULL;
    }

  if (!ic_bundle_read_solen (r, object, path, indicator) || !ic_bundle_read_details (r, object, path, indicator))
    return NULL;
  if (!ic_members_object (r, object, path, "definition", IC_MEMBER_NULLABLE, &definition))
    return NULL;
  if (definition != NULL && json_object_has_member (definition, "version")
      && !ic_members_string (r, definition, definition_path, "version", IC_MEMBER_NULLABLE,
                             &indicator->definition_version))
    return NULL;

  /* This bundle's own point closes the series. */
  current = g_new0 (IcBundlePoint, 1);
  current->year = year;
  current->label = g_strdup (indicator->period_label);
  current->has_value = indicator->has_value;
  current->value_tenths = indicator->value_tenths;
  current->definition_version = g_strdup (indicator->definition_version);
  current->has_counts = indicator->has_numerator && indicator->has_denominator;
  current->numerator = indicator->numerator;
  current->denominator = indicator->denominator;
  current->details = ic_bundle_details_copy (indicator->details);
  g_ptr_array_add (indicator->series, current);

  return g_ptr_array_steal_index (keep, 0);
}

/* ---- reading the bundle ----------------------------------------------- */

static gboolean
read_inputs (IcJsonMembers *r, JsonObject *root, IcBundleView *bundle)
{
  JsonArray *inputs, *refused;

  if (!ic_members_array (r, root, "", "inputs", IC_MEMBER_OPTIONAL, &inputs))
    return FALSE;
  for (guint i = 0; inputs && i < json_array_get_length (inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("inputs[%u]", i);
      JsonObject *object = ic_members_element_object (r, inputs, i, path);
      IcBundleInput *input;

      if (object == NULL)
        return FALSE;
      input = g_new0 (IcBundleInput, 1);
      g_ptr_array_add (bundle->inputs, input);
      if (!ic_members_string (r, object, path, "table", IC_MEMBER_REQUIRED, &input->table)
          || !ic_members_string (r, object, path, "file", IC_MEMBER_REQUIRED, &input->file)
          || !ic_members_string (r, object, path, "sha256", IC_MEMBER_REQUIRED, &input->sha256)
          || !ic_members_count (r, object, path, "rows", IC_MEMBER_REQUIRED, NULL, &input->rows)
          || !ic_members_count (r, object, path, "rejected", IC_MEMBER_REQUIRED, NULL, &input->rejected))
        return FALSE;
    }

  if (!ic_members_array (r, root, "", "plugins_refused", IC_MEMBER_OPTIONAL, &refused))
    return FALSE;
  for (guint i = 0; refused && i < json_array_get_length (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("plugins_refused[%u]", i);
      JsonObject *object = ic_members_element_object (r, refused, i, path);
      IcBundleRefusal *refusal;

      if (object == NULL)
        return FALSE;
      refusal = g_new0 (IcBundleRefusal, 1);
      g_ptr_array_add (bundle->refused, refusal);
      if (!ic_members_string (r, object, path, "file", IC_MEMBER_REQUIRED, &refusal->file)
          || !ic_members_string (r, object, path, "reason", IC_MEMBER_REQUIRED, &refusal->reason))
        return FALSE;
    }
  return TRUE;
}

/* SOLEN order: engagement, objective, rank, then the bundle's order (ids); the
 * indicators without a SOLEN place last. */
static int
compare_solen (gconstpointer a, gconstpointer b)
{
  const IcBundleIndicator *x = *(IcBundleIndicator *const *) a;
  const IcBundleIndicator *y = *(IcBundleIndicator *const *) b;

  if (x->has_solen != y->has_solen)
    return x->has_solen ? -1 : 1;
  if (x->has_solen && x->solen_engagement != y->solen_engagement)
    return x->solen_engagement < y->solen_engagement ? -1 : 1;
  if (x->has_solen && x->solen_objective != y->solen_objective)
    return x->solen_objective < y->solen_objective ? -1 : 1;
  if (x->has_solen && x->solen_rank != y->solen_rank)
    return x->solen_rank < y->solen_rank ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

IcBundleView *
ic_bundle_read_from_data (const char *name, const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (IcBundleView) bundle = ic_bundle_view_new (name);
  IcJsonMembers r = { name, _("not an indicore bundle"), IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID, error };
  JsonObject *root, *generator, *department, *options;
  JsonArray *indicators;
  JsonNode *root_node, *version;
  gboolean kinds;
  gint64 year;

  if (!ic_json_parse (parser, name, data, length, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_READ, error))
    return NULL;
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      ic_members_invalid (&r, "", _("not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  version = json_object_get_member (root, "bundle_version");
  if (version == NULL || !ic_members_holds (version, G_TYPE_STRING))
    {
      ic_members_invalid (&r, "bundle_version", "%s", _("missing"));
      return NULL;
    }
  /* "1.1" adds each indicator's kind and breakdowns */
  kinds = strcmp (json_node_get_string (version), "1.1") == 0;
  if (!kinds && strcmp (json_node_get_string (version), "1") != 0)
    {
      ic_members_invalid (&r, "bundle_version", _("version %s is not one this indicore reads"),
                          json_node_get_string (version));
      return NULL;
    }
  if (!ic_members_object (&r, root, "", "generator", IC_MEMBER_REQUIRED, &generator)
      || !ic_members_string (&r, generator, "generator", "version", IC_MEMBER_REQUIRED, &bundle->generator_version)
      || !ic_members_string (&r, root, "", "generated_at", IC_MEMBER_REQUIRED, &bundle->generated_at)
      || !ic_members_object (&r, root, "", "department", IC_MEMBER_REQUIRED, &department)
      || !ic_members_string (&r, department, "department", "code", IC_MEMBER_REQUIRED, &bundle->department_code)
      || !ic_members_string (&r, department, "department", "name", IC_MEMBER_NULLABLE, &bundle->department_name)
      || !ic_members_integer (&r, root, "", "year", IC_MEMBER_REQUIRED, NULL, &year))
    return NULL;
  if (year < 1 || year > 9999)
    {
      ic_members_invalid (&r, "year", _("out of range"));
      return NULL;
    }
  bundle->year = (int) year;

  if (json_object_has_member (root, "framework"))
    {
      JsonObject *framework;
      if (!ic_members_object (&r, root, "", "framework", IC_MEMBER_NULLABLE, &framework)
          || (framework != NULL
              && (!ic_members_string (&r, framework, "framework", "id", IC_MEMBER_REQUIRED, &bundle->framework_id)
                  || !ic_members_string (&r, framework, "framework", "title", IC_MEMBER_REQUIRED,
                                         &bundle->framework_title))))
        return NULL;
    }

  if (!ic_members_object (&r, root, "", "options", IC_MEMBER_NULLABLE, &options))
    return NULL;
  if (options != NULL && json_object_has_member (options, "small_count")
      && !ic_members_count (&r, options, "options", "small_count", IC_MEMBER_NULLABLE, &bundle->has_small_count,
                            &bundle->small_count))
    return NULL;

  if (!ic_members_array (&r, root, "", "indicators", IC_MEMBER_REQUIRED, &indicators))
    return NULL;
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      g_autofree char *path = g_strdup_printf ("indicators[%u]", i);
      JsonObject *object = ic_members_element_object (&r, indicators, i, path);
      IcBundleIndicator *indicator = object ? read_indicator (&r, object, path, bundle->year, kinds) : NULL;

      if (indicator == NULL)
        return NULL;
      indicator->order = i;
      g_ptr_array_add (bundle->indicators, indicator);
    }
  g_ptr_array_sort (bundle->indicators, compare_solen);

  if (!read_inputs (&r, root, bundle))
    return NULL;
  return g_steal_pointer (&bundle);
}

IcBundleView *
ic_bundle_read (const char *path, GError **error)
{
  return ic_json_load_file (path, (IcJsonLoadFunc) ic_bundle_read_from_data, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_READ,
                            error);
}

/* render.c: reads a bundle into an IcRenderBundle, merges earlier bundles
 * into the series, and holds the French wording the formats share. */
#include "render.h"

#include <json-glib/json-glib.h>

#include "json-reader.h"
#include <math.h>
#include <string.h>

#include "rate.h"

G_DEFINE_QUARK (ic-render-error-quark, ic_render_error)

/* ---- freeing ---------------------------------------------------------- */

static void
stratum_free (gpointer data)
{
  IcRenderStratum *stratum = data;
  g_free (stratum->territory);
  g_free (stratum);
}

static void
point_free (gpointer data)
{
  IcRenderPoint *point = data;
  g_free (point->label);
  g_free (point->definition_version);
  g_free (point);
}

static void
indicator_free (gpointer data)
{
  IcRenderIndicator *indicator = data;
  g_free (indicator->id);
  g_free (indicator->title);
  g_free (indicator->period_start);
  g_free (indicator->period_end);
  g_free (indicator->period_label);
  g_free (indicator->unit);
  g_free (indicator->target_operator);
  g_free (indicator->solen_label);
  g_free (indicator->text_fr);
  g_free (indicator->reason);
  g_free (indicator->definition_version);
  g_ptr_array_unref (indicator->warnings);
  g_ptr_array_unref (indicator->strata);
  g_ptr_array_unref (indicator->series);
  g_free (indicator);
}

static void
input_free (gpointer data)
{
  IcRenderInput *input = data;
  g_free (input->table);
  g_free (input->file);
  g_free (input->sha256);
  g_free (input);
}

static void
refusal_free (gpointer data)
{
  IcRenderRefusal *refusal = data;
  g_free (refusal->file);
  g_free (refusal->reason);
  g_free (refusal);
}

void
ic_render_bundle_free (IcRenderBundle *bundle)
{
  if (bundle == NULL)
    return;
  g_free (bundle->name);
  g_free (bundle->generator_version);
  g_free (bundle->generated_at);
  g_free (bundle->department_code);
  g_free (bundle->department_name);
  g_ptr_array_unref (bundle->indicators);
  g_ptr_array_unref (bundle->inputs);
  g_ptr_array_unref (bundle->refused);
  g_array_unref (bundle->previous_years);
  g_free (bundle);
}

/* ---- reading members -------------------------------------------------- */

/* Each reader takes the member's path for messages ("indicators[2].value")
 * and fails with IC_RENDER_ERROR_INVALID. */

typedef struct {
  const char *name;
  GError **error;
} Reader;

static gboolean invalid (Reader *r, const char *path, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (Reader *r, const char *path, const char *format, ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (r->error, IC_RENDER_ERROR, IC_RENDER_ERROR_INVALID, "%s: not an indicore bundle: %s%s%s",
               r->name, path, *path ? ": " : "", what);
  return FALSE;
}

static char *
member_path (const char *parent, const char *member)
{
  return *parent ? g_strdup_printf ("%s.%s", parent, member) : g_strdup (member);
}

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
holds_type (JsonNode *node, GType type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A string member, newly allocated; null (or absent) gives NULL when
 * @nullable. */
static gboolean
read_string (Reader *r, JsonObject *object, const char *parent, const char *member, gboolean nullable,
             char **out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = NULL;

  if (holds_type (node, G_TYPE_STRING))
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if (nullable && is_null (node))
    {
      *out = NULL;
      return TRUE;
    }
  path = member_path (parent, member);
  return invalid (r, path, node == NULL ? "missing" : nullable ? "expected a string or null" : "expected a string");
}

/* An integer member (JSON integer, no fraction). */
static gboolean
read_integer (Reader *r, JsonObject *object, const char *parent, const char *member, gboolean nullable,
              gboolean *has, gint64 *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = NULL;

  if (holds_type (node, G_TYPE_INT64))
    {
      *out = json_node_get_int (node);
      if (has)
        *has = TRUE;
      return TRUE;
    }
  if (nullable && is_null (node))
    {
      *out = 0;
      *has = FALSE;
      return TRUE;
    }
  path = member_path (parent, member);
  return invalid (r, path, node == NULL ? "missing" : nullable ? "expected an integer or null" : "expected an integer");
}

static gboolean
read_count (Reader *r, JsonObject *object, const char *parent, const char *member, gboolean nullable,
            gboolean *has, gint64 *out)
{
  g_autofree char *path = NULL;

  if (!read_integer (r, object, parent, member, nullable, has, out))
    return FALSE;
  if (*out >= 0)
    return TRUE;
  path = member_path (parent, member);
  return invalid (r, path, "a count cannot be negative");
}

/* A number with at most one decimal, as tenths: 6.6 -> 66, 14 -> 140.
 * @node is the member or element at @path (NULL: missing). */
static gboolean
node_tenths (Reader *r, JsonNode *node, const char *path, gboolean nullable, gboolean *has, gint64 *out)
{
  double value, scaled;

  if (nullable && is_null (node))
    {
      *has = FALSE;
      *out = 0;
      return TRUE;
    }
  if (holds_type (node, G_TYPE_INT64))
    {
      gint64 integer = json_node_get_int (node);
      if (integer > G_MAXINT64 / 10 || integer < G_MININT64 / 10)
        return invalid (r, path, "number out of range");
      *out = integer * 10;
      if (has)
        *has = TRUE;
      return TRUE;
    }
  if (!holds_type (node, G_TYPE_DOUBLE))
    return invalid (r, path, node == NULL ? "missing" : nullable ? "expected a number or null" : "expected a number");
  value = json_node_get_double (node);
  if (!isfinite (value) || fabs (value) > 1e12)
    return invalid (r, path, "number out of range");
  /* The bundle's figures have at most one decimal: anything finer would be
   * rounded here, and a rendering never changes a figure. */
  scaled = value * 10.0;
  if (fabs (scaled - nearbyint (scaled)) > 1e-6)
    return invalid (r, path, "more than one decimal");
  *out = (gint64) llround (scaled);
  if (has)
    *has = TRUE;
  return TRUE;
}

static gboolean
read_tenths (Reader *r, JsonObject *object, const char *parent, const char *member, gboolean nullable,
             gboolean *has, gint64 *out)
{
  g_autofree char *path = member_path (parent, member);
  return node_tenths (r, json_object_get_member (object, member), path, nullable, has, out);
}

/* A p-value: a number from 0 to 1 with at most four decimals, as
 * ten-thousandths (0.3678 -> 3678); null gives FALSE in @has. */
static gboolean
read_p_value (Reader *r, JsonObject *object, const char *parent, const char *member, gboolean *has, gint64 *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = member_path (parent, member);
  double value, scaled;

  *has = FALSE;
  *out = 0;
  if (is_null (node))
    return node != NULL || invalid (r, path, "missing");
  if (holds_type (node, G_TYPE_INT64))
    value = (double) json_node_get_int (node);
  else if (holds_type (node, G_TYPE_DOUBLE))
    value = json_node_get_double (node);
  else
    return invalid (r, path, "expected a number or null");
  if (!(value >= 0.0 && value <= 1.0))
    return invalid (r, path, "a p-value is from 0 to 1");
  scaled = value * 10000.0;
  if (fabs (scaled - nearbyint (scaled)) > 1e-6)
    return invalid (r, path, "more than four decimals");
  *out = (gint64) llround (scaled);
  *has = TRUE;
  return TRUE;
}

/* An object member; NULL when absent or null and @optional. */
static gboolean
read_object (Reader *r, JsonObject *object, const char *parent, const char *member, gboolean optional,
             JsonObject **out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      *out = json_node_get_object (node);
      return TRUE;
    }
  if (optional && is_null (node))
    {
      *out = NULL;
      return TRUE;
    }
  path = member_path (parent, member);
  return invalid (r, path, node == NULL ? "missing" : "expected an object");
}

/* An array member; NULL when absent and @optional. */
static gboolean
read_array (Reader *r, JsonObject *object, const char *parent, const char *member, gboolean optional,
            JsonArray **out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      *out = json_node_get_array (node);
      return TRUE;
    }
  if (optional && node == NULL)
    {
      *out = NULL;
      return TRUE;
    }
  path = member_path (parent, member);
  return invalid (r, path, node == NULL ? "missing" : "expected an array");
}

static JsonObject *
element_object (Reader *r, JsonArray *array, guint i, const char *path)
{
  JsonNode *node = json_array_get_element (array, i);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  invalid (r, path, "expected an object");
  return NULL;
}

/* ---- reading an indicator --------------------------------------------- */

static gboolean
read_target (Reader *r, JsonObject *object, const char *path, IcRenderIndicator *indicator)
{
  JsonObject *target;
  JsonNode *met;
  g_autofree char *target_path = member_path (path, "target");
  g_autofree char *met_path = member_path (path, "target_met");
  g_autofree char *operator = NULL;

  if (!read_object (r, object, path, "target", TRUE, &target))
    return FALSE;
  if (target != NULL)
    {
      if (!read_string (r, target, target_path, "operator", FALSE, &operator))
        return FALSE;
      if (strcmp (operator, "progress") == 0)
        indicator->target = IC_RENDER_TARGET_PROGRESS;
      else if (strcmp (operator, ">=") == 0 || strcmp (operator, "<=") == 0
               || strcmp (operator, ">") == 0 || strcmp (operator, "<") == 0)
        {
          indicator->target = IC_RENDER_TARGET_THRESHOLD;
          indicator->target_operator = g_steal_pointer (&operator);
          if (!read_tenths (r, target, target_path, "value", FALSE, NULL, &indicator->target_tenths))
            return FALSE;
        }
      else
        {
          g_autofree char *operator_path = member_path (target_path, "operator");
          return invalid (r, operator_path, "unknown operator");
        }
    }

  met = json_object_get_member (object, "target_met");
  if (holds_type (met, G_TYPE_BOOLEAN))
    indicator->target_met = json_node_get_boolean (met) ? 1 : 0;
  else if (is_null (met))
    indicator->target_met = -1;
  else
    return invalid (r, met_path, "expected true, false or null");
  return TRUE;
}

static gboolean
read_strata (Reader *r, JsonObject *object, const char *path, IcRenderIndicator *indicator)
{
  JsonArray *strata;

  if (!read_array (r, object, path, "strata", TRUE, &strata))
    return FALSE;
  for (guint i = 0; strata && i < json_array_get_length (strata); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.strata[%u]", path, i);
      JsonObject *s = element_object (r, strata, i, item);
      IcRenderStratum *stratum;
      JsonNode *suppressed;

      if (s == NULL)
        return FALSE;
      stratum = g_new0 (IcRenderStratum, 1);
      g_ptr_array_add (indicator->strata, stratum);
      if (!read_string (r, s, item, "territory", FALSE, &stratum->territory))
        return FALSE;
      /* Small-count suppression: a hidden stratum has no counts nor value
       * (bundles written before it have no `suppressed` member). */
      suppressed = json_object_get_member (s, "suppressed");
      if (suppressed != NULL && !holds_type (suppressed, G_TYPE_BOOLEAN))
        {
          g_autofree char *member = member_path (item, "suppressed");
          return invalid (r, member, "expected true or false");
        }
      stratum->suppressed = suppressed != NULL && json_node_get_boolean (suppressed);
      if (stratum->suppressed)
        {
          if (!is_null (json_object_get_member (s, "numerator")) || !is_null (json_object_get_member (s, "denominator"))
              || !is_null (json_object_get_member (s, "value")))
            return invalid (r, item, "a suppressed stratum with counts");
          continue;
        }
      if (!read_count (r, s, item, "numerator", FALSE, NULL, &stratum->numerator)
          || !read_count (r, s, item, "denominator", FALSE, NULL, &stratum->denominator)
          || !read_tenths (r, s, item, "value", FALSE, NULL, &stratum->value_tenths))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_warnings (Reader *r, JsonObject *object, const char *path, IcRenderIndicator *indicator)
{
  JsonArray *warnings;

  if (!read_array (r, object, path, "warnings", TRUE, &warnings))
    return FALSE;
  for (guint i = 0; warnings && i < json_array_get_length (warnings); i++)
    {
      JsonNode *node = json_array_get_element (warnings, i);
      if (!holds_type (node, G_TYPE_STRING))
        {
          g_autofree char *item = g_strdup_printf ("%s.warnings[%u]", path, i);
          return invalid (r, item, "expected a string");
        }
      g_ptr_array_add (indicator->warnings, g_strdup (json_node_get_string (node)));
    }
  return TRUE;
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
read_previous_member (Reader *r, JsonObject *object, const char *path, int year, IcRenderIndicator *indicator)
{
  JsonObject *previous;
  g_autofree char *previous_path = member_path (path, "previous");
  IcRenderPoint *point;
  gint64 previous_year;

  if (!read_object (r, object, path, "previous", TRUE, &previous))
    return FALSE;
  if (previous == NULL)
    return TRUE;
  if (!read_integer (r, previous, previous_path, "year", FALSE, NULL, &previous_year))
    return FALSE;
  if (previous_year >= year || previous_year < 1)
    return invalid (r, previous_path, "its year is not before the bundle's");
  point = g_new0 (IcRenderPoint, 1);
  point->year = (int) previous_year;
  point->label = previous_label (indicator->period_label, year, point->year);
  g_ptr_array_add (indicator->series, point);
  indicator->previous_year = point->year;
  return read_tenths (r, previous, previous_path, "value", TRUE, &point->has_value, &point->value_tenths);
}

static IcRenderPoint *find_point (const IcRenderIndicator *indicator, int year, guint *index);

static char *
tenths_or_null (gboolean has, gint64 tenths)
{
  return has ? ic_format_fr_tenths (tenths) : g_strdup ("null");
}

/* The bundle's own series (`trend`: the earlier bundles given to `run`, by
 * year, then this year): its earlier years join the series; a year the
 * `previous` member gives must have the same value there, and this year's
 * the bundle's value. Absent from bundles written before it. */
static gboolean
read_trend (Reader *r, JsonObject *object, const char *path, int year, IcRenderIndicator *indicator)
{
  JsonArray *trend;
  gint64 last_year = 0;

  if (!read_array (r, object, path, "trend", TRUE, &trend))
    return FALSE;
  for (guint i = 0; trend && i < json_array_get_length (trend); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.trend[%u]", path, i);
      JsonObject *t = element_object (r, trend, i, item);
      IcRenderPoint *known, *point;
      gboolean has_value;
      gint64 point_year, value_tenths;
      guint at = 0;

      if (t == NULL || !read_integer (r, t, item, "year", FALSE, NULL, &point_year)
          || !read_tenths (r, t, item, "value", TRUE, &has_value, &value_tenths))
        return FALSE;
      if (point_year < 1 || point_year > year)
        return invalid (r, item, "its year is not the bundle's nor before it");
      if (point_year <= last_year)
        return invalid (r, item, "the years are not in increasing order");
      last_year = point_year;
      if (point_year == year)
        {
          if (has_value != indicator->has_value || (has_value && value_tenths != indicator->value_tenths))
            {
              g_autofree char *gives = tenths_or_null (has_value, value_tenths);
              g_autofree char *value = tenths_or_null (indicator->has_value, indicator->value_tenths);
              return invalid (r, item, "gives %s for %d, where the bundle's value is %s", gives, year, value);
            }
          continue;
        }
      known = find_point (indicator, (int) point_year, NULL);
      if (known != NULL)
        {
          /* the `previous` member's year */
          if (has_value != known->has_value || (has_value && value_tenths != known->value_tenths))
            {
              g_autofree char *gives = tenths_or_null (has_value, value_tenths);
              g_autofree char *said = tenths_or_null (known->has_value, known->value_tenths);
              return invalid (r, item, "gives %s for %d, where the bundle's previous value is %s", gives,
                              (int) point_year, said);
            }
          continue;
        }
      point = g_new0 (IcRenderPoint, 1);
      point->year = (int) point_year;
      point->label = previous_label (indicator->period_label, year, point->year);
      point->has_value = has_value;
      point->value_tenths = value_tenths;
      while (at < indicator->series->len && ((IcRenderPoint *) indicator->series->pdata[at])->year < point->year)
        at++;
      g_ptr_array_insert (indicator->series, (gint) at, point);
    }
  return TRUE;
}

/* The 95 % interval, [low, high] in %: within 0 to 100, and holding the
 * value (the Wilson interval holds the proportion, and rounding both keeps
 * it so). Absent or null: none. */
static gboolean
read_ci95 (Reader *r, JsonObject *object, const char *path, IcRenderIndicator *indicator)
{
  JsonNode *node = json_object_get_member (object, "ci95");
  g_autofree char *ci_path = member_path (path, "ci95");
  JsonArray *bounds;
  gint64 tenths[2];

  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (bounds = json_node_get_array (node)) != 2)
    return invalid (r, ci_path, "expected [low, high] or null");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", ci_path, i);
      if (!node_tenths (r, json_array_get_element (bounds, i), item, FALSE, NULL, &tenths[i]))
        return FALSE;
    }
  if (tenths[0] < 0 || tenths[1] > 1000 || tenths[0] > tenths[1])
    return invalid (r, ci_path, "not an interval from 0 to 100");
  if (!indicator->has_value)
    return invalid (r, ci_path, "an interval without a value");
  if (indicator->value_tenths < tenths[0] || indicator->value_tenths > tenths[1])
    return invalid (r, ci_path, "the interval does not hold the value");
  indicator->has_ci95 = TRUE;
  indicator->ci95_low_tenths = tenths[0];
  indicator->ci95_high_tenths = tenths[1];
  return TRUE;
}

/* The change from the `previous` member: { points, p_value, significant }.
 * Absent or null: none (the renderings then compute the difference). */
static gboolean
read_change (Reader *r, JsonObject *object, const char *path, IcRenderIndicator *indicator)
{
  JsonObject *change;
  JsonNode *significant;
  g_autofree char *change_path = member_path (path, "change");
  g_autofree char *significant_path = NULL;
  const IcRenderPoint *before;

  if (json_object_get_member (object, "change") == NULL)
    return TRUE;
  if (!read_object (r, object, path, "change", TRUE, &change))
    return FALSE;
  if (change == NULL)
    return TRUE;
  if (!read_tenths (r, change, change_path, "points", FALSE, NULL, &indicator->change_tenths)
      || !read_p_value (r, change, change_path, "p_value", &indicator->has_p_value, &indicator->p_value))
    return FALSE;
  significant_path = member_path (change_path, "significant");
  significant = json_object_get_member (change, "significant");
  if (holds_type (significant, G_TYPE_BOOLEAN))
    indicator->significant = json_node_get_boolean (significant);
  else if (significant == NULL || !is_null (significant))
    return invalid (r, significant_path, significant == NULL ? "missing" : "expected true, false or null");
  if (is_null (significant) != !indicator->has_p_value)
    return invalid (r, change_path, "a p-value without its decision, or the reverse");
  /* p < 0.05 on the unrounded p: a rounded 0.0500 may be significant */
  if (indicator->has_p_value && (indicator->significant ? indicator->p_value > 500 : indicator->p_value < 500))
    return invalid (r, significant_path, "is not p < 0.05");

  before = indicator->previous_year ? find_point (indicator, indicator->previous_year, NULL) : NULL;
  if (!indicator->has_value || before == NULL || !before->has_value)
    return invalid (r, change_path, "a change without a value and a previous value");
  if (indicator->change_tenths != indicator->value_tenths - before->value_tenths)
    return invalid (r, change_path, "points is not the value minus the previous value");
  indicator->has_change = TRUE;
  return TRUE;
}

static IcRenderIndicator *
read_indicator (Reader *r, JsonObject *object, const char *path, int year)
{
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (indicator_free);
  IcRenderIndicator *indicator = g_new0 (IcRenderIndicator, 1);
  g_autofree char *status = NULL;
  g_autofree char *period_path = member_path (path, "period");
  g_autofree char *solen_path = member_path (path, "solen");
  g_autofree char *definition_path = member_path (path, "definition");
  JsonObject *period, *solen, *definition;
  IcRenderPoint *current;

  g_ptr_array_add (keep, indicator); /* freed on any failure below */
  indicator->warnings = g_ptr_array_new_with_free_func (g_free);
  indicator->strata = g_ptr_array_new_with_free_func (stratum_free);
  indicator->series = g_ptr_array_new_with_free_func (point_free);
  indicator->target_met = -1;

  if (!read_string (r, object, path, "id", FALSE, &indicator->id)
      || !read_string (r, object, path, "title", FALSE, &indicator->title)
      || !read_string (r, object, path, "status", FALSE, &status))
    return NULL;
  if (strcmp (status, "ok") == 0)
    indicator->status = IC_RENDER_STATUS_OK;
  else if (strcmp (status, "not_available") == 0)
    indicator->status = IC_RENDER_STATUS_NOT_AVAILABLE;
  else if (strcmp (status, "error") == 0)
    indicator->status = IC_RENDER_STATUS_ERROR;
  else
    {
      g_autofree char *status_path = member_path (path, "status");
      invalid (r, status_path, "unknown status");
      return NULL;
    }

  if (!read_object (r, object, path, "period", FALSE, &period)
      || !read_string (r, period, period_path, "start", FALSE, &indicator->period_start)
      || !read_string (r, period, period_path, "end", FALSE, &indicator->period_end)
      || !read_string (r, period, period_path, "label", FALSE, &indicator->period_label)
      || !read_count (r, object, path, "numerator", TRUE, &indicator->has_numerator, &indicator->numerator)
      || !read_count (r, object, path, "denominator", TRUE, &indicator->has_denominator, &indicator->denominator)
      || !read_tenths (r, object, path, "value", TRUE, &indicator->has_value, &indicator->value_tenths)
      || !read_string (r, object, path, "unit", FALSE, &indicator->unit)
      || !read_target (r, object, path, indicator)
      || !read_string (r, object, path, "text_fr", TRUE, &indicator->text_fr)
      || !read_string (r, object, path, "reason", TRUE, &indicator->reason)
      || !read_strata (r, object, path, indicator)
      || !read_warnings (r, object, path, indicator)
      || !read_previous_member (r, object, path, year, indicator)
      || !read_trend (r, object, path, year, indicator)
      || !read_ci95 (r, object, path, indicator)
      || !read_change (r, object, path, indicator))
    return NULL;
  /* Only an ok indicator has a figure (spec/bundle.md). */
  if (indicator->status != IC_RENDER_STATUS_OK && indicator->has_value)
    {
      g_autofree char *value_path = member_path (path, "value");
      invalid (r, value_path, "a value while the status is not ok");
      return NULL;
    }

  if (!read_object (r, object, path, "solen", TRUE, &solen))
    return NULL;
  if (solen != NULL)
    {
      indicator->has_solen = TRUE;
      if (!read_integer (r, solen, solen_path, "engagement", FALSE, NULL, &indicator->solen_engagement)
          || !read_integer (r, solen, solen_path, "objective", FALSE, NULL, &indicator->solen_objective)
          || !read_string (r, solen, solen_path, "label", FALSE, &indicator->solen_label))
        return NULL;
    }
  if (!read_object (r, object, path, "definition", TRUE, &definition))
    return NULL;
  if (definition != NULL && json_object_has_member (definition, "version")
      && !read_string (r, definition, definition_path, "version", TRUE, &indicator->definition_version))
    return NULL;

  /* This bundle's own point closes the series. */
  current = g_new0 (IcRenderPoint, 1);
  current->year = year;
  current->label = g_strdup (indicator->period_label);
  current->has_value = indicator->has_value;
  current->value_tenths = indicator->value_tenths;
  current->definition_version = g_strdup (indicator->definition_version);
  g_ptr_array_add (indicator->series, current);

  return g_ptr_array_steal_index (keep, 0);
}

/* ---- reading the bundle ----------------------------------------------- */

static gboolean
read_inputs (Reader *r, JsonObject *root, IcRenderBundle *bundle)
{
  JsonArray *inputs, *refused;

  if (!read_array (r, root, "", "inputs", TRUE, &inputs))
    return FALSE;
  for (guint i = 0; inputs && i < json_array_get_length (inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("inputs[%u]", i);
      JsonObject *object = element_object (r, inputs, i, path);
      IcRenderInput *input;

      if (object == NULL)
        return FALSE;
      input = g_new0 (IcRenderInput, 1);
      g_ptr_array_add (bundle->inputs, input);
      if (!read_string (r, object, path, "table", FALSE, &input->table)
          || !read_string (r, object, path, "file", FALSE, &input->file)
          || !read_string (r, object, path, "sha256", FALSE, &input->sha256)
          || !read_count (r, object, path, "rows", FALSE, NULL, &input->rows)
          || !read_count (r, object, path, "rejected", FALSE, NULL, &input->rejected))
        return FALSE;
    }

  if (!read_array (r, root, "", "plugins_refused", TRUE, &refused))
    return FALSE;
  for (guint i = 0; refused && i < json_array_get_length (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("plugins_refused[%u]", i);
      JsonObject *object = element_object (r, refused, i, path);
      IcRenderRefusal *refusal;

      if (object == NULL)
        return FALSE;
      refusal = g_new0 (IcRenderRefusal, 1);
      g_ptr_array_add (bundle->refused, refusal);
      if (!read_string (r, object, path, "file", FALSE, &refusal->file)
          || !read_string (r, object, path, "reason", FALSE, &refusal->reason))
        return FALSE;
    }
  return TRUE;
}

/* SOLEN order: engagement, objective, then the bundle's order (ids); the
 * indicators without a SOLEN place last. */
static int
compare_solen (gconstpointer a, gconstpointer b)
{
  const IcRenderIndicator *x = *(IcRenderIndicator *const *) a;
  const IcRenderIndicator *y = *(IcRenderIndicator *const *) b;

  if (x->has_solen != y->has_solen)
    return x->has_solen ? -1 : 1;
  if (x->has_solen && x->solen_engagement != y->solen_engagement)
    return x->solen_engagement < y->solen_engagement ? -1 : 1;
  if (x->has_solen && x->solen_objective != y->solen_objective)
    return x->solen_objective < y->solen_objective ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

IcRenderBundle *
ic_render_bundle_load_from_data (const char *name, const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (IcRenderBundle) bundle = g_new0 (IcRenderBundle, 1);
  Reader r = { name, error };
  JsonObject *root, *generator, *department, *options;
  JsonArray *indicators;
  JsonNode *root_node, *version;
  gint64 year;

  bundle->name = g_strdup (name);
  bundle->indicators = g_ptr_array_new_with_free_func (indicator_free);
  bundle->inputs = g_ptr_array_new_with_free_func (input_free);
  bundle->refused = g_ptr_array_new_with_free_func (refusal_free);
  bundle->previous_years = g_array_new (FALSE, FALSE, sizeof (int));

  if (!ic_json_parse (parser, name, data, length, IC_RENDER_ERROR, IC_RENDER_ERROR_READ, error))
    return NULL;
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      invalid (&r, "", "not a JSON object");
      return NULL;
    }
  root = json_node_get_object (root_node);

  version = json_object_get_member (root, "bundle_version");
  if (version == NULL || !holds_type (version, G_TYPE_STRING))
    {
      invalid (&r, "bundle_version", "missing");
      return NULL;
    }
  if (strcmp (json_node_get_string (version), "1") != 0)
    {
      invalid (&r, "bundle_version", "version %s is not one this indicore reads", json_node_get_string (version));
      return NULL;
    }
  if (!read_object (&r, root, "", "generator", FALSE, &generator)
      || !read_string (&r, generator, "generator", "version", FALSE, &bundle->generator_version)
      || !read_string (&r, root, "", "generated_at", FALSE, &bundle->generated_at)
      || !read_object (&r, root, "", "department", FALSE, &department)
      || !read_string (&r, department, "department", "code", FALSE, &bundle->department_code)
      || !read_string (&r, department, "department", "name", TRUE, &bundle->department_name)
      || !read_integer (&r, root, "", "year", FALSE, NULL, &year))
    return NULL;
  if (year < 1 || year > 9999)
    {
      invalid (&r, "year", "out of range");
      return NULL;
    }
  bundle->year = (int) year;

  if (!read_object (&r, root, "", "options", TRUE, &options))
    return NULL;
  if (options != NULL && json_object_has_member (options, "small_count")
      && !read_count (&r, options, "options", "small_count", TRUE, &bundle->has_small_count, &bundle->small_count))
    return NULL;

  if (!read_array (&r, root, "", "indicators", FALSE, &indicators))
    return NULL;
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      g_autofree char *path = g_strdup_printf ("indicators[%u]", i);
      JsonObject *object = element_object (&r, indicators, i, path);
      IcRenderIndicator *indicator = object ? read_indicator (&r, object, path, bundle->year) : NULL;

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

IcRenderBundle *
ic_render_bundle_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, IC_RENDER_ERROR, IC_RENDER_ERROR_READ, "%s", local->message);
      return NULL;
    }
  return ic_render_bundle_load_from_data (path, data, (gssize) length, error);
}

/* ---- series ----------------------------------------------------------- */

static const IcRenderIndicator *
find_indicator (const IcRenderBundle *bundle, const char *id)
{
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcRenderIndicator *indicator = bundle->indicators->pdata[i];
      if (strcmp (indicator->id, id) == 0)
        return indicator;
    }
  return NULL;
}

static IcRenderPoint *
find_point (const IcRenderIndicator *indicator, int year, guint *index)
{
  for (guint i = 0; i < indicator->series->len; i++)
    {
      IcRenderPoint *point = indicator->series->pdata[i];
      if (point->year == year)
        {
          if (index)
            *index = i;
          return point;
        }
    }
  return NULL;
}

gboolean
ic_render_bundle_add_previous (IcRenderBundle *bundle, const IcRenderBundle *previous, GError **error)
{
  if (g_strcmp0 (bundle->department_code, previous->department_code) != 0)
    {
      g_set_error (error, IC_RENDER_ERROR, IC_RENDER_ERROR_MISMATCH,
                   "%s: is a bundle of département %s, not %s", previous->name,
                   previous->department_code, bundle->department_code);
      return FALSE;
    }
  if (previous->year >= bundle->year)
    {
      g_set_error (error, IC_RENDER_ERROR, IC_RENDER_ERROR_MISMATCH,
                   "%s: is a bundle of %d, not of a year before %d", previous->name, previous->year, bundle->year);
      return FALSE;
    }
  for (guint i = 0; i < bundle->previous_years->len; i++)
    if (g_array_index (bundle->previous_years, int, i) == previous->year)
      {
        g_set_error (error, IC_RENDER_ERROR, IC_RENDER_ERROR_MISMATCH,
                     "%s: a bundle of %d was already given", previous->name, previous->year);
        return FALSE;
      }

  /* Check everything before changing anything. The only point already there
   * for that year comes from the bundle's own `previous` or `trend` member:
   * the two must agree, or the renderings would show one of two figures. */
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcRenderIndicator *indicator = bundle->indicators->pdata[i];
      const IcRenderIndicator *earlier = find_indicator (previous, indicator->id);
      const IcRenderPoint *known = find_point (indicator, previous->year, NULL);

      if (earlier == NULL || known == NULL)
        continue;
      if (known->has_value != earlier->has_value
          || (known->has_value && known->value_tenths != earlier->value_tenths))
        {
          g_autofree char *said = tenths_or_null (known->has_value, known->value_tenths);
          g_autofree char *gives = tenths_or_null (earlier->has_value, earlier->value_tenths);
          g_set_error (error, IC_RENDER_ERROR, IC_RENDER_ERROR_MISMATCH,
                       "%s: %s: gives %s for %d, where this bundle's %s %s", previous->name, indicator->id, gives,
                       previous->year,
                       indicator->previous_year == previous->year ? "previous value is" : "trend gives", said);
          return FALSE;
        }
    }

  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      IcRenderIndicator *indicator = bundle->indicators->pdata[i];
      const IcRenderIndicator *earlier = find_indicator (previous, indicator->id);
      IcRenderPoint *point;
      guint at = 0;

      if (earlier == NULL)
        continue;
      point = find_point (indicator, previous->year, NULL);
      if (point != NULL)
        {
          /* the bundle's own point, of the same value: the earlier bundle
           * names its period and says which definition computed it */
          g_free (point->label);
          point->label = g_strdup (earlier->period_label);
          g_free (point->definition_version);
          point->definition_version = g_strdup (earlier->definition_version);
          continue;
        }
      point = g_new0 (IcRenderPoint, 1);
      point->year = previous->year;
      point->label = g_strdup (earlier->period_label);
      point->has_value = earlier->has_value;
      point->value_tenths = earlier->value_tenths;
      point->definition_version = g_strdup (earlier->definition_version);
      while (at < indicator->series->len && ((IcRenderPoint *) indicator->series->pdata[at])->year < point->year)
        at++;
      g_ptr_array_insert (indicator->series, (gint) at, point);
    }
  g_array_append_val (bundle->previous_years, previous->year);
  return TRUE;
}

gboolean
ic_render_indicator_change (const IcRenderIndicator *indicator, const IcRenderPoint **from, gint64 *change_tenths)
{
  guint last = indicator->series->len - 1; /* this bundle's point */

  if (indicator->has_change)
    {
      /* the bundle's: its `previous` point is in the series (checked when read) */
      *from = find_point (indicator, indicator->previous_year, NULL);
      *change_tenths = indicator->change_tenths;
      return *from != NULL;
    }
  if (!indicator->has_value)
    return FALSE;
  for (guint i = last; i-- > 0;)
    {
      const IcRenderPoint *point = indicator->series->pdata[i];
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
ic_render_point_breaks_series (const IcRenderIndicator *indicator, const IcRenderPoint *point)
{
  return indicator->definition_version != NULL && point->definition_version != NULL
         && strcmp (indicator->definition_version, point->definition_version) != 0;
}

/* ---- French wording --------------------------------------------------- */

static char *
with_unit (char *number, const char *unit)
{
  char *text = unit && *unit ? g_strdup_printf ("%s %s", number, unit) : g_strdup (number);
  g_free (number);
  return text;
}

char *
ic_render_format_value (gint64 tenths, const char *unit)
{
  return with_unit (ic_format_fr_tenths (tenths), unit);
}

char *
ic_render_format_target_value (gint64 tenths)
{
  return tenths % 10 == 0 ? ic_format_fr_int (tenths / 10) : ic_format_fr_tenths (tenths);
}

const char *
ic_render_target_symbol (const IcRenderIndicator *indicator)
{
  const char *operator = indicator->target_operator;

  if (operator == NULL)
    return NULL;
  if (strcmp (operator, ">=") == 0)
    return "≥";
  if (strcmp (operator, "<=") == 0)
    return "≤";
  return operator; /* > and < */
}

char *
ic_render_format_target (const IcRenderIndicator *indicator)
{
  switch (indicator->target)
    {
    case IC_RENDER_TARGET_THRESHOLD:
      {
        g_autofree char *goal = with_unit (ic_render_format_target_value (indicator->target_tenths), indicator->unit);
        return g_strdup_printf ("%s %s", ic_render_target_symbol (indicator), goal);
      }
    case IC_RENDER_TARGET_PROGRESS:
      return g_strdup ("progression");
    case IC_RENDER_TARGET_NONE:
    default:
      return NULL;
    }
}

const char *
ic_render_target_met_word (const IcRenderIndicator *indicator)
{
  if (indicator->target == IC_RENDER_TARGET_NONE)
    return NULL;
  /* « la cible » is feminine */
  return indicator->target_met == 1 ? "atteinte" : indicator->target_met == 0 ? "non atteinte" : "non déterminée";
}

char *
ic_render_format_change (gint64 change_tenths, const char *unit)
{
  guint64 magnitude = change_tenths < 0 ? -(guint64) change_tenths : (guint64) change_tenths;
  g_autofree char *number = ic_format_fr_tenths ((gint64) magnitude);
  const char *sign = change_tenths > 0 ? "+" : change_tenths < 0 ? "\u2212" : "";

  if (g_strcmp0 (unit, "%") == 0)
    /* French takes the plural from 2 on: 1,9 point, 2,0 points. */
    return g_strdup_printf ("%s%s point%s", sign, number, magnitude >= 20 ? "s" : "");
  return unit && *unit ? g_strdup_printf ("%s%s %s", sign, number, unit) : g_strdup_printf ("%s%s", sign, number);
}

char *
ic_render_format_ci95 (const IcRenderIndicator *indicator)
{
  g_autofree char *low = NULL, *high = NULL;

  if (!indicator->has_ci95)
    return NULL;
  low = ic_format_fr_tenths (indicator->ci95_low_tenths);
  high = ic_format_fr_tenths (indicator->ci95_high_tenths);
  return g_strdup_printf ("%s \u2013 %s", low, high);
}

char *
ic_render_format_value_ci95 (const IcRenderIndicator *indicator)
{
  g_autofree char *value = ic_render_format_value (indicator->value_tenths, indicator->unit);
  g_autofree char *ci = ic_render_format_ci95 (indicator);

  return ci ? g_strdup_printf ("%s [IC 95 %% : %s]", value, ci) : g_steal_pointer (&value);
}

char *
ic_render_format_p_value (gint64 p_value, gboolean significant)
{
  char digits[8];
  gsize len;

  if (p_value <= 0)
    return g_strdup ("< 0,0001");
  if (significant && p_value >= 500)
    return g_strdup ("< 0,05"); /* p rounded up to 0.05: below it all the same */
  if (p_value >= 1000)
    {
      gint64 hundredths = (p_value + 50) / 100; /* half up */
      return g_strdup_printf ("= %d,%02d", (int) (hundredths / 100), (int) (hundredths % 100));
    }
  /* below 0.1, the bundle's four decimals, without trailing zeros */
  g_snprintf (digits, sizeof digits, "%04d", (int) p_value);
  len = strlen (digits);
  while (len > 1 && digits[len - 1] == '0')
    digits[--len] = '\0';
  return g_strdup_printf ("= 0,%s", digits);
}

char *
ic_render_format_significance (const IcRenderIndicator *indicator, gboolean brief)
{
  const IcRenderPoint *from;
  gint64 change;
  g_autofree char *p = NULL;

  if (!indicator->has_change || !ic_render_indicator_change (indicator, &from, &change))
    return NULL;
  if (!indicator->has_p_value)
    return brief ? NULL : g_strdup_printf ("significativité non évaluée (effectifs de %s inconnus)", from->label);
  if (brief)
    return g_strdup (indicator->significant ? "significative" : "non significative");
  p = ic_render_format_p_value (indicator->p_value, indicator->significant);
  if (indicator->significant)
    return g_strdup_printf ("significative au seuil de 5 %% (p %s)", p);
  return g_strdup_printf ("non significative au seuil de 5 %% (p %s) : l'écart peut être dû au hasard", p);
}

char *
ic_render_format_change_sentence (const IcRenderIndicator *indicator, gboolean brief)
{
  const IcRenderPoint *from;
  gint64 change;
  g_autofree char *text = NULL, *before = NULL, *significance = NULL;
  GString *sentence;

  if (!ic_render_indicator_change (indicator, &from, &change))
    return NULL;
  text = ic_render_format_change (change, indicator->unit);
  significance = ic_render_format_significance (indicator, brief);
  if (brief)
    {
      sentence = g_string_new (NULL);
      g_string_append_printf (sentence, "%s depuis %s", text, from->label);
    }
  else
    {
      before = ic_render_format_value (from->value_tenths, indicator->unit);
      sentence = g_string_new (NULL);
      g_string_append_printf (sentence, "%s par rapport à %s (%s)", text, from->label, before);
    }
  if (significance)
    g_string_append_printf (sentence, ", %s", significance);
  if (!brief && ic_render_point_breaks_series (indicator, from))
    g_string_append_printf (sentence, " — définition %s en %s, %s en %s : à comparer avec prudence",
                            from->definition_version, from->label, indicator->definition_version,
                            indicator->period_label);
  return g_string_free (sentence, FALSE);
}

gboolean
ic_render_bundle_has_statistics (const IcRenderBundle *bundle)
{
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcRenderIndicator *indicator = bundle->indicators->pdata[i];
      if (indicator->has_ci95 || (indicator->has_change && indicator->has_p_value))
        return TRUE;
    }
  return FALSE;
}

char *
ic_render_format_solen (const IcRenderIndicator *indicator)
{
  if (!indicator->has_solen)
    return NULL;
  return g_strdup_printf ("Engagement %" G_GINT64_FORMAT ", objectif %" G_GINT64_FORMAT,
                          indicator->solen_engagement, indicator->solen_objective);
}

char *
ic_render_format_date (const char *iso)
{
  if (iso != NULL && strlen (iso) == 10 && iso[4] == '-' && iso[7] == '-')
    return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
  return g_strdup (iso ? iso : "");
}

char *
ic_render_format_timestamp (const char *iso)
{
  if (iso != NULL && strlen (iso) == 20 && iso[10] == 'T' && iso[19] == 'Z')
    return g_strdup_printf ("%.2s/%.2s/%.4s à %.5s UTC", iso + 8, iso + 5, iso, iso + 11);
  return g_strdup (iso ? iso : "");
}

char *
ic_render_oneline (const char *text)
{
  char *line = g_strdup (text ? text : "");
  for (char *p = line; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return line;
}

char *
ic_render_format_suppressed_reason (const IcRenderBundle *bundle)
{
  if (bundle->has_small_count && bundle->small_count > 0)
    return g_strdup_printf ("effectif de 1 à %" G_GINT64_FORMAT ", ou complément d'un tel effectif",
                            bundle->small_count);
  return g_strdup ("petit effectif, ou complément d'un tel effectif");
}

const char *
ic_render_status_word (IcRenderStatus status)
{
  switch (status)
    {
    case IC_RENDER_STATUS_NOT_AVAILABLE:
      return "non disponible";
    case IC_RENDER_STATUS_ERROR:
      return "erreur de calcul";
    case IC_RENDER_STATUS_OK:
    default:
      return NULL;
    }
}

char *
ic_render_format_department (const IcRenderBundle *bundle)
{
  if (bundle->department_name != NULL && *bundle->department_name)
    return g_strdup_printf ("%s (%s)", bundle->department_name, bundle->department_code);
  return g_strdup_printf ("Département %s", bundle->department_code);
}

/* ---- dispatch --------------------------------------------------------- */

gboolean
ic_render_format_from_string (const char *name, IcRenderFormat *format)
{
  static const struct {
    const char *name;
    IcRenderFormat format;
  } formats[] = {
    { "text", IC_RENDER_FORMAT_TEXT },
    { "csv", IC_RENDER_FORMAT_CSV },
    { "html", IC_RENDER_FORMAT_HTML },
    { "md", IC_RENDER_FORMAT_MD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

GString *
ic_render (const IcRenderBundle *bundle, IcRenderFormat format)
{
  GString *out = g_string_new (NULL);

  switch (format)
    {
    case IC_RENDER_FORMAT_TEXT:
      ic_render_text (bundle, out);
      break;
    case IC_RENDER_FORMAT_CSV:
      ic_render_csv (bundle, out);
      break;
    case IC_RENDER_FORMAT_HTML:
      ic_render_html (bundle, out);
      break;
    case IC_RENDER_FORMAT_MD:
      ic_render_md (bundle, out);
      break;
    default:
      g_assert_not_reached ();
    }
  return out;
}

char *
ic_render_format_value_or_status (const IcRenderIndicator *indicator)
{
  const char *word;

  if (indicator->has_value)
    return ic_render_format_value (indicator->value_tenths, indicator->unit);
  word = ic_render_status_word (indicator->status);
  return g_strdup (word ? word : "sans valeur");
}

/* framework.c: reads and checks a contract framework (frameworks/ID.json)
 * with the shared JSON member readers, finds the one in force for a year,
 * and answers where an indicator sits and what its national target is. */
#include "framework.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "identifier.h"
#include "json-members.h"

G_DEFINE_QUARK (ic-framework-error-quark, ic_framework_error)

typedef IcJsonMembers Checker;

static void
field_free (gpointer data)
{
  IcFrameworkField *field = data;
  g_free (field->figure);
  g_free (field->label);
  g_free (field);
}

static void
place_free (gpointer data)
{
  IcFrameworkPlace *place = data;
  g_free (place->indicator);
  g_clear_pointer (&place->fields, g_ptr_array_unref);
  g_clear_pointer (&place->targets, g_hash_table_unref);
  g_free (place);
}

static void
objective_free (gpointer data)
{
  IcFrameworkObjective *objective = data;
  g_free (objective->measure);
  g_free (objective->label);
  g_clear_pointer (&objective->places, g_ptr_array_unref);
  g_free (objective);
}

void
ic_framework_free (IcFramework *framework)
{
  if (framework == NULL)
    return;
  g_free (framework->path);
  g_free (framework->id);
  g_free (framework->title);
  g_clear_pointer (&framework->objectives, g_ptr_array_unref);
  g_clear_pointer (&framework->places, g_ptr_array_unref);
  g_free (framework);
}

/* { "operator": ">=", "value": 20, "on": "value" } or null. */
static gboolean
read_target (Checker *c, JsonNode *node, const char *path, IcTarget *out)
{
  JsonObject *object;
  g_autofree char *op = NULL, *on = NULL, *text = NULL, *problem = NULL;
  gint64 tenths = 0;

  memset (out, 0, sizeof *out);
  out->op = IC_TARGET_NONE;
  if (ic_members_is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return ic_members_invalid (c, path, _("expected a target object or null"));
  object = json_node_get_object (node);
  if (!ic_members_string (c, object, path, "operator", IC_MEMBER_NON_EMPTY, &op)
      || !ic_members_string (c, object, path, "on", IC_MEMBER_NULLABLE, &on))
    return FALSE;
  if (on != NULL && strcmp (on, "value") != 0 && strcmp (on, "count") != 0)
    return ic_members_invalid (c, path, _("on: expected value or count"));
  if (strcmp (op, "progress") != 0
      && !ic_members_tenths (c, object, path, "value", IC_MEMBER_REQUIRED, NULL, &tenths))
    return FALSE;
  /* The same grammar as a département's target, written once. */
  if (strcmp (op, "progress") == 0)
    text = g_strdup_printf ("progress %s", on ? on : "value");
  else
    text = g_strdup_printf ("%s %s %" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, on ? on : "value", op, tenths / 10,
                            tenths % 10);
  if (on != NULL && strcmp (on, "count") == 0 && tenths % 10 == 0 && strcmp (op, "progress") != 0)
    {
      g_free (text);
      text = g_strdup_printf ("count %s %" G_GINT64_FORMAT, op, tenths / 10);
    }
  if (!ic_target_parse (text, out, &problem))
    return ic_members_invalid (c, path, "%s", problem);
  out->origin = IC_TARGET_NATIONAL;
  return TRUE;
}

/* "targets": { "2020-2024": {...}, "2025": null }: a year or a range of
 * years of the framework, each year once. */
static gboolean
read_targets (Checker *c, IcFramework *framework, JsonObject *object, const char *path, IcFrameworkPlace *place)
{
  JsonObject *targets;
  g_autoptr (GList) members = NULL;
  g_autofree char *targets_path = ic_members_path (path, "targets");

  if (!ic_members_object (c, object, path, "targets", IC_MEMBER_NULLABLE, &targets))
    return FALSE;
  members = targets ? json_object_get_members (targets) : NULL;
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *item = ic_members_path (targets_path, key);
      IcTarget target;
      int first, last;

      if (!g_regex_match_simple ("^[0-9]{4}(-[0-9]{4})?$", key, 0, 0))
        return ic_members_invalid (c, item, _("expected a year or a range of years (2020-2024)"));
      first = atoi (key);
      last = strlen (key) > 4 ? atoi (key + 5) : first;
      if (first > last || first < framework->first_year || last > framework->last_year)
        return ic_members_invalid (c, item, _("years outside the framework's"));
      if (!read_target (c, json_object_get_member (targets, key), item, &target))
        return FALSE;
      for (int y = first; y <= last; y++)
        {
          if (g_hash_table_contains (place->targets, GINT_TO_POINTER (y)))
            return ic_members_invalid (c, item, _("year %d given twice"), y);
          g_hash_table_insert (place->targets, GINT_TO_POINTER (y), g_memdup2 (&target, sizeof target));
        }
    }
  return TRUE;
}

static gboolean
read_fields (Checker *c, JsonObject *object, const char *path, IcFrameworkPlace *place)
{
  JsonArray *fields;

  if (!ic_members_array (c, object, path, "fields", IC_MEMBER_OPTIONAL, &fields))
    return FALSE;
  for (guint i = 0; fields && i < json_array_get_length (fields); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.fields[%u]", path, i);
      JsonObject *f = ic_members_element_object (c, fields, i, item);
      IcFrameworkField *field;

      if (f == NULL)
        return FALSE;
      field = g_new0 (IcFrameworkField, 1);
      g_ptr_array_add (place->fields, field);
      if (!ic_members_string (c, f, item, "figure", IC_MEMBER_NON_EMPTY, &field->figure)
          || !ic_members_string (c, f, item, "label", IC_MEMBER_NON_EMPTY, &field->label))
        return FALSE;
      if (strcmp (field->figure, "numerator") != 0 && strcmp (field->figure, "denominator") != 0
          && strcmp (field->figure, "value") != 0
          && !(g_str_has_prefix (field->figure, "details.") && field->figure[8] != '\0'))
        return ic_members_invalid (c, item, _("figure: expected numerator, denominator, value or details.KEY"));
    }
  return TRUE;
}

static IcFrameworkPlace *
read_place (Checker *c, IcFramework *framework, JsonArray *array, guint i, const char *path, int objective)
{
  JsonObject *object = ic_members_element_object (c, array, i, path);
  IcFrameworkPlace *place;

  if (object == NULL)
    return NULL;
  place = g_new0 (IcFrameworkPlace, 1);
  place->objective = objective;
  place->rank = objective ? (int) i + 1 : 0;
  place->fields = g_ptr_array_new_with_free_func (field_free);
  place->targets = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_ptr_array_add (framework->places, place);
  if (!ic_members_string (c, object, path, "id", IC_MEMBER_NON_EMPTY, &place->indicator)
      || !read_targets (c, framework, object, path, place) || !read_fields (c, object, path, place))
    return NULL;
  if (!ic_id_is_valid (place->indicator))
    {
      ic_members_invalid (c, path, _("id: %s"), IC_ID_RULE);
      return NULL;
    }
  for (guint k = 0; k + 1 < framework->places->len; k++)
    if (strcmp (((IcFrameworkPlace *) framework->places->pdata[k])->indicator, place->indicator) == 0)
      {
        ic_members_invalid (c, path, _("%s is named twice"), place->indicator);
        return NULL;
      }
  return place;
}

static gboolean
read_objectives (Checker *c, IcFramework *framework, JsonObject *root)
{
  JsonArray *objectives, *unplaced;

  if (!ic_members_array (c, root, NULL, "objectives", IC_MEMBER_REQUIRED, &objectives))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (objectives); i++)
    {
      g_autofree char *path = g_strdup_printf ("objectives[%u]", i);
      JsonObject *o = ic_members_element_object (c, objectives, i, path);
      IcFrameworkObjective *objective;
      JsonArray *indicators;
      gint64 number, engagement = 0;

      if (o == NULL)
        return FALSE;
      objective = g_new0 (IcFrameworkObjective, 1);
      objective->places = g_ptr_array_new ();
      g_ptr_array_add (framework->objectives, objective);
      if (!ic_members_integer (c, o, path, "number", IC_MEMBER_REQUIRED, NULL, &number)
          || !ic_members_integer (c, o, path, "engagement", IC_MEMBER_NULLABLE, NULL, &engagement)
          || !ic_members_string (c, o, path, "measure", IC_MEMBER_NULLABLE | IC_MEMBER_NON_EMPTY, &objective->measure)
          || !ic_members_string (c, o, path, "label", IC_MEMBER_NON_EMPTY, &objective->label)
          || !ic_members_array (c, o, path, "indicators", IC_MEMBER_OPTIONAL, &indicators))
        return FALSE;
      if (number < 1 || number > 1000 || engagement < 0 || engagement > 1000)
        return ic_members_invalid (c, path, _("number and engagement are small positive numbers"));
      if (ic_framework_objective (framework, (int) number) != NULL)
        return ic_members_invalid (c, path, _("objective %d is given twice"), (int) number);
      objective->number = (int) number;
      objective->engagement = (int) engagement;
      for (guint k = 0; indicators && k < json_array_get_length (indicators); k++)
        {
          g_autofree char *item = g_strdup_printf ("%s.indicators[%u]", path, k);
          IcFrameworkPlace *place = read_place (c, framework, indicators, k, item, objective->number);
          if (place == NULL)
            return FALSE;
          g_ptr_array_add (objective->places, place);
        }
    }
  if (!ic_members_array (c, root, NULL, "unplaced", IC_MEMBER_OPTIONAL, &unplaced))
    return FALSE;
  for (guint k = 0; unplaced && k < json_array_get_length (unplaced); k++)
    {
      g_autofree char *item = g_strdup_printf ("unplaced[%u]", k);
      if (read_place (c, framework, unplaced, k, item, 0) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_framework (Checker *c, IcFramework *framework, JsonNode *node)
{
  static const char *const known[] = { "id", "title", "years", "objectives", "unplaced", "source", NULL };
  JsonObject *root, *years;
  g_autoptr (GList) members = NULL;
  gint64 first, last;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return ic_members_invalid (c, "(root)", _("expected an object"));
  root = json_node_get_object (node);
  members = json_object_get_members (root);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      return ic_members_invalid (c, l->data, _("unknown member (a typo?)"));
  if (!ic_members_string (c, root, NULL, "id", IC_MEMBER_NON_EMPTY, &framework->id)
      || !ic_members_string (c, root, NULL, "title", IC_MEMBER_NON_EMPTY, &framework->title)
      || !ic_members_object (c, root, NULL, "years", IC_MEMBER_REQUIRED, &years)
      || !ic_members_integer (c, years, "years", "first", IC_MEMBER_REQUIRED, NULL, &first)
      || !ic_members_integer (c, years, "years", "last", IC_MEMBER_REQUIRED, NULL, &last))
    return FALSE;
  if (first < 1900 || last > 9998 || first > last)
    return ic_members_invalid (c, "years", _("expected first <= last, from 1900 to 9998"));
  framework->first_year = (int) first;
  framework->last_year = (int) last;
  return read_objectives (c, framework, root);
}

IcFramework *
ic_framework_load_from_data (const char *name, const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (IcFramework) framework = g_new0 (IcFramework, 1);
  Checker checker = { name, NULL, IC_FRAMEWORK_ERROR, IC_FRAMEWORK_ERROR_INVALID, error };

  framework->path = g_strdup (name);
  framework->objectives = g_ptr_array_new_with_free_func (objective_free);
  framework->places = g_ptr_array_new_with_free_func (place_free);
  if (!ic_json_parse (parser, name, data, length, IC_FRAMEWORK_ERROR, IC_FRAMEWORK_ERROR_READ, error)
      || !read_framework (&checker, framework, json_parser_get_root (parser)))
    return NULL;
  return g_steal_pointer (&framework);
}

IcFramework *
ic_framework_load (const char *path, GError **error)
{
  return ic_json_load_file (path, (IcJsonLoadFunc) ic_framework_load_from_data, IC_FRAMEWORK_ERROR,
                            IC_FRAMEWORK_ERROR_READ, error);
}

IcFramework *
ic_framework_find (const char *dir, const char *id, int year, GError **error)
{
  g_autoptr (GPtrArray) all = NULL;

  if (id != NULL)
    {
      g_autofree char *file = g_strconcat (id, ".json", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      if (!g_regex_match_simple ("^[0-9A-Za-z_-]+$", id, 0, 0) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, IC_FRAMEWORK_ERROR, IC_FRAMEWORK_ERROR_NONE, _("no framework %s in %s"), id, dir);
          return NULL;
        }
      return ic_framework_load (path, error);
    }
  all = ic_framework_load_all (dir, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      IcFramework *framework = all->pdata[i];
      if (year >= framework->first_year && year <= framework->last_year)
        return g_ptr_array_steal_index (all, i);
    }
  g_set_error (error, IC_FRAMEWORK_ERROR, IC_FRAMEWORK_ERROR_NONE, _("no framework of %s covers %d"), dir, year);
  return NULL;
}

static int
compare_first_years (gconstpointer a, gconstpointer b)
{
  const IcFramework *x = *(IcFramework *const *) a, *y = *(IcFramework *const *) b;
  return (x->first_year > y->first_year) - (x->first_year < y->first_year);
}

GPtrArray *
ic_framework_load_all (const char *dir, GError **error)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_framework_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      IcFramework *framework;
      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      framework = ic_framework_load (path, error);
      if (framework == NULL)
        return NULL;
      g_ptr_array_add (all, framework);
    }
  g_ptr_array_sort (all, compare_first_years);
  return g_steal_pointer (&all);
}

const IcFrameworkPlace *
ic_framework_place (const IcFramework *framework, const char *indicator)
{
  for (guint i = 0; framework && i < framework->places->len; i++)
    {
      const IcFrameworkPlace *place = framework->places->pdata[i];
      if (strcmp (place->indicator, indicator) == 0)
        return place;
    }
  return NULL;
}

const IcFrameworkObjective *
ic_framework_objective (const IcFramework *framework, int number)
{
  for (guint i = 0; i < framework->objectives->len; i++)
    {
      const IcFrameworkObjective *objective = framework->objectives->pdata[i];
      if (objective->number == number)
        return objective;
    }
  return NULL;
}

gboolean
ic_framework_target (const IcFrameworkPlace *place, int year, IcTarget *out)
{
  const IcTarget *target = g_hash_table_lookup (place->targets, GINT_TO_POINTER (year));

  memset (out, 0, sizeof *out);
  out->op = IC_TARGET_NONE;
  if (target == NULL)
    return FALSE;
  *out = *target;
  return TRUE;
}

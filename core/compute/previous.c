#include "previous.h"

#include <json-glib/json-glib.h>

#include "json-reader.h"
#include <math.h>

G_DEFINE_QUARK (ic-previous-error-quark, ic_previous_error)

static gboolean
invalid (GError **error, const char *name, const char *what)
{
  g_set_error (error, IC_PREVIOUS_ERROR, IC_PREVIOUS_ERROR_INVALID,
               "%s: not an indicore bundle: %s", name, what);
  return FALSE;
}

static gboolean
read_indicator (IcPrevious *previous, const char *name, JsonNode *node, GError **error)
{
  JsonObject *object;
  JsonNode *id, *value, *status;
  IcPreviousValue *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, name, "an indicator is not an object");
  object = json_node_get_object (node);
  id = json_object_get_member (object, "id");
  value = json_object_get_member (object, "value");
  status = json_object_get_member (object, "status");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return invalid (error, name, "an indicator has no id");
  entry = g_new0 (IcPreviousValue, 1);
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value)
      && (json_node_get_value_type (value) == G_TYPE_DOUBLE || json_node_get_value_type (value) == G_TYPE_INT64)
      && status != NULL && JSON_NODE_HOLDS_VALUE (status)
      && g_strcmp0 (json_node_get_string (status), "ok") == 0)
    {
      double v = json_node_get_double (value);
      if (!isfinite (v) || fabs (v) > 1e12)
        {
          g_free (entry);
          return invalid (error, name, "an indicator's value is out of range");
        }
      entry->has_value = TRUE;
      entry->value_tenths = (gint64) llround (v * 10.0);
    }
  {
    JsonNode *num = json_object_get_member (object, "numerator");
    JsonNode *den = json_object_get_member (object, "denominator");
    if (entry->has_value && num && den && JSON_NODE_HOLDS_VALUE (num) && JSON_NODE_HOLDS_VALUE (den)
        && json_node_get_value_type (num) == G_TYPE_INT64 && json_node_get_value_type (den) == G_TYPE_INT64
        && json_node_get_int (num) >= 0 && json_node_get_int (den) > 0
        && json_node_get_int (num) <= G_MAXINT64 / 4 && json_node_get_int (den) <= G_MAXINT64 / 4)
      {
        entry->has_counts = TRUE;
        entry->numerator = json_node_get_int (num);
        entry->denominator = json_node_get_int (den);
      }
  }
  g_hash_table_replace (previous->values, g_strdup (json_node_get_string (id)), entry);
  return TRUE;
}

IcPrevious *
ic_previous_load_from_data (const char *name, const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (IcPrevious) previous = g_new0 (IcPrevious, 1);
  JsonNode *root, *year, *indicators;
  JsonObject *object;
  JsonArray *array;

  previous->path = g_strdup (name);
  previous->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!ic_json_parse (parser, name, data, length, IC_PREVIOUS_ERROR, IC_PREVIOUS_ERROR_READ, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, name, "not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);
  year = json_object_get_member (object, "year");
  indicators = json_object_get_member (object, "indicators");
  if (year == NULL || !JSON_NODE_HOLDS_VALUE (year) || json_node_get_value_type (year) != G_TYPE_INT64
      || json_node_get_int (year) < 1 || json_node_get_int (year) > 9999)
    {
      invalid (error, name, "no year");
      return NULL;
    }
  if (indicators == NULL || !JSON_NODE_HOLDS_ARRAY (indicators))
    {
      invalid (error, name, "no indicators array");
      return NULL;
    }
  previous->year = (int) json_node_get_int (year);
  array = json_node_get_array (indicators);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_indicator (previous, name, json_array_get_element (array, i), error))
      return NULL;
  return g_steal_pointer (&previous);
}

IcPrevious *
ic_previous_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, IC_PREVIOUS_ERROR, IC_PREVIOUS_ERROR_READ, "%s", local->message);
      return NULL;
    }
  return ic_previous_load_from_data (path, data, (gssize) length, error);
}

void
ic_previous_free (IcPrevious *previous)
{
  if (previous == NULL)
    return;
  g_free (previous->path);
  g_clear_pointer (&previous->values, g_hash_table_unref);
  g_free (previous);
}

const IcPreviousValue *
ic_previous_lookup (IcPrevious *previous, const char *id)
{
  return g_hash_table_lookup (previous->values, id);
}

int
ic_previous_compare_years (gconstpointer a, gconstpointer b)
{
  const IcPrevious *pa = *(IcPrevious *const *) a, *pb = *(IcPrevious *const *) b;
  return (pa->year > pb->year) - (pa->year < pb->year);
}

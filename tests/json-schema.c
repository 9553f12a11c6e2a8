/* json-schema.c: see json-schema.h.
 *
 * Two passes. check_schema() walks the whole schema once: every keyword
 * known, every value of the right shape, every pattern compiled (and kept),
 * every $ref resolvable. validate() then walks the instance and may trust
 * the schema's shape. */
#include "json-schema.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

G_DEFINE_QUARK (ic-json-schema-error-quark, ic_json_schema_error)

#define DRAFT_2020_12 "https://json-schema.org/draft/2020-12/schema"
#define REF_PREFIX "#/$defs/"

/* A schema nested deeper than this is refused rather than risking the
 * stack; the bundle's is about 10 deep. */
#define MAX_SCHEMA_DEPTH 200

/* $refs followed in a row without going down into the instance: beyond
 * this, the refs loop (`a` refers to `b` which refers to `a`). */
#define MAX_REF_CHAIN 64

typedef struct {
  JsonNode *root;       /* the whole schema, where $ref looks */
  GHashTable *regexes;  /* pattern text (owned) -> GRegex (owned) */
} IcValidator;

/* ---- JSON pointers (RFC 6901) ---- */

/* Appends "/@token" to @pointer, '~' and '/' escaped as "~0" and "~1".
 * Returns the previous length, for g_string_truncate() when going back up. */
static gsize
pointer_push (GString *pointer, const char *token)
{
  gsize old_len = pointer->len;

  g_string_append_c (pointer, '/');
  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (pointer, "~0");
      else if (*p == '/')
        g_string_append (pointer, "~1");
      else
        g_string_append_c (pointer, *p);
    }
  return old_len;
}

static gsize
pointer_push_index (GString *pointer, guint index)
{
  gsize old_len = pointer->len;

  g_string_append_printf (pointer, "/%u", index);
  return old_len;
}

/* The empty pointer names the whole document: "(root)" reads better in a
 * message than nothing before the colon. */
static const char *
pointer_show (const GString *pointer)
{
  return pointer->len > 0 ? pointer->str : "(root)";
}

/* ---- errors ---- */

static gboolean G_GNUC_PRINTF (3, 4)
schema_error (GError **error, const GString *at, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_SCHEMA,
               "schema %s: %s", pointer_show (at), message);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError **error, const GString *at, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_INVALID,
               "%s: %s", pointer_show (at), message);
  return FALSE;
}

/* ---- values ---- */

/* The JSON type of @node. A G_TYPE_INT64 value is "integer", a double
 * "number" (the "integer" keyword also takes integral doubles: see
 * type_matches()); a non-finite double is "null", as the writer writes it. */
static const char *
instance_type (JsonNode *node)
{
  GType type;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return "integer";
  if (type == G_TYPE_DOUBLE)
    return isfinite (json_node_get_double (node)) ? "number" : "null";
  if (type == G_TYPE_BOOLEAN)
    return "boolean";
  if (type == G_TYPE_STRING && json_node_get_string (node) != NULL)
    return "string";
  return "null";
}

static gboolean
is_number (JsonNode *node)
{
  const char *type = instance_type (node);

  return strcmp (type, "integer") == 0 || strcmp (type, "number") == 0;
}

static gboolean
is_string (JsonNode *node)
{
  return strcmp (instance_type (node), "string") == 0;
}

static gboolean
is_integral (JsonNode *node)
{
  double d;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return TRUE;
  d = json_node_get_double (node);
  return isfinite (d) && floor (d) == d;
}

/* A non-negative integer (2 or 2.0) in @out; FALSE for anything else. */
static gboolean
get_count (JsonNode *node, guint *out)
{
  double d;

  if (!is_number (node) || !is_integral (node))
    return FALSE;
  d = json_node_get_value_type (node) == G_TYPE_INT64
        ? (double) json_node_get_int (node)
        : json_node_get_double (node);
  if (d < 0 || d > G_MAXUINT)
    return FALSE;
  *out = (guint) d;
  return TRUE;
}

/* Compares two number nodes: <0, 0, >0. Two integers compare exactly;
 * otherwise as doubles (integers beyond 2^53 may round: none in a bundle
 * comes near). */
static int
compare_numbers (JsonNode *a, JsonNode *b)
{
  double da, db;

  if (json_node_get_value_type (a) == G_TYPE_INT64 &&
      json_node_get_value_type (b) == G_TYPE_INT64)
    {
      gint64 ia = json_node_get_int (a), ib = json_node_get_int (b);

      return ia < ib ? -1 : ia > ib;
    }
  /* json_node_get_double() converts an integer node. */
  da = json_node_get_double (a);
  db = json_node_get_double (b);
  return da < db ? -1 : da > db;
}

/* JSON Schema equality (for enum and const): same type, numbers by value
 * (1 equals 1.0), arrays item by item, objects member by member in any
 * order. */
static gboolean
json_equal (JsonNode *a, JsonNode *b)
{
  const char *type = instance_type (a);

  if (is_number (a) && is_number (b))
    return compare_numbers (a, b) == 0;
  if (strcmp (type, instance_type (b)) != 0)
    return FALSE;

  if (strcmp (type, "null") == 0)
    return TRUE;
  if (strcmp (type, "boolean") == 0)
    return json_node_get_boolean (a) == json_node_get_boolean (b);
  if (strcmp (type, "string") == 0)
    return strcmp (json_node_get_string (a), json_node_get_string (b)) == 0;

  if (strcmp (type, "array") == 0)
    {
      JsonArray *aa = json_node_get_array (a), *ab = json_node_get_array (b);
      guint n = json_array_get_length (aa);

      if (n != json_array_get_length (ab))
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (!json_equal (json_array_get_element (aa, i), json_array_get_element (ab, i)))
          return FALSE;
      return TRUE;
    }

  /* Objects. */
  {
    JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
    JsonObjectIter iter;
    const char *name;
    JsonNode *member;

    if (json_object_get_size (oa) != json_object_get_size (ob))
      return FALSE;
    json_object_iter_init_ordered (&iter, oa);
    while (json_object_iter_next_ordered (&iter, &name, &member))
      {
        JsonNode *other = json_object_get_member (ob, name);

        if (other == NULL || !json_equal (member, other))
          return FALSE;
      }
    return TRUE;
  }
}

/* @node as compact text for a message; numbers with as few digits as read
 * back the same (JsonGenerator would show 6.6 as 6.5999999999999996). */
static char *
describe (JsonNode *node)
{
  if (json_node_get_node_type (node) == JSON_NODE_VALUE &&
      json_node_get_value_type (node) == G_TYPE_DOUBLE &&
      isfinite (json_node_get_double (node)))
    {
      double d = json_node_get_double (node);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%.15g", d);
      if (g_ascii_strtod (buf, NULL) != d)
        g_ascii_formatd (buf, sizeof buf, "%.17g", d);
      return g_strdup (buf);
    }
  if (strcmp (instance_type (node), "null") == 0)
    return g_strdup ("null");
  return json_to_string (node, FALSE);
}

/* ---- pass 1: the schema ---- */

static const char *const type_names[] = {
  "object", "array", "string", "integer", "number", "boolean", "null",
};

static gboolean
is_type_name (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (strcmp (name, type_names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The schema "#/$defs/NAME" points to, or NULL. NAME is one pointer token
 * ("~1" for '/', "~0" for '~'); deeper pointers are not supported. */
static JsonNode *
resolve_ref (IcValidator *v, const char *ref)
{
  g_autoptr (GString) name = NULL;
  JsonObject *root, *defs;

  if (!g_str_has_prefix (ref, REF_PREFIX) || ref[strlen (REF_PREFIX)] == '\0')
    return NULL;
  if (json_node_get_node_type (v->root) != JSON_NODE_OBJECT)
    return NULL;
  root = json_node_get_object (v->root);
  if (!json_object_has_member (root, "$defs") ||
      json_node_get_node_type (json_object_get_member (root, "$defs")) != JSON_NODE_OBJECT)
    return NULL;
  defs = json_object_get_object_member (root, "$defs");

  name = g_string_new (NULL);
  for (const char *p = ref + strlen (REF_PREFIX); *p != '\0'; p++)
    {
      if (*p == '/')
        return NULL;
      if (*p == '~' && p[1] == '0')
        g_string_append_c (name, '~'), p++;
      else if (*p == '~' && p[1] == '1')
        g_string_append_c (name, '/'), p++;
      else if (*p == '~')
        return NULL;
      else
        g_string_append_c (name, *p);
    }
  return json_object_get_member (defs, name->str);
}

static gboolean
check_pattern (IcValidator *v, const char *pattern, const GString *at, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GRegex *regex;

  if (g_hash_table_contains (v->regexes, pattern))
    return TRUE;

  /* GRegex turns on Unicode properties: \d matches "٣", \w "é". ECMA-262,
   * which JSON Schema specifies, keeps them ASCII. Refused rather than
   * checked more loosely than any other validator would. */
  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (*p != '\\')
        continue;
      p++;
      if (*p == '\0')
        break;
      if (strchr ("dDwW", *p) != NULL)
        return schema_error (error, at,
                             "“\\%c” in a pattern means a Unicode class in GRegex but an "
                             "ASCII one in JSON Schema: write it as a bracket expression "
                             "([0-9], [A-Za-z0-9_])",
                             *p);
    }

  /* DOLLAR_ENDONLY: in ECMA-262 `$` matches at the end only; PCRE would
   * also match before a final newline. */
  regex = g_regex_new (pattern, G_REGEX_DOLLAR_ENDONLY, 0, &local_error);
  if (regex == NULL)
    return schema_error (error, at, "invalid pattern: %s", local_error->message);
  g_hash_table_insert (v->regexes, g_strdup (pattern), regex);
  return TRUE;
}

static gboolean check_schema (IcValidator *v, JsonNode *schema, GString *at, guint depth, GError **error);

/* An array of one or more schemas (oneOf, anyOf). */
static gboolean
check_schema_array (IcValidator *v, JsonNode *value, GString *at, guint depth, GError **error)
{
  JsonArray *array;

  if (json_node_get_node_type (value) != JSON_NODE_ARRAY ||
      json_array_get_length (json_node_get_array (value)) == 0)
    return schema_error (error, at, "must be a non-empty array of schemas");
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize len = pointer_push_index (at, i);

      if (!check_schema (v, json_array_get_element (array, i), at, depth + 1, error))
        return FALSE;
      g_string_truncate (at, len);
    }
  return TRUE;
}

/* An object whose members are schemas (properties, $defs). */
static gboolean
check_schema_map (IcValidator *v, JsonNode *value, GString *at, guint depth, GError **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (json_node_get_node_type (value) != JSON_NODE_OBJECT)
    return schema_error (error, at, "must be an object of schemas");
  json_object_iter_init_ordered (&iter, json_node_get_object (value));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      gsize len = pointer_push (at, name);

      if (!check_schema (v, member, at, depth + 1, error))
        return FALSE;
      g_string_truncate (at, len);
    }
  return TRUE;
}

static gboolean
check_type (JsonNode *value, const GString *at, GError **error)
{
  g_autoptr (GHashTable) seen = NULL;
  JsonArray *array;

  if (is_string (value))
    {
      if (!is_type_name (json_node_get_string (value)))
        return schema_error (error, at, "unknown type “%s”", json_node_get_string (value));
      return TRUE;
    }
  if (json_node_get_node_type (value) != JSON_NODE_ARRAY ||
      json_array_get_length (json_node_get_array (value)) == 0)
    return schema_error (error, at, "must be a type name or a non-empty array of type names");

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *name;

      if (!is_string (item) || !is_type_name (json_node_get_string (item)))
        return schema_error (error, at, "item %u is not a type name", i);
      name = json_node_get_string (item);
      if (!g_hash_table_add (seen, (gpointer) name))
        return schema_error (error, at, "type “%s” listed twice", name);
    }
  return TRUE;
}

static gboolean
check_required (JsonNode *value, const GString *at, GError **error)
{
  g_autoptr (GHashTable) seen = NULL;
  JsonArray *array;

  if (json_node_get_node_type (value) != JSON_NODE_ARRAY)
    return schema_error (error, at, "must be an array of member names");
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!is_string (item))
        return schema_error (error, at, "item %u is not a string", i);
      if (!g_hash_table_add (seen, (gpointer) json_node_get_string (item)))
        return schema_error (error, at, "“%s” listed twice", json_node_get_string (item));
    }
  return TRUE;
}

/* One keyword of a schema object, @at pointing to the keyword. */
static gboolean
check_keyword (IcValidator *v,
               const char *keyword,
               JsonNode *value,
               GString *at,
               guint depth,
               GError **error)
{
  guint count;

  if (strcmp (keyword, "$schema") == 0)
    {
      if (!is_string (value) || strcmp (json_node_get_string (value), DRAFT_2020_12) != 0)
        return schema_error (error, at, "only draft 2020-12 (“%s”) is supported", DRAFT_2020_12);
      return TRUE;
    }

  /* A nested $id would start a new resource that "#/$defs/..." inside it
   * resolves against; a nested $defs could only be reached by a longer
   * pointer than this validator follows. Both only at the root, then. */
  if (strcmp (keyword, "$id") == 0 || strcmp (keyword, "$defs") == 0)
    {
      if (depth > 0)
        return schema_error (error, at, "supported at the root of the schema only");
      if (strcmp (keyword, "$defs") == 0)
        return check_schema_map (v, value, at, depth, error);
      if (!is_string (value))
        return schema_error (error, at, "must be a string");
      return TRUE;
    }

  if (strcmp (keyword, "$comment") == 0 || strcmp (keyword, "title") == 0 ||
      strcmp (keyword, "description") == 0)
    {
      if (!is_string (value))
        return schema_error (error, at, "must be a string");
      return TRUE;
    }

  if (strcmp (keyword, "type") == 0)
    return check_type (value, at, error);

  if (strcmp (keyword, "properties") == 0)
    return check_schema_map (v, value, at, depth, error);

  if (strcmp (keyword, "required") == 0)
    return check_required (value, at, error);

  if (strcmp (keyword, "additionalProperties") == 0 || strcmp (keyword, "items") == 0)
    return check_schema (v, value, at, depth + 1, error);

  if (strcmp (keyword, "enum") == 0)
    {
      if (json_node_get_node_type (value) != JSON_NODE_ARRAY ||
          json_array_get_length (json_node_get_array (value)) == 0)
        return schema_error (error, at, "must be a non-empty array");
      return TRUE;
    }

  if (strcmp (keyword, "const") == 0)
    return TRUE;

  if (strcmp (keyword, "minimum") == 0 || strcmp (keyword, "maximum") == 0)
    {
      if (!is_number (value))
        return schema_error (error, at, "must be a number");
      return TRUE;
    }

  if (strcmp (keyword, "minLength") == 0 || strcmp (keyword, "minItems") == 0
      || strcmp (keyword, "maxItems") == 0)
    {
      if (!get_count (value, &count))
        return schema_error (error, at, "must be a non-negative integer");
      return TRUE;
    }

  if (strcmp (keyword, "pattern") == 0)
    {
      if (!is_string (value))
        return schema_error (error, at, "must be a string");
      return check_pattern (v, json_node_get_string (value), at, error);
    }

  if (strcmp (keyword, "$ref") == 0)
    {
      if (!is_string (value))
        return schema_error (error, at, "must be a string");
      if (resolve_ref (v, json_node_get_string (value)) == NULL)
        return schema_error (error, at,
                             "“%s” does not resolve (only “" REF_PREFIX "NAME” with NAME "
                             "a member of the root's $defs is supported)",
                             json_node_get_string (value));
      return TRUE;
    }

  if (strcmp (keyword, "oneOf") == 0 || strcmp (keyword, "anyOf") == 0)
    return check_schema_array (v, value, at, depth, error);

  /* Not "at": the keyword itself is the problem, name the schema holding it. */
  {
    g_autofree char *holder = g_strndup (at->str, (gsize) (strrchr (at->str, '/') - at->str));
    g_autoptr (GString) holder_at = g_string_new (holder);

    return schema_error (error, holder_at, "unsupported keyword “%s”", keyword);
  }
}

static gboolean
check_schema (IcValidator *v, JsonNode *schema, GString *at, guint depth, GError **error)
{
  JsonObjectIter iter;
  const char *keyword;
  JsonNode *value;

  if (depth > MAX_SCHEMA_DEPTH)
    return schema_error (error, at, "nested more than %d deep", MAX_SCHEMA_DEPTH);

  /* true and false are schemas too (draft 2020-12 section 4.3.2). */
  if (json_node_get_node_type (schema) == JSON_NODE_VALUE &&
      json_node_get_value_type (schema) == G_TYPE_BOOLEAN)
    return TRUE;
  if (json_node_get_node_type (schema) != JSON_NODE_OBJECT)
    return schema_error (error, at, "a schema must be an object or a boolean");

  json_object_iter_init_ordered (&iter, json_node_get_object (schema));
  while (json_object_iter_next_ordered (&iter, &keyword, &value))
    {
      gsize len = pointer_push (at, keyword);

      if (!check_keyword (v, keyword, value, at, depth, error))
        return FALSE;
      g_string_truncate (at, len);
    }
  return TRUE;
}

/* ---- pass 2: the instance ---- */

static gboolean validate (IcValidator *v, JsonNode *schema, JsonNode *instance,
                          GString *at, guint ref_chain, GError **error);

static gboolean
type_matches (const char *name, JsonNode *instance)
{
  const char *type = instance_type (instance);

  if (strcmp (name, type) == 0)
    return TRUE;
  if (strcmp (name, "number") == 0)
    return strcmp (type, "integer") == 0;
  if (strcmp (name, "integer") == 0)
    return strcmp (type, "number") == 0 && is_integral (instance);
  return FALSE;
}

static gboolean
validate_type (JsonNode *type, JsonNode *instance, const GString *at, GError **error)
{
  g_autoptr (GString) expected = g_string_new (NULL);
  JsonArray *array;
  guint n;

  if (is_string (type))
    {
      if (type_matches (json_node_get_string (type), instance))
        return TRUE;
      return invalid (error, at, "expected %s, got %s",
                      json_node_get_string (type), instance_type (instance));
    }

  array = json_node_get_array (type);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    if (type_matches (json_array_get_string_element (array, i), instance))
      return TRUE;

  /* "expected number or null", "expected object, array or null". */
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (expected, i + 1 == n ? " or " : ", ");
      g_string_append (expected, json_array_get_string_element (array, i));
    }
  return invalid (error, at, "expected %s, got %s", expected->str, instance_type (instance));
}

static gboolean
validate_number (JsonObject *schema, JsonNode *instance, const GString *at, GError **error)
{
  JsonNode *minimum = json_object_get_member (schema, "minimum");
  JsonNode *maximum = json_object_get_member (schema, "maximum");

  if (minimum != NULL && compare_numbers (instance, minimum) < 0)
    {
      g_autofree char *got = describe (instance);
      g_autofree char *bound = describe (minimum);

      return invalid (error, at, "%s is less than the minimum %s", got, bound);
    }
  if (maximum != NULL && compare_numbers (instance, maximum) > 0)
    {
      g_autofree char *got = describe (instance);
      g_autofree char *bound = describe (maximum);

      return invalid (error, at, "%s is more than the maximum %s", got, bound);
    }
  return TRUE;
}

static gboolean
validate_string (IcValidator *v, JsonObject *schema, JsonNode *instance,
                 const GString *at, GError **error)
{
  const char *str = json_node_get_string (instance);
  JsonNode *min_length = json_object_get_member (schema, "minLength");
  JsonNode *pattern = json_object_get_member (schema, "pattern");
  guint count;

  /* Characters (code points), not bytes: "é" has length 1. */
  if (min_length != NULL && get_count (min_length, &count) &&
      (guint64) g_utf8_strlen (str, -1) < count)
    return invalid (error, at, "shorter than %u characters", count);

  if (pattern != NULL)
    {
      GRegex *regex = g_hash_table_lookup (v->regexes, json_node_get_string (pattern));

      /* An unanchored search, as in JSON Schema: anchors are the schema's. */
      if (!g_regex_match (regex, str, 0, NULL))
        return invalid (error, at, "“%s” does not match the pattern %s",
                        str, json_node_get_string (pattern));
    }
  return TRUE;
}

static gboolean
validate_array (IcValidator *v, JsonObject *schema, JsonNode *instance,
                GString *at, GError **error)
{
  JsonArray *array = json_node_get_array (instance);
  guint n = json_array_get_length (array);
  JsonNode *min_items = json_object_get_member (schema, "minItems");
  JsonNode *max_items = json_object_get_member (schema, "maxItems");
  JsonNode *items = json_object_get_member (schema, "items");
  guint count;

  if (min_items != NULL && get_count (min_items, &count) && n < count)
    return invalid (error, at, "%u items, fewer than the minimum %u", n, count);
  if (max_items != NULL && get_count (max_items, &count) && n > count)
    return invalid (error, at, "%u items, more than the maximum %u", n, count);

  if (items != NULL)
    for (guint i = 0; i < n; i++)
      {
        gsize len = pointer_push_index (at, i);

        if (!validate (v, items, json_array_get_element (array, i), at, 0, error))
          return FALSE;
        g_string_truncate (at, len);
      }
  return TRUE;
}

static gboolean
validate_object (IcValidator *v, JsonObject *schema, JsonNode *instance,
                 GString *at, GError **error)
{
  JsonObject *object = json_node_get_object (instance);
  JsonNode *required = json_object_get_member (schema, "required");
  JsonNode *properties_node = json_object_get_member (schema, "properties");
  JsonObject *properties = properties_node ? json_node_get_object (properties_node) : NULL;
  JsonNode *additional = json_object_get_member (schema, "additionalProperties");
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (required != NULL)
    {
      JsonArray *names = json_node_get_array (required);

      for (guint i = 0; i < json_array_get_length (names); i++)
        {
          const char *wanted = json_array_get_string_element (names, i);

          if (!json_object_has_member (object, wanted))
            return invalid (error, at, "missing required member “%s”", wanted);
        }
    }

  /* Members in the instance's order, so the first error is the first one a
   * reader of the document meets. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      JsonNode *member_schema = NULL;
      gsize len;

      if (properties != NULL)
        member_schema = json_object_get_member (properties, name);
      if (member_schema == NULL)
        member_schema = additional;
      if (member_schema == NULL)
        continue;

      len = pointer_push (at, name);
      if (json_node_get_node_type (member_schema) == JSON_NODE_VALUE &&
          !json_node_get_boolean (member_schema) && member_schema == additional)
        return invalid (error, at, "member not allowed (additionalProperties is false)");
      if (!validate (v, member_schema, member, at, 0, error))
        return FALSE;
      g_string_truncate (at, len);
    }
  return TRUE;
}

/* oneOf (@exactly_one) or anyOf. The message of a failure lists why each
 * branch failed: "matches none of the oneOf schemas (0: ...; 1: ...)". */
static gboolean
validate_alternatives (IcValidator *v, JsonNode *branches, gboolean exactly_one,
                       JsonNode *instance, GString *at, guint ref_chain, GError **error)
{
  const char *keyword = exactly_one ? "oneOf" : "anyOf";
  JsonArray *array = json_node_get_array (branches);
  g_autoptr (GString) reasons = g_string_new (NULL);
  gint first_match = -1;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (GError) branch_error = NULL;
      g_autoptr (GString) branch_at = g_string_new_len (at->str, at->len);

      if (validate (v, json_array_get_element (array, i), instance, branch_at,
                    ref_chain, &branch_error))
        {
          if (!exactly_one)
            return TRUE;
          if (first_match >= 0)
            return invalid (error, at, "matches %s schemas %d and %u: exactly one must match",
                            keyword, first_match, i);
          first_match = (gint) i;
          continue;
        }
      /* A broken schema is not a non-matching branch. */
      if (g_error_matches (branch_error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_SCHEMA))
        {
          g_propagate_error (error, g_steal_pointer (&branch_error));
          return FALSE;
        }
      g_string_append_printf (reasons, "%s%u: %s", i > 0 ? "; " : "", i, branch_error->message);
    }

  if (first_match >= 0)
    return TRUE;
  return invalid (error, at, "matches none of the %s schemas (%s)", keyword, reasons->str);
}

static gboolean
validate (IcValidator *v, JsonNode *schema_node, JsonNode *instance,
          GString *at, guint ref_chain, GError **error)
{
  JsonObject *schema;
  JsonNode *keyword;
  const char *type;

  if (json_node_get_node_type (schema_node) == JSON_NODE_VALUE)
    {
      /* A boolean schema (pass 1 allowed no other value). */
      if (json_node_get_boolean (schema_node))
        return TRUE;
      return invalid (error, at, "not allowed here (the schema is false)");
    }
  schema = json_node_get_object (schema_node);

  /* Fixed order, whatever the schema's: the reference first, then the
   * type, so a wrong type is reported as such rather than as a failed
   * pattern or bound. */
  if ((keyword = json_object_get_member (schema, "$ref")) != NULL)
    {
      JsonNode *target = resolve_ref (v, json_node_get_string (keyword));

      /* No schema pointer at hand here (at is the instance's): name the
       * reference itself. */
      if (ref_chain >= MAX_REF_CHAIN)
        {
          g_set_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_SCHEMA,
                       "schema: $ref “%s” loops", json_node_get_string (keyword));
          return FALSE;
        }
      if (!validate (v, target, instance, at, ref_chain + 1, error))
        return FALSE;
    }

  if ((keyword = json_object_get_member (schema, "type")) != NULL &&
      !validate_type (keyword, instance, at, error))
    return FALSE;

  if ((keyword = json_object_get_member (schema, "const")) != NULL &&
      !json_equal (keyword, instance))
    {
      g_autofree char *expected = describe (keyword);

      return invalid (error, at, "expected the constant %s", expected);
    }

  if ((keyword = json_object_get_member (schema, "enum")) != NULL)
    {
      JsonArray *values = json_node_get_array (keyword);
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (values) && !found; i++)
        found = json_equal (json_array_get_element (values, i), instance);
      if (!found)
        {
          g_autofree char *got = describe (instance);
          g_autofree char *allowed = describe (keyword);

          return invalid (error, at, "%s is not one of %s", got, allowed);
        }
    }

  /* Each group of keywords applies to its own type only (an instance of
   * another type passes them): "type" is what excludes other types. */
  type = instance_type (instance);
  if (is_number (instance) && !validate_number (schema, instance, at, error))
    return FALSE;
  if (strcmp (type, "string") == 0 && !validate_string (v, schema, instance, at, error))
    return FALSE;
  if (strcmp (type, "array") == 0 && !validate_array (v, schema, instance, at, error))
    return FALSE;
  if (strcmp (type, "object") == 0 && !validate_object (v, schema, instance, at, error))
    return FALSE;

  if ((keyword = json_object_get_member (schema, "oneOf")) != NULL &&
      !validate_alternatives (v, keyword, TRUE, instance, at, ref_chain, error))
    return FALSE;
  if ((keyword = json_object_get_member (schema, "anyOf")) != NULL &&
      !validate_alternatives (v, keyword, FALSE, instance, at, ref_chain, error))
    return FALSE;

  return TRUE;
}

/* ---- public ---- */

gboolean
ic_json_schema_validate (JsonNode *schema, JsonNode *instance, GError **error)
{
  g_autoptr (GHashTable) regexes = NULL;
  g_autoptr (GString) at = NULL;
  IcValidator v;

  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  regexes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_regex_unref);
  v.root = schema;
  v.regexes = regexes;
  at = g_string_new (NULL);

  if (!check_schema (&v, schema, at, 0, error))
    return FALSE;
  g_string_truncate (at, 0);
  return validate (&v, schema, instance, at, 0, error);
}

/* A new reference to the root of the JSON document in @path. */
static JsonNode *
load (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      /* json-glib accepts an empty file, with no root. */
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   "%s: empty document", path);
      return NULL;
    }
  return json_node_copy (root);
}

gboolean
ic_json_schema_validate_file (const char *schema_path,
                              const char *instance_path,
                              GError **error)
{
  g_autoptr (JsonNode) schema = NULL;
  g_autoptr (JsonNode) instance = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (schema_path != NULL, FALSE);
  g_return_val_if_fail (instance_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  schema = load (schema_path, error);
  if (schema == NULL)
    return FALSE;
  instance = load (instance_path, error);
  if (instance == NULL)
    return FALSE;

  if (ic_json_schema_validate (schema, instance, &local_error))
    return TRUE;
  g_propagate_prefixed_error (error, local_error, "%s: ",
                              g_error_matches (local_error, IC_JSON_SCHEMA_ERROR,
                                               IC_JSON_SCHEMA_ERROR_SCHEMA)
                                ? schema_path
                                : instance_path);
  return FALSE;
}

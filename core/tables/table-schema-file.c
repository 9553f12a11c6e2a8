/* table-schema-file.c: one input table's schema read from its JSON file
 * (tables/NAME.json, docs/tables.md) into an IcTableSpec, every member
 * checked, an error naming the file and the member. */
#include "table-schema.h"

#include <glib/gi18n.h>
#include <string.h>

#include "json-members.h"

static const char *const table_members[] = { "name", "file", "columns", "rules", NULL };
static const char *const column_members[] = { "name", "kind", "required", "codes", "open", "form", "places", NULL };
static const char *const rule_members[] = { "kind", "message", "column", "other", "when", "when_codes", "key", NULL };

static const char *const kind_names[] = {
  [IC_COLUMN_KIND_ROW_ID] = "row_id", [IC_COLUMN_KIND_PERSON_ID] = "person_id", [IC_COLUMN_KIND_DATE] = "date",
  [IC_COLUMN_KIND_CODE] = "code", [IC_COLUMN_KIND_TERRITORY] = "territory", [IC_COLUMN_KIND_INTEGER] = "integer",
  [IC_COLUMN_KIND_TEXT] = "text", [IC_COLUMN_KIND_DECIMAL] = "decimal", [IC_COLUMN_KIND_YES_NO] = "yes_no",
  [IC_COLUMN_KIND_FREE_TEXT] = "free_text", NULL
};
/* "integer" was first named "count": schema files written then still say it. */
#define KIND_FORMER_INTEGER "count"
static const char *const form_names[] = {
  [IC_TEXT_AS_WRITTEN] = "as_written", [IC_TEXT_LOWER] = "lower", [IC_TEXT_PERIOD] = "period", NULL
};
static const char *const rule_names[] = {
  [IC_ROW_RULE_NOT_BEFORE] = "not_before", [IC_ROW_RULE_UNIQUE_KEY] = "unique_key",
  [IC_ROW_RULE_TOGETHER] = "together", NULL
};

/* A rule's `when` names a code by its bit in a guint64 (table-rules.c). */
#define MAX_CODES 62

static gboolean
only_known_members (IcJsonMembers *m, JsonObject *object, const char *parent, const char *const *known)
{
  g_autoptr (GList) members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *path = ic_members_path (parent, l->data);
        return ic_members_invalid (m, path, _("unknown member (a typo?)"));
      }
  return TRUE;
}

/* The optional boolean @member, FALSE when absent. */
static gboolean
read_flag (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member, gboolean *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = ic_members_path (parent, member);

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (!ic_members_holds (node, G_TYPE_BOOLEAN))
    return ic_members_invalid (m, path, _("expected true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* The optional string @member as one of @names (its index in *@out). */
static gboolean
read_choice (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
             IcMemberFlags flags, const char *const *names, int *out)
{
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;
  g_autofree char *known = NULL;

  if (!ic_members_string (m, object, parent, member, flags, &value))
    return FALSE;
  if (value == NULL)
    return TRUE;
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (value, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  path = ic_members_path (parent, member);
  known = g_strjoinv (", ", (char **) names);
  return ic_members_invalid (m, path, _("\"%s\" is none of %s"), value, known);
}

/* The optional array of strings @member (NULL when absent), each a code
 * of [A-Z0-9_] when @codes. */
static gboolean
read_strings (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
              gboolean codes, char ***out)
{
  JsonArray *array = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = ic_members_path (parent, member);

  if (!ic_members_array (m, object, parent, member, IC_MEMBER_OPTIONAL, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  if (json_array_get_length (array) == 0)
    return ic_members_invalid (m, path, _("an empty list"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *text = ic_members_holds (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;
      gboolean fit = text != NULL && *text != '\0';
      for (const char *p = text; fit && codes && *p; p++)
        fit = g_ascii_isupper (*p) || g_ascii_isdigit (*p) || *p == '_';
      if (!fit)
        {
          g_autofree char *at = g_strdup_printf ("%s[%u]", path, i);
          return ic_members_invalid (m, at, codes ? _("expected a code of A-Z, 0-9 and _") : _("expected a name"));
        }
      g_strv_builder_add (builder, text);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* The column's kind, its former name "count" read as "integer". */
static gboolean
read_kind (IcJsonMembers *m, JsonObject *object, const char *path, int *kind)
{
  JsonNode *node = json_object_get_member (object, "kind");
  if (node != NULL && ic_members_holds (node, G_TYPE_STRING)
      && strcmp (json_node_get_string (node), KIND_FORMER_INTEGER) == 0)
    {
      *kind = IC_COLUMN_KIND_INTEGER;
      return TRUE;
    }
  return read_choice (m, object, path, "kind", IC_MEMBER_NON_EMPTY, kind_names, kind);
}

/* "places": a decimal column's, required there, and only there. */
static gboolean
read_places (IcJsonMembers *m, JsonObject *object, const char *path, int kind, guint *places)
{
  gboolean has = FALSE;
  gint64 value = 0;
  g_autofree char *at = ic_members_path (path, "places");

  if (!ic_members_count (m, object, path, "places", IC_MEMBER_NULLABLE, &has, &value))
    return FALSE;
  if (kind != IC_COLUMN_KIND_DECIMAL && has)
    return ic_members_invalid (m, path, _("\"places\" belongs to a decimal column"));
  if (kind == IC_COLUMN_KIND_DECIMAL && !has)
    return ic_members_invalid (m, path, _("a decimal column says its number of decimals (\"places\")"));
  if (value > IC_DECIMAL_MAX_PLACES)
    return ic_members_invalid (m, at, _("more than %d decimals"), IC_DECIMAL_MAX_PLACES);
  *places = (guint) value;
  return TRUE;
}

static gboolean
read_column (IcJsonMembers *m, JsonObject *object, const char *path, IcColumnSpec *column)
{
  char *name = NULL;
  char **codes = NULL;
  int kind = -1, form = IC_TEXT_AS_WRITTEN;

  if (!only_known_members (m, object, path, column_members)
      || !ic_members_string (m, object, path, "name", IC_MEMBER_NON_EMPTY, &name))
    return FALSE;
  column->name = name;
  if (!read_kind (m, object, path, &kind)
      || !read_flag (m, object, path, "required", &column->required)
      || !read_flag (m, object, path, "open", &column->codes_open)
      || !read_choice (m, object, path, "form", IC_MEMBER_NULLABLE | IC_MEMBER_NON_EMPTY, form_names, &form)
      || !read_strings (m, object, path, "codes", TRUE, &codes)
      || !read_places (m, object, path, kind, &column->places))
    return FALSE;
  column->kind = (IcColumnKind) kind;
  column->text_form = (IcTextForm) form;
  column->codes = (const char *const *) codes;
  if (kind == IC_COLUMN_KIND_CODE && codes == NULL)
    return ic_members_invalid (m, path, _("a code column lists its codes (\"codes\")"));
  if (kind == IC_COLUMN_KIND_CODE && g_strv_length (codes) > MAX_CODES)
    return ic_members_invalid (m, path, _("more than %d codes"), MAX_CODES);
  if (kind != IC_COLUMN_KIND_CODE && (codes != NULL || column->codes_open))
    return ic_members_invalid (m, path, _("\"codes\" and \"open\" belong to a code column"));
  if (kind != IC_COLUMN_KIND_TEXT && json_object_has_member (object, "form"))
    return ic_members_invalid (m, path, _("\"form\" belongs to a text column"));
  return TRUE;
}

/* The column named by the rule's @member, of one of @kinds (a mask of
 * 1 << IcColumnKind); *@out NULL when the member is absent and not @needed. */
static gboolean
rule_column (IcJsonMembers *m, const IcTableSpec *spec, JsonObject *object, const char *path,
             const char *member, gboolean needed, guint kinds, char **out)
{
  g_autofree char *at = ic_members_path (path, member);
  int c;
  IcMemberFlags flags = needed ? IC_MEMBER_NON_EMPTY : IC_MEMBER_NULLABLE | IC_MEMBER_NON_EMPTY;

  if (!ic_members_string (m, object, path, member, flags, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  c = ic_table_spec_column (spec, *out);
  if (c < 0)
    return ic_members_invalid (m, at, _("no column \"%s\" in the table"), *out);
  if ((kinds & (1u << spec->columns[c].kind)) == 0)
    return ic_members_invalid (m, at, _("column \"%s\" is of a kind this rule does not take"), *out);
  return TRUE;
}

#define KIND(k) (1u << (k))

static gboolean
read_rule (IcJsonMembers *m, const IcTableSpec *spec, JsonObject *object, const char *path, IcRowRule *rule)
{
  int kind = -1;
  char *message = NULL, *column = NULL, *other = NULL, *when = NULL;
  char **when_codes = NULL, **key = NULL;
  gboolean dated, keyed, ok;

  if (!only_known_members (m, object, path, rule_members)
      || !read_choice (m, object, path, "kind", IC_MEMBER_NON_EMPTY, rule_names, &kind)
      || !ic_members_string (m, object, path, "message", IC_MEMBER_NON_EMPTY, &message))
    return FALSE;
  rule->kind = (IcRowRuleKind) kind;
  rule->message = message;
  dated = kind != IC_ROW_RULE_UNIQUE_KEY;
  keyed = kind == IC_ROW_RULE_UNIQUE_KEY;
  guint pair = kind == IC_ROW_RULE_NOT_BEFORE ? KIND (IC_COLUMN_KIND_DATE)
                                              : KIND (IC_COLUMN_KIND_DATE) | KIND (IC_COLUMN_KIND_CODE)
                                                  | KIND (IC_COLUMN_KIND_INTEGER) | KIND (IC_COLUMN_KIND_DECIMAL)
                                                  | KIND (IC_COLUMN_KIND_YES_NO);
  ok = rule_column (m, spec, object, path, "column", dated, dated ? pair : 0, &column);
  rule->column = column;
  ok = ok && rule_column (m, spec, object, path, "other", dated, dated ? pair : 0, &other);
  rule->other = other;
  ok = ok && rule_column (m, spec, object, path, "when", FALSE,
                          kind == IC_ROW_RULE_NOT_BEFORE ? KIND (IC_COLUMN_KIND_CODE) : 0, &when);
  rule->when = when;
  ok = ok && read_strings (m, object, path, "when_codes", TRUE, &when_codes)
       && read_strings (m, object, path, "key", FALSE, &key);
  rule->when_codes = (const char *const *) when_codes;
  rule->key = (const char *const *) key;
  if (!ok)
    return FALSE;
  if ((when == NULL) != (when_codes == NULL))
    return ic_members_invalid (m, path, _("\"when\" and \"when_codes\" go together"));
  for (guint i = 0; when_codes != NULL && when_codes[i] != NULL; i++)
    if (!g_strv_contains (spec->columns[ic_table_spec_column (spec, when)].codes, when_codes[i]))
      return ic_members_invalid (m, path, _("\"%s\" is not a code of column \"%s\""), when_codes[i], when);
  if (keyed != (key != NULL) || (key != NULL && g_strv_length (key) > IC_ROW_RULE_MAX_KEY))
    return ic_members_invalid (m, path, _("a unique_key rule, and only it, has a \"key\" of 1 to %d columns"),
                               IC_ROW_RULE_MAX_KEY);
  for (guint i = 0; key != NULL && key[i] != NULL; i++)
    {
      int c = ic_table_spec_column (spec, key[i]);
      if (c < 0 || (spec->columns[c].kind != IC_COLUMN_KIND_TEXT && spec->columns[c].kind != IC_COLUMN_KIND_TERRITORY))
        return ic_members_invalid (m, path, _("key column \"%s\" is not a text or territory column of the table"),
                                   key[i]);
    }
  return TRUE;
}

static gboolean
read_columns (IcJsonMembers *m, JsonObject *root, IcTableSpec *spec)
{
  JsonArray *array;
  IcColumnSpec *columns;

  if (!ic_members_array (m, root, NULL, "columns", IC_MEMBER_REQUIRED, &array))
    return FALSE;
  if (json_array_get_length (array) == 0)
    return ic_members_invalid (m, "columns", _("an empty list"));
  columns = g_new0 (IcColumnSpec, json_array_get_length (array));
  spec->columns = columns;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("columns[%u]", i);
      JsonObject *object = ic_members_element_object (m, array, i, path);
      spec->n_columns = i + 1;
      if (object == NULL || !read_column (m, object, path, &columns[i]))
        return FALSE;
      if (ic_table_spec_column (spec, columns[i].name) != (int) i)
        return ic_members_invalid (m, path, _("a second column named \"%s\""), columns[i].name);
    }
  return TRUE;
}

static gboolean
read_rules (IcJsonMembers *m, JsonObject *root, IcTableSpec *spec)
{
  JsonArray *array = NULL;
  IcRowRule *rules;

  if (!ic_members_array (m, root, NULL, "rules", IC_MEMBER_OPTIONAL, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  rules = g_new0 (IcRowRule, MAX (json_array_get_length (array), 1u));
  spec->rules = rules;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("rules[%u]", i);
      JsonObject *object = ic_members_element_object (m, array, i, path);
      spec->n_rules = i + 1;
      if (object == NULL || !read_rule (m, spec, object, path, &rules[i]))
        return FALSE;
    }
  return TRUE;
}

static gpointer
load_from_data (const char *name, const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *base = g_path_get_basename (name);
  IcJsonMembers m = { base, NULL, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_INVALID, error };
  IcTableSpec *spec = g_new0 (IcTableSpec, 1);
  char *table_name = NULL, *file = NULL;
  JsonNode *root;
  JsonObject *object;
  gboolean ok;

  if (!ic_json_parse (parser, base, data, length, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_INVALID, error))
    goto fail;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      ic_members_invalid (&m, "", _("expected an object"));
      goto fail;
    }
  object = json_node_get_object (root);
  ok = only_known_members (&m, object, NULL, table_members)
       && ic_members_string (&m, object, NULL, "name", IC_MEMBER_NON_EMPTY, &table_name);
  spec->name = table_name;
  ok = ok && ic_members_string (&m, object, NULL, "file", IC_MEMBER_NON_EMPTY, &file);
  spec->file = file;
  if (ok && (!g_str_has_suffix (file, ".csv") || strchr (file, '/') != NULL))
    ok = ic_members_invalid (&m, "file", _("expected a file name ending in .csv"));
  if (ok && read_columns (&m, object, spec) && read_rules (&m, object, spec))
    return spec;
fail:
  ic_table_spec_free (spec);
  return NULL;
}

IcTableSpec *
ic_table_spec_load (const char *path, GError **error)
{
  return ic_json_load_file (path, load_from_data, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_UNREADABLE, error);
}

void
ic_table_spec_free (IcTableSpec *spec)
{
  if (spec == NULL)
    return;
  for (guint i = 0; i < spec->n_columns; i++)
    {
      g_free ((char *) spec->columns[i].name);
      g_strfreev ((char **) spec->columns[i].codes);
    }
  for (guint i = 0; i < spec->n_rules; i++)
    {
      const IcRowRule *rule = &spec->rules[i];
      g_free ((char *) rule->message);
      g_free ((char *) rule->column);
      g_free ((char *) rule->other);
      g_free ((char *) rule->when);
      g_strfreev ((char **) rule->when_codes);
      g_strfreev ((char **) rule->key);
    }
  g_free ((IcColumnSpec *) spec->columns);
  g_free ((IcRowRule *) spec->rules);
  g_free ((char *) spec->name);
  g_free ((char *) spec->file);
  g_free (spec);
}

/* json-members.c: JSON text parsed with a bound on its depth, files loaded
 * whole, and the typed member readers shared by the bundle reader and the
 * indicator definitions. */
#include "json-members.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "file-io.h"
#include "rate.h"

/* The deepest nesting of arrays and objects in @data, stopping as soon as
 * it passes IC_JSON_MAX_DEPTH; brackets inside strings do not count. */
static guint
nesting_depth (const char *data, gsize length)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length && deepest <= IC_JSON_MAX_DEPTH; i++)
    {
      char c = data[i];
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return deepest;
}

gboolean
ic_json_parse (JsonParser *parser, const char *name, const char *data, gssize length,
               GQuark domain, gint code, GError **error)
{
  g_autoptr (GError) local = NULL;
  const char *message;

  if (nesting_depth (data, length < 0 ? strlen (data) : (gsize) length) > IC_JSON_MAX_DEPTH)
    {
      g_set_error (error, domain, code, _("%s: nested deeper than %d levels"), name, IC_JSON_MAX_DEPTH);
      return FALSE;
    }
  if (json_parser_load_from_data (parser, data, length, &local))
    return TRUE;
  message = g_str_has_prefix (local->message, "<data>") ? local->message + 6 : local->message;
  g_set_error (error, domain, code, "%s%s%s", name, *message == ':' ? "" : ": ", message);
  return FALSE;
}

gpointer
ic_json_load_file (const char *path, IcJsonLoadFunc load, GQuark domain, gint code, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr (GError) local = NULL;

  if (!ic_file_read_regular (path, &data, &length, &local))
    {
      g_set_error (error, domain, code, "%s", local->message);
      return NULL;
    }
  return load (path, data, (gssize) length, error);
}

gboolean
ic_members_invalid (IcJsonMembers *m, const char *path, const char *format, ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (m->kind == NULL)
    g_set_error (m->error, m->domain, m->code, _("%s: member \"%s\": %s"), m->name, path, what);
  else
    g_set_error (m->error, m->domain, m->code, "%s: %s: %s%s%s", m->name, m->kind, path, *path ? ": " : "", what);
  return FALSE;
}

char *
ic_members_path (const char *parent, const char *member)
{
  return parent && *parent ? g_strdup_printf ("%s.%s", parent, member) : g_strdup (member);
}

gboolean
ic_members_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

gboolean
ic_members_holds (JsonNode *node, GType type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* The error for a member of the wrong type: "missing" when absent. */
static gboolean
wrong_type (IcJsonMembers *m, JsonNode *node, const char *parent, const char *member, const char *expected)
{
  g_autofree char *path = ic_members_path (parent, member);
  return ic_members_invalid (m, path, "%s", node == NULL ? _("missing") : expected);
}

gboolean
ic_members_string (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                   IcMemberFlags flags, char **out)
{
  JsonNode *node = json_object_get_member (object, member);
  gboolean non_empty = (flags & IC_MEMBER_NON_EMPTY) != 0;

  if (ic_members_holds (node, G_TYPE_STRING) && !(non_empty && *json_node_get_string (node) == '\0'))
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if ((flags & IC_MEMBER_NULLABLE) && ic_members_is_null (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (non_empty && ic_members_is_null (node))
    node = NULL; /* a definition's null string is a missing one */
  return wrong_type (m, node, parent, member,
                     non_empty                       ? _("expected a non-empty string")
                     : (flags & IC_MEMBER_NULLABLE) ? _("expected a string or null")
                                                    : _("expected a string"));
}

gboolean
ic_members_integer (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                    IcMemberFlags flags, gboolean *has, gint64 *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (ic_members_holds (node, G_TYPE_INT64))
    {
      *out = json_node_get_int (node);
      if (has)
        *has = TRUE;
      return TRUE;
    }
  if ((flags & IC_MEMBER_NULLABLE) && ic_members_is_null (node))
    {
      *out = 0;
      if (has)
        *has = FALSE;
      return TRUE;
    }
  return wrong_type (m, node, parent, member,
                     (flags & IC_MEMBER_NULLABLE) ? _("expected an integer or null") : _("expected an integer"));
}

gboolean
ic_members_count (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                  IcMemberFlags flags, gboolean *has, gint64 *out)
{
  g_autofree char *path = NULL;

  if (!ic_members_integer (m, object, parent, member, flags, has, out))
    return FALSE;
  if (*out >= 0)
    return TRUE;
  path = ic_members_path (parent, member);
  return ic_members_invalid (m, path, _("a count cannot be negative"));
}

gboolean
ic_members_object (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                   IcMemberFlags flags, JsonObject **out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      *out = json_node_get_object (node);
      return TRUE;
    }
  if ((flags & IC_MEMBER_NULLABLE) && ic_members_is_null (node))
    {
      *out = NULL;
      return TRUE;
    }
  return wrong_type (m, node, parent, member, _("expected an object"));
}

gboolean
ic_members_array (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                  IcMemberFlags flags, JsonArray **out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      *out = json_node_get_array (node);
      return TRUE;
    }
  if (((flags & IC_MEMBER_OPTIONAL) && node == NULL) || ((flags & IC_MEMBER_NULLABLE) && ic_members_is_null (node)))
    {
      *out = NULL;
      return TRUE;
    }
  return wrong_type (m, node, parent, member, _("expected an array"));
}

gboolean
ic_members_decimal (IcJsonMembers *m, JsonNode *node, const char *path, guint decimals, IcMemberFlags flags,
                    gboolean *has, gint64 *out)
{
  static const char *const too_fine[] = { NULL, N_("more than one decimal"), N_("more than two decimals"),
                                          N_("more than three decimals"), N_("more than four decimals") };
  gint64 factor = 1;
  double value;

  g_return_val_if_fail (decimals >= 1 && decimals <= 4, FALSE);
  for (guint i = 0; i < decimals; i++)
    factor *= 10;
  if ((flags & IC_MEMBER_NULLABLE) && ic_members_is_null (node))
    {
      *out = 0;
      if (has)
        *has = FALSE;
      return TRUE;
    }
  if (ic_members_holds (node, G_TYPE_INT64))
    {
      gint64 integer = json_node_get_int (node);
      if (integer > G_MAXINT64 / factor || integer < G_MININT64 / factor)
        return ic_members_invalid (m, path, _("number out of range"));
      *out = integer * factor;
    }
  else if (!ic_members_holds (node, G_TYPE_DOUBLE))
    return ic_members_invalid (m, path, "%s",
                               node == NULL                    ? _("missing")
                               : (flags & IC_MEMBER_NULLABLE) ? _("expected a number or null")
                                                              : _("expected a number"));
  else if (!isfinite (value = json_node_get_double (node)) || fabs (value) > 1e12)
    return ic_members_invalid (m, path, _("number out of range"));
  /* A figure is shown as written: anything finer would be rounded here. */
  else if (!ic_decimal_scaled (value, decimals, out))
    return ic_members_invalid (m, path, "%s", _(too_fine[decimals]));
  if (has)
    *has = TRUE;
  return TRUE;
}

gboolean
ic_members_tenths (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                   IcMemberFlags flags, gboolean *has, gint64 *out)
{
  g_autofree char *path = ic_members_path (parent, member);
  return ic_members_decimal (m, json_object_get_member (object, member), path, 1, flags, has, out);
}

JsonObject *
ic_members_element_object (IcJsonMembers *m, JsonArray *array, guint i, const char *path)
{
  JsonNode *node = json_array_get_element (array, i);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  ic_members_invalid (m, path, _("expected an object"));
  return NULL;
}

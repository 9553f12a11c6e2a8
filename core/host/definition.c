/* definition.c: reads and checks an indicator's definition file
 * (indicators/ID.json) with the shared JSON member readers, and fills its
 * French sentence. */
#include "definition.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "french-template.h"
#include "identifier.h"
#include "json-members.h"

G_DEFINE_QUARK (ic-definition-error-quark, ic_definition_error)

static const char *const placeholders[] = { "num", "den", "value", "period", "Y", NULL };
/* The placeholders a plural may follow: « {num} {num:femme|femmes} »; for
 * an indicator of kind count, its {value} too. */
static const char *const counts[] = { "num", "den", NULL };
static const char *const counts_of_count[] = { "num", "den", "value", NULL };

static const char *const known_members[] = {
  "id", "version", "title", "description", "solen", "national_objective", "period", "unit",
  "target", "parameters", "numerator", "denominator", "text_fr", "messages", "kind", "breakdowns", NULL
};

static const char *const known_breakdown_members[] = { "table", "column", "label", NULL };

static const char *const known_solen_members[] = { "engagement", "objective", "label", NULL };

/* The definitions' messages: "NAME: member "PATH": WHAT". */
typedef IcJsonMembers Checker;

static gboolean
invalid (Checker *checker, const char *member, const char *what)
{
  return ic_members_invalid (checker, member, "%s", what);
}

/* A string: required ones must be there, none may be empty. */
static gboolean
get_string (Checker *checker, JsonObject *object, const char *prefix, const char *member,
            gboolean required, char **out)
{
  return ic_members_string (checker, object, prefix, member,
                            IC_MEMBER_NON_EMPTY | (required ? 0 : IC_MEMBER_NULLABLE), out);
}

static gboolean
get_int (Checker *checker, JsonObject *object, const char *prefix, const char *member, gint64 *out)
{
  return ic_members_integer (checker, object, prefix, member, IC_MEMBER_REQUIRED, NULL, out);
}

static gboolean
check_id (Checker *checker, const char *id)
{
  return ic_id_is_valid (id) || invalid (checker, "id", IC_ID_RULE);
}

static gboolean
check_template (Checker *checker, const char *text, IcIndicatorKind kind)
{
  g_autofree char *problem = ic_template_problem (text, placeholders, kind == IC_KIND_COUNT ? counts_of_count : counts);
  return problem == NULL || invalid (checker, "text_fr", problem);
}

static gboolean
read_target (Checker *checker, IcDefinition *definition, JsonNode *node)
{
  JsonObject *target;
  g_autofree char *op = NULL;

  definition->target = IC_TARGET_NONE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (checker, "target", _("expected an object or null"));
  target = json_node_get_object (node);
  if (!get_string (checker, target, "target", "operator", TRUE, &op))
    return FALSE;
  if (strcmp (op, "progress") == 0)
    {
      definition->target = IC_TARGET_PROGRESS;
      return json_object_get_size (target) == 1
             || invalid (checker, "target", _("a progress target has no other member"));
    }
  if (strcmp (op, ">=") == 0)
    definition->target = IC_TARGET_GE;
  else if (strcmp (op, ">") == 0)
    definition->target = IC_TARGET_GT;
  else if (strcmp (op, "<=") == 0)
    definition->target = IC_TARGET_LE;
  else if (strcmp (op, "<") == 0)
    definition->target = IC_TARGET_LT;
  else
    return invalid (checker, "target.operator", _("expected >=, >, <=, < or progress"));

  if (!ic_members_tenths (checker, target, "target", "value", IC_MEMBER_REQUIRED, NULL, &definition->target_tenths))
    return FALSE;
  return json_object_get_size (target) == 2 || invalid (checker, "target", _("expected only operator and value"));
}

static gboolean
read_parameters (Checker *checker, IcDefinition *definition, JsonNode *node)
{
  JsonObject *object;
  g_autoptr (GList) members = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (checker, "parameters", _("expected an object"));
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      IcParameter parameter = { g_strdup (l->data), 0, NULL };
      IcParameter *kept;
      g_array_append_val (definition->parameters, parameter);
      kept = &g_array_index (definition->parameters, IcParameter, definition->parameters->len - 1);
      /* A string (ABI 1.2: a list of codes, "AED,AEMO"), or an integer. */
      if (ic_members_holds (json_object_get_member (object, l->data), G_TYPE_STRING))
        {
          if (!get_string (checker, object, "parameters", l->data, TRUE, &kept->text))
            return FALSE;
          continue;
        }
      if (!get_int (checker, object, "parameters", l->data, &kept->value))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_kind (Checker *checker, IcDefinition *definition, JsonObject *object)
{
  g_autofree char *kind = NULL;

  definition->kind = IC_KIND_RATE;
  if (!get_string (checker, object, NULL, "kind", FALSE, &kind))
    return FALSE;
  if (kind == NULL || strcmp (kind, "rate") == 0)
    return TRUE;
  if (strcmp (kind, "count") == 0)
    {
      definition->kind = IC_KIND_COUNT;
      return TRUE;
    }
  return invalid (checker, "kind", _("expected rate or count"));
}

/* "breakdowns": [ { "table": "measures", "column": "measure_type",
 * "label": "type de mesure" } ]: each column once. The column's kind is
 * checked when the plugin reaches it (the table's schema may come with
 * the plugin). */
static gboolean
read_breakdowns (Checker *checker, IcDefinition *definition, JsonObject *object)
{
  JsonArray *array = NULL;

  if (!ic_members_array (checker, object, NULL, "breakdowns", IC_MEMBER_OPTIONAL, &array))
    return FALSE;
  if (array != NULL && json_array_get_length (array) > IC_DEFINITION_BREAKDOWNS_MAX)
    return invalid (checker, "breakdowns", _("at most 8 breakdowns"));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("breakdowns[%u]", i);
      JsonObject *item = ic_members_element_object (checker, array, i, path);
      IcBreakdownSpec *spec;
      g_autoptr (GList) members = NULL;

      if (item == NULL)
        return FALSE;
      members = json_object_get_members (item);
      for (GList *l = members; l; l = l->next)
        if (!g_strv_contains (known_breakdown_members, l->data))
          {
            g_autofree char *full = ic_members_path (path, l->data);
            return invalid (checker, full, _("unknown member (a typo?)"));
          }
      spec = g_new0 (IcBreakdownSpec, 1);
      g_ptr_array_add (definition->breakdowns, spec);
      if (!get_string (checker, item, path, "table", TRUE, &spec->table)
          || !get_string (checker, item, path, "column", TRUE, &spec->column)
          || !get_string (checker, item, path, "label", TRUE, &spec->label))
        return FALSE;
      if (ic_definition_breakdown (definition, spec->table, spec->column) != spec)
        return invalid (checker, path, _("a second breakdown by the same column"));
    }
  return TRUE;
}

/* Targets and parameters within what they can mean: a target in % from 0
 * to 100 (json-glib reads an integer beyond gint64, such as 10^23, as -1:
 * « >= -1 », always met, is refused here rather than published), any other
 * target from 0 to 10^9; parameters as IC_DEFINITION_PARAMETER_MAX says. */
static gboolean
check_ranges (Checker *checker, const IcDefinition *definition)
{
  gboolean decided = definition->target != IC_TARGET_NONE && definition->target != IC_TARGET_PROGRESS;
  gboolean rate = g_strcmp0 (definition->unit, "%") == 0;

  if (decided && (definition->target_tenths < 0 || definition->target_tenths > (rate ? 1000 : G_GINT64_CONSTANT (10000000000))))
    return invalid (checker, "target.value", /* xgettext:no-c-format */
                   rate ? _("a target in % is from 0 to 100") : _("a target is from 0 to 1000000000"));
  for (guint i = 0; i < definition->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (definition->parameters, IcParameter, i);
      if (p->text != NULL && strlen (p->text) > 1024)
        {
          g_autofree char *member = g_strdup_printf ("parameters.%s", p->name);
          return invalid (checker, member, _("a string parameter has at most 1024 bytes"));
        }
      if (p->text == NULL && (p->value < 0 || p->value > IC_DEFINITION_PARAMETER_MAX))
        {
          g_autofree char *member = g_strdup_printf ("parameters.%s", p->name);
          return invalid (checker, member, _("expected a whole number from 0 to 1000000"));
        }
    }
  return TRUE;
}

/* Where an indicator sits is the framework's (frameworks/): a solen
 * member, optional, is still read and checked, and otherwise unused. */
static gboolean
read_solen (Checker *checker, IcDefinition *definition, JsonNode *solen_node)
{
  g_autoptr (GList) members = NULL;
  JsonObject *solen;
  gint64 engagement, objective;

  if (solen_node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (solen_node))
    return invalid (checker, "solen", "expected an object with engagement, objective and label");
  solen = json_node_get_object (solen_node);
  members = json_object_get_members (solen);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known_solen_members, l->data))
      {
        g_autofree char *full = g_strdup_printf ("solen.%s", (const char *) l->data);
        return invalid (checker, full, "unknown member (a typo?)");
      }
  if (!get_int (checker, solen, "solen", "engagement", &engagement)
      || !get_int (checker, solen, "solen", "objective", &objective)
      || !get_string (checker, solen, "solen", "label", TRUE, &definition->solen_label))
    return FALSE;
  if (engagement < 0 || engagement > 1000 || objective < 0 || objective > 1000)
    return invalid (checker, "solen", "engagement and objective are small positive numbers");
  definition->solen_engagement = (int) engagement;
  definition->solen_objective = (int) objective;
  return TRUE;
}

static gboolean
read_definition (Checker *checker, IcDefinition *definition, JsonNode *root)
{
  JsonObject *object;
  g_autoptr (GList) members = NULL;
  g_autofree char *period = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return invalid (checker, "(root)", _("expected an object"));
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known_members, l->data))
      return invalid (checker, l->data, _("unknown member (a typo?)"));

  if (!get_string (checker, object, NULL, "id", TRUE, &definition->id)
      || !check_id (checker, definition->id)
      || !get_string (checker, object, NULL, "version", TRUE, &definition->version)
      || !get_string (checker, object, NULL, "title", TRUE, &definition->title)
      || !get_string (checker, object, NULL, "description", FALSE, &definition->description)
      || !get_string (checker, object, NULL, "national_objective", FALSE, &definition->national_objective)
      || !get_string (checker, object, NULL, "period", TRUE, &period)
      || !get_string (checker, object, NULL, "unit", TRUE, &definition->unit)
      || !get_string (checker, object, NULL, "numerator", TRUE, &definition->numerator)
      || !read_kind (checker, definition, object)
      /* A count has no denominator. */
      || !get_string (checker, object, NULL, "denominator", definition->kind == IC_KIND_RATE, &definition->denominator)
      || !get_string (checker, object, NULL, "text_fr", TRUE, &definition->text_fr)
      || !check_template (checker, definition->text_fr, definition->kind))
    return FALSE;
  if (!ic_period_kind_from_string (period, &definition->period))
    return invalid (checker, "period", _("expected calendar_year or school_year"));

  return read_solen (checker, definition, json_object_get_member (object, "solen"))
         && read_target (checker, definition, json_object_get_member (object, "target"))
         && ic_messages_read (checker, json_object_get_member (object, "messages"), definition->messages)
         && read_parameters (checker, definition, json_object_get_member (object, "parameters"))
         && read_breakdowns (checker, definition, object)
         && check_ranges (checker, definition);
}

static void
clear_parameter (gpointer data)
{
  g_free (((IcParameter *) data)->name);
  g_free (((IcParameter *) data)->text);
}

static void
breakdown_spec_free (gpointer data)
{
  IcBreakdownSpec *spec = data;
  g_free (spec->table);
  g_free (spec->column);
  g_free (spec->label);
  g_free (spec);
}

IcDefinition *
ic_definition_load_from_data (const char *name, const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (IcDefinition) definition = g_new0 (IcDefinition, 1);
  Checker checker = { name, NULL, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_INVALID, error };

  definition->path = g_strdup (name);
  definition->parameters = g_array_new (FALSE, TRUE, sizeof (IcParameter));
  g_array_set_clear_func (definition->parameters, clear_parameter);
  definition->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_message_free);
  definition->breakdowns = g_ptr_array_new_with_free_func (breakdown_spec_free);

  if (!ic_json_parse (parser, name, data, length, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_READ, error))
    return NULL;
  /* json-glib reads an empty (or blank) text as a document without root. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_READ,
                   _("%s: empty file, expected a JSON object"), name);
      return NULL;
    }
  if (!read_definition (&checker, definition, json_parser_get_root (parser)))
    return NULL;
  return g_steal_pointer (&definition);
}

IcDefinition *
ic_definition_load (const char *path, GError **error)
{
  return ic_json_load_file (path, (IcJsonLoadFunc) ic_definition_load_from_data, IC_DEFINITION_ERROR,
                            IC_DEFINITION_ERROR_READ, error);
}

void
ic_definition_free (IcDefinition *definition)
{
  if (definition == NULL)
    return;
  g_free (definition->path);
  g_free (definition->id);
  g_free (definition->version);
  g_free (definition->title);
  g_free (definition->description);
  g_free (definition->solen_label);
  g_free (definition->national_objective);
  g_free (definition->unit);
  if (definition->parameters)
    g_array_unref (definition->parameters);
  g_free (definition->numerator);
  g_free (definition->denominator);
  g_free (definition->text_fr);
  if (definition->messages)
    g_ptr_array_unref (definition->messages);
  if (definition->breakdowns)
    g_ptr_array_unref (definition->breakdowns);
  g_free (definition);
}

const IcParameter *
ic_definition_parameter (const IcDefinition *definition, const char *name)
{
  for (guint i = 0; i < definition->parameters->len; i++)
    {
      const IcParameter *parameter = &g_array_index (definition->parameters, IcParameter, i);
      if (strcmp (parameter->name, name) == 0)
        return parameter;
    }
  return NULL;
}

const IcBreakdownSpec *
ic_definition_breakdown (const IcDefinition *definition, const char *table, const char *column)
{
  for (guint i = 0; definition != NULL && table != NULL && column != NULL && i < definition->breakdowns->len; i++)
    {
      const IcBreakdownSpec *spec = definition->breakdowns->pdata[i];
      if (g_strcmp0 (spec->table, table) == 0 && g_strcmp0 (spec->column, column) == 0)
        return spec;
    }
  return NULL;
}

const char *
ic_indicator_kind_to_string (IcIndicatorKind kind)
{
  return kind == IC_KIND_COUNT ? "count" : "rate";
}

const char *
ic_target_operator_to_string (IcTargetOperator op)
{
  switch (op)
    {
    case IC_TARGET_GE: return ">=";
    case IC_TARGET_GT: return ">";
    case IC_TARGET_LE: return "<=";
    case IC_TARGET_LT: return "<";
    case IC_TARGET_PROGRESS: return "progress";
    case IC_TARGET_NONE: break;
    }
  return NULL;
}

char *
ic_definition_expand_text (const IcDefinition *definition,
                           gint64 num, gint64 den, gint64 value_tenths,
                           const char *period_label, int year)
{
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  gboolean count = definition->kind == IC_KIND_COUNT;
  const IcTemplateArg args[] = {
    { "num", IC_TEMPLATE_INT, num, NULL },
    { "den", IC_TEMPLATE_INT, den, NULL },
    { "value", count ? IC_TEMPLATE_INT : IC_TEMPLATE_TENTHS, count ? num : value_tenths, NULL },
    { "period", IC_TEMPLATE_TEXT, 0, period_label },
    { "Y", IC_TEMPLATE_TEXT, 0, year_text },
  };

  return ic_template_expand (definition->text_fr, args, G_N_ELEMENTS (args));
}

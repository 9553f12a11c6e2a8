/* message.c: a definition's "messages" read and checked, a plugin's call
 * naming one checked against them, and its French text composed: the
 * plugin gives an id and integers, the core writes the words. */
#include "message.h"

#include <string.h>

#include "french-template.h"
#include "identifier.h"

/* IC_ID_RULE in French, for the reasons a report may show. */
#define IC_ID_RULE_FR "1 à 64 caractères de a-z, 0-9 et _"

void
ic_message_free (IcMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->id);
  g_free (message->one);
  g_free (message->other);
  g_free (message->count);
  g_strfreev (message->params);
  g_free (message);
}

/* A form: not empty, not too long, a template whose names are parameter
 * names, on one line (a report's line). */
static gboolean
check_form (IcJsonMembers *checker, const char *path, const char *form)
{
  g_autofree char *problem = NULL;

  if (strlen (form) > IC_MESSAGE_FORM_MAX)
    return ic_members_invalid (checker, path, "longer than %d bytes", IC_MESSAGE_FORM_MAX);
  for (const char *p = form; *p; p++)
    if ((guchar) *p < 0x20)
      return ic_members_invalid (checker, path, "a control character (a message is one line)");
  if ((problem = ic_template_problem (form, NULL, NULL)) != NULL)
    return ic_members_invalid (checker, path, "%s", problem);
  return TRUE;
}

/* Names the core fills itself, as in text_fr: the run's year, the
 * indicator's period label. A plugin does not give them. */
static const char *const core_names[] = { "Y", "period", NULL };

/* Every name either form uses, each once, but the core's: the message's
 * parameters. */
static gboolean
collect_params (IcJsonMembers *checker, const char *path, IcMessage *message)
{
  g_auto (GStrv) one = ic_template_names (message->one);
  g_auto (GStrv) other = message->other ? ic_template_names (message->other) : NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; one[i]; i++)
    if (!g_strv_contains (core_names, one[i]))
      g_strv_builder_add (builder, one[i]);
  for (guint i = 0; other && other[i]; i++)
    if (!g_strv_contains ((const char *const *) one, other[i]) && !g_strv_contains (core_names, other[i]))
      g_strv_builder_add (builder, other[i]);
  message->params = g_strv_builder_end (builder);
  if (g_strv_length (message->params) > IC_MESSAGE_PARAMS_MAX)
    return ic_members_invalid (checker, path, "more than %d parameters", IC_MESSAGE_PARAMS_MAX);
  for (guint i = 0; message->params[i]; i++)
    if (!ic_id_is_valid (message->params[i]))
      return ic_members_invalid (checker, path, "parameter {%s}: a name is " IC_ID_RULE, message->params[i]);
  if (message->count && !g_strv_contains ((const char *const *) message->params, message->count))
    return ic_members_invalid (checker, path, "no form uses {%s}, which chooses between one and other",
                               message->count);
  return TRUE;
}

static gboolean
read_forms (IcJsonMembers *checker, const char *path, JsonNode *node, IcMessage *message)
{
  static const char *const known[] = { "one", "other", "count", NULL };
  g_autofree char *one_path = g_strdup_printf ("%s.one", path), *other_path = g_strdup_printf ("%s.other", path);
  g_autoptr (GList) members = NULL;
  JsonObject *object;

  if (ic_members_holds (node, G_TYPE_STRING))
    {
      message->one = g_strdup (json_node_get_string (node));
      return check_form (checker, path, message->one);
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return ic_members_invalid (checker, path, "expected a string, or an object with \"one\" and \"other\"");
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      return ic_members_invalid (checker, path, "unknown member \"%s\" (known: one, other, count)",
                                 (const char *) l->data);
  if (!ic_members_string (checker, object, path, "one", IC_MEMBER_NON_EMPTY, &message->one)
      || !ic_members_string (checker, object, path, "other", IC_MEMBER_NON_EMPTY, &message->other)
      || !ic_members_string (checker, object, path, "count", IC_MEMBER_NULLABLE | IC_MEMBER_NON_EMPTY,
                             &message->count))
    return FALSE;
  if (message->count == NULL)
    message->count = g_strdup ("n");
  return check_form (checker, one_path, message->one) && check_form (checker, other_path, message->other);
}

gboolean
ic_messages_read (IcJsonMembers *checker, JsonNode *node, GPtrArray *messages)
{
  g_autoptr (GList) members = NULL;
  JsonObject *object;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return ic_members_invalid (checker, "messages", "expected an object: message id -> its French forms");
  object = json_node_get_object (node);
  if (json_object_get_size (object) > IC_MESSAGES_MAX)
    return ic_members_invalid (checker, "messages", "more than %d messages", IC_MESSAGES_MAX);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("messages.%s", (const char *) l->data);
      g_autoptr (IcMessage) message = g_new0 (IcMessage, 1);

      if (!ic_id_is_valid (l->data))
        return ic_members_invalid (checker, path, "a message id is " IC_ID_RULE);
      message->id = g_strdup (l->data);
      if (!read_forms (checker, path, json_object_get_member (object, l->data), message)
          || !collect_params (checker, path, message))
        return FALSE;
      g_ptr_array_add (messages, g_steal_pointer (&message));
    }
  return TRUE;
}

const IcMessage *
ic_messages_find (const GPtrArray *messages, const char *id)
{
  for (guint i = 0; messages && id && i < messages->len; i++)
    if (strcmp (((const IcMessage *) messages->pdata[i])->id, id) == 0)
      return messages->pdata[i];
  return NULL;
}

static void
value_clear (gpointer data)
{
  g_free (((IcMessageValue *) data)->name);
}

IcMessageCall *
ic_message_call_new (IcMessageKind kind, const char *id)
{
  IcMessageCall *call = g_new0 (IcMessageCall, 1);
  call->kind = kind;
  call->id = g_strdup (id);
  call->values = g_array_new (FALSE, TRUE, sizeof (IcMessageValue));
  g_array_set_clear_func (call->values, value_clear);
  return call;
}

void
ic_message_call_add (IcMessageCall *call, const char *name, gint64 value)
{
  IcMessageValue v = { g_strdup (name), value };
  g_array_append_val (call->values, v);
}

void
ic_message_call_free (IcMessageCall *call)
{
  if (call == NULL)
    return;
  g_free (call->id);
  g_array_unref (call->values);
  g_free (call);
}

char *
ic_message_call_problem (const GPtrArray *messages, const IcMessageCall *call)
{
  const IcMessage *message;

  if (call->id == NULL || !ic_id_is_valid (call->id))
    return g_strdup ("un identifiant de message qui n'est pas fait de " IC_ID_RULE_FR);
  if ((message = ic_messages_find (messages, call->id)) == NULL)
    return g_strdup_printf ("le message « %s », que la définition ne déclare pas", call->id);
  if (call->values->len > IC_MESSAGE_PARAMS_MAX)
    return g_strdup_printf ("le message « %s » avec %u paramètres (au plus %d)", call->id, call->values->len,
                            IC_MESSAGE_PARAMS_MAX);
  for (guint i = 0; i < call->values->len; i++)
    {
      const IcMessageValue *v = &g_array_index (call->values, IcMessageValue, i);
      if (v->name == NULL || !ic_id_is_valid (v->name))
        return g_strdup_printf ("le message « %s » : un nom de paramètre qui n'est pas fait de " IC_ID_RULE_FR, call->id);
      if (!g_strv_contains ((const char *const *) message->params, v->name))
        return g_strdup_printf ("le message « %s » : le paramètre %s, qu'il n'utilise pas", call->id, v->name);
      for (guint k = 0; k < i; k++)
        if (strcmp (g_array_index (call->values, IcMessageValue, k).name, v->name) == 0)
          return g_strdup_printf ("le message « %s » : le paramètre %s donné deux fois", call->id, v->name);
      if (v->value < -IC_MESSAGE_VALUE_MAX || v->value > IC_MESSAGE_VALUE_MAX)
        return g_strdup_printf ("le message « %s » : le paramètre %s hors limites (au plus 2^53 en valeur absolue)",
                                call->id, v->name);
    }
  /* Every parameter given, so that no "{n}" reaches a report. */
  if (call->values->len != g_strv_length (message->params))
    for (guint p = 0; message->params[p]; p++)
      {
        gboolean given = FALSE;
        for (guint i = 0; i < call->values->len && !given; i++)
          given = strcmp (g_array_index (call->values, IcMessageValue, i).name, message->params[p]) == 0;
        if (!given)
          return g_strdup_printf ("le message « %s » sans son paramètre %s", call->id, message->params[p]);
      }
  return NULL;
}

char *
ic_message_compose (const GPtrArray *messages, const IcMessageCall *call, const char *period_label, int year)
{
  const IcMessage *message = ic_messages_find (messages, call->id);
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  IcTemplateArg args[IC_MESSAGE_PARAMS_MAX + 2];
  const char *form;
  guint n = MIN (call->values->len, IC_MESSAGE_PARAMS_MAX);

  g_return_val_if_fail (message != NULL, g_strdup (""));
  form = message->one;
  for (guint i = 0; i < n; i++)
    {
      const IcMessageValue *v = &g_array_index (call->values, IcMessageValue, i);
      args[i] = (IcTemplateArg) { v->name, IC_TEMPLATE_INT, v->value, NULL };
      if (message->other && strcmp (v->name, message->count) == 0)
        form = ic_fr_plural (v->value, message->one, message->other);
    }
  args[n++] = (IcTemplateArg) { "Y", IC_TEMPLATE_TEXT, 0, year_text };
  args[n++] = (IcTemplateArg) { "period", IC_TEMPLATE_TEXT, 0, period_label };
  return ic_template_expand (form, args, n);
}

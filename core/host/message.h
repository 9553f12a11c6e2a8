/* message.h: the messages of an indicator's definition ("messages": id ->
 * French forms with named parameters), and a plugin's call naming one:
 * checked against the definition, then composed in French by the core. */
#pragma once

#include <glib.h>

#include "json-members.h"

G_BEGIN_DECLS

/* Messages one definition may declare; parameters one call may give. */
#define IC_MESSAGES_MAX 64
#define IC_MESSAGE_PARAMS_MAX 8
/* Bytes of one form in the definition. */
#define IC_MESSAGE_FORM_MAX 512
/* A parameter's magnitude, as a detail's: 2^53. */
#define IC_MESSAGE_VALUE_MAX G_GINT64_CONSTANT (9007199254740992)

typedef struct {
  char *id;
  char *one;      /* the form when `count` is 0 or 1, or the only form */
  char *other;    /* the form from 2 on; NULL when the message has one form */
  char *count;    /* the parameter that chooses the form ("n"); NULL with one form */
  GStrv params;   /* every parameter the forms use, each once, but {Y} and
                   * {period}, which the core fills */
} IcMessage;

void ic_message_free (IcMessage *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcMessage, ic_message_free)

/* Reads the definition's "messages" member @node (may be NULL: none) into
 * @messages (IcMessage *). FALSE with the error set through @checker,
 * naming "messages.ID" and what is wrong. */
gboolean ic_messages_read (IcJsonMembers *checker, JsonNode *node, GPtrArray *messages);

/* The message @id of @messages, or NULL. */
const IcMessage *ic_messages_find (const GPtrArray *messages, const char *id);

typedef enum {
  IC_MESSAGE_WARNING,
  IC_MESSAGE_REASON, /* why the indicator is not available */
} IcMessageKind;

typedef struct {
  char *name;
  gint64 value;
} IcMessageValue;

/* A plugin's call: which message, with which parameters. */
typedef struct {
  IcMessageKind kind;
  char *id;
  GArray *values; /* IcMessageValue */
} IcMessageCall;

IcMessageCall *ic_message_call_new (IcMessageKind kind, const char *id);
void ic_message_call_add (IcMessageCall *call, const char *name, gint64 value);
void ic_message_call_free (IcMessageCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcMessageCall, ic_message_call_free)

/* The problem with @call against @messages, or NULL: the id declared, at
 * most IC_MESSAGE_PARAMS_MAX parameters, each [a-z0-9_] and used by the
 * message, given once, within ±IC_MESSAGE_VALUE_MAX, every parameter of
 * the message given. Never quotes a value. In French, as every reason a
 * report may show. Newly allocated. */
char *ic_message_call_problem (const GPtrArray *messages, const IcMessageCall *call);

/* The French text of @call, which passed ic_message_call_problem(): the
 * form its count chooses, filled with its parameters (integers grouped by
 * thousands), and {Y} and {period}, which the core gives: @year and
 * @period_label. Newly allocated. */
char *ic_message_compose (const GPtrArray *messages, const IcMessageCall *call, const char *period_label, int year);

G_END_DECLS

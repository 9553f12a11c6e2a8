/* french-template.h: French sentences with named parameters, for the
 * definitions' `text_fr` and `messages`: "{n}" inserts a parameter,
 * "{n:femme|femmes}" chooses by it (singular for 0 and 1, plural from 2). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* French takes the singular for 0 and 1, the plural from 2 on (and from
 * -2 down): « 0 femme », « 1 femme », « 2 femmes ». */
gboolean ic_fr_is_plural (gint64 n);

/* @one or @other, as ic_fr_is_plural (@n) says. Returns one of them. */
const char *ic_fr_plural (gint64 n, const char *one, const char *other);

typedef enum {
  IC_TEMPLATE_INT,    /* an integer, grouped by thousands: "1 560" */
  IC_TEMPLATE_TENTHS, /* tenths with a decimal comma: 66 -> "6,6" */
  IC_TEMPLATE_TEXT,   /* a text inserted as it is (a year, a period label) */
} IcTemplateKind;

typedef struct {
  const char *name;
  IcTemplateKind kind;
  gint64 value;       /* INT and TENTHS */
  const char *text;   /* TEXT */
} IcTemplateArg;

/* The problem with @text as a template whose parameters are @names
 * (NULL-terminated), of which @counts (NULL-terminated, may be NULL) may
 * choose a form, or NULL: every "{" closed by "}", a name of [a-z0-9_A-Z],
 * a choice "{name:one|other}" with one "|" and no brace inside, and only
 * on a count. Newly allocated; quotes no more than a name. */
char *ic_template_problem (const char *text, const char *const *names, const char *const *counts);

/* The names @text uses, each once, in order of appearance; a new array of
 * new strings (NULL-terminated). @text must have passed
 * ic_template_problem() (with every name allowed). */
GStrv ic_template_names (const char *text);

/* @text with its parameters filled from @args; a choice by a parameter
 * that is not an integer takes the plural. A name not in @args is left as
 * it is written. Newly allocated. */
char *ic_template_expand (const char *text, const IcTemplateArg *args, gsize n_args);

G_END_DECLS

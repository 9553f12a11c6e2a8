/* french-template.c: fills the definitions' French sentences and messages,
 * "{name}" and "{name:singulier|pluriel}", with French numbers and the
 * French plural rule (singular for 0 and 1). */
#include "french-template.h"

#include <string.h>

#include "french-number.h"

gboolean
ic_fr_is_plural (gint64 n)
{
  return n >= 2 || n <= -2;
}

const char *
ic_fr_plural (gint64 n, const char *one, const char *other)
{
  return ic_fr_is_plural (n) ? other : one;
}

/* One placeholder of a template, from its "{" to its "}". */
typedef struct {
  const char *name;
  gsize name_len;
  const char *one;     /* NULL without a choice */
  gsize one_len;
  const char *other;
  gsize other_len;
  const char *end;     /* after the "}" */
} Placeholder;

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Parses the placeholder at @p ("{"): NULL on success, else the problem. */
static const char *
parse_placeholder (const char *p, Placeholder *ph)
{
  const char *q = p + 1, *bar;

  memset (ph, 0, sizeof *ph);
  ph->name = q;
  while (is_name_char (*q))
    q++;
  ph->name_len = (gsize) (q - ph->name);
  if (ph->name_len == 0)
    return "a '{' not followed by a parameter name";
  if (*q == '}')
    {
      ph->end = q + 1;
      return NULL;
    }
  if (*q == '\0')
    return "a '{' without its '}'";
  if (*q != ':')
    return "a parameter name not followed by '}' or ':'";
  ph->one = ++q;
  bar = NULL;
  for (; *q && *q != '}'; q++)
    {
      if (*q == '{')
        return "a '{' inside a choice";
      if (*q == '|')
        {
          if (bar != NULL)
            return "a choice with more than one '|'";
          bar = q;
        }
    }
  if (*q != '}')
    return "a '{' without its '}'";
  if (bar == NULL)
    return "a choice without '|' (expected {name:singular|plural})";
  ph->one_len = (gsize) (bar - ph->one);
  ph->other = bar + 1;
  ph->other_len = (gsize) (q - ph->other);
  ph->end = q + 1;
  return NULL;
}

static gboolean
name_in (const Placeholder *ph, const char *const *names)
{
  for (guint i = 0; names && names[i]; i++)
    if (strlen (names[i]) == ph->name_len && strncmp (names[i], ph->name, ph->name_len) == 0)
      return TRUE;
  return FALSE;
}

char *
ic_template_problem (const char *text, const char *const *names, const char *const *counts)
{
  for (const char *p = text; *p;)
    {
      Placeholder ph;
      const char *problem;

      if (*p != '{')
        {
          p++;
          continue;
        }
      if ((problem = parse_placeholder (p, &ph)) != NULL)
        return g_strdup (problem);
      if (names != NULL && !name_in (&ph, names))
        {
          g_autofree char *known = g_strjoinv ("} {", (char **) names);
          return g_strdup_printf ("unknown placeholder {%.*s} (known: {%s})", (int) ph.name_len, ph.name, known);
        }
      if (ph.one != NULL && names != NULL && !name_in (&ph, counts))
        return g_strdup_printf ("a choice by {%.*s}, which is not a count", (int) ph.name_len, ph.name);
      p = ph.end;
    }
  return NULL;
}

GStrv
ic_template_names (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p, '{'))
    {
      Placeholder ph;
      char *name;
      if (parse_placeholder (p, &ph) != NULL)
        break;
      name = g_strndup (ph.name, ph.name_len);
      if (!g_ptr_array_find_with_equal_func (seen, name, g_str_equal, NULL))
        {
          g_strv_builder_add (builder, name);
          g_ptr_array_add (seen, name);
        }
      else
        g_free (name);
      p = ph.end;
    }
  return g_strv_builder_end (builder);
}

static const IcTemplateArg *
find_arg (const Placeholder *ph, const IcTemplateArg *args, gsize n_args)
{
  for (gsize i = 0; i < n_args; i++)
    if (strlen (args[i].name) == ph->name_len && strncmp (args[i].name, ph->name, ph->name_len) == 0)
      return &args[i];
  return NULL;
}

static void
append_arg (GString *out, const IcTemplateArg *arg)
{
  g_autofree char *formatted = NULL;

  switch (arg->kind)
    {
    case IC_TEMPLATE_INT:
      formatted = ic_format_fr_int (arg->value);
      break;
    case IC_TEMPLATE_TENTHS:
      formatted = ic_format_fr_tenths (arg->value);
      break;
    case IC_TEMPLATE_TEXT:
    default:
      g_string_append (out, arg->text ? arg->text : "");
      return;
    }
  g_string_append (out, formatted);
}

char *
ic_template_expand (const char *text, const IcTemplateArg *args, gsize n_args)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      Placeholder ph;
      const IcTemplateArg *arg;
      const char *next = strchr (p, '{');

      if (next == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, next - p);
      if (parse_placeholder (next, &ph) != NULL || (arg = find_arg (&ph, args, n_args)) == NULL)
        {
          g_string_append_c (out, '{');
          p = next + 1;
          continue;
        }
      if (ph.one == NULL)
        append_arg (out, arg);
      else if (arg->kind == IC_TEMPLATE_INT && !ic_fr_is_plural (arg->value))
        g_string_append_len (out, ph.one, (gssize) ph.one_len);
      else
        g_string_append_len (out, ph.other, (gssize) ph.other_len);
      p = ph.end;
    }
  return g_string_free (out, FALSE);
}

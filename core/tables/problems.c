#include "problems.h"

#include <glib/gi18n.h>

struct _IcProblems {
  guint limit;
  guint64 count;
  GPtrArray *messages;
};

IcProblems *
ic_problems_new (guint limit)
{
  IcProblems *problems = g_new0 (IcProblems, 1);
  problems->limit = limit;
  problems->messages = g_ptr_array_new_with_free_func (g_free);
  return problems;
}

void
ic_problems_free (IcProblems *problems)
{
  if (problems == NULL)
    return;
  g_ptr_array_unref (problems->messages);
  g_free (problems);
}

char *
ic_problems_format (const char *file, guint64 line, guint column,
                    const char *column_name, const char *message)
{
  GString *out = g_string_new (file);
  if (line > 0)
    g_string_append_printf (out, ":%" G_GUINT64_FORMAT, line);
  if (line > 0 && column > 0)
    g_string_append_printf (out, ":%u", column);
  g_string_append (out, ": ");
  if (column_name != NULL)
    g_string_append_printf (out, "%s: ", column_name);
  g_string_append (out, message);
  return g_string_free (out, FALSE);
}

void
ic_problems_add (IcProblems *problems, const char *file, guint64 line, guint column,
                 const char *column_name, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  problems->count++;
  if (problems->messages->len >= problems->limit)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems->messages, ic_problems_format (file, line, column, column_name, message));
}

guint64
ic_problems_count (IcProblems *problems)
{
  return problems->count;
}

GPtrArray *
ic_problems_messages (IcProblems *problems)
{
  return problems->messages;
}

char *
ic_problems_to_string (IcProblems *problems)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < problems->messages->len; i++)
    g_string_append_printf (out, "%s%s", i ? "\n" : "", (char *) problems->messages->pdata[i]);
  if (problems->count > problems->messages->len)
    {
      guint64 more = problems->count - problems->messages->len;
      g_string_append (out, out->len > 0 ? "\n" : "");
      g_string_append_printf (out, g_dngettext (NULL, "… and %llu more problem", "… and %llu more problems", more),
                              (unsigned long long) more);
    }
  return g_string_free (out, FALSE);
}

guint
ic_problems_limit (IcProblems *problems)
{
  return problems->limit;
}

void
ic_problems_append (IcProblems *to, IcProblems *from)
{
  /* Once @to has only counted some, later messages would skip them. */
  gboolean contiguous = to->count == to->messages->len;
  for (guint i = 0; contiguous && i < from->messages->len && to->messages->len < to->limit; i++)
    g_ptr_array_add (to->messages, g_strdup (from->messages->pdata[i]));
  to->count += from->count;
}

/* problems.c: the invalid values and rows of the inputs, kept one by one
 * up to a limit (for the bundle and tests) and grouped for a person: the
 * same problem on 200 rows is one line, « pmi_acts.csv: 200 rows:
 * act_date: missing value (lines 2, 3, 4, 5, 6, …) », not 200. */
#include "problems.h"

#include <glib/gi18n.h>
#include <string.h>

/* How many line numbers a group shows. */
#define SHOWN_LINES 5

/* One problem as it recurs: same file, column and message. */
typedef struct {
  char *file;
  char *column_name;   /* or NULL: the whole row */
  char *message;
  char *first;         /* the first one formatted in full, file:line:column */
  guint64 count;
  guint64 lines[SHOWN_LINES];
  guint n_lines;
} Group;

/* The words of the row problems in French, written by hand: the msgids of
 * table-rows.c, table-rules.c, table-unique.c, the row rules of
 * table-schema.c and the CSV reader's row errors. */
typedef struct {
  const char *english;
  const char *english_plural;  /* or NULL */
  const char *french;
  const char *french_plural;   /* or NULL */
} French;

static const French french_words[] = {
  { "missing value", NULL, "valeur manquante", NULL },
  { "not a valid date (expected YYYY-MM-DD or DD/MM/YYYY, and a real day)", NULL,
    "date invalide (attendu : AAAA-MM-JJ ou JJ/MM/AAAA, et un jour qui existe)", NULL },
  { "not a whole number (expected digits, optionally grouped by thousands with spaces; no sign)", NULL,
    "nombre entier invalide (attendu : des chiffres, groupés ou non par milliers avec des espaces, sans signe)", NULL },
  { "not a decimal number (expected digits, with . or , before the decimals; no sign, no thousands separator)", NULL,
    "nombre décimal invalide (attendu : des chiffres, avec . ou , avant les décimales ; sans signe ni séparateur "
    "de milliers)", NULL },
  { "too many decimals (at most %u)", NULL, "trop de décimales (au plus %u)", NULL },
  { "neither yes nor no (expected oui/non, o/n, 1/0, true/false, yes/no or vrai/faux)", NULL,
    "ni oui ni non (attendu : oui/non, o/n, 1/0, true/false, yes/no ou vrai/faux)", NULL },
  { "text longer than 4096 bytes", NULL, "texte de plus de 4 096 octets", NULL },
  { "text not valid UTF-8", NULL, "texte qui n'est pas de l'UTF-8 valide", NULL },
  { "not a period (expected a year, 2024, or a school year, 2023-2024)", NULL,
    "période invalide (attendu : une année, 2024, ou une année scolaire, 2023-2024)", NULL },
  { "unknown code (expected one of %s)", NULL, "code inconnu (attendu : l'un de %s)", NULL },
  { "code longer than %d characters", NULL, "code de plus de %d caractères", NULL },
  { "more than %d distinct codes", NULL, "plus de %d codes distincts", NULL },
  { "more than %d distinct territories", NULL, "plus de %d territoires distincts", NULL },
  { "%u field where the header has %u", "%u fields where the header has %u",
    "%u champ alors que l'en-tête en a %u", "%u champs alors que l'en-tête en a %u" },
  { "duplicate identifier (first on line %llu)", NULL, "identifiant en double (le premier à la ligne %llu)", NULL },
  { "%s (first on line %llu)", NULL, "%s (la première à la ligne %llu)", NULL },
  { "child act dated before the child's birth date", NULL, "acte à l'enfant daté d'avant sa naissance", NULL },
  { "evaluation ends before the IP was received", NULL, "évaluation terminée avant la réception de l'IP", NULL },
  { "a second row for the same population, period and territory", NULL,
    "une deuxième ligne pour la même population, la même période et le même territoire", NULL },
  { "an outcome and its closing date go together: one is set, the other empty", NULL,
    "une issue et sa date de clôture vont ensemble : l'une est remplie, l'autre vide", NULL },
  { "the file is closed before the referral", NULL, "dossier clos avant l'orientation", NULL },
  { "care received before the referral", NULL, "prise en charge avant l'orientation", NULL },
  { "text after closing quote", NULL, "texte après un guillemet fermant", NULL },
  { "quote inside an unquoted field", NULL, "guillemet dans un champ sans guillemets", NULL },
  { "field longer than 65536 bytes", NULL, "champ de plus de 65 536 octets", NULL },
};

struct _IcProblems {
  guint limit;
  guint64 count;
  GPtrArray *messages;   /* the first @limit, one by one */
  GPtrArray *groups;     /* the first @limit kinds, in order of first appearance */
  GHashTable *by_key;    /* "file\037column\037message" -> Group (borrowed) */
  guint64 ungrouped;     /* problems of kinds beyond the limit: only counted */
};

static void
group_free (Group *group)
{
  g_free (group->file);
  g_free (group->column_name);
  g_free (group->message);
  g_free (group->first);
  g_free (group);
}

IcProblems *
ic_problems_new (guint limit)
{
  IcProblems *problems = g_new0 (IcProblems, 1);
  problems->limit = limit;
  problems->messages = g_ptr_array_new_with_free_func (g_free);
  problems->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  problems->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return problems;
}

void
ic_problems_free (IcProblems *problems)
{
  if (problems == NULL)
    return;
  g_ptr_array_unref (problems->messages);
  g_hash_table_unref (problems->by_key);
  g_ptr_array_unref (problems->groups);
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

/* The group of (@file, @column_name, @message), created when there is room
 * (with @first, the problem in full, or the one at @line and @column);
 * NULL when the kinds are at the limit. */
static Group *
find_group (IcProblems *problems, const char *file, const char *column_name, const char *message,
            const char *first, guint64 line, guint column)
{
  g_autofree char *key = g_strdup_printf ("%s\037%s\037%s", file, column_name ? column_name : "", message);
  Group *group = g_hash_table_lookup (problems->by_key, key);

  if (group != NULL || problems->groups->len >= problems->limit)
    return group;
  group = g_new0 (Group, 1);
  group->file = g_strdup (file);
  group->column_name = g_strdup (column_name);
  group->message = g_strdup (message);
  group->first = first ? g_strdup (first) : ic_problems_format (file, line, column, column_name, message);
  g_ptr_array_add (problems->groups, group);
  g_hash_table_insert (problems->by_key, g_steal_pointer (&key), group);
  return group;
}

/* Counts @count problems of @group's kind at @lines (@n_lines of them). */
static void
group_add (Group *group, guint64 count, const guint64 *lines, guint n_lines)
{
  group->count += count;
  for (guint i = 0; i < n_lines && group->n_lines < SHOWN_LINES; i++)
    group->lines[group->n_lines++] = lines[i];
}

void
ic_problems_add (IcProblems *problems, const char *file, guint64 line, guint column,
                 const char *column_name, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  Group *group;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  problems->count++;
  group = find_group (problems, file, column_name, message, NULL, line, column);
  if (group != NULL)
    group_add (group, 1, &line, line > 0 ? 1 : 0);
  else
    problems->ungrouped++;
  if (problems->messages->len < problems->limit)
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

/* « pmi_acts.csv: 200 rows: act_date: missing value (lines 2, 3, 4, 5,
 * 6, …) », or the problem in full when it is alone. */
static void
append_group (GString *out, const Group *group)
{
  g_autoptr (GString) lines = g_string_new (NULL);

  if (group->count == 1)
    {
      g_string_append (out, group->first);
      return;
    }
  for (guint i = 0; i < group->n_lines; i++)
    g_string_append_printf (lines, "%s%" G_GUINT64_FORMAT, i ? ", " : "", group->lines[i]);
  if (group->count > group->n_lines && group->n_lines > 0)
    g_string_append (lines, ", …");
  /* No G_GUINT64_FORMAT inside a message: xgettext could not read it. */
  g_string_append_printf (out, g_dngettext (NULL, "%s: %llu row: ", "%s: %llu rows: ", group->count),
                          group->file, (unsigned long long) group->count);
  if (group->column_name != NULL)
    g_string_append_printf (out, "%s: ", group->column_name);
  g_string_append (out, group->message);
  if (group->n_lines > 0)
    g_string_append_printf (out, g_dngettext (NULL, " (line %s)", " (lines %s)", group->count), lines->str);
}

char *
ic_problems_to_string (IcProblems *problems)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < problems->groups->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      append_group (out, problems->groups->pdata[i]);
    }
  if (problems->ungrouped > 0)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, g_dngettext (NULL, "… and %llu more problem", "… and %llu more problems",
                                                problems->ungrouped),
                              (unsigned long long) problems->ungrouped);
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
  for (guint i = 0; i < from->groups->len; i++)
    {
      const Group *source = from->groups->pdata[i];
      Group *group = find_group (to, source->file, source->column_name, source->message, source->first, 0, 0);
      if (group != NULL)
        group_add (group, source->count, source->lines, source->n_lines);
      else
        to->ungrouped += source->count;
    }
  to->ungrouped += from->ungrouped;
  to->count += from->count;
}

static gboolean
same_words (const char *words, const char *english)
{
  return english != NULL && (strcmp (words, english) == 0 || strcmp (words, _(english)) == 0);
}

const char *
ic_problems_french (const char *words, gulong n)
{
  /* The English first: the translations are looked at only for the CSV
   * reader's errors, which come translated. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (french_words); i++)
      {
        const French *f = &french_words[i];
        gboolean found = pass == 0 ? strcmp (words, f->english) == 0
                                         || (f->english_plural && strcmp (words, f->english_plural) == 0)
                                   : same_words (words, f->english) || same_words (words, f->english_plural);
        if (found)
          return n > 1 && f->french_plural ? f->french_plural : f->french;
      }
  return words;
}

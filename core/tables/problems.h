/* problems.h: the invalid values and rows found while reading the inputs,
 * each with file, line and column, up to a limit; beyond it only counted;
 * shown grouped, the same problem on many rows as one line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IcProblems IcProblems;

/* Keeps the messages of the first @limit problems. */
IcProblems *ic_problems_new (guint limit);
void ic_problems_free (IcProblems *problems);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcProblems, ic_problems_free)

/* Records a problem. @line 0: the whole file; @column 0: the whole row;
 * @column_name may be NULL. The message must not quote any record's
 * identifier or date. Formats as `FILE:LINE:COLUMN: NAME: message`. */
void ic_problems_add (IcProblems *problems,
                      const char *file,
                      guint64 line,
                      guint column,
                      const char *column_name,
                      const char *format,
                      ...) G_GNUC_PRINTF (6, 7);

/* Same, returning the formatted message (newly allocated) as well. */
char *ic_problems_format (const char *file, guint64 line, guint column,
                          const char *column_name, const char *message);

guint64 ic_problems_count (IcProblems *problems);

/* How many messages @problems keeps. */
guint ic_problems_limit (IcProblems *problems);

/* Adds every problem of @from after those of @to (messages up to @to's
 * limit, the count in full). */
void ic_problems_append (IcProblems *to, IcProblems *from);

/* The kept messages; belongs to @problems. */
GPtrArray *ic_problems_messages (IcProblems *problems);

/* The French of a row problem's words, for what a bundle keeps of the rows
 * --lenient sets aside (bundles are French whatever the locale): @words is
 * an English msgid of the readers (a format, its parameters filled after)
 * or its translation; @n chooses the plural where the words have one
 * (French: singular for 0 and 1). @words itself when it has no French. */
const char *ic_problems_french (const char *words, gulong n);

/* The problems for a person, grouped: one line per kind of problem (file,
 * column and message) in order of first appearance, the problem in full
 * when alone (`FILE:LINE:COLUMN: NAME: message`), else « FILE: 200 rows:
 * NAME: message (lines 2, 3, 4, 5, 6, …) »; then "… and N more problems"
 * for those of kinds beyond the limit. Newly allocated. */
char *ic_problems_to_string (IcProblems *problems);

G_END_DECLS

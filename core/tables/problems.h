/* problems.h: the invalid values and rows found while reading the inputs,
 * each with file, line and column, up to a limit; beyond it only counted. */
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

/* Every kept message on its own line, then "… and N more problems" (or
 * "… and 1 more problem") when
 * some were only counted. Newly allocated. */
char *ic_problems_to_string (IcProblems *problems);

G_END_DECLS

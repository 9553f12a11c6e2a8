/* table.h: one input table read into typed columns.
 *
 * The reader validates every row against the table's whole schema
 * (table-schema.h), converts each value once into its column (dates as day
 * numbers, codes and territories as small integers, person identifiers
 * interned to dense integers), and keeps nothing else per row: a row
 * identifier is only hashed to prove it unique. */
#pragma once

#include <glib.h>

#include "input-options.h"
#include "interner.h"
#include "problems.h"
#include "table-schema.h"
#include "indicore/indicore-plugin.h"

G_BEGIN_DECLS

/* A missing value of an INTEGER or DECIMAL column, and of a YES_NO column
 * (1 yes, 0 no): the public header's values once it has them. */
#ifndef IC_INTEGER_NONE
#define IC_INTEGER_NONE G_MININT64
#endif
#ifndef IC_YES_NO_NONE
#define IC_YES_NO_NONE 2
#endif

#define IC_TABLE_ERROR (ic_table_error_quark ())
GQuark ic_table_error_quark (void);

typedef enum {
  IC_TABLE_ERROR_UNREADABLE, /* the file cannot be read as a table at all */
} IcTableError;

/* How many reasons for rejected rows a table keeps for the bundle. */
#define IC_TABLE_KEPT_REASONS 5

typedef struct {
  const IcColumnSpec *spec;
  int field;               /* position in the file's header, -1 when absent */
  gint32 *dates;           /* DATE */
  guint16 *codes;          /* CODE, TERRITORY */
  guint32 *ids;            /* PERSON_ID: 0 .. n_distinct - 1 */
  guint32 n_distinct;      /* PERSON_ID: distinct identifiers */
  gint64 *integers;        /* INTEGER; DECIMAL (value x 10^places); IC_INTEGER_NONE: missing */
  guint8 *flags;           /* YES_NO: 1 yes, 0 no, IC_YES_NO_NONE missing */
  char **texts;            /* TEXT */
  /* While the file is read, dates and codes are kept narrow, in half the
   * bytes or less (a column widens as soon as a value does not fit): a
   * national file's columns then take less memory at the moment everything
   * else (dictionaries, row hashes) does too. Widened into `dates` and
   * `codes` once read; NULL after. */
  guint16 *narrow_dates;   /* days from 1900-01-01; 0xFFFF: IC_DATE_NONE */
  guint8 *narrow_codes;
  IcInterner *dictionary;  /* CODE (codes upper-cased); PERSON_ID while the
                            * file is read, dropped then: only the numbers
                            * are needed, and no identifier is kept */
} IcTableColumn;

typedef struct {
  const IcTableSpec *spec;
  char *path;
  char *sha256;
  guint64 rows_read;          /* data rows in the file (header and blank lines aside) */
  guint64 rejected;           /* rows set aside by --lenient */
  GPtrArray *rejected_reasons; /* the first IC_TABLE_KEPT_REASONS, formatted */
  guint64 n_rows;             /* rows kept in the columns */
  guint64 capacity;
  IcTableColumn *columns;     /* spec->n_columns, in the spec's order */
  /* The header's names no column of the schema has (char *, trimmed, in
   * the header's order): read by nothing, for `validate` to warn about. */
  GPtrArray *unknown_columns;
  /* How the file was written, for `validate` to show. */
  char separator;             /* ';' or ',' */
  gboolean sep_line;          /* ... named by a first line sep=X */
  gboolean bom;               /* UTF-8 with a byte order mark */
  gboolean converted;         /* not UTF-8: read as Windows-1252 */
} IcTable;

/* Reads table @id from @path. Territories are interned into @territories,
 * shared by every table of the run (its id 0 must be the empty string).
 * Without @lenient, every invalid row or value goes to @problems (the row
 * is not kept). With @lenient an invalid row is set aside instead: counted
 * in `rejected`, its first problem among the `rejected_reasons`, and nothing
 * of it kept, not even its identifiers or territory in the dictionaries.
 * @options (may be NULL) say whether a big file may be read in two threads.
 * Returns NULL with @error set when the file cannot be read as a table
 * (unreadable, binary, no header, a required column missing, an
 * unterminated quote), in either mode: that problem is in @problems too. */
IcTable *ic_table_read (IcTableId id,
                        const char *path,
                        IcInterner *territories,
                        gboolean lenient,
                        const IcInputOptions *options,
                        IcProblems *problems,
                        GError **error);

void ic_table_free (IcTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcTable, ic_table_free)

/* Moves @table's territories from @from, the dictionary it was read with,
 * to @into: adds them to @into (in @from's order) and rewrites the
 * territory columns. FALSE, with a problem in @problems, when @into would
 * hold more territories than a code can. */
gboolean ic_table_merge_territories (IcTable *table, IcInterner *into, IcInterner *from,
                                     IcProblems *problems);

/* Other codes are listed only when they look like codes, and only so many:
 * a code column may hold free text (« Mme … née 12/03/1990 »), which must
 * not reach the bundle nor the terminal. */
#define IC_TABLE_OTHER_CODE_MAX_LEN 32
#define IC_TABLE_OTHER_CODES_MAX 20

/* The codes of the open-set column @column met in the file beyond the
 * spec's (act_type: kept for a future plugin), in order of first
 * appearance: a new NULL-terminated array (g_strfreev), empty when none.
 * Only values of [A-Z0-9_], 1 to IC_TABLE_OTHER_CODE_MAX_LEN bytes, are
 * listed, at most IC_TABLE_OTHER_CODES_MAX of them; @n_unlisted (may be
 * NULL) receives how many other values were not. */
char **ic_table_other_codes (IcTable *table, const char *column, guint *n_unlisted);

/* The column named @name, or NULL. */
IcTableColumn *ic_table_column (IcTable *table, const char *name);

G_END_DECLS

/* table-private.h: the state of one table being read (IcTableReader),
 * shared by the files of the table reader: rows and cells, cross-column
 * rules, duplicate identifiers, the two parts of a split file. */
#pragma once

#include <glib/gi18n.h>

#include "table.h"
#include "table-caches.h"
#include "table-columns.h"
#include "csv-reader.h"
#include "csv-source.h"
#include "hash.h"
#include "unique-ids.h"

G_BEGIN_DECLS

/* Longest code accepted: the spec's longest is CONSULTATION_CHILD. */
#define MAX_CODE_LEN 64

/* One value of the current row, beside its column. Values are written
 * straight into the columns at row n_rows (kept only if the row is), but
 * person identifiers, territories and new codes of an open set are
 * interned only when the row is kept (from `pending`, which points into the
 * CSV reader's record): a row set aside leaves no trace in the
 * dictionaries, and identifiers stay dense. */
typedef struct {
  guint16 code;            /* CODE, TERRITORY: also in the column, for ic_table_check_row() */
  char *text;              /* TEXT: owned until commit_row() */
  const char *pending;
  gsize pending_len;
} Cell;

/* Person identifiers are interned PERSON_AHEAD kept rows late, in row
 * order (ids stay dense in order of first appearance): their slot in the
 * dictionary is prefetched when the row is kept and their entry halfway,
 * so that a national file's lookups, each a cache miss, overlap with the
 * parsing of the rows in between. The text is copied, as the reader's
 * record does not outlive the row. */
#define PERSON_AHEAD 16
#define PERSON_TEXT 48

typedef struct {
  guint64 row;
  guint32 hash;
  guint16 column;
  guint16 len;
  char text[PERSON_TEXT];
} PendingPerson;

/* A cross-column rule of the table's schema, its columns resolved to
 * their indices (table-rules.c). */
typedef struct {
  const IcRowRule *rule;
  int column, other, when;     /* -1 when the rule has none */
  guint64 when_codes;          /* bit v: code value v selects the row */
  int key[IC_ROW_RULE_MAX_KEY];
  guint n_key;
  GHashTable *keys;            /* UNIQUE_KEY: key -> line of its first row */
} IcResolvedRule;

typedef struct {
  IcTable *table;
  const IcTableSpec *spec;
  const char *file;
  IcInterner *territories;
  gboolean lenient;
  IcProblems *problems;
  guint n_header;
  Cell *cells;
  char *upper;                 /* MAX_CODE_LEN bytes per column: codes upper-cased */
  CachedValue *value_cache;    /* VALUE_CACHE_SLOTS per column */
  CachedDate *date_cache;      /* DATE_CACHE_SLOTS per column */
  DateCacheUse *date_cache_use; /* one per column */
  guint64 line;
  guint row_problems;
  guint8 *kinds;               /* each column's IcColumnKind, at hand */
  guint *pending;              /* columns of the row with work left for commit_row() */
  guint n_pending;
  guint64 *row_hashes;         /* one per kept row, in row order (unique-ids.h) */
  guint64 row_hashes_size;
  IcHashRun hash_run;          /* row_hashes partitioned, once read */
  gboolean partitioned;
  guint64 *duplicates;         /* hashes of identifiers met twice, sorted, once
                                * found (row_hashes then freed) */
  gsize n_duplicates;
  PendingPerson persons[PERSON_AHEAD]; /* a ring, oldest at persons_head */
  guint persons_head;
  guint n_persons;
  GArray *skipped_lines;       /* lines of the records not kept, in order (guint64) */
  GArray *reason_lines;        /* the line of each of table->rejected_reasons */
  guint64 row_hash;
  IcResolvedRule *rules;       /* the schema's cross-column rules */
  guint n_rules;
  IcCsvSource *source;         /* where the records come from, for a second look */
} IcTableReader;

/* Never 0, which marks a row without identifier. */
static inline guint64
ic_table_row_hash (const char *text, gsize len)
{
  guint64 h = ic_hash_bytes (text, len);
  return h == 0 ? 1 : h;
}

/* table-rows.c: rows into columns. */
void ic_table_reader_init (IcTableReader *r, IcTable *table, const IcTableSpec *spec, const char *file, IcInterner *territories,
                           gboolean lenient, IcProblems *problems);
void ic_table_reader_clear (IcTableReader *r);
void ic_table_row_problem (IcTableReader *r, const IcTableColumn *column, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* A row problem's words (@msgid, a N_() string): translated for the terminal
 * in strict mode; in French in lenient mode (ic_problems_french()), where
 * they go into the bundle, French whatever the language of whoever runs it.
 * ic_table_words_n is its plural (xgettext keyword ic_table_words_n:2,3). */
const char *ic_table_words (const IcTableReader *r, const char *msgid) G_GNUC_FORMAT (2);
const char *ic_table_words_n (const IcTableReader *r, const char *msgid, const char *msgid_plural, gulong n)
  G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);
void ic_table_widen_all (IcTable *table);
/* Reads the records of @csv (of its part, when split) into r->table. FALSE
 * with @error on a problem that makes the file unreadable. */
gboolean ic_table_read_records (IcTableReader *r, IcCsvReader *csv, GError **error);
/* The table column read from field @field (1-based) of the file, or NULL. */
const IcTableColumn *ic_table_column_at_field (IcTableReader *r, guint field);

/* table.c */
IcTable *ic_table_new (const IcTableSpec *spec, const char *path);
gboolean ic_table_fail_file (IcTableReader *r, guint64 line, guint column, const char *column_name,
                             GError **error, const char *format, ...) G_GNUC_PRINTF (6, 7);
gboolean ic_table_fail_csv (IcTableReader *r, IcCsvReader *csv, GError *csv_error, GError **error);

/* table-rules.c: the schema's cross-column rules. */
IcResolvedRule *ic_table_rules_resolve (const IcTableSpec *spec, guint *n_rules);
void ic_table_rules_free (IcResolvedRule *rules, guint n_rules);
/* TRUE when a rule needs the rows in one sequence (a unique key). */
gboolean ic_table_rules_need_one_part (const IcTableSpec *spec);
/* Applies them to the current row: a problem for each rule broken. */
void ic_table_check_row (IcTableReader *r);

/* table-unique.c: every row identifier unique. */
void ic_table_partition_hashes (IcTableReader *r);
void ic_table_find_duplicates (IcTableReader *r, IcTableReader *part);
void ic_table_check_unique (IcTableReader *r);

/* table-merge.c: the second part of a split file, read in a thread of its
 * own: its own table, dictionaries, territories and problems, merged
 * afterwards. */
typedef struct {
  IcTableReader reader;
  IcCsvReader *csv;
  IcInterner *territories;
  IcProblems *problems;
  GError *error;
  gboolean ok;
  GThread *thread;
} IcTablePart;

/* Starts reading @second in a thread of its own, into a table like @r's. */
IcTablePart *ic_table_part_start (IcTableReader *r, IcCsvReader *second, guint problem_limit);
/* Waits for it. */
void ic_table_part_join (IcTablePart *part);
void ic_table_merge_part (IcTableReader *r, IcTableReader *part, IcInterner *part_territories);
void ic_table_part_free (IcTablePart *part);
void ic_table_drop_person_dictionaries (IcTable *table);

G_END_DECLS

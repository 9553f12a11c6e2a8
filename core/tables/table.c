#include "table.h"
#include "table-columns.h"

#include <stdlib.h>
#include <string.h>

#include "csv-reader.h"
#include "date.h"
#include "hash.h"
#include "number.h"
#include "text.h"
#include "unique-ids.h"
#include "indicore/indicore-plugin.h"

G_DEFINE_QUARK (ic-table-error-quark, ic_table_error)

/* Longest code accepted: the spec's longest is CONSULTATION_CHILD. */
#define MAX_CODE_LEN 64

/* One value of the current row, beside its column. Values are written
 * straight into the columns at row n_rows (kept only if the row is), but
 * person identifiers, territories and new codes of an open set are
 * interned only when the row is kept (from `pending`, which points into the
 * CSV reader's record): a row set aside leaves no trace in the
 * dictionaries, and identifiers stay dense. */
typedef struct {
  guint16 code;            /* CODE, TERRITORY: also in the column, for check_row() */
  char *text;              /* TEXT: owned until commit_row() */
  const char *pending;
  gsize pending_len;
} Cell;

/* The hash of a row identifier: a 64-bit collision between two different
 * identifiers would be reported as a duplicate; for a million rows its
 * probability is about 3e-8. */
/* The values a code or territory column has taken, by their text as
 * written: most rows repeat a handful of them, and a hit here costs a few
 * byte comparisons instead of a case fold, a hash and a dictionary probe. */
#define VALUE_CACHE_SLOTS 64
#define VALUE_CACHE_TEXT 40

typedef struct {
  guint8 len;          /* 0: empty */
  char text[VALUE_CACHE_TEXT];
  guint16 value;
} CachedValue;

static inline guint
value_cache_slot (const char *text, gsize len)
{
  guint h = (guint) len * 31u + (guchar) text[0] * 7u + (guchar) text[len - 1] * 131u + (guchar) text[len / 2];
  return h % VALUE_CACHE_SLOTS;
}

static inline gboolean
value_cache_get (const CachedValue *cache, const char *text, gsize len, guint16 *value)
{
  const CachedValue *entry = &cache[value_cache_slot (text, len)];
  if (entry->len != len || !ic_text_bytes_equal (entry->text, text, len))
    return FALSE;
  *value = entry->value;
  return TRUE;
}

static inline void
value_cache_put (CachedValue *cache, const char *text, gsize len, guint16 value)
{
  CachedValue *entry;
  if (len == 0 || len >= VALUE_CACHE_TEXT)
    return;
  entry = &cache[value_cache_slot (text, len)];
  entry->len = (guint8) len;
  memcpy (entry->text, text, len);
  entry->value = value;
}

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

/* The dates a column has taken, by their ten bytes as written: a year's
 * acts fall on a few hundred days, and a hit costs a hash and a compare
 * instead of a parse and a calendar computation. Only valid dates enter;
 * len 0 marks an empty entry. A column of many more dates (mothers' birth
 * dates) would mostly miss: after DATE_CACHE_TRIAL lookups, a column with
 * less than a half of hits parses without it. */
#define DATE_CACHE_SLOTS 2048
#define DATE_CACHE_TRIAL 4096

typedef struct {
  guint64 head;        /* the first eight bytes */
  guint16 tail;        /* the last two */
  guint16 len;
  gint32 day;
} CachedDate;

typedef struct {
  guint32 lookups;     /* up to DATE_CACHE_TRIAL */
  guint32 hits;
  gboolean off;
} DateCacheUse;

static inline gboolean
parse_date_cached (CachedDate *cache, DateCacheUse *use, const char *text, gsize len, gint32 *day)
{
  guint64 head;
  guint16 tail;
  CachedDate *entry;

  if (len != 10 || use->off)
    return ic_date_parse (text, len, day);
  if (G_UNLIKELY (++use->lookups == DATE_CACHE_TRIAL))
    use->off = use->hits < DATE_CACHE_TRIAL / 2;
  memcpy (&head, text, 8);
  memcpy (&tail, text + 8, 2);
  entry = &cache[((head ^ tail) * 0x9e3779b97f4a7c15ull) >> (64 - 11)];
  if (entry->len == 10 && entry->head == head && entry->tail == tail)
    {
      use->hits++;
      *day = entry->day;
      return TRUE;
    }
  if (!ic_date_parse (text, len, day))
    return FALSE;
  *entry = (CachedDate) { .head = head, .tail = tail, .len = 10, .day = *day };
  return TRUE;
}

G_STATIC_ASSERT (DATE_CACHE_SLOTS == 1 << 11);

typedef struct {
  IcTable *table;
  IcTableId id;
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
  GHashTable *population_keys; /* populations: "name\x1fperiod\x1fterritory" -> line */
} Reader;

/* Never 0, which marks a row without identifier. */
static guint64
hash64 (const char *text, gsize len)
{
  guint64 h = ic_hash_bytes (text, len);
  return h == 0 ? 1 : h;
}

static void row_problem (Reader *r, const IcTableColumn *column, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* A problem of the current row: reported in strict mode, set aside with the
 * row in lenient mode. */
static void
row_problem (Reader *r, const IcTableColumn *column, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  guint field = column && column->field >= 0 ? (guint) column->field + 1 : 0;
  const char *name = column ? column->spec->name : NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  r->row_problems++;
  if (!r->lenient)
    {
      ic_problems_add (r->problems, r->file, r->line, field, name, "%s", message);
      return;
    }
  if (r->row_problems == 1 && r->table->rejected_reasons->len < IC_TABLE_KEPT_REASONS)
    g_array_append_val (r->reason_lines, r->line);
  if (r->row_problems == 1 && r->table->rejected_reasons->len < IC_TABLE_KEPT_REASONS)
    g_ptr_array_add (r->table->rejected_reasons,
                     ic_problems_format (r->file, r->line, field, name, message));
}

static void
widen_all (IcTable *table)
{
  for (guint c = 0; c < table->spec->n_columns; c++)
    ic_column_widen (&table->columns[c], table->n_rows, table->capacity);
}

static void
ensure_capacity (IcTable *table)
{
  guint64 capacity;
  if (table->n_rows < table->capacity)
    return;
  capacity = table->capacity ? table->capacity * 2 : 4096;
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      IcTableColumn *column = &table->columns[c];
      switch (column->spec->kind)
        {
        case IC_COLUMN_KIND_ROW_ID:
          break;
        case IC_COLUMN_KIND_PERSON_ID:
          column->ids = g_renew (guint32, column->ids, capacity);
          break;
        case IC_COLUMN_KIND_DATE:
          if (column->narrow_dates != NULL)
            column->narrow_dates = g_renew (guint16, column->narrow_dates, capacity);
          else
            column->dates = g_renew (gint32, column->dates, capacity);
          break;
        case IC_COLUMN_KIND_CODE:
        case IC_COLUMN_KIND_TERRITORY:
          if (column->narrow_codes != NULL)
            column->narrow_codes = g_renew (guint8, column->narrow_codes, capacity);
          else
            column->codes = g_renew (guint16, column->codes, capacity);
          break;
        case IC_COLUMN_KIND_COUNT:
          column->counts = g_renew (gint64, column->counts, capacity);
          break;
        case IC_COLUMN_KIND_TEXT:
          column->texts = g_renew (char *, column->texts, capacity);
          break;
        }
    }
  table->capacity = capacity;
}

static void
person_pop (Reader *r)
{
  const PendingPerson *p = &r->persons[r->persons_head];
  IcTableColumn *column = &r->table->columns[p->column];
  column->ids[p->row] = ic_interner_intern_hashed (column->dictionary, p->text, p->len, p->hash, NULL);
  r->persons_head = (r->persons_head + 1) % PERSON_AHEAD;
  r->n_persons--;
}

/* Interns every pending person: before anything reads the ids. */
static void
persons_flush (Reader *r)
{
  while (r->n_persons > 0)
    person_pop (r);
}

static void
person_push (Reader *r, guint c, guint64 row, const char *text, gsize len)
{
  IcTableColumn *column = &r->table->columns[c];
  guint32 hash = ic_interner_hash (text, len);
  PendingPerson *p;

  if (len > PERSON_TEXT)
    {
      persons_flush (r);
      column->ids[row] = ic_interner_intern_hashed (column->dictionary, text, len, hash, NULL);
      return;
    }
  if (r->n_persons == PERSON_AHEAD)
    person_pop (r);
  if (r->n_persons >= PERSON_AHEAD / 2)
    {
      const PendingPerson *later = &r->persons[(r->persons_head + r->n_persons - PERSON_AHEAD / 2) % PERSON_AHEAD];
      ic_interner_prefetch_entry (r->table->columns[later->column].dictionary, later->hash);
    }
  ic_interner_prefetch_slot (column->dictionary, hash);
  p = &r->persons[(r->persons_head + r->n_persons) % PERSON_AHEAD];
  p->row = row;
  p->hash = hash;
  p->column = (guint16) c;
  p->len = (guint16) len;
  memcpy (p->text, text, len);
  r->n_persons++;
}

/* The row's values are in the columns already (at row n_rows, past the
 * end until now); what is left is what may not be done for a row that is
 * not kept: interning, and texts. */
static void
commit_row (Reader *r)
{
  IcTable *table = r->table;
  guint64 row = table->n_rows;

  if (r->row_hash != 0)
    {
      if (row == r->row_hashes_size)
        {
          r->row_hashes_size = r->row_hashes_size ? r->row_hashes_size * 2 : 4096;
          r->row_hashes = g_renew (guint64, r->row_hashes, r->row_hashes_size);
        }
      r->row_hashes[row] = r->row_hash;
    }
  for (guint k = 0; k < r->n_pending; k++)
    {
      guint c = r->pending[k];
      IcTableColumn *column = &table->columns[c];
      Cell *cell = &r->cells[c];
      switch (r->kinds[c])
        {
        case IC_COLUMN_KIND_PERSON_ID:
          person_push (r, c, row, cell->pending, cell->pending_len);
          break;
        case IC_COLUMN_KIND_CODE:
          ic_column_set_code (column, table->capacity, row, (guint16) (ic_interner_intern (column->dictionary, cell->pending,
                                                                       cell->pending_len, NULL) + 1));
          break;
        case IC_COLUMN_KIND_TERRITORY:
          ic_column_set_code (column, table->capacity, row, (guint16) ic_interner_intern (r->territories, cell->pending,
                                                                      cell->pending_len, NULL));
          break;
        case IC_COLUMN_KIND_TEXT:
          column->texts[row] = g_steal_pointer (&cell->text);
          break;
        default:
          break;
        }
    }
  table->n_rows++;
}

static void
clear_cells (Reader *r)
{
  for (guint k = 0; k < r->n_pending; k++)
    {
      Cell *cell = &r->cells[r->pending[k]];
      g_clear_pointer (&cell->text, g_free);
      cell->pending = NULL;
      cell->pending_len = 0;
    }
  r->n_pending = 0;
  r->row_hash = 0;
}

/* Leaves work on column @c for commit_row(). */
static inline void
add_pending (Reader *r, guint c, const char *text, gsize len)
{
  r->cells[c].pending = text;
  r->cells[c].pending_len = len;
  r->pending[r->n_pending++] = c;
}

static void
parse_code (Reader *r, guint c, const char *text, gsize len)
{
  IcTableColumn *column = &r->table->columns[c];
  Cell *cell = &r->cells[c];
  char *upper = r->upper + (gsize) c * MAX_CODE_LEN;
  CachedValue *cache = r->value_cache + (gsize) c * VALUE_CACHE_SLOTS;
  gint64 found;

  if (value_cache_get (cache, text, len, &cell->code))
    return;
  if (len > MAX_CODE_LEN)
    {
      row_problem (r, column, "code longer than %d characters", MAX_CODE_LEN);
      return;
    }
  for (gsize i = 0; i < len; i++)
    upper[i] = g_ascii_toupper (text[i]);

  found = ic_interner_find (column->dictionary, upper, len);
  if (found < 0 && !column->spec->codes_open)
    {
      g_autofree char *expected = g_strjoinv (", ", (char **) column->spec->codes);
      row_problem (r, column, "unknown code (expected one of %s)", expected);
      return;
    }
  if (found < 0)
    {
      if (ic_interner_size (column->dictionary) >= G_MAXUINT16 - 1)
        {
          row_problem (r, column, "more than %d distinct codes", G_MAXUINT16 - 1);
          return;
        }
      cell->code = 0;
      add_pending (r, c, upper, len);
      return;
    }
  cell->code = (guint16) (found + 1);
  value_cache_put (cache, text, len, cell->code);
}

static void
parse_territory (Reader *r, guint c, const char *text, gsize len)
{
  IcTableColumn *column = &r->table->columns[c];
  Cell *cell = &r->cells[c];
  CachedValue *cache = r->value_cache + (gsize) c * VALUE_CACHE_SLOTS;
  gint64 found;

  if (value_cache_get (cache, text, len, &cell->code))
    return;
  found = ic_interner_find (r->territories, text, len);
  if (found < 0)
    {
      if (ic_interner_size (r->territories) >= G_MAXUINT16)
        {
          row_problem (r, column, "more than %d distinct territories", G_MAXUINT16 - 1);
          return;
        }
      cell->code = 0;
      add_pending (r, c, text, len);
      return;
    }
  cell->code = (guint16) found;
  value_cache_put (cache, text, len, cell->code);
}

static gboolean
is_period (const char *text, gsize len)
{
  int first, second;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_isdigit (text[i]) || (i == 4 && text[i] == '-')))
      return FALSE;
  if (len == 4)
    return TRUE;
  if (len != 9 || text[4] != '-')
    return FALSE;
  first = atoi (text);
  second = atoi (text + 5);
  return second == first + 1;
}

/* Writes the value into its column at row n_rows: kept only if the row is
 * (commit_row()). */
static void
parse_cell (Reader *r, guint c, const char *text, gsize len)
{
  IcTableColumn *column = &r->table->columns[c];
  Cell *cell = &r->cells[c];
  const guint64 row = r->table->n_rows;

  switch (r->kinds[c])
    {
    case IC_COLUMN_KIND_ROW_ID:
      /* Kept only with its row: an identifier whose first row was set
       * aside is not a duplicate. Checked once, at the end (check_unique). */
      r->row_hash = hash64 (text, len);
      break;
    case IC_COLUMN_KIND_PERSON_ID:
      add_pending (r, c, text, len);
      break;
    case IC_COLUMN_KIND_DATE:
      {
        gint32 day;
        if (!parse_date_cached (r->date_cache + (gsize) c * DATE_CACHE_SLOTS, &r->date_cache_use[c], text, len, &day))
          row_problem (r, column, "not a valid date (expected YYYY-MM-DD or DD/MM/YYYY, and a real day)");
        else
          ic_column_set_date (column, r->table->capacity, row, day);
      }
      break;
    case IC_COLUMN_KIND_CODE:
      parse_code (r, c, text, len);
      ic_column_set_code (column, r->table->capacity, row, cell->code);
      break;
    case IC_COLUMN_KIND_TERRITORY:
      parse_territory (r, c, text, len);
      ic_column_set_code (column, r->table->capacity, row, cell->code);
      break;
    case IC_COLUMN_KIND_COUNT:
      if (!ic_count_parse (text, len, &column->counts[row]))
        row_problem (r, column, "not a count (expected digits, optionally grouped by thousands with spaces; no sign)");
      break;
    case IC_COLUMN_KIND_TEXT:
      if (r->id == IC_TABLE_POPULATIONS && strcmp (column->spec->name, "period") == 0
          && !is_period (text, len))
        row_problem (r, column, "not a period (expected a year, 2024, or a school year, 2023-2024)");
      else
        {
          cell->text = strcmp (column->spec->name, "population") == 0 ? g_ascii_strdown (text, (gssize) len)
                                                                      : g_strndup (text, len);
          add_pending (r, c, NULL, 0);
        }
      break;
    }
}

/* Missing values: IC_DATE_NONE, code 0, territory 0, count 0, no text. */
static void
set_missing (Reader *r, guint c)
{
  IcTableColumn *column = &r->table->columns[c];
  const guint64 row = r->table->n_rows;

  if (column->spec->required)
    {
      row_problem (r, column, "missing value");
      return;
    }
  switch (r->kinds[c])
    {
    case IC_COLUMN_KIND_DATE:
      ic_column_set_date (column, r->table->capacity, row, IC_DATE_NONE);
      break;
    case IC_COLUMN_KIND_CODE:
    case IC_COLUMN_KIND_TERRITORY:
      r->cells[c].code = 0;
      ic_column_set_code (column, r->table->capacity, row, 0);
      break;
    case IC_COLUMN_KIND_COUNT:
      column->counts[row] = 0;
      break;
    case IC_COLUMN_KIND_PERSON_ID:
      /* No optional person column exists; an empty identifier would be one. */
      add_pending (r, c, "", 0);
      break;
    case IC_COLUMN_KIND_TEXT:
      add_pending (r, c, NULL, 0);
      break;
    case IC_COLUMN_KIND_ROW_ID:
      break;
    }
}

static gboolean
is_child_act (guint16 act_type)
{
  return act_type == IC_ACT_BSEM || act_type == IC_ACT_VAD_CHILD
         || act_type == IC_ACT_CONSULTATION_CHILD;
}

/* Rules across the columns of one row. */
static void
check_row (Reader *r)
{
  IcTable *table = r->table;

  if (r->id == IC_TABLE_IP)
    {
      gint32 received = ic_column_date_at (&table->columns[1], table->n_rows), end = ic_column_date_at (&table->columns[2], table->n_rows);
      if (received != IC_DATE_NONE && end != IC_DATE_NONE && end < received)
        row_problem (r, &table->columns[2], "evaluation ends before the IP was received");
    }
  else if (r->id == IC_TABLE_PMI_ACTS)
    {
      gint32 act = ic_column_date_at (&table->columns[2], table->n_rows), birth = ic_column_date_at (&table->columns[4], table->n_rows);
      if (is_child_act (ic_column_code_at (&table->columns[1], table->n_rows)) && act != IC_DATE_NONE && birth != IC_DATE_NONE
          && act < birth)
        row_problem (r, &table->columns[2], "child act dated before the child's birth date");
    }
  else if (r->id == IC_TABLE_POPULATIONS)
    {
      const Cell *t = &r->cells[2];
      g_autofree char *territory = t->pending != NULL ? g_strndup (t->pending, t->pending_len)
                                                      : g_strdup (ic_interner_get (r->territories, t->code));
      char *key = g_strdup_printf ("%s\x1f%s\x1f%s", r->cells[0].text, r->cells[1].text, territory);
      gpointer first = g_hash_table_lookup (r->population_keys, key);
      if (first != NULL)
        {
          row_problem (r, NULL, "a second row for the same population, period and territory (first on line %" G_GUINT64_FORMAT ")",
                       (guint64) GPOINTER_TO_SIZE (first));
          g_free (key);
        }
      else
        g_hash_table_insert (r->population_keys, key, GSIZE_TO_POINTER ((gsize) r->line));
    }
}

static void
read_row (Reader *r, const IcCsvField *fields, guint n_fields)
{
  IcTable *table = r->table;

  r->row_problems = 0;
  ensure_capacity (table);
  if (n_fields != r->n_header)
    {
      gboolean extra_empty = n_fields > r->n_header;
      for (guint f = r->n_header; extra_empty && f < n_fields; f++)
        {
          const char *text = fields[f].data;
          gsize len = fields[f].len;
          ic_text_trim (&text, &len);
          extra_empty = len == 0;
        }
      if (!extra_empty)
        row_problem (r, NULL, "%u fields where the header has %u", n_fields, r->n_header);
    }

  if (r->row_problems == 0)
    {
      for (guint c = 0; c < table->spec->n_columns; c++)
        {
          IcTableColumn *column = &table->columns[c];
          const char *text;
          gsize len;

          if (column->field < 0)
            {
              set_missing (r, c);
              continue;
            }
          text = fields[column->field].data;
          len = fields[column->field].len;
          ic_text_trim (&text, &len);
          if (len == 0)
            set_missing (r, c);
          else
            parse_cell (r, c, text, len);
        }
      if (r->row_problems == 0)
        check_row (r);
    }

  if (r->row_problems == 0)
    commit_row (r);
  else
    {
      g_array_append_val (r->skipped_lines, r->line);
      if (r->lenient)
        table->rejected++;
    }
  clear_cells (r);
}

/* A problem that makes the whole file unreadable: recorded in the problems
 * and returned in @error with the same text (the problem list has a limit,
 * the error must hold the message anyway). */
static gboolean fail_file (Reader *r, guint64 line, guint column, const char *column_name,
                           GError **error, const char *format, ...) G_GNUC_PRINTF (6, 7);
static gboolean
fail_file (Reader *r, guint64 line, guint column, const char *column_name,
           GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *formatted = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  formatted = ic_problems_format (r->file, line, column, column_name, message);
  ic_problems_add (r->problems, r->file, line, column, column_name, "%s", message);
  g_set_error_literal (error, IC_TABLE_ERROR, IC_TABLE_ERROR_UNREADABLE, formatted);
  return FALSE;
}

/* Matches header names to the schema; reports missing required columns.
 * File-level problems name line 1: the CSV reader does not say on which
 * line the header is when blank lines precede it. */
static gboolean
read_header (Reader *r, IcCsvReader *csv, GError **error)
{
  IcTable *table = r->table;
  guint n_fields;
  const IcCsvField *header = ic_csv_reader_get_header (csv, &n_fields);
  g_autoptr (GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  r->n_header = n_fields;
  for (guint f = 0; f < n_fields; f++)
    {
      const char *name = header[f].data;
      gsize len = header[f].len;
      ic_text_trim (&name, &len);
      for (guint c = 0; c < table->spec->n_columns; c++)
        {
          IcTableColumn *column = &table->columns[c];
          if (!ic_text_equal_ci (name, len, column->spec->name))
            continue;
          if (column->field >= 0)
            return fail_file (r, 1, f + 1, column->spec->name, error,
                              "column appears twice in the header (first as field %d)", column->field + 1);
          column->field = (int) f;
        }
    }

  for (guint c = 0; c < table->spec->n_columns; c++)
    if (table->columns[c].spec->required && table->columns[c].field < 0)
      {
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", table->columns[c].spec->name);
        n_missing++;
      }
  if (n_missing > 0)
    return fail_file (r, 1, 0, NULL, error, "missing required column%s %s",
                      n_missing > 1 ? "s" : "", missing->str);
  return TRUE;
}

static IcTable *
table_new (IcTableId id, const char *path)
{
  IcTable *table = g_new0 (IcTable, 1);
  table->spec = ic_table_spec (id);
  table->path = g_strdup (path);
  table->rejected_reasons = g_ptr_array_new_with_free_func (g_free);
  table->columns = g_new0 (IcTableColumn, table->spec->n_columns);
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      IcTableColumn *column = &table->columns[c];
      column->spec = &table->spec->columns[c];
      column->field = -1;
      if (column->spec->kind == IC_COLUMN_KIND_CODE)
        column->dictionary = ic_interner_new ();
      else if (column->spec->kind == IC_COLUMN_KIND_PERSON_ID)
        column->dictionary = ic_interner_new_unindexed ();
      /* Narrow until read (ensure_capacity() gives them room). */
      if (column->spec->kind == IC_COLUMN_KIND_DATE)
        column->narrow_dates = g_new (guint16, 1);
      else if (column->spec->kind == IC_COLUMN_KIND_CODE || column->spec->kind == IC_COLUMN_KIND_TERRITORY)
        column->narrow_codes = g_new (guint8, 1);
      /* Known codes take the fixed values 1, 2... of the public header. */
      for (guint k = 0; column->spec->codes && column->spec->codes[k]; k++)
        ic_interner_intern (column->dictionary, column->spec->codes[k],
                            strlen (column->spec->codes[k]), NULL);
    }
  return table;
}

void
ic_table_free (IcTable *table)
{
  if (table == NULL)
    return;
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      IcTableColumn *column = &table->columns[c];
      g_free (column->dates);
      g_free (column->codes);
      g_free (column->narrow_dates);
      g_free (column->narrow_codes);
      g_free (column->ids);
      g_free (column->counts);
      for (guint64 i = 0; column->texts && i < table->n_rows; i++)
        g_free (column->texts[i]);
      g_free (column->texts);
      ic_interner_free (column->dictionary);
    }
  g_free (table->columns);
  g_ptr_array_unref (table->rejected_reasons);
  g_free (table->path);
  g_free (table->sha256);
  g_free (table);
}

static gboolean
looks_like_code (const char *value)
{
  gsize length = strlen (value);
  if (length == 0 || length > IC_TABLE_OTHER_CODE_MAX_LEN)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

char **
ic_table_other_codes (IcTable *table, const char *name, guint *n_unlisted)
{
  IcTableColumn *column = ic_table_column (table, name);
  g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();
  guint known = 0, listed = 0, unlisted = 0;

  if (n_unlisted != NULL)
    *n_unlisted = 0;
  if (column == NULL || column->spec->kind != IC_COLUMN_KIND_CODE || !column->spec->codes_open)
    return g_strv_builder_end (codes);
  while (column->spec->codes[known] != NULL)
    known++;
  for (guint32 i = known; column->dictionary && i < ic_interner_size (column->dictionary); i++)
    {
      const char *value = ic_interner_get (column->dictionary, i);
      if (listed < IC_TABLE_OTHER_CODES_MAX && looks_like_code (value))
        {
          g_strv_builder_add (codes, value);
          listed++;
        }
      else
        unlisted++;
    }
  if (n_unlisted != NULL)
    *n_unlisted = unlisted;
  return g_strv_builder_end (codes);
}

IcTableColumn *
ic_table_column (IcTable *table, const char *name)
{
  int c = ic_table_spec_column (table->spec, name);
  return c < 0 ? NULL : &table->columns[c];
}

/* The table column read from field @field (1-based) of the file, or NULL. */
static const IcTableColumn *
column_at_field (Reader *r, guint field)
{
  for (guint c = 0; c < r->table->spec->n_columns; c++)
    if (field > 0 && r->table->columns[c].field == (int) field - 1)
      return &r->table->columns[c];
  return NULL;
}

static gboolean
fail_csv (Reader *r, IcCsvReader *csv, GError *csv_error, GError **error)
{
  guint64 line = 0;
  guint column = 0;
  const IcTableColumn *table_column;

  if (csv != NULL)
    ic_csv_reader_get_error_position (csv, &line, &column);
  table_column = column_at_field (r, column);
  fail_file (r, line, column, table_column ? table_column->spec->name : NULL, error,
             "%s", csv_error->message);
  g_error_free (csv_error);
  return FALSE;
}

/* Drops the rows flagged in @drop from every column. */
static void
compact_rows (IcTable *table, const guint8 *drop)
{
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      IcTableColumn *column = &table->columns[c];
      guint64 kept = 0;
      for (guint64 i = 0; i < table->n_rows; i++)
        {
          if (drop[i])
            {
              if (column->texts)
                g_free (column->texts[i]);
              continue;
            }
          if (column->dates)
            column->dates[kept] = column->dates[i];
          if (column->codes)
            column->codes[kept] = column->codes[i];
          if (column->ids)
            column->ids[kept] = column->ids[i];
          if (column->counts)
            column->counts[kept] = column->counts[i];
          if (column->texts)
            column->texts[kept] = column->texts[i];
          kept++;
        }
    }
  for (guint64 i = 0, n = table->n_rows; i < n; i++)
    table->n_rows -= drop[i] ? 1 : 0;
}

/* The line of every kept row whose identifier hash is one of @duplicates,
 * as (row, line, hash) triples in row order. Rows keep neither their lines
 * nor (once partitioned) their hashes in order, and duplicates are rare:
 * the file is read a second time, the records not kept (in @skipped) aside. */
static void
duplicate_rows (Reader *r, const char *path, int field, const guint64 *duplicates, gsize n_duplicates,
                GArray *triples)
{
  g_autoptr (IcCsvReader) csv = ic_csv_reader_open (path, NULL);
  g_autoptr (GError) error = NULL;
  const IcCsvField *fields;
  guint n_fields;
  guint64 line, row = 0;
  guint skip = 0;

  while (csv != NULL && row < r->table->n_rows)
    {
      if (!ic_csv_reader_next (csv, &fields, &n_fields, &line, &error))
        {
          if (error == NULL)
            return;
          ic_csv_reader_get_error_position (csv, &line, NULL);
          g_clear_error (&error);
          continue;
        }
      while (skip < r->skipped_lines->len && g_array_index (r->skipped_lines, guint64, skip) < line)
        skip++;
      if (skip < r->skipped_lines->len && g_array_index (r->skipped_lines, guint64, skip) == line)
        continue;
      if ((guint) field < n_fields)
        {
          const char *text = fields[field].data;
          gsize len = fields[field].len;
          guint64 hash;
          ic_text_trim (&text, &len);
          hash = hash64 (text, len);
          if (ic_unique_contains (duplicates, n_duplicates, hash))
            {
              guint64 triple[3] = { row, line, hash };
              g_array_append_vals (triples, triple, 3);
            }
        }
      row++;
    }
}

/* Adds the duplicates' reasons (sorted by line) to the first reasons kept,
 * keeping the first IC_TABLE_KEPT_REASONS of both by line. */
static void
merge_reasons (Reader *r, GPtrArray *reasons, GArray *lines)
{
  GPtrArray *kept = r->table->rejected_reasons;
  g_autoptr (GPtrArray) merged = g_ptr_array_new_with_free_func (g_free);
  guint a = 0, b = 0;

  while (merged->len < IC_TABLE_KEPT_REASONS && (a < kept->len || b < reasons->len))
    {
      gboolean take_kept = b >= reasons->len
                           || (a < kept->len && g_array_index (r->reason_lines, guint64, a) < g_array_index (lines, guint64, b));
      if (take_kept)
        g_ptr_array_add (merged, g_strdup (kept->pdata[a++]));
      else
        g_ptr_array_add (merged, g_strdup (reasons->pdata[b++]));
    }
  g_ptr_array_set_size (kept, 0);
  for (guint i = 0; i < merged->len; i++)
    g_ptr_array_add (kept, g_strdup (merged->pdata[i]));
}

/* The row hashes read so far, partitioned for check_unique(). */
static void
partition_hashes (Reader *r)
{
  ic_unique_partition (&r->hash_run, r->row_hashes, r->row_hashes != NULL ? r->table->n_rows : 0);
  r->partitioned = TRUE;
}

/* The identifiers met twice, from the hashes of @r's rows and of its second
 * part's (@part may be NULL): found before the parts are merged, so that the
 * 8 bytes a row of the hashes are freed before the merge needs memory. */
static void
find_duplicates (Reader *r, Reader *part)
{
  IcHashRun runs[2];

  if (!r->partitioned)
    partition_hashes (r);
  runs[0] = r->hash_run;
  if (part != NULL)
    runs[1] = part->hash_run;
  r->duplicates = ic_unique_find_duplicates_in_runs (runs, part != NULL ? 2 : 1, &r->n_duplicates);
  g_clear_pointer (&r->row_hashes, g_free);
  if (part != NULL)
    g_clear_pointer (&part->row_hashes, g_free);
}

/* Every row identifier must be unique: the hashes of the kept rows are
 * partitioned once and compared bucket by bucket; each later row of an identifier is a problem (strict) or is
 * set aside (lenient), the first row being kept. */
static void
check_unique (Reader *r, const char *path)
{
  IcTable *table = r->table;
  int c = -1;
  gsize n_duplicates = 0;
  g_autofree guint64 *duplicates = NULL;
  g_autofree guint8 *drop = NULL;
  g_autoptr (GArray) pairs = NULL;
  g_autoptr (GHashTable) first_line = NULL;
  g_autoptr (GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) reason_lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  const IcTableColumn *column;
  guint64 dropped = 0;

  for (guint k = 0; k < table->spec->n_columns; k++)
    if (table->columns[k].spec->kind == IC_COLUMN_KIND_ROW_ID)
      c = (int) k;
  if (c < 0 || table->n_rows < 2)
    return;
  duplicates = g_steal_pointer (&r->duplicates);
  n_duplicates = r->n_duplicates;
  if (duplicates == NULL)
    return;

  column = &table->columns[c];
  pairs = g_array_new (FALSE, FALSE, sizeof (guint64));
  duplicate_rows (r, path, column->field, duplicates, n_duplicates, pairs);
  first_line = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  drop = g_new0 (guint8, table->n_rows);
  for (guint i = 0; i + 2 < pairs->len; i += 3)
    {
      guint64 row = g_array_index (pairs, guint64, i), line = g_array_index (pairs, guint64, i + 1);
      guint64 hash = g_array_index (pairs, guint64, i + 2);
      guint64 *first = g_hash_table_lookup (first_line, &hash);
      g_autofree char *message = NULL;

      if (first == NULL)
        {
          g_hash_table_insert (first_line, g_memdup2 (&hash, sizeof hash), g_memdup2 (&line, sizeof line));
          continue;
        }
      message = g_strdup_printf ("duplicate identifier (first on line %" G_GUINT64_FORMAT ")", *first);
      drop[row] = 1;
      dropped++;
      if (!r->lenient)
        ic_problems_add (r->problems, r->file, line, (guint) column->field + 1, column->spec->name, "%s", message);
      else
        {
          g_ptr_array_add (reasons, ic_problems_format (r->file, line, (guint) column->field + 1,
                                                        column->spec->name, message));
          g_array_append_val (reason_lines, line);
        }
    }
  /* The later rows go, as any invalid row: counted in lenient mode. */
  compact_rows (table, drop);
  if (r->lenient)
    {
      table->rejected += dropped;
      merge_reasons (r, reasons, reason_lines);
    }
}

/* Reads the records of @csv (of its part, when split) into r->table. FALSE
 * with @error on a problem that makes the file unreadable. */
static gboolean read_records_unflushed (Reader *r, IcCsvReader *csv, GError **error);

static gboolean
read_records (Reader *r, IcCsvReader *csv, GError **error)
{
  gboolean ok = read_records_unflushed (r, csv, error);
  persons_flush (r);
  return ok;
}

static gboolean
read_records_unflushed (Reader *r, IcCsvReader *csv, GError **error)
{
  IcTable *table = r->table;
  GError *csv_error = NULL;
  const IcCsvField *fields;
  guint n_fields;

  for (;;)
    {
      guint column = 0;
      const IcTableColumn *table_column;
      const char *name;

      if (ic_csv_reader_next (csv, &fields, &n_fields, &r->line, &csv_error))
        {
          table->rows_read++;
          read_row (r, fields, n_fields);
          continue;
        }
      if (csv_error == NULL)
        return TRUE;
      if (!g_error_matches (csv_error, IC_CSV_ERROR, IC_CSV_ERROR_BAD_QUOTE)
          && !g_error_matches (csv_error, IC_CSV_ERROR, IC_CSV_ERROR_FIELD_TOO_LONG))
        return fail_csv (r, csv, csv_error, error);

      ic_csv_reader_get_error_position (csv, &r->line, &column);
      g_array_append_val (r->skipped_lines, r->line);
      table_column = column_at_field (r, column);
      name = table_column ? table_column->spec->name : NULL;
      table->rows_read++;
      r->row_problems = 0;
      if (!r->lenient)
        ic_problems_add (r->problems, r->file, r->line, column, name, "%s", csv_error->message);
      else
        {
          table->rejected++;
          if (table->rejected_reasons->len < IC_TABLE_KEPT_REASONS)
            {
              g_array_append_val (r->reason_lines, r->line);
              g_ptr_array_add (table->rejected_reasons,
                               ic_problems_format (r->file, r->line, column, name, csv_error->message));
            }
        }
      g_clear_error (&csv_error);
    }
}

static void
reader_init (Reader *r, IcTable *table, IcTableId id, const char *file, IcInterner *territories,
             gboolean lenient, IcProblems *problems)
{
  *r = (Reader) {
    .table = table, .id = id, .file = file, .territories = territories,
    .lenient = lenient, .problems = problems,
    .cells = g_new0 (Cell, table->spec->n_columns),
    .upper = g_new (char, (gsize) table->spec->n_columns * MAX_CODE_LEN),
    .value_cache = g_new0 (CachedValue, (gsize) table->spec->n_columns * VALUE_CACHE_SLOTS),
    .date_cache = g_new0 (CachedDate, (gsize) table->spec->n_columns * DATE_CACHE_SLOTS),
    .date_cache_use = g_new0 (DateCacheUse, table->spec->n_columns),
    .kinds = g_new (guint8, table->spec->n_columns),
    .pending = g_new (guint, table->spec->n_columns),
    .skipped_lines = g_array_new (FALSE, FALSE, sizeof (guint64)),
    .reason_lines = g_array_new (FALSE, FALSE, sizeof (guint64)),
  };
  for (guint c = 0; c < table->spec->n_columns; c++)
    r->kinds[c] = (guint8) table->spec->columns[c].kind;
  if (id == IC_TABLE_POPULATIONS)
    r->population_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
reader_clear (Reader *r)
{
  clear_cells (r);
  g_free (r->cells);
  g_free (r->upper);
  g_free (r->value_cache);
  g_free (r->date_cache);
  g_free (r->date_cache_use);
  g_free (r->kinds);
  g_free (r->pending);
  g_free (r->row_hashes);
  g_free (r->duplicates);
  g_array_unref (r->skipped_lines);
  g_array_unref (r->reason_lines);
  g_clear_pointer (&r->population_keys, g_hash_table_unref);
}

/* The second part of a split file, read in a thread of its own: its own
 * table, dictionaries, territories and problems, merged afterwards. */
typedef struct {
  Reader reader;
  IcCsvReader *csv;
  IcInterner *territories;
  IcProblems *problems;
  GError *error;
  gboolean ok;
} Part;

static gpointer
read_part (gpointer data)
{
  Part *part = data;
  part->ok = read_records (&part->reader, part->csv, &part->error);
  if (part->ok)
    partition_hashes (&part->reader);
  return NULL;
}

/* Appends the rows, dictionaries and bookkeeping of @part after @r's. */
static void
merge_part (Reader *r, Reader *part, IcInterner *part_territories)
{
  IcTable *table = r->table, *from = part->table;
  guint64 base = table->n_rows, n = from->n_rows;
  g_autofree guint32 *territory_map = ic_interner_merge (r->territories, part_territories);
  g_autofree guint32 **person_maps = g_new0 (guint32 *, table->spec->n_columns);

  /* Persons first: their dictionaries are the biggest pieces besides the
   * columns, and they go before the columns grow. */
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      IcTableColumn *to = &table->columns[c], *col = &from->columns[c];
      if (to->spec->kind != IC_COLUMN_KIND_PERSON_ID)
        continue;
      person_maps[c] = ic_interner_number_union (to->dictionary, col->dictionary, &to->n_distinct);
      g_clear_pointer (&to->dictionary, ic_interner_free);
      g_clear_pointer (&col->dictionary, ic_interner_free);
    }

  /* Column by column, into final arrays of exactly the rows (the parts'
   * narrow values widened on the way), each piece of the part freed as
   * soon as it is merged: the peak memory holds one column twice at most. */
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      IcTableColumn *to = &table->columns[c], *col = &from->columns[c];
      g_autofree guint32 *map = person_maps[c];
      switch (to->spec->kind)
        {
        case IC_COLUMN_KIND_ROW_ID:
        case IC_COLUMN_KIND_TEXT:
          break;
        case IC_COLUMN_KIND_PERSON_ID:
          to->ids = g_renew (guint32, to->ids, MAX (base + n, 1));
          for (guint64 i = 0; i < n; i++)
            to->ids[base + i] = map[col->ids[i]];
          break;
        case IC_COLUMN_KIND_DATE:
          ic_column_merge_values (to, base, col, n, NULL);
          break;
        case IC_COLUMN_KIND_CODE:
          /* Value 0 is a missing code; others are dictionary id + 1. */
          map = ic_interner_merge (to->dictionary, col->dictionary);
          ic_column_merge_values (to, base, col, n, map);
          break;
        case IC_COLUMN_KIND_TERRITORY:
          ic_column_merge_values (to, base, col, n, territory_map);
          break;
        case IC_COLUMN_KIND_COUNT:
          to->counts = g_renew (gint64, to->counts, MAX (base + n, 1));
          memcpy (to->counts + base, col->counts, n * sizeof (gint64));
          break;
        }
      g_clear_pointer (&col->ids, g_free);
      g_clear_pointer (&col->dates, g_free);
      g_clear_pointer (&col->codes, g_free);
      g_clear_pointer (&col->narrow_dates, g_free);
      g_clear_pointer (&col->narrow_codes, g_free);
      g_clear_pointer (&col->counts, g_free);
      g_clear_pointer (&col->dictionary, ic_interner_free);
    }
  table->capacity = MAX (base + n, 1);
  table->n_rows = base + n;
  table->rows_read += from->rows_read;
  table->rejected += from->rejected;
  for (guint i = 0; i < from->rejected_reasons->len && table->rejected_reasons->len < IC_TABLE_KEPT_REASONS; i++)
    {
      g_ptr_array_add (table->rejected_reasons, g_strdup (from->rejected_reasons->pdata[i]));
      g_array_append_val (r->reason_lines, g_array_index (part->reason_lines, guint64, i));
    }
  g_array_append_vals (r->skipped_lines, part->skipped_lines->data, part->skipped_lines->len);
}

/* Once read, only the numbers of persons are needed. */
static void
drop_person_dictionaries (IcTable *table)
{
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      IcTableColumn *column = &table->columns[c];
      if (column->spec->kind != IC_COLUMN_KIND_PERSON_ID || column->dictionary == NULL)
        continue;
      column->n_distinct = ic_interner_size (column->dictionary);
      g_clear_pointer (&column->dictionary, ic_interner_free);
    }
}

/* Files larger than this are read in two threads (0: never). */
static gsize split_threshold = IC_TABLE_SPLIT_DEFAULT;

void
ic_table_set_split_threshold (gsize bytes)
{
  split_threshold = bytes;
}

gboolean
ic_table_threads_allowed (void)
{
  return split_threshold > 0;
}

gboolean
ic_table_merge_territories (IcTable *table, IcInterner *into, IcInterner *from, IcProblems *problems)
{
  g_autofree guint32 *map = ic_interner_merge (into, from);
  g_autofree char *file = g_path_get_basename (table->path);

  /* Codes are 16 bits: each table checked its own count, not the union. */
  if (ic_interner_size (into) > G_MAXUINT16)
    {
      ic_problems_add (problems, file, 0, 0, NULL, "more than %d distinct territories in the data",
                       G_MAXUINT16 - 1);
      return FALSE;
    }
  for (guint c = 0; c < table->spec->n_columns; c++)
    {
      IcTableColumn *column = &table->columns[c];
      if (column->spec->kind != IC_COLUMN_KIND_TERRITORY)
        continue;
      for (guint64 i = 0; i < table->n_rows; i++)
        column->codes[i] = (guint16) map[column->codes[i]];
    }
  return TRUE;
}

/* Frees the second part of a split. */
static void
part_free (Part *part)
{
  g_clear_error (&part->error);
  reader_clear (&part->reader);
  ic_table_free (part->reader.table);
  ic_interner_free (part->territories);
  ic_problems_free (part->problems);
  g_aligned_free (part);
}

/* Frees what an attempt read before the next one: a big file's columns
 * would otherwise be held twice. */
static void
drop_attempt (IcTable **table, IcCsvReader **csv, IcCsvReader **second)
{
  g_clear_pointer (table, ic_table_free);
  g_clear_pointer (second, ic_csv_reader_free);
  g_clear_pointer (csv, ic_csv_reader_free);
}

/* Reads the table, in two threads when @may_split and the file is big, and
 * with @assume_utf8 without a first pass over the file to decide its
 * encoding (csv-reader.h): read again in the rare case it is not UTF-8.
 * Problems go to a list of the attempt's own, and reach @problems only
 * when the attempt stands. */
static IcTable *
table_read (IcTableId id, const char *path, IcInterner *territories, gboolean lenient,
            IcProblems *problems, gboolean may_split, gboolean assume_utf8, GError **error)
{
  g_autoptr (IcTable) table = table_new (id, path);
  g_autoptr (IcCsvReader) csv = NULL;
  g_autoptr (IcCsvReader) second = NULL;
  g_autoptr (IcProblems) attempt = ic_problems_new (ic_problems_limit (problems));
  g_autofree char *file = g_path_get_basename (path);
  GError *csv_error = NULL;
  gboolean ok;
  Reader r;
  /* On cache lines of its own: both readers write their state at every
   * record, and sharing a line would make each thread wait on the other. */
  Part *part = NULL;
  GThread *thread = NULL;
  gint64 started = g_get_monotonic_time (), opened, parsed = 0, merged = 0, checked = 0;

  g_return_val_if_fail (ic_interner_size (territories) > 0, NULL);

  /* An attempt thrown away must leave no territory behind: only a
   * dictionary holding just "" is easily put back as it was. */
  assume_utf8 = assume_utf8 && ic_interner_size (territories) == 1;
  csv = assume_utf8 ? ic_csv_reader_open_assuming_utf8 (path, &csv_error) : ic_csv_reader_open (path, &csv_error);
  if (csv == NULL && assume_utf8)
    {
      /* Not UTF-8, learnt already while reading the header; or a problem
       * that opening it the usual way reports as well. */
      g_debug ("%s: %s: opened again the usual way", file, csv_error->message);
      g_clear_error (&csv_error);
      return table_read (id, path, territories, lenient, problems, may_split, FALSE, error);
    }
  reader_init (&r, table, id, file, territories, lenient, attempt);
  if (csv == NULL)
    {
      fail_file (&r, 0, 0, NULL, error, "%s", csv_error->message);
      g_error_free (csv_error);
      reader_clear (&r);
      ic_problems_append (problems, attempt);
      return NULL;
    }
  opened = g_get_monotonic_time ();
  ok = read_header (&r, csv, error);

  /* A big file is read in two parts at once, each with its own problems
   * (merged in order afterwards, or thrown away when the split was unsound). */
  if (ok && may_split && split_threshold > 0 && id != IC_TABLE_POPULATIONS
      && ic_csv_reader_split (csv, split_threshold, &second))
    {
      IcTable *part_table = table_new (id, path);
      part = g_aligned_alloc0 (1, sizeof (Part), 64);
      for (guint c = 0; c < table->spec->n_columns; c++)
        part_table->columns[c].field = table->columns[c].field;
      part->territories = ic_interner_new ();
      ic_interner_intern (part->territories, "", 0, NULL);
      part->problems = ic_problems_new (ic_problems_limit (problems));
      part->csv = second;
      reader_init (&part->reader, part_table, id, file, part->territories, lenient, part->problems);
      part->reader.n_header = r.n_header;
      thread = g_thread_new ("indicore-read", read_part, part);
    }

  if (ok)
    ok = read_records (&r, csv, error);
  parsed = g_get_monotonic_time ();

  if (thread != NULL)
    {
      gboolean sound;
      /* While the second part may still be read. */
      if (ok)
        partition_hashes (&r);
      g_thread_join (thread);
      parsed = g_get_monotonic_time ();
      sound = ok && ic_csv_reader_part_ended_cleanly (csv);
      if (ok && !sound && (!assume_utf8 || ic_csv_reader_assumption_held (csv)))
        {
          /* The boundary fell inside a quoted field: read it all again,
           * this attempt's memory freed first. */
          part_free (part);
          reader_clear (&r);
          drop_attempt (&table, &csv, &second);
          return table_read (id, path, territories, lenient, problems, FALSE, assume_utf8, error);
        }
      if (sound && part->ok)
        {
          find_duplicates (&r, &part->reader);
          merge_part (&r, &part->reader, part->territories);
        }
      else if (ok)
        {
          /* A part's file-level failure is the file's. */
          g_propagate_error (error, g_steal_pointer (&part->error));
          ok = FALSE;
        }
      ic_problems_append (attempt, part->problems);
      part_free (part);
    }

  merged = g_get_monotonic_time ();
  if (ok)
    {
      if (thread == NULL)
        find_duplicates (&r, NULL);
      drop_person_dictionaries (table);
      widen_all (table);
      check_unique (&r, path);
    }
  checked = g_get_monotonic_time ();

  /* The file not UTF-8 after all: all again, the encoding decided first. */
  if (assume_utf8 && !ic_csv_reader_assumption_held (csv))
    {
      g_debug ("%s: not UTF-8 after %.3f s: read again as Windows-1252", file,
               (g_get_monotonic_time () - started) / 1e6);
      reader_clear (&r);
      drop_attempt (&table, &csv, &second);
      g_clear_error (error);
      ic_interner_clear (territories);
      ic_interner_intern (territories, "", 0, NULL);
      return table_read (id, path, territories, lenient, problems, may_split, FALSE, error);
    }

  /* Computed beside the reading: waited for here, before the table goes out
   * (and before any plugin process is forked). */
  if (ok)
    {
      const char *sha256 = ic_csv_reader_get_sha256 (csv, &csv_error);
      table->sha256 = g_strdup (sha256);
      if (sha256 == NULL)
        {
          ok = fail_file (&r, 0, 0, NULL, error, "%s", csv_error->message);
          g_error_free (csv_error);
        }
    }
  ic_problems_append (problems, attempt);
  /* G_MESSAGES_DEBUG=indicore: where a run's time goes. */
  g_debug ("%s: %" G_GUINT64_FORMAT " rows in %.3f s (opening %.3f, parsing %.3f in %d thread%s, merging %.3f, unique identifiers %.3f, then waiting for the checksum %.3f)",
           file, table->n_rows, (g_get_monotonic_time () - started) / 1e6, (opened - started) / 1e6,
           (parsed - opened) / 1e6, thread ? 2 : 1, thread ? "s" : "", (merged - parsed) / 1e6,
           (checked - merged) / 1e6, (g_get_monotonic_time () - checked) / 1e6);
  reader_clear (&r);
  if (!ok)
    return NULL;
  return g_steal_pointer (&table);
}

IcTable *
ic_table_read (IcTableId id,
               const char *path,
               IcInterner *territories,
               gboolean lenient,
               IcProblems *problems,
               GError **error)
{
  return table_read (id, path, territories, lenient, problems, TRUE, TRUE, error);
}

IcTable *
ic_table_read_in_one_thread (IcTableId id,
                             const char *path,
                             IcInterner *territories,
                             gboolean lenient,
                             IcProblems *problems,
                             GError **error)
{
  return table_read (id, path, territories, lenient, problems, FALSE, TRUE, error);
}

/* table-rows.c: the records of a file into typed columns, row by row:
 * each value parsed once (dates and codes through small caches), checked,
 * and kept only with its row. The reader's hot path. */
#include "table-private.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "number.h"
#include "text.h"

/* A problem of the current row: reported in strict mode, set aside with the
 * row in lenient mode. */
void
ic_table_row_problem (IcTableReader *r, const IcTableColumn *column, const char *format, ...)
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

const char *
ic_table_words (const IcTableReader *r, const char *msgid)
{
  return r->lenient ? ic_problems_french (msgid, 1) : _(msgid);
}

const char *
ic_table_words_n (const IcTableReader *r, const char *msgid, const char *msgid_plural, gulong n)
{
  if (r->lenient)
    return ic_problems_french (msgid, n);
  return g_dngettext (NULL, msgid, msgid_plural, n);
}

void
ic_table_widen_all (IcTable *table)
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
          ic_column_advise_huge (column->ids, capacity * sizeof (guint32));
          break;
        case IC_COLUMN_KIND_DATE:
          if (column->narrow_dates != NULL)
            column->narrow_dates = g_renew (guint16, column->narrow_dates, capacity);
          else
            {
              column->dates = g_renew (gint32, column->dates, capacity);
              ic_column_advise_huge (column->dates, capacity * sizeof (gint32));
            }
          break;
        case IC_COLUMN_KIND_CODE:
        case IC_COLUMN_KIND_TERRITORY:
          if (column->narrow_codes != NULL)
            column->narrow_codes = g_renew (guint8, column->narrow_codes, capacity);
          else
            {
              column->codes = g_renew (guint16, column->codes, capacity);
              ic_column_advise_huge (column->codes, capacity * sizeof (guint16));
            }
          break;
        case IC_COLUMN_KIND_INTEGER:
        case IC_COLUMN_KIND_DECIMAL:
          column->integers = g_renew (gint64, column->integers, capacity);
          ic_column_advise_huge (column->integers, capacity * sizeof (gint64));
          break;
        case IC_COLUMN_KIND_YES_NO:
          column->flags = g_renew (guint8, column->flags, capacity);
          break;
        case IC_COLUMN_KIND_TEXT:
          column->texts = g_renew (char *, column->texts, capacity);
          break;
        case IC_COLUMN_KIND_FREE_TEXT:
          break;
        }
    }
  table->capacity = capacity;
}

static void
person_pop (IcTableReader *r)
{
  const PendingPerson *p = &r->persons[r->persons_head];
  IcTableColumn *column = &r->table->columns[p->column];
  column->ids[p->row] = ic_interner_intern_hashed (column->dictionary, p->text, p->len, p->hash, NULL);
  r->persons_head = (r->persons_head + 1) % PERSON_AHEAD;
  r->n_persons--;
}

/* Interns every pending person: before anything reads the ids. */
static void
persons_flush (IcTableReader *r)
{
  while (r->n_persons > 0)
    person_pop (r);
}

static void
person_push (IcTableReader *r, guint c, guint64 row, const char *text, gsize len)
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
commit_row (IcTableReader *r)
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
clear_cells (IcTableReader *r)
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
add_pending (IcTableReader *r, guint c, const char *text, gsize len)
{
  r->cells[c].pending = text;
  r->cells[c].pending_len = len;
  r->pending[r->n_pending++] = c;
}

static void
parse_code (IcTableReader *r, guint c, const char *text, gsize len)
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
      ic_table_row_problem (r, column, ic_table_words (r, N_("code longer than %d characters")), MAX_CODE_LEN);
      return;
    }
  for (gsize i = 0; i < len; i++)
    upper[i] = g_ascii_toupper (text[i]);

  found = ic_interner_find (column->dictionary, upper, len);
  if (found < 0 && !column->spec->codes_open)
    {
      g_autofree char *expected = g_strjoinv (", ", (char **) column->spec->codes);
      ic_table_row_problem (r, column, ic_table_words (r, N_("unknown code (expected one of %s)")), expected);
      return;
    }
  if (found < 0)
    {
      if (ic_interner_size (column->dictionary) >= G_MAXUINT16 - 1)
        {
          ic_table_row_problem (r, column, ic_table_words (r, N_("more than %d distinct codes")), G_MAXUINT16 - 1);
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
parse_territory (IcTableReader *r, guint c, const char *text, gsize len)
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
          ic_table_row_problem (r, column, ic_table_words (r, N_("more than %d distinct territories")), G_MAXUINT16 - 1);
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

/* A yes/no as written (any case): 1 yes, 0 no, -1 neither. */
static int
parse_yes_no (const char *text, gsize len)
{
  static const char *const yes[] = { "oui", "o", "1", "true", "yes", "vrai" };
  static const char *const no[] = { "non", "n", "0", "false", "no", "faux" };
  char lower[8];

  if (len >= sizeof lower)
    return -1;
  for (gsize i = 0; i < len; i++)
    lower[i] = g_ascii_tolower (text[i]);
  lower[len] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (strcmp (lower, yes[i]) == 0)
        return 1;
      if (strcmp (lower, no[i]) == 0)
        return 0;
    }
  return -1;
}

/* A decimal into its column as value x 10^places. A `,` mark reaches here
 * only from a quoted field or a file separated by `;`: elsewhere it would
 * have split the field. */
static void
parse_decimal (IcTableReader *r, IcTableColumn *column, guint64 row, const char *text, gsize len)
{
  switch (ic_decimal_parse (text, len, column->spec->places, &column->integers[row]))
    {
    case IC_DECIMAL_OK:
      break;
    case IC_DECIMAL_TOO_FINE:
      ic_table_row_problem (r, column, ic_table_words (r, N_("too many decimals (at most %u)")), column->spec->places);
      break;
    case IC_DECIMAL_INVALID:
      ic_table_row_problem (r, column, "%s",
                            ic_table_words (r, N_("not a decimal number (expected digits, with . or , before the decimals; no sign, no thousands separator)")));
      break;
    }
}

/* Free text is checked and forgotten: neither it nor a word of it goes
 * anywhere, the problem names the line and the column only. */
static void
check_free_text (IcTableReader *r, const IcTableColumn *column, const char *text, gsize len)
{
  if (len > IC_FREE_TEXT_MAX)
    ic_table_row_problem (r, column, "%s", ic_table_words (r, N_("text longer than 4096 bytes")));
  else if (!g_utf8_validate_len (text, len, NULL))
    ic_table_row_problem (r, column, "%s", ic_table_words (r, N_("text not valid UTF-8")));
}

/* Writes the value into its column at row n_rows: kept only if the row is
 * (commit_row()). */
static void
parse_cell (IcTableReader *r, guint c, const char *text, gsize len)
{
  IcTableColumn *column = &r->table->columns[c];
  Cell *cell = &r->cells[c];
  const guint64 row = r->table->n_rows;

  switch (r->kinds[c])
    {
    case IC_COLUMN_KIND_ROW_ID:
      /* Kept only with its row: an identifier whose first row was set
       * aside is not a duplicate. Checked once, at the end (ic_table_check_unique). */
      r->row_hash = ic_table_row_hash (text, len);
      break;
    case IC_COLUMN_KIND_PERSON_ID:
      add_pending (r, c, text, len);
      break;
    case IC_COLUMN_KIND_DATE:
      {
        gint32 day;
        if (!parse_date_cached (r->date_cache + (gsize) c * DATE_CACHE_SLOTS, &r->date_cache_use[c], text, len, &day))
          ic_table_row_problem (r, column, "%s",
                                ic_table_words (r, N_("not a valid date (expected YYYY-MM-DD or DD/MM/YYYY, and a real day)")));
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
    case IC_COLUMN_KIND_INTEGER:
      if (!ic_count_parse (text, len, &column->integers[row]))
        ic_table_row_problem (r, column, "%s",
                              ic_table_words (r, N_("not a whole number (expected digits, optionally grouped by thousands with spaces; no sign)")));
      break;
    case IC_COLUMN_KIND_DECIMAL:
      parse_decimal (r, column, row, text, len);
      break;
    case IC_COLUMN_KIND_YES_NO:
      {
        int yes = parse_yes_no (text, len);
        if (yes < 0)
          ic_table_row_problem (r, column, "%s",
                                ic_table_words (r, N_("neither yes nor no (expected oui/non, o/n, 1/0, true/false, yes/no or vrai/faux)")));
        else
          column->flags[row] = (guint8) yes;
      }
      break;
    case IC_COLUMN_KIND_FREE_TEXT:
      check_free_text (r, column, text, len);
      break;
    case IC_COLUMN_KIND_TEXT:
      if (column->spec->text_form == IC_TEXT_PERIOD && !is_period (text, len))
        ic_table_row_problem (r, column, "%s",
                              ic_table_words (r, N_("not a period (expected a year, 2024, or a school year, 2023-2024)")));
      else
        {
          cell->text = column->spec->text_form == IC_TEXT_LOWER ? g_ascii_strdown (text, (gssize) len)
                                                                : g_strndup (text, len);
          add_pending (r, c, NULL, 0);
        }
      break;
    }
}

/* Missing values: IC_DATE_NONE, code 0, territory 0, IC_INTEGER_NONE,
 * IC_YES_NO_NONE, no text. */
static void
set_missing (IcTableReader *r, guint c)
{
  IcTableColumn *column = &r->table->columns[c];
  const guint64 row = r->table->n_rows;

  if (column->spec->required)
    {
      ic_table_row_problem (r, column, "%s", ic_table_words (r, N_("missing value")));
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
    case IC_COLUMN_KIND_INTEGER:
    case IC_COLUMN_KIND_DECIMAL:
      column->integers[row] = IC_INTEGER_NONE;
      break;
    case IC_COLUMN_KIND_YES_NO:
      column->flags[row] = IC_YES_NO_NONE;
      break;
    case IC_COLUMN_KIND_PERSON_ID:
      /* No optional person column exists; an empty identifier would be one. */
      add_pending (r, c, "", 0);
      break;
    case IC_COLUMN_KIND_TEXT:
      add_pending (r, c, NULL, 0);
      break;
    case IC_COLUMN_KIND_ROW_ID:
    case IC_COLUMN_KIND_FREE_TEXT:
      break;
    }
}

static void
read_row (IcTableReader *r, const IcCsvField *fields, guint n_fields)
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
        ic_table_row_problem (r, NULL,
                              ic_table_words_n (r, "%u field where the header has %u", "%u fields where the header has %u",
                                                n_fields),
                              n_fields, r->n_header);
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
      if (r->row_problems == 0 && r->n_rules > 0)
        ic_table_check_row (r);
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

/* The table column read from field @field (1-based) of the file, or NULL. */
const IcTableColumn *
ic_table_column_at_field (IcTableReader *r, guint field)
{
  for (guint c = 0; c < r->table->spec->n_columns; c++)
    if (field > 0 && r->table->columns[c].field == (int) field - 1)
      return &r->table->columns[c];
  return NULL;
}

/* Reads the records of @csv (of its part, when split) into r->table. FALSE
 * with @error on a problem that makes the file unreadable. */
static gboolean read_records_unflushed (IcTableReader *r, IcCsvReader *csv, GError **error);

gboolean
ic_table_read_records (IcTableReader *r, IcCsvReader *csv, GError **error)
{
  gboolean ok = read_records_unflushed (r, csv, error);
  persons_flush (r);
  return ok;
}

static gboolean
read_records_unflushed (IcTableReader *r, IcCsvReader *csv, GError **error)
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
        return ic_table_fail_csv (r, csv, csv_error, error);

      ic_csv_reader_get_error_position (csv, &r->line, &column);
      g_array_append_val (r->skipped_lines, r->line);
      table_column = ic_table_column_at_field (r, column);
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
                               ic_problems_format (r->file, r->line, column, name,
                                                   ic_problems_french (csv_error->message, 1)));
            }
        }
      g_clear_error (&csv_error);
    }
}

void
ic_table_reader_init (IcTableReader *r, IcTable *table, IcTableId id, const char *file, IcInterner *territories,
                      gboolean lenient, IcProblems *problems)
{
  *r = (IcTableReader) {
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
  r->rules = ic_table_rules_resolve (table->spec, &r->n_rules);
}

void
ic_table_reader_clear (IcTableReader *r)
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
  ic_table_rules_free (r->rules, r->n_rules);
}

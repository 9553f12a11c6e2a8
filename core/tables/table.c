/* table.c: reads one input table (table.h): the header matched to the
 * schema, then the records the input stage hands over (csv-source.h)
 * consumed into columns, in one part or two, read again when the source
 * says so. */
#include "table-private.h"

#include <string.h>
#include <glib/gi18n.h>

#include "text.h"

G_DEFINE_QUARK (ic-table-error-quark, ic_table_error)

/* A problem that makes the whole file unreadable: recorded in the problems
 * and returned in @error with the same text (the problem list has a limit,
 * the error must hold the message anyway). */
gboolean
ic_table_fail_file (IcTableReader *r, guint64 line, guint column, const char *column_name,
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
read_header (IcTableReader *r, IcCsvReader *csv, GError **error)
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
      gboolean known = FALSE;
      ic_text_trim (&name, &len);
      for (guint c = 0; c < table->spec->n_columns; c++)
        {
          IcTableColumn *column = &table->columns[c];
          if (!ic_text_equal_ci (name, len, column->spec->name))
            continue;
          if (column->field >= 0)
            return ic_table_fail_file (r, 1, f + 1, column->spec->name, error,
                                       _("column appears twice in the header (first as field %d)"), column->field + 1);
          column->field = (int) f;
          known = TRUE;
        }
      if (!known && len > 0)
        {
          /* For the terminal: a quoted name may hold a line break. */
          char *unknown = g_strndup (name, len);
          for (char *p = unknown; *p; p++)
            if ((guchar) *p < 0x20 || *p == 0x7f)
              *p = ' ';
          g_ptr_array_add (table->unknown_columns, unknown);
        }
    }

  for (guint c = 0; c < table->spec->n_columns; c++)
    if (table->columns[c].spec->required && table->columns[c].field < 0)
      {
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", table->columns[c].spec->name);
        n_missing++;
      }
  /* A header read as one column holding tabs or bars: a text export
   * (Excel's « Texte (séparateur : tabulation) »), not CSV; say so. */
  if (n_missing > 0 && n_fields == 1 && (memchr (header[0].data, '\t', header[0].len) != NULL
                                         || memchr (header[0].data, '|', header[0].len) != NULL))
    return ic_table_fail_file (r, 1, 0, NULL, error,
                               _("the header is read as one column: its separator is neither ; nor , "
                                 "(a tab or |): save the file as CSV"));
  if (n_missing > 0)
    return ic_table_fail_file (r, 1, 0, NULL, error,
                               g_dngettext (NULL, "missing required column %s", "missing required columns %s", n_missing),
                               missing->str);
  return TRUE;
}

IcTable *
ic_table_new (IcTableId id, const char *path)
{
  IcTable *table = g_new0 (IcTable, 1);
  table->spec = ic_table_spec (id);
  table->path = g_strdup (path);
  table->rejected_reasons = g_ptr_array_new_with_free_func (g_free);
  table->unknown_columns = g_ptr_array_new_with_free_func (g_free);
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
      g_free (column->integers);
      g_free (column->flags);
      for (guint64 i = 0; column->texts && i < table->n_rows; i++)
        g_free (column->texts[i]);
      g_free (column->texts);
      ic_interner_free (column->dictionary);
    }
  g_free (table->columns);
  g_ptr_array_unref (table->rejected_reasons);
  g_ptr_array_unref (table->unknown_columns);
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

gboolean
ic_table_fail_csv (IcTableReader *r, IcCsvReader *csv, GError *csv_error, GError **error)
{
  guint64 line = 0;
  guint column = 0;
  const IcTableColumn *table_column;

  if (csv != NULL)
    ic_csv_reader_get_error_position (csv, &line, &column);
  table_column = ic_table_column_at_field (r, column);
  ic_table_fail_file (r, line, column, table_column ? table_column->spec->name : NULL, error,
                      "%s", csv_error->message);
  g_error_free (csv_error);
  return FALSE;
}

gboolean
ic_table_merge_territories (IcTable *table, IcInterner *into, IcInterner *from, IcProblems *problems)
{
  g_autofree guint32 *map = ic_interner_merge (into, from);
  g_autofree char *file = g_path_get_basename (table->path);

  /* Codes are 16 bits: each table checked its own count, not the union. */
  if (ic_interner_size (into) > G_MAXUINT16)
    {
      ic_problems_add (problems, file, 0, 0, NULL, _("more than %d distinct territories in the data"),
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

/* The second part, read by another thread meanwhile: merged into @r's
 * table when both parts stand; *@again when the split was unsound and all
 * is to be read again. Returns whether the reading still stands. */
static gboolean
join_part (IcTableReader *r, IcTablePart *part, IcCsvReader *csv, gboolean ok, IcProblems *attempt,
           gboolean *again, GError **error)
{
  /* While the second part may still be read. */
  if (ok)
    ic_table_partition_hashes (r);
  ic_table_part_join (part);
  if (!ic_csv_source_split_held (r->source))
    {
      *again = TRUE;
      ic_table_part_free (part);
      return FALSE;
    }
  if (ok && ic_csv_reader_part_ended_cleanly (csv) && part->ok)
    {
      ic_table_find_duplicates (r, &part->reader);
      ic_table_merge_part (r, &part->reader, part->territories);
    }
  else if (ok)
    {
      /* A part's file-level failure is the file's. */
      if (part->error != NULL)
        g_propagate_error (error, g_steal_pointer (&part->error));
      ok = FALSE;
    }
  ic_problems_append (attempt, part->problems);
  ic_table_part_free (part);
  return ok;
}

/* Once read: identifiers unique, persons numbered, columns widened. */
static void
finish_columns (IcTableReader *r, gboolean split)
{
  if (!split)
    ic_table_find_duplicates (r, NULL);
  ic_table_drop_person_dictionaries (r->table);
  ic_table_widen_all (r->table);
  ic_table_check_unique (r);
}

/* One reading of the file, as @source decides (csv-source.h). Problems go
 * to a list of the attempt's own, and reach @problems only when the
 * attempt stands; with *@again, nothing of it is left and the file is to
 * be read again. */
static IcTable *
read_attempt (IcCsvSource *source, IcTableId id, const char *path, IcInterner *territories,
              gboolean lenient, IcProblems *problems, gboolean *again, GError **error)
{
  g_autoptr (IcTable) table = ic_table_new (id, path);
  g_autoptr (IcProblems) attempt = ic_problems_new (ic_problems_limit (problems));
  g_autofree char *file = g_path_get_basename (path);
  GError *csv_error = NULL;
  IcTableReader r;
  IcCsvReader *csv, *second = NULL;
  gboolean ok;
  gint64 started = g_get_monotonic_time (), opened, parsed, merged, checked;

  *again = FALSE;
  ic_table_reader_init (&r, table, id, file, territories, lenient, attempt);
  r.source = source;
  csv = ic_csv_source_open (source, &csv_error);
  if (csv == NULL)
    {
      ic_table_fail_file (&r, 0, 0, NULL, error, "%s", csv_error->message);
      g_error_free (csv_error);
      ic_table_reader_clear (&r);
      ic_problems_append (problems, attempt);
      return NULL;
    }
  opened = g_get_monotonic_time ();

  /* A big file is read in two parts at once, each with its own problems
   * (merged in order afterwards, or thrown away when the split was unsound). */
  ok = read_header (&r, csv, error);
  IcTablePart *part = ok && (second = ic_csv_source_split (source)) != NULL
                      ? ic_table_part_start (&r, second, ic_problems_limit (problems)) : NULL;
  if (ok)
    ok = ic_table_read_records (&r, csv, error);
  if (part != NULL)
    {
      ok = join_part (&r, part, csv, ok, attempt, again, error);
      if (*again)
        {
          ic_table_reader_clear (&r);
          return NULL;
        }
    }
  parsed = merged = g_get_monotonic_time ();
  if (ok)
    finish_columns (&r, part != NULL);
  checked = g_get_monotonic_time ();

  /* The file not UTF-8 after all: all again, the encoding decided first. */
  if (!ic_csv_source_encoding_held (source))
    {
      *again = TRUE;
      g_clear_error (error);
      ic_table_reader_clear (&r);
      return NULL;
    }

  /* Computed beside the reading: waited for here, before the table goes out
   * (and before any plugin process is forked). */
  if (ok)
    {
      const char *sha256 = ic_csv_source_get_sha256 (source, &csv_error);
      table->separator = ic_csv_reader_get_separator (csv);
      table->sep_line = ic_csv_reader_had_sep_line (csv);
      table->bom = ic_csv_reader_had_bom (csv);
      table->converted = ic_csv_reader_was_converted (csv);
      table->sha256 = g_strdup (sha256);
      if (sha256 == NULL)
        {
          ok = ic_table_fail_file (&r, 0, 0, NULL, error, "%s", csv_error->message);
          g_error_free (csv_error);
        }
    }
  ic_problems_append (problems, attempt);
  /* G_MESSAGES_DEBUG=indicore: where a run's time goes. */
  g_debug ("%s: %" G_GUINT64_FORMAT " rows in %.3f s (opening %.3f, parsing and merging %.3f in %d thread%s, unique identifiers %.3f, then waiting for the checksum %.3f)",
           file, table->n_rows, (g_get_monotonic_time () - started) / 1e6, (opened - started) / 1e6,
           (merged - opened) / 1e6, part ? 2 : 1, part ? "s" : "", (checked - parsed) / 1e6,
           (g_get_monotonic_time () - checked) / 1e6);
  ic_table_reader_clear (&r);
  if (!ok)
    return NULL;
  return g_steal_pointer (&table);
}

IcTable *
ic_table_read (IcTableId id,
               const char *path,
               IcInterner *territories,
               gboolean lenient,
               const IcInputOptions *options,
               IcProblems *problems,
               GError **error)
{
  IcCsvSourceFlags flags = 0;
  g_autoptr (IcCsvSource) source = NULL;

  g_return_val_if_fail (ic_interner_size (territories) > 0, NULL);

  if (!ic_table_rules_need_one_part (ic_table_spec (id)))
    flags |= IC_CSV_SOURCE_MAY_SPLIT;
  /* An attempt thrown away must leave no territory behind: only a
   * dictionary holding just "" is easily put back as it was. */
  if (ic_interner_size (territories) == 1)
    flags |= IC_CSV_SOURCE_MAY_ASSUME_UTF8;
  source = ic_csv_source_new (path, options, flags);
  for (;;)
    {
      gboolean again;
      IcTable *table = read_attempt (source, id, path, territories, lenient, problems, &again, error);

      if (!again)
        return table;
      if (flags & IC_CSV_SOURCE_MAY_ASSUME_UTF8)
        {
          ic_interner_clear (territories);
          ic_interner_intern (territories, "", 0, NULL);
        }
    }
}

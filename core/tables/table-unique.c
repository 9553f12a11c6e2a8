/* table-unique.c: every row identifier unique in its file: the rows'
 * hashes compared once read, and the later rows of an identifier met
 * twice reported (strict) or set aside (lenient). */
#include "table-private.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

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
          if (column->integers)
            column->integers[kept] = column->integers[i];
          if (column->flags)
            column->flags[kept] = column->flags[i];
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
duplicate_rows (IcTableReader *r, int field, const guint64 *duplicates, gsize n_duplicates,
                GArray *triples)
{
  g_autoptr (IcCsvReader) csv = ic_csv_source_reopen (r->source);
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
          hash = ic_table_row_hash (text, len);
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
merge_reasons (IcTableReader *r, GPtrArray *reasons, GArray *lines)
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

/* The row hashes read so far, partitioned for ic_table_check_unique(). */
void
ic_table_partition_hashes (IcTableReader *r)
{
  ic_unique_partition (&r->hash_run, r->row_hashes, r->row_hashes != NULL ? r->table->n_rows : 0);
  r->partitioned = TRUE;
}

/* The identifiers met twice, from the hashes of @r's rows and of its second
 * part's (@part may be NULL): found before the parts are merged, so that the
 * 8 bytes a row of the hashes are freed before the merge needs memory. */
void
ic_table_find_duplicates (IcTableReader *r, IcTableReader *part)
{
  IcHashRun runs[2];

  if (!r->partitioned)
    ic_table_partition_hashes (r);
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
void
ic_table_check_unique (IcTableReader *r)
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
  duplicate_rows (r, column->field, duplicates, n_duplicates, pairs);
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
      message = g_strdup_printf (ic_table_words (r, N_("duplicate identifier (first on line %llu)")), (unsigned long long) *first);
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

/* table-merge.c: a big file's second part, read by a thread of its own
 * into its own columns and dictionaries, then appended to the first
 * part's in file order: the same table as a read in one thread. */
#include "table-private.h"

#include <stdlib.h>
#include <string.h>

static gpointer
read_part (gpointer data)
{
  IcTablePart *part = data;
  part->ok = ic_table_read_records (&part->reader, part->csv, &part->error);
  if (part->ok)
    ic_table_partition_hashes (&part->reader);
  return NULL;
}

IcTablePart *
ic_table_part_start (IcTableReader *r, IcCsvReader *second, guint problem_limit)
{
  IcTable *table = r->table;
  IcTable *part_table = ic_table_new (r->id, table->path);
  /* On cache lines of its own: both readers write their state at every
   * record, and sharing a line would make each thread wait on the other. */
  IcTablePart *part = g_aligned_alloc0 (1, sizeof (IcTablePart), 64);

  for (guint c = 0; c < table->spec->n_columns; c++)
    part_table->columns[c].field = table->columns[c].field;
  part->territories = ic_interner_new ();
  ic_interner_intern (part->territories, "", 0, NULL);
  part->problems = ic_problems_new (problem_limit);
  part->csv = second;
  ic_table_reader_init (&part->reader, part_table, r->id, r->file, part->territories, r->lenient,
                        part->problems);
  part->reader.n_header = r->n_header;
  part->thread = g_thread_new ("indicore-read", read_part, part);
  return part;
}

void
ic_table_part_join (IcTablePart *part)
{
  g_thread_join (g_steal_pointer (&part->thread));
}

/* Appends the rows, dictionaries and bookkeeping of @part after @r's. */
void
ic_table_merge_part (IcTableReader *r, IcTableReader *part, IcInterner *part_territories)
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
          {
            guint32 *ids = ic_column_alloc (MAX (base + n, 1) * sizeof (guint32));
            memcpy (ids, to->ids, base * sizeof (guint32));
            g_free (to->ids);
            to->ids = ids;
          }
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
        case IC_COLUMN_KIND_INTEGER:
        case IC_COLUMN_KIND_DECIMAL:
          to->integers = g_renew (gint64, to->integers, MAX (base + n, 1));
          ic_column_advise_huge (to->integers, (base + n) * sizeof (gint64));
          memcpy (to->integers + base, col->integers, n * sizeof (gint64));
          break;
        case IC_COLUMN_KIND_YES_NO:
          to->flags = g_renew (guint8, to->flags, MAX (base + n, 1));
          memcpy (to->flags + base, col->flags, n);
          break;
        case IC_COLUMN_KIND_FREE_TEXT:
          break;
        }
      g_clear_pointer (&col->ids, g_free);
      g_clear_pointer (&col->dates, g_free);
      g_clear_pointer (&col->codes, g_free);
      g_clear_pointer (&col->narrow_dates, g_free);
      g_clear_pointer (&col->narrow_codes, g_free);
      g_clear_pointer (&col->integers, g_free);
      g_clear_pointer (&col->flags, g_free);
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
void
ic_table_drop_person_dictionaries (IcTable *table)
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

/* Frees the second part of a split. */
void
ic_table_part_free (IcTablePart *part)
{
  g_clear_error (&part->error);
  ic_table_reader_clear (&part->reader);
  ic_table_free (part->reader.table);
  ic_interner_free (part->territories);
  ic_problems_free (part->problems);
  g_aligned_free (part);
}

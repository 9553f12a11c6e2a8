/* table-columns.c: a table's columns, narrow while read, widened once read
 * (table-columns.h). */
#include "table-columns.h"

void
ic_column_widen (IcTableColumn *column, guint64 n_rows, guint64 capacity)
{
  if (column->narrow_dates != NULL)
    {
      gint32 *dates = g_new (gint32, MAX (capacity, 1));
      for (guint64 i = 0; i < n_rows; i++)
        dates[i] = ic_column_date_at (column, i);
      g_clear_pointer (&column->narrow_dates, g_free);
      column->dates = dates;
    }
  if (column->narrow_codes != NULL)
    {
      guint16 *codes = g_new (guint16, MAX (capacity, 1));
      for (guint64 i = 0; i < n_rows; i++)
        codes[i] = column->narrow_codes[i];
      g_clear_pointer (&column->narrow_codes, g_free);
      column->codes = codes;
    }
}

/* The values of a column of the second part, each through a map when
 * given (dictionary ids), into the final array after the first part's. */
typedef struct {
  const IcTableColumn *from;
  guint64 n;
  const guint32 *map;        /* CODE: code - 1 -> id; TERRITORY: id -> id */
  gint32 *dates;
  guint16 *codes;
} PartValues;

static gpointer
convert_part_values (gpointer data)
{
  PartValues *v = data;
  IcColumnKind kind = v->from->spec->kind;
  for (guint64 i = 0; i < v->n; i++)
    {
      if (kind == IC_COLUMN_KIND_DATE)
        v->dates[i] = ic_column_date_at (v->from, i);
      else
        {
          guint16 code = ic_column_code_at (v->from, i);
          if (kind == IC_COLUMN_KIND_CODE)
            v->codes[i] = code ? (guint16) (v->map[code - 1] + 1) : 0;
          else
            v->codes[i] = (guint16) v->map[code];
        }
    }
  return NULL;
}

void
ic_column_merge_values (IcTableColumn *to, guint64 base, const IcTableColumn *from, guint64 n, const guint32 *map)
{
  const gboolean dates = to->spec->kind == IC_COLUMN_KIND_DATE;
  gpointer all = g_malloc (MAX (base + n, 1) * (dates ? sizeof (gint32) : sizeof (guint16)));
  PartValues values = {
    .from = from, .n = n, .map = map,
    .dates = dates ? (gint32 *) all + base : NULL,
    .codes = dates ? NULL : (guint16 *) all + base,
  };
  GThread *thread = g_thread_new ("indicore-merge", convert_part_values, &values);

  for (guint64 i = 0; i < base; i++)
    {
      if (dates)
        ((gint32 *) all)[i] = ic_column_date_at (to, i);
      else
        ((guint16 *) all)[i] = ic_column_code_at (to, i);
    }
  g_thread_join (thread);
  g_clear_pointer (&to->narrow_dates, g_free);
  g_clear_pointer (&to->narrow_codes, g_free);
  if (dates)
    {
      g_free (to->dates);
      to->dates = all;
    }
  else
    {
      g_free (to->codes);
      to->codes = all;
    }
}

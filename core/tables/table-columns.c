/* table-columns.c: a table's columns, narrow while read, widened once read
 * (table-columns.h). */
#include "table-columns.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Where transparent huge pages are "madvise" (Debian's default). */
#define HUGE_PAGE_BYTES ((gsize) 2 << 20)

void
ic_column_advise_huge (gpointer data, gsize bytes)
{
#ifdef MADV_HUGEPAGE
  /* The pages under the array only: a big allocation is a mapping of its
   * own, and a smaller one shares its pages with neighbours that lose
   * nothing by the advice. */
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start = (guintptr) data & ~(guintptr) (page - 1);
  guintptr end = ((guintptr) data + bytes + page - 1) & ~(guintptr) (page - 1);
  if (data != NULL && bytes >= HUGE_PAGE_BYTES)
    (void) madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#else
  (void) data, (void) bytes;
#endif
}

gpointer
ic_column_alloc (gsize bytes)
{
  gpointer data = NULL;
  /* malloc's own header would sit in the first 2 MiB and make them small
   * pages; aligned, the header is in the page before. Rounded up, the
   * last 2 MiB are one page too (less than 2 MiB more, most of it
   * already there: the arrays are of whole rows). g_free() is free(). */
  gsize rounded = (bytes + HUGE_PAGE_BYTES - 1) & ~(HUGE_PAGE_BYTES - 1);
  if (bytes < HUGE_PAGE_BYTES || posix_memalign (&data, HUGE_PAGE_BYTES, rounded) != 0)
    return g_malloc (MAX (bytes, 1));
  ic_column_advise_huge (data, rounded);
  return data;
}

void
ic_column_widen (IcTableColumn *column, guint64 n_rows, guint64 capacity)
{
  if (column->narrow_dates != NULL)
    {
      gint32 *dates = ic_column_alloc (MAX (capacity, 1) * sizeof (gint32));
      for (guint64 i = 0; i < n_rows; i++)
        dates[i] = ic_column_date_at (column, i);
      g_clear_pointer (&column->narrow_dates, g_free);
      column->dates = dates;
    }
  if (column->narrow_codes != NULL)
    {
      guint16 *codes = ic_column_alloc (MAX (capacity, 1) * sizeof (guint16));
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
  gsize bytes = MAX (base + n, 1) * (dates ? sizeof (gint32) : sizeof (guint16));
  gpointer all = ic_column_alloc (bytes);
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

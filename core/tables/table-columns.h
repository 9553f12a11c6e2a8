/* table-columns.h: the typed columns of a table while its file is read
 * (private to table.c). Dates and codes are held narrow then, in half the
 * bytes or less: a national file's columns take less memory at the moment
 * everything else (dictionaries, row hashes) does too. A column widens as
 * soon as a value does not fit (a date before 1900 or after 2079, a 256th
 * code), and every column once the file is read, into the types of table.h
 * and the plugin interface. */
#pragma once

#include <glib.h>

#include "table.h"
#include "indicore/indicore-plugin.h"

G_BEGIN_DECLS

/* Narrow dates are days from 1900-01-01 (day number -25567, checked by
 * /table/narrow-date-base), up to 2079-06-05; 0xFFFF is IC_DATE_NONE. */
#define IC_NARROW_DATE_BASE (-25567)
#define IC_NARROW_DATE_NONE 0xFFFF

static inline gint32
ic_column_date_at (const IcTableColumn *column, guint64 row)
{
  if (column->narrow_dates == NULL)
    return column->dates[row];
  return column->narrow_dates[row] == IC_NARROW_DATE_NONE ? IC_DATE_NONE
                                                          : IC_NARROW_DATE_BASE + column->narrow_dates[row];
}

static inline guint16
ic_column_code_at (const IcTableColumn *column, guint64 row)
{
  return column->narrow_codes != NULL ? column->narrow_codes[row] : column->codes[row];
}

/* Asks the kernel for 2 MiB pages under the @bytes at @data (an array of
 * the typed columns, a few MiB and more; nothing for less). Each plugin
 * computes in a fork of the engine: copying the page tables at the fork,
 * the child's first touch of each page and the teardown at its exit cost
 * per page, and on a virtual machine's shadow page tables several
 * microseconds each, 512 times fewer with huge pages. Only an advice:
 * nothing changes where transparent huge pages are off. */
void ic_column_advise_huge (gpointer data, gsize bytes);

/* @bytes for a column's final array, freed with g_free(): from 2 MiB up,
 * aligned on 2 MiB and advised as above before anything is written, so
 * that every 2 MiB of it can be one page. */
gpointer ic_column_alloc (gsize bytes);

/* The column's values of rows [0, @n_rows) into wide arrays of @capacity
 * rows; nothing for a column already wide. */
void ic_column_widen (IcTableColumn *column, guint64 n_rows, guint64 capacity);

/* Sets row @row, widening the column (its arrays have @capacity rows) when
 * the value does not fit narrow. */
static inline void
ic_column_set_date (IcTableColumn *column, guint64 capacity, guint64 row, gint32 day)
{
  if (column->narrow_dates != NULL)
    {
      gint64 offset = (gint64) day - IC_NARROW_DATE_BASE;
      if (day == IC_DATE_NONE)
        {
          column->narrow_dates[row] = IC_NARROW_DATE_NONE;
          return;
        }
      if (offset >= 0 && offset < IC_NARROW_DATE_NONE)
        {
          column->narrow_dates[row] = (guint16) offset;
          return;
        }
      ic_column_widen (column, row, capacity);
    }
  column->dates[row] = day;
}

static inline void
ic_column_set_code (IcTableColumn *column, guint64 capacity, guint64 row, guint16 code)
{
  if (column->narrow_codes != NULL)
    {
      if (code <= G_MAXUINT8)
        {
          column->narrow_codes[row] = (guint8) code;
          return;
        }
      ic_column_widen (column, row, capacity);
    }
  column->codes[row] = code;
}

/* @to's @base values, then @from's @n ones, into new wide arrays of exactly
 * their rows, the two halves converted by two threads at once; @from's
 * codes through @map when given (CODE: code - 1 -> dictionary id;
 * TERRITORY: id -> id). For the DATE, CODE and TERRITORY columns of a file
 * read in two parts. */
void ic_column_merge_values (IcTableColumn *to, guint64 base, const IcTableColumn *from, guint64 n,
                             const guint32 *map);

G_END_DECLS

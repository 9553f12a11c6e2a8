/* dataset-check.c: what the commands check of a data directory around its
 * reading, so that a mistake ends in a clear message rather than a report
 * of « non disponible »: no input file, a misnamed one, a spreadsheet, a
 * year the data do not cover. */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dataset-names.h"
#include "date.h"
#include "indicore/indicore-plugin.h"

/* The registry's file names, in its order: a new NULL-terminated array
 * whose strings belong to the registry. */
static const char **
expected_names (void)
{
  const IcTableRegistry *registry = ic_tables ();
  guint n = ic_table_registry_size (registry);
  const char **expected = g_new0 (const char *, n + 1);

  for (guint id = 0; id < n; id++)
    expected[id] = ic_table_registry_nth (registry, id)->file;
  return expected;
}

/* Files of @directory that look like an absent input file under another
 * name (Mesures.CSV, actes.txt) or as a spreadsheet (actes.xlsx): one line
 * each into @out. A look-alike beside the file itself (the spreadsheet an
 * export was saved from) is no mistake. */
static void
find_misnamed (const char *directory, const gboolean *present, GString *out)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  g_autofree const char **expected = expected_names ();
  const char *name;
  guint index = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      IcInputNameKind kind = ic_input_name_match (name, expected, &index);
      if (kind == IC_INPUT_NAME_OTHER || present[index])
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (kind == IC_INPUT_NAME_SPREADSHEET)
        g_string_append_printf (out, _("%s: a spreadsheet is not read: open it and save it as CSV "
                                       "(separator ; or ,) under the name %s"), name, expected[index]);
      else
        g_string_append_printf (out, _("%s: did you mean %s? Input files are read by their exact name: "
                                       "rename it %s"), name, expected[index], expected[index]);
    }
}

gboolean
ic_dataset_check_directory (const char *directory, GError **error)
{
  g_autoptr (GString) misnamed = g_string_new (NULL);
  g_autofree gboolean *present = NULL;
  g_autofree const char **expected = NULL;
  gboolean any = FALSE;

  if (!ic_table_schemas_ensure (error))
    return FALSE;
  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DIRECTORY,
                   _("%s: not a directory"), directory);
      return FALSE;
    }
  expected = expected_names ();
  present = g_new0 (gboolean, g_strv_length ((char **) expected) + 1);
  for (guint id = 0; expected[id] != NULL; id++)
    {
      g_autofree char *path = g_build_filename (directory, expected[id], NULL);
      present[id] = g_file_test (path, G_FILE_TEST_EXISTS);
      any |= present[id];
    }
  find_misnamed (directory, present, misnamed);
  if (misnamed->len > 0)
    {
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_MISNAMED, "%s", misnamed->str);
      return FALSE;
    }
  if (!any)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) expected);
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_INPUT,
                   _("%s holds no input file: expected one of %s "
                     "(their columns: docs/fr/format-des-donnees.md)"), directory, list);
      return FALSE;
    }
  return TRUE;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char **
ic_dataset_unclaimed_files (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree const char **expected = expected_names ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      size_t len = strlen (name);
      g_autofree char *path = NULL;
      if (len < 4 || g_ascii_strcasecmp (name + len - 4, ".csv") != 0
          || g_strv_contains (expected, name))
        continue;
      path = g_build_filename (directory, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_steal (names, NULL);
}

/* Years are marked in a bitmap over 0..9999 (1.2 kB). */
#define N_YEARS 10000

static void
mark_dates (const gint32 *dates, guint64 n_rows, guint8 *years)
{
  gint32 start = 1, end = 0; /* the days of the year last marked: [start, end] */

  for (guint64 row = 0; row < n_rows; row++)
    {
      gint32 day = dates[row];
      int year;
      if (day == IC_DATE_NONE || (day >= start && day <= end))
        continue;
      ic_date_to_ymd (day, &year, NULL, NULL);
      if (year < 0 || year >= N_YEARS)
        continue;
      years[year / 8] |= (guint8) (1u << (year % 8));
      start = ic_date_from_ymd (year, 1, 1);
      end = ic_date_from_ymd (year, 12, 31);
    }
}

static void
mark_year (int year, guint8 *years)
{
  if (year >= 0 && year < N_YEARS)
    years[year / 8] |= (guint8) (1u << (year % 8));
}

/* The years of the table's `dated_by` column (docs/tables.md): the days of
 * a date column, or the periods of a text column (2024, or 2023-2024,
 * checked when read: every year named). */
static void
mark_table (IcTable *table, guint8 *years)
{
  int c = table->spec->dated_by != NULL ? ic_table_spec_column (table->spec, table->spec->dated_by) : -1;

  if (c < 0)
    return;
  if (table->spec->columns[c].kind == IC_COLUMN_KIND_DATE)
    {
      mark_dates (table->columns[c].dates, table->n_rows, years);
      return;
    }
  for (guint64 row = 0; row < table->n_rows; row++)
    {
      const char *period = table->columns[c].texts[row];
      mark_year (atoi (period), years);
      if (strlen (period) == 9)
        mark_year (atoi (period + 5), years);
    }
}

GArray *
ic_dataset_years (IcDataset *dataset)
{
  g_autofree guint8 *years = g_malloc0 (N_YEARS / 8 + 1);
  GArray *list = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint id = 0; id < dataset->tables->len; id++)
    if (ic_dataset_nth (dataset, id) != NULL)
      mark_table (ic_dataset_nth (dataset, id), years);
  for (int year = 0; year < N_YEARS; year++)
    if (years[year / 8] & (1u << (year % 8)))
      g_array_append_val (list, year);
  return list;
}

gboolean
ic_dataset_check_year (IcDataset *dataset, int year, GError **error)
{
  g_autoptr (GArray) years = ic_dataset_years (dataset);
  int first, last;

  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return TRUE;
  if (years->len == 0)
    {
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DATA_FOR_YEAR,
                   _("no data for %d: the files hold no dated record"), year);
      return FALSE;
    }
  first = g_array_index (years, int, 0);
  last = g_array_index (years, int, years->len - 1);
  if (first == last)
    g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DATA_FOR_YEAR,
                 _("no data for %d: the records are all of %d"), year, first);
  else if (year > first && year < last)
    g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DATA_FOR_YEAR,
                 _("no data for %d: the records run from %d to %d, but none is of %d"), year, first, last, year);
  else
    g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DATA_FOR_YEAR,
                 _("no data for %d: the records run from %d to %d"), year, first, last);
  return FALSE;
}

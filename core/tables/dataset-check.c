/* dataset-check.c: what the commands check of a data directory around its
 * reading, so that a mistake ends in a clear message rather than a report
 * of « non disponible »: no input file, a misnamed one, a spreadsheet. */
#include "dataset.h"

#include <glib/gi18n.h>

#include "dataset-names.h"

/* Files of @directory that look like an absent input file under another
 * name (Populations.CSV, ip.txt) or as a spreadsheet (ip.xlsx): one line
 * each into @out. A look-alike beside the file itself (the spreadsheet an
 * export was saved from) is no mistake. */
static void
find_misnamed (const char *directory, const gboolean *present, GString *out)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char *expected[IC_N_TABLES + 1] = { NULL };
  const char *name;
  guint index = 0;

  for (int id = 0; id < IC_N_TABLES; id++)
    expected[id] = ic_table_spec (id)->file;
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
  gboolean present[IC_N_TABLES];
  gboolean any = FALSE;

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DIRECTORY,
                   "%s: not a directory", directory);
      return FALSE;
    }
  for (int id = 0; id < IC_N_TABLES; id++)
    {
      g_autofree char *path = g_build_filename (directory, ic_table_spec (id)->file, NULL);
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
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_INPUT,
                   _("%s holds no input file: expected births.csv, pmi_acts.csv, ip.csv or populations.csv "
                     "(their columns: docs/fr/format-des-donnees.md)"), directory);
      return FALSE;
    }
  return TRUE;
}

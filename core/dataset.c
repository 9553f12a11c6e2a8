#include "dataset.h"

G_DEFINE_QUARK (ic-dataset-error-quark, ic_dataset_error)

char *
ic_dataset_file_path (IcDataset *dataset, IcTableId id)
{
  return g_build_filename (dataset->directory, ic_table_spec (id)->file, NULL);
}

IcDataset *
ic_dataset_load (const char *directory,
                 const gboolean *wanted,
                 gboolean lenient,
                 IcProblems *problems,
                 GError **error)
{
  g_autoptr (IcDataset) dataset = g_new0 (IcDataset, 1);
  gboolean unreadable = FALSE;

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DIRECTORY,
                   "%s: not a directory", directory);
      return NULL;
    }
  dataset->directory = g_strdup (directory);
  dataset->lenient = lenient;
  dataset->territories = ic_interner_new ();
  ic_interner_intern (dataset->territories, "", 0, NULL);

  for (int id = 0; id < IC_N_TABLES; id++)
    {
      g_autofree char *path = ic_dataset_file_path (dataset, id);
      g_autoptr (GError) local = NULL;

      /* A path that exists but is no regular file is the reader's to refuse. */
      dataset->present[id] = g_file_test (path, G_FILE_TEST_EXISTS);
      if (!dataset->present[id] || (wanted != NULL && !wanted[id]))
        continue;
      dataset->tables[id] = ic_table_read (id, path, dataset->territories, lenient, problems, &local);
      if (dataset->tables[id] == NULL)
        unreadable = TRUE;
    }

  if (unreadable || (!lenient && ic_problems_count (problems) > 0))
    {
      g_autofree char *text = ic_problems_to_string (problems);
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID,
                   "invalid input (%" G_GUINT64_FORMAT " problem%s):\n%s",
                   ic_problems_count (problems), ic_problems_count (problems) > 1 ? "s" : "", text);
      return NULL;
    }
  return g_steal_pointer (&dataset);
}

void
ic_dataset_free (IcDataset *dataset)
{
  if (dataset == NULL)
    return;
  for (int id = 0; id < IC_N_TABLES; id++)
    ic_table_free (dataset->tables[id]);
  ic_interner_free (dataset->territories);
  g_free (dataset->directory);
  g_free (dataset);
}

IcTable *
ic_dataset_table (IcDataset *dataset, const char *name)
{
  int id = ic_table_id_from_name (name);
  return id < 0 ? NULL : dataset->tables[id];
}

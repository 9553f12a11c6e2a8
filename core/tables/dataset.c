/* dataset.c: the tables of a data directory, read at once (the biggest
 * file beside the others), into the registry's order. */
#include "dataset.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

G_DEFINE_QUARK (ic-dataset-error-quark, ic_dataset_error)


/* One table being read, with a territory dictionary and problems of its
 * own: tables are read at once, and their territories and problems are
 * merged afterwards in table order, which gives exactly what reading them
 * one after the other into shared ones would. */
typedef struct {
  const IcTableSpec *spec;
  const gboolean *keep;   /* the columns stored, or NULL: all */
  char *path;
  gboolean lenient;
  IcInterner *territories;
  IcProblems *problems;
  IcInputOptions options; /* one thread for a file read beside the biggest */
  IcTable *table;
} TableRead;

static void
table_read_clear (TableRead *read)
{
  g_free (read->path);
  ic_interner_free (read->territories);
  ic_problems_free (read->problems);
  ic_table_free (read->table);
}

static void
read_one (TableRead *read)
{
  g_autoptr (GError) local = NULL;
  read->table = ic_table_read (read->spec, read->path, read->territories, read->lenient, &read->options,
                               read->problems, &local);
  if (read->table != NULL)
    ic_table_keep_columns (read->table, read->keep);
}

/* The tables of a GPtrArray, in order, on a thread of their own. */
static gpointer
read_in_order (gpointer data)
{
  GPtrArray *reads = data;
  for (guint i = 0; i < reads->len; i++)
    read_one (reads->pdata[i]);
  return NULL;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

IcDataset *
ic_dataset_load (const char *directory,
                 const gboolean *wanted,
                 gboolean lenient,
                 const IcInputOptions *options,
                 IcProblems *problems,
                 GError **error)
{
  return ic_dataset_load_columns (directory, wanted, NULL, lenient, options, problems, error);
}

IcDataset *
ic_dataset_load_columns (const char *directory,
                         const gboolean *wanted,
                         gboolean *const *keep,
                         gboolean lenient,
                         const IcInputOptions *options,
                         IcProblems *problems,
                         GError **error)
{
  g_autoptr (IcDataset) dataset = g_new0 (IcDataset, 1);
  g_autofree TableRead *reads = NULL;
  guint n;
  g_autoptr (GPtrArray) others = g_ptr_array_new ();
  TableRead *biggest = NULL;
  guint64 biggest_size = 0;
  gboolean unreadable = FALSE;

  if (!ic_table_schemas_ensure (error))
    return NULL;
  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DIRECTORY,
                   _("%s: not a directory"), directory);
      return NULL;
    }
  dataset->directory = g_strdup (directory);
  dataset->lenient = lenient;
  dataset->territories = ic_interner_new ();
  ic_interner_intern (dataset->territories, "", 0, NULL);
  dataset->registry = ic_tables ();
  n = ic_table_registry_size (dataset->registry);
  dataset->tables = g_ptr_array_new_full (n, (GDestroyNotify) ic_table_free);
  g_ptr_array_set_size (dataset->tables, (gint) n);
  dataset->present = g_new0 (gboolean, MAX (n, 1u));
  reads = g_new0 (TableRead, MAX (n, 1u));

  for (guint id = 0; id < n; id++)
    {
      TableRead *read = &reads[id];
      const IcTableSpec *spec = ic_table_registry_nth (dataset->registry, id);
      g_autofree char *path = g_build_filename (directory, spec->file, NULL);
      guint64 size;

      /* A path that exists but is no regular file is the reader's to refuse. */
      dataset->present[id] = g_file_test (path, G_FILE_TEST_EXISTS);
      if (!dataset->present[id] || (wanted != NULL && !wanted[id]))
        continue;
      *read = (TableRead) {
        .spec = spec, .keep = keep != NULL ? keep[id] : NULL, .path = g_steal_pointer (&path), .lenient = lenient,
        .options = options != NULL ? *options : (IcInputOptions) { 0 },
        .territories = ic_interner_new (),
        .problems = ic_problems_new (ic_problems_limit (problems)),
      };
      ic_interner_intern (read->territories, "", 0, NULL);
      size = file_size (read->path);
      if (biggest == NULL || size > biggest_size)
        {
          biggest = read;
          biggest_size = size;
        }
    }

  /* The biggest file here (read in two threads itself when big enough),
   * the others one after the other beside it: the national files differ in
   * size by a factor ten, and the small ones then cost no wall time. */
  for (guint id = 0; id < n; id++)
    if (reads[id].path != NULL && &reads[id] != biggest)
      {
        reads[id].options.threads = 1;
        g_ptr_array_add (others, &reads[id]);
      }
  if (others->len > 0 && (options == NULL || options->threads != 1))
    {
      GThread *thread = g_thread_new ("indicore-tables", read_in_order, others);
      read_one (biggest);
      g_thread_join (thread);
    }
  else
    for (guint id = 0; id < n; id++)
      if (reads[id].path != NULL)
        read_one (&reads[id]);

  for (guint id = 0; id < n; id++)
    {
      TableRead *read = &reads[id];
      if (read->path == NULL)
        continue;
      ic_problems_append (problems, read->problems);
      if (read->table == NULL)
        unreadable = TRUE;
      else if (!ic_table_merge_territories (read->table, dataset->territories, read->territories, problems))
        unreadable = TRUE;
      else
        g_ptr_array_index (dataset->tables, id) = g_steal_pointer (&read->table);
    }
  for (guint id = 0; id < n; id++)
    table_read_clear (&reads[id]);

  if (unreadable || (!lenient && ic_problems_count (problems) > 0))
    {
      g_autofree char *text = ic_problems_to_string (problems);
      g_set_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID,
                   g_dngettext (NULL, "invalid input (%llu problem):\n%s", "invalid input (%llu problems):\n%s",
                                ic_problems_count (problems)),
                   (unsigned long long) ic_problems_count (problems), text);
      return NULL;
    }
  return g_steal_pointer (&dataset);
}

void
ic_dataset_free (IcDataset *dataset)
{
  if (dataset == NULL)
    return;
  g_clear_pointer (&dataset->tables, g_ptr_array_unref);
  g_free (dataset->present);
  ic_interner_free (dataset->territories);
  g_free (dataset->directory);
  g_free (dataset);
}

IcTable *
ic_dataset_table (IcDataset *dataset, const char *name)
{
  int id = ic_table_registry_index (dataset->registry, name);
  return id < 0 ? NULL : ic_dataset_nth (dataset, (guint) id);
}

gboolean
ic_dataset_present (const IcDataset *dataset, const char *name)
{
  int id = ic_table_registry_index (dataset->registry, name);
  return id >= 0 && (guint) id < dataset->tables->len && dataset->present[id];
}

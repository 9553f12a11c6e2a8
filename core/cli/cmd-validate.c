#include "commands.h"
#include "dataset.h"

int
ic_cmd_validate (int argc, char **argv)
{
  g_autofree char *data = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, "Data directory holding the input files", "DIR" },
    { NULL }
  };
  g_autoptr (IcProblems) problems = ic_problems_new (200);
  g_autoptr (IcDataset) dataset = NULL;
  g_autoptr (GError) error = NULL;
  guint n_files = 0;

  if (!ic_cmd_parse ("validate", NULL, "Reads and checks every input file of the data directory, computing nothing.",
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;
  if (data == NULL || argc > 1)
    {
      g_printerr ("indicore validate: expected --data DIR\n");
      return IC_EXIT_USAGE;
    }
  dataset = ic_dataset_load (data, NULL, FALSE, NULL, problems, &error);
  if (dataset == NULL)
    {
      g_printerr ("indicore validate: %s\n", error->message);
      return IC_EXIT_USAGE;
    }
  for (int id = 0; id < IC_N_TABLES; id++)
    {
      IcTable *table = dataset->tables[id];
      if (table == NULL)
        {
          g_print ("%-18s absent\n", ic_table_spec (id)->file);
          continue;
        }
      n_files++;
      g_print ("%-18s valid, %" G_GUINT64_FORMAT " rows\n", table->spec->file, table->n_rows);
      for (guint c = 0; c < table->spec->n_columns; c++)
        {
          guint unlisted = 0;
          g_auto (GStrv) codes = ic_table_other_codes (table, table->spec->columns[c].name, &unlisted);
          g_autofree char *list = g_strjoinv (", ", codes);
          if (codes[0] != NULL)
            g_print ("%-18s %s: codes beyond the spec's, kept for a future plugin: %s\n", "",
                     table->spec->columns[c].name, list);
          /* Free text is counted, never printed: it may name a person. */
          if (unlisted > 0)
            g_print ("%-18s %s: %u other value%s not listed (not a code of [A-Z0-9_] up to %d characters, "
                     "or beyond the first %d)\n", "", table->spec->columns[c].name, unlisted,
                     unlisted > 1 ? "s" : "", IC_TABLE_OTHER_CODE_MAX_LEN, IC_TABLE_OTHER_CODES_MAX);
        }
    }
  if (n_files == 0)
    {
      g_printerr ("indicore validate: %s holds none of births.csv, pmi_acts.csv, ip.csv, populations.csv\n", data);
      return IC_EXIT_USAGE;
    }
  return IC_EXIT_OK;
}

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
  dataset = ic_dataset_load (data, NULL, FALSE, problems, &error);
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
          g_print ("%-16s absent\n", ic_table_spec (id)->file);
          continue;
        }
      n_files++;
      g_print ("%-16s valid, %" G_GUINT64_FORMAT " rows\n", table->spec->file, table->n_rows);
    }
  if (n_files == 0)
    {
      g_printerr ("indicore validate: %s holds none of births.csv, pmi_acts.csv, ip.csv, populations.csv\n", data);
      return IC_EXIT_USAGE;
    }
  return IC_EXIT_OK;
}

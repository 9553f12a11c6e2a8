/* cmd-validate.c: `indicore validate`: every input file read and checked,
 * nothing computed; for each, its rows, how it is written (encoding,
 * separator), its columns and the codes beyond the spec's; then the .csv
 * files no table reads. */
#include <glib/gi18n.h>

#include "commands.h"
#include "dataset.h"
#include "loader.h"
#include "paths.h"

/* « UTF-8, separator ; » and the like: what the reader decided, so that a
 * file read otherwise than meant (a separator Excel chose) shows it. */
static void
print_dialect (const IcTable *table)
{
  const char *encoding = table->converted ? _("Windows-1252 (not UTF-8), converted")
                         : table->bom ? _("UTF-8 with BOM")
                         : _("UTF-8");
  if (table->sep_line)
    g_print (_("%-16s %s, separator %c (from its first line sep=%c)\n"), "", encoding, table->separator,
             table->separator);
  else
    g_print (_("%-16s %s, separator %c\n"), "", encoding, table->separator);
}

/* What no table schema knows, read by nothing: warnings, not errors (an
 * export may carry more than the indicators need). */
static void
print_unknown_columns (const IcTable *table)
{
  for (guint i = 0; i < table->unknown_columns->len; i++)
    g_print (_("%-16s warning: column %s is read by no indicator: ignored\n"), "",
             (const char *) table->unknown_columns->pdata[i]);
}

/* The tables the plugin directories ship (their tables/ folders), known
 * like the engine's; a folder refused is a warning. */
static void
add_plugin_tables (void)
{
  g_auto (GStrv) dirs = ic_paths_plugin_search (NULL);
  g_autoptr (GPtrArray) refused = g_ptr_array_new ();

  ic_plugin_tables_add ((const char *const *) dirs, refused);
  for (guint i = 0; i < refused->len; i++)
    {
      IcRefusal *refusal = refused->pdata[i];
      g_printerr (_("indicore validate: warning: %s: %s\n"), refusal->path, refusal->message);
      g_free (refusal->path);
      g_free (refusal->reason);
      g_free (refusal->message);
      g_free (refusal);
    }
}

static void
print_unclaimed_files (const char *directory)
{
  g_auto (GStrv) files = ic_dataset_unclaimed_files (directory);
  for (guint i = 0; files[i] != NULL; i++)
    g_print (_("%-16s warning: not read (no table has this file name)\n"), files[i]);
}

/* The years the records cover, which `run --year` may ask for (a gap
 * shows: 2022, 2024). */
static void
print_years (IcDataset *dataset)
{
  g_autoptr (GArray) years = ic_dataset_years (dataset);
  g_autoptr (GString) list = g_string_new (NULL);

  for (guint i = 0; i < years->len; i++)
    g_string_append_printf (list, "%s%d", i ? ", " : "", g_array_index (years, int, i));
  if (years->len == 0)
    g_print (_("No dated record: no year to compute.\n"));
  else
    g_print (g_dngettext (NULL, "Year of the records: %s\n", "Years of the records: %s\n", years->len), list->str);
}

int
ic_cmd_validate (int argc, char **argv)
{
  g_autofree char *data = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, N_("Data directory holding the input files"), N_("DIR") },
    { NULL }
  };
  g_autoptr (IcProblems) problems = ic_problems_new (200);
  g_autoptr (IcDataset) dataset = NULL;
  g_autoptr (GError) error = NULL;

  if (!ic_cmd_parse ("validate", NULL, N_("Reads and checks every input file of the data directory, computing nothing."),
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;
  if (data == NULL || argc > 1)
    {
      g_printerr ("%s", _("indicore validate: expected --data DIR\n"));
      return IC_EXIT_USAGE;
    }
  add_plugin_tables ();
  if (ic_dataset_check_directory (data, &error))
    dataset = ic_dataset_load (data, NULL, FALSE, NULL, problems, &error);
  if (dataset == NULL)
    {
      g_printerr (_("indicore validate: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  for (guint id = 0; id < dataset->tables->len; id++)
    {
      IcTable *table = ic_dataset_nth (dataset, id);
      const IcTableSpec *spec = ic_table_registry_nth (dataset->registry, id);
      const char *refusal = ic_table_registry_refusal (dataset->registry, spec->name, FALSE);
      /* Two schemas of it: read with the first, its plugins refused. */
      if (refusal != NULL)
        g_print (_("%-16s warning: %s\n"), spec->file, refusal);
      if (table == NULL)
        {
          g_print (_("%-16s absent\n"), spec->file);
          continue;
        }
      g_print (g_dngettext (NULL, "%-16s valid, %llu row\n", "%-16s valid, %llu rows\n", table->n_rows),
               table->spec->file, (unsigned long long) table->n_rows);
      print_dialect (table);
      print_unknown_columns (table);
      for (guint c = 0; c < table->spec->n_columns; c++)
        {
          guint unlisted = 0;
          g_auto (GStrv) codes = ic_table_other_codes (table, table->spec->columns[c].name, &unlisted);
          g_autofree char *list = g_strjoinv (", ", codes);
          if (codes[0] != NULL)
            g_print (_("%-16s %s: codes beyond the spec's, kept for a future plugin: %s\n"), "",
                     table->spec->columns[c].name, list);
          /* Free text is counted, never printed: it may name a person. */
          if (unlisted > 0)
            g_print (g_dngettext (NULL,
                                  "%-16s %s: %u other value not listed (not a code of [A-Z0-9_] up to %d characters, "
                                  "or beyond the first %d)\n",
                                  "%-16s %s: %u other values not listed (not a code of [A-Z0-9_] up to %d characters, "
                                  "or beyond the first %d)\n", unlisted),
                     "", table->spec->columns[c].name, unlisted, IC_TABLE_OTHER_CODE_MAX_LEN, IC_TABLE_OTHER_CODES_MAX);
        }
    }
  print_unclaimed_files (data);
  print_years (dataset);
  return IC_EXIT_OK;
}

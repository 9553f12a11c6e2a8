/* cmd-new-plugin.c: `indicore new-plugin ID [--table NAME]`, a plugin folder
 * ready to build and test out of the tree (scaffold.c). */
#include "commands.h"
#include "scaffold.h"

int
ic_cmd_new_plugin (int argc, char **argv)
{
  g_autofree char *parent = NULL;
  g_autofree char *table = NULL;
  const GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &parent, N_("Where to create the plugin folder (default: here)"), N_("DIR") },
    { "table", 0, 0, G_OPTION_ARG_STRING, &table,
      N_("A plugin bringing its own table NAME: its schema tables/NAME.json, sample data NAME.csv, a rate over it"),
      N_("NAME") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;

  if (!ic_cmd_parse ("new-plugin", N_("ID"), N_("Writes a ready-to-build plugin folder ID/ (source, definition, meson.build, test data, test)."),
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s", _("indicore new-plugin: expected one indicator id\n"));
      return IC_EXIT_USAGE;
    }
  dir = ic_scaffold_write (parent ? parent : ".", argv[1], table, &error);
  if (dir == NULL)
    {
      g_printerr (_("indicore new-plugin: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  g_print (_("wrote %s\nnext: cd %s && meson setup build && meson test -C build\n"), dir, dir);
  return IC_EXIT_OK;
}

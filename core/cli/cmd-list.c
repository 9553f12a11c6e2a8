#include "commands.h"

int
ic_cmd_list (int argc, char **argv)
{
  g_auto (GStrv) plugin_dirs = NULL;
  const GOptionEntry entries[] = {
    { "plugins", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_dirs, N_("Plugin directory, searched first (repeatable)"), N_("DIR") },
    { NULL }
  };
  g_autoptr (IcPluginSet) plugins = NULL;

  if (!ic_cmd_parse ("list", NULL, N_("Lists every plugin found in the search order, then every file refused."),
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;

  plugins = ic_cmd_scan_plugins ((const char *const *) plugin_dirs);
  for (guint i = 0; i < plugins->plugins->len; i++)
    {
      const IcPlugin *p = plugins->plugins->pdata[i];
      g_print ("%-26s %-8s %s\n%-26s %-8s %s\n", p->info.id, p->info.version,
               p->definition->title, "", "", p->path);
    }
  if (plugins->plugins->len == 0)
    g_print ("%s", _("no plugin found\n"));
  if (plugins->refused->len > 0)
    g_print ("%s", _("\nrefused:\n"));
  for (guint i = 0; i < plugins->refused->len; i++)
    {
      const IcRefusal *r = plugins->refused->pdata[i];
      /* TRANSLATORS: a refused plugin file, then why */
      g_print (_("  %s: %s\n"), r->path, r->message);
    }
  ic_cmd_print_overrides (plugins);
  return plugins->refused->len > 0 ? IC_EXIT_PARTIAL : IC_EXIT_OK;
}

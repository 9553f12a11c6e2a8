#include "commands.h"

#include "paths.h"
#include "version.h"

IcPluginSet *
ic_cmd_scan_plugins (const char *const *cli_dirs)
{
  g_auto (GStrv) dirs = ic_paths_plugin_search (cli_dirs);
  return ic_plugin_set_scan ((const char *const *) dirs, ic_paths_builtin_definitions ());
}

void
ic_cmd_print_refusals (IcPluginSet *set)
{
  for (guint i = 0; i < set->refused->len; i++)
    {
      const IcRefusal *refusal = set->refused->pdata[i];
      g_printerr (_("indicore: plugin refused: %s: %s\n"), refusal->path, refusal->message);
    }
  ic_cmd_print_overrides (set);
}

void
ic_cmd_print_overrides (IcPluginSet *set)
{
  for (guint i = 0; i < set->overridden->len; i++)
    {
      const IcRefusal *overridden = set->overridden->pdata[i];
      g_printerr (_("indicore: warning: %s\n"), overridden->message);
    }
}

gboolean
ic_cmd_parse (const char *name, const char *parameter, const char *summary,
              const GOptionEntry *entries, int *argc, char ***argv)
{
  /* GLib's help begins "Usage:\n  PRGNAME [OPTION…] PARAMETER": the command
   * belongs in the program name ("indicore render"), not in the parameter,
   * or it comes out twice ("render [OPTION…] render BUNDLE"). The name is
   * set back once parsed (g_set_prgname may be called again since 2.72). */
  g_autofree char *prgname = g_strdup_printf ("indicore %s", name);
  g_autofree char *program = g_strdup (g_get_prgname ());
  g_autoptr (GOptionContext) context = g_option_context_new (parameter);
  g_autoptr (GError) error = NULL;
  gboolean parsed;

  /* The summary and the entries' descriptions are N_() strings, translated
   * here; GLib's own ("Usage:", "Help Options:") come from its domain. */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_set_prgname (prgname);
  parsed = g_option_context_parse (context, argc, argv, &error);
  g_set_prgname (program ? program : "indicore");
  if (!parsed)
    {
      g_printerr (_("indicore %s: %s\nTry 'indicore %s --help'.\n"), name, error->message, name);
      return FALSE;
    }
  return TRUE;
}

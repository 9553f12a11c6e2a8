/* indicore: computes the national prevention and child-protection
 * indicators of a French département and writes them as one JSON bundle. */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#if defined (__GLIBC__)
#include <malloc.h>
#endif
#include <string.h>

#include "commands.h"
#include "paths.h"
#include "table-schema.h"
#include "version.h"

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "run", ic_cmd_run, N_("compute every indicator and write the bundle") },
  { "list", ic_cmd_list, N_("list the plugins found, and the files refused") },
  { "describe", ic_cmd_describe, N_("explain one indicator's definition") },
  { "validate", ic_cmd_validate, N_("check the input files without computing") },
  { "new-plugin", ic_cmd_new_plugin, N_("write a ready-to-build plugin folder") },
  { "render", ic_cmd_render, N_("format a bundle as text, CSV, HTML or Markdown") },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s", _("Usage: indicore COMMAND [OPTION...]\n\n"
                         "Computes the national prevention and child-protection indicators of a\n"
                         "French département from its record-level exports.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "  %-10s %s\n", "help", _("show this help"));
  fprintf (out, "%s", _("\nOptions: --version, --help.  'indicore COMMAND --help' for a command's options.\n"
                         "Exit codes: 0 all indicators ok or not available; 1 an indicator in error or a\n"
                         "plugin refused (the bundle is still written); 2 usage error or invalid input.\n"));
}

/* glibc raises its mmap threshold each time a mapped block is freed (up to
 * 32 MiB): after the first growths of a table's columns, blocks of several
 * MiB would come from the heap, where freed space stays resident. Measured
 * on 8 million acts: 364 MB of peak memory with the default, 318 MB with a
 * fixed threshold. Every big block is then mapped, and returned when freed. */
static void
keep_big_blocks_mapped (void)
{
#if defined (__GLIBC__) && defined (M_MMAP_THRESHOLD)
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

int
main (int argc, char **argv)
{
  keep_big_blocks_mapped ();
  setlocale (LC_ALL, "");
  /* Numbers are formatted by the engine itself, whatever the locale. */
  setlocale (LC_NUMERIC, "C");
  /* The terminal speaks the user's language (LANG, LANGUAGE); the reports
   * are French whatever it is, and are not translated. */
  bindtextdomain (GETTEXT_PACKAGE, ic_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  {
    /* The catalogue is loaded now, before any child is forked: a sandboxed
     * scanner could not open it (gettext loads it at the first lookup, and
     * "" is the one that is never a message). */
    const char *header = "";
    (void) gettext (header);
  }
  g_set_prgname ("indicore");

  if (argc < 2)
    {
      print_help (stderr);
      return IC_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "version") == 0)
    {
      printf (_("indicore %s (plugin ABI %d.%d)\n"), IC_VERSION, IC_ABI_MAJOR, IC_ABI_MINOR);
      return IC_EXIT_OK;
    }
  if (strcmp (argv[1], "help") == 0 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_help (stdout);
      return IC_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        /* The input tables' schemas, read once before anything else (and
         * before any child is forked). */
        g_autoptr (GError) error = NULL;
        if (!ic_table_schemas_load (ic_paths_builtin_tables (), &error))
          {
            fprintf (stderr, _("indicore: the tables' schemas (%s): %s\n"), ic_paths_builtin_tables (), error->message);
            return IC_EXIT_USAGE;
          }
        return commands[i].run (argc - 1, argv + 1);
      }

  fprintf (stderr, _("indicore: unknown command '%s'\n\n"), argv[1]);
  print_help (stderr);
  return IC_EXIT_USAGE;
}

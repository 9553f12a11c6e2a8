/* commands.h: the sub-commands of the indicore program. Only these and
 * main() talk to the terminal. Each takes the arguments after its name
 * (argv[0] is the command's name) and returns the process exit code. */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>

#include "loader.h"

G_BEGIN_DECLS

enum {
  IC_EXIT_OK = 0,      /* every indicator ok or not_available */
  IC_EXIT_PARTIAL = 1, /* an indicator in error, or a plugin file refused */
  IC_EXIT_USAGE = 2,   /* usage error or invalid input: nothing written */
};

int ic_cmd_run (int argc, char **argv);
int ic_cmd_list (int argc, char **argv);
int ic_cmd_describe (int argc, char **argv);
int ic_cmd_validate (int argc, char **argv);
int ic_cmd_new_plugin (int argc, char **argv);
int ic_cmd_render (int argc, char **argv);

/* Scans the plugin search order for @cli_dirs. */
IcPluginSet *ic_cmd_scan_plugins (const char *const *cli_dirs);

/* Prints each refused plugin file with its reason on standard error, then
 * the overrides (ic_cmd_print_overrides). */
void ic_cmd_print_refusals (IcPluginSet *set);

/* Prints a warning on standard error for each plugin set aside for one of
 * the same id earlier in the search order (a development copy, --plugins). */
void ic_cmd_print_overrides (IcPluginSet *set);

/* Parses @argv with @entries; on a problem prints it with the command's
 * usage hint and returns FALSE. @summary and the entries' descriptions and
 * argument names are N_() strings: translated when shown. */
gboolean ic_cmd_parse (const char *name, const char *parameter, const char *summary,
                       const GOptionEntry *entries, int *argc, char ***argv);

G_END_DECLS

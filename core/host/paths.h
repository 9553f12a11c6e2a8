/* paths.h: where the engine finds its plugins and definitions: the build
 * tree's when the program runs from it, the installed ones otherwise. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when this program is the one in the build tree. */
gboolean ic_paths_uninstalled (void);

const char *ic_paths_builtin_plugins (void);
const char *ic_paths_builtin_definitions (void);

/* The plugin search order of spec/cli.md: @cli_dirs (the --plugins
 * options, may be NULL), then INDICORE_PLUGIN_PATH (empty entries are
 * skipped: never the current directory unless named), then the built-in
 * directory. A new NULL-terminated array (g_strfreev). */
char **ic_paths_plugin_search (const char *const *cli_dirs);

G_END_DECLS

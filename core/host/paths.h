/* paths.h: where the engine finds its plugins, definitions and message
 * catalogues (the build tree's when the program runs from it, the installed
 * ones otherwise), and how a plugin file is opened from a path nobody else could have changed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when this program is the one in the build tree. */
gboolean ic_paths_uninstalled (void);

const char *ic_paths_builtin_plugins (void);
const char *ic_paths_builtin_definitions (void);

/* The contract frameworks (frameworks/ID.json): INDICORE_FRAMEWORKS_DIR when
 * set and not empty, else the source tree's when uninstalled, else the
 * installed ones. */
const char *ic_paths_builtin_frameworks (void);

/* The built-in tables' schema files (NAME.json): $INDICORE_TABLES_DIR,
 * else the source tree's tables/ when run from the build tree, else the
 * installed copy. */
const char *ic_paths_builtin_tables (void);

/* The templates of `indicore new-plugin` (plugin.c.in...):
 * $INDICORE_SCAFFOLD_DIR, else the source tree's scaffold/ when run from
 * the build tree, else the installed copy. */
const char *ic_paths_scaffold (void);

/* Where the message catalogues are (bindtextdomain's directory): the build
 * tree's build/po (LANG/LC_MESSAGES/indicore.mo, as meson builds them) when
 * the program runs from it, LOCALEDIR otherwise. */
const char *ic_paths_locale_dir (void);

/* The plugin search order of spec/cli.md: @cli_dirs (the --plugins
 * options, may be NULL), then INDICORE_PLUGIN_PATH (empty entries are
 * skipped: never the current directory unless named), then the built-in
 * directory. A new NULL-terminated array (g_strfreev). */
char **ic_paths_plugin_search (const char *const *cli_dirs);

/* Opens the plugin file @path for reading, walking from / one directory
 * at a time without following a symbolic link (O_NOFOLLOW at each step),
 * so that every directory checked is the one the next step goes through.
 * Each directory and the file must be owned by root or the user running
 * the engine, and writable by nobody else (a sticky directory such as
 * /tmp excepted: nobody can move what it holds that is not theirs); the
 * file must be a regular file, not a link. Returns the descriptor
 * (O_CLOEXEC), loaded by every process through /proc/self/fd, or -1 with
 * @error in IC_LOADER_ERROR (NOT_A_FILE or UNTRUSTED). */
int ic_paths_open_plugin (const char *path, GError **error);

G_END_DECLS

/* loader.h: finds plugin files, opens each once from a trusted path, has
 * its descriptor read and checked in a scanner process (scanner.h), and
 * pairs it with its definition file. No plugin code runs in this process. */
#pragma once

#include <glib.h>

#include "definition.h"
#include "indicore/indicore-plugin.h"

G_BEGIN_DECLS

/* An extended error domain: each error also carries its reason in French,
 * for bundles and reports, while its message is the terminal's language. */
#define IC_LOADER_ERROR (ic_loader_error_quark ())
GQuark ic_loader_error_quark (void);

typedef enum {
  IC_LOADER_ERROR_NOT_A_FILE,       /* not a regular file, or a directory that cannot be read */
  IC_LOADER_ERROR_NOT_A_MODULE,     /* the dynamic loader refused it: garbage, empty, wrong architecture */
  IC_LOADER_ERROR_NO_DESCRIPTOR,    /* no ic_plugin_descriptor symbol */
  IC_LOADER_ERROR_BAD_MAGIC,        /* the symbol is not a descriptor */
  IC_LOADER_ERROR_TOO_SMALL,        /* the descriptor's size is below what ABI 1.0 needs */
  IC_LOADER_ERROR_ABI_MAJOR,        /* built against another ABI major */
  IC_LOADER_ERROR_ABI_MINOR,        /* built against a newer ABI minor than the engine's */
  IC_LOADER_ERROR_INVALID,          /* a required field missing or malformed */
  IC_LOADER_ERROR_NO_DEFINITION,    /* no ID.json beside the plugin nor in the definitions directory */
  IC_LOADER_ERROR_BAD_DEFINITION,   /* the definition file is invalid, or for another id */
  IC_LOADER_ERROR_DUPLICATE,        /* an earlier plugin has the same id */
  IC_LOADER_ERROR_UNTRUSTED,        /* file or directory writable by others, or owned by another user than root or us */
  IC_LOADER_ERROR_UNDEFINED_SYMBOL, /* uses a symbol nothing defines (immediate binding) */
  IC_LOADER_ERROR_SCANNER,          /* its code, run when loaded, crashed, hung or broke the sandbox */
  IC_LOADER_ERROR_TABLE,            /* a schema of a plugin directory's tables/ is invalid, or the plugin
                                     * declares a table two different schemas describe */
} IcLoaderError;

/* The descriptor's fields, copied out of the plugin by the scanner and
 * checked on both sides: data, never a pointer into plugin code. */
typedef struct {
  guint16 abi_major;
  guint16 abi_minor;
  char *id;
  char *version;
  char **tables;        /* NULL-terminated, at least one */
  char **populations;   /* NULL-terminated, may be empty */
  char **columns;       /* "table.column", NULL-terminated; NULL: every column of its tables
                         * (no list, or a descriptor of ABI 1.0 or 1.1) */
} IcPluginInfo;

typedef struct {
  char *path;
  char *file;                 /* basename */
  int fd;                     /* the file, open since its path was checked: what every process loads */
  IcPluginInfo info;
  IcDefinition *definition;
} IcPlugin;

/* A file refused: its code, its reason in French (written into bundles and
 * reports whatever the locale) and in the terminal's language (gettext). */
typedef struct {
  char *path;
  IcLoaderError code;
  char *reason;     /* French */
  char *message;    /* the terminal's language */
} IcRefusal;

/* Sets @error in IC_LOADER_ERROR with @code: its message is @message (the
 * terminal's language, through gettext), its French @french. */
void ic_loader_set_error_literal (GError **error, IcLoaderError code, const char *message, const char *french);

/* The same, @message_format and @french_format formatted with the same
 * arguments (the same conversions, in the same order). */
void ic_loader_set_error (GError **error, IcLoaderError code, const char *message_format, const char *french_format,
                          ...) G_GNUC_PRINTF (3, 5) G_GNUC_PRINTF (4, 5);

/* The French reason of @error, an IC_LOADER_ERROR; its message when it was
 * set without one. */
const char *ic_loader_error_french (const GError *error);

/* A few words of French for a system error number, for a reason read in a
 * report (g_strerror() follows the locale). */
const char *ic_loader_errno_french (int errsv);

typedef struct {
  GPtrArray *plugins;   /* IcPlugin, sorted by id */
  GPtrArray *refused;   /* IcRefusal, in search order */
  /* IcRefusal (code DUPLICATE), in search order: a plugin set aside for one
   * of the same id in an earlier directory (a development copy given with
   * --plugins over the installed one). Its message is the terminal's
   * warning; not a refusal: the run's exit status does not change. */
  GPtrArray *overridden;
} IcPluginSet;

/* Opens one plugin file (ic_paths_open_plugin()), has it scanned, finds
 * its definition: @definitions_dir (may be NULL) is searched for ID.json
 * after the plugin's own directory. Returns a new plugin, or NULL with
 * @error in IC_LOADER_ERROR saying why it is refused. */
IcPlugin *ic_plugin_load (const char *path, const char *definitions_dir, GError **error);
void ic_plugin_free (IcPlugin *plugin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcPlugin, ic_plugin_free)

/* Every `*.so` file of each directory of @directories (in order; files of a
 * directory by name): the first plugin of an id wins; a later one of the
 * same directory is refused as a duplicate, one of a later directory is
 * `overridden`. Never fails: what cannot be loaded is in `refused`. */
IcPluginSet *ic_plugin_set_scan (const char *const *directories, const char *definitions_dir);
void ic_plugin_set_free (IcPluginSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcPluginSet, ic_plugin_set_free)

/* The plugin with @id, or NULL. */
IcPlugin *ic_plugin_set_find (IcPluginSet *set, const char *id);

/* Loads @plugin's code into this process (--no-isolation, and the child
 * that computes): its descriptor, checked again and compared with what
 * the scanner saw, or NULL with @error. The code stays loaded. */
const IcPluginDescriptor *ic_plugin_load_code (const IcPlugin *plugin, int fd, GError **error);

/* Adds the table schemas each of @directories ships in its folder tables/
 * (when it has one) to the process's registry (ic_tables()), in order. A
 * folder that cannot be read, or holds an invalid schema, adds nothing and
 * is refused into @refused (IcRefusal, IC_LOADER_ERROR_TABLE). Two
 * different schemas of one table name are recorded by the registry
 * (ic_table_registry_refusal()): the plugins declaring it are refused when
 * scanned. ic_plugin_set_scan() calls it first. */
void ic_plugin_tables_add (const char *const *directories, GPtrArray *refused);

G_END_DECLS

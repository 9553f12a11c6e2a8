/* scaffold.h: writes a ready-to-build plugin folder outside the tree. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IC_SCAFFOLD_ERROR (ic_scaffold_error_quark ())
GQuark ic_scaffold_error_quark (void);

typedef enum {
  IC_SCAFFOLD_ERROR_BAD_ID,  /* not [a-z0-9_]+, or too long */
  IC_SCAFFOLD_ERROR_EXISTS,  /* the folder exists: nothing is overwritten */
  IC_SCAFFOLD_ERROR_WRITE,
} IcScaffoldError;

/* Creates PARENT/ID/ with the plugin's source, definition, meson.build, a
 * small data set and a test; with @table (may be NULL), a plugin computing
 * a rate over a table of its own, tables/TABLE.json, whose name must not be
 * one of the engine's tables. Returns the folder's path (newly allocated),
 * or NULL with @error. */
char *ic_scaffold_write (const char *parent, const char *id, const char *table, GError **error);

G_END_DECLS

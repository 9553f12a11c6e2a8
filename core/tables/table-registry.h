/* table-registry.h: the input tables a run knows, every one from a schema
 * file (docs/tables.md): the engine's directory first, then the tables/
 * folder of each plugin directory searched. Tables are held in order (the
 * engine's by name, then each plugin directory's by name), found by name. */
#pragma once

#include <glib.h>

#include "table-schema.h"

G_BEGIN_DECLS

typedef struct _IcTableRegistry IcTableRegistry;

IcTableRegistry *ic_table_registry_new (void);
void ic_table_registry_free (IcTableRegistry *registry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcTableRegistry, ic_table_registry_free)

/* Adds the schemas NAME.json of @directory, sorted by file name, each
 * "name" being its file's NAME. With @optional, a directory that does not
 * exist adds nothing. A schema of a name already registered is fine when
 * the two files hold the same JSON; otherwise the name is refused
 * (ic_table_registry_refusal()) and stays refused. FALSE with @error when
 * a file cannot be read or is invalid (nothing of @directory added). */
gboolean ic_table_registry_add_directory (IcTableRegistry *registry, const char *directory, gboolean optional,
                                          GError **error);

guint ic_table_registry_size (const IcTableRegistry *registry);
const IcTableSpec *ic_table_registry_nth (const IcTableRegistry *registry, guint index);
/* The schema file the @index-th table was read from. */
const char *ic_table_registry_path (const IcTableRegistry *registry, guint index);
/* Index of the table named @name, or -1. */
int ic_table_registry_index (const IcTableRegistry *registry, const char *name);
/* The table named @name, or NULL. */
const IcTableSpec *ic_table_registry_lookup (const IcTableRegistry *registry, const char *name);

/* The reference populations' table ("role": "reference_populations"), or NULL. */
const IcTableSpec *ic_table_registry_reference (const IcTableRegistry *registry);

/* The population @name as a table names it (its "denominators"): derived
 * ones (with a date) first, and the table naming it into @table (may be
 * NULL); NULL when no table names it. */
const IcPopulationSpec *ic_table_registry_population (const IcTableRegistry *registry, const char *name,
                                                      const IcTableSpec **table);

/* Why the table @name is refused (two different schemas of it, both files
 * named), in English (@french FALSE, for the terminal, translated) or in
 * French (for the bundle); NULL when it is not. */
const char *ic_table_registry_refusal (const IcTableRegistry *registry, const char *name, gboolean french);

/* The process's registry: the engine's tables, read by
 * ic_table_schemas_load() or ic_table_schemas_ensure() (table-schema.h),
 * then those the plugin directories bring. Loaded on first use when not
 * yet (a failure there is fatal, the entry points having said it first). */
IcTableRegistry *ic_tables (void);

G_END_DECLS

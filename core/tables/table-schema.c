/* table-schema.c: the process's table registry (table-registry.h), the
 * engine's schemas read once from their directory and held for the
 * process's life; lookups by table name and by column name. */
#include "table-schema.h"
#include "table-registry.h"

#include <glib/gi18n.h>
#include <string.h>

#include "version.h"

G_DEFINE_QUARK (ic-table-schema-error-quark, ic_table_schema_error)

/* The rule messages of the tables' JSON files that the terminal translates (the
 * catalogue is built from the C sources, not from JSON): a rule's message
 * is an English msgid, looked up in po/ when a problem is reported. */
static const char *const rule_messages[] G_GNUC_UNUSED = {
  N_("child act dated before the child's birth date"),
  N_("evaluation ends before the IP was received"),
  N_("a second row for the same population, period and territory"),
};

static IcTableRegistry *registry;

gboolean
ic_table_schemas_load (const char *directory, GError **error)
{
  g_autoptr (IcTableRegistry) loaded = NULL;

  if (registry != NULL)
    return TRUE;
  loaded = ic_table_registry_new ();
  if (!ic_table_registry_add_directory (loaded, directory, FALSE, error))
    return FALSE;
  registry = g_steal_pointer (&loaded);
  return TRUE;
}

gboolean
ic_table_schemas_ensure (GError **error)
{
  const char *env = g_getenv ("INDICORE_TABLES_DIR");
  return ic_table_schemas_load (env != NULL && *env != '\0' ? env : IC_TABLES_DIR, error);
}

IcTableRegistry *
ic_tables (void)
{
  if (G_UNLIKELY (registry == NULL))
    {
      g_autoptr (GError) error = NULL;
      if (!ic_table_schemas_ensure (&error))
        g_error ("%s", error->message);
    }
  return registry;
}

const IcTableSpec *
ic_table_spec (const char *name)
{
  return ic_table_registry_lookup (ic_tables (), name);
}

int
ic_table_spec_column (const IcTableSpec *spec, const char *name)
{
  for (guint i = 0; i < spec->n_columns; i++)
    if (strcmp (spec->columns[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* table-schema.c: the built-in tables' schemas, read once from their files
 * (tables/NAME.json, by table-schema-file.c) and held for the process's
 * life; lookups by table name and by column name. */
#include "table-schema.h"

#include <glib/gi18n.h>
#include <string.h>

#include "version.h"

G_DEFINE_QUARK (ic-table-schema-error-quark, ic_table_schema_error)

/* The file of each IcTableId, without ".json": the one place the core still
 * names the built-in tables, as the index their schemas are read into. */
static const char *const builtin[IC_N_TABLES] = {
  [IC_TABLE_BIRTHS] = "births",
  [IC_TABLE_PMI_ACTS] = "pmi_acts",
  [IC_TABLE_IP] = "ip",
  [IC_TABLE_POPULATIONS] = "populations",
  [IC_TABLE_BSEM_REFERRALS] = "bsem_referrals",
};

/* The rule messages of the tables' JSON files that the terminal translates (the
 * catalogue is built from the C sources, not from JSON): a rule's message
 * is an English msgid, looked up in po/ when a problem is reported. */
static const char *const rule_messages[] G_GNUC_UNUSED = {
  N_("child act dated before the child's birth date"),
  N_("evaluation ends before the IP was received"),
  N_("a second row for the same population, period and territory"),
};

static IcTableSpec *specs[IC_N_TABLES];

gboolean
ic_table_schemas_load (const char *directory, GError **error)
{
  IcTableSpec *loaded[IC_N_TABLES] = { NULL };

  if (specs[0] != NULL)
    return TRUE;
  for (int id = 0; id < IC_N_TABLES; id++)
    {
      g_autofree char *file = g_strconcat (builtin[id], ".json", NULL);
      g_autofree char *path = g_build_filename (directory, file, NULL);
      loaded[id] = ic_table_spec_load (path, error);
      if (loaded[id] != NULL && strcmp (loaded[id]->name, builtin[id]) != 0)
        g_set_error (error, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_INVALID,
                     _("%s: member \"%s\": expected \"%s\", the file's name"), file, "name", builtin[id]);
      if (loaded[id] == NULL || strcmp (loaded[id]->name, builtin[id]) != 0)
        {
          for (int k = 0; k <= id; k++)
            ic_table_spec_free (loaded[k]);
          return FALSE;
        }
    }
  for (int id = 0; id < IC_N_TABLES; id++)
    specs[id] = loaded[id];
  return TRUE;
}

gboolean
ic_table_schemas_ensure (GError **error)
{
  const char *env = g_getenv ("INDICORE_TABLES_DIR");
  return ic_table_schemas_load (env != NULL && *env != '\0' ? env : IC_TABLES_DIR, error);
}

const IcTableSpec *
ic_table_spec (IcTableId id)
{
  g_return_val_if_fail (id < IC_N_TABLES, NULL);
  if (G_UNLIKELY (specs[id] == NULL))
    {
      g_autoptr (GError) error = NULL;
      if (!ic_table_schemas_ensure (&error))
        g_error ("%s", error->message);
    }
  return specs[id];
}

int
ic_table_id_from_name (const char *name)
{
  for (int i = 0; i < IC_N_TABLES; i++)
    if (g_strcmp0 (builtin[i], name) == 0)
      return i;
  return -1;
}

int
ic_table_spec_column (const IcTableSpec *spec, const char *name)
{
  for (guint i = 0; i < spec->n_columns; i++)
    if (strcmp (spec->columns[i].name, name) == 0)
      return (int) i;
  return -1;
}

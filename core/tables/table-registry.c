/* table-registry.c: the tables a run knows, read from schema files: the
 * engine's directory, then the tables/ folder of each plugin directory; one
 * name twice is fine when both files say the same, refused otherwise. */
#include "table-registry.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  IcTableSpec *spec;
  char *path;
} Entry;

struct _IcTableRegistry {
  GArray *entries;       /* Entry, in order */
  GHashTable *by_name;   /* name -> index + 1 */
  GHashTable *refusals;  /* name -> char *[2]: English, French */
};

static void
entry_clear (Entry *entry)
{
  ic_table_spec_free (entry->spec);
  g_free (entry->path);
}

static void
refusal_free (gpointer data)
{
  g_strfreev (data);
}

IcTableRegistry *
ic_table_registry_new (void)
{
  IcTableRegistry *registry = g_new0 (IcTableRegistry, 1);
  registry->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (registry->entries, (GDestroyNotify) entry_clear);
  registry->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  registry->refusals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, refusal_free);
  return registry;
}

void
ic_table_registry_free (IcTableRegistry *registry)
{
  if (registry == NULL)
    return;
  g_hash_table_unref (registry->by_name);
  g_hash_table_unref (registry->refusals);
  g_array_unref (registry->entries);
  g_free (registry);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The NAME.json files of @directory, sorted; NULL with @error when it
 * cannot be listed. */
static GPtrArray *
schema_files (const char *directory, GError **error)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, error);
  GPtrArray *files;
  const char *name;

  if (dir == NULL)
    return NULL;
  files = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, compare_names);
  return files;
}

/* Whether the files @a and @b hold the same JSON (members in any order,
 * spaces aside): the same schema. */
static gboolean
same_json (const char *a, const char *b)
{
  g_autoptr (JsonParser) pa = json_parser_new ();
  g_autoptr (JsonParser) pb = json_parser_new ();

  if (!json_parser_load_from_file (pa, a, NULL) || !json_parser_load_from_file (pb, b, NULL))
    return FALSE;
  return json_node_equal (json_parser_get_root (pa), json_parser_get_root (pb));
}

static void
refuse (IcTableRegistry *registry, const char *name, const char *first, const char *second)
{
  char **reasons = g_new0 (char *, 3);

  if (g_hash_table_contains (registry->refusals, name))
    {
      g_free (reasons);
      return;
    }
  reasons[0] = g_strdup_printf (_("two different schemas of table \"%s\": %s and %s"), name, first, second);
  reasons[1] = g_strdup_printf ("deux schémas différents de la table « %s » : %s et %s", name, first, second);
  g_hash_table_insert (registry->refusals, g_strdup (name), reasons);
}

/* Reads the schema file @file of @directory into @loaded; FALSE with @error. */
static gboolean
load_one (const char *directory, const char *file, GArray *loaded, GError **error)
{
  g_autofree char *stem = g_strndup (file, strlen (file) - strlen (".json"));
  Entry entry = { NULL, g_build_filename (directory, file, NULL) };

  entry.spec = ic_table_spec_load (entry.path, error);
  if (entry.spec != NULL && strcmp (entry.spec->name, stem) != 0)
    g_set_error (error, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_INVALID,
                 _("%s: member \"%s\": expected \"%s\", the file's name"), file, "name", stem);
  if (entry.spec == NULL || strcmp (entry.spec->name, stem) != 0)
    {
      entry_clear (&entry);
      return FALSE;
    }
  g_array_append_val (loaded, entry);
  return TRUE;
}

gboolean
ic_table_registry_add_directory (IcTableRegistry *registry, const char *directory, gboolean optional, GError **error)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GArray) loaded = g_array_new (FALSE, TRUE, sizeof (Entry));

  g_array_set_clear_func (loaded, (GDestroyNotify) entry_clear);
  if (optional && !g_file_test (directory, G_FILE_TEST_IS_DIR))
    return TRUE;
  files = schema_files (directory, error);
  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    if (!load_one (directory, files->pdata[i], loaded, error))
      return FALSE;
  for (guint i = 0; i < loaded->len; i++)
    {
      Entry *entry = &g_array_index (loaded, Entry, i);
      int known = ic_table_registry_index (registry, entry->spec->name);
      if (known >= 0)
        {
          const char *first = g_array_index (registry->entries, Entry, known).path;
          if (strcmp (first, entry->path) != 0 && !same_json (first, entry->path))
            refuse (registry, entry->spec->name, first, entry->path);
          continue;
        }
      g_array_append_val (registry->entries, *entry);
      g_hash_table_insert (registry->by_name, (gpointer) entry->spec->name,
                           GUINT_TO_POINTER (registry->entries->len));
      *entry = (Entry) { NULL, NULL };
    }
  return TRUE;
}

guint
ic_table_registry_size (const IcTableRegistry *registry)
{
  return registry->entries->len;
}

const IcTableSpec *
ic_table_registry_nth (const IcTableRegistry *registry, guint index)
{
  g_return_val_if_fail (index < registry->entries->len, NULL);
  return g_array_index (registry->entries, Entry, index).spec;
}

const char *
ic_table_registry_path (const IcTableRegistry *registry, guint index)
{
  g_return_val_if_fail (index < registry->entries->len, NULL);
  return g_array_index (registry->entries, Entry, index).path;
}

int
ic_table_registry_index (const IcTableRegistry *registry, const char *name)
{
  gpointer found = name != NULL ? g_hash_table_lookup (registry->by_name, name) : NULL;
  return found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1;
}

const IcTableSpec *
ic_table_registry_lookup (const IcTableRegistry *registry, const char *name)
{
  int index = ic_table_registry_index (registry, name);
  return index < 0 ? NULL : ic_table_registry_nth (registry, (guint) index);
}

const char *
ic_table_registry_refusal (const IcTableRegistry *registry, const char *name, gboolean french)
{
  char **reasons = name != NULL ? g_hash_table_lookup (registry->refusals, name) : NULL;
  return reasons != NULL ? reasons[french ? 1 : 0] : NULL;
}

const IcTableSpec *
ic_table_registry_reference (const IcTableRegistry *registry)
{
  for (guint i = 0; i < registry->entries->len; i++)
    if (ic_table_registry_nth (registry, i)->populations_role)
      return ic_table_registry_nth (registry, i);
  return NULL;
}

const IcPopulationSpec *
ic_table_registry_population (const IcTableRegistry *registry, const char *name, const IcTableSpec **table)
{
  const IcPopulationSpec *named = NULL;
  const IcTableSpec *named_in = NULL;

  for (guint i = 0; name != NULL && i < registry->entries->len; i++)
    {
      const IcTableSpec *spec = ic_table_registry_nth (registry, i);
      for (guint k = 0; k < spec->n_populations; k++)
        if (g_ascii_strcasecmp (spec->populations[k].name, name) == 0)
          {
            if (spec->populations[k].date != NULL)
              {
                if (table != NULL)
                  *table = spec;
                return &spec->populations[k];
              }
            if (named == NULL)
              {
                named = &spec->populations[k];
                named_in = spec;
              }
          }
    }
  if (table != NULL)
    *table = named_in;
  return named;
}

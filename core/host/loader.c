/* loader.c: finds plugin files, has each scanned, pairs it with its definition;
 * words every refusal twice, in French for bundles and reports (whatever the
 * locale) and in the terminal's language (gettext) for list and run. */
#include "loader.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "scanner.h"
#include "table-registry.h"

typedef struct {
  char *french;
} IcLoaderErrorPrivate;

static void
ic_loader_error_private_init (IcLoaderErrorPrivate *priv)
{
  priv->french = NULL;
}

static void
ic_loader_error_private_copy (const IcLoaderErrorPrivate *src, IcLoaderErrorPrivate *dest)
{
  dest->french = g_strdup (src->french);
}

static void
ic_loader_error_private_clear (IcLoaderErrorPrivate *priv)
{
  g_clear_pointer (&priv->french, g_free);
}

G_DEFINE_EXTENDED_ERROR (IcLoaderError, ic_loader_error)

void
ic_loader_set_error_literal (GError **error, IcLoaderError code, const char *message, const char *french)
{
  GError *set;

  if (error == NULL)
    return;
  set = g_error_new_literal (IC_LOADER_ERROR, code, message);
  ic_loader_error_get_private (set)->french = g_strdup (french);
  g_propagate_error (error, set);
}

void
ic_loader_set_error (GError **error, IcLoaderError code, const char *message_format, const char *french_format, ...)
{
  g_autofree char *message = NULL;
  g_autofree char *french = NULL;
  va_list args, copy;

  va_start (args, french_format);
  va_copy (copy, args);
  message = g_strdup_vprintf (message_format, args);
  french = g_strdup_vprintf (french_format, copy);
  va_end (copy);
  va_end (args);
  ic_loader_set_error_literal (error, code, message, french);
}

const char *
ic_loader_error_french (const GError *error)
{
  const char *french = ic_loader_error_get_private (error)->french;
  return french != NULL ? french : error->message;
}

const char *
ic_loader_errno_french (int errsv)
{
  switch (errsv)
    {
    case ENOENT:
      return "n'existe pas";
    case EACCES:
    case EPERM:
      return "accès refusé";
    case ENOTDIR:
      return "un élément du chemin n'est pas un dossier";
    case EISDIR:
      return "c'est un dossier";
    default:
      return "illisible";
    }
}

static IcDefinition *
find_definition (const char *plugin_path, const char *id, const char *definitions_dir, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (plugin_path);
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  const char *dirs[] = { dir, definitions_dir };
  g_autoptr (GError) local = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;
      IcDefinition *definition;

      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      definition = ic_definition_load (path, &local);
      if (definition == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("invalid definition file: %s"), local->message);
          g_autofree char *french = g_strdup_printf ("le fichier de définition %s est invalide "
                                                     "(le détail est donné par « indicore list »)", name);
          ic_loader_set_error_literal (error, IC_LOADER_ERROR_BAD_DEFINITION, message, french);
          return NULL;
        }
      if (strcmp (definition->id, id) != 0)
        {
          ic_loader_set_error (error, IC_LOADER_ERROR_BAD_DEFINITION, _("definition file %s has id \"%s\", not \"%s\""),
                               "le fichier de définition %s a l'identifiant « %s » et non « %s »", path, definition->id, id);
          ic_definition_free (definition);
          return NULL;
        }
      return definition;
    }
  if (definitions_dir != NULL)
    ic_loader_set_error (error, IC_LOADER_ERROR_NO_DEFINITION, _("no definition file %s beside the plugin nor in %s"),
                         "aucun fichier de définition %s ni à côté du module ni dans %s", name, definitions_dir);
  else
    ic_loader_set_error (error, IC_LOADER_ERROR_NO_DEFINITION, _("no definition file %s beside the plugin"),
                         "aucun fichier de définition %s à côté du module", name);
  return NULL;
}

IcPlugin *
ic_plugin_load (const char *path, const char *definitions_dir, GError **error)
{
  g_autoptr (IcPlugin) plugin = g_new0 (IcPlugin, 1);

  plugin->path = g_strdup (path);
  plugin->file = g_path_get_basename (path);
  plugin->fd = ic_paths_open_plugin (path, error);
  if (plugin->fd < 0 || !ic_scanner_read (plugin->fd, &plugin->info, error))
    return NULL;
  plugin->definition = find_definition (path, plugin->info.id, definitions_dir, error);
  if (plugin->definition == NULL)
    return NULL;
  return g_steal_pointer (&plugin);
}

const IcPluginDescriptor *
ic_plugin_load_code (const IcPlugin *plugin, int fd, GError **error)
{
  IcPluginInfo info = { 0 };
  const IcPluginDescriptor *descriptor = ic_scanner_load (fd, &info, error);
  gboolean same = descriptor != NULL && strcmp (info.id, plugin->info.id) == 0;

  ic_plugin_info_clear (&info);
  if (descriptor != NULL && !same)
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_INVALID,
                           _("the plugin file changed since it was scanned: its id is no longer \"%s\""),
                           "le fichier du module a changé depuis son examen : son identifiant n'est plus « %s »",
                           plugin->info.id);
      return NULL;
    }
  return descriptor;
}

void
ic_plugin_free (IcPlugin *plugin)
{
  if (plugin == NULL)
    return;
  if (plugin->fd >= 0)
    close (plugin->fd);
  ic_plugin_info_clear (&plugin->info);
  ic_definition_free (plugin->definition);
  g_free (plugin->path);
  g_free (plugin->file);
  g_free (plugin);
}

static void
refusal_free (gpointer data)
{
  IcRefusal *refusal = data;
  g_free (refusal->path);
  g_free (refusal->reason);
  g_free (refusal->message);
  g_free (refusal);
}

static void
add_refusal (GPtrArray *list, const char *path, const GError *error)
{
  IcRefusal *refusal = g_new0 (IcRefusal, 1);
  refusal->path = g_strdup (path);
  refusal->code = error->code;
  refusal->reason = g_strdup (ic_loader_error_french (error));
  refusal->message = g_strdup (error->message);
  g_ptr_array_add (list, refusal);
}

/* The errno behind a GFileError, for its French. */
static int
file_error_errno (const GError *error)
{
  switch (error->code)
    {
    case G_FILE_ERROR_NOENT:
      return ENOENT;
    case G_FILE_ERROR_ACCES:
      return EACCES;
    case G_FILE_ERROR_NOTDIR:
      return ENOTDIR;
    default:
      return EIO;
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static int
compare_plugins (gconstpointer a, gconstpointer b)
{
  const IcPlugin *pa = *(IcPlugin *const *) a, *pb = *(IcPlugin *const *) b;
  return strcmp (pa->info.id, pb->info.id);
}

static gboolean
same_directory (const char *a, const char *b)
{
  g_autofree char *dir_a = g_path_get_dirname (a);
  g_autofree char *dir_b = g_path_get_dirname (b);
  return strcmp (dir_a, dir_b) == 0;
}

/* @plugin, of a later directory than @earlier, is set aside for it. */
static void
add_override (IcPluginSet *set, const IcPlugin *plugin, const IcPlugin *earlier)
{
  g_autoptr (GError) local = NULL;

  ic_loader_set_error (&local, IC_LOADER_ERROR_DUPLICATE,
                       _("%s overrides %s, of the same id \"%s\" later in the search order"),
                       "%s remplace %s, de même identifiant « %s » plus loin dans l'ordre de recherche",
                       earlier->path, plugin->path, plugin->info.id);
  add_refusal (set->overridden, plugin->path, local);
}

static void
scan_directory (IcPluginSet *set, const char *directory, const char *definitions_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (directory, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      g_autoptr (GError) refusal = NULL;
      g_autofree char *french = g_strdup_printf ("dossier de modules illisible : %s",
                                                 ic_loader_errno_french (file_error_errno (error)));
      ic_loader_set_error_literal (&refusal, IC_LOADER_ERROR_NOT_A_FILE, error->message, french);
      add_refusal (set->refused, directory, refusal);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, "." G_MODULE_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, names->pdata[i], NULL);
      g_autoptr (GError) local = NULL;
      IcPlugin *plugin = ic_plugin_load (path, definitions_dir, &local);
      IcPlugin *earlier;

      if (plugin == NULL)
        {
          add_refusal (set->refused, path, local);
          continue;
        }
      earlier = ic_plugin_set_find (set, plugin->info.id);
      if (earlier != NULL && !same_directory (earlier->path, path))
        {
          /* A development copy (--plugins) over an installed one: the
           * earlier directory wins, with a warning, not a refusal. */
          add_override (set, plugin, earlier);
          ic_plugin_free (plugin);
          continue;
        }
      if (earlier != NULL)
        {
          ic_loader_set_error (&local, IC_LOADER_ERROR_DUPLICATE,
                               _("duplicate id \"%s\": %s, found earlier in the search order, is used"),
                               "identifiant « %s » en double : %s, trouvé avant dans l'ordre de recherche, est utilisé",
                               plugin->info.id, earlier->path);
          add_refusal (set->refused, path, local);
          ic_plugin_free (plugin);
          continue;
        }
      g_ptr_array_add (set->plugins, plugin);
    }
}

void
ic_plugin_tables_add (const char *const *directories, GPtrArray *refused)
{
  for (guint i = 0; directories != NULL && directories[i] != NULL; i++)
    {
      g_autofree char *tables = g_build_filename (directories[i], "tables", NULL);
      g_autoptr (GError) local = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *message = NULL, *french = NULL;

      if (!ic_table_schemas_ensure (NULL) || ic_table_registry_add_directory (ic_tables (), tables, TRUE, &local))
        continue;
      message = g_strdup_printf (_("table schema refused: %s"), local->message);
      french = g_strdup_printf ("schéma de table refusé : %s", local->message);
      ic_loader_set_error_literal (&error, IC_LOADER_ERROR_TABLE, message, french);
      if (refused != NULL)
        add_refusal (refused, tables, error);
    }
}

IcPluginSet *
ic_plugin_set_scan (const char *const *directories, const char *definitions_dir)
{
  IcPluginSet *set = g_new0 (IcPluginSet, 1);
  set->plugins = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_plugin_free);
  set->refused = g_ptr_array_new_with_free_func (refusal_free);
  set->overridden = g_ptr_array_new_with_free_func (refusal_free);
  ic_plugin_tables_add (directories, set->refused);
  for (guint i = 0; directories && directories[i]; i++)
    scan_directory (set, directories[i], definitions_dir);
  g_ptr_array_sort (set->plugins, compare_plugins);
  return set;
}

void
ic_plugin_set_free (IcPluginSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->plugins);
  g_ptr_array_unref (set->refused);
  g_ptr_array_unref (set->overridden);
  g_free (set);
}

IcPlugin *
ic_plugin_set_find (IcPluginSet *set, const char *id)
{
  for (guint i = 0; i < set->plugins->len; i++)
    {
      IcPlugin *plugin = set->plugins->pdata[i];
      if (strcmp (plugin->info.id, id) == 0)
        return plugin;
    }
  return NULL;
}

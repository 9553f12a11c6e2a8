#include "loader.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "scanner.h"

G_DEFINE_QUARK (ic-loader-error-quark, ic_loader_error)

static gboolean
refuse (GError **error, IcLoaderError code, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError **error, IcLoaderError code, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (IC_LOADER_ERROR, code, format, args));
  va_end (args);
  return FALSE;
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
          refuse (error, IC_LOADER_ERROR_BAD_DEFINITION, _("invalid definition file: %s"), local->message);
          return NULL;
        }
      if (strcmp (definition->id, id) != 0)
        {
          refuse (error, IC_LOADER_ERROR_BAD_DEFINITION, _("definition file %s has id \"%s\", not \"%s\""),
                  path, definition->id, id);
          ic_definition_free (definition);
          return NULL;
        }
      return definition;
    }
  if (definitions_dir != NULL)
    refuse (error, IC_LOADER_ERROR_NO_DEFINITION, _("no definition file %s beside the plugin nor in %s"), name,
            definitions_dir);
  else
    refuse (error, IC_LOADER_ERROR_NO_DEFINITION, _("no definition file %s beside the plugin"), name);
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
      refuse (error, IC_LOADER_ERROR_INVALID, _("the plugin file changed since it was scanned: its id is no longer \"%s\""),
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
  g_free (refusal);
}

static void
add_refusal (IcPluginSet *set, const char *path, IcLoaderError code, const char *reason)
{
  IcRefusal *refusal = g_new0 (IcRefusal, 1);
  refusal->path = g_strdup (path);
  refusal->code = code;
  refusal->reason = g_strdup (reason);
  g_ptr_array_add (set->refused, refusal);
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

static void
scan_directory (IcPluginSet *set, const char *directory, const char *definitions_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (directory, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      add_refusal (set, directory, IC_LOADER_ERROR_NOT_A_FILE, error->message);
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
          add_refusal (set, path, local->code, local->message);
          continue;
        }
      earlier = ic_plugin_set_find (set, plugin->info.id);
      if (earlier != NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("duplicate id \"%s\": %s, found earlier in the search order, is used"),
                                                     plugin->info.id, earlier->path);
          add_refusal (set, path, IC_LOADER_ERROR_DUPLICATE, reason);
          ic_plugin_free (plugin);
          continue;
        }
      g_ptr_array_add (set->plugins, plugin);
    }
}

IcPluginSet *
ic_plugin_set_scan (const char *const *directories, const char *definitions_dir)
{
  IcPluginSet *set = g_new0 (IcPluginSet, 1);
  set->plugins = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_plugin_free);
  set->refused = g_ptr_array_new_with_free_func (refusal_free);
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

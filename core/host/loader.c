#include "loader.h"

#include "identifier.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include "table-schema.h"

G_DEFINE_QUARK (ic-loader-error-quark, ic_loader_error)

/* The header every ABI shares: magic, size, major, minor. Only these may be
 * read before the ABI is known. */
#define DESCRIPTOR_HEADER_SIZE (G_STRUCT_OFFSET (IcPluginDescriptor, abi_minor) + sizeof (guint16))
/* The descriptor of ABI 1.0 ends with `compute`. */
#define DESCRIPTOR_1_0_SIZE (G_STRUCT_OFFSET (IcPluginDescriptor, compute) + sizeof (IcComputeFunc))
/* Longest list of tables or populations a descriptor may declare. */
#define MAX_NAMES 64

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

/* TRUE when @names is a NULL-terminated list of at most MAX_NAMES
 * non-empty strings (NULL itself is an empty list). */
static gboolean
valid_names (const char *const *names)
{
  for (guint i = 0; names != NULL; i++)
    {
      if (i > MAX_NAMES)
        return FALSE;
      if (names[i] == NULL)
        return TRUE;
      if (*names[i] == '\0')
        return FALSE;
    }
  return TRUE;
}

/* Checks the descriptor as plain data, in the order that keeps each read
 * inside what the previous check proved is there: the magic, the header
 * (size and ABI, common to every ABI), the ABI, then the fields of 1.0. */
static gboolean
check_descriptor (const IcPluginDescriptor *d, GError **error)
{
  if (d->magic != IC_PLUGIN_MAGIC)
    return refuse (error, IC_LOADER_ERROR_BAD_MAGIC,
                   "ic_plugin_descriptor is not an indicore plugin descriptor (wrong magic number)");
  if (d->size < DESCRIPTOR_HEADER_SIZE)
    return refuse (error, IC_LOADER_ERROR_TOO_SMALL,
                   "descriptor of %u bytes, smaller than the %u bytes of its header",
                   d->size, (guint) DESCRIPTOR_HEADER_SIZE);
  if (d->abi_major != IC_ABI_MAJOR)
    return refuse (error, IC_LOADER_ERROR_ABI_MAJOR,
                   "built for plugin ABI %u.%u, but this engine has ABI %d.%d: rebuild it against this engine's indicore-plugin.h",
                   d->abi_major, d->abi_minor, IC_ABI_MAJOR, IC_ABI_MINOR);
  if (d->abi_minor > IC_ABI_MINOR)
    return refuse (error, IC_LOADER_ERROR_ABI_MINOR,
                   "built for plugin ABI %u.%u, newer than this engine's %d.%d: upgrade the engine",
                   d->abi_major, d->abi_minor, IC_ABI_MAJOR, IC_ABI_MINOR);
  if (d->size < DESCRIPTOR_1_0_SIZE)
    return refuse (error, IC_LOADER_ERROR_TOO_SMALL,
                   "descriptor of %u bytes, smaller than the %u bytes of ABI 1.0",
                   d->size, (guint) DESCRIPTOR_1_0_SIZE);
  if (!ic_id_is_valid (d->id))
    {
      g_autofree char *shown = d->id ? g_strescape (d->id, NULL) : NULL;
      if (shown != NULL && strlen (shown) > 80)
        strcpy (shown + 72, "...");
      return refuse (error, IC_LOADER_ERROR_INVALID,
                     "invalid descriptor: %s%s%s: the id must be 1 to 64 characters of a-z, 0-9 and _",
                     shown ? "id \"" : "no id", shown ? shown : "", shown ? "\"" : "");
    }
  if (d->version == NULL || *d->version == '\0')
    return refuse (error, IC_LOADER_ERROR_INVALID, "invalid descriptor: no version");
  if (d->compute == NULL)
    return refuse (error, IC_LOADER_ERROR_INVALID, "invalid descriptor: no compute function");
  if (d->tables == NULL || d->tables[0] == NULL)
    return refuse (error, IC_LOADER_ERROR_INVALID, "invalid descriptor: no table declared");
  if (!valid_names (d->tables) || !valid_names (d->populations))
    return refuse (error, IC_LOADER_ERROR_INVALID,
                   "invalid descriptor: tables and populations must be NULL-terminated lists of at most %d non-empty names",
                   MAX_NAMES);
  for (guint i = 0; d->tables[i]; i++)
    if (ic_table_id_from_name (d->tables[i]) < 0 || strcmp (d->tables[i], "populations") == 0)
      return refuse (error, IC_LOADER_ERROR_INVALID,
                     "invalid descriptor: unknown table \"%s\" (known: births, pmi_acts, ip; populations are declared apart)",
                     d->tables[i]);
  return TRUE;
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
          refuse (error, IC_LOADER_ERROR_BAD_DEFINITION, "invalid definition file: %s", local->message);
          return NULL;
        }
      if (strcmp (definition->id, id) != 0)
        {
          refuse (error, IC_LOADER_ERROR_BAD_DEFINITION, "definition file %s has id \"%s\", not \"%s\"",
                  path, definition->id, id);
          ic_definition_free (definition);
          return NULL;
        }
      return definition;
    }
  refuse (error, IC_LOADER_ERROR_NO_DEFINITION, "no definition file %s beside the plugin%s%s", name,
          definitions_dir ? " nor in " : "", definitions_dir ? definitions_dir : "");
  return NULL;
}

/* Code is loaded only from where nobody but its owner could have put it:
 * a file or directory writable by group or others, or owned by someone
 * other than root or the user running the engine, is refused. */
static gboolean
check_trusted (const char *path, const char *what, GError **error)
{
  GStatBuf st;
  uid_t self = geteuid ();

  if (g_stat (path, &st) != 0)
    return refuse (error, IC_LOADER_ERROR_NOT_A_FILE, "%s %s: %s", what, path, g_strerror (errno));
  if (st.st_uid != 0 && st.st_uid != self)
    return refuse (error, IC_LOADER_ERROR_UNTRUSTED,
                   "untrusted %s %s: owned by uid %u, neither root nor the user running indicore (uid %u)",
                   what, path, (guint) st.st_uid, (guint) self);
  if ((st.st_mode & S_IWOTH) || ((st.st_mode & S_IWGRP) && st.st_gid != 0))
    return refuse (error, IC_LOADER_ERROR_UNTRUSTED,
                   "untrusted %s %s: writable by %s (mode %04o): chmod go-w it",
                   what, path, (st.st_mode & S_IWOTH) ? "anyone" : "its group", (guint) (st.st_mode & 07777));
  return TRUE;
}

IcPlugin *
ic_plugin_load (const char *path, const char *definitions_dir, GError **error)
{
  g_autoptr (IcPlugin) plugin = g_new0 (IcPlugin, 1);
  g_autofree char *absolute = NULL;
  gpointer symbol = NULL;

  plugin->path = g_strdup (path);
  plugin->file = g_path_get_basename (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      refuse (error, IC_LOADER_ERROR_NOT_A_FILE, "not a regular file");
      return NULL;
    }
  /* An absolute path: given a bare file name, dlopen() would search the
   * library path instead, and could load another library of that name. */
  absolute = g_canonicalize_filename (path, NULL);
  {
    g_autofree char *directory = g_path_get_dirname (absolute);
    if (!check_trusted (absolute, "plugin file", error) || !check_trusted (directory, "plugin directory", error))
      return NULL;
  }
  plugin->module = g_module_open (absolute, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (plugin->module == NULL)
    {
      refuse (error, IC_LOADER_ERROR_NOT_A_MODULE, "not a loadable shared object: %s", g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (plugin->module, IC_PLUGIN_DESCRIPTOR_SYMBOL, &symbol) || symbol == NULL)
    {
      refuse (error, IC_LOADER_ERROR_NO_DESCRIPTOR,
              "a shared object without the " IC_PLUGIN_DESCRIPTOR_SYMBOL " symbol: not an indicore plugin (use IC_PLUGIN_DEFINE)");
      return NULL;
    }
  plugin->descriptor = symbol;
  if (!check_descriptor (plugin->descriptor, error))
    return NULL;
  plugin->definition = find_definition (path, plugin->descriptor->id, definitions_dir, error);
  if (plugin->definition == NULL)
    return NULL;
  return g_steal_pointer (&plugin);
}

void
ic_plugin_free (IcPlugin *plugin)
{
  if (plugin == NULL)
    return;
  /* Modules stay loaded: a plugin may have registered anything (a GType,
   * an atexit handler) that unloading would leave dangling. */
  if (plugin->module)
    g_module_make_resident (plugin->module);
  g_clear_pointer (&plugin->module, g_module_close);
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
  return strcmp (pa->descriptor->id, pb->descriptor->id);
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
      earlier = ic_plugin_set_find (set, plugin->descriptor->id);
      if (earlier != NULL)
        {
          g_autofree char *reason = g_strdup_printf ("duplicate id \"%s\": %s, found earlier in the search order, is used",
                                                     plugin->descriptor->id, earlier->path);
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
      if (strcmp (plugin->descriptor->id, id) == 0)
        return plugin;
    }
  return NULL;
}

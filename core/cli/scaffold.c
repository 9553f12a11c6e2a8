/* scaffold.c: `indicore new-plugin ID [--table NAME]` writes a plugin folder
 * that builds and tests out of the tree: source, definition and test from the
 * templates of scaffold/ (scaffold/table/ with --table: a plugin with its own
 * table), meson.build, README, and data from the tables' schemas ("sample"). */
#include "scaffold.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "identifier.h"
#include "paths.h"
#include "table-registry.h"

G_DEFINE_QUARK (ic-scaffold-error-quark, ic_scaffold_error)

/* Every @ID@ is replaced by the plugin's id, @TABLE@ by its table's name. */
/* @TABLES@: nothing, or the line building the plugin's own tables, which
 * @TABLES_DEPENDS@ adds to what the test needs built. */
static const char meson_template[] =
  "project('@ID@', 'c',\n"
  "  version: '0.1.0',\n"
  "  meson_version: '>=0.64',\n"
  "  default_options: ['c_std=c11', 'warning_level=3'],\n"
  ")\n"
  "\n"
  "# The engine's plugin SDK: its header, and where its plugins live.\n"
  "sdk = dependency('indicore-plugin')\n"
  "plugindir = sdk.get_variable(pkgconfig: 'plugindir')\n"
  "fs = import('fs')\n"
  "cc = meson.get_compiler('c')\n"
  "\n"
  "# A function called without its declaration is an error, not a guess; every\n"
  "# symbol the plugin uses must come from itself or its libraries (the engine\n"
  "# refuses a plugin with an undefined symbol: better know it here).\n"
  "plugin = shared_module('@ID@', '@ID@.c',\n"
  "  name_prefix: '',\n"
  "  dependencies: sdk,\n"
  "  c_args: cc.get_supported_arguments('-Werror=implicit-function-declaration'),\n"
  "  link_args: cc.get_supported_link_arguments('-Wl,-z,defs'),\n"
  "  gnu_symbol_visibility: 'hidden',\n"
  "  install: true,\n"
  "  install_dir: plugindir,\n"
  ")\n"
  "# The definition goes beside the plugin, in the build directory too, so\n"
  "# that `indicore run --plugins build` finds it: the engine pairs them by id.\n"
  "definition = fs.copyfile('@ID@.json', install: true, install_dir: plugindir)\n"
  "@TABLES@"
  "\n"
  "indicore = find_program('indicore')\n"
  "test('bundle', find_program('test-@ID@.sh'),\n"
  "  args: [indicore.full_path(), plugin.full_path(), meson.current_source_dir()],\n"
  "  depends: [plugin, definition@TABLES_DEPENDS@],\n"
  ")\n";

static const char meson_tables_line[] =
  "# The plugin's own tables: build/tables/ and PLUGINDIR/tables/ (the engine\n"
  "# reads the tables/ folder of every plugin directory).\n"
  "subdir('tables')\n";

static const char readme_template[] =
  "# @ID@: an indicore plugin\n"
  "\n"
  "Written by `indicore new-plugin @ID@`. Build, test and install it against the\n"
  "installed engine (its `indicore-plugin.pc` must be on `PKG_CONFIG_PATH`: for an\n"
  "engine installed under a prefix, `PREFIX/lib/pkgconfig` or, on Debian and\n"
  "Ubuntu, `PREFIX/lib/x86_64-linux-gnu/pkgconfig`):\n"
  "\n"
  "    meson setup build && meson test -C build && meson install -C build\n"
  "\n"
  "`build/` then holds `@ID@.so` and its definition `@ID@.json`@TABLES_README@: try it with\n"
  "`indicore run --plugins build ...`, which overrides an installed copy.\n"
  "Without meson:\n"
  "\n"
  "    cc -shared -fPIC -Werror=implicit-function-declaration -Wl,-z,defs -o @ID@.so @ID@.c \\\n"
  "      $(pkg-config --cflags --libs indicore-plugin)\n"
  "\n"
  "then `indicore run --plugins .`. `meson install` puts them into the engine's\n"
  "plugin directory (`pkg-config --variable=plugindir indicore-plugin`).\n"
  "\n"
  "- `@ID@.c`: the computation, without prose; `@ID@.json`: the definition\n"
  "  (title, target when no contract framework names it, parameters, the French\n"
  "  sentence `text_fr` with `{num:singulier|pluriel}`, and the French `messages`\n"
  "  the code names by id in `warning_message`), editable without rebuilding;\n"
  "  its place in the SOLEN form is the frameworks' (frameworks/);\n"
  "@TABLES_ITEM@"
  "- `data/`: a tiny data set, and `test-@ID@.sh` the figures expected on it.\n";

static const char table_readme[] =
  "- `tables/@TABLE@.json`: the schema of the plugin's own table (its file\n"
  "  `@TABLE@.csv`, its columns and their kinds), installed into the plugin\n"
  "  directory's `tables/` (`INDICORE_PLUGIN_PATH=build indicore validate --data data`\n"
  "  checks a data set against it);\n";

/* A file of the folder: its name there, and its template in the scaffold's
 * directory (ic_paths_scaffold()). */
typedef struct {
  const char *name;
  const char *from;
  gboolean executable;
} IcScaffoldFile;

static const IcScaffoldFile epnp_files[] = {
  { "@ID@.c", "plugin.c.in", FALSE },
  { "@ID@.json", "definition.json.in", FALSE },
  { "test-@ID@.sh", "test.sh.in", TRUE },
  { NULL, NULL, FALSE }
};

static const IcScaffoldFile table_files[] = {
  { "@ID@.c", "table/plugin.c.in", FALSE },
  { "@ID@.json", "table/definition.json.in", FALSE },
  { "tables/@TABLE@.json", "table/schema.json.in", FALSE },
  { "tables/meson.build", "table/meson.build.in", FALSE },
  { "test-@ID@.sh", "table/test.sh.in", TRUE },
  { "data/@TABLE@.csv", "table/data.csv.in", FALSE },
  { NULL, NULL, FALSE }
};

/* @text with every @KEY@ of @keys replaced by the value beside it. */
static char *
substitute (const char *text, const char *const *keys)
{
  char *result = g_strdup (text);
  for (guint i = 0; keys[i] != NULL; i += 2)
    {
      g_auto (GStrv) parts = g_strsplit (result, keys[i], -1);
      g_free (result);
      result = g_strjoinv (keys[i + 1], parts);
    }
  return result;
}

/* Writes @template, its @keys replaced, as @name of @dir (both may hold keys
 * too), making the folders it needs. */
static gboolean
write_file (const char *dir, const char *name, const char *template, const char *const *keys,
            gboolean executable, GError **error)
{
  g_autofree char *relative = substitute (name, keys);
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *text = substitute (template, keys);
  g_autoptr (GError) local = NULL;

  if (g_mkdir_with_parents (parent, 0755) != 0
      || !g_file_set_contents (path, text, -1, &local)
      || (executable && g_chmod (path, 0755) != 0))
    {
      g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_WRITE, "%s: %s", path,
                   local ? local->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* The template of @file, read from the scaffold's directory, written. */
static gboolean
write_template (const char *dir, const IcScaffoldFile *file, const char *const *keys, GError **error)
{
  g_autofree char *path = g_build_filename (ic_paths_scaffold (), file->from, NULL);
  g_autofree char *template = NULL;
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (path, &template, NULL, &local))
    {
      g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_WRITE, "%s", local->message);
      return FALSE;
    }
  return write_file (dir, file->name, template, keys, file->executable, error);
}

/* A sample data file for each table whose schema has a "sample": its
 * columns' header, then the sample's rows. */
static gboolean
write_samples (const char *data, GError **error)
{
  const IcTableRegistry *registry = ic_tables ();
  const char *const no_keys[] = { NULL };

  for (guint id = 0; id < ic_table_registry_size (registry); id++)
    {
      const IcTableSpec *spec = ic_table_registry_nth (registry, id);
      g_autoptr (GString) text = g_string_new (NULL);
      if (spec->sample == NULL)
        continue;
      for (guint c = 0; c < spec->n_columns; c++)
        g_string_append_printf (text, "%s%s", c > 0 ? ";" : "", spec->columns[c].name);
      g_string_append_c (text, '\n');
      for (guint i = 0; spec->sample[i] != NULL; i++)
        g_string_append_printf (text, "%s\n", spec->sample[i]);
      if (!write_file (data, spec->file, text->str, no_keys, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_names (const char *dir, const char *id, const char *table, GError **error)
{
  const IcTableRegistry *registry = ic_tables ();
  int known = table != NULL ? ic_table_registry_index (registry, table) : -1;

  if (!ic_id_is_valid (id))
    g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_BAD_ID, _("\"%s\": an indicator id is 1 to 64 characters of a-z, 0-9 and _"), id);
  else if (table != NULL && !ic_id_is_valid (table))
    g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_BAD_ID, _("\"%s\": a table name is 1 to 64 characters of a-z, 0-9 and _"), table);
  else if (known >= 0)
    g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_BAD_ID,
                 _("\"%s\" is a table of the engine (%s): a plugin's own table needs another name"), table,
                 ic_table_registry_path (registry, (guint) known));
  else if (g_file_test (dir, G_FILE_TEST_EXISTS))
    g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_EXISTS, _("%s already exists: nothing was written"), dir);
  else
    return TRUE;
  return FALSE;
}

char *
ic_scaffold_write (const char *parent, const char *id, const char *table, GError **error)
{
  g_autofree char *dir = g_build_filename (parent, id, NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  const IcScaffoldFile *files = table != NULL ? table_files : epnp_files;
  const char *const keys[] = {
    "@TABLES@", table != NULL ? meson_tables_line : "",
    "@TABLES_DEPENDS@", table != NULL ? ", schemas" : "",
    "@TABLES_README@", table != NULL ? ", and `tables/@TABLE@.json`" : "",
    "@TABLES_ITEM@", table != NULL ? table_readme : "",
    "@TABLE@", table != NULL ? table : "",
    "@ID@", id,
    NULL
  };

  if (!check_names (dir, id, table, error))
    return NULL;
  if (!write_file (dir, "meson.build", meson_template, keys, FALSE, error)
      || !write_file (dir, "README.md", readme_template, keys, FALSE, error))
    return NULL;
  for (guint i = 0; files[i].name != NULL; i++)
    if (!write_template (dir, &files[i], keys, error))
      return NULL;
  if (table == NULL && !write_samples (data, error))
    return NULL;
  return g_steal_pointer (&dir);
}

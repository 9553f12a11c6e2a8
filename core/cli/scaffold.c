/* scaffold.c: `indicore new-plugin ID` writes a plugin folder that builds
 * and tests out of the tree: source, definition and test from the templates
 * of scaffold/, meson.build, and data from the tables' schemas ("sample"). */
#include "scaffold.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "identifier.h"
#include "paths.h"
#include "table-registry.h"

G_DEFINE_QUARK (ic-scaffold-error-quark, ic_scaffold_error)

/* Every @ID@ is replaced by the plugin's id. */
static const char meson_template[] =
  "project('@ID@', 'c',\n"
  "  version: '0.1.0',\n"
  "  default_options: ['c_std=c11', 'warning_level=3'],\n"
  ")\n"
  "\n"
  "# The engine's plugin SDK: its header, and where its plugins live.\n"
  "sdk = dependency('indicore-plugin')\n"
  "plugindir = sdk.get_variable(pkgconfig: 'plugindir')\n"
  "\n"
  "plugin = shared_module('@ID@', '@ID@.c',\n"
  "  name_prefix: '',\n"
  "  dependencies: sdk,\n"
  "  gnu_symbol_visibility: 'hidden',\n"
  "  install: true,\n"
  "  install_dir: plugindir,\n"
  ")\n"
  "# The definition goes beside the plugin: the engine pairs them by id.\n"
  "install_data('@ID@.json', install_dir: plugindir)\n"
  "\n"
  "indicore = find_program('indicore')\n"
  "test('bundle', find_program('test-@ID@.sh'),\n"
  "  args: [indicore.full_path(), plugin.full_path(), meson.current_source_dir()],\n"
  "  depends: plugin,\n"
  ")\n";

static const char readme_template[] =
  "# @ID@: an indicore plugin\n"
  "\n"
  "Written by `indicore new-plugin @ID@`. Build, test and install it against the\n"
  "installed engine (its `indicore-plugin.pc` must be on `PKG_CONFIG_PATH`):\n"
  "\n"
  "    meson setup build && meson test -C build && meson install -C build\n"
  "\n"
  "or without meson:\n"
  "\n"
  "    cc -shared -fPIC -o @ID@.so @ID@.c $(pkg-config --cflags --libs indicore-plugin)\n"
  "\n"
  "Then `indicore run --plugins DIR ...` with `@ID@.so` and `@ID@.json` in DIR,\n"
  "or install both into the engine's plugin directory\n"
  "(`pkg-config --variable=plugindir indicore-plugin`).\n"
  "\n"
  "- `@ID@.c`: the computation, without prose; `@ID@.json`: the definition\n"
  "  (title, target when no contract framework names it, parameters, the French\n"
  "  sentence `text_fr` with `{num:singulier|pluriel}`, and the French `messages`\n"
  "  the code names by id in `warning_message`), editable without rebuilding;\n"
  "  its place in the SOLEN form is the frameworks' (frameworks/);\n"
  "- `data/`: a tiny data set, and `test-@ID@.sh` the figures expected on it.\n";

static gboolean
write_file (const char *dir, const char *name, const char *template, const char *id,
            gboolean executable, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_auto (GStrv) parts = g_strsplit (template, "@ID@", -1);
  g_autofree char *text = g_strjoinv (id, parts);
  g_autoptr (GError) local = NULL;

  if (!g_file_set_contents (path, text, -1, &local)
      || (executable && g_chmod (path, 0755) != 0))
    {
      g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_WRITE, "%s: %s", path,
                   local ? local->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* The template @name of the scaffold's directory (ic_paths_scaffold()),
 * written as @file of @dir, every @ID@ replaced. */
static gboolean
write_template (const char *dir, const char *file, const char *name, const char *id, gboolean executable,
                GError **error)
{
  g_autofree char *path = g_build_filename (ic_paths_scaffold (), name, NULL);
  g_autofree char *template = NULL;
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (path, &template, NULL, &local))
    {
      g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_WRITE, "%s", local->message);
      return FALSE;
    }
  return write_file (dir, file, template, id, executable, error);
}

/* A sample data file for each table whose schema has a "sample": its
 * columns' header, then the sample's rows. */
static gboolean
write_samples (const char *data, GError **error)
{
  const IcTableRegistry *registry = ic_tables ();

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
      if (!write_file (data, spec->file, text->str, "", FALSE, error))
        return FALSE;
    }
  return TRUE;
}

char *
ic_scaffold_write (const char *parent, const char *id, GError **error)
{
  g_autofree char *dir = g_build_filename (parent, id, NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *source = g_strconcat (id, ".c", NULL);
  g_autofree char *definition = g_strconcat (id, ".json", NULL);
  g_autofree char *test = g_strconcat ("test-", id, ".sh", NULL);

  if (!ic_id_is_valid (id))
    {
      g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_BAD_ID, _("\"%s\": an indicator id is 1 to 64 characters of a-z, 0-9 and _"), id);
      return NULL;
    }
  if (g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_EXISTS,
                   _("%s already exists: nothing was written"), dir);
      return NULL;
    }
  if (g_mkdir_with_parents (data, 0755) != 0)
    {
      g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_WRITE, "%s: %s", data, g_strerror (errno));
      return NULL;
    }
  if (!write_template (dir, source, "plugin.c.in", id, FALSE, error)
      || !write_template (dir, definition, "definition.json.in", id, FALSE, error)
      || !write_file (dir, "meson.build", meson_template, id, FALSE, error)
      || !write_template (dir, test, "test.sh.in", id, TRUE, error)
      || !write_file (dir, "README.md", readme_template, id, FALSE, error)
      || !write_samples (data, error))
    return NULL;
  return g_steal_pointer (&dir);
}

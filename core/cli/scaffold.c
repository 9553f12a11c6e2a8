/* scaffold.c: `indicore new-plugin ID` writes a plugin folder that builds
 * and tests out of the tree: source, definition, meson.build, data, test
 * (with --table, those of scaffold-table.c: a plugin with its own table). */
#include "scaffold.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "identifier.h"
#include "paths.h"

G_DEFINE_QUARK (ic-scaffold-error-quark, ic_scaffold_error)

/* Every @ID@ is replaced by the plugin's id. */
static const char source_template[] =
  "/* @ID@: distinct women with an early postnatal interview (EPNP) by the PMI\n"
  " * in the year, over the births of the year. Change the counting below to\n"
  " * your indicator's rule; see docs/writing-a-plugin.md of indicore.\n"
  " * No prose here: what a report says is French, written in @ID@.json\n"
  " * (text_fr, and the messages this code names by id). */\n"
  "#include <indicore/indicore-plugin.h>\n"
  "\n"
  "static gboolean\n"
  "compute (const IcApi *api, IcContext *ctx, GError **error)\n"
  "{\n"
  "  gint64 n = api->table_rows (ctx, \"pmi_acts\");\n"
  "  const guint16 *type = api->codes (ctx, \"pmi_acts\", \"act_type\");\n"
  "  const guint16 *provider = api->codes (ctx, \"pmi_acts\", \"provider\");\n"
  "  const gint32 *date = api->dates (ctx, \"pmi_acts\", \"act_date\");\n"
  "  const guint16 *territory = api->territories (ctx, \"pmi_acts\");\n"
  "  guint32 n_persons;\n"
  "  const guint32 *person = api->ids (ctx, \"pmi_acts\", \"person_id\", &n_persons);\n"
  "  IcDistinct *counted;\n"
  "  gint32 first, last;\n"
  "  gint64 elsewhere = 0;\n"
  "\n"
  "  if (!type || !provider || !date || !territory || !person)\n"
  "    {\n"
  "      /* The reason of an error goes into the report as it is: in French. */\n"
  "      g_set_error_literal (error, g_quark_from_static_string (\"@ID@\"), 1,\n"
  "                           \"il manque à pmi_acts une colonne que ce module lit\");\n"
  "      return FALSE;\n"
  "    }\n"
  "  api->period (ctx, &first, &last);\n"
  "  counted = api->distinct_new (ctx, n_persons);\n"
  "  for (gint64 i = 0; i < n; i++)\n"
  "    if (type[i] == IC_ACT_EPNP && date[i] >= first && date[i] <= last)\n"
  "      {\n"
  "        if (provider[i] == IC_PROVIDER_PMI)\n"
  "          api->distinct_add (counted, person[i], territory[i]);\n"
  "        else\n"
  "          elsewhere++;\n"
  "      }\n"
  "  if (elsewhere > 0)\n"
  "    {\n"
  "      /* A warning by its id in @ID@.json's \"messages\", with its count:\n"
  "       * the engine writes the French, singular or plural. */\n"
  "      const IcMessageParam params[] = { { \"n\", elsewhere } };\n"
  "      api->warning_message (ctx, \"not_by_pmi\", params, G_N_ELEMENTS (params));\n"
  "    }\n"
  "  /* Counts, denominator, strata by territory, not-available reasons: the engine's. */\n"
  "  api->finish_over_population (ctx, counted, \"births\");\n"
  "  return TRUE;\n"
  "}\n"
  "\n"
  "static const char *const tables[] = { \"pmi_acts\", NULL };\n"
  "static const char *const populations[] = { \"births\", NULL };\n"
  "\n"
  "IC_PLUGIN_DEFINE (\"@ID@\", \"0.1.0\", tables, populations, compute)\n";

static const char definition_template[] =
  "{\n"
  "  \"id\": \"@ID@\",\n"
  "  \"version\": \"0.1.0\",\n"
  "  \"title\": \"Taux de couverture des EPNP réalisés par la PMI (@ID@)\",\n"
  "  \"description\": \"Part des naissances de l'année dont la mère a eu son entretien postnatal précoce (EPNP) avec la PMI.\",\n"
  "  \"period\": \"calendar_year\",\n"
  "  \"unit\": \"%\",\n"
  "  \"target\": null,\n"
  "  \"parameters\": {},\n"
  "  \"numerator\": \"les femmes distinctes ayant au moins un EPNP réalisé par la PMI dans l'année\",\n"
  "  \"denominator\": \"les naissances de l'année : populations.csv, ou à défaut births.csv\",\n"
  "  \"text_fr\": \"{num} {num:femme a|femmes ont} bénéficié d'un EPNP réalisé par la PMI en {Y} sur {den} {den:naissance|naissances}, soit {value} %\",\n"
  "  \"messages\": {\n"
  "    \"not_by_pmi\": {\n"
  "      \"one\": \"{n} EPNP de l'année réalisé par un autre acteur que la PMI n'est pas compté\",\n"
  "      \"other\": \"{n} EPNP de l'année réalisés par un autre acteur que la PMI ne sont pas comptés\"\n"
  "    }\n"
  "  }\n"
  "}\n";

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

static const char test_template[] =
  "#!/bin/sh\n"
  "# Runs the engine with this plugin on data/ and checks the figures worked\n"
  "# out by hand: 1 woman (two EPNP by the PMI in 2024; one by a maternity\n"
  "# does not count, and is said in a warning) over 3 births of 2024 = 33.3 %.\n"
  "set -eu\n"
  "indicore=$1 plugin=$2 source=$3\n"
  "dir=$(mktemp -d)\n"
  "trap 'rm -rf \"$dir\"' EXIT\n"
  "mkdir \"$dir/plugins\"\n"
  "cp \"$plugin\" \"$source/@ID@.json\" \"$dir/plugins/\"\n"
  "\"$indicore\" run --data \"$source/data\" --year 2024 --department 23 \\\n"
  "  --plugins \"$dir/plugins\" --only @ID@ --out \"$dir/bundle.json\"\n"
  "grep -q '\"numerator\": 1,' \"$dir/bundle.json\"\n"
  "grep -q '\"denominator\": 3,' \"$dir/bundle.json\"\n"
  "grep -q '\"value\": 33.3,' \"$dir/bundle.json\"\n"
  "grep -q '\"1 EPNP de l.année réalisé par un autre acteur que la PMI n.est pas compté\"' \"$dir/bundle.json\"\n"
  "echo \"@ID@: 1/3 = 33.3 % as expected\"\n";

static const char births_template[] =
  "birth_id;birth_date;territory\n"
  "B1;10/01/2024;Nord\n"
  "B2;05/03/2024;Nord\n"
  "B3;20/07/2024;Sud\n";

static const char acts_template[] =
  "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\n"
  "A1;EPNP;01/02/2024;W1;;PMI;SF;Nord\n"
  "A2;EPNP;01/03/2024;W1;;PMI;SF;Nord\n"
  "A3;EPNP;01/08/2024;W2;;MATERNITY;SF;Sud\n";

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

static const IcScaffoldFile epnp_files[] = {
  { "@ID@.c", source_template, FALSE },
  { "@ID@.json", definition_template, FALSE },
  { "test-@ID@.sh", test_template, TRUE },
  { "data/births.csv", births_template, FALSE },
  { "data/pmi_acts.csv", acts_template, FALSE },
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

static gboolean
write_file (const char *dir, const IcScaffoldFile *file, const char *const *keys, GError **error)
{
  g_autofree char *name = substitute (file->name, keys);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *text = substitute (file->template, keys);
  g_autoptr (GError) local = NULL;

  if (g_mkdir_with_parents (parent, 0755) != 0
      || !g_file_set_contents (path, text, -1, &local)
      || (file->executable && g_chmod (path, 0755) != 0))
    {
      g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_WRITE, "%s: %s", path,
                   local ? local->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_names (const char *dir, const char *id, const char *table, GError **error)
{
  g_autofree char *engine_table = table ? g_strconcat (table, ".json", NULL) : NULL;
  g_autofree char *engine_path = table ? g_build_filename (ic_paths_builtin_tables (), engine_table, NULL) : NULL;

  if (!ic_id_is_valid (id))
    g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_BAD_ID, _("\"%s\": an indicator id is 1 to 64 characters of a-z, 0-9 and _"), id);
  else if (table != NULL && !ic_id_is_valid (table))
    g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_BAD_ID, _("\"%s\": a table name is 1 to 64 characters of a-z, 0-9 and _"), table);
  else if (table != NULL && g_file_test (engine_path, G_FILE_TEST_EXISTS))
    g_set_error (error, IC_SCAFFOLD_ERROR, IC_SCAFFOLD_ERROR_BAD_ID,
                 _("\"%s\" is a table of the engine (%s): a plugin's own table needs another name"), table, engine_path);
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
  const IcScaffoldFile *files = table != NULL ? ic_scaffold_table_files : epnp_files;
  const char *const keys[] = {
    "@TABLES@", table != NULL ? meson_tables_line : "",
    "@TABLES_DEPENDS@", table != NULL ? ", schemas" : "",
    "@TABLES_README@", table != NULL ? ", and `tables/@TABLE@.json`" : "",
    "@TABLES_ITEM@", table != NULL ? ic_scaffold_table_readme : "",
    "@TABLE@", table != NULL ? table : "",
    "@ID@", id,
    NULL
  };
  const IcScaffoldFile common[] = {
    { "meson.build", meson_template, FALSE },
    { "README.md", readme_template, FALSE },
    { NULL, NULL, FALSE }
  };

  if (!check_names (dir, id, table, error))
    return NULL;
  for (guint i = 0; common[i].name != NULL; i++)
    if (!write_file (dir, &common[i], keys, error))
      return NULL;
  for (guint i = 0; files[i].name != NULL; i++)
    if (!write_file (dir, &files[i], keys, error))
      return NULL;
  return g_steal_pointer (&dir);
}

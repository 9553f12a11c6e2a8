/* scaffold-table.c: the files of `indicore new-plugin ID --table NAME`, a
 * plugin bringing its own table: its schema tables/NAME.json, a sample
 * NAME.csv, and a rate over it whose figures the test checks by hand. */
#include "scaffold.h"

/* @ID@ is the plugin's id, @TABLE@ its table's name. */
static const char source_template[] =
  "/* @ID@: the share of the records of @TABLE@ dated in the indicator's\n"
  " * period whose outcome is DONE, by territory. The table is this plugin's\n"
  " * own: tables/@TABLE@.json declares its columns and their kinds, and the\n"
  " * engine validates @TABLE@.csv against it before calling compute. Change\n"
  " * the schema, the sample data and the counting below to your indicator's;\n"
  " * see « Bringing your own data » in docs/writing-a-plugin.md of indicore.\n"
  " * No prose here: what a report says is French, written in @ID@.json. */\n"
  "#include <indicore/indicore-plugin.h>\n"
  "\n"
  "/* A code's value is its place in the schema's \"codes\" plus one (0: empty). */\n"
  "enum { OUTCOME_DONE = 1, OUTCOME_NOT_DONE = 2 };\n"
  "\n"
  "static gboolean\n"
  "compute (const IcApi *api, IcContext *ctx, GError **error)\n"
  "{\n"
  "  gint64 n = api->table_rows (ctx, \"@TABLE@\");\n"
  "  const gint32 *date = api->dates (ctx, \"@TABLE@\", \"record_date\");\n"
  "  const guint16 *outcome = api->codes (ctx, \"@TABLE@\", \"outcome\");\n"
  "  const guint16 *territory = api->territories (ctx, \"@TABLE@\");\n"
  "  guint n_territories = api->n_territories (ctx);\n"
  "  g_autofree gint64 *done = g_new0 (gint64, n_territories);\n"
  "  g_autofree gint64 *all = g_new0 (gint64, n_territories);\n"
  "  gint64 total_done = 0, total = 0;\n"
  "  gint32 first, last;\n"
  "\n"
  "  if (!date || !outcome || !territory)\n"
  "    {\n"
  "      /* The reason of an error goes into the report as it is: in French. */\n"
  "      g_set_error_literal (error, g_quark_from_static_string (\"@ID@\"), 1,\n"
  "                           \"il manque à @TABLE@ une colonne que ce module lit\");\n"
  "      return FALSE;\n"
  "    }\n"
  "  api->period (ctx, &first, &last);\n"
  "  for (gint64 i = 0; i < n; i++)\n"
  "    if (date[i] >= first && date[i] <= last)\n"
  "      {\n"
  "        gint64 counted = outcome[i] == OUTCOME_DONE;\n"
  "        total++;\n"
  "        total_done += counted;\n"
  "        all[territory[i]]++;\n"
  "        done[territory[i]] += counted;\n"
  "      }\n"
  "  /* Both counts come from records: the engine checks them, rounds, hides\n"
  "   * small territories and says « not available » when the total is 0. */\n"
  "  api->set_counts (ctx, total_done, total);\n"
  "  for (guint t = 1; t < n_territories; t++)\n"
  "    if (all[t] > 0)\n"
  "      api->add_stratum (ctx, (guint16) t, done[t], all[t]);\n"
  "  return TRUE;\n"
  "}\n"
  "\n"
  "static const char *const tables[] = { \"@TABLE@\", NULL };\n"
  "\n"
  "IC_PLUGIN_DEFINE (\"@ID@\", \"0.1.0\", tables, NULL, compute)\n";

static const char definition_template[] =
  "{\n"
  "  \"id\": \"@ID@\",\n"
  "  \"version\": \"0.1.0\",\n"
  "  \"title\": \"Part des enregistrements de @TABLE@ dont l'issue est DONE (@ID@)\",\n"
  "  \"description\": \"Part des enregistrements de l'année, dans @TABLE@.csv, dont la colonne outcome vaut DONE.\",\n"
  "  \"period\": \"calendar_year\",\n"
  "  \"unit\": \"%\",\n"
  "  \"target\": null,\n"
  "  \"parameters\": {},\n"
  "  \"numerator\": \"les enregistrements de @TABLE@ datés de l'année dont l'issue (outcome) est DONE\",\n"
  "  \"denominator\": \"les enregistrements de @TABLE@ datés de l'année\",\n"
  "  \"text_fr\": \"{num} {num:enregistrement|enregistrements} de @TABLE@ sur {den} en {Y} {num:a|ont} l'issue DONE, soit {value} %\"\n"
  "}\n";

/* Column kinds: docs/tables.md. */
static const char schema_template[] =
  "{\n"
  "  \"name\": \"@TABLE@\",\n"
  "  \"file\": \"@TABLE@.csv\",\n"
  "  \"columns\": [\n"
  "    {\"name\": \"record_id\", \"kind\": \"row_id\", \"required\": true},\n"
  "    {\"name\": \"person_id\", \"kind\": \"person_id\", \"required\": true},\n"
  "    {\"name\": \"record_date\", \"kind\": \"date\", \"required\": true},\n"
  "    {\"name\": \"outcome\", \"kind\": \"code\", \"required\": true, \"codes\": [\"DONE\", \"NOT_DONE\"]},\n"
  "    {\"name\": \"territory\", \"kind\": \"territory\"}\n"
  "  ]\n"
  "}\n";

static const char tables_meson_template[] =
  "# Copies the schema beside the plugin in the build directory (build/tables/)\n"
  "# and installs it into the plugin directory's tables/.\n"
  "schemas = [fs.copyfile('@TABLE@.json', install: true, install_dir: plugindir / 'tables')]\n";

static const char data_template[] =
  "record_id;person_id;record_date;outcome;territory\n"
  "R1;P1;15/01/2024;DONE;Nord\n"
  "R2;P1;20/03/2024;NOT_DONE;Nord\n"
  "R3;P2;05/06/2024;DONE;Sud\n"
  "R4;P3;31/12/2024;NOT_DONE;Sud\n"
  "R5;P4;01/01/2025;DONE;Nord\n"
  "R6;P5;10/10/2024;DONE;\n";

static const char test_template[] =
  "#!/bin/sh\n"
  "# Runs the engine with this plugin, from its build directory (the plugin,\n"
  "# its definition and tables/@TABLE@.json), on data/@TABLE@.csv and checks\n"
  "# the figures worked out by hand. The records of 2024: R1, R2, R3, R4 (31\n"
  "# December is in 2024) and R6 (no territory: in the total only) = 5; R5 is\n"
  "# of 2025. Those whose outcome is DONE: R1, R3, R6 = 3. 3/5 = 60.0 %.\n"
  "set -eu\n"
  "indicore=$1 plugin=$2 source=$3\n"
  "dir=$(mktemp -d)\n"
  "trap 'rm -rf \"$dir\"' EXIT\n"
  "\"$indicore\" run --data \"$source/data\" --year 2024 --department 23 \\\n"
  "  --plugins \"$(dirname \"$plugin\")\" --only @ID@ --out \"$dir/bundle.json\"\n"
  "grep -q '\"numerator\": 3,' \"$dir/bundle.json\"\n"
  "grep -q '\"denominator\": 5,' \"$dir/bundle.json\"\n"
  "grep -q '\"value\": 60,' \"$dir/bundle.json\"\n"
  "echo \"@ID@: 3/5 = 60.0 % as expected\"\n";

const char ic_scaffold_table_readme[] =
  "- `tables/@TABLE@.json`: the schema of the plugin's own table (its file\n"
  "  `@TABLE@.csv`, its columns and their kinds), installed into the plugin\n"
  "  directory's `tables/` (`INDICORE_PLUGIN_PATH=build indicore validate --data data`\n"
  "  checks a data set against it);\n";

const IcScaffoldFile ic_scaffold_table_files[] = {
  { "@ID@.c", source_template, FALSE },
  { "@ID@.json", definition_template, FALSE },
  { "tables/@TABLE@.json", schema_template, FALSE },
  { "tables/meson.build", tables_meson_template, FALSE },
  { "test-@ID@.sh", test_template, TRUE },
  { "data/@TABLE@.csv", data_template, FALSE },
  { NULL, NULL, FALSE }
};

/* test-table-schema.c: the input tables' schema files (tables/NAME.json,
 * docs/tables.md): the built-in ones read as the public header numbers
 * their codes, and one broken file per mistake, refused with the file and
 * the member named. */
#include <string.h>

#include "indicore/indicore-plugin.h"
#include "table-schema.h"
#include "table-registry.h"
#include "test-util.h"

/* The codes of pmi_acts take the fixed values of indicore-plugin.h: their
 * place in the schema file's list, plus one. */
static void
test_builtin_codes (void)
{
  const IcTableSpec *acts = ic_table_spec ("pmi_acts");
  const IcColumnSpec *type = &acts->columns[ic_table_spec_column (acts, "act_type")];
  const IcColumnSpec *provider = &acts->columns[ic_table_spec_column (acts, "provider")];
  const IcColumnSpec *professional = &acts->columns[ic_table_spec_column (acts, "professional")];

  g_assert_cmpstr (acts->file, ==, "pmi_acts.csv");
  g_assert_cmpuint (acts->n_columns, ==, 8);
  g_assert_cmpint (type->kind, ==, IC_COLUMN_KIND_CODE);
  g_assert_true (type->codes_open);
  g_assert_cmpstr (type->codes[IC_ACT_EPP - 1], ==, "EPP");
  g_assert_cmpstr (type->codes[IC_ACT_CONSULTATION_CHILD - 1], ==, "CONSULTATION_CHILD");
  g_assert_null (type->codes[IC_ACT_FIRST_OTHER - 1]);
  g_assert_false (provider->codes_open);
  g_assert_cmpstr (provider->codes[IC_PROVIDER_OTHER - 1], ==, "OTHER");
  g_assert_cmpstr (professional->codes[IC_PROFESSIONAL_MED - 1], ==, "MED");
  g_assert_false (professional->required);
  /* The row rule: a child act not before the child's birth. */
  g_assert_cmpuint (acts->n_rules, ==, 1);
  g_assert_cmpint (acts->rules[0].kind, ==, IC_ROW_RULE_NOT_BEFORE);
  g_assert_cmpstr (acts->rules[0].when, ==, "act_type");
  g_assert_cmpuint (g_strv_length ((char **) acts->rules[0].when_codes), ==, 3);
  /* populations: texts of a form, and a unique key of three columns. */
  g_assert_cmpint (ic_table_spec ("populations")->columns[1].text_form, ==, IC_TEXT_PERIOD);
  g_assert_cmpint (ic_table_spec ("populations")->rules[0].kind, ==, IC_ROW_RULE_UNIQUE_KEY);
  /* A plugin's table (plugins/tables/) is not the engine's. */
  g_assert_null (ic_table_spec ("bsem_referrals"));
  g_assert_null (ic_table_spec ("nope"));
}

#define COLUMNS "\"columns\": [ { \"name\": \"x_id\", \"kind\": \"row_id\", \"required\": true }, " \
                "{ \"name\": \"day\", \"kind\": \"date\" }, { \"name\": \"type\", \"kind\": \"code\", \"codes\": [\"A\", \"B\"] } ]"

typedef struct {
  const char *path;
  const char *text;
  const char *message;
} Broken;

static const Broken broken[] = {
  { "/table-schema/refuse/syntax", "{ \"name\": \"x\", ", "x.json:1:" },
  { "/table-schema/refuse/unknown-member", "{ \"name\": \"x\", \"file\": \"x.csv\", \"colums\": [] }",
    "x.json: member \"colums\": unknown member (a typo?)" },
  { "/table-schema/refuse/no-columns", "{ \"name\": \"x\", \"file\": \"x.csv\" }", "x.json: member \"columns\": missing" },
  { "/table-schema/refuse/file-not-csv", "{ \"name\": \"x\", \"file\": \"x.txt\", " COLUMNS " }",
    "x.json: member \"file\": expected a file name ending in .csv" },
  { "/table-schema/refuse/kind", "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"n\", \"kind\": \"number\" } ] }",
    "x.json: member \"columns[0].kind\": \"number\" is none of row_id, person_id, date, code, territory, integer, text, "
    "decimal, yes_no, free_text" },
  { "/table-schema/refuse/decimal-without-places",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"w\", \"kind\": \"decimal\" } ] }",
    "x.json: member \"columns[0]\": a decimal column says its number of decimals (\"places\")" },
  { "/table-schema/refuse/places-7",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"w\", \"kind\": \"decimal\", \"places\": 7 } ] }",
    "x.json: member \"columns[0].places\": more than 6 decimals" },
  { "/table-schema/refuse/places-negative",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"w\", \"kind\": \"decimal\", \"places\": -1 } ] }",
    "x.json: member \"columns[0].places\": a count cannot be negative" },
  { "/table-schema/refuse/places-of-an-integer",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"n\", \"kind\": \"integer\", \"places\": 2 } ] }",
    "x.json: member \"columns[0]\": \"places\" belongs to a decimal column" },
  { "/table-schema/refuse/together-free-text",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"d\", \"kind\": \"date\" }, "
    "{ \"name\": \"note\", \"kind\": \"free_text\" } ], \"rules\": [ { \"kind\": \"together\", \"message\": \"m\", "
    "\"column\": \"d\", \"other\": \"note\" } ] }",
    "x.json: member \"rules[0].other\": column \"note\" is of a kind this rule does not take" },
  { "/table-schema/refuse/required-not-boolean",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"n\", \"kind\": \"date\", \"required\": \"yes\" } ] }",
    "x.json: member \"columns[0].required\": expected true or false" },
  { "/table-schema/refuse/code-without-codes",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"t\", \"kind\": \"code\" } ] }",
    "x.json: member \"columns[0]\": a code column lists its codes (\"codes\")" },
  { "/table-schema/refuse/code-lower-case",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"t\", \"kind\": \"code\", \"codes\": [\"A\", \"b\"] } ] }",
    "x.json: member \"columns[0].codes[1]\": expected a code of A-Z, 0-9 and _" },
  { "/table-schema/refuse/codes-of-a-date",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"d\", \"kind\": \"date\", \"open\": true } ] }",
    "x.json: member \"columns[0]\": \"codes\" and \"open\" belong to a code column" },
  { "/table-schema/refuse/column-twice",
    "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ { \"name\": \"d\", \"kind\": \"date\" }, { \"name\": \"d\", \"kind\": \"date\" } ] }",
    "x.json: member \"columns[1]\": a second column named \"d\"" },
  { "/table-schema/refuse/rule-unknown-column",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"rules\": [ { \"kind\": \"not_before\", \"message\": \"m\", "
    "\"column\": \"day\", \"other\": \"night\" } ] }",
    "x.json: member \"rules[0].other\": no column \"night\" in the table" },
  { "/table-schema/refuse/rule-wrong-kind",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"rules\": [ { \"kind\": \"not_before\", \"message\": \"m\", "
    "\"column\": \"day\", \"other\": \"type\" } ] }",
    "x.json: member \"rules[0].other\": column \"type\" is of a kind this rule does not take" },
  { "/table-schema/refuse/rule-when-code",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"rules\": [ { \"kind\": \"not_before\", \"message\": \"m\", "
    "\"column\": \"day\", \"other\": \"day\", \"when\": \"type\", \"when_codes\": [\"C\"] } ] }",
    "x.json: member \"rules[0]\": \"C\" is not a code of column \"type\"" },
  { "/table-schema/refuse/rule-key",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"rules\": [ { \"kind\": \"unique_key\", \"message\": \"m\", "
    "\"key\": [\"day\"] } ] }",
    "x.json: member \"rules[0]\": key column \"day\" is not a text or territory column of the table" },
  /* The members saying what the core does with a table (docs/tables.md). */
  { "/table-schema/refuse/role",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"role\": \"populations\" }",
    "x.json: member \"role\": \"populations\" is none of reference_populations" },
  { "/table-schema/refuse/role-columns",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"role\": \"reference_populations\" }",
    "x.json: member \"role\": a table of role \"reference_populations\" has a text column \"population\"" },
  { "/table-schema/refuse/dated-by-code",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"dated_by\": \"type\" }",
    "x.json: member \"dated_by\": no date or period column \"type\" in the table" },
  { "/table-schema/refuse/words-empty",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"words\": \"\" }",
    "x.json: member \"words\"" },
  { "/table-schema/refuse/denominator-date",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"denominators\": [ { \"name\": \"p\", \"words\": \"les p\", "
    "\"number_words\": \"le nombre de p\", \"date\": \"type\" } ] }",
    "x.json: member \"denominators[0]\": \"date\": no date column \"type\" in the table" },
  { "/table-schema/refuse/denominator-years-without-date",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"denominators\": [ { \"name\": \"p\", \"words\": \"les p\", "
    "\"number_words\": \"le nombre de p\", \"years\": 2 } ] }",
    "x.json: member \"denominators[0]\": \"years\" (1 to 100) goes with \"date\"" },
  { "/table-schema/refuse/denominator-no-words",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"denominators\": [ { \"name\": \"p\" } ] }",
    "x.json: member \"denominators[0].words\": missing" },
  { "/table-schema/refuse/sample-fields",
    "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS ", \"sample\": [\"X1;2024-01-01;A\", \"X2;2024-01-01\"] }",
    "x.json: member \"sample[1]\": expected 3 fields separated by ;, one per column" },
};

static void
test_refuse (gconstpointer data)
{
  const Broken *b = data;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = ic_test_write (dir, "x.json", b->text);
  g_autoptr (GError) error = NULL;
  IcTableSpec *spec = ic_table_spec_load (path, &error);

  g_assert_null (spec);
  g_assert_error (error, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, b->message))
    g_error ("\"%s\" does not begin with \"%s\"", error->message, b->message);
  ic_test_rmtree (dir);
}

/* The members of the engine's schemas that replace what the core once
 * knew of particular tables. */
static void
test_builtin_uses (void)
{
  const IcTableSpec *births = ic_table_spec ("births");
  const IcPopulationSpec *under_2 = NULL;
  const IcTableSpec *in = NULL;

  g_assert_true (ic_table_spec ("populations")->populations_role);
  g_assert_false (births->populations_role);
  g_assert_true (ic_table_registry_reference (ic_tables ()) == ic_table_spec ("populations"));
  g_assert_cmpstr (births->dated_by, ==, "birth_date");
  g_assert_cmpstr (ic_table_spec ("populations")->dated_by, ==, "period");
  g_assert_cmpstr (ic_table_spec ("pmi_acts")->words, ==, "les actes de la PMI");
  /* children_under_2: births of the year and of the one before. */
  under_2 = ic_table_registry_population (ic_tables (), "children_under_2", &in);
  g_assert_true (in == births);
  g_assert_cmpstr (under_2->date, ==, "birth_date");
  g_assert_cmpuint (under_2->years, ==, 2);
  g_assert_cmpuint (ic_table_registry_population (ic_tables (), "births", NULL)->years, ==, 1);
  /* enrolled_3_4 is named (its words) but derived from nothing. */
  g_assert_null (ic_table_registry_population (ic_tables (), "enrolled_3_4", &in)->date);
  g_assert_true (in == ic_table_spec ("populations"));
  g_assert_null (ic_table_registry_population (ic_tables (), "nope", NULL));
  g_assert_cmpuint (g_strv_length ((char **) births->sample), ==, 3);
}

/* ---- The registry: the engine's directory, then plugin directories ---- */

#define SCHEMA_X "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS " }"

/* Two directories, each holding tables/-like files: a registry of its own. */
static IcTableRegistry *
registry_of (const char *first, const char *second)
{
  IcTableRegistry *registry = ic_table_registry_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (ic_table_registry_add_directory (registry, first, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (ic_table_registry_add_directory (registry, second, TRUE, &error));
  g_assert_no_error (error);
  return registry;
}

/* The same table twice, members in another order and spaced otherwise:
 * one table, no refusal. */
static void
test_registry_same_twice (void)
{
  g_autofree char *a = ic_test_tmpdir ();
  g_autofree char *b = ic_test_tmpdir ();
  g_autoptr (IcTableRegistry) registry = NULL;

  g_free (ic_test_write (a, "x.json", SCHEMA_X));
  g_free (ic_test_write (b, "x.json", "{ " COLUMNS ",\n  \"file\": \"x.csv\", \"name\": \"x\" }"));
  g_free (ic_test_write (b, "y.json", "{ \"name\": \"y\", \"file\": \"y.csv\", " COLUMNS " }"));
  registry = registry_of (a, b);
  /* x from a, then y from b: in order. */
  g_assert_cmpuint (ic_table_registry_size (registry), ==, 2);
  g_assert_cmpstr (ic_table_registry_nth (registry, 0)->name, ==, "x");
  g_assert_cmpstr (ic_table_registry_nth (registry, 1)->name, ==, "y");
  g_assert_true (g_str_has_prefix (ic_table_registry_path (registry, 0), a));
  g_assert_null (ic_table_registry_refusal (registry, "x", FALSE));
  ic_test_rmtree (a);
  ic_test_rmtree (b);
}

/* The same name, another schema (one code more): the first stays, the name
 * is refused with both files named, in English and in French. */
static void
test_registry_different (void)
{
  g_autofree char *a = ic_test_tmpdir ();
  g_autofree char *b = ic_test_tmpdir ();
  g_autofree char *first = g_build_filename (a, "x.json", NULL);
  g_autofree char *second = g_build_filename (b, "x.json", NULL);
  g_autofree char *english = NULL, *french = NULL;
  g_autoptr (IcTableRegistry) registry = NULL;

  g_free (ic_test_write (a, "x.json", SCHEMA_X));
  g_free (ic_test_write (b, "x.json", "{ \"name\": \"x\", \"file\": \"x.csv\", \"columns\": [ "
                                      "{ \"name\": \"x_id\", \"kind\": \"row_id\", \"required\": true }, "
                                      "{ \"name\": \"day\", \"kind\": \"date\" }, { \"name\": \"type\", "
                                      "\"kind\": \"code\", \"codes\": [\"A\", \"B\", \"C\"] } ] }"));
  registry = registry_of (a, b);
  g_assert_cmpuint (ic_table_registry_size (registry), ==, 1);
  english = g_strdup_printf ("two different schemas of table \"x\": %s and %s", first, second);
  french = g_strdup_printf ("deux schémas différents de la table « x » : %s et %s", first, second);
  g_assert_cmpstr (ic_table_registry_refusal (registry, "x", FALSE), ==, english);
  g_assert_cmpstr (ic_table_registry_refusal (registry, "x", TRUE), ==, french);
  ic_test_rmtree (a);
  ic_test_rmtree (b);
}

/* An invalid schema in the second directory: nothing of it is added. */
static void
test_registry_invalid (void)
{
  g_autofree char *a = ic_test_tmpdir ();
  g_autofree char *b = ic_test_tmpdir ();
  g_autoptr (IcTableRegistry) registry = ic_table_registry_new ();
  g_autoptr (GError) error = NULL;

  g_free (ic_test_write (a, "x.json", SCHEMA_X));
  g_free (ic_test_write (b, "a.json", "{ \"name\": \"a\", \"file\": \"a.csv\", " COLUMNS " }"));
  g_free (ic_test_write (b, "z.json", "{ \"name\": \"z\", "));
  g_assert_true (ic_table_registry_add_directory (registry, a, FALSE, &error));
  g_assert_false (ic_table_registry_add_directory (registry, b, TRUE, &error));
  g_assert_error (error, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "z.json:1:"));
  g_assert_cmpuint (ic_table_registry_size (registry), ==, 1);
  g_assert_null (ic_table_registry_lookup (registry, "a"));
  ic_test_rmtree (a);
  ic_test_rmtree (b);
}

/* A schema whose name is not its file's. */
static void
test_registry_misnamed (void)
{
  g_autofree char *a = ic_test_tmpdir ();
  g_autoptr (IcTableRegistry) registry = ic_table_registry_new ();
  g_autoptr (GError) error = NULL;

  g_free (ic_test_write (a, "w.json", SCHEMA_X));
  g_assert_false (ic_table_registry_add_directory (registry, a, TRUE, &error));
  g_assert_error (error, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "w.json: member \"name\": expected \"w\", the file's name");
  ic_test_rmtree (a);
}

/* A plugin directory without tables/ adds nothing, and is no error. */
static void
test_registry_no_folder (void)
{
  g_autoptr (IcTableRegistry) registry = ic_table_registry_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (ic_table_registry_add_directory (registry, "/nonexistent/tables", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ic_table_registry_size (registry), ==, 0);
  g_assert_false (ic_table_registry_add_directory (registry, "/nonexistent/tables", FALSE, &error));
  g_assert_nonnull (error);
}

/* A valid file of one's own, read whole: the three columns and no rule. */
static void
test_own_table (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = ic_test_write (dir, "x.json", "{ \"name\": \"x\", \"file\": \"x.csv\", " COLUMNS " }");
  g_autoptr (GError) error = NULL;
  IcTableSpec *spec = ic_table_spec_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (spec->name, ==, "x");
  g_assert_cmpuint (spec->n_columns, ==, 3);
  g_assert_true (spec->columns[0].required);
  g_assert_cmpint (spec->columns[1].kind, ==, IC_COLUMN_KIND_DATE);
  g_assert_cmpstr (spec->columns[2].codes[1], ==, "B");
  g_assert_cmpuint (spec->n_rules, ==, 0);
  ic_table_spec_free (spec);
  ic_test_rmtree (dir);
}

/* A directory without the built-in files: the first one missing is named
 * (the schemas already loaded stay as they are). */
static void
test_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "births.json", NULL);
  IcTableSpec *spec = ic_table_spec_load (path, &error);

  g_assert_null (spec);
  g_assert_error (error, IC_TABLE_SCHEMA_ERROR, IC_TABLE_SCHEMA_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "births.json"));
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/table-schema/builtin/codes", test_builtin_codes);
  g_test_add_func ("/table-schema/builtin/uses", test_builtin_uses);
  g_test_add_func ("/table-schema/own-table", test_own_table);
  g_test_add_func ("/table-schema/registry/same-twice", test_registry_same_twice);
  g_test_add_func ("/table-schema/registry/different", test_registry_different);
  g_test_add_func ("/table-schema/registry/invalid", test_registry_invalid);
  g_test_add_func ("/table-schema/registry/misnamed", test_registry_misnamed);
  g_test_add_func ("/table-schema/registry/no-folder", test_registry_no_folder);
  g_test_add_func ("/table-schema/refuse/missing-file", test_missing_file);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    g_test_add_data_func (broken[i].path, &broken[i], test_refuse);
  return g_test_run ();
}

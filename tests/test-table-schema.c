/* test-table-schema.c: the input tables' schema files (tables/NAME.json,
 * docs/tables.md): the built-in ones read as the public header numbers
 * their codes, and one broken file per mistake, refused with the file and
 * the member named. */
#include <string.h>

#include "indicore/indicore-plugin.h"
#include "table-schema.h"
#include "test-util.h"

/* The codes of pmi_acts take the fixed values of indicore-plugin.h: their
 * place in the schema file's list, plus one. */
static void
test_builtin_codes (void)
{
  const IcTableSpec *acts = ic_table_spec (IC_TABLE_PMI_ACTS);
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
  g_assert_cmpint (ic_table_spec (IC_TABLE_POPULATIONS)->columns[1].text_form, ==, IC_TEXT_PERIOD);
  g_assert_cmpint (ic_table_spec (IC_TABLE_POPULATIONS)->rules[0].kind, ==, IC_ROW_RULE_UNIQUE_KEY);
  g_assert_cmpint (ic_table_id_from_name ("bsem_referrals"), ==, IC_TABLE_BSEM_REFERRALS);
  g_assert_cmpint (ic_table_id_from_name ("nope"), ==, -1);
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
  g_test_add_func ("/table-schema/own-table", test_own_table);
  g_test_add_func ("/table-schema/refuse/missing-file", test_missing_file);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    g_test_add_data_func (broken[i].path, &broken[i], test_refuse);
  return g_test_run ();
}

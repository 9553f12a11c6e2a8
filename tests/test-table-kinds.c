/* test-table-kinds.c: the column kinds integer (formerly count), decimal,
 * yes/no and free text (docs/tables.md) read from files: each kind's valid
 * forms, one file per way a value is refused, both halves of a file read in
 * two threads, and free text found nowhere: not in a column, a problem, a
 * reason set aside nor a bundle.
 *
 * The table is tests/fixtures/kinds/kinds.json, loaded by main() beside
 * a copy of the built-in schemas and found by its name. */

#include "table.h"
#include "table-columns.h"
#include "test-util.h"

#include <string.h>
#include <glib/gstdio.h>

#define NBSP "\xc2\xa0"      /* U+00A0 */
#define NNBSP "\xe2\x80\xaf" /* U+202F */

#define KINDS "kinds"

#define BAD_INTEGER "not a whole number (expected digits, optionally grouped by thousands with spaces; no sign)"
#define BAD_DECIMAL "not a decimal number (expected digits, with . or , before the decimals; no sign, no thousands separator)"
#define BAD_YES_NO "neither yes nor no (expected oui/non, o/n, 1/0, true/false, yes/no or vrai/faux)"


static IcTable *
read_kinds (IcTableFixture *f, const char *content, gboolean lenient, const IcInputOptions *options, GError **error)
{
  g_autofree char *path = ic_test_write (f->dir, "kinds.csv", content);
  return ic_table_read (ic_table_spec (KINDS), path, f->territories, lenient, options, f->problems, error);
}

static IcTable *
read_ok (IcTableFixture *f, const char *content)
{
  g_autoptr (GError) error = NULL;
  IcTable *table = read_kinds (f, content, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  if (ic_problems_count (f->problems) > 0)
    g_error ("unexpected problems: %s", ic_problems_to_string (f->problems));
  return table;
}

/* ------------------------------------------------------------------ */
/* Valid forms. */

/* The schema: "count" read as integer, a decimal's places. */
static void
test_schema (void)
{
  const IcTableSpec *spec = ic_table_spec (KINDS);
  g_assert_cmpstr (spec->file, ==, "kinds.csv");
  g_assert_cmpint (spec->columns[ic_table_spec_column (spec, "children")].kind, ==, IC_COLUMN_KIND_INTEGER);
  g_assert_cmpint (spec->columns[ic_table_spec_column (spec, "visits")].kind, ==, IC_COLUMN_KIND_INTEGER);
  g_assert_cmpint (spec->columns[ic_table_spec_column (spec, "weight")].kind, ==, IC_COLUMN_KIND_DECIMAL);
  g_assert_cmpuint (spec->columns[ic_table_spec_column (spec, "weight")].places, ==, 2);
  g_assert_cmpuint (spec->columns[ic_table_spec_column (spec, "hours")].places, ==, 0);
  g_assert_cmpint (spec->columns[ic_table_spec_column (spec, "consent")].kind, ==, IC_COLUMN_KIND_YES_NO);
  g_assert_cmpint (spec->columns[ic_table_spec_column (spec, "note")].kind, ==, IC_COLUMN_KIND_FREE_TEXT);
}

static void
test_integer_valid (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *children, *visits;
  (void) data;

  table = read_ok (f, "kind_id;children;visits\n"
                      "K1;0;42\n"
                      "K2;7;\n"
                      "K3;12 345;1" NBSP "234" NNBSP "567\n"
                      "K4;9223372036854775807;007\n"
                      "K5;;0\n");
  children = ic_table_column (table, "children");
  visits = ic_table_column (table, "visits");
  g_assert_cmpuint (table->n_rows, ==, 5);
  g_assert_cmpint (children->integers[0], ==, 0);
  g_assert_cmpint (children->integers[1], ==, 7);
  g_assert_cmpint (children->integers[2], ==, 12345);
  g_assert_cmpint (children->integers[3], ==, G_MAXINT64); /* 2^63 - 1, the largest */
  g_assert_cmpint (children->integers[4], ==, IC_INTEGER_NONE);
  g_assert_cmpint (visits->integers[0], ==, 42);
  g_assert_cmpint (visits->integers[1], ==, IC_INTEGER_NONE);
  g_assert_cmpint (visits->integers[2], ==, 1234567);     /* groups 1, 234, 567 */
  g_assert_cmpint (visits->integers[3], ==, 7);
  g_assert_cmpint (visits->integers[4], ==, 0);
  g_assert_null (children->flags);
}

static void
test_decimal_valid (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *weight, *hours;
  (void) data;

  /* weight has 2 places: held in hundredths; hours has none. */
  table = read_ok (f, "kind_id;weight;hours\n"
                      "K1;12,5;7\n"                    /* 1250; 7 */
                      "K2;12.5;0\n"                    /* 1250; 0 */
                      "K3;0,05;\n"                     /* 5 */
                      "K4;7;123456\n"                  /* 700; 123456 */
                      "K5;3.14;\n"                     /* 314 */
                      "K6;92233720368547758,07;\n"     /* 2^63 - 1 hundredths */
                      "K7;;\n"
                      "K8;\"0,10\";\n");               /* 10 */
  weight = ic_table_column (table, "weight");
  hours = ic_table_column (table, "hours");
  g_assert_cmpint (weight->integers[0], ==, 1250);
  g_assert_cmpint (weight->integers[1], ==, 1250);
  g_assert_cmpint (weight->integers[2], ==, 5);
  g_assert_cmpint (weight->integers[3], ==, 700);
  g_assert_cmpint (weight->integers[4], ==, 314);
  g_assert_cmpint (weight->integers[5], ==, G_MAXINT64);
  g_assert_cmpint (weight->integers[6], ==, IC_INTEGER_NONE);
  g_assert_cmpint (weight->integers[7], ==, 10);
  g_assert_cmpint (hours->integers[0], ==, 7);
  g_assert_cmpint (hours->integers[1], ==, 0);
  g_assert_cmpint (hours->integers[2], ==, IC_INTEGER_NONE);
  g_assert_cmpint (hours->integers[3], ==, 123456);
}

/* In a file separated by `,`, a `,` mark is in a quoted field: the same
 * values. */
static void
test_decimal_comma_quoted (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *weight;
  (void) data;

  table = read_ok (f, "kind_id,weight,hours\n"
                      "K1,\"12,5\",1\n"                /* 1250 */
                      "K2,12.25,2\n");                 /* 1225 */
  weight = ic_table_column (table, "weight");
  g_assert_cmpint (table->separator, ==, ',');
  g_assert_cmpint (weight->integers[0], ==, 1250);
  g_assert_cmpint (weight->integers[1], ==, 1225);
}

static void
test_yes_no_valid (IcTableFixture *f, gconstpointer data)
{
  static const struct {
    const char *text;
    guint8 flag;
  } forms[] = {
    { "oui", 1 }, { "NON", 0 }, { "O", 1 }, { "n", 0 }, { "1", 1 }, { "0", 0 }, { "True", 1 }, { "FALSE", 0 },
    { "yes", 1 }, { "No", 0 }, { "VRAI", 1 }, { "faux", 0 }, { "", IC_YES_NO_NONE },
  };
  g_autoptr (GString) content = g_string_new ("kind_id;consent\n");
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *consent;
  (void) data;

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    g_string_append_printf (content, "K%u;%s\n", i, forms[i].text);
  table = read_ok (f, content->str);
  consent = ic_table_column (table, "consent");
  g_assert_cmpuint (table->n_rows, ==, G_N_ELEMENTS (forms));
  g_assert_null (consent->integers);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (consent->flags[i] != forms[i].flag)
      g_error ("\"%s\": %u, expected %u", forms[i].text, consent->flags[i], forms[i].flag);
}

/* Free text is read, checked, and kept nowhere. */
static void
test_free_text_not_kept (IcTableFixture *f, gconstpointer data)
{
  g_autofree char *longest = g_strnfill (IC_FREE_TEXT_MAX, 'x');
  g_autofree char *content = g_strdup_printf ("kind_id;note\n"
                                              "K1;Mme Dupont née le 12/03/1990, suivie depuis mars\n"
                                              "K2;\"sur deux\nlignes; avec « guillemets »\"\n"
                                              "K3;%s\n"
                                              "K4;\n", longest);
  g_autoptr (IcTable) table = read_ok (f, content);
  IcTableColumn *note = ic_table_column (table, "note");
  (void) data;

  g_assert_cmpuint (table->n_rows, ==, 4);
  g_assert_null (note->texts);
  g_assert_null (note->integers);
  g_assert_null (note->flags);
  g_assert_null (note->codes);
  g_assert_null (note->narrow_codes);
  g_assert_null (note->dictionary);
}

/* ------------------------------------------------------------------ */
/* One file per way a value is refused: the problem names the line, the
 * field and the column; the row is not kept. */

typedef struct {
  const char *path;
  const char *content;
  const char *expected;
} Refused;

static const Refused refused[] = {
  { "/table-kinds/refuse/integer-negative", "kind_id;children\nK1;-3\n", "kinds.csv:2:2: children: " BAD_INTEGER },
  { "/table-kinds/refuse/integer-decimal", "kind_id;children\nK1;2,5\n", "kinds.csv:2:2: children: " BAD_INTEGER },
  { "/table-kinds/refuse/integer-overflow", "kind_id;visits\nK1;9223372036854775808\n",
    "kinds.csv:2:2: visits: " BAD_INTEGER },
  { "/table-kinds/refuse/decimal-too-many-places", "kind_id;weight\nK1;12,505\n",
    "kinds.csv:2:2: weight: too many decimals (at most 2)" },
  { "/table-kinds/refuse/decimal-places-0", "kind_id;hours\nK1;7.0\n", "kinds.csv:2:2: hours: too many decimals (at most 0)" },
  { "/table-kinds/refuse/decimal-thousands-space", "kind_id;weight\nK1;1 234,5\n", "kinds.csv:2:2: weight: " BAD_DECIMAL },
  { "/table-kinds/refuse/decimal-thousands-point", "kind_id;weight\nK1;1.234,5\n", "kinds.csv:2:2: weight: " BAD_DECIMAL },
  { "/table-kinds/refuse/decimal-thousands-comma", "kind_id;weight\nK1;1,234.5\n", "kinds.csv:2:2: weight: " BAD_DECIMAL },
  { "/table-kinds/refuse/decimal-negative", "kind_id;weight\nK1;-1,5\n", "kinds.csv:2:2: weight: " BAD_DECIMAL },
  { "/table-kinds/refuse/decimal-no-decimals", "kind_id;weight\nK1;12,\n", "kinds.csv:2:2: weight: " BAD_DECIMAL },
  { "/table-kinds/refuse/decimal-no-units", "kind_id;weight\nK1;,5\n", "kinds.csv:2:2: weight: " BAD_DECIMAL },
  { "/table-kinds/refuse/decimal-exponent", "kind_id;weight\nK1;1e3\n", "kinds.csv:2:2: weight: " BAD_DECIMAL },
  /* 92233720368547758.08 is 2^63 hundredths: one beyond gint64. */
  { "/table-kinds/refuse/decimal-overflow", "kind_id;weight\nK1;92233720368547758.08\n",
    "kinds.csv:2:2: weight: " BAD_DECIMAL },
  { "/table-kinds/refuse/yes-no-peut-etre", "kind_id;consent\nK1;peut-être\n", "kinds.csv:2:2: consent: " BAD_YES_NO },
  { "/table-kinds/refuse/yes-no-y", "kind_id;consent\nK1;y\n", "kinds.csv:2:2: consent: " BAD_YES_NO },
  { "/table-kinds/refuse/together-yes-no", "kind_id;outcome;closing_date\nK1;oui;\n",
    "kinds.csv:2:3: closing_date: an outcome and its closing date go together: one is set, the other empty" },
  { "/table-kinds/refuse/together-date", "kind_id;outcome;closing_date\nK1;;2024-03-01\n",
    "kinds.csv:2:2: outcome: an outcome and its closing date go together: one is set, the other empty" },
};

static void
test_refused (IcTableFixture *f, gconstpointer data)
{
  const Refused *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (IcTable) table = read_kinds (f, c->content, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (table->n_rows, ==, 0);
  g_assert_cmpuint (ic_problems_count (f->problems), ==, 1);
  g_assert_cmpstr (ic_problems_messages (f->problems)->pdata[0], ==, c->expected);
}

/* ------------------------------------------------------------------ */
/* Free text in no output. */

#define SECRET "Mme Secret-Dupont"

/* The text over 4096 bytes, and a file not UTF-8: strict and lenient,
 * the problem says the line and the column, never a word of the text. */
static void
test_free_text_too_long (IcTableFixture *f, gconstpointer data)
{
  g_autofree char *filler = g_strnfill (IC_FREE_TEXT_MAX - strlen (SECRET), 'x');
  /* K2: 4096 bytes, accepted; K3: 4097, refused. */
  g_autofree char *content = g_strdup_printf ("kind_id;note\nK1;ok\nK2;" SECRET "%s\nK3;" SECRET "%sy\n", filler, filler);
  (void) data;

  for (int lenient = 0; lenient <= 1; lenient++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IcTable) table = NULL;
      g_autofree char *all = NULL;

      ic_problems_free (f->problems);
      f->problems = ic_problems_new (50);
      table = read_kinds (f, content, lenient, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (table->n_rows, ==, 2);
      all = ic_problems_to_string (f->problems);
      if (!lenient)
        g_assert_cmpstr (all, ==, "kinds.csv:4:2: note: text longer than 4096 bytes");
      else
        {
          g_assert_cmpstr (all, ==, "");
          g_assert_cmpuint (table->rejected, ==, 1);
          g_assert_cmpstr (table->rejected_reasons->pdata[0], ==, "kinds.csv:4:2: note: texte de plus de 4 096 octets");
        }
      g_assert_null (strstr (all, "Secret"));
    }
}

/* Bytes not UTF-8 (é in Windows-1252): the whole file is read as
 * Windows-1252 (csv-encoding.c), so the text reaches the check as UTF-8 and
 * passes; what the check refuses never comes from a file. */
static void
test_free_text_not_utf8 (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) table = read_ok (f, "kind_id;note\nK1;suivie par l'\xe9quipe " SECRET "\n");
  (void) data;
  g_assert_true (table->converted);
  g_assert_cmpuint (table->n_rows, ==, 1);
}

/* Writes @dir/NAME with @lines' lines each given a last field: @header's
 * for the first, then @value's (its %u the line's number). CRLF kept. */
static void
add_column (const char *from, const char *dir, const char *name, const char *header, const char *value)
{
  g_autofree char *path = g_build_filename (from, name, NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) out = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_string_append_printf (out, "%s;", lines[i]);
      if (i == 0)
        g_string_append (out, header);
      else
        g_string_append_printf (out, value, i + 1);
      g_string_append (out, "\r\n");
    }
  g_free (ic_test_write (dir, name, out->str));
}

/* A run over the Creuse example whose ip.csv has a free-text column `note`
 * (its schema given one): every note holds SECRET, the one of line 7 over
 * 4096 bytes. Strict, the run stops on that line and says where; lenient,
 * the row is set aside. The text is in neither the bundle nor the
 * terminal's output; the problem is, by line and column. */
static void
test_free_text_in_no_output (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *tables = g_build_filename (dir, "tables", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *example = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_autofree char *source_tables = g_build_filename (ic_test_source_dir (), "tables", NULL);
  g_autofree char *bundle_path = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *filler = g_strnfill (IC_FREE_TEXT_MAX, 'x');
  g_autofree char *long_note = g_strdup_printf (SECRET " %s", filler);
  g_autofree char *ip_schema = NULL, *schema_path = NULL, *bundle = NULL;
  const char *old_tables = g_getenv ("INDICORE_TABLES_DIR");
  g_autofree char *saved = g_strdup (old_tables);
  const char *files[] = { "births.json", "pmi_acts.json", "populations.json", NULL };
  const char *csvs[] = { "births.csv", "pmi_acts.csv", "populations.csv", NULL };

  g_assert_cmpint (g_mkdir (tables, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (source_tables, files[i], NULL);
      g_autofree char *content = NULL;
      g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
      g_free (ic_test_write (tables, files[i], content));
    }
  schema_path = g_build_filename (source_tables, "ip.json", NULL);
  g_assert_true (g_file_get_contents (schema_path, &ip_schema, NULL, NULL));
  {
    g_autoptr (GRegex) last = g_regex_new ("(\"kind\": \"territory\"\\})", 0, 0, NULL);
    g_autofree char *with_note = g_regex_replace (last, ip_schema, -1, 0,
                                                  "\\1,\n    {\"name\": \"note\", \"kind\": \"free_text\"}", 0, NULL);
    g_assert_nonnull (strstr (with_note, "free_text"));
    g_free (ic_test_write (tables, "ip.json", with_note));
  }
  for (guint i = 0; csvs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (example, csvs[i], NULL);
      g_autofree char *content = NULL;
      g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
      g_free (ic_test_write (data, csvs[i], content));
    }
  add_column (example, data, "ip.csv", "note", SECRET " line %u");
  {
    /* Line 7's note replaced by the long one. */
    g_autofree char *ip_path = g_build_filename (data, "ip.csv", NULL);
    g_autofree char *ip = NULL;
    g_autoptr (GString) text = NULL;
    char *at;
    g_assert_true (g_file_get_contents (ip_path, &ip, NULL, NULL));
    text = g_string_new (ip);
    at = strstr (text->str, SECRET " line 7\r\n");
    g_assert_nonnull (at);
    g_string_erase (text, at - text->str, strlen (SECRET " line 7"));
    g_string_insert (text, at - text->str, long_note);
    g_free (ic_test_write (data, "ip.csv", text->str));
  }

  g_setenv ("INDICORE_TABLES_DIR", tables, TRUE);
  for (int lenient = 0; lenient <= 1; lenient++)
    {
      const char *argv[] = { "run", "--data", data, "--year", "2024", "--department", "23", "--out", bundle_path,
                             lenient ? "--lenient" : NULL, NULL };
      g_autofree char *out = NULL, *err = NULL;
      int status = ic_test_spawn (argv, &out, &err);

      g_assert_null (strstr (out, "Secret"));
      g_assert_null (strstr (err, "Secret"));
      if (!lenient)
        {
          g_assert_cmpint (status, ==, 2); /* invalid input */
          if (strstr (err, "ip.csv:7:5: note: text longer than 4096 bytes") == NULL)
            g_error ("the problem is not said: %s", err);
          continue;
        }
      if (status != 0)
        g_error ("exit %d: %s", status, err);
      g_assert_true (g_file_get_contents (bundle_path, &bundle, NULL, NULL));
      g_assert_null (strstr (bundle, "Secret"));
      g_assert_nonnull (strstr (bundle, "ip.csv:7:5: note: texte de plus de 4 096 octets"));
    }
  if (saved != NULL)
    g_setenv ("INDICORE_TABLES_DIR", saved, TRUE);
  else
    g_unsetenv ("INDICORE_TABLES_DIR");
  ic_test_rmtree (dir);
}

/* ------------------------------------------------------------------ */
/* Both halves of a file read in two threads: the same values. */

static void
test_split (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GString) content = g_string_new ("kind_id;children;weight;consent;note;outcome;closing_date\n");
  (void) data;

  /* Row i: children i, weight i,i%100 (i x 100 + i % 100 hundredths),
   * consent oui on even rows, non on odd rows but every 5th row empty. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (content, "K%u;%u;%u,%02u;%s;texte libre %u;%s;%s\n", i, i, i, i % 100,
                            i % 5 == 0 ? "" : (i % 2 ? "non" : "oui"), i,
                            i % 3 ? "O" : "", i % 3 ? "2024-05-01" : "");
  for (guint threshold = 0; threshold <= 1; threshold++)
    {
      /* 0: one thread; 1: split from 64 bytes. */
      IcInputOptions options = { .threads = threshold ? 2 : 1, .split_threshold = 64 };
      g_autoptr (GError) error = NULL;
      g_autoptr (IcTable) table = read_kinds (f, content->str, FALSE, &options, &error);
      IcTableColumn *children, *weight, *consent, *outcome;

      g_assert_no_error (error);
      g_assert_cmpuint (ic_problems_count (f->problems), ==, 0);
      g_assert_cmpuint (table->n_rows, ==, 3000);
      children = ic_table_column (table, "children");
      weight = ic_table_column (table, "weight");
      consent = ic_table_column (table, "consent");
      outcome = ic_table_column (table, "outcome");
      for (guint i = 0; i < 3000; i++)
        {
          g_assert_cmpint (children->integers[i], ==, i);
          g_assert_cmpint (weight->integers[i], ==, (gint64) i * 100 + i % 100);
          g_assert_cmpuint (consent->flags[i], ==, i % 5 == 0 ? IC_YES_NO_NONE : (i % 2 ? 0 : 1));
          g_assert_cmpuint (outcome->flags[i], ==, i % 3 ? 1 : IC_YES_NO_NONE);
        }
    }
}

/* ------------------------------------------------------------------ */

/* A copy of tables/ with the fixture kinds.json beside the built-in schemas. */
static char *
kinds_tables (void)
{
  g_autofree char *source = g_build_filename (ic_test_source_dir (), "tables", NULL);
  g_autofree char *fixture = g_build_filename (ic_test_source_dir (), "tests", "fixtures", "kinds", "kinds.json", NULL);
  g_autoptr (GDir) dir = g_dir_open (source, 0, NULL);
  g_autofree char *text = NULL;
  char *copy = ic_test_tmpdir ();
  const char *file;

  g_assert_nonnull (dir);
  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (source, file, NULL);
      g_autofree char *content = NULL;
      if (!g_str_has_suffix (file, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
      g_free (ic_test_write (copy, file, content));
    }
  g_assert_true (g_file_get_contents (fixture, &text, NULL, NULL));
  g_free (ic_test_write (copy, "kinds.json", text));
  return copy;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tables = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tables = kinds_tables ();
  if (!ic_table_schemas_load (tables, &error))
    g_error ("%s", error->message);
  g_test_add_func ("/table-kinds/schema", test_schema);
  g_test_add ("/table-kinds/integer/valid", IcTableFixture, NULL, ic_table_fixture_set_up, test_integer_valid, ic_table_fixture_tear_down);
  g_test_add ("/table-kinds/decimal/valid", IcTableFixture, NULL, ic_table_fixture_set_up, test_decimal_valid, ic_table_fixture_tear_down);
  g_test_add ("/table-kinds/decimal/comma-quoted", IcTableFixture, NULL, ic_table_fixture_set_up, test_decimal_comma_quoted,
              ic_table_fixture_tear_down);
  g_test_add ("/table-kinds/yes-no/valid", IcTableFixture, NULL, ic_table_fixture_set_up, test_yes_no_valid, ic_table_fixture_tear_down);
  g_test_add ("/table-kinds/free-text/not-kept", IcTableFixture, NULL, ic_table_fixture_set_up, test_free_text_not_kept,
              ic_table_fixture_tear_down);
  g_test_add ("/table-kinds/free-text/too-long", IcTableFixture, NULL, ic_table_fixture_set_up, test_free_text_too_long,
              ic_table_fixture_tear_down);
  g_test_add ("/table-kinds/free-text/not-utf8", IcTableFixture, NULL, ic_table_fixture_set_up, test_free_text_not_utf8,
              ic_table_fixture_tear_down);
  g_test_add_func ("/table-kinds/free-text/in-no-output", test_free_text_in_no_output);
  g_test_add ("/table-kinds/split", IcTableFixture, NULL, ic_table_fixture_set_up, test_split, ic_table_fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_test_add (refused[i].path, IcTableFixture, &refused[i], ic_table_fixture_set_up, test_refused, ic_table_fixture_tear_down);
  status = g_test_run ();
  ic_test_rmtree (tables);
  return status;
}

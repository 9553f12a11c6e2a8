/* The mistakes an analyst makes that indicore answers with a clear message
 * and exit 2 instead of a report full of « non disponible » (issue 15):
 * one fixture per failure mode, the message asserted. */
#include <glib/gstdio.h>
#include <string.h>

#include "dataset-names.h"
#include "department.h"
#include "test-util.h"

static const char births_csv[] =
  "birth_id;birth_date;territory\r\n"
  "B-01;10/01/2024;Nord\r\n"
  "B-02;05/03/2024;Sud\r\n";

static const char acts_csv[] =
  "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\r\n"
  "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n";

/* A data directory with births.csv and pmi_acts.csv of 2024. */
static char *
data_dir (void)
{
  char *dir = ic_test_tmpdir ();
  g_free (ic_test_write (dir, "births.csv", births_csv));
  g_free (ic_test_write (dir, "pmi_acts.csv", acts_csv));
  return dir;
}

/* `indicore run` on @dir for 2024 with the extra arguments @extra
 * (NULL-terminated); returns the exit code, standard error in @err. */
static int
run_with (const char *dir, const char *const *extra, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *base[] = { "run", "--data", dir, "--year", "2024", NULL };

  for (guint i = 0; base[i]; i++)
    g_ptr_array_add (argv, (gpointer) base[i]);
  for (guint i = 0; extra[i]; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  return ic_test_spawn ((const char *const *) argv->pdata, NULL, err);
}

/* The list: 19 (01..19) + 2 (2A, 2B) + 75 (21..95) + 5 (971..974, 976)
 * = 101 codes, each once. */
static void
test_department_list (void)
{
  const IcDepartment *list = ic_department_list ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < IC_N_DEPARTMENTS; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) list[i].code));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 101);
  g_assert_cmpstr (list[0].code, ==, "01");
  g_assert_cmpstr (list[19].code, ==, "2A");
  g_assert_cmpstr (list[20].code, ==, "2B");
  g_assert_cmpstr (list[100].code, ==, "976");
  g_assert_cmpstr (ic_department_lookup ("23", NULL)->name, ==, "Creuse");
  g_assert_cmpstr (ic_department_lookup ("974", NULL)->name, ==, "La Réunion");
  g_assert_cmpstr (ic_department_lookup ("2B", NULL)->name, ==, "Haute-Corse");
}

/* Each wrong code refused, with what was meant when it can be told. */
static void
test_department_refused (void)
{
  static const struct { const char *code, *says; } cases[] = {
    { "2a", "did you mean 2A (Corse-du-Sud)?" },
    { "023", "did you mean 23 (Creuse)?" },
    { "1", "did you mean 01 (Ain)?" },
    { "20", "2A (Corse-du-Sud) or 2B (Haute-Corse)" },
    { "99", "is not a département code (01 to 95" },
    { "975", "is not a département code (01 to 95" },
    { "96", "is not a département code (01 to 95" },
    { "", "no département code given" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_null (ic_department_lookup (cases[i].code, &error));
      g_assert_error (error, IC_DEPARTMENT_ERROR, IC_DEPARTMENT_ERROR_UNKNOWN);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("%s: \"%s\" lacks \"%s\"", cases[i].code, error->message, cases[i].says);
    }
}

/* The command refuses 2a with the suggestion, and names 23 by the list
 * when --department-name is not given. */
static void
test_department_cli (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *out = g_build_filename (dir, "b.json", NULL);
  g_autofree char *err = NULL, *text = NULL;

  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "2a", "--out", out, NULL }, &err), ==, 2);
  g_assert_nonnull (strstr (err, "indicore run: --department: “2a” is not a département code: did you mean 2A (Corse-du-Sud)?"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "99", "--out", out, NULL }, &err), ==, 2);
  g_assert_nonnull (strstr (err, "“99” is not a département code"));
  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", out, NULL }, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  /* From indicore.conf: the file named, not an option. */
  {
    g_autofree char *conf = g_strdup_printf ("[indicore]\ndepartment=023\ndata=%s\noutput=%s/out\n", dir, dir);
    g_autofree char *path = ic_test_write (dir, "indicore.conf", conf);
    g_autofree char *message = g_strdup_printf ("indicore run: %s: department: “023” is not a département code: "
                                                "did you mean 23 (Creuse)?", path);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (ic_test_spawn ((const char *[]) { "run", "--config", path, "--year", "2024", NULL }, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, message));
  }
  g_assert_nonnull (strstr (text, "\"code\": \"23\",\n    \"name\": \"Creuse\""));
  ic_test_rmtree (dir);
}

/* A bundle is JSON: --out rapport.html is refused, pointing to render;
 * .JSON, a name without extension and - are taken. */
static void
test_out_not_json (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *html = g_build_filename (dir, "rapport.html", NULL);
  g_autofree char *upper = g_build_filename (dir, "B.JSON", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", html, NULL }, &err), ==, 2);
  g_assert_nonnull (strstr (err, "the bundle is JSON and its name must end in .json"));
  g_assert_nonnull (strstr (err, "indicore render BUNDLE --format html"));
  g_assert_false (g_file_test (html, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", upper, NULL }, NULL), ==, 0);
  g_assert_true (g_file_test (upper, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", "/dev/null", NULL }, NULL), ==, 0);
  ic_test_rmtree (dir);
}

/* Without --out the bundle goes to indicore-23-2024.json in the current
 * directory, which the summary names; nothing on standard output. */
static void
test_out_default (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *expected = g_build_filename (dir, "indicore-23-2024.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2024", "--department", "23", NULL };

  g_assert_cmpint (g_chdir (dir), ==, 0);
  g_assert_cmpint (ic_test_spawn (argv, &out, &err), ==, 0);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (err, expected));
  ic_test_rmtree (dir);
}

/* An empty data directory, or one with only unrelated files: exit 2,
 * naming the files expected, for run and validate alike. */
static void
test_no_input (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *notes = ic_test_write (dir, "notes.txt", "à faire\n");
  g_autofree char *out = g_build_filename (dir, "b.json", NULL);
  g_autofree char *err = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", out, NULL }, &err), ==, 2);
  g_assert_nonnull (strstr (err, "holds no input file: expected one of births.csv, ip.csv, pmi_acts.csv, populations.csv, bsem_referrals.csv"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ic_test_spawn (validate, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "holds no input file"));
  ic_test_rmtree (dir);
}

/* The names a spreadsheet user gives an export, each against the four
 * expected names (births.csv 0, pmi_acts.csv 1, ip.csv 2, populations.csv 3). */
static void
test_names_match (void)
{
  const char *const expected[] = { "births.csv", "pmi_acts.csv", "ip.csv", "populations.csv", NULL };
  static const struct { const char *name; IcInputNameKind kind; guint index; } cases[] = {
    { "Populations.CSV", IC_INPUT_NAME_MISNAMED, 3 },
    { "ip.txt", IC_INPUT_NAME_MISNAMED, 2 },
    { "IP", IC_INPUT_NAME_MISNAMED, 2 },
    { "pmi-acts.csv", IC_INPUT_NAME_MISNAMED, 1 },
    { "births_2024.csv", IC_INPUT_NAME_MISNAMED, 0 },
    { "ip.csv.txt", IC_INPUT_NAME_MISNAMED, 2 },
    { "ip.xlsx", IC_INPUT_NAME_SPREADSHEET, 2 },
    { "Births.XLS", IC_INPUT_NAME_SPREADSHEET, 0 },
    { "populations.ods", IC_INPUT_NAME_SPREADSHEET, 3 },
    { "ip.csv", IC_INPUT_NAME_OTHER, 0 },
    { "ipsum.csv", IC_INPUT_NAME_OTHER, 0 },
    { "~$ip.xlsx", IC_INPUT_NAME_OTHER, 0 },
    { ".ip.csv.swp", IC_INPUT_NAME_OTHER, 0 },
    { "notes.txt", IC_INPUT_NAME_OTHER, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint index = 0;
      IcInputNameKind kind = ic_input_name_match (cases[i].name, expected, &index);
      if (kind != cases[i].kind || (kind != IC_INPUT_NAME_OTHER && index != cases[i].index))
        g_error ("%s: kind %d index %u, expected %d %u", cases[i].name, kind, index, cases[i].kind, cases[i].index);
    }
}

/* Populations.CSV for an absent populations.csv: « did you mean », exit 2. */
static void
test_misnamed_case (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *file = ic_test_write (dir, "Populations.CSV", "population;period;value\r\nbirths;2024;2\r\n");
  g_autofree char *err = NULL;

  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", "-", NULL }, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Populations.CSV: did you mean populations.csv? Input files are read by their exact name"));
  g_assert_nonnull (strstr (err, "No bundle was written."));
  ic_test_rmtree (dir);
}

/* ip.txt for an absent ip.csv: the same. */
static void
test_misnamed_extension (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *file = ic_test_write (dir, "ip.txt", "ip_id;received_date\r\nI-1;02/02/2024\r\n");
  g_autofree char *err = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  g_assert_cmpint (ic_test_spawn (validate, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "ip.txt: did you mean ip.csv?"));
  ic_test_rmtree (dir);
}

/* ip.xlsx for an absent ip.csv: « save it as CSV »; beside ip.csv (the
 * workbook it was exported from), no mistake. */
static void
test_spreadsheet (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *xlsx = ic_test_write (dir, "ip.xlsx", "PK\003\004");
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;

  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", "-", NULL }, &err), ==, 2);
  g_assert_nonnull (strstr (err, "ip.xlsx: a spreadsheet is not read: open it and save it as CSV (separator ; or ,) under the name ip.csv"));
  csv = ic_test_write (dir, "ip.csv", "ip_id;received_date;evaluation_end_date\r\nI-1;02/02/2024;\r\n");
  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", "/dev/null", NULL }, NULL), ==, 0);
  ic_test_rmtree (dir);
}

/* --year 2042 on data of 2024 only: exit 2, the years there named. */
static void
test_year_not_covered (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *err = NULL;
  const char *argv[] = { "run", "--data", dir, "--year", "2042", "--department", "23", "--out", "-", NULL };

  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "indicore run: no data for 2042: the records are all of 2024\n"));
  g_assert_nonnull (strstr (err, "No bundle was written."));
  ic_test_rmtree (dir);
}

/* Births of 2022, acts of 2024, a population of the school year 2024-2025:
 * 2022, 2024 and 2025 are covered, 2023 (a gap) and 2026 are not; the
 * person's birth date (2019) and the evaluation's end (2027) count for
 * nothing, only the records' own dates and the periods. */
static void
test_year_range (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *births = ic_test_write (dir, "births.csv", "birth_id;birth_date\r\nB-1;10/01/2022\r\n");
  g_autofree char *acts = ic_test_write (dir, "pmi_acts.csv",
      "act_id;act_type;act_date;person_id;person_birth_date;provider\r\nA-1;BSEM;03/03/2024;C-1;01/01/2019;PMI\r\n");
  g_autofree char *ip = ic_test_write (dir, "ip.csv",
      "ip_id;received_date;evaluation_end_date\r\nI-1;05/06/2024;05/01/2027\r\n");
  g_autofree char *pops = ic_test_write (dir, "populations.csv",
      "population;period;value\r\nenrolled_3_4;2024-2025;100\r\n");
  static const struct { const char *year; int status; const char *says; } cases[] = {
    { "2022", 0, NULL },
    { "2024", 0, NULL },
    { "2025", 0, NULL },
    { "2023", 2, "no data for 2023: the records run from 2022 to 2025, but none is of 2023" },
    { "2026", 2, "no data for 2026: the records run from 2022 to 2025\n" },
    { "2019", 2, "no data for 2019: the records run from 2022 to 2025\n" },
  };

  {
    g_autofree char *out = NULL;
    const char *validate[] = { "validate", "--data", dir, NULL };
    g_assert_cmpint (ic_test_spawn (validate, &out, NULL), ==, 0);
    g_assert_true (g_str_has_suffix (out, "\nYears of the records: 2022, 2024, 2025\n"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      const char *argv[] = { "run", "--data", dir, "--year", cases[i].year, "--department", "23",
                             "--out", "/dev/null", NULL };
      g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, cases[i].status);
      if (cases[i].says != NULL && strstr (err, cases[i].says) == NULL)
        g_error ("--year %s: \"%s\" lacks \"%s\"", cases[i].year, err, cases[i].says);
    }
  ic_test_rmtree (dir);
}

/* run --config without --year takes the last complete year (the current
 * year - 1, after 2024 whenever the test runs): data of 2024 only do not
 * cover it, and the message says why that year was chosen. */
static void
test_year_from_config (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *text = g_strdup_printf ("[indicore]\ndepartment=23\ndata=%s\noutput=%s/out\n", dir, dir);
  g_autofree char *config = ic_test_write (dir, "indicore.conf", text);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int last = g_date_time_get_year (now) - 1;
  g_autofree char *expected = g_strdup_printf ("no data for %d: the records are all of 2024\n"
                                               "Without --year, --config computes the last complete year, %d: "
                                               "give --year to compute another.\n", last, last);
  g_autofree char *err = NULL;
  const char *argv[] = { "run", "--config", config, NULL };

  g_assert_cmpint (last, >, 2024);
  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 2);
  if (strstr (err, expected) == NULL)
    g_error ("\"%s\" lacks \"%s\"", err, expected);
  ic_test_rmtree (dir);
}

/* 200 acts without a date: one line for the 200, not 200 lines then
 * « … and 800 more problems ». */
static void
test_problems_grouped (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autoptr (GString) acts = g_string_new ("act_id;act_type;act_date;person_id;provider\r\n");
  g_autofree char *path = NULL, *err = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (acts, "A-%u;EPP;;W-%u;PMI\r\n", i, i);
  path = ic_test_write (dir, "pmi_acts.csv", acts->str);
  g_assert_cmpint (ic_test_spawn (validate, NULL, &err), ==, 2);
  /* Rows on lines 2 to 201. */
  g_assert_nonnull (strstr (err, "invalid input (200 problems):\npmi_acts.csv: 200 rows: act_date: missing value "
                                 "(lines 2, 3, 4, 5, 6, …)\n"));
  g_assert_null (strstr (err, "more problem"));
  g_assert_null (strstr (err, "pmi_acts.csv:2:3"));
  ic_test_rmtree (dir);
}

/* validate says how each file is written: a sep=, line, a BOM, Windows-1252
 * (É as the single byte 0xC9). */
static void
test_validate_dialect (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *births = ic_test_write (dir, "births.csv", "sep=,\r\nbirth_id,birth_date\r\nB-1,5/1/2024 00:00\r\n");
  g_autofree char *ip = ic_test_write (dir, "ip.csv", "\xEF\xBB\xBFip_id;received_date\nI-1;2024-01-02\n");
  g_autofree char *pops = ic_test_write (dir, "populations.csv",
                                         "population;period;value;source\nbirths;2024;1;\xC9tat civil\n");
  g_autofree char *out = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  g_assert_cmpint (ic_test_spawn (validate, &out, NULL), ==, 0);
  /* Each under its file's line (whose wording is not this test's). */
  g_assert_true (g_str_has_prefix (strchr (strstr (out, "births.csv"), '\n'),
                                   "\n                 UTF-8, separator , (from its first line sep=,)\n"));
  g_assert_true (g_str_has_prefix (strchr (strstr (out, "ip.csv"), '\n'), "\n                 UTF-8 with BOM, separator ;\n"));
  g_assert_nonnull (strstr (out, "\n                 Windows-1252 (not UTF-8), converted, separator ;\n"));
  /* Births, IP and the population all of 2024. */
  g_assert_true (g_str_has_suffix (out, "\nYear of the records: 2024\n"));
  ic_test_rmtree (dir);
}

/* --lenient sets rows aside: the terminal summary says how many, per file
 * (pmi_acts.csv: A-02 on 31 February, 1 of 2 rows; births.csv: none). */
static void
test_lenient_summary (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *acts = ic_test_write (dir, "pmi_acts.csv",
      "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\r\n"
      "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n"
      "A-02;EPP;31/02/2024;W-02;;PMI;SF;Nord\r\n");
  g_autofree char *err = NULL;

  g_assert_cmpint (run_with (dir, (const char *[]) { "--department", "23", "--out", "/dev/null", "--lenient", NULL }, &err), ==, 0);
  g_assert_nonnull (strstr (err, "indicore: pmi_acts.csv: 1 invalid row of 2 set aside (--lenient): "
                                 "it counts in no indicator; the first reasons are in the bundle\n"));
  g_assert_null (strstr (err, "births.csv: 0"));
  g_assert_null (strstr (err, "31/02"));
  ic_test_rmtree (dir);
}

/* A tab-separated export named ip.csv: not « missing required column
 * received_date », but what is wrong. */
static void
test_tab_separated (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *ip = ic_test_write (dir, "ip.csv", "ip_id\treceived_date\nI-1\t02/02/2024\n");
  g_autofree char *err = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  g_assert_cmpint (ic_test_spawn (validate, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "ip.csv:1: the header is read as one column: its separator is neither ; nor , "
                                 "(a tab or |): save the file as CSV"));
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mistakes/department/list", test_department_list);
  g_test_add_func ("/mistakes/department/refused", test_department_refused);
  g_test_add_func ("/mistakes/department/cli", test_department_cli);
  g_test_add_func ("/mistakes/out/not-json", test_out_not_json);
  g_test_add_func ("/mistakes/out/default", test_out_default);
  g_test_add_func ("/mistakes/input/none", test_no_input);
  g_test_add_func ("/mistakes/input/names", test_names_match);
  g_test_add_func ("/mistakes/input/misnamed-case", test_misnamed_case);
  g_test_add_func ("/mistakes/input/misnamed-extension", test_misnamed_extension);
  g_test_add_func ("/mistakes/input/spreadsheet", test_spreadsheet);
  g_test_add_func ("/mistakes/year/not-covered", test_year_not_covered);
  g_test_add_func ("/mistakes/year/range", test_year_range);
  g_test_add_func ("/mistakes/year/from-config", test_year_from_config);
  g_test_add_func ("/mistakes/problems/grouped", test_problems_grouped);
  g_test_add_func ("/mistakes/validate/dialect", test_validate_dialect);
  g_test_add_func ("/mistakes/lenient/summary", test_lenient_summary);
  g_test_add_func ("/mistakes/input/tab-separated", test_tab_separated);
  return g_test_run ();
}

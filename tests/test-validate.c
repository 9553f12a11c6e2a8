/* test-validate.c: `indicore validate` on hand-made data directories: what
 * no table schema knows (a column of a known file, a .csv file no table
 * claims) is a warning, never an error. */
#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"

/* The line `validate` prints under a file, after its 16-column name. */
#define UNDER "\n                 "

static void
assert_has (const char *out, const char *what)
{
  if (strstr (out, what) == NULL)
    g_error ("validate said:\n%s\nwhich lacks \"%s\"", out, what);
}

/* pmi_acts.csv with a column `referred` no schema declares, `Territory`
 * (a known one in another case) and an empty last name (a trailing `;`):
 * only `referred` is named, under pmi_acts.csv, and the file is valid.
 * A quoted name holding a line break is printed on one line. */
static void
test_unknown_column (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *acts = ic_test_write (dir, "pmi_acts.csv",
      "act_id;act_type;act_date;person_id;referred;provider;Territory;\n"
      "A-1;EPP;2024-01-15;W-1;oui;PMI;Nord;\n");
  g_autofree char *out = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  g_assert_cmpint (ic_test_spawn (validate, &out, NULL), ==, 0);
  assert_has (out, "pmi_acts.csv     valid, 1 row\n");
  assert_has (out, UNDER "UTF-8, separator ;" UNDER "warning: column referred is read by no indicator: ignored\n");
  /* Once: neither Territory nor the empty name is another warning. */
  g_assert_null (strstr (strstr (out, "ignored\n") + 1, "ignored"));
  ic_test_rmtree (dir);
}

static void
test_unknown_column_line_break (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *ip = ic_test_write (dir, "ip.csv", "ip_id,received_date,\"two\nlines\"\nI-1,2024-01-02,x\n");
  g_autofree char *out = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  g_assert_cmpint (ic_test_spawn (validate, &out, NULL), ==, 0);
  assert_has (out, UNDER "warning: column two lines is read by no indicator: ignored\n");
  ic_test_rmtree (dir);
}

/* Beside births.csv: ase_placements.csv (like no table's name),
 * births_2023.csv (like births.csv, which is there: no mistake, just not
 * read), Notes.CSV (the extension in capitals), notes.txt (not .csv) and a
 * directory old.csv: the three .csv files are named, in name order (C
 * collation: capitals first), after the tables; the exit status is 0. */
static void
test_unclaimed_files (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *births = ic_test_write (dir, "births.csv", "birth_id,birth_date\nB-1,2024-01-05\n");
  g_autofree char *ase = ic_test_write (dir, "ase_placements.csv", "placement_id\nP-1\n");
  g_autofree char *old = ic_test_write (dir, "births_2023.csv", "birth_id,birth_date\nB-0,2023-01-05\n");
  g_autofree char *upper = ic_test_write (dir, "Notes.CSV", "a\n");
  g_autofree char *txt = ic_test_write (dir, "notes.txt", "a\n");
  g_autofree char *subdir = g_build_filename (dir, "old.csv", NULL);
  g_autofree char *out = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  g_assert_cmpint (ic_test_spawn (validate, &out, NULL), ==, 0);
  assert_has (out, "\nNotes.CSV        warning: not read (no table has this file name)\n"
                   "ase_placements.csv warning: not read (no table has this file name)\n"
                   "births_2023.csv  warning: not read (no table has this file name)\n"
                   "Year of the records: 2024\n");
  g_assert_null (strstr (out, "notes.txt"));
  g_assert_null (strstr (out, "old.csv"));
  ic_test_rmtree (dir);
}

/* Tables shipped with plugins are listed and read like the engine's:
 * bsem_referrals (build/plugins/tables/) and own_visits, from the tables/
 * folder of a directory of INDICORE_PLUGIN_PATH; a .csv file of no table is
 * still a warning. */
static void
test_plugin_tables (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *plugins = ic_test_tmpdir ();
  g_autofree char *tables = g_build_filename (plugins, "tables", NULL);
  g_autofree char *out = NULL;
  const char *validate[] = { "validate", "--data", dir, NULL };

  g_assert_cmpint (g_mkdir (tables, 0700), ==, 0);
  g_free (ic_test_write (tables, "own_visits.json",
                         "{ \"name\": \"own_visits\", \"file\": \"own_visits.csv\", \"dated_by\": \"day\", \"columns\": ["
                         " { \"name\": \"visit_id\", \"kind\": \"row_id\", \"required\": true },"
                         " { \"name\": \"day\", \"kind\": \"date\", \"required\": true } ] }"));
  g_free (ic_test_write (dir, "own_visits.csv", "visit_id;day\nV-1;2023-05-02\nV-2;2023-06-02\n"));
  g_free (ic_test_write (dir, "bsem_referrals.csv", "referral_id;person_id;referral_date\nR-1;P-1;2024-01-10\n"));
  g_free (ic_test_write (dir, "visits.csv", "x\n"));
  g_setenv ("INDICORE_PLUGIN_PATH", plugins, TRUE);
  g_assert_cmpint (ic_test_spawn (validate, &out, NULL), ==, 0);
  g_setenv ("INDICORE_PLUGIN_PATH", "", TRUE);
  assert_has (out, "bsem_referrals.csv valid, 1 row\n");
  assert_has (out, "own_visits.csv   valid, 2 rows\n");
  assert_has (out, "\nvisits.csv       warning: not read (no table has this file name)\n");
  /* The years of both tables' dated_by columns. */
  assert_has (out, "\nYears of the records: 2023, 2024\n");
  ic_test_rmtree (plugins);
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate/warn/unknown-column", test_unknown_column);
  g_test_add_func ("/validate/warn/unknown-column-line-break", test_unknown_column_line_break);
  g_test_add_func ("/validate/warn/unclaimed-file", test_unclaimed_files);
  g_test_add_func ("/validate/plugin-tables", test_plugin_tables);
  return g_test_run ();
}

/* The terminal speaks the user's language: indicore run under
 * LANGUAGE=fr LC_ALL=fr_FR.UTF-8 answers in French (singular for 0 and 1,
 * plural from 2), under C.UTF-8 in English. The French expected here is
 * written by hand, as a French reader would have it, not copied from po/. */
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "test-util.h"

typedef enum { FRENCH, ENGLISH } Language;

/* Runs indicore with @argv in @language; returns the exit code, stdout and
 * stderr in @out and @err (g_free). */
static int
spawn_in (Language language, const char *const *argv, char **out, char **err)
{
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  env = g_environ_setenv (env, "LANGUAGE", language == FRENCH ? "fr" : "", TRUE);
  env = g_environ_setenv (env, "LC_ALL", language == FRENCH ? "fr_FR.UTF-8" : "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "INDICORE_PLUGIN_PATH", "", TRUE);
  g_ptr_array_add (args, (gpointer) ic_test_indicore ());
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  /* Output not asked for goes nowhere: it must not mix with the TAP stream. */
  g_spawn_sync (NULL, (char **) args->pdata, env,
                (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

/* Asserts that @haystack holds @needle, showing both when not. */
#define assert_holds(haystack, needle)                                                                  \
  G_STMT_START {                                                                                        \
    if (strstr ((haystack), (needle)) == NULL)                                                          \
      g_error ("expected «%s» in:\n%s", (needle), (haystack));                                          \
  } G_STMT_END

static const char births_header[] = "birth_id;birth_date;territory\r\n";
static const char acts_header[] =
  "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\r\n";

/* A data directory holding births.csv with @n_births rows (all valid) and,
 * when not NULL, pmi_acts.csv with @acts after its header. */
static char *
data_dir (guint n_births, const char *acts)
{
  char *dir = ic_test_tmpdir ();
  g_autoptr (GString) births = g_string_new (births_header);

  for (guint i = 1; i <= n_births; i++)
    g_string_append_printf (births, "B-%02u;10/01/2024;Nord\r\n", i);
  g_free (ic_test_write (dir, "births.csv", births->str));
  if (acts != NULL)
    {
      g_autofree char *text = g_strconcat (acts_header, acts, NULL);
      g_free (ic_test_write (dir, "pmi_acts.csv", text));
    }
  return dir;
}

/* The machine must have the French locale (scripts/deps generates it):
 * without it the French tests would test English. */
static void
test_locale_present (void)
{
  locale_t fr = newlocale (LC_ALL_MASK, "fr_FR.UTF-8", (locale_t) 0);
  if (fr == (locale_t) 0)
    g_error ("the fr_FR.UTF-8 locale is not generated on this machine: run scripts/deps");
  freelocale (fr);
}

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL, *run_out = NULL, *en_err = NULL;
  const char *none[] = { NULL };
  const char *run_help[] = { "run", "--help", NULL };

  g_assert_cmpint (spawn_in (FRENCH, none, NULL, &err), ==, 2);
  assert_holds (err, "Utilisation : indicore COMMANDE [OPTION...]");
  assert_holds (err, "Commandes :\n");
  assert_holds (err, "  validate   vérifier les fichiers d'entrée sans calculer\n");
  g_assert_cmpint (spawn_in (ENGLISH, none, NULL, &en_err), ==, 2);
  assert_holds (en_err, "Usage: indicore COMMAND [OPTION...]");
  assert_holds (en_err, "  validate   check the input files without computing\n");

  /* GLib's own words come from GLib's catalogue, ours from indicore's. */
  g_assert_cmpint (spawn_in (FRENCH, run_help, &run_out, NULL), ==, 0);
  assert_holds (run_out, "Utilisation"); /* GLib's, followed by a no-break space */
  assert_holds (run_out, "Calcule chaque indicateur chargé pour un département et une année.");
  assert_holds (run_out, "--data=DOSSIER");
  assert_holds (run_out, "Écarter les lignes invalides au lieu de s'arrêter");
}

/* validate counts rows: « 0 ligne », « 1 ligne », « 2 lignes ». */
static void
test_validate_rows (void)
{
  const char *expected_fr[] = { "births.csv       valide, 0 ligne\n", "births.csv       valide, 1 ligne\n",
                                "births.csv       valide, 2 lignes\n" };
  const char *expected_en[] = { "births.csv       valid, 0 rows\n", "births.csv       valid, 1 row\n",
                                "births.csv       valid, 2 rows\n" };

  for (guint n = 0; n <= 2; n++)
    {
      g_autofree char *dir = data_dir (n, NULL);
      g_autofree char *fr = NULL, *en = NULL;
      const char *argv[] = { "validate", "--data", dir, NULL };

      g_assert_cmpint (spawn_in (FRENCH, argv, &fr, NULL), ==, 0);
      assert_holds (fr, expected_fr[n]);
      assert_holds (fr, "pmi_acts.csv     absent\n");
      g_assert_cmpint (spawn_in (ENGLISH, argv, &en, NULL), ==, 0);
      assert_holds (en, expected_en[n]);
      ic_test_rmtree (dir);
    }
}

/* validate names the years of the records and how each file is written:
 * births of 2024 only, « Année », then of 2023 and 2024, « Années ». */
static void
test_validate_years (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *one = NULL, *two = NULL, *en = NULL;
  const char *argv[] = { "validate", "--data", dir, NULL };

  g_free (ic_test_write (dir, "births.csv", "birth_id;birth_date;territory\r\nB-01;10/01/2024;Nord\r\n"));
  g_assert_cmpint (spawn_in (FRENCH, argv, &one, NULL), ==, 0);
  assert_holds (one, "                 UTF-8, séparateur ;\n");
  assert_holds (one, "Année des enregistrements : 2024\n");
  g_free (ic_test_write (dir, "births.csv",
                         "birth_id;birth_date;territory\r\nB-01;10/01/2024;Nord\r\nB-02;10/01/2023;Nord\r\n"));
  g_assert_cmpint (spawn_in (FRENCH, argv, &two, NULL), ==, 0);
  assert_holds (two, "Années des enregistrements : 2023, 2024\n");
  g_assert_cmpint (spawn_in (ENGLISH, argv, &en, NULL), ==, 0);
  assert_holds (en, "Years of the records: 2023, 2024\n");
  ic_test_rmtree (dir);
}

/* Free text in act_type is counted: « 1 autre valeur non listée », « 2
 * autres valeurs non listées » (two different texts). */
static void
test_validate_other_values (void)
{
  g_autofree char *one = data_dir (1, "A-01;visite faite;01/02/2024;W-01;;PMI;SF;Nord\r\n");
  g_autofree char *two = data_dir (1, "A-01;visite faite;01/02/2024;W-01;;PMI;SF;Nord\r\n"
                                      "A-02;autre visite;01/02/2024;W-01;;PMI;SF;Nord\r\n");
  g_autofree char *fr1 = NULL, *fr2 = NULL, *en2 = NULL;
  const char *argv1[] = { "validate", "--data", one, NULL };
  const char *argv2[] = { "validate", "--data", two, NULL };

  g_assert_cmpint (spawn_in (FRENCH, argv1, &fr1, NULL), ==, 0);
  assert_holds (fr1, "act_type : 1 autre valeur non listée (pas un code de [A-Z0-9_]");
  g_assert_cmpint (spawn_in (FRENCH, argv2, &fr2, NULL), ==, 0);
  assert_holds (fr2, "act_type : 2 autres valeurs non listées (pas des codes de [A-Z0-9_]");
  g_assert_cmpint (spawn_in (ENGLISH, argv2, &en2, NULL), ==, 0);
  assert_holds (en2, "act_type: 2 other values not listed");
  ic_test_rmtree (one);
  ic_test_rmtree (two);
}

/* Invalid dates: 1 then 2 problems, each named in French. */
static void
test_invalid_input (void)
{
  g_autofree char *one = data_dir (1, "A-01;EPP;31/02/2024;W-01;;PMI;SF;Nord\r\n");
  g_autofree char *two = data_dir (1, "A-01;EPP;31/02/2024;W-01;;PMI;SF;Nord\r\n"
                                      "A-02;EPP;30/02/2024;W-02;;PMI;SF;Nord\r\n");
  g_autofree char *fr1 = NULL, *fr2 = NULL, *en1 = NULL, *en2 = NULL;
  const char *argv1[] = { "validate", "--data", one, NULL };
  const char *argv2[] = { "validate", "--data", two, NULL };

  g_assert_cmpint (spawn_in (FRENCH, argv1, NULL, &fr1), ==, 2);
  assert_holds (fr1, "indicore validate : entrée invalide (1 problème) :\n");
  /* Line 2 (after the header), field 3: act_date. */
  assert_holds (fr1, "pmi_acts.csv:2:3: act_date: pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA est attendu, "
                     "et un jour qui existe)");
  g_assert_cmpint (spawn_in (FRENCH, argv2, NULL, &fr2), ==, 2);
  assert_holds (fr2, "entrée invalide (2 problèmes) :\n");
  /* The same problem twice is one group: lines 2 and 3. */
  assert_holds (fr2, "pmi_acts.csv : 2 lignes : act_date: pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA est attendu, "
                     "et un jour qui existe) (lignes 2, 3)");
  g_assert_cmpint (spawn_in (ENGLISH, argv1, NULL, &en1), ==, 2);
  assert_holds (en1, "indicore validate: invalid input (1 problem):\n");
  g_assert_cmpint (spawn_in (ENGLISH, argv2, NULL, &en2), ==, 2);
  assert_holds (en2, "invalid input (2 problems):\n");
  assert_holds (en2, "pmi_acts.csv: 2 rows: act_date: not a valid date");
  ic_test_rmtree (one);
  ic_test_rmtree (two);
}

/* validate groups the same problem (file, column, message) and lists 200
 * kinds (ic_problems_new (200) in cmd-validate.c), counting the others.
 * A duplicate act_id is a kind of its own, its message naming the line of
 * the first: 201 duplicated ids leave « 1 autre problème », 202 leave « 2
 * autres problèmes », 200 leave no such line. */
static void
test_more_problems (void)
{
  const guint counts[] = { 200, 201, 202 };
  const char *expected[] = { NULL, "\n… et 1 autre problème", "\n… et 2 autres problèmes" };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr (GString) acts = g_string_new (NULL);
      g_autofree char *dir = NULL, *err = NULL;
      const char *argv[] = { "validate", "--data", NULL, NULL };

      for (guint k = 1; k <= counts[i]; k++)
        g_string_append_printf (acts, "A-%u;EPP;01/02/2024;W-%u;;PMI;SF;Nord\r\nA-%u;EPP;01/02/2024;W-%u;;PMI;SF;Nord\r\n",
                                k, k, k, k);
      dir = data_dir (1, acts->str);
      argv[2] = dir;
      g_assert_cmpint (spawn_in (FRENCH, argv, NULL, &err), ==, 2);
      /* The second of the first pair, line 3, repeats the act_id of line 2. */
      assert_holds (err, "pmi_acts.csv:3:1: act_id: identifiant en double (le premier à la ligne 2)");
      if (expected[i] != NULL)
        assert_holds (err, expected[i]);
      else
        g_assert_null (strstr (err, "… et"));
      ic_test_rmtree (dir);
    }
}

/* births.csv without birth_date, then without birth_id and birth_date. */
static void
test_missing_columns (void)
{
  const char *headers[] = { "birth_id;territory\r\n", "territory\r\n" };
  const char *expected[] = { "births.csv:1: colonne obligatoire absente : birth_date",
                             "births.csv:1: colonnes obligatoires absentes : birth_id, birth_date" };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *dir = ic_test_tmpdir ();
      g_autofree char *err = NULL;
      const char *argv[] = { "validate", "--data", dir, NULL };

      g_free (ic_test_write (dir, "births.csv", headers[i]));
      g_assert_cmpint (spawn_in (FRENCH, argv, NULL, &err), ==, 2);
      assert_holds (err, expected[i]);
      ic_test_rmtree (dir);
    }
}

/* A row of 1 field, then of 2, where births.csv's header has 3. */
static void
test_field_count (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *err = NULL, *en = NULL;
  const char *argv[] = { "validate", "--data", dir, NULL };

  g_free (ic_test_write (dir, "births.csv", "birth_id;birth_date;territory\r\nB-01\r\nB-02;10/01/2024\r\n"));
  g_assert_cmpint (spawn_in (FRENCH, argv, NULL, &err), ==, 2);
  assert_holds (err, "births.csv:2: 1 champ alors que l'en-tête en a 3");
  assert_holds (err, "births.csv:3: 2 champs alors que l'en-tête en a 3");
  g_assert_cmpint (spawn_in (ENGLISH, argv, NULL, &en), ==, 2);
  assert_holds (en, "births.csv:2: 1 field where the header has 3");
  ic_test_rmtree (dir);
}

/* run's summary: « 1 indicateur », « 2 indicateurs », the target in French. */
static void
test_run_summary (void)
{
  g_autofree char *dir = data_dir (2, "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n");
  g_autofree char *bundle = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *one = NULL, *two = NULL, *en = NULL;
  const char *argv1[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", bundle,
                          "--only", "epp_pmi_coverage", NULL };
  const char *argv2[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--out", bundle,
                          "--only", "epp_pmi_coverage,epnp_pmi_coverage", NULL };

  g_assert_cmpint (spawn_in (FRENCH, argv1, NULL, &one), ==, 0);
  assert_holds (one, "indicore : département 23, année 2024 : 1 indicateur\n");
  /* 1 EPP over 2 births: 50.0 %, above the target of 20 %; French decimals. */
  assert_holds (one, "50,0 %");
  assert_holds (one, "cible >= 20 : atteinte");
  assert_holds (one, "indicore : lot écrit dans ");
  g_assert_cmpint (spawn_in (FRENCH, argv2, NULL, &two), ==, 0);
  assert_holds (two, "indicore : département 23, année 2024 : 2 indicateurs\n");
  assert_holds (two, "pas de cible");
  g_assert_cmpint (spawn_in (ENGLISH, argv1, NULL, &en), ==, 0);
  assert_holds (en, "indicore: département 23, year 2024: 1 indicator\n");
  assert_holds (en, "50.0 %");
  assert_holds (en, "target >= 20: met");
  ic_test_rmtree (dir);
}

/* The bundle is the same bytes in any language: --lenient's reasons go into
 * it in French, run in French or in English, while the terminal speaks the
 * user's language. */
static void
test_bundle_any_language (void)
{
  g_autofree char *dir = data_dir (2, "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n"
                                      "A-02;EPP;31/02/2024;W-02;;PMI;SF;Nord\r\n");
  g_autofree char *fr_path = g_build_filename (dir, "fr.json", NULL);
  g_autofree char *en_path = g_build_filename (dir, "en.json", NULL);
  g_autofree char *fr = NULL, *en = NULL, *err = NULL;
  const char *argv_fr[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--lenient",
                            "--only", "epp_pmi_coverage", "--out", fr_path, NULL };
  const char *argv_en[] = { "run", "--data", dir, "--year", "2024", "--department", "23", "--lenient",
                            "--only", "epp_pmi_coverage", "--out", en_path, NULL };

  /* A quote inside a field: the CSV reader's words, which come translated
   * from the reader, are French in the bundle too. */
  g_free (ic_test_write (dir, "births.csv", "birth_id;birth_date;territory\r\n"
                                            "B-01;10/01/2024;Nord\r\nB-02;10/01/2024;Nord\r\n"
                                            "B-03;10/01/2024;No\"rd\r\n"));
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_assert_cmpint (spawn_in (FRENCH, argv_fr, NULL, &err), ==, 0);
  assert_holds (err, "indicore : département 23, année 2024 : 1 indicateur\n");
  /* 1 of the 2 acts set aside: singular. */
  assert_holds (err, "indicore : pmi_acts.csv : 1 ligne invalide sur 2 mise de côté (--lenient) : elle ne compte "
                     "dans aucun indicateur ; les premiers motifs sont dans le lot\n");
  g_assert_cmpint (spawn_in (ENGLISH, argv_en, NULL, NULL), ==, 0);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_true (g_file_get_contents (fr_path, &fr, NULL, NULL));
  g_assert_true (g_file_get_contents (en_path, &en, NULL, NULL));
  /* Line 3 of pmi_acts.csv, field 3: 31 February. */
  assert_holds (fr, "\"pmi_acts.csv:3:3: act_date: date invalide (attendu : AAAA-MM-JJ ou JJ/MM/AAAA, "
                    "et un jour qui existe)\"");
  assert_holds (fr, "\"births.csv:4:3: territory: guillemet dans un champ sans guillemets\"");
  g_assert_cmpstr (fr, ==, en);
  ic_test_rmtree (dir);
}

/* --lenient's count in the summary: 2 of 3 acts set aside, plural; none
 * set aside, no line. */
static void
test_lenient_summary (void)
{
  g_autofree char *two = data_dir (2, "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n"
                                      "A-02;EPP;31/02/2024;W-02;;PMI;SF;Nord\r\n"
                                      "A-03;EPP;30/02/2024;W-03;;PMI;SF;Nord\r\n");
  g_autofree char *none = data_dir (2, "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n");
  g_autofree char *out_two = g_build_filename (two, "b.json", NULL);
  g_autofree char *out_none = g_build_filename (none, "b.json", NULL);
  g_autofree char *err_two = NULL, *err_none = NULL;
  const char *argv_two[] = { "run", "--data", two, "--year", "2024", "--department", "23", "--lenient",
                             "--only", "epp_pmi_coverage", "--out", out_two, NULL };
  const char *argv_none[] = { "run", "--data", none, "--year", "2024", "--department", "23", "--lenient",
                              "--only", "epp_pmi_coverage", "--out", out_none, NULL };

  g_assert_cmpint (spawn_in (FRENCH, argv_two, NULL, &err_two), ==, 0);
  assert_holds (err_two, "indicore : pmi_acts.csv : 2 lignes invalides sur 3 mises de côté (--lenient) : elles ne "
                         "comptent dans aucun indicateur ; les premiers motifs sont dans le lot\n");
  g_assert_cmpint (spawn_in (FRENCH, argv_none, NULL, &err_none), ==, 0);
  g_assert_null (strstr (err_none, "mise de côté"));
  ic_test_rmtree (two);
  ic_test_rmtree (none);
}

/* Usage errors: ours and GLib's option parser's. */
static void
test_usage_errors (void)
{
  g_autofree char *unknown = NULL, *required = NULL, *option = NULL;
  const char *argv_unknown[] = { "frobnicate", NULL };
  const char *argv_required[] = { "run", "--year", "2024", NULL };
  const char *argv_option[] = { "run", "--frobnicate", NULL };

  g_assert_cmpint (spawn_in (FRENCH, argv_unknown, NULL, &unknown), ==, 2);
  assert_holds (unknown, "indicore : commande inconnue « frobnicate »\n");
  g_assert_cmpint (spawn_in (FRENCH, argv_required, NULL, &required), ==, 2);
  assert_holds (required, "indicore run : --data, --year et --department sont requis (ou --config)\n"
                          "Essayez « indicore run --help ».\n");
  g_assert_cmpint (spawn_in (FRENCH, argv_option, NULL, &option), ==, 2);
  assert_holds (option, "Essayez « indicore run --help ».\n");
}

/* The mistakes caught before a run, in French: a département code in
 * lower case, a year the records do not cover (all of 2024 here). */
static void
test_mistakes (void)
{
  g_autofree char *dir = data_dir (2, "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n");
  g_autofree char *out = g_build_filename (dir, "b.json", NULL);
  g_autofree char *code = NULL, *year = NULL;
  const char *argv_code[] = { "run", "--data", dir, "--year", "2024", "--department", "2a", "--out", out, NULL };
  const char *argv_year[] = { "run", "--data", dir, "--year", "2042", "--department", "23", "--out", out, NULL };

  g_assert_cmpint (spawn_in (FRENCH, argv_code, NULL, &code), ==, 2);
  assert_holds (code, "indicore run : --department : « 2a » n'est pas un code de département : "
                      "vouliez-vous dire 2A (Corse-du-Sud) ?\n");
  g_assert_cmpint (spawn_in (FRENCH, argv_year, NULL, &year), ==, 2);
  assert_holds (year, "aucune donnée pour 2042 : les enregistrements sont tous de 2024");
  assert_holds (year, "Aucun lot n'a été écrit.\n");
  ic_test_rmtree (dir);
}

/* list prints the refusals in the terminal's language, while a bundle has
 * them in French (tests/test-cli.c): garbage named *.so; and a copy of a
 * built-in plugin found first, which sets the built-in one aside with a
 * warning. */
static void
test_list_refusals (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *builtin = g_build_filename (ic_test_plugins_dir (), "epp_pmi_coverage.so", NULL);
  g_autofree char *copy = g_build_filename (dir, "epp_copy.so", NULL);
  g_autofree char *bytes = NULL, *fr = NULL, *en = NULL, *fr_err = NULL, *en_err = NULL;
  g_autofree char *fr_warning = NULL, *en_warning = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "list", "--plugins", dir, NULL };
  gsize length;

  g_free (ic_test_write (dir, "garbage.so", "\x7f" "ELF, then nothing of a shared object"));
  g_file_get_contents (builtin, &bytes, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, bytes, (gssize) length, &error);
  g_assert_no_error (error);

  fr_warning = g_strdup_printf ("indicore : attention : %s remplace %s, de même identifiant « epp_pmi_coverage » "
                                "plus loin dans l'ordre de recherche\n", copy, builtin);
  en_warning = g_strdup_printf ("indicore: warning: %s overrides %s, of the same id \"epp_pmi_coverage\" "
                                "later in the search order\n", copy, builtin);
  g_assert_cmpint (spawn_in (FRENCH, argv, &fr, &fr_err), ==, 1);
  assert_holds (fr, "\nrefusés :\n");
  assert_holds (fr, "/garbage.so : pas un objet partagé chargeable : ");
  assert_holds (fr_err, fr_warning);
  g_assert_cmpint (spawn_in (ENGLISH, argv, &en, &en_err), ==, 1);
  assert_holds (en, "\nrefused:\n");
  assert_holds (en, "/garbage.so: not a loadable shared object: ");
  assert_holds (en_err, en_warning);
  ic_test_rmtree (dir);
}

/* What validate warns about, in both languages: a column no schema
 * declares, a .csv file no table claims. */
static void
test_validate_warnings (void)
{
  g_autofree char *dir = data_dir (1, NULL);
  g_autofree char *ip = ic_test_write (dir, "ip.csv", "ip_id;received_date;referred\r\nI-1;2024-01-02;oui\r\n");
  g_autofree char *ase = ic_test_write (dir, "ase_placements.csv", "placement_id\r\nP-1\r\n");
  const char *argv[] = { "validate", "--data", dir, NULL };
  g_autofree char *fr = NULL, *en = NULL;

  g_assert_cmpint (spawn_in (FRENCH, argv, &fr, NULL), ==, 0);
  g_assert_cmpint (spawn_in (ENGLISH, argv, &en, NULL), ==, 0);
  assert_holds (fr, "avertissement : la colonne referred n'est lue par aucun indicateur : ignorée\n");
  assert_holds (fr, "ase_placements.csv avertissement : non lu (aucune table n'a ce nom de fichier)\n");
  assert_holds (en, "warning: column referred is read by no indicator: ignored\n");
  assert_holds (en, "ase_placements.csv warning: not read (no table has this file name)\n");
  ic_test_rmtree (dir);
}

/* A broken schema file stops every command, in both languages, naming the
 * file and the member. */
static void
test_table_schema_error (void)
{
  g_autofree char *dir = data_dir (1, NULL);
  g_autofree char *tables = ic_test_tmpdir ();
  g_autofree char *source = g_build_filename (ic_test_source_dir (), "tables", NULL);
  const char *argv[] = { "validate", "--data", dir, NULL };
  const char *names[] = { "births", "pmi_acts", "ip", "populations" };
  g_autofree char *fr = NULL, *en = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strconcat (names[i], ".json", NULL);
      g_autofree char *from = g_build_filename (source, file, NULL);
      g_autofree char *text = NULL;
      g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
      /* ip.json's second column "received_date" made of an unknown kind. */
      if (strcmp (names[i], "ip") == 0)
        {
          char *at = strstr (text, "\"kind\": \"date\"");
          g_assert_nonnull (at);
          memcpy (at, "\"kind\": \"dat_\"", strlen ("\"kind\": \"dat_\""));
        }
      g_free (ic_test_write (tables, file, text));
    }
  g_setenv ("INDICORE_TABLES_DIR", tables, TRUE);
  g_assert_cmpint (spawn_in (FRENCH, argv, NULL, &fr), ==, 2);
  g_assert_cmpint (spawn_in (ENGLISH, argv, NULL, &en), ==, 2);
  g_setenv ("INDICORE_TABLES_DIR", source, TRUE);
  assert_holds (fr, "ip.json : membre « columns[1].kind » : « dat_ » n'est aucun de row_id, ");
  assert_holds (en, "ip.json: member \"columns[1].kind\": \"dat_\" is none of row_id, ");
  ic_test_rmtree (tables);
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/i18n/locale/fr-present", test_locale_present);
  g_test_add_func ("/i18n/help/french-and-english", test_help);
  g_test_add_func ("/i18n/validate/rows-0-1-2", test_validate_rows);
  g_test_add_func ("/i18n/validate/other-values-1-2", test_validate_other_values);
  g_test_add_func ("/i18n/validate/years-1-2", test_validate_years);
  g_test_add_func ("/i18n/validate/warnings", test_validate_warnings);
  g_test_add_func ("/i18n/usage/table-schema", test_table_schema_error);
  g_test_add_func ("/i18n/invalid/problems-1-2", test_invalid_input);
  g_test_add_func ("/i18n/invalid/more-problems-0-1-2", test_more_problems);
  g_test_add_func ("/i18n/invalid/missing-columns-1-2", test_missing_columns);
  g_test_add_func ("/i18n/invalid/fields-1-2", test_field_count);
  g_test_add_func ("/i18n/run/summary-1-2", test_run_summary);
  g_test_add_func ("/i18n/run/bundle-same-in-any-language", test_bundle_any_language);
  g_test_add_func ("/i18n/run/lenient-0-1-2", test_lenient_summary);
  g_test_add_func ("/i18n/usage/errors", test_usage_errors);
  g_test_add_func ("/i18n/usage/mistakes", test_mistakes);
  g_test_add_func ("/i18n/list/refusals", test_list_refusals);
  return g_test_run ();
}

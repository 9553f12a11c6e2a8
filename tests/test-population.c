/* test-population.c: denominator populations resolved as spec/data.md
 * ("Resolving a denominator population") says: a populations.csv row
 * first, else a count derived from births.csv, else not available with a
 * reason; for the whole département and territory by territory. */

#include "dataset.h"
#include "population.h"
#include "test-util.h"

#include <string.h>

#define BIRTHS_HEADER "birth_id;birth_date;territory\n"
#define POPULATIONS_HEADER "population;period;territory;value;source\n"

typedef struct {
  char *dir;
  IcDataset *dataset;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->dir = ic_test_tmpdir ();
  f->dataset = NULL;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  ic_dataset_free (f->dataset);
  ic_test_rmtree (f->dir);
  g_free (f->dir);
}

/* Writes the files given (NULL: absent) and loads the data directory. */
static void
load (Fixture *f, const char *births, const char *populations, const char *ip)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);

  if (births)
    g_free (ic_test_write (f->dir, "births.csv", births));
  if (populations)
    g_free (ic_test_write (f->dir, "populations.csv", populations));
  if (ip)
    g_free (ic_test_write (f->dir, "ip.csv", ip));
  f->dataset = ic_dataset_load (f->dir, NULL, FALSE, NULL, problems, &error);
  g_assert_no_error (error);
}

static IcPopulation *
population (Fixture *f, const char *name, IcPeriodKind kind, int year)
{
  IcPeriod period;
  ic_period_init (&period, kind, year);
  return ic_population_new (f->dataset, name, &period);
}

static guint16
territory (Fixture *f, const char *name)
{
  gint64 t = ic_interner_find (f->dataset->territories, name, strlen (name));
  g_assert_cmpint (t, >, 0);
  return (guint16) t;
}

/* Births of 2022..2025 around the year edges:
 *   2022: B-01 (Nord)                               -> 1
 *   2023: B-02 (Nord), B-03 2023-12-31 (Sud)        -> 2
 *   2024: B-04 2024-01-01 (Nord), B-05 (Nord),
 *         B-06 (no territory), B-07 2024-12-31 (Sud) -> 4
 *   2025: B-08 2025-01-01 (Sud)                     -> 1
 * per territory: 2024 Nord 2, Sud 1; 2023 Nord 1, Sud 1. */
static const char births_2022_2025[] =
  BIRTHS_HEADER
  "B-01;2022-06-15;Nord\n"
  "B-02;2023-03-01;Nord\n"
  "B-03;31/12/2023;Sud\n"
  "B-04;01/01/2024;Nord\n"
  "B-05;2024-07-14;Nord\n"
  "B-06;2024-08-01;\n"
  "B-07;2024-12-31;Sud\n"
  "B-08;2025-01-01;Sud\n";

static void
assert_unavailable (IcPopulation *p, guint16 t, const char *why)
{
  IcPopulationValue value;
  g_assert_false (ic_population_resolve (p, t, &value));
  if (why != NULL)
    {
      g_autofree char *text = ic_population_why_unavailable (p);
      g_assert_cmpstr (text, ==, why);
    }
}

static IcPopulationValue
resolve (IcPopulation *p, guint16 t)
{
  IcPopulationValue value;
  g_assert_true (ic_population_resolve (p, t, &value));
  return value;
}

/* ------------------------------------------------------------------ */

static void
test_reference_wins (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  IcPopulationValue v;
  (void) data;

  load (f, births_2022_2025,
        POPULATIONS_HEADER
        "births;2024;;770;INSEE état civil\n"
        "births;2023;;750;INSEE état civil\n"
        "enrolled_3_4;2023-2024;;844;\n", NULL);
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  v = resolve (p, 0);
  /* The row wins; births.csv has 4 births in 2024 (see the fixture), which
   * differs from 770: both figures are there for the warning. */
  g_assert_cmpint (v.value, ==, 770);
  g_assert_cmpstr (v.origin, ==, "populations.csv");
  g_assert_cmpstr (v.source, ==, "INSEE état civil");
  g_assert_true (v.differs);
  g_assert_cmpint (v.derived, ==, 4);
  g_assert_cmpint (p->reference[0], ==, 770);
  g_assert_cmpint (p->derived[0], ==, 4);
  g_assert_cmpstr (p->period_label, ==, "2024");
}

static void
test_reference_same (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  IcPopulationValue v;
  (void) data;

  /* 2 births in 2023 in the file and in the row: no difference to report. */
  load (f, births_2022_2025, POPULATIONS_HEADER "births;2023;;2;INSEE\n", NULL);
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2023);
  v = resolve (p, 0);
  g_assert_cmpint (v.value, ==, 2);
  g_assert_cmpstr (v.origin, ==, "populations.csv");
  g_assert_false (v.differs);
}

static void
test_reference_zero (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  IcPopulationValue v;
  (void) data;

  /* A row of 0 is a value (the indicator then says the denominator is 0),
   * not an absent row: it is not replaced by the derived count. */
  load (f, births_2022_2025, POPULATIONS_HEADER "births;2024;;0;\n", NULL);
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  v = resolve (p, 0);
  g_assert_cmpint (v.value, ==, 0);
  g_assert_cmpstr (v.origin, ==, "populations.csv");
  g_assert_null (v.source);
  g_assert_true (v.differs);
  g_assert_cmpint (v.derived, ==, 4);
}

static void
test_reference_school_year (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  g_autoptr (IcPopulation) other = NULL;
  IcPopulationValue v;
  (void) data;

  load (f, NULL,
        POPULATIONS_HEADER
        "enrolled_3_4;2023-2024;;844;Éducation nationale\n"
        "enrolled_3_4;2024;;999;\n", NULL);
  /* The school year ending in 2024 is "2023-2024"; the calendar-year row
   * "2024" is another period. */
  p = population (f, "enrolled_3_4", IC_PERIOD_SCHOOL_YEAR, 2024);
  v = resolve (p, 0);
  g_assert_cmpint (v.value, ==, 844);
  g_assert_cmpstr (v.source, ==, "Éducation nationale");
  g_assert_false (v.differs);
  g_assert_cmpstr (p->period_label, ==, "2023-2024");

  other = population (f, "enrolled_3_4", IC_PERIOD_SCHOOL_YEAR, 2025);
  assert_unavailable (other, 0,
                      "le nombre d'enfants scolarisés à 3-4 ans de 2024-2025 n'est pas disponible : populations.csv n'a pas "
                      "de ligne « enrolled_3_4 » pour 2024-2025, et il ne se déduit pas des données individuelles");
}

/* ------------------------------------------------------------------ */

static void
test_derived_births (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) y2024 = NULL;
  g_autoptr (IcPopulation) y2025 = NULL;
  g_autoptr (IcPopulation) y2021 = NULL;
  IcPopulationValue v;
  (void) data;

  load (f, births_2022_2025, NULL, NULL);
  /* 2024: B-04 (1 January), B-05, B-06, B-07 (31 December) = 4; B-03 (31
   * December 2023) and B-08 (1 January 2025) are outside. */
  y2024 = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  v = resolve (y2024, 0);
  g_assert_cmpint (v.value, ==, 4);
  g_assert_cmpstr (v.origin, ==, "births.csv");
  g_assert_null (v.source);
  g_assert_false (v.differs);
  g_assert_cmpint (y2024->reference[0], ==, -1);
  g_assert_null (y2024->not_derivable);

  y2025 = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2025);
  g_assert_cmpint (resolve (y2025, 0).value, ==, 1);

  /* No birth in 2021: the count is 0 (the indicator then says the
   * denominator is 0). */
  y2021 = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2021);
  g_assert_cmpint (resolve (y2021, 0).value, ==, 0);
}

static void
test_derived_children_under_2 (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) y2024 = NULL;
  g_autoptr (IcPopulation) y2023 = NULL;
  IcPopulationValue v;
  (void) data;

  load (f, births_2022_2025, NULL, NULL);
  /* Births of 2023 and 2024: 2 + 4 = 6. */
  y2024 = population (f, "children_under_2", IC_PERIOD_CALENDAR_YEAR, 2024);
  v = resolve (y2024, 0);
  g_assert_cmpint (v.value, ==, 6);
  g_assert_cmpstr (v.origin, ==, "births.csv");
  /* Per territory: Nord 2023 1 + 2024 2 = 3; Sud 2023 1 + 2024 1 = 2; B-06
   * (no territory) only in the total. */
  g_assert_cmpint (resolve (y2024, territory (f, "Nord")).value, ==, 3);
  g_assert_cmpint (resolve (y2024, territory (f, "Sud")).value, ==, 2);

  /* 2022 and 2023: 1 + 2 = 3. */
  y2023 = population (f, "children_under_2", IC_PERIOD_CALENDAR_YEAR, 2023);
  g_assert_cmpint (resolve (y2023, 0).value, ==, 3);
}

static void
test_derived_children_under_2_missing_year (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) y2025 = NULL;
  g_autoptr (IcPopulation) y2022 = NULL;
  g_autoptr (IcPopulation) y2030 = NULL;
  (void) data;

  load (f, births_2022_2025, NULL, NULL);
  /* 2022 needs the births of 2021 (none in the file) and 2022 (B-01). */
  y2022 = population (f, "children_under_2", IC_PERIOD_CALENDAR_YEAR, 2022);
  assert_unavailable (y2022, 0,
                      "le nombre d'enfants de moins de 2 ans de 2022 n'est pas disponible : le fichier populations.csv manque, "
                      "et births.csv n'a aucune ligne en 2021, alors qu'il faut les naissances de 2021 et de 2022 "
                      "pour compter les enfants de moins de 2 ans en 2022");
  /* Not derivable in the total, nor in any territory. */
  assert_unavailable (y2022, territory (f, "Nord"), NULL);

  /* 2025 needs 2024 (4) and 2025 (1): derivable, 5. */
  y2025 = population (f, "children_under_2", IC_PERIOD_CALENDAR_YEAR, 2025);
  g_assert_cmpint (resolve (y2025, 0).value, ==, 5);

  /* 2030 needs 2029 and 2030: neither. */
  y2030 = population (f, "children_under_2", IC_PERIOD_CALENDAR_YEAR, 2030);
  assert_unavailable (y2030, 0,
                      "le nombre d'enfants de moins de 2 ans de 2030 n'est pas disponible : le fichier populations.csv manque, "
                      "et births.csv n'a aucune ligne en 2029 ni en 2030, alors qu'il faut les naissances de 2029 "
                      "et de 2030 pour compter les enfants de moins de 2 ans en 2030");
}

static void
test_derived_later_year_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  (void) data;

  /* Births of 2023 only: children_under_2 for 2024 lacks 2024's births
   * (a file exported before the year's births were in). */
  load (f, BIRTHS_HEADER "B-1;2023-05-01;\nB-2;2023-06-01;\n",
        POPULATIONS_HEADER "births;2024;;770;\n", NULL);
  p = population (f, "children_under_2", IC_PERIOD_CALENDAR_YEAR, 2024);
  assert_unavailable (p, 0,
                      "le nombre d'enfants de moins de 2 ans de 2024 n'est pas disponible : populations.csv n'a pas de ligne "
                      "« children_under_2 » pour 2024, et births.csv n'a aucune ligne en 2024, alors qu'il faut "
                      "les naissances de 2023 et de 2024 pour compter les enfants de moins de 2 ans en 2024");
}

static void
test_school_year_not_derived (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) births = NULL;
  g_autoptr (IcPopulation) under_2 = NULL;
  (void) data;

  load (f, births_2022_2025, NULL, NULL);
  births = population (f, "births", IC_PERIOD_SCHOOL_YEAR, 2024);
  assert_unavailable (births, 0,
                      "le nombre de naissances de 2023-2024 n'est pas disponible : le fichier populations.csv manque, "
                      "et il ne se déduit de births.csv que pour une année civile");
  assert_unavailable (births, territory (f, "Nord"), NULL);
  under_2 = population (f, "children_under_2", IC_PERIOD_SCHOOL_YEAR, 2024);
  assert_unavailable (under_2, 0, NULL);
  g_assert_nonnull (under_2->not_derivable);
}

static void
test_not_derivable (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  (void) data;

  load (f, births_2022_2025, POPULATIONS_HEADER "births;2024;;770;\n", NULL);
  p = population (f, "enrolled_3_4", IC_PERIOD_SCHOOL_YEAR, 2024);
  assert_unavailable (p, 0,
                      "le nombre d'enfants scolarisés à 3-4 ans de 2023-2024 n'est pas disponible : populations.csv n'a pas "
                      "de ligne « enrolled_3_4 » pour 2023-2024, et il ne se déduit pas des données individuelles");
  assert_unavailable (p, territory (f, "Nord"), NULL);
}

static void
test_no_births_file (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  (void) data;

  load (f, NULL, POPULATIONS_HEADER "enrolled_3_4;2023-2024;;844;\n", NULL);
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  assert_unavailable (p, 0,
                      "le nombre de naissances de 2024 n'est pas disponible : populations.csv n'a pas de ligne « births » "
                      "pour 2024, et births.csv, dont il se déduirait, manque aussi");
}

static void
test_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  (void) data;

  /* An empty data directory. */
  load (f, NULL, NULL, NULL);
  p = population (f, "children_under_2", IC_PERIOD_CALENDAR_YEAR, 2024);
  g_assert_cmpuint (p->n_territories, ==, 1);
  assert_unavailable (p, 0,
                      "le nombre d'enfants de moins de 2 ans de 2024 n'est pas disponible : le fichier populations.csv "
                      "manque, et births.csv, dont il se déduirait, manque aussi");
}

/* ------------------------------------------------------------------ */

static void
test_territory_reference (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  guint16 nord, sud, est;
  IcPopulationValue v;
  (void) data;

  load (f, NULL,
        POPULATIONS_HEADER
        "enrolled_3_4;2023-2024;;844;EN\n"
        "enrolled_3_4;2023-2024;Nord;400;EN Nord\n"
        "enrolled_3_4;2023-2024;Sud;444;\n"
        "enrolled_3_4;2022-2023;Est;10;\n",
        "ip_id;received_date;territory\nIP-1;2024-01-10;Ouest\n");
  nord = territory (f, "Nord");
  sud = territory (f, "Sud");
  est = territory (f, "Est");
  p = population (f, "enrolled_3_4", IC_PERIOD_SCHOOL_YEAR, 2024);
  g_assert_cmpuint (p->n_territories, ==, ic_interner_size (f->dataset->territories));
  g_assert_cmpint (resolve (p, 0).value, ==, 844);
  v = resolve (p, nord);
  g_assert_cmpint (v.value, ==, 400);
  g_assert_cmpstr (v.origin, ==, "populations.csv");
  g_assert_cmpstr (v.source, ==, "EN Nord");
  g_assert_cmpint (resolve (p, sud).value, ==, 444);
  /* Est has a row for another period only; Ouest only an IP. */
  assert_unavailable (p, est, NULL);
  assert_unavailable (p, territory (f, "Ouest"), NULL);
  /* Named by a row of the population for the period: Nord and Sud. */
  g_assert_false (p->named[0]);
  g_assert_true (p->named[nord]);
  g_assert_true (p->named[sud]);
  g_assert_false (p->named[est]);
  g_assert_false (p->named[territory (f, "Ouest")]);
}

static void
test_territory_derived (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  guint16 nord, sud, ouest;
  (void) data;

  load (f, births_2022_2025, NULL, "ip_id;received_date;territory\nIP-1;2024-01-10;Ouest\n");
  nord = territory (f, "Nord");
  sud = territory (f, "Sud");
  ouest = territory (f, "Ouest");
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  /* 2024: Nord B-04, B-05 = 2; Sud B-07 = 1; B-06 without territory counts
   * in the total (4) only. */
  g_assert_cmpint (resolve (p, 0).value, ==, 4);
  g_assert_cmpint (resolve (p, nord).value, ==, 2);
  g_assert_cmpint (resolve (p, sud).value, ==, 1);
  g_assert_cmpstr (resolve (p, nord).origin, ==, "births.csv");
  /* A territory of births.csv with births in the year is named; Ouest, with
   * none, resolves to 0 and is not named. */
  g_assert_true (p->named[nord]);
  g_assert_true (p->named[sud]);
  g_assert_false (p->named[ouest]);
  g_assert_cmpint (resolve (p, ouest).value, ==, 0);
}

static void
test_territory_mixed (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  guint16 nord, sud;
  IcPopulationValue v;
  (void) data;

  /* The total and Nord from populations.csv; Sud from births.csv. */
  load (f, births_2022_2025,
        POPULATIONS_HEADER
        "births;2024;;770;INSEE\n"
        "births;2024;Nord;2;INSEE\n", NULL);
  nord = territory (f, "Nord");
  sud = territory (f, "Sud");
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  v = resolve (p, 0);
  g_assert_cmpint (v.value, ==, 770);
  g_assert_true (v.differs);
  g_assert_cmpint (v.derived, ==, 4);
  /* Nord: the row says 2, births.csv 2: no difference. */
  v = resolve (p, nord);
  g_assert_cmpint (v.value, ==, 2);
  g_assert_cmpstr (v.origin, ==, "populations.csv");
  g_assert_false (v.differs);
  /* Sud: no row; derived, 1. */
  v = resolve (p, sud);
  g_assert_cmpint (v.value, ==, 1);
  g_assert_cmpstr (v.origin, ==, "births.csv");
  g_assert_false (v.differs);
}

static void
test_territory_differs (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  IcPopulationValue v;
  (void) data;

  load (f, births_2022_2025, POPULATIONS_HEADER "children_under_2;2024;Sud;50;\n", NULL);
  p = population (f, "children_under_2", IC_PERIOD_CALENDAR_YEAR, 2024);
  /* Sud: row 50, derived 2023 1 + 2024 1 = 2: the row is used, both given. */
  v = resolve (p, territory (f, "Sud"));
  g_assert_cmpint (v.value, ==, 50);
  g_assert_true (v.differs);
  g_assert_cmpint (v.derived, ==, 2);
  /* The total has no row: derived, 6. */
  v = resolve (p, 0);
  g_assert_cmpint (v.value, ==, 6);
  g_assert_cmpstr (v.origin, ==, "births.csv");
}

static void
test_territory_no_column (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  guint16 nord, sud;
  IcPopulationValue v;
  (void) data;

  /* births.csv without a territory column says nothing of territories: a
   * territory row of populations.csv is used without a "differs" against a
   * count of 0, and a territory without a row is not available. */
  load (f,
        "birth_id;birth_date\nB-1;2024-01-05\nB-2;2024-03-05\nB-3;2024-05-05\n",
        POPULATIONS_HEADER "births;2024;Nord;300;\n",
        "ip_id;received_date;territory\nIP-1;2024-01-10;Sud\n");
  nord = territory (f, "Nord");
  sud = territory (f, "Sud");
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  g_assert_cmpint (resolve (p, 0).value, ==, 3);
  v = resolve (p, nord);
  g_assert_cmpint (v.value, ==, 300);
  g_assert_false (v.differs);
  assert_unavailable (p, sud, NULL);
  g_assert_true (p->named[nord]);
  g_assert_false (p->named[sud]);
}

static void
test_case_insensitive (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) upper = NULL;
  g_autoptr (IcPopulation) mixed = NULL;
  g_autoptr (IcPopulation) enrolled = NULL;
  IcPopulationValue v;
  (void) data;

  load (f, births_2022_2025,
        POPULATIONS_HEADER
        "Births;2024;;770;\n"
        "ENROLLED_3_4;2023-2024;;844;\n", NULL);
  /* The row "Births" answers "BIRTHS", and the derivation knows the name in
   * any case. */
  upper = population (f, "BIRTHS", IC_PERIOD_CALENDAR_YEAR, 2024);
  v = resolve (upper, 0);
  g_assert_cmpint (v.value, ==, 770);
  g_assert_cmpint (v.derived, ==, 4);
  mixed = population (f, "Children_Under_2", IC_PERIOD_CALENDAR_YEAR, 2024);
  v = resolve (mixed, 0);
  g_assert_cmpint (v.value, ==, 6);
  g_assert_cmpstr (v.origin, ==, "births.csv");
  enrolled = population (f, "enrolled_3_4", IC_PERIOD_SCHOOL_YEAR, 2024);
  g_assert_cmpint (resolve (enrolled, 0).value, ==, 844);
}

/* The warning for the whole département gives both counts (the total is
 * never hidden); for a territory, neither: « territory Sud: populations.csv
 * gives 5 and births.csv gives 6 » would publish counts that small-count
 * suppression hides. */
static void
test_warning_counts_only_for_total (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  g_autofree char *total = NULL, *sud = NULL, *nord = NULL;
  IcPopulationValue v;
  (void) data;

  /* births 2024: row 770 against 4 derived; Sud: row 5 against 1 derived;
   * Nord: row 2, derived 2 (B-04, B-05): they agree. */
  load (f, births_2022_2025, POPULATIONS_HEADER "births;2024;;770;\nbirths;2024;Sud;5;\nbirths;2024;Nord;2;\n", NULL);
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  v = resolve (p, 0);
  total = ic_population_difference_warning (p, NULL, &v);
  g_assert_cmpstr (total, ==, "le nombre de naissances de 2024 : populations.csv donne 770 et births.csv 4 ; "
                              "le chiffre de populations.csv est retenu");
  v = resolve (p, territory (f, "Sud"));
  sud = ic_population_difference_warning (p, "Sud", &v);
  g_assert_cmpstr (sud, ==, "le nombre de naissances de 2024, territoire Sud : populations.csv et births.csv "
                            "diffèrent ; le chiffre de populations.csv est retenu");
  v = resolve (p, territory (f, "Nord"));
  nord = ic_population_difference_warning (p, "Nord", &v);
  g_assert_null (nord);
}

/* A row above 10^9 (here 2^63-1) is no département's population: not used,
 * not replaced by the derived count, and said. */
static void
test_implausible (Fixture *f, gconstpointer data)
{
  g_autoptr (IcPopulation) p = NULL;
  IcPopulationValue v;
  (void) data;

  load (f, births_2022_2025,
        POPULATIONS_HEADER "births;2024;;9223372036854775807;\nbirths;2024;Sud;1000000001;\nbirths;2024;Nord;1000000000;\n",
        NULL);
  p = population (f, "births", IC_PERIOD_CALENDAR_YEAR, 2024);
  assert_unavailable (p, 0, "le nombre de naissances de 2024 n'est pas disponible : populations.csv le donne "
                            "au-dessus de 1\u00a0000\u00a0000\u00a0000, plus qu'aucun département n'a d'habitants");
  assert_unavailable (p, territory (f, "Sud"), NULL);
  /* 10^9 itself is the bound, still used. */
  v = resolve (p, territory (f, "Nord"));
  g_assert_cmpint (v.value, ==, 1000000000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/population/reference/wins", test_reference_wins);
  ADD ("/population/reference/same", test_reference_same);
  ADD ("/population/reference/zero", test_reference_zero);
  ADD ("/population/reference/school-year", test_reference_school_year);
  ADD ("/population/derived/births", test_derived_births);
  ADD ("/population/derived/children-under-2", test_derived_children_under_2);
  ADD ("/population/derived/children-under-2-missing-year", test_derived_children_under_2_missing_year);
  ADD ("/population/derived/later-year-missing", test_derived_later_year_missing);
  ADD ("/population/derived/school-year-not-derived", test_school_year_not_derived);
  ADD ("/population/unavailable/not-derivable", test_not_derivable);
  ADD ("/population/unavailable/no-births-file", test_no_births_file);
  ADD ("/population/unavailable/nothing", test_nothing);
  ADD ("/population/territory/reference", test_territory_reference);
  ADD ("/population/territory/derived", test_territory_derived);
  ADD ("/population/territory/mixed", test_territory_mixed);
  ADD ("/population/territory/differs", test_territory_differs);
  ADD ("/population/territory/no-column", test_territory_no_column);
  ADD ("/population/name/case-insensitive", test_case_insensitive);
  ADD ("/population/warning/counts-only-for-total", test_warning_counts_only_for_total);
  ADD ("/population/unavailable/implausible", test_implausible);
#undef ADD

  return g_test_run ();
}

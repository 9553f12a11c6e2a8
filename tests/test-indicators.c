/* The four national indicators of spec/indicators.md, rule by rule.
 *
 * Every test writes a small data directory, runs the real plugins of
 * build/plugins in-process on it, and checks the result against figures
 * worked out by hand in the comment next to each expectation. Values are
 * checked as integer tenths (66.7 % is 667), the way the engine holds them,
 * and, where the rule is about what the bundle shows, in the bundle itself. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bundle-writer.h"
#include "date.h"
#include "json-writer.h"
#include "test-util.h"

static IcPluginSet *plugins;

#define ACTS "act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n"
#define BIRTHS "birth_id,birth_date,territory\n"
#define IPS "ip_id,received_date,evaluation_end_date,territory\n"
#define POPS "population,period,territory,value,source\n"

/* ------------------------------------------------------------------ */
/* A data directory, the last run on it, and its bundle.               */

typedef struct {
  char *dir;
  IcRun *run;
  JsonNode *bundle;
  char *text;
} Data;

static Data *
data_new (void)
{
  Data *d = g_new0 (Data, 1);
  d->dir = ic_test_tmpdir ();
  return d;
}

static void
data_forget_run (Data *d)
{
  g_clear_pointer (&d->text, g_free);
  g_clear_pointer (&d->bundle, json_node_unref);
  g_clear_pointer (&d->run, ic_run_free);
}

static void
data_free (Data *d)
{
  if (d == NULL)
    return;
  data_forget_run (d);
  ic_test_rmtree (d->dir);
  g_free (d->dir);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Data, data_free)

static void
data_file (Data *d, const char *name, const char *content)
{
  g_free (ic_test_write (d->dir, name, content));
}

static void
data_remove (Data *d, const char *name)
{
  g_autofree char *path = g_build_filename (d->dir, name, NULL);
  g_assert_cmpint (g_remove (path), ==, 0);
}

/* Runs indicator @id (every indicator when NULL) for @year, strictly, and
 * returns the result of @id (or NULL when @id is NULL). */
static IcResult *
data_run (Data *d, int year, const char *id)
{
  g_autoptr (GError) error = NULL;
  data_forget_run (d);
  d->run = ic_test_run (plugins, d->dir, year, id, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d->run);
  return id ? ic_test_result (d->run, id) : NULL;
}

/* The same with --previous: @previous is the text of a bundle. */
static IcResult *
data_run_previous (Data *d, int year, const char *id, const char *previous)
{
  g_autoptr (GError) error = NULL;
  data_forget_run (d);
  d->run = ic_test_run_with_previous (plugins, d->dir, year, id, previous, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d->run);
  return ic_test_result (d->run, id);
}

/* The bundle of the last run (validated against the schema), and the
 * object of indicator @id in it. */
static JsonObject *
data_bundle_indicator (Data *d, const char *id)
{
  JsonArray *indicators;
  if (d->bundle == NULL)
    {
      d->bundle = ic_test_bundle (d->run);
      d->text = ic_json_write (d->bundle, NULL);
    }
  indicators = json_object_get_array_member (json_node_get_object (d->bundle), "indicators");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *o = json_array_get_object_element (indicators, i);
      if (strcmp (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Assertions on a result.                                             */

static void
assert_ok (IcResult *r, gint64 numerator, gint64 denominator, gint64 tenths)
{
  if (r->status != IC_STATUS_OK)
    g_test_message ("%s: %s: %s", r->id, ic_status_to_string (r->status), r->reason);
  g_assert_cmpstr (ic_status_to_string (r->status), ==, "ok");
  g_assert_null (r->reason);
  g_assert_true (r->has_numerator);
  g_assert_true (r->has_denominator);
  g_assert_cmpint (r->numerator, ==, numerator);
  g_assert_cmpint (r->denominator, ==, denominator);
  g_assert_true (r->has_value);
  g_assert_cmpint (r->value_tenths, ==, tenths);
}

/* Not available, value null, no strata, no sentence, no target decided,
 * and a reason holding each of @parts (NULL-terminated). */
static void
assert_not_available (IcResult *r, const char *const *parts)
{
  g_assert_cmpstr (ic_status_to_string (r->status), ==, "not_available");
  g_assert_false (r->has_value);
  g_assert_cmpuint (r->strata->len, ==, 0);
  g_assert_null (r->text_fr);
  g_assert_cmpint (r->target_met, ==, -1);
  g_assert_nonnull (r->reason);
  for (guint i = 0; parts[i]; i++)
    if (strstr (r->reason, parts[i]) == NULL)
      g_error ("%s: the reason \"%s\" does not say \"%s\"", r->id, r->reason, parts[i]);
}

#define REASON(...) ((const char *const[]) { __VA_ARGS__, NULL })

/* The strata are exactly @names (NULL-terminated), in this order. */
static void
assert_strata (IcResult *r, const char *const *names)
{
  guint n = g_strv_length ((char **) names);
  for (guint i = 0; i < r->strata->len; i++)
    g_test_message ("stratum %u: %s", i, g_array_index (r->strata, IcStratum, i).name);
  g_assert_cmpuint (r->strata->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_array_index (r->strata, IcStratum, i).name, ==, names[i]);
}

#define STRATA(...) ((const char *const[]) { __VA_ARGS__, NULL })
#define NO_STRATA ((const char *const[]) { NULL })

static void
assert_stratum (IcResult *r, const char *territory, gint64 numerator, gint64 denominator, gint64 tenths)
{
  for (guint i = 0; i < r->strata->len; i++)
    {
      const IcStratum *s = &g_array_index (r->strata, IcStratum, i);
      if (strcmp (s->name, territory) != 0)
        continue;
      g_assert_cmpint (s->numerator, ==, numerator);
      g_assert_cmpint (s->denominator, ==, denominator);
      g_assert_cmpint (s->value_tenths, ==, tenths);
      return;
    }
  g_error ("%s: no stratum for %s", r->id, territory);
}

static const IcDetail *
find_detail (IcResult *r, const char *key)
{
  for (guint i = 0; i < r->details->len; i++)
    {
      const IcDetail *detail = r->details->pdata[i];
      if (strcmp (detail->key, key) == 0)
        return detail;
    }
  g_error ("%s: no detail %s", r->id, key);
  return NULL;
}

static gint64
detail_int (IcResult *r, const char *key)
{
  const IcDetail *detail = find_detail (r, key);
  g_assert_cmpint (detail->kind, ==, IC_DETAIL_INT);
  return detail->a;
}

/* A fraction detail as the bundle shows it: @expected, or null when
 * @expected is NAN. */
static void
assert_bundle_detail (Data *d, const char *id, const char *key, double expected)
{
  JsonObject *details = json_object_get_object_member (data_bundle_indicator (d, id), "details");
  g_assert_true (json_object_has_member (details, key));
  if (isnan (expected))
    g_assert_true (json_object_get_null_member (details, key));
  else
    g_assert_cmpfloat (json_object_get_double_member (details, key), ==, expected);
}

static guint
count_warnings_with (IcResult *r, const char *a, const char *b)
{
  guint n = 0;
  for (guint i = 0; i < r->warnings->len; i++)
    {
      const char *w = r->warnings->pdata[i];
      g_test_message ("warning: %s", w);
      if (strstr (w, a) && (b == NULL || strstr (w, b)))
        n++;
    }
  return n;
}

/* Number of warnings that begin with @prefix. */
static guint
count_warnings_starting (IcResult *r, const char *prefix)
{
  guint n = 0;
  for (guint i = 0; i < r->warnings->len; i++)
    n += g_str_has_prefix (r->warnings->pdata[i], prefix);
  return n;
}

static const IcSource *
population_source (IcResult *r, const char *population)
{
  for (guint i = 0; i < r->sources->len; i++)
    {
      const IcSource *s = r->sources->pdata[i];
      if (s->population && strcmp (s->population, population) == 0)
        return s;
    }
  g_error ("%s: no source for population %s", r->id, population);
  return NULL;
}

static gint64
parameter (IcResult *r, const char *name)
{
  for (guint i = 0; i < r->parameters->len; i++)
    if (strcmp (g_array_index (r->parameters, IcParameter, i).name, name) == 0)
      return g_array_index (r->parameters, IcParameter, i).value;
  g_error ("%s: parameter %s not recorded", r->id, name);
  return -1;
}

/* ================================================================== */
/* epp_pmi_coverage                                                    */

static void
test_epp_calendar_year_bounds (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "births,2023,,5,INSEE\n"
             "births,2024,,10,INSEE\n"
             "births,2025,,4,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2023-12-31,w1,,PMI,SF,\n"   /* the day before 1 January 2024 */
             "a2,EPP,2024-01-01,w2,,PMI,SF,\n"   /* first day of 2024 */
             "a3,EPP,2024-12-31,w3,,PMI,SF,\n"   /* last day of 2024 */
             "a4,EPP,2025-01-01,w4,,PMI,SF,\n"); /* the day after */

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* w2 and w3 over the 10 births of 2024: 100 × 2 / 10 = 20.0 */
  assert_ok (r, 2, 10, 200);
  g_assert_cmpint (r->period.first, ==, ic_date_from_ymd (2024, 1, 1));
  g_assert_cmpint (r->period.last, ==, ic_date_from_ymd (2024, 12, 31));
  g_assert_cmpstr (r->period.label, ==, "2024");

  r = data_run (d, 2023, "epp_pmi_coverage");
  /* w1 only, over 5: 100 × 1 / 5 = 20.0 */
  assert_ok (r, 1, 5, 200);

  r = data_run (d, 2025, "epp_pmi_coverage");
  /* w4 only, over 4: 100 × 1 / 4 = 25.0 */
  assert_ok (r, 1, 4, 250);
}

static void
test_epp_distinct_women (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "births,2024,,20,INSEE\n"
             "births,2024,North,8,INSEE\n"
             "births,2024,South,10,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-02-01,w1,,PMI,SF,North\n"
             "a2,EPP,2024-05-01,w1,,PMI,SF,North\n" /* w1 twice in North */
             "a3,EPP,2024-03-01,w2,,PMI,SF,North\n"
             "a4,EPP,2024-04-01,w2,,PMI,SF,South\n" /* w2 in North and in South */
             "a5,EPP,2024-06-01,w3,,PMI,SF,South\n"
             "a6,EPP,2024-07-01,w3,,PMI,SF,\n"      /* w3 again, no territory */
             "a7,EPP,2024-08-01,w4,,PMI,SF,\n");    /* w4 with no territory at all */

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* 7 acts, 4 distinct women w1..w4: 100 × 4 / 20 = 20.0 */
  assert_ok (r, 4, 20, 200);
  assert_strata (r, STRATA ("North", "South"));
  /* North: w1, w2 = 2; 100 × 2 / 8 = 25.0 */
  assert_stratum (r, "North", 2, 8, 250);
  /* South: w2, w3 = 2; 100 × 2 / 10 = 20.0. The strata add up to
   * 4 = 4 − 1 (w4, no territory) + 1 (w2, in two territories). */
  assert_stratum (r, "South", 2, 10, 200);
}

static void
test_epp_provider_not_pmi_excluded (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "births,2024,,8,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-02-01,w1,,PMI,SF,\n"
             "a2,EPP,2024-02-02,w2,,MATERNITY,SF,\n"
             "a3,EPP,2024-02-03,w3,,LIBERAL,SF,\n"
             "a4,EPP,2024-02-04,w4,,OTHER,SF,\n"
             "a5,EPP,2024-02-05,w1,,MATERNITY,SF,\n"); /* w1 also at the maternity */

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* Only w1 (by the PMI): 100 × 1 / 8 = 12.5 */
  assert_ok (r, 1, 8, 125);
}

static void
test_epp_codes_case_insensitive (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "BIRTHS,2024,,10,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,epp,2024-01-10,w1,,pmi,sf,\n"
             "a2,Epp,2024-01-11,w2,,Pmi,Sf,\n"
             "a3,EPP,2024-01-12,w3,,pMi,,\n"
             "a4, ePp ,2024-01-13,w4,, PMI ,,\n"
             "a5,EPNP,2024-01-14,w5,,PMI,SF,\n"         /* another act type */
             "a6,vad_prenatal,2024-01-15,w6,,PMI,SF,\n"
             "a7,EPP_X,2024-01-16,w7,,PMI,SF,\n"        /* an unknown code, kept, not EPP */
             "a8,epp,2024-01-17,w8,,maternity,SF,\n");  /* not the PMI, in lower case */

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* w1..w4, whatever the case of act_type and provider (and of the
   * population's name): 100 × 4 / 10 = 40.0 */
  assert_ok (r, 4, 10, 400);
}

/* births.csv of the population tests: 3 births in 2024 (North 1, South 1,
 * one without territory), one just before and one just after. */
static const char births_around_2024[] = BIRTHS
  "b1,2023-12-31,North\n"
  "b2,2024-01-01,North\n"
  "b3,2024-06-30,South\n"
  "b4,2024-12-31,\n"
  "b5,2025-01-01,South\n";

static const char one_epp_north[] = ACTS "a1,EPP,2024-03-01,w1,,PMI,SF,North\n";

static void
test_epp_population_reference_first (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;
  const IcSource *source;

  data_file (d, "births.csv", births_around_2024);
  data_file (d, "pmi_acts.csv", one_epp_north);
  data_file (d, "populations.csv", POPS
             "births,2024,,3,INSEE état civil\n"
             "births,2024,North,1,INSEE état civil\n"
             "births,2024,South,1,INSEE état civil\n");

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* 100 × 1 / 3 = 33.33 → 33.3, from populations.csv */
  assert_ok (r, 1, 3, 333);
  source = population_source (r, "births");
  g_assert_cmpstr (source->origin, ==, "populations.csv");
  g_assert_cmpstr (source->source, ==, "INSEE état civil");
  g_assert_cmpint (source->value, ==, 3);
  /* populations.csv and births.csv agree (3, 1, 1): no warning. */
  g_assert_cmpuint (r->warnings->len, ==, 0);
  /* North 1 / 1 = 100.0; South 0 / 1 = 0.0 */
  assert_strata (r, STRATA ("North", "South"));
  assert_stratum (r, "North", 1, 1, 1000);
  assert_stratum (r, "South", 0, 1, 0);
}

static void
test_epp_population_derived_from_births (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "births.csv", births_around_2024);
  data_file (d, "pmi_acts.csv", one_epp_north);

  /* No populations.csv: the births of 2024 in births.csv are b2, b3, b4
   * (b1 is of 2023, b5 of 2025): 100 × 1 / 3 = 33.3 */
  r = data_run (d, 2024, "epp_pmi_coverage");
  assert_ok (r, 1, 3, 333);
  g_assert_cmpstr (population_source (r, "births")->origin, ==, "births.csv");
  g_assert_cmpuint (r->warnings->len, ==, 0);
  /* Territory by territory: North b2 → 1 / 1 = 100.0; South b3 → 0 / 1,
   * kept because a births.csv row names South. */
  assert_strata (r, STRATA ("North", "South"));
  assert_stratum (r, "North", 1, 1, 1000);
  assert_stratum (r, "South", 0, 1, 0);

  /* A populations.csv without a births row for 2024 changes nothing. */
  data_file (d, "populations.csv", POPS
             "births,2023,,99,INSEE\n"
             "enrolled_3_4,2023-2024,,50,Éducation nationale\n");
  r = data_run (d, 2024, "epp_pmi_coverage");
  assert_ok (r, 1, 3, 333);
  g_assert_cmpstr (population_source (r, "births")->origin, ==, "births.csv");
}

static void
test_epp_population_differs_warning (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "births.csv", births_around_2024);
  data_file (d, "pmi_acts.csv", one_epp_north);
  data_file (d, "populations.csv", POPS
             "births,2024,,5,INSEE\n"
             "births,2024,North,2,INSEE\n");

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* The reference row wins: 100 × 1 / 5 = 20.0 (births.csv says 3) */
  assert_ok (r, 1, 5, 200);
  g_assert_cmpstr (population_source (r, "births")->origin, ==, "populations.csv");
  /* One warning with both totals (5 and 3), one for North without its
   * counts (2 and 1): a territory's counts may be hidden for small counts. */
  g_assert_cmpuint (r->warnings->len, ==, 2);
  g_assert_cmpuint (count_warnings_with (r, "populations.csv donne 5", "births.csv 3"), ==, 1);
  g_assert_cmpuint (count_warnings_with (r, "territoire North", "populations.csv et births.csv diffèrent"), ==, 1);
  g_assert_cmpuint (count_warnings_with (r, "North", "donne"), ==, 0);
  /* North: reference 2 → 1 / 2 = 50.0; South has no reference row and
   * is derived: 0 / 1 = 0.0 */
  assert_strata (r, STRATA ("North", "South"));
  assert_stratum (r, "North", 1, 2, 500);
  assert_stratum (r, "South", 0, 1, 0);
}

static void
test_epp_population_other_year_ignored (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "births,2023,,10,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2023-03-01,w1,,PMI,SF,\n"
             "a2,EPP,2024-03-01,w2,,PMI,SF,\n");

  /* The 2023 row is not a denominator for 2024, and there is no births.csv. */
  r = data_run (d, 2024, "epp_pmi_coverage");
  assert_not_available (r, REASON ("le nombre de naissances de 2024", "births.csv"));
  /* For 2023 it is: 100 × 1 / 10 = 10.0 */
  r = data_run (d, 2023, "epp_pmi_coverage");
  assert_ok (r, 1, 10, 100);
}

static void
test_epp_strata_zero_numerator_kept (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "births,2024,,30,INSEE\n"
             "births,2024,North,10,INSEE\n"
             "births,2024,South,10,INSEE\n"
             "births,2024,West,10,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-02-01,w1,,PMI,SF,North\n"
             "a2,EPP,2024-02-02,w2,,PMI,SF,North\n"
             "a3,EPP,2024-02-03,w3,,MATERNITY,SF,West\n"); /* names West, not counted */

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* 100 × 2 / 30 = 6.67 → 6.7 */
  assert_ok (r, 2, 30, 67);
  /* South and West have no woman but a population row: kept at 0.0. */
  assert_strata (r, STRATA ("North", "South", "West"));
  assert_stratum (r, "North", 2, 10, 200);
  assert_stratum (r, "South", 0, 10, 0);
  assert_stratum (r, "West", 0, 10, 0);
}

static void
test_epp_strata_without_denominator_dropped (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "births,2024,,30,INSEE\n"
             "births,2024,North,10,INSEE\n"
             "births,2024,Zero,0,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-02-01,w1,,PMI,SF,North\n"
             "a2,EPP,2024-02-02,w2,,PMI,SF,East\n"  /* East: no population at all */
             "a3,EPP,2024-02-03,w3,,PMI,SF,Zero\n"); /* Zero: a population of 0 */

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* Every woman counts in the total: 100 × 3 / 30 = 10.0 */
  assert_ok (r, 3, 30, 100);
  /* Only North has a denominator above 0: 100 × 1 / 10 = 10.0 */
  assert_strata (r, STRATA ("North"));
  assert_stratum (r, "North", 1, 10, 100);
}

static void
test_epp_strata_sorted (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;
  JsonArray *strata;

  data_file (d, "populations.csv", POPS
             "births,2024,,9,INSEE\n"
             "births,2024,Zeta,3,INSEE\n"
             "births,2024,Alpha,3,INSEE\n"
             "births,2024,Mu,3,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-02-01,w1,,PMI,SF,Mu\n"
             "a2,EPP,2024-02-02,w2,,PMI,SF,Zeta\n");

  r = data_run (d, 2024, "epp_pmi_coverage");
  /* 100 × 2 / 9 = 22.2 */
  assert_ok (r, 2, 9, 222);
  /* Sorted by territory, whatever the order of the files: Alpha 0 / 3,
   * Mu 1 / 3 = 33.3, Zeta 1 / 3 = 33.3 */
  assert_strata (r, STRATA ("Alpha", "Mu", "Zeta"));
  assert_stratum (r, "Alpha", 0, 3, 0);
  assert_stratum (r, "Mu", 1, 3, 333);
  assert_stratum (r, "Zeta", 1, 3, 333);
  strata = json_object_get_array_member (data_bundle_indicator (d, "epp_pmi_coverage"), "strata");
  g_assert_cmpuint (json_array_get_length (strata), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (strata, 0), "territory"), ==, "Alpha");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (strata, 2), "territory"), ==, "Zeta");
}

static void
test_epp_text_fr (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "births,2024,,30,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-02-01,w1,,PMI,SF,\n"
             "a2,EPP,2024-02-02,w2,,PMI,SF,\n");
  r = data_run (d, 2024, "epp_pmi_coverage");
  /* 100 × 2 / 30 = 6.67 → « 6,7 » with a decimal comma */
  assert_ok (r, 2, 30, 67);
  g_assert_cmpstr (r->text_fr, ==,
                   "2 femmes ont bénéficié d'un EPP réalisé par la PMI en 2024 sur 30 naissances, soit 6,7 %");
  g_assert_cmpstr (json_object_get_string_member (data_bundle_indicator (d, "epp_pmi_coverage"), "text_fr"), ==,
                   r->text_fr);

  /* Thousands grouped with a no-break space: 100 × 3 / 1250 = 0.24 → « 0,2 » */
  data_file (d, "populations.csv", POPS "births,2024,,1 250,INSEE\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-02-01,w1,,PMI,SF,\n"
             "a2,EPP,2024-02-02,w2,,PMI,SF,\n"
             "a3,EPP,2024-02-03,w3,,PMI,SF,\n");
  r = data_run (d, 2024, "epp_pmi_coverage");
  assert_ok (r, 3, 1250, 2);
  g_assert_cmpstr (r->text_fr, ==,
                   "3 femmes ont bénéficié d'un EPP réalisé par la PMI en 2024 sur 1\u00a0250 naissances, soit 0,2 %");
}

/* Writes pmi_acts.csv with @n women having a PMI EPP in 2024, and
 * populations.csv with @births births in 2024. */
static void
write_epp (Data *d, guint n, gint64 births)
{
  g_autoptr (GString) acts = g_string_new (ACTS);
  g_autofree char *pops = g_strdup_printf (POPS "births,2024,,%" G_GINT64_FORMAT ",INSEE\n", births);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (acts, "a%u,EPP,2024-03-15,w%u,,PMI,SF,\n", i, i);
  data_file (d, "pmi_acts.csv", acts->str);
  data_file (d, "populations.csv", pops);
}

static void
test_epp_target_at_least_20 (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;
  JsonObject *o;

  /* 100 × 1 / 5 = 20.0: at least 20, met */
  write_epp (d, 1, 5);
  r = data_run (d, 2024, "epp_pmi_coverage");
  assert_ok (r, 1, 5, 200);
  g_assert_cmpint (r->target_met, ==, 1);
  o = data_bundle_indicator (d, "epp_pmi_coverage");
  g_assert_true (json_object_get_boolean_member (o, "target_met"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "target"), "operator"), ==, ">=");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "target"), "value"), ==, 20);

  /* 100 × 1 / 6 = 16.67 → 16.7: not met */
  write_epp (d, 1, 6);
  r = data_run (d, 2024, "epp_pmi_coverage");
  assert_ok (r, 1, 6, 167);
  g_assert_cmpint (r->target_met, ==, 0);
  g_assert_false (json_object_get_boolean_member (data_bundle_indicator (d, "epp_pmi_coverage"), "target_met"));

  /* 100 × 80 / 401 = 19.9501... shows as 20.0 (half up), but the rate is
   * below 20 %: the target is decided on the exact fraction, not met. */
  write_epp (d, 80, 401);
  r = data_run (d, 2024, "epp_pmi_coverage");
  assert_ok (r, 80, 401, 200);
  g_assert_cmpint (r->target_met, ==, 0);
}

/* ================================================================== */
/* bsem_coverage                                                       */

static void
test_bsem_school_year_bounds (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;
  JsonObject *period;

  data_file (d, "populations.csv", POPS
             "enrolled_3_4,2023-2024,,10,Éducation nationale\n"
             "enrolled_3_4,2024,,99,Éducation nationale\n"   /* a calendar year: not this period */
             "enrolled_3_4,2024-2025,,4,Éducation nationale\n");
  /* Every child born 2020-06-15: 38 months on 2023-08-31, 50 on
   * 2024-09-01, in the 36-59 band throughout. */
  data_file (d, "pmi_acts.csv", ACTS
             "s1,BSEM,2023-08-31,c1,2020-06-15,PMI,PUER,\n"  /* the day before 1 September 2023 */
             "s2,BSEM,2023-09-01,c2,2020-06-15,PMI,PUER,\n"  /* first day of 2023-2024 */
             "s3,BSEM,2024-08-31,c3,2020-06-15,PMI,PUER,\n"  /* last day of 2023-2024 */
             "s4,BSEM,2024-09-01,c4,2020-06-15,PMI,PUER,\n"  /* first day of 2024-2025 */
             "s5,BSEM,2024-01-15,c5,2020-06-15,PMI,PUER,\n"
             "s6,BSEM,2023-12-15,c6,2020-06-15,PMI,PUER,\n"); /* December of Y-1: in the school year */

  r = data_run (d, 2024, "bsem_coverage");
  /* c2, c3, c5, c6 over the 10 enrolled in 2023-2024: 100 × 4 / 10 = 40.0 */
  assert_ok (r, 4, 10, 400);
  g_assert_cmpstr (r->period.label, ==, "2023-2024");
  g_assert_cmpint (r->period.first, ==, ic_date_from_ymd (2023, 9, 1));
  g_assert_cmpint (r->period.last, ==, ic_date_from_ymd (2024, 8, 31));
  period = json_object_get_object_member (data_bundle_indicator (d, "bsem_coverage"), "period");
  g_assert_cmpstr (json_object_get_string_member (period, "start"), ==, "2023-09-01");
  g_assert_cmpstr (json_object_get_string_member (period, "end"), ==, "2024-08-31");
  g_assert_cmpstr (json_object_get_string_member (period, "label"), ==, "2023-2024");
  g_assert_cmpstr (population_source (r, "enrolled_3_4")->period, ==, "2023-2024");

  r = data_run (d, 2025, "bsem_coverage");
  /* 2024-2025: c4 only, over 4: 100 × 1 / 4 = 25.0 */
  assert_ok (r, 1, 4, 250);
  g_assert_cmpstr (r->period.label, ==, "2024-2025");
}

static void
test_bsem_age_lower_bound_included (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "enrolled_3_4,2023-2024,,10,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             /* add_months (2021-03-15, 36) = 2024-03-15 <= 2024-03-15: 36, in */
             "s1,BSEM,2024-03-15,c1,2021-03-15,PMI,PUER,\n"
             /* add_months (2021-03-16, 36) = 2024-03-16 > 2024-03-15: 35, out */
             "s2,BSEM,2024-03-15,c2,2021-03-16,PMI,PUER,\n"
             /* add_months (2020-11-30, 36) = 2023-11-30: 36, in */
             "s3,BSEM,2023-11-30,c3,2020-11-30,PMI,PUER,\n"
             /* add_months (2020-12-01, 36) = 2023-12-01 > 2023-11-30: 35, out */
             "s4,BSEM,2023-11-30,c4,2020-12-01,PMI,PUER,\n");

  r = data_run (d, 2024, "bsem_coverage");
  /* c1, c3: 100 × 2 / 10 = 20.0; c2 and c4 out of the band */
  assert_ok (r, 2, 10, 200);
  g_assert_cmpint (detail_int (r, "out_of_age_band"), ==, 2);
  g_assert_cmpint (detail_int (r, "unknown_age"), ==, 0);
  g_assert_cmpint (parameter (r, "age_min_months"), ==, 36);
}

static void
test_bsem_age_upper_bound_excluded (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "enrolled_3_4,2023-2024,,10,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             /* add_months (2019-03-16, 60) = 2024-03-16 > 2024-03-15: 59, in */
             "s1,BSEM,2024-03-15,c1,2019-03-16,PMI,PUER,\n"
             /* add_months (2019-03-15, 60) = 2024-03-15: exactly 60, out */
             "s2,BSEM,2024-03-15,c2,2019-03-15,PMI,PUER,\n"
             /* add_months (2019-03-29, 60) = 2024-03-29 > 2024-03-28: 59, in */
             "s3,BSEM,2024-03-28,c3,2019-03-29,PMI,PUER,\n"
             /* add_months (2019-03-28, 60) = 2024-03-28: 60, out */
             "s4,BSEM,2024-03-28,c4,2019-03-28,PMI,PUER,\n");

  r = data_run (d, 2024, "bsem_coverage");
  /* c1, c3: 100 × 2 / 10 = 20.0; the 60-month-olds are out */
  assert_ok (r, 2, 10, 200);
  g_assert_cmpint (detail_int (r, "out_of_age_band"), ==, 2);
  g_assert_cmpint (parameter (r, "age_max_months"), ==, 60);
}

static void
test_bsem_age_clamped_month_end (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  /* School year 2022-2023 (Y = 2023): February 2023 has 28 days. */
  data_file (d, "populations.csv", POPS "enrolled_3_4,2022-2023,,10,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             /* add_months (2020-02-29, 36) = 2023-02-28 (clamped): 36, in */
             "s1,BSEM,2023-02-28,c1,2020-02-29,PMI,PUER,\n"
             /* the day before: 35, out */
             "s2,BSEM,2023-02-27,c2,2020-02-29,PMI,PUER,\n"
             /* add_months (2018-05-31, 59) = 2023-04-30 (clamped): 59, in */
             "s3,BSEM,2023-04-30,c3,2018-05-31,PMI,PUER,\n"
             /* add_months (2018-03-31, 59) = 2023-02-28 (clamped), and
              * add_months (2018-03-31, 60) = 2023-03-31: 59, in */
             "s4,BSEM,2023-02-28,c4,2018-03-31,PMI,PUER,\n"
             /* add_months (2018-02-28, 60) = 2023-02-28: 60, out */
             "s5,BSEM,2023-02-28,c5,2018-02-28,PMI,PUER,\n");

  r = data_run (d, 2023, "bsem_coverage");
  /* c1, c3, c4: 100 × 3 / 10 = 30.0; c2 and c5 out of the band */
  assert_ok (r, 3, 10, 300);
  g_assert_cmpint (detail_int (r, "out_of_age_band"), ==, 2);
}

static void
test_bsem_out_of_age_band_detail (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "enrolled_3_4,2023-2024,,20,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             "s1,BSEM,2024-01-10,c1,2020-06-15,PMI,PUER,\n"  /* 42: in */
             "s2,BSEM,2024-01-10,c2,2019-01-10,PMI,PUER,\n"  /* 60: out */
             "s3,BSEM,2024-05-10,c2,2019-01-10,PMI,PUER,\n"  /* 64: out, the same child */
             "s4,BSEM,2023-10-01,c3,2021-06-01,PMI,PUER,\n"  /* 28: out... */
             "s5,BSEM,2024-06-05,c3,2021-06-01,PMI,PUER,\n"  /* ...then 36: in, so in the numerator only */
             "s6,BSEM,2024-01-10,c4,2016-01-01,OTHER,PUER,\n" /* out of the band, but not the PMI */
             "s7,BSEM,2023-08-31,c5,2021-09-15,PMI,PUER,\n"  /* 23, but in 2022-2023 */
             "s8,BSEM,2023-09-20,c6,2021-01-20,PMI,PUER,\n"); /* 32: out */

  r = data_run (d, 2024, "bsem_coverage");
  /* Numerator c1, c3: 100 × 2 / 20 = 10.0 */
  assert_ok (r, 2, 20, 100);
  /* Out of the band: c2 (once) and c6; c3 is in the numerator, c4 is not
   * the PMI's, c5 is out of the school year. */
  g_assert_cmpint (detail_int (r, "out_of_age_band"), ==, 2);
  g_assert_cmpint (detail_int (r, "unknown_age"), ==, 0);
}

static void
test_bsem_unknown_age_detail (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "enrolled_3_4,2023-2024,,20,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             "s1,BSEM,2024-01-10,c1,,PMI,PUER,\n"            /* no birth date */
             "s2,BSEM,2024-03-03,c1,,PMI,PUER,\n"            /* the same child again */
             "s3,BSEM,2024-02-02,c2,,PMI,PUER,\n"            /* no birth date here... */
             "s4,BSEM,2024-04-04,c2,2020-05-05,PMI,PUER,\n"  /* ...46 months there: in */
             "s5,BSEM,2024-02-02,c3,,MATERNITY,PUER,\n"      /* not the PMI */
             "s6,BSEM,2024-09-01,c4,,PMI,PUER,\n"            /* next school year */
             "s7,BSEM,2024-02-02,c5,,PMI,PUER,\n"            /* no birth date here... */
             "s8,BSEM,2024-02-03,c5,2019-01-01,PMI,PUER,\n"); /* ...61 months there: out */

  r = data_run (d, 2024, "bsem_coverage");
  /* Numerator c2 only: 100 × 1 / 20 = 5.0 */
  assert_ok (r, 1, 20, 50);
  /* Unknown age: c1 (once). c2 is in the numerator, c5 out of the band,
   * c3 and c4 not counted at all. */
  g_assert_cmpint (detail_int (r, "unknown_age"), ==, 1);
  g_assert_cmpint (detail_int (r, "out_of_age_band"), ==, 1);
  g_assert_cmpuint (r->warnings->len, ==, 1);
  g_assert_cmpuint (count_warnings_starting (r, "1 enfant vu par la PMI pour un BSEM n'a pas de date de naissance"), ==, 1);
}

static void
test_bsem_distinct_children (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "enrolled_3_4,2023-2024,,10,EN\n"
             "enrolled_3_4,2023-2024,North,4,EN\n"
             "enrolled_3_4,2023-2024,South,5,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             "s1,BSEM,2024-01-10,c1,2020-06-15,PMI,PUER,North\n"
             "s2,BSEM,2024-02-10,c1,2020-06-15,PMI,PUER,North\n" /* c1 twice */
             "s3,BSEM,2024-01-11,c2,2020-06-15,PMI,PUER,North\n"
             "s4,BSEM,2024-03-11,c2,2020-06-15,PMI,PUER,South\n" /* c2 in both */
             "s5,BSEM,2024-01-12,c3,2020-06-15,PMI,PUER,\n");    /* c3 without territory */

  r = data_run (d, 2024, "bsem_coverage");
  /* c1, c2, c3: 100 × 3 / 10 = 30.0 */
  assert_ok (r, 3, 10, 300);
  /* North c1, c2: 100 × 2 / 4 = 50.0; South c2: 100 × 1 / 5 = 20.0 */
  assert_strata (r, STRATA ("North", "South"));
  assert_stratum (r, "North", 2, 4, 500);
  assert_stratum (r, "South", 1, 5, 200);
}

static void
test_bsem_provider_and_codes (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "Enrolled_3_4,2023-2024,,10,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             "s1,bsem,2024-01-10,c1,2020-06-15,pmi,puer,\n"
             "s2,Bsem,2024-01-10,c2,2020-06-15,Pmi,Puer,\n"
             "s3,BSEM,2024-01-10,c3,2020-06-15,OTHER,PUER,\n"
             "s4,BSEM,2024-01-10,c4,2020-06-15,Maternity,PUER,\n"
             "s5,BSEM,2024-01-10,c5,2020-06-15,liberal,PUER,\n"
             "s6,CONSULTATION_CHILD,2024-01-10,c6,2020-06-15,PMI,PUER,\n"
             "s7,VAD_CHILD,2024-01-10,c7,2020-06-15,PMI,PUER,\n");

  r = data_run (d, 2024, "bsem_coverage");
  /* c1, c2 (BSEM by the PMI, any case): 100 × 2 / 10 = 20.0 */
  assert_ok (r, 2, 10, 200);
  g_assert_cmpint (detail_int (r, "out_of_age_band"), ==, 0);
  g_assert_cmpint (detail_int (r, "unknown_age"), ==, 0);
}

static void
test_bsem_not_derived_from_births (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "births.csv", BIRTHS "b1,2020-06-15,\nb2,2021-01-01,\nb3,2023-05-05,\nb4,2024-05-05,\n");
  data_file (d, "populations.csv", POPS
             "enrolled_3_4,2024,,50,EN\n"
             "enrolled_3_4,2022-2023,,60,EN\n");
  data_file (d, "pmi_acts.csv", ACTS "s1,BSEM,2024-01-10,c1,2020-06-15,PMI,PUER,\n");

  /* Only the school year's own row is a denominator; births.csv is no
   * substitute for an enrolment count. */
  r = data_run (d, 2024, "bsem_coverage");
  assert_not_available (r, REASON ("le nombre d'enfants scolarisés à 3-4 ans de 2023-2024"));
}

static void
test_bsem_strata_zero_numerator_kept (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "enrolled_3_4,2023-2024,,10,EN\n"
             "enrolled_3_4,2023-2024,North,5,EN\n"
             "enrolled_3_4,2023-2024,South,5,EN\n");
  data_file (d, "pmi_acts.csv", ACTS "s1,BSEM,2024-01-10,c1,2020-06-15,PMI,PUER,North\n");

  r = data_run (d, 2024, "bsem_coverage");
  /* 100 × 1 / 10 = 10.0; North 1 / 5 = 20.0; South 0 / 5 kept */
  assert_ok (r, 1, 10, 100);
  assert_strata (r, STRATA ("North", "South"));
  assert_stratum (r, "North", 1, 5, 200);
  assert_stratum (r, "South", 0, 5, 0);
}

/* Four children in band in 2023-2024 over 10 enrolled: 40.0 %. */
static void
write_bsem_40 (Data *d)
{
  data_file (d, "populations.csv", POPS "enrolled_3_4,2023-2024,,10,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             "s1,BSEM,2024-01-10,c1,2020-06-15,PMI,PUER,\n"
             "s2,BSEM,2024-01-10,c2,2020-06-15,PMI,PUER,\n"
             "s3,BSEM,2024-01-10,c3,2020-06-15,PMI,PUER,\n"
             "s4,BSEM,2024-01-10,c4,2020-06-15,PMI,PUER,\n");
}

static void
test_bsem_text_fr (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  write_bsem_40 (d);
  r = data_run (d, 2024, "bsem_coverage");
  /* 100 × 4 / 10 = 40.0 → « 40,0 », the period written 2023-2024 */
  assert_ok (r, 4, 10, 400);
  g_assert_cmpstr (r->text_fr, ==,
                   "4 enfants de 3-4 ans ont bénéficié du BSEM réalisé par la PMI en 2023-2024 sur 10 enfants "
                   "scolarisés, soit 40,0 %");
}

static void
test_bsem_target_progress_without_previous (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;
  JsonObject *o, *target;

  write_bsem_40 (d);
  r = data_run (d, 2024, "bsem_coverage");
  assert_ok (r, 4, 10, 400);
  /* A progress target cannot be decided without --previous: null. */
  g_assert_cmpint (r->target_met, ==, -1);
  g_assert_false (r->has_previous);
  o = data_bundle_indicator (d, "bsem_coverage");
  target = json_object_get_object_member (o, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "operator"), ==, "progress");
  g_assert_false (json_object_has_member (target, "value"));
  g_assert_true (json_object_get_null_member (o, "target_met"));
}

#define PREVIOUS_BSEM(value) \
  IC_TEST_EARLIER_BUNDLE ("2023", IC_TEST_EARLIER_INDICATOR ("2023", "bsem_coverage", "ok", value, IC_TEST_NO_COUNTS))

static void
test_bsem_target_progress_higher (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;
  JsonObject *o, *previous;

  write_bsem_40 (d);
  /* 40.0 this year, 39.9 last year: higher, met */
  r = data_run_previous (d, 2024, "bsem_coverage", PREVIOUS_BSEM ("39.9"));
  assert_ok (r, 4, 10, 400);
  g_assert_cmpint (r->target_met, ==, 1);
  o = data_bundle_indicator (d, "bsem_coverage");
  g_assert_true (json_object_get_boolean_member (o, "target_met"));
  previous = json_object_get_object_member (o, "previous");
  g_assert_cmpint (json_object_get_int_member (previous, "year"), ==, 2023);
  g_assert_cmpfloat (json_object_get_double_member (previous, "value"), ==, 39.9);
}

static void
test_bsem_target_progress_equal_or_lower (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  write_bsem_40 (d);
  /* 40.0 against 40.0: not higher, not met */
  r = data_run_previous (d, 2024, "bsem_coverage", PREVIOUS_BSEM ("40"));
  assert_ok (r, 4, 10, 400);
  g_assert_cmpint (r->target_met, ==, 0);
  /* 40.0 against 40.1: lower, not met */
  r = data_run_previous (d, 2024, "bsem_coverage", PREVIOUS_BSEM ("40.1"));
  g_assert_cmpint (r->target_met, ==, 0);
  g_assert_false (json_object_get_boolean_member (data_bundle_indicator (d, "bsem_coverage"), "target_met"));
}

static void
test_bsem_target_progress_previous_without_value (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  write_bsem_40 (d);
  /* Last year's bundle has no bsem_coverage: cannot be decided. */
  r = data_run_previous (d, 2024, "bsem_coverage",
                         IC_TEST_EARLIER_BUNDLE ("2023", IC_TEST_EARLIER_INDICATOR ("2023", "epp_pmi_coverage", "ok",
                                                                                   "12.5", IC_TEST_NO_COUNTS)));
  g_assert_cmpint (r->target_met, ==, -1);
  g_assert_true (json_object_get_null_member (data_bundle_indicator (d, "bsem_coverage"), "target_met"));
  /* Last year's bsem_coverage was not available: no value to beat. */
  r = data_run_previous (d, 2024, "bsem_coverage",
                         IC_TEST_EARLIER_BUNDLE ("2023", IC_TEST_EARLIER_INDICATOR ("2023", "bsem_coverage",
                                                                                   "not_available", "null",
                                                                                   IC_TEST_NO_COUNTS)));
  g_assert_cmpint (r->target_met, ==, -1);
}

static void
test_bsem_target_progress_previous_run (void)
{
  g_autoptr (Data) d = data_new ();
  g_autofree char *previous = NULL;
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "enrolled_3_4,2022-2023,,10,EN\n"
             "enrolled_3_4,2023-2024,,10,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             "s1,BSEM,2023-01-10,c1,2019-06-15,PMI,PUER,\n"
             "s2,BSEM,2023-01-10,c2,2019-06-15,PMI,PUER,\n"
             "s3,BSEM,2023-01-10,c3,2019-06-15,PMI,PUER,\n"
             "s4,BSEM,2024-01-10,c4,2020-06-15,PMI,PUER,\n"
             "s5,BSEM,2024-01-10,c5,2020-06-15,PMI,PUER,\n"
             "s6,BSEM,2024-01-10,c6,2020-06-15,PMI,PUER,\n"
             "s7,BSEM,2024-01-10,c7,2020-06-15,PMI,PUER,\n");

  /* 2022-2023: 100 × 3 / 10 = 30.0; its bundle is next year's --previous. */
  r = data_run (d, 2023, "bsem_coverage");
  assert_ok (r, 3, 10, 300);
  data_bundle_indicator (d, "bsem_coverage");
  previous = g_strdup (d->text);

  /* 2023-2024: 100 × 4 / 10 = 40.0 > 30.0, met */
  r = data_run_previous (d, 2024, "bsem_coverage", previous);
  assert_ok (r, 4, 10, 400);
  g_assert_cmpint (r->target_met, ==, 1);
  g_assert_cmpint (r->previous_year, ==, 2023);
  g_assert_cmpint (r->previous_tenths, ==, 300);
}

/* ================================================================== */
/* vad_child_share                                                     */

static void
test_vad_calendar_year_bounds (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "children_under_2,2023,,5,CD\n"
             "children_under_2,2024,,10,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             "v1,VAD_CHILD,2023-12-31,k1,2023-06-01,PMI,PUER,\n"  /* 6 months, in 2023 */
             "v2,VAD_CHILD,2024-01-01,k2,2023-06-01,PMI,PUER,\n"  /* 7 months, first day of 2024 */
             "v3,VAD_CHILD,2024-12-31,k3,2024-06-01,PMI,PUER,\n"  /* 6 months, last day of 2024 */
             "v4,VAD_CHILD,2025-01-01,k4,2024-06-01,PMI,PUER,\n"); /* 2025 */

  r = data_run (d, 2024, "vad_child_share");
  /* k2, k3: 100 × 2 / 10 = 20.0 */
  assert_ok (r, 2, 10, 200);
  r = data_run (d, 2023, "vad_child_share");
  /* k1: 100 × 1 / 5 = 20.0 */
  assert_ok (r, 1, 5, 200);
}

static void
test_vad_age_upper_bound_excluded (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "children_under_2,2024,,10,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             /* add_months (2022-03-15, 24) = 2024-03-15 > 2024-03-14: 23, in */
             "v1,VAD_CHILD,2024-03-14,k1,2022-03-15,PMI,PUER,\n"
             /* exactly 24 months: out */
             "v2,VAD_CHILD,2024-03-15,k2,2022-03-15,PMI,PUER,\n"
             /* on the day of birth: 0 months, in */
             "v3,VAD_CHILD,2024-03-01,k3,2024-03-01,PMI,PUER,\n"
             /* add_months (2022-04-30, 24) = 2024-04-30: 24, out */
             "v4,VAD_CHILD,2024-04-30,k4,2022-04-30,PMI,PUER,\n"
             /* add_months (2022-02-28, 24) = 2024-02-28 > 2024-02-27: 23, in */
             "v5,VAD_CHILD,2024-02-27,k5,2022-02-28,PMI,PUER,\n");

  r = data_run (d, 2024, "vad_child_share");
  /* k1, k3, k5: 100 × 3 / 10 = 30.0 */
  assert_ok (r, 3, 10, 300);
  g_assert_cmpint (parameter (r, "age_max_months"), ==, 24);
}

static void
test_vad_age_clamped_month_end (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  /* Y = 2022: February 2022 has 28 days. */
  data_file (d, "populations.csv", POPS "children_under_2,2022,,5,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             /* add_months (2020-02-29, 24) = 2022-02-28 (clamped): 24, out */
             "v1,VAD_CHILD,2022-02-28,k1,2020-02-29,PMI,PUER,\n"
             /* the day before: 23, in */
             "v2,VAD_CHILD,2022-02-27,k2,2020-02-29,PMI,PUER,\n"
             /* add_months (2021-12-31, 2) = 2022-02-28 (clamped): 2, in */
             "v3,VAD_CHILD,2022-02-28,k3,2021-12-31,PMI,PUER,\n");

  r = data_run (d, 2022, "vad_child_share");
  /* k2, k3: 100 × 2 / 5 = 40.0 (k1 would make it 60.0 without the clamp) */
  assert_ok (r, 2, 5, 400);
}

static void
test_vad_unknown_age_detail (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "children_under_2,2024,,10,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             "v1,VAD_CHILD,2024-01-10,k1,,PMI,PUER,\n"            /* no birth date */
             "v2,VAD_CHILD,2024-02-10,k1,,PMI,PUER,\n"            /* k1 again */
             "v3,VAD_CHILD,2024-03-01,k2,,PMI,PUER,\n"            /* no birth date here... */
             "v4,VAD_CHILD,2024-04-01,k2,2023-05-05,PMI,PUER,\n"  /* ...10 months there: in */
             "v5,VAD_CHILD,2024-03-01,k3,,PMI,PUER,\n"            /* no birth date here... */
             "v6,VAD_CHILD,2024-03-02,k3,2021-01-01,PMI,PUER,\n"  /* ...38 months there: out */
             "v7,VAD_CHILD,2024-03-01,k4,,LIBERAL,PUER,\n"        /* not the PMI */
             "v8,VAD_CHILD,2025-01-02,k5,,PMI,PUER,\n");          /* 2025 */

  r = data_run (d, 2024, "vad_child_share");
  /* Numerator k2: 100 × 1 / 10 = 10.0 */
  assert_ok (r, 1, 10, 100);
  /* Unknown age: k1 only (once). k2 is in the numerator and k3's birth date
   * is known; k4 and k5 are not counted at all. */
  g_assert_cmpint (detail_int (r, "unknown_age"), ==, 1);
  g_assert_cmpuint (r->warnings->len, ==, 1);
  g_assert_cmpuint (count_warnings_starting (r, "1 enfant visité à domicile par la PMI n'a pas de date de naissance"), ==, 1);
}

static void
test_vad_distinct_children (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS
             "children_under_2,2024,,10,CD\n"
             "children_under_2,2024,North,4,CD\n"
             "children_under_2,2024,South,5,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             "v1,VAD_CHILD,2024-01-10,k1,2023-06-01,PMI,PUER,North\n"
             "v2,VAD_CHILD,2024-02-10,k1,2023-06-01,PMI,PUER,North\n" /* k1 twice */
             "v3,VAD_CHILD,2024-01-11,k2,2023-06-01,PMI,PUER,North\n"
             "v4,VAD_CHILD,2024-03-11,k2,2023-06-01,PMI,PUER,South\n" /* k2 in both */
             "v5,VAD_CHILD,2024-01-12,k3,2023-06-01,PMI,PUER,\n");    /* no territory */

  r = data_run (d, 2024, "vad_child_share");
  /* k1, k2, k3: 100 × 3 / 10 = 30.0; North k1, k2: 2 / 4 = 50.0; South
   * k2: 1 / 5 = 20.0 */
  assert_ok (r, 3, 10, 300);
  assert_strata (r, STRATA ("North", "South"));
  assert_stratum (r, "North", 2, 4, 500);
  assert_stratum (r, "South", 1, 5, 200);
}

static void
test_vad_provider_and_codes (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "children_under_2,2024,,10,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             "v1,vad_child,2024-01-10,k1,2023-06-01,pmi,puer,\n"
             "v2,Vad_Child,2024-01-10,k2,2023-06-01,Pmi,,\n"
             "v3,VAD_CHILD,2024-01-10,k3,2023-06-01,LIBERAL,PUER,\n"
             "v4,VAD_CHILD,2024-01-10,k4,2023-06-01,other,PUER,\n"
             "v5,VAD_CHILD,2024-01-10,k5,2023-06-01,MATERNITY,PUER,\n"
             "v6,VAD_POSTNATAL,2024-01-10,k6,,PMI,PUER,\n"
             "v7,CONSULTATION_CHILD,2024-01-10,k7,2023-06-01,PMI,MED,\n");

  r = data_run (d, 2024, "vad_child_share");
  /* k1, k2: 100 × 2 / 10 = 20.0 */
  assert_ok (r, 2, 10, 200);
}

/* Births of 2023 and 2024 (4: North 2, South 1, one without territory), one
 * of 2022 and one of 2025; one child of North visited at 13 months. */
static void
write_vad_births (Data *d)
{
  data_file (d, "births.csv", BIRTHS
             "b1,2022-12-31,North\n"
             "b2,2023-01-01,North\n"
             "b3,2023-12-31,South\n"
             "b4,2024-01-01,North\n"
             "b5,2024-12-31,\n"
             "b6,2025-01-01,South\n");
  data_file (d, "pmi_acts.csv", ACTS "v1,VAD_CHILD,2024-02-01,k1,2023-01-01,PMI,PUER,North\n");
}

static void
test_vad_population_derived_two_years (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  write_vad_births (d);
  r = data_run (d, 2024, "vad_child_share");
  /* children_under_2 for 2024 = births of 2023 and 2024 = b2..b5 = 4:
   * 100 × 1 / 4 = 25.0 */
  assert_ok (r, 1, 4, 250);
  g_assert_cmpstr (population_source (r, "children_under_2")->origin, ==, "births.csv");
  /* North b2, b4: 1 / 2 = 50.0; South b3: 0 / 1, kept */
  assert_strata (r, STRATA ("North", "South"));
  assert_stratum (r, "North", 1, 2, 500);
  assert_stratum (r, "South", 0, 1, 0);
}

static void
test_vad_population_needs_both_years (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "pmi_acts.csv", ACTS "v1,VAD_CHILD,2024-02-01,k1,2023-01-01,PMI,PUER,\n");
  /* No birth in 2023: children_under_2 for 2024 cannot be derived. */
  data_file (d, "births.csv", BIRTHS "b1,2024-02-02,\nb2,2024-03-03,\n");
  r = data_run (d, 2024, "vad_child_share");
  assert_not_available (r, REASON ("le nombre d'enfants de moins de 2 ans de 2024", "aucune ligne en 2023"));
  /* No birth in 2024 either way round. */
  data_file (d, "births.csv", BIRTHS "b1,2023-02-02,\nb2,2023-03-03,\n");
  r = data_run (d, 2024, "vad_child_share");
  assert_not_available (r, REASON ("le nombre d'enfants de moins de 2 ans de 2024", "aucune ligne en 2024"));
  /* One birth in each year: 100 × 1 / 3 = 33.3 */
  data_file (d, "births.csv", BIRTHS "b1,2023-02-02,\nb2,2023-03-03,\nb3,2024-01-01,\n");
  r = data_run (d, 2024, "vad_child_share");
  assert_ok (r, 1, 3, 333);
}

static void
test_vad_population_reference_first (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  write_vad_births (d);
  data_file (d, "populations.csv", POPS
             "children_under_2,2024,,8,CD\n"
             "children_under_2,2024,North,2,CD\n");
  r = data_run (d, 2024, "vad_child_share");
  /* The reference 8 wins over the derived 4: 100 × 1 / 8 = 12.5 */
  assert_ok (r, 1, 8, 125);
  g_assert_cmpstr (population_source (r, "children_under_2")->origin, ==, "populations.csv");
  /* One warning (8 against 4); North agrees (2 and 2). */
  g_assert_cmpuint (r->warnings->len, ==, 1);
  g_assert_cmpuint (count_warnings_with (r, "populations.csv donne 8", "births.csv 4"), ==, 1);
  /* North 1 / 2 = 50.0; South derived 0 / 1 */
  assert_stratum (r, "North", 1, 2, 500);
  assert_stratum (r, "South", 0, 1, 0);
}

static void
test_vad_text_fr (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "children_under_2,2024,,10,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             "v1,VAD_CHILD,2024-01-10,k1,2023-06-01,PMI,PUER,\n"
             "v2,VAD_CHILD,2024-01-10,k2,2023-06-01,PMI,PUER,\n");
  r = data_run (d, 2024, "vad_child_share");
  /* 100 × 2 / 10 = 20.0 → « 20,0 » */
  assert_ok (r, 2, 10, 200);
  g_assert_cmpstr (r->text_fr, ==,
                   "2 enfants de moins de 2 ans ont bénéficié d'une visite à domicile de la PMI en 2024 sur 10 "
                   "enfants de moins de 2 ans, soit 20,0 %");
}

/* pmi_acts.csv with @n children visited at 7 months in 2024;
 * children_under_2 = @under_2. */
static void
write_vad (Data *d, guint n, gint64 under_2)
{
  g_autoptr (GString) acts = g_string_new (ACTS);
  g_autofree char *pops = g_strdup_printf (POPS "children_under_2,2024,,%" G_GINT64_FORMAT ",CD\n", under_2);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (acts, "v%u,VAD_CHILD,2024-01-10,k%u,2023-06-01,PMI,PUER,\n", i, i);
  data_file (d, "pmi_acts.csv", acts->str);
  data_file (d, "populations.csv", pops);
}

static void
test_vad_target_at_least_15 (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  /* 100 × 3 / 20 = 15.0: met */
  write_vad (d, 3, 20);
  r = data_run (d, 2024, "vad_child_share");
  assert_ok (r, 3, 20, 150);
  g_assert_cmpint (r->target_met, ==, 1);
  /* 100 × 1 / 7 = 14.29 → 14.3: not met */
  write_vad (d, 1, 7);
  r = data_run (d, 2024, "vad_child_share");
  assert_ok (r, 1, 7, 143);
  g_assert_cmpint (r->target_met, ==, 0);
  /* 100 × 16 / 107 = 14.953... shows 15.0, but is below 15 %: not met */
  write_vad (d, 16, 107);
  r = data_run (d, 2024, "vad_child_share");
  assert_ok (r, 16, 107, 150);
  g_assert_cmpint (r->target_met, ==, 0);
}

/* ================================================================== */
/* ip_eval_3m_rate                                                     */

static void
test_ip_calendar_year_evaluation_end (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "ip.csv", IPS
             "i1,2023-10-01,2024-01-01,\n"  /* ended on the first day of 2024; add_months = 2024-01-01: within */
             "i2,2024-10-01,2024-12-31,\n"  /* ended on the last day; add_months = 2025-01-01: within */
             "i3,2023-12-01,2023-12-31,\n"  /* ended in 2023 */
             "i4,2024-12-01,2025-01-01,\n"  /* ended in 2025 */
             "i5,2024-06-01,,\n"            /* not evaluated */
             "i6,2024-01-01,2024-05-01,\n"); /* add_months = 2024-04-01 < 2024-05-01: late */

  r = data_run (d, 2024, "ip_eval_3m_rate");
  /* Evaluated in 2024: i1, i2, i6 = 3; within: i1, i2 = 2;
   * 100 × 2 / 3 = 66.67 → 66.7 */
  assert_ok (r, 2, 3, 667);
  /* Received in 2024: i2, i4, i5, i6 = 4 */
  g_assert_cmpint (detail_int (r, "received"), ==, 4);

  r = data_run (d, 2023, "ip_eval_3m_rate");
  /* Evaluated in 2023: i3, within (add_months = 2024-03-01): 1 / 1 = 100.0;
   * received in 2023: i1, i3 = 2 */
  assert_ok (r, 1, 1, 1000);
  g_assert_cmpint (detail_int (r, "received"), ==, 2);

  r = data_run (d, 2025, "ip_eval_3m_rate");
  /* Evaluated in 2025: i4, within (add_months = 2025-03-01): 1 / 1; none received in 2025 */
  assert_ok (r, 1, 1, 1000);
  g_assert_cmpint (detail_int (r, "received"), ==, 0);
}

static void
test_ip_add_months_clamp (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "ip.csv", IPS
             "i1,2024-11-30,2025-02-28,\n"  /* add_months = 2025-02-28 (clamped): within */
             "i2,2024-11-30,2025-03-01,\n"  /* one day late */
             "i3,2024-11-29,2025-02-28,\n"  /* add_months = 2025-02-28 (clamped): within */
             "i4,2024-11-28,2025-03-01,\n"); /* add_months = 2025-02-28: late */

  r = data_run (d, 2025, "ip_eval_3m_rate");
  /* i1, i3 of 4: 100 × 2 / 4 = 50.0 */
  assert_ok (r, 2, 4, 500);
}

static void
test_ip_add_months_clamp_leap (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "ip.csv", IPS
             "i1,2023-11-30,2024-02-29,\n"  /* add_months = 2024-02-29 (clamped, leap): within */
             "i2,2023-11-30,2024-03-01,\n"  /* one day late */
             "i3,2023-11-29,2024-02-29,\n"  /* add_months = 2024-02-29: within, on the day */
             "i4,2023-11-28,2024-02-29,\n"); /* add_months = 2024-02-28: one day late */

  r = data_run (d, 2024, "ip_eval_3m_rate");
  /* i1, i3 of 4: 100 × 2 / 4 = 50.0 */
  assert_ok (r, 2, 4, 500);
}

static void
test_ip_add_months_month_end (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "ip.csv", IPS
             "i1,2024-08-31,2024-11-30,\n"  /* add_months = 2024-11-30 (clamped): within */
             "i2,2024-08-31,2024-12-01,\n"  /* late */
             "i3,2024-07-31,2024-10-31,\n"  /* add_months = 2024-10-31: within */
             "i4,2024-05-31,2024-08-31,\n"  /* add_months = 2024-08-31: within */
             "i5,2024-03-31,2024-07-01,\n"  /* add_months = 2024-06-30: late */
             "i6,2024-03-31,2024-06-30,\n"); /* within, on the day */

  r = data_run (d, 2024, "ip_eval_3m_rate");
  /* i1, i3, i4, i6 of 6: 100 × 4 / 6 = 66.67 → 66.7 */
  assert_ok (r, 4, 6, 667);
}

/* Four evaluations ended in 2024 with delays 10, 20, 31 and 40 days. */
static const char ip_even[] = IPS
  "i1,2024-01-01,2024-01-11,\n"  /* 10 days */
  "i2,2024-02-01,2024-02-21,\n"  /* 20 days */
  "i3,2024-03-01,2024-04-01,\n"  /* 31 days */
  "i4,2023-12-22,2024-01-31,\n"  /* 9 + 31 = 40 days; received in 2023 */
  "i5,2024-12-20,,\n"            /* received, not evaluated */
  "i6,2024-11-01,2025-01-05,\n"  /* received, evaluated in 2025 */
  "i7,2023-05-05,2023-06-01,\n"; /* nothing to do with 2024 */

static void
test_ip_delays_even_count (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "ip.csv", ip_even);
  r = data_run (d, 2024, "ip_eval_3m_rate");
  /* All four within three months: 100 × 4 / 4 = 100.0 */
  assert_ok (r, 4, 4, 1000);
  /* Received in 2024: i1, i2, i3, i5, i6 = 5 */
  g_assert_cmpint (detail_int (r, "received"), ==, 5);
  /* Mean (10 + 20 + 31 + 40) / 4 = 101 / 4 = 25.25 → 25.3 (half up, not
   * to even); median of an even count (20 + 31) / 2 = 25.5 */
  assert_bundle_detail (d, "ip_eval_3m_rate", "mean_delay_days", 25.3);
  assert_bundle_detail (d, "ip_eval_3m_rate", "median_delay_days", 25.5);
}

static void
test_ip_delays_odd_count (void)
{
  g_autoptr (Data) d = data_new ();
  g_autofree char *ips = g_strconcat (ip_even,
                                      /* Jan 15 → May 20, 2024: 31 + 29 + 31 + 30 + 5 = 126 days;
                                       * add_months = 2024-04-15: late */
                                      "i8,2024-01-15,2024-05-20,\n", NULL);
  IcResult *r;

  data_file (d, "ip.csv", ips);
  r = data_run (d, 2024, "ip_eval_3m_rate");
  /* 100 × 4 / 5 = 80.0 */
  assert_ok (r, 4, 5, 800);
  g_assert_cmpint (detail_int (r, "received"), ==, 6);
  /* Mean (101 + 126) / 5 = 227 / 5 = 45.4; median of 10, 20, 31, 40, 126 = 31.0 */
  assert_bundle_detail (d, "ip_eval_3m_rate", "mean_delay_days", 45.4);
  assert_bundle_detail (d, "ip_eval_3m_rate", "median_delay_days", 31.0);
}

static void
test_ip_strata_territories_evaluated (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "ip.csv", IPS
             "i1,2024-01-10,2024-02-10,North\n" /* within */
             "i2,2024-01-10,2024-06-10,North\n" /* late */
             "i3,2024-02-01,2024-07-01,South\n" /* late */
             "i4,2024-03-01,,East\n"            /* received only */
             "i5,2024-11-01,2025-01-05,West\n"  /* evaluated in 2025 */
             "i6,2024-05-05,2024-05-06,\n");    /* within, no territory */

  r = data_run (d, 2024, "ip_eval_3m_rate");
  /* i1, i6 of i1, i2, i3, i6: 100 × 2 / 4 = 50.0 */
  assert_ok (r, 2, 4, 500);
  /* North 1 / 2 = 50.0; South 0 / 1 kept; East and West evaluated nothing in 2024 */
  assert_strata (r, STRATA ("North", "South"));
  assert_stratum (r, "North", 1, 2, 500);
  assert_stratum (r, "South", 0, 1, 0);
}

static void
test_ip_not_available_no_evaluation (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;
  JsonObject *o;

  data_file (d, "ip.csv", IPS
             "i1,2024-03-01,,North\n"
             "i2,2024-06-01,2025-01-10,North\n"
             "i3,2023-01-01,2023-02-01,North\n");

  r = data_run (d, 2024, "ip_eval_3m_rate");
  /* No evaluation ended in 2024: a denominator of 0, never 0 %. */
  assert_not_available (r, REASON ("aucune évaluation d'IP n'a été conclue en 2024"));
  /* Received in 2024: i1, i2 */
  g_assert_cmpint (detail_int (r, "received"), ==, 2);
  o = data_bundle_indicator (d, "ip_eval_3m_rate");
  g_assert_true (json_object_get_null_member (o, "value"));
  g_assert_true (json_object_get_null_member (o, "text_fr"));
  assert_bundle_detail (d, "ip_eval_3m_rate", "mean_delay_days", NAN);
  assert_bundle_detail (d, "ip_eval_3m_rate", "median_delay_days", NAN);
}

static void
test_ip_text_fr (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "ip.csv", IPS
             "i1,2024-01-10,2024-02-10,\n"
             "i2,2024-01-10,2024-02-10,\n"
             "i3,2024-01-10,2024-02-10,\n"
             "i4,2024-01-10,2024-06-10,\n"
             "i5,2024-01-10,2024-06-10,\n"
             "i6,2024-01-10,2024-06-10,\n"
             "i7,2024-01-10,2024-06-10,\n");
  r = data_run (d, 2024, "ip_eval_3m_rate");
  /* 100 × 3 / 7 = 42.857 → « 42,9 » */
  assert_ok (r, 3, 7, 429);
  g_assert_cmpstr (r->text_fr, ==, "3 IP évaluées dans les 3 mois suivant leur réception sur 7 IP évaluées en 2024, soit 42,9 %");
}

/* ip.csv with @n IPs ended in 2024, @late of them after three months. */
static void
write_ip (Data *d, guint n, guint late)
{
  g_autoptr (GString) ips = g_string_new (IPS);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (ips, "i%u,2024-01-10,%s,\n", i, i < late ? "2024-06-10" : "2024-02-10");
  data_file (d, "ip.csv", ips->str);
}

static void
test_ip_target_100_exact (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  /* 100 × 2 / 2 = 100.0: every evaluation within three months, met */
  write_ip (d, 2, 0);
  r = data_run (d, 2024, "ip_eval_3m_rate");
  assert_ok (r, 2, 2, 1000);
  g_assert_cmpint (r->target_met, ==, 1);
  /* 100 × 1999 / 2000 = 99.95 shows as 100.0 (half up), but one
   * evaluation was late: the target of 100 % is not met. */
  write_ip (d, 2000, 1);
  r = data_run (d, 2024, "ip_eval_3m_rate");
  assert_ok (r, 1999, 2000, 1000);
  g_assert_cmpint (r->target_met, ==, 0);
}

/* ================================================================== */
/* Rules common to the four                                            */

static void
test_common_not_available_missing_file (void)
{
  g_autoptr (Data) d = data_new ();
  const char *ids[] = { "bsem_coverage", "epp_pmi_coverage", "ip_eval_3m_rate", "vad_child_share" };

  /* Every population is there, but neither pmi_acts.csv nor ip.csv. */
  data_file (d, "populations.csv", POPS
             "births,2024,,10,INSEE\n"
             "enrolled_3_4,2023-2024,,10,EN\n"
             "children_under_2,2024,,10,CD\n");
  data_run (d, 2024, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      IcResult *r = ic_test_result (d->run, ids[i]);
      JsonObject *o = data_bundle_indicator (d, ids[i]);
      const char *file = strcmp (ids[i], "ip_eval_3m_rate") == 0 ? "ip.csv" : "pmi_acts.csv";
      assert_not_available (r, REASON (file));
      g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "not_available");
      g_assert_true (json_object_get_null_member (o, "value"));
      g_assert_true (json_object_get_null_member (o, "target_met"));
      g_assert_nonnull (strstr (json_object_get_string_member (o, "reason"), file));
    }
}

static void
test_common_not_available_missing_population (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-01-10,w1,,PMI,SF,\n"
             "s1,BSEM,2024-01-10,c1,2020-06-15,PMI,PUER,\n"
             "v1,VAD_CHILD,2024-01-10,k1,2023-06-01,PMI,PUER,\n");

  /* Neither populations.csv nor births.csv: each reason names the
   * population, its period and the missing file. */
  data_run (d, 2024, NULL);
  assert_not_available (ic_test_result (d->run, "epp_pmi_coverage"),
                        REASON ("le nombre de naissances de 2024", "le fichier populations.csv manque", "births.csv"));
  assert_not_available (ic_test_result (d->run, "bsem_coverage"),
                        REASON ("le nombre d'enfants scolarisés à 3-4 ans de 2023-2024", "le fichier populations.csv manque"));
  assert_not_available (ic_test_result (d->run, "vad_child_share"),
                        REASON ("le nombre d'enfants de moins de 2 ans de 2024", "le fichier populations.csv manque",
                                "births.csv"));

  /* A populations.csv without the rows asked for. */
  data_file (d, "populations.csv", POPS "other_population,2024,,5,X\n");
  data_run (d, 2024, NULL);
  assert_not_available (ic_test_result (d->run, "epp_pmi_coverage"),
                        REASON ("le nombre de naissances de 2024", "populations.csv n'a pas de ligne « births » pour 2024"));
  assert_not_available (ic_test_result (d->run, "bsem_coverage"),
                        REASON ("le nombre d'enfants scolarisés à 3-4 ans de 2023-2024",
                                "populations.csv n'a pas de ligne « enrolled_3_4 » pour 2023-2024"));
  r = ic_test_result (d->run, "vad_child_share");
  assert_not_available (r, REASON ("le nombre d'enfants de moins de 2 ans de 2024",
                                   "populations.csv n'a pas de ligne « children_under_2 » pour 2024"));
}

static void
test_common_not_available_zero_denominator (void)
{
  g_autoptr (Data) d = data_new ();
  const char *ids[] = { "bsem_coverage", "epp_pmi_coverage", "ip_eval_3m_rate", "vad_child_share" };

  data_file (d, "populations.csv", POPS
             "births,2024,,0,INSEE\n"
             "enrolled_3_4,2023-2024,,0,EN\n"
             "children_under_2,2024,,0,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPP,2024-01-10,w1,,PMI,SF,\n"
             "s1,BSEM,2024-01-10,c1,2020-06-15,PMI,PUER,\n"
             "v1,VAD_CHILD,2024-01-10,k1,2023-06-01,PMI,PUER,\n");
  data_file (d, "ip.csv", IPS "i1,2024-01-10,,\n");

  data_run (d, 2024, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      IcResult *r = ic_test_result (d->run, ids[i]);
      JsonObject *o = data_bundle_indicator (d, ids[i]);
      /* Each has a numerator (1, or 0 IP) over 0: not available, never 0 % */
      assert_not_available (r, strcmp (ids[i], "ip_eval_3m_rate") == 0 ? REASON ("aucune évaluation d'IP n'a été conclue en 2024") : REASON ("est 0"));
      g_assert_true (json_object_get_null_member (o, "value"));
      g_assert_true (json_object_get_null_member (o, "text_fr"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "strata")), ==, 0);
    }

  /* A population derived as 0: births.csv has births in 2023 only. */
  data_remove (d, "populations.csv");
  data_file (d, "births.csv", BIRTHS "b1,2023-05-05,\n");
  assert_not_available (data_run (d, 2024, "epp_pmi_coverage"), REASON ("le dénominateur, le nombre de naissances de 2024, est 0"));
}

static void
test_common_rounding_half_up_exact (void)
{
  /* One year per case: numerator n women, denominator d births. */
  static const struct { int year; guint n; gint64 d; gint64 tenths; double value; } cases[] = {
    { 2001, 1, 8, 125, 12.5 },     /* 100 × 1 / 8 = 12.5 exactly */
    { 2002, 1, 400, 3, 0.3 },      /* 0.25 → 0.3 (half up, not to even) */
    { 2003, 7, 2000, 4, 0.4 },     /* 0.35 → 0.4 (0.35 is 0.34999... as a double) */
    { 2004, 133, 2000, 67, 6.7 },  /* 6.65 → 6.7 (6.65 is not exact as a double) */
    { 2005, 1, 3, 333, 33.3 },     /* 33.33... → 33.3 */
    { 2006, 2, 3, 667, 66.7 },     /* 66.66... → 66.7 */
    { 2007, 1, 2001, 0, 0.0 },     /* 0.049975 → 0.0: a real 0.0, status ok */
    { 2008, 3, 3, 1000, 100.0 },   /* 100.0 */
    { 2009, 1, 16, 63, 6.3 },      /* 6.25 → 6.3 */
  };
  g_autoptr (Data) d = data_new ();
  g_autoptr (GString) acts = g_string_new (ACTS);
  g_autoptr (GString) pops = g_string_new (POPS);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_string_append_printf (pops, "births,%d,,%" G_GINT64_FORMAT ",INSEE\n", cases[c].year, cases[c].d);
      for (guint i = 0; i < cases[c].n; i++)
        g_string_append_printf (acts, "a%d-%u,EPP,%d-06-15,w%d-%u,,PMI,SF,\n",
                                cases[c].year, i, cases[c].year, cases[c].year, i);
    }
  data_file (d, "pmi_acts.csv", acts->str);
  data_file (d, "populations.csv", pops->str);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      IcResult *r = data_run (d, cases[c].year, "epp_pmi_coverage");
      JsonObject *o;
      g_test_message ("%d: %u / %" G_GINT64_FORMAT, cases[c].year, cases[c].n, cases[c].d);
      assert_ok (r, cases[c].n, cases[c].d, cases[c].tenths);
      o = data_bundle_indicator (d, "epp_pmi_coverage");
      g_assert_cmpfloat (json_object_get_double_member (o, "value"), ==, cases[c].value);
    }
  /* As written, with one decimal at most: 0.35 → "0.4", never "0.39999..." */
  data_run (d, 2003, "epp_pmi_coverage");
  data_bundle_indicator (d, "epp_pmi_coverage");
  g_assert_nonnull (strstr (d->text, "\"value\": 0.4,"));
}

static void
test_common_child_act_before_birth_invalid (void)
{
  g_autoptr (Data) d = data_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcRun) run = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  IcResult *r;

  data_file (d, "populations.csv", POPS "enrolled_3_4,2023-2024,,10,EN\n");
  data_file (d, "pmi_acts.csv", ACTS
             "s1,BSEM,2024-01-10,c1,2020-06-15,PMI,PUER,\n"
             "s2,BSEM,2024-01-10,c2,2024-02-01,PMI,PUER,\n"); /* seen before being born */

  /* Strict: the run stops, naming the file. */
  run = ic_test_run (plugins, d->dir, 2024, "bsem_coverage", FALSE, problems, &error);
  g_assert_null (run);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "pmi_acts.csv"));

  /* Lenient: the row is set aside and the indicator says so. 100 × 1 / 10 = 10.0 */
  g_clear_error (&error);
  d->run = ic_test_run (plugins, d->dir, 2024, "bsem_coverage", TRUE, NULL, &error);
  g_assert_no_error (error);
  r = ic_test_result (d->run, "bsem_coverage");
  assert_ok (r, 1, 10, 100);
  g_assert_cmpuint (count_warnings_with (r, "pmi_acts.csv", NULL), ==, 1);
}

static void
test_common_fixed_target_ignores_previous (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  write_epp (d, 1, 5);
  /* 20.0 now, 50.0 last year: the fixed target (>= 20) is still met. */
  r = data_run_previous (d, 2024, "epp_pmi_coverage",
                         IC_TEST_EARLIER_BUNDLE ("2023", IC_TEST_EARLIER_INDICATOR ("2023", "epp_pmi_coverage", "ok",
                                                                                   "50", IC_TEST_NO_COUNTS)));
  assert_ok (r, 1, 5, 200);
  g_assert_cmpint (r->target_met, ==, 1);
  g_assert_true (r->has_previous);
  g_assert_cmpint (r->previous_tenths, ==, 500);
}

/* ------------------------------------------------------------------ */
/* epnp_pmi_coverage and consultation_child_share (issue 7).          */

static void
test_epnp_distinct_women_pmi_only (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "births.csv", BIRTHS
             "b1,2024-01-10,North\n" "b2,2024-02-10,North\n" "b3,2024-03-10,North\n"
             "b4,2024-04-10,South\n" "b5,2024-05-10,South\n" "b6,2024-06-10,South\n"
             "b7,2023-12-31,South\n");
  data_file (d, "pmi_acts.csv", ACTS
             "a1,EPNP,2024-02-01,w1,,PMI,SF,North\n"
             "a2,epnp,2024-03-01,w1,,pmi,SF,North\n"      /* the same woman, codes in lower case */
             "a3,EPNP,2024-04-01,w2,,MATERNITY,SF,South\n" /* not the PMI */
             "a4,EPNP,2023-12-30,w3,,PMI,SF,South\n"       /* 2023 */
             "a5,EPP,2024-04-01,w4,,PMI,SF,South\n"        /* an EPP, not an EPNP */
             "a6,EPNP,2024-12-31,w5,,PMI,SF,South\n");
  r = data_run (d, 2024, "epnp_pmi_coverage");
  /* w1 and w5 over the 6 births of 2024 (b7 is 2023): 100 × 2 / 6 = 33.33 → 33.3 */
  assert_ok (r, 2, 6, 333);
  /* North: w1 of 3 births = 33.3; South: w5 of 3 = 33.3 */
  assert_stratum (r, "North", 1, 3, 333);
  assert_stratum (r, "South", 1, 3, 333);
  /* No national target yet. */
  g_assert_cmpint (r->target_met, ==, -1);
  g_assert_cmpstr (r->text_fr, ==, "2 femmes ont bénéficié d'un EPNP réalisé par la PMI en 2024 sur 6 naissances, soit 33,3 %");
}

static void
test_consultation_under_two (void)
{
  g_autoptr (Data) d = data_new ();
  IcResult *r;

  data_file (d, "populations.csv", POPS "children_under_2,2024,,40,CD\n");
  data_file (d, "pmi_acts.csv", ACTS
             /* c1 born 2022-11-30: on 2024-10-30 she is 23 months (30 Oct < 30 Nov), counted */
             "a1,CONSULTATION_CHILD,2024-10-30,c1,2022-11-30,PMI,MED,North\n"
             /* c2 born 2022-06-15: 24 months on 2024-06-15, the upper bound excluded */
             "a2,CONSULTATION_CHILD,2024-06-15,c2,2022-06-15,PMI,MED,North\n"
             /* c3: seen twice, counted once */
             "a3,CONSULTATION_CHILD,2024-02-01,c3,2023-05-01,PMI,MED,South\n"
             "a4,consultation_child,2024-03-01,c3,2023-05-01,PMI,PUER,South\n"
             /* c4: a liberal doctor, not the PMI */
             "a5,CONSULTATION_CHILD,2024-02-01,c4,2023-05-01,LIBERAL,MED,South\n"
             /* c5: no birth date: unknown age, not counted */
             "a6,CONSULTATION_CHILD,2024-02-01,c5,,PMI,MED,South\n"
             /* c6: a home visit, not a consultation */
             "a7,VAD_CHILD,2024-02-01,c6,2023-05-01,PMI,PUER,South\n");
  r = data_run (d, 2024, "consultation_child_share");
  /* c1 and c3 over 40: 100 × 2 / 40 = 5.0; target 20 % not met */
  assert_ok (r, 2, 40, 50);
  g_assert_cmpint (detail_int (r, "unknown_age"), ==, 1);
  g_assert_cmpint (r->target_met, ==, 0);
  g_assert_cmpuint (r->warnings->len, ==, 1);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  plugins = ic_test_real_plugins ();

  g_test_add_func ("/indicators/epp/calendar-year-bounds", test_epp_calendar_year_bounds);
  g_test_add_func ("/indicators/epp/distinct-women", test_epp_distinct_women);
  g_test_add_func ("/indicators/epp/provider-not-pmi-excluded", test_epp_provider_not_pmi_excluded);
  g_test_add_func ("/indicators/epp/codes-case-insensitive", test_epp_codes_case_insensitive);
  g_test_add_func ("/indicators/epp/population-reference-first", test_epp_population_reference_first);
  g_test_add_func ("/indicators/epp/population-derived-from-births", test_epp_population_derived_from_births);
  g_test_add_func ("/indicators/epp/population-differs-warning", test_epp_population_differs_warning);
  g_test_add_func ("/indicators/epp/population-other-year-ignored", test_epp_population_other_year_ignored);
  g_test_add_func ("/indicators/epp/strata-zero-numerator-kept", test_epp_strata_zero_numerator_kept);
  g_test_add_func ("/indicators/epp/strata-without-denominator-dropped", test_epp_strata_without_denominator_dropped);
  g_test_add_func ("/indicators/epp/strata-sorted", test_epp_strata_sorted);
  g_test_add_func ("/indicators/epp/text-fr", test_epp_text_fr);
  g_test_add_func ("/indicators/epp/target-at-least-20", test_epp_target_at_least_20);

  g_test_add_func ("/indicators/bsem/school-year-bounds", test_bsem_school_year_bounds);
  g_test_add_func ("/indicators/bsem/age-lower-bound-included", test_bsem_age_lower_bound_included);
  g_test_add_func ("/indicators/bsem/age-upper-bound-excluded", test_bsem_age_upper_bound_excluded);
  g_test_add_func ("/indicators/bsem/age-clamped-month-end", test_bsem_age_clamped_month_end);
  g_test_add_func ("/indicators/bsem/out-of-age-band-detail", test_bsem_out_of_age_band_detail);
  g_test_add_func ("/indicators/bsem/unknown-age-detail", test_bsem_unknown_age_detail);
  g_test_add_func ("/indicators/bsem/distinct-children", test_bsem_distinct_children);
  g_test_add_func ("/indicators/bsem/provider-and-codes", test_bsem_provider_and_codes);
  g_test_add_func ("/indicators/bsem/not-derived-from-births", test_bsem_not_derived_from_births);
  g_test_add_func ("/indicators/bsem/strata-zero-numerator-kept", test_bsem_strata_zero_numerator_kept);
  g_test_add_func ("/indicators/bsem/text-fr", test_bsem_text_fr);
  g_test_add_func ("/indicators/bsem/target-progress-without-previous", test_bsem_target_progress_without_previous);
  g_test_add_func ("/indicators/bsem/target-progress-higher", test_bsem_target_progress_higher);
  g_test_add_func ("/indicators/bsem/target-progress-equal-or-lower", test_bsem_target_progress_equal_or_lower);
  g_test_add_func ("/indicators/bsem/target-progress-previous-without-value",
                   test_bsem_target_progress_previous_without_value);
  g_test_add_func ("/indicators/bsem/target-progress-previous-run", test_bsem_target_progress_previous_run);

  g_test_add_func ("/indicators/epnp/distinct-women-pmi-only", test_epnp_distinct_women_pmi_only);
  g_test_add_func ("/indicators/consultation/under-two", test_consultation_under_two);
  g_test_add_func ("/indicators/vad/calendar-year-bounds", test_vad_calendar_year_bounds);
  g_test_add_func ("/indicators/vad/age-upper-bound-excluded", test_vad_age_upper_bound_excluded);
  g_test_add_func ("/indicators/vad/age-clamped-month-end", test_vad_age_clamped_month_end);
  g_test_add_func ("/indicators/vad/unknown-age-detail", test_vad_unknown_age_detail);
  g_test_add_func ("/indicators/vad/distinct-children", test_vad_distinct_children);
  g_test_add_func ("/indicators/vad/provider-and-codes", test_vad_provider_and_codes);
  g_test_add_func ("/indicators/vad/population-derived-two-years", test_vad_population_derived_two_years);
  g_test_add_func ("/indicators/vad/population-needs-both-years", test_vad_population_needs_both_years);
  g_test_add_func ("/indicators/vad/population-reference-first", test_vad_population_reference_first);
  g_test_add_func ("/indicators/vad/text-fr", test_vad_text_fr);
  g_test_add_func ("/indicators/vad/target-at-least-15", test_vad_target_at_least_15);

  g_test_add_func ("/indicators/ip/calendar-year-evaluation-end", test_ip_calendar_year_evaluation_end);
  g_test_add_func ("/indicators/ip/add-months-clamp", test_ip_add_months_clamp);
  g_test_add_func ("/indicators/ip/add-months-clamp-leap", test_ip_add_months_clamp_leap);
  g_test_add_func ("/indicators/ip/add-months-month-end", test_ip_add_months_month_end);
  g_test_add_func ("/indicators/ip/delays-even-count", test_ip_delays_even_count);
  g_test_add_func ("/indicators/ip/delays-odd-count", test_ip_delays_odd_count);
  g_test_add_func ("/indicators/ip/strata-territories-evaluated", test_ip_strata_territories_evaluated);
  g_test_add_func ("/indicators/ip/not-available-no-evaluation", test_ip_not_available_no_evaluation);
  g_test_add_func ("/indicators/ip/text-fr", test_ip_text_fr);
  g_test_add_func ("/indicators/ip/target-100-exact", test_ip_target_100_exact);

  g_test_add_func ("/indicators/common/not-available-missing-file", test_common_not_available_missing_file);
  g_test_add_func ("/indicators/common/not-available-missing-population",
                   test_common_not_available_missing_population);
  g_test_add_func ("/indicators/common/not-available-zero-denominator", test_common_not_available_zero_denominator);
  g_test_add_func ("/indicators/common/rounding-half-up-exact", test_common_rounding_half_up_exact);
  g_test_add_func ("/indicators/common/child-act-before-birth-invalid", test_common_child_act_before_birth_invalid);
  g_test_add_func ("/indicators/common/fixed-target-ignores-previous", test_common_fixed_target_ignores_previous);

  status = g_test_run ();
  ic_plugin_set_free (plugins);
  return status;
}

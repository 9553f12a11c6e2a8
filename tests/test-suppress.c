/* Small-count suppression: primary (counts 1..threshold), secondary (never
 * a single hidden stratum), and that no hidden count can be recovered by
 * subtraction from the total and the published strata. */
#include "suppress.h"

#include <string.h>

typedef struct {
  const char *name;
  gint64 num, den;
} Row;

static IcResult *
result_with (const Row *rows, guint n)
{
  IcPeriod period;
  IcResult *r;
  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  r = ic_result_new ("x", NULL, &period);
  for (guint i = 0; i < n; i++)
    {
      ic_result_add_stratum (r, (guint16) (i + 1), rows[i].num, rows[i].den);
      g_array_index (r->strata, IcStratum, i).name = g_strdup (rows[i].name);
    }
  return r;
}

static gboolean
hidden (IcResult *r, guint i)
{
  return g_array_index (r->strata, IcStratum, i).suppressed;
}

static void
test_none_small (void)
{
  const Row rows[] = { { "A", 20, 300 }, { "B", 0, 150 }, { "C", 11, 11 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  /* 0 is not a small count, 11 is above 10: nothing hidden. */
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 0);
}

static void
test_primary_and_complement (void)
{
  const Row rows[] = { { "A", 20, 300 }, { "B", 3, 150 }, { "C", 12, 100 }, { "D", 40, 500 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  /* B (3) is small. Alone hidden, it would be total - A - C - D: the
   * complement is the smallest other numerator, C (12). */
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 2);
  g_assert_false (hidden (r, 0));
  g_assert_true (hidden (r, 1));
  g_assert_true (hidden (r, 2));
  g_assert_false (hidden (r, 3));
}

static void
test_small_denominator (void)
{
  const Row rows[] = { { "A", 0, 7 }, { "B", 30, 200 }, { "C", 25, 90 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  /* A: numerator 0 but denominator 7 (1..10); complement C (25 < 30). */
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 2);
  g_assert_true (hidden (r, 0));
  g_assert_false (hidden (r, 1));
  g_assert_true (hidden (r, 2));
}

static void
test_two_small_need_no_complement (void)
{
  const Row rows[] = { { "A", 2, 50 }, { "B", 9, 60 }, { "C", 100, 900 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 2);
  g_assert_false (hidden (r, 2));
}

static void
test_threshold_parameter (void)
{
  const Row rows[] = { { "A", 4, 50 }, { "B", 9, 60 }, { "C", 100, 900 } };
  g_autoptr (IcResult) r = result_with (rows, G_N_ELEMENTS (rows));
  /* Threshold 5: only A is small; its complement is B (9). Threshold 0: none. */
  g_assert_cmpuint (ic_suppress_strata (r, 5), ==, 2);
  g_assert_true (hidden (r, 0) && hidden (r, 1) && !hidden (r, 2));
  g_assert_cmpuint (ic_suppress_strata (r, 0), ==, 0);
}

/* Random tables whose strata add up to the total: after suppression, the
 * hidden strata are never exactly one (the only case where total minus
 * published strata gives a hidden count), and every small count is hidden. */
static void
test_not_derivable_by_subtraction (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20241123);
  for (guint round = 0; round < 2000; round++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 9);
      Row rows[9];
      g_autoptr (IcResult) r = NULL;
      guint n_hidden = 0;
      char names[9][4];

      for (guint i = 0; i < n; i++)
        {
          g_snprintf (names[i], sizeof names[i], "T%u", i);
          rows[i].name = names[i];
          rows[i].den = g_rand_int_range (rand, 1, 60);
          rows[i].num = g_rand_int_range (rand, 0, (gint32) rows[i].den + 1);
        }
      r = result_with (rows, n);
      ic_suppress_strata (r, 10);
      for (guint i = 0; i < n; i++)
        {
          gboolean small = (rows[i].num >= 1 && rows[i].num <= 10) || (rows[i].den >= 1 && rows[i].den <= 10);
          if (small)
            g_assert_true (hidden (r, i));
          n_hidden += hidden (r, i);
        }
      g_assert_cmpuint (n_hidden, !=, 1);
    }
}

/* ---- across the bundle: one denominator, the same territories hidden ---- */

static IcResult *
result_over (const char *id, const char *population, const Row *rows, guint n)
{
  IcResult *r = result_with (rows, n);
  g_free (r->id);
  r->id = g_strdup (id);
  if (population != NULL)
    ic_result_add_population_source (r, population, "2024", "populations.csv", NULL, 1000);
  return r;
}

static void
test_bundle_same_denominator (void)
{
  /* Births by territory A 100, B 120, C 80, D 200. EPP: C's 5 is small,
   * and alone its complement would be A (20, the smallest other numerator);
   * EPNP has no small count at all, and alone would publish C, 30 of 80:
   * C's births, hidden in EPP, would be read in EPNP. Together, C is hidden
   * in both; the first by id to need a complement, EPNP, takes its smallest
   * other numerator, B (12), and B is hidden in both too: C and B, 2 strata
   * each, and BSEM's 2: 6 in all. */
  const Row epp[] = { { "A", 20, 100 }, { "B", 30, 120 }, { "C", 5, 80 }, { "D", 45, 200 } };
  const Row epnp[] = { { "A", 40, 100 }, { "B", 12, 120 }, { "C", 30, 80 }, { "D", 60, 200 } };
  /* Another denominator: its own suppression only (B's 4, complement A's 11). */
  const Row bsem[] = { { "A", 11, 90 }, { "B", 4, 95 }, { "C", 50, 70 } };
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_result_free);
  IcResult *r_epp, *r_epnp, *r_bsem;

  g_ptr_array_add (results, r_bsem = result_over ("bsem", "enrolled_3_4", bsem, G_N_ELEMENTS (bsem)));
  g_ptr_array_add (results, r_epnp = result_over ("epnp", "births", epnp, G_N_ELEMENTS (epnp)));
  g_ptr_array_add (results, r_epp = result_over ("epp", "births", epp, G_N_ELEMENTS (epp)));

  g_assert_cmpuint (ic_suppress_results (results, 10), ==, 6);
  for (guint i = 0; i < 4; i++)
    {
      gboolean expected = i == 1 || i == 2; /* B and C */
      g_assert_cmpint (hidden (r_epp, i), ==, expected);
      g_assert_cmpint (hidden (r_epnp, i), ==, expected);
    }
  g_assert_true (hidden (r_bsem, 0) && hidden (r_bsem, 1) && !hidden (r_bsem, 2));
}

/* A plugin's warning naming a hidden territory beside one of its hidden
 * counts, in any indicator over the same denominator, is withheld. */
static void
test_bundle_warnings_withheld (void)
{
  const Row epp[] = { { "A", 20, 100 }, { "B", 30, 120 }, { "C", 5, 80 }, { "D", 45, 200 } };
  const Row epnp[] = { { "A", 40, 100 }, { "B", 12, 120 }, { "C", 30, 80 }, { "D", 60, 200 } };
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_result_free);
  IcResult *r_epp, *r_epnp;

  g_ptr_array_add (results, r_epnp = result_over ("epnp", "births", epnp, G_N_ELEMENTS (epnp)));
  g_ptr_array_add (results, r_epp = result_over ("epp", "births", epp, G_N_ELEMENTS (epp)));
  /* C (5 of 80 in EPP) and B (12 of 120 in EPNP) are hidden, as above. */
  ic_result_add_warning (r_epnp, "territory C: 5 EPP acts have no professional");   /* EPP's C, 5 */
  ic_result_add_warning (r_epnp, "territory B: 120 births expected");              /* B's births */
  ic_result_add_warning (r_epnp, "territory Cergy: 5 acts out of the département"); /* not C */
  ic_result_add_warning (r_epnp, "territory D: 45 EPP acts");                       /* D is published */
  ic_result_add_warning (r_epp, "territory C: data of 2024");                       /* no count of C */
  ic_suppress_results (results, 10);

  g_assert_cmpuint (r_epnp->warnings->len, ==, 3);
  g_assert_cmpstr (r_epnp->warnings->pdata[0], ==, "territory Cergy: 5 acts out of the département");
  g_assert_cmpstr (r_epnp->warnings->pdata[1], ==, "territory D: 45 EPP acts");
  g_assert_cmpstr (r_epnp->warnings->pdata[2], ==,
                   "un avertissement qui donnait un effectif d'un territoire masqué par le secret statistique a été "
                   "retiré");
  g_assert_cmpuint (r_epp->warnings->len, ==, 1);
  g_assert_cmpstr (r_epp->warnings->pdata[0], ==, "territory C: data of 2024");
}

static void
test_bundle_complement_spreads (void)
{
  /* Births by territory A 100, B 120, C 80. X: A's 3 and C's 8 are small:
   * two hidden, no complement needed. Y: nothing small; A and C follow
   * from X. Z has only A and B (no count in C): A hidden alone would be
   * Z's total minus B, so B is hidden in Z, and then in X and Y too. */
  const Row x[] = { { "A", 3, 100 }, { "B", 50, 120 }, { "C", 8, 80 } };
  const Row y[] = { { "A", 60, 100 }, { "B", 70, 120 }, { "C", 40, 80 } };
  const Row z[] = { { "A", 30, 100 }, { "B", 90, 120 } };
  g_autoptr (GPtrArray) group = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_result_free);
  IcResult *rx, *ry, *rz;

  g_ptr_array_add (group, rx = result_over ("x", "births", x, G_N_ELEMENTS (x)));
  g_ptr_array_add (group, ry = result_over ("y", "births", y, G_N_ELEMENTS (y)));
  g_ptr_array_add (group, rz = result_over ("z", "births", z, G_N_ELEMENTS (z)));
  /* 3 + 3 + 2 strata, every one hidden. */
  g_assert_cmpuint (ic_suppress_results (group, 10), ==, 8);
  g_assert_true (hidden (rz, 0) && hidden (rz, 1));
  g_assert_true (hidden (ry, 0) && hidden (ry, 1) && hidden (ry, 2));
}

static void
test_bundle_records_key (void)
{
  /* Counted from records: the same total and per-territory denominators
   * make one denominator; a different one is apart. */
  const Row p[] = { { "A", 4, 40 }, { "B", 20, 60 }, { "C", 30, 70 } };
  const Row q[] = { { "A", 25, 40 }, { "B", 22, 60 }, { "C", 33, 70 } };
  const Row other[] = { { "A", 25, 41 }, { "B", 22, 60 }, { "C", 33, 70 } };
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_result_free);
  IcResult *rp, *rq, *ro;

  g_ptr_array_add (results, rp = result_over ("p", NULL, p, G_N_ELEMENTS (p)));
  g_ptr_array_add (results, rq = result_over ("q", NULL, q, G_N_ELEMENTS (q)));
  g_ptr_array_add (results, ro = result_over ("o", NULL, other, G_N_ELEMENTS (other)));
  rp->denominator = rq->denominator = ro->denominator = 170;
  /* p: A (4) small, complement B (20 < 30): A and B, in q too; o untouched. */
  g_assert_cmpuint (ic_suppress_results (results, 10), ==, 4);
  g_assert_true (hidden (rq, 0) && hidden (rq, 1) && !hidden (rq, 2));
  g_assert_false (hidden (ro, 0) || hidden (ro, 1) || hidden (ro, 2));
}

/* A rate broken down by "type": the definition is the test's, the strata
 * named as ic_result_check() names them. */
static IcResult *
result_with_codes (IcDefinition **definition, const Row *rows, guint n)
{
  static const char text[] =
    "{ \"id\": \"x\", \"version\": \"1\", \"title\": \"X\", \"period\": \"calendar_year\", "
    "\"unit\": \"%\", \"numerator\": \"n\", \"denominator\": \"d\", \"text_fr\": \"{value} %\", "
    "\"breakdowns\": [ { \"table\": \"t\", \"column\": \"type\", \"label\": \"type\" } ] }";
  g_autoptr (GError) error = NULL;
  IcPeriod period;
  IcResult *r;
  IcBreakdown *b;

  *definition = ic_definition_load_from_data ("x.json", text, -1, &error);
  g_assert_no_error (error);
  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  r = ic_result_new ("x", *definition, &period);
  r->has_numerator = r->has_denominator = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (ic_result_add_breakdown_stratum (r, "t", "type", (guint16) (i + 1), rows[i].num, rows[i].den));
      r->numerator += rows[i].num;
      r->denominator += rows[i].den;
    }
  b = r->breakdowns->pdata[0];
  for (guint i = 0; i < n; i++)
    g_array_index (b->strata, IcBreakdownStratum, i).name = g_strdup (rows[i].name);
  return r;
}

static gboolean
code_hidden (IcResult *r, guint i)
{
  return g_array_index (((IcBreakdown *) r->breakdowns->pdata[0])->strata, IcBreakdownStratum, i).suppressed;
}

/* Breakdown strata follow the territories' rules within the breakdown:
 * AEMO's 7 is small, hidden; alone hidden it would be the total (7 + 30 +
 * 12 + 45 = 94) minus the others, so the smallest other numerator, AED's
 * 12, is hidden with it. The territories are untouched, and the total is
 * no stratum: never hidden. A warning naming AEMO beside its 7 is
 * withheld; one naming the published PLACEMENT beside its 45 is kept. */
static void
test_breakdown_strata (void)
{
  const Row rows[] = { { "AEMO", 7, 20 }, { "TISF", 30, 60 }, { "AED", 12, 40 }, { "PLACEMENT", 45, 50 } };
  g_autoptr (IcDefinition) definition = NULL;
  g_autoptr (IcResult) r = result_with_codes (&definition, rows, G_N_ELEMENTS (rows));

  ic_result_add_warning (r, "AEMO : 7 mesures sans date de fin");
  ic_result_add_warning (r, "PLACEMENT : 45 mesures");
  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 2);
  g_assert_true (code_hidden (r, 0));
  g_assert_false (code_hidden (r, 1));
  g_assert_true (code_hidden (r, 2));
  g_assert_false (code_hidden (r, 3));
  g_assert_cmpint (r->numerator, ==, 94);
  g_assert_cmpuint (r->warnings->len, ==, 2);
  g_assert_cmpstr (r->warnings->pdata[0], ==, "PLACEMENT : 45 mesures");
  g_assert_nonnull (strstr (r->warnings->pdata[1], "modalité masquée"));
}

/* Two small codes hide each other; a small denominator is small too. */
static void
test_breakdown_two_small (void)
{
  const Row rows[] = { { "A", 3, 50 }, { "B", 0, 9 }, { "C", 20, 60 } };
  g_autoptr (IcDefinition) definition = NULL;
  g_autoptr (IcResult) r = result_with_codes (&definition, rows, G_N_ELEMENTS (rows));

  g_assert_cmpuint (ic_suppress_strata (r, 10), ==, 2);
  g_assert_true (code_hidden (r, 0));
  g_assert_true (code_hidden (r, 1));
  g_assert_false (code_hidden (r, 2));
}

/* A count's territory strata (count as numerator, no denominator): A's 5
 * is small, hidden, and the smallest other count, C's 20, with it; the
 * counts' group is their own, whatever a rate's strata. */
static void
test_count_territories (void)
{
  static const char text[] =
    "{ \"id\": \"x\", \"version\": \"1\", \"title\": \"X\", \"kind\": \"count\", \"period\": \"calendar_year\", "
    "\"unit\": \"mesures\", \"numerator\": \"n\", \"text_fr\": \"{value}\" }";
  const Row rows[] = { { "A", 5, 0 }, { "B", 30, 0 }, { "C", 20, 0 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (IcDefinition) definition = ic_definition_load_from_data ("x.json", text, -1, &error);
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_result_free);
  IcPeriod period;
  IcResult *r;

  g_assert_no_error (error);
  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  r = ic_result_new ("x", definition, &period);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ic_result_add_stratum (r, (guint16) (i + 1), rows[i].num, 999);
      g_array_index (r->strata, IcStratum, i).name = g_strdup (rows[i].name);
    }
  /* The denominator given is ignored: a count's strata have none. */
  g_assert_cmpint (g_array_index (r->strata, IcStratum, 0).denominator, ==, 0);
  g_ptr_array_add (results, r);
  g_assert_cmpuint (ic_suppress_results (results, 10), ==, 2);
  g_assert_true (hidden (r, 0));
  g_assert_false (hidden (r, 1));
  g_assert_true (hidden (r, 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/suppress/none-small", test_none_small);
  g_test_add_func ("/suppress/primary-and-complement", test_primary_and_complement);
  g_test_add_func ("/suppress/small-denominator", test_small_denominator);
  g_test_add_func ("/suppress/two-small-no-complement", test_two_small_need_no_complement);
  g_test_add_func ("/suppress/threshold-parameter", test_threshold_parameter);
  g_test_add_func ("/suppress/not-derivable-by-subtraction", test_not_derivable_by_subtraction);
  g_test_add_func ("/suppress/bundle/same-denominator", test_bundle_same_denominator);
  g_test_add_func ("/suppress/bundle/complement-spreads", test_bundle_complement_spreads);
  g_test_add_func ("/suppress/bundle/warnings-withheld", test_bundle_warnings_withheld);
  g_test_add_func ("/suppress/bundle/records-key", test_bundle_records_key);
  g_test_add_func ("/suppress/breakdown/small-and-complement", test_breakdown_strata);
  g_test_add_func ("/suppress/breakdown/two-small", test_breakdown_two_small);
  g_test_add_func ("/suppress/count/territories", test_count_territories);
  return g_test_run ();
}

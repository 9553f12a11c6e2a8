/* test-distinct.c: distinct persons, once in the département total and
 * once in each territory where they have a qualifying act. */

#include "distinct.h"

static void
test_once_in_total (void)
{
  g_autoptr (IcDistinct) distinct = ic_distinct_new (10, 3);

  /* Person 4 three times, person 7 once: 2 persons. */
  ic_distinct_add (distinct, 4, 1);
  ic_distinct_add (distinct, 4, 1);
  ic_distinct_add (distinct, 7, 1);
  ic_distinct_add (distinct, 4, 1);
  g_assert_cmpuint (ic_distinct_total (distinct), ==, 2);
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 1), ==, 2);
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 2), ==, 0);
  g_assert_cmpuint (ic_distinct_n_territories (distinct), ==, 3);
}

static void
test_two_territories (void)
{
  g_autoptr (IcDistinct) distinct = ic_distinct_new (10, 4);

  /* Person 0 in territories 1 and 2 (and 1 again): once in the total, once
   * in 1, once in 2. Person 1 in 2 then 1: the same, whichever comes first.
   * Person 2 in 3 only.
   * total = 3; territory 1 = {0, 1} = 2; 2 = {0, 1} = 2; 3 = {2} = 1. */
  ic_distinct_add (distinct, 0, 1);
  ic_distinct_add (distinct, 0, 2);
  ic_distinct_add (distinct, 0, 1);
  ic_distinct_add (distinct, 0, 2);
  ic_distinct_add (distinct, 1, 2);
  ic_distinct_add (distinct, 1, 1);
  ic_distinct_add (distinct, 1, 1);
  ic_distinct_add (distinct, 2, 3);
  g_assert_cmpuint (ic_distinct_total (distinct), ==, 3);
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 1), ==, 2);
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 2), ==, 2);
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 3), ==, 1);
}

static void
test_no_territory (void)
{
  g_autoptr (IcDistinct) distinct = ic_distinct_new (10, 3);

  /* Territory 0 (a row without territory) counts in the total only.
   * Person 5: no territory, then territory 2: once in total, once in 2.
   * Person 6: territory 1, then no territory: once in total, once in 1.
   * Person 8: no territory only: total only.
   * total = 3; territory 1 = 1; 2 = 1; territory 0 is not a stratum: 0. */
  ic_distinct_add (distinct, 5, 0);
  ic_distinct_add (distinct, 5, 2);
  ic_distinct_add (distinct, 6, 1);
  ic_distinct_add (distinct, 6, 0);
  ic_distinct_add (distinct, 8, 0);
  ic_distinct_add (distinct, 8, 0);
  g_assert_cmpuint (ic_distinct_total (distinct), ==, 3);
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 1), ==, 1);
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 2), ==, 1);
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 0), ==, 0);
}

static void
test_empty (void)
{
  g_autoptr (IcDistinct) distinct = ic_distinct_new (0, 0);

  /* No ids, no territories: counts 0, and still one "territory" (0). */
  g_assert_cmpuint (ic_distinct_total (distinct), ==, 0);
  g_assert_cmpuint (ic_distinct_n_territories (distinct), ==, 1);
}

static void
test_many (void)
{
  const guint32 n_ids = 100003;   /* not a multiple of 64: the last word is partial */
  const guint n_territories = 11; /* 0 and ten territories */
  g_autoptr (IcDistinct) distinct = ic_distinct_new (n_ids, n_territories);
  guint64 expected[11] = { 0 };

  /* Person i in territory 1 + i % 10, twice; every third person also in
   * territory 1 + (i + 1) % 10 (a second territory, kept in the growing
   * hash set), twice; every fifth person also once without territory.
   * Territory t (1..10) gets the persons with i % 10 == t - 1, plus the
   * multiples of 3 with (i + 1) % 10 == t - 1. Counted here by brute force
   * over i rather than by the structure under test. */
  for (guint32 i = 0; i < n_ids; i++)
    {
      guint16 first = (guint16) (1 + i % 10);
      guint16 second = (guint16) (1 + (i + 1) % 10);
      for (int twice = 0; twice < 2; twice++)
        {
          ic_distinct_add (distinct, i, first);
          if (i % 3 == 0)
            ic_distinct_add (distinct, i, second);
        }
      if (i % 5 == 0)
        ic_distinct_add (distinct, i, 0);
      expected[first]++;
      if (i % 3 == 0)
        expected[second]++;
    }
  g_assert_cmpuint (ic_distinct_total (distinct), ==, n_ids);
  for (guint16 t = 1; t < n_territories; t++)
    g_assert_cmpuint (ic_distinct_in_territory (distinct, t), ==, expected[t]);

  /* Closed form for territory 1: i % 10 == 0 -> i = 0, 10, ..., 100000:
   * 10001 persons; plus multiples of 3 with (i + 1) % 10 == 0, i.e.
   * i = 9, 39, 69, ... (i % 30 == 9), up to 99999: (99999 - 9) / 30 + 1 =
   * 3334. 10001 + 3334 = 13335. */
  g_assert_cmpuint (ic_distinct_in_territory (distinct, 1), ==, 13335);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/distinct/once-in-total", test_once_in_total);
  g_test_add_func ("/distinct/two-territories", test_two_territories);
  g_test_add_func ("/distinct/no-territory", test_no_territory);
  g_test_add_func ("/distinct/empty", test_empty);
  g_test_add_func ("/distinct/many", test_many);
  return g_test_run ();
}

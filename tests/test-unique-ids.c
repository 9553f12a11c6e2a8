/* Row identifiers proved unique from sorted hashes. */
#include <stdlib.h>

#include "unique-ids.h"

static int
compare (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return (x > y) - (x < y);
}

static void
test_radix_sort (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  for (gsize n = 0; n < 3000; n += 997)
    {
      g_autofree guint64 *keys = g_new (guint64, n + 1);
      g_autofree guint64 *expected = NULL;
      for (gsize i = 0; i < n; i++)
        /* Full 64-bit keys, and some small ones sharing high digits. */
        keys[i] = i % 3 ? ((guint64) g_rand_int (rand) << 32 | g_rand_int (rand)) : (guint64) g_rand_int_range (rand, 0, 50);
      expected = g_memdup2 (keys, n * sizeof (guint64) + 1);
      qsort (expected, n, sizeof (guint64), compare);
      ic_radix_sort_u64 (keys, n);
      for (gsize i = 0; i < n; i++)
        g_assert_cmpuint (keys[i], ==, expected[i]);
    }
}

static void
test_duplicates (void)
{
  guint64 none[] = { 5, 1, 9, 3 };
  /* 7 three times and 2 twice: two duplicated values, sorted. */
  guint64 some[] = { 7, 2, 7, 11, 2, 7, 4 };
  gsize n;
  g_autofree guint64 *found = NULL;

  g_assert_null (ic_unique_find_duplicates (none, G_N_ELEMENTS (none), &n));
  g_assert_cmpuint (n, ==, 0);
  found = ic_unique_find_duplicates (some, G_N_ELEMENTS (some), &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (found[0], ==, 2);
  g_assert_cmpuint (found[1], ==, 7);
  g_assert_true (ic_unique_contains (found, n, 7));
  g_assert_false (ic_unique_contains (found, n, 11));
  g_assert_false (ic_unique_contains (found, n, 0));
  /* Sorted in place: no copy is made. */
  g_assert_cmpuint (some[0], ==, 2);
  g_assert_cmpuint (some[6], ==, 11);
}

/* The halves of a split file, each sorted: a value twice in one run, and
 * one in both, are duplicates; each listed once, sorted. */
static void
test_duplicates_in_runs (void)
{
  const guint64 a[] = { 1, 4, 4, 8, 12 };
  const guint64 b[] = { 2, 8, 9, 9, 9, 13 };
  const guint64 c[] = { 3, 5 };
  gsize n;
  g_autofree guint64 *found = ic_unique_find_duplicates_sorted (a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b), &n);

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (found[0], ==, 4);
  g_assert_cmpuint (found[1], ==, 8);
  g_assert_cmpuint (found[2], ==, 9);
  g_assert_null (ic_unique_find_duplicates_sorted (c, G_N_ELEMENTS (c), a + 3, 2, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (ic_unique_find_duplicates_sorted (a, 0, NULL, 0, &n));
  g_clear_pointer (&found, g_free);
  found = ic_unique_find_duplicates_sorted (NULL, 0, b, G_N_ELEMENTS (b), &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (found[0], ==, 9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/unique-ids/radix-sort", test_radix_sort);
  g_test_add_func ("/unique-ids/duplicates", test_duplicates);
  g_test_add_func ("/unique-ids/duplicates-in-runs", test_duplicates_in_runs);
  return g_test_run ();
}

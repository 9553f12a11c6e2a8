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

/* One run: a file read in one thread. */
static guint64 *
find_duplicates (guint64 *keys, gsize n, gsize *n_duplicates)
{
  IcHashRun run;
  ic_unique_partition (&run, keys, n);
  return ic_unique_find_duplicates_in_runs (&run, 1, n_duplicates);
}

static void
test_duplicates (void)
{
  guint64 none[] = { 5, 1, 9, 3 };
  /* 7 three times and 2 twice: two duplicated values, sorted. */
  guint64 some[] = { 7, 2, 7, 11, 2, 7, 4 };
  guint64 sum = 0;
  gsize n;
  g_autofree guint64 *found = NULL;

  g_assert_null (find_duplicates (none, G_N_ELEMENTS (none), &n));
  g_assert_cmpuint (n, ==, 0);
  found = find_duplicates (some, G_N_ELEMENTS (some), &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (found[0], ==, 2);
  g_assert_cmpuint (found[1], ==, 7);
  g_assert_true (ic_unique_contains (found, n, 7));
  g_assert_false (ic_unique_contains (found, n, 11));
  g_assert_false (ic_unique_contains (found, n, 0));
  /* Reordered in place, nothing lost. */
  for (gsize i = 0; i < G_N_ELEMENTS (some); i++)
    sum += some[i];
  g_assert_cmpuint (sum, ==, 7 + 2 + 7 + 11 + 2 + 7 + 4);
}

static guint64
key (guint top, guint64 low)
{
  return (guint64) top << 56 | low;
}

/* The parts of a split file, each partitioned by its thread: a value twice
 * in one part, and one in both, are duplicates; each listed once, sorted.
 * Keys spread over buckets, and many keys in one bucket (its table grows
 * past the smallest). */
static void
test_duplicates_in_runs (void)
{
  guint64 a[] = { key (1, 1), key (200, 4), key (200, 4), key (9, 8), key (255, 12) };
  guint64 b[] = { key (3, 2), key (9, 8), key (77, 9), key (77, 9), key (77, 9), key (0, 13) };
  g_autofree guint64 *many = g_new (guint64, 1000);
  IcHashRun runs[2], alone;
  gsize n;
  g_autofree guint64 *found = NULL, *found_many = NULL;

  ic_unique_partition (&runs[0], a, G_N_ELEMENTS (a));
  ic_unique_partition (&runs[1], b, G_N_ELEMENTS (b));
  found = ic_unique_find_duplicates_in_runs (runs, 2, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (found[0], ==, key (9, 8));
  g_assert_cmpuint (found[1], ==, key (77, 9));
  g_assert_cmpuint (found[2], ==, key (200, 4));
  /* Bucket bounds: every key of bucket d has top byte d. */
  for (guint d = 0; d < 256; d++)
    for (gsize i = runs[1].start[d]; i < runs[1].start[d + 1]; i++)
      g_assert_cmpuint (b[i] >> 56, ==, d);
  g_assert_null (ic_unique_find_duplicates_in_runs (runs, 0, &n));
  g_assert_cmpuint (n, ==, 0);

  /* 1000 keys in bucket 5, the last equal to the 500th. */
  for (guint i = 0; i < 1000; i++)
    many[i] = key (5, 1 + (guint64) i * 0x9e3779b97f4a7c15ull % 0xffffffffffffull);
  many[999] = many[499];
  ic_unique_partition (&alone, many, 1000);
  g_assert_cmpuint (alone.start[5], ==, 0);
  g_assert_cmpuint (alone.start[6], ==, 1000);
  found_many = ic_unique_find_duplicates_in_runs (&alone, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (found_many[0], ==, key (5, 1 + (guint64) 499 * 0x9e3779b97f4a7c15ull % 0xffffffffffffull));
}

/* Enough keys for two threads (half the buckets each): duplicates in the
 * first buckets, in the last ones, and across the two runs, all found. */
static void
test_duplicates_two_threads (void)
{
  const gsize n = 100000;
  g_autofree guint64 *a = g_new (guint64, n), *b = g_new (guint64, n);
  g_autofree guint64 *found = NULL;
  IcHashRun runs[2];
  gsize n_found;

  for (gsize i = 0; i < n; i++)
    {
      /* Distinct keys spread over every top byte. */
      a[i] = (guint64) (i % 256) << 56 | (i * 2 + 1);
      b[i] = (guint64) (i % 256) << 56 | (i * 2 + 2);
    }
  b[10] = a[77];         /* top byte 77, across the runs */
  a[500] = a[255];       /* top byte 255, in the first run */
  b[300] = b[44];        /* top byte 44, in the second */
  ic_unique_partition (&runs[0], a, n);
  ic_unique_partition (&runs[1], b, n);
  found = ic_unique_find_duplicates_in_runs (runs, 2, &n_found);
  g_assert_cmpuint (n_found, ==, 3);
  g_assert_cmpuint (found[0] >> 56, ==, 44);
  g_assert_cmpuint (found[1] >> 56, ==, 77);
  g_assert_cmpuint (found[2] >> 56, ==, 255);
  g_assert_cmpuint (found[2], ==, (guint64) 255 << 56 | (255 * 2 + 1));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/unique-ids/radix-sort", test_radix_sort);
  g_test_add_func ("/unique-ids/duplicates", test_duplicates);
  g_test_add_func ("/unique-ids/duplicates-in-runs", test_duplicates_in_runs);
  g_test_add_func ("/unique-ids/duplicates-two-threads", test_duplicates_two_threads);
  return g_test_run ();
}

/* test-interner.c: strings to dense integers, in order of first
 * appearance. */

#include "interner.h"

#include <string.h>

static guint32
intern (IcInterner *interner, const char *text, gboolean *added)
{
  return ic_interner_intern (interner, text, strlen (text), added);
}

static void
test_dense_ids (void)
{
  g_autoptr (IcInterner) interner = ic_interner_new ();
  gboolean added = FALSE;

  g_assert_cmpuint (ic_interner_size (interner), ==, 0);
  /* a, b, a, c -> 0, 1, 0, 2. */
  g_assert_cmpuint (intern (interner, "P-001", &added), ==, 0);
  g_assert_true (added);
  g_assert_cmpuint (intern (interner, "P-002", &added), ==, 1);
  g_assert_true (added);
  g_assert_cmpuint (intern (interner, "P-001", &added), ==, 0);
  g_assert_false (added);
  g_assert_cmpuint (intern (interner, "P-003", NULL), ==, 2);
  g_assert_cmpuint (ic_interner_size (interner), ==, 3);

  g_assert_cmpstr (ic_interner_get (interner, 0), ==, "P-001");
  g_assert_cmpstr (ic_interner_get (interner, 1), ==, "P-002");
  g_assert_cmpstr (ic_interner_get (interner, 2), ==, "P-003");
}

static void
test_find (void)
{
  g_autoptr (IcInterner) interner = ic_interner_new ();

  g_assert_cmpint (ic_interner_find (interner, "x", 1), ==, -1);
  intern (interner, "", NULL);
  intern (interner, "Nord", NULL);
  g_assert_cmpint (ic_interner_find (interner, "", 0), ==, 0);
  g_assert_cmpint (ic_interner_find (interner, "Nord", 4), ==, 1);
  /* Case matters: territories and identifiers are text, not codes. */
  g_assert_cmpint (ic_interner_find (interner, "NORD", 4), ==, -1);
  /* find adds nothing. */
  g_assert_cmpuint (ic_interner_size (interner), ==, 2);
}

static void
test_not_terminated (void)
{
  g_autoptr (IcInterner) interner = ic_interner_new ();
  const char line[] = "A1;A12;A1";

  /* Byte ranges inside a record, not NUL-terminated. */
  g_assert_cmpuint (ic_interner_intern (interner, line, 2, NULL), ==, 0);      /* A1 */
  g_assert_cmpuint (ic_interner_intern (interner, line + 3, 3, NULL), ==, 1);  /* A12 */
  g_assert_cmpuint (ic_interner_intern (interner, line + 7, 2, NULL), ==, 0);  /* A1 */
  /* A prefix of a stored string is another string: "A" is not "A1". */
  g_assert_cmpint (ic_interner_find (interner, line, 1), ==, -1);
  g_assert_cmpuint (ic_interner_intern (interner, line, 1, NULL), ==, 2);
  g_assert_cmpstr (ic_interner_get (interner, 2), ==, "A");
  g_assert_cmpstr (ic_interner_get (interner, 1), ==, "A12");
}

static void
test_embedded_nul (void)
{
  g_autoptr (IcInterner) interner = ic_interner_new ();

  /* "a\0b" (3 bytes) is neither "a" nor "a\0c": lengths and bytes both
   * count, and nothing is read past a stored string. */
  g_assert_cmpuint (ic_interner_intern (interner, "a", 1, NULL), ==, 0);
  g_assert_cmpuint (ic_interner_intern (interner, "a\0b", 3, NULL), ==, 1);
  g_assert_cmpint (ic_interner_find (interner, "a\0c", 3), ==, -1);
  g_assert_cmpint (ic_interner_find (interner, "a\0b", 3), ==, 1);
  g_assert_cmpint (ic_interner_find (interner, "a", 1), ==, 0);
}

static void
test_growth (void)
{
  g_autoptr (IcInterner) interner = ic_interner_new ();
  const guint32 n = 200000;

  /* Far past the first table (64 slots) and arena sizes: every id keeps
   * its number and its text through the growths. */
  for (guint32 i = 0; i < n; i++)
    {
      char text[32];
      gboolean added = FALSE;
      g_snprintf (text, sizeof text, "person-%u", i);
      g_assert_cmpuint (intern (interner, text, &added), ==, i);
      g_assert_true (added);
    }
  g_assert_cmpuint (ic_interner_size (interner), ==, n);
  for (guint32 i = 0; i < n; i += 997)
    {
      char text[32];
      gboolean added = TRUE;
      g_snprintf (text, sizeof text, "person-%u", i);
      g_assert_cmpuint (intern (interner, text, &added), ==, i);
      g_assert_false (added);
      g_assert_cmpstr (ic_interner_get (interner, i), ==, text);
    }
  g_assert_cmpint (ic_interner_find (interner, "person-200000", 13), ==, -1);
  g_assert_cmpuint (ic_interner_size (interner), ==, n);
}

/* Prefetching is a hint, and the hash is the one intern() uses: the
 * hashed path gives the very same ids. */
static void
test_hashed (void)
{
  g_autoptr (IcInterner) plain = ic_interner_new ();
  g_autoptr (IcInterner) hashed = ic_interner_new ();

  for (guint32 i = 0; i < 5000; i++)
    {
      char text[32];
      gsize len = (gsize) g_snprintf (text, sizeof text, "W-%u", (i * 7919u) % 3001u);
      guint32 hash = ic_interner_hash (text, len);
      gboolean added_plain, added_hashed;

      ic_interner_prefetch_slot (hashed, hash);
      ic_interner_prefetch_entry (hashed, hash);
      g_assert_cmpuint (ic_interner_intern_hashed (hashed, text, len, hash, &added_hashed), ==,
                        ic_interner_intern (plain, text, len, &added_plain));
      g_assert_cmpint (added_hashed, ==, added_plain);
    }
  g_assert_cmpuint (ic_interner_size (hashed), ==, 3001);
  /* Texts of every length up to three words hash on whole words (the last
   * one overlapping): a byte changed anywhere is another string. */
  for (gsize len = 1; len <= 24; len++)
    {
      char text[25], other[25];
      memset (text, 'x', len);
      for (gsize at = 0; at < len; at++)
        {
          memcpy (other, text, len);
          other[at] = 'y';
          g_assert_cmpint (ic_interner_find (hashed, other, len), ==, -1);
          ic_interner_intern (hashed, other, len, NULL);
        }
      g_assert_cmpint (ic_interner_find (hashed, text, len), ==, -1);
    }
}

static IcInterner *
interner_of (const char *const *texts)
{
  IcInterner *interner = ic_interner_new ();
  for (; *texts != NULL; texts++)
    intern (interner, *texts, NULL);
  return interner;
}

static void
test_merge (void)
{
  const char *first[] = { "", "Nord", "Sud", NULL };
  const char *second[] = { "", "Est", "Sud", "Ouest", NULL };
  g_autoptr (IcInterner) into = interner_of (first);
  g_autoptr (IcInterner) from = interner_of (second);
  g_autofree guint32 *map = ic_interner_merge (into, from);

  /* "" 0 and Sud 2 were there; Est and Ouest come after, in from's order. */
  g_assert_cmpuint (map[0], ==, 0);
  g_assert_cmpuint (map[1], ==, 3);
  g_assert_cmpuint (map[2], ==, 2);
  g_assert_cmpuint (map[3], ==, 4);
  g_assert_cmpuint (ic_interner_size (into), ==, 5);
  g_assert_cmpstr (ic_interner_get (into, 3), ==, "Est");
  g_assert_cmpstr (ic_interner_get (into, 4), ==, "Ouest");
}

static void
test_number_union (void)
{
  const char *first[] = { "W-1", "W-2", "W-3", NULL };
  const char *second[] = { "W-4", "W-2", "W-5", "W-1", NULL };
  g_autoptr (IcInterner) into = interner_of (first);
  g_autoptr (IcInterner) from = interner_of (second);
  g_autoptr (IcInterner) merged = interner_of (first);
  g_autofree guint32 *map = NULL, *merged_map = NULL;
  guint32 n = 0;

  map = ic_interner_number_union (into, from, &n);
  /* The numbers interning would give, without interning. */
  merged_map = ic_interner_merge (merged, from);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (n, ==, ic_interner_size (merged));
  for (guint32 i = 0; i < 4; i++)
    g_assert_cmpuint (map[i], ==, merged_map[i]);
  g_assert_cmpuint (map[0], ==, 3);
  g_assert_cmpuint (map[1], ==, 1);
  g_assert_cmpuint (map[2], ==, 4);
  g_assert_cmpuint (map[3], ==, 0);
  g_assert_cmpuint (ic_interner_size (into), ==, 3);
  g_assert_cmpint (ic_interner_find (into, "W-4", 3), ==, -1);

  /* From an interner without index (a file's persons): its entries walked
   * in order, the same numbers. */
  {
    g_autoptr (IcInterner) unindexed = ic_interner_new_unindexed ();
    g_autofree guint32 *again = NULL;
    guint32 n_again = 0;
    for (guint i = 0; second[i] != NULL; i++)
      intern (unindexed, second[i], NULL);
    /* A long one too: entries of every size. */
    intern (unindexed, "W-a-much-longer-identifier-than-the-others", NULL);
    again = ic_interner_number_union (into, unindexed, &n_again);
    g_assert_cmpuint (n_again, ==, 6);
    for (guint32 i = 0; i < 4; i++)
      g_assert_cmpuint (again[i], ==, map[i]);
    g_assert_cmpuint (again[4], ==, 5);
    g_assert_cmpint (ic_interner_find (unindexed, "W-5", 3), ==, 2);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interner/dense-ids", test_dense_ids);
  g_test_add_func ("/interner/find", test_find);
  g_test_add_func ("/interner/not-terminated", test_not_terminated);
  g_test_add_func ("/interner/embedded-nul", test_embedded_nul);
  g_test_add_func ("/interner/growth", test_growth);
  g_test_add_func ("/interner/hashed", test_hashed);
  g_test_add_func ("/interner/merge", test_merge);
  g_test_add_func ("/interner/number-union", test_number_union);
  return g_test_run ();
}

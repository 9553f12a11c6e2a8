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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interner/dense-ids", test_dense_ids);
  g_test_add_func ("/interner/find", test_find);
  g_test_add_func ("/interner/not-terminated", test_not_terminated);
  g_test_add_func ("/interner/embedded-nul", test_embedded_nul);
  g_test_add_func ("/interner/growth", test_growth);
  return g_test_run ();
}

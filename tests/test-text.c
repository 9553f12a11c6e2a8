/* test-text.c: trimming and case-insensitive comparison of byte ranges. */

#include "text.h"

#include <string.h>

#define NBSP "\xC2\xA0"        /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xE2\x80\xAF"   /* U+202F NARROW NO-BREAK SPACE */

/* Trims @input and checks the result is @expected, at the right offset. */
static void
assert_trim (const char *input, gsize offset, const char *expected)
{
  const char *text = input;
  gsize len = strlen (input);

  ic_text_trim (&text, &len);
  g_assert_true (text == input + offset);
  g_assert_cmpuint (len, ==, strlen (expected));
  g_assert_cmpmem (text, len, expected, strlen (expected));
}

static void
test_trim_ascii (void)
{
  assert_trim ("abc", 0, "abc");
  assert_trim ("  abc", 2, "abc");
  assert_trim ("abc  ", 0, "abc");
  assert_trim (" \t\r\n abc \t\r\n", 5, "abc");
  assert_trim ("a b", 0, "a b");
  assert_trim ("  a  b  ", 2, "a  b");
  assert_trim ("", 0, "");
  assert_trim ("   ", 3, "");
}

static void
test_trim_unicode (void)
{
  assert_trim (NBSP "abc" NBSP, 2, "abc");
  assert_trim (NNBSP "abc" NNBSP, 3, "abc");
  assert_trim (" " NBSP " " NNBSP "abc" NNBSP " " NBSP, 7, "abc");
  assert_trim ("a" NBSP "b", 0, "a" NBSP "b");
  assert_trim (NBSP NNBSP, 5, "");
  /* é (C3 A9) and U+2020 (E2 80 A0) are not spaces: their last bytes must
   * not be taken for the end of one. */
  assert_trim ("\xC3\xA9", 0, "\xC3\xA9");
  assert_trim ("x\xE2\x80\xA0", 0, "x\xE2\x80\xA0");
  /* a lone A0 or AF byte is not a space either */
  assert_trim ("x\xA0", 0, "x\xA0");
  assert_trim ("x\x80\xAF", 0, "x\x80\xAF");
}

static void
test_trim_respects_length (void)
{
  const char *input = "  ab  cd  ";
  const char *text = input;
  gsize len = 6; /* "  ab  " */

  ic_text_trim (&text, &len);
  g_assert_true (text == input + 2);
  g_assert_cmpuint (len, ==, 2);

  /* a NBSP cut by the length: its first byte is not a space */
  input = "ab" NBSP;
  text = input;
  len = 3;
  ic_text_trim (&text, &len);
  g_assert_cmpuint (len, ==, 3);
}

static void
test_equal_ci (void)
{
  g_assert_true (ic_text_equal_ci ("EPP", 3, "epp"));
  g_assert_true (ic_text_equal_ci ("Vad_Child", 9, "VAD_CHILD"));
  g_assert_true (ic_text_equal_ci ("", 0, ""));
  g_assert_false (ic_text_equal_ci ("EPP", 3, "EPNP"));
  g_assert_false (ic_text_equal_ci ("EPP", 3, "EP"));
  g_assert_false (ic_text_equal_ci ("EP", 2, "EPP"));
  g_assert_false (ic_text_equal_ci ("", 0, "a"));
  g_assert_false (ic_text_equal_ci ("a", 1, ""));
  /* only the range counts */
  g_assert_true (ic_text_equal_ci ("PMI;MED", 3, "pmi"));
  /* ASCII only: É and é differ */
  g_assert_false (ic_text_equal_ci ("\xC3\x89", 2, "\xC3\xA9"));
  g_assert_true (ic_text_equal_ci ("\xC3\xA9", 2, "\xC3\xA9"));
  /* a NUL inside the range never matches the end of the string */
  g_assert_false (ic_text_equal_ci ("a\0", 2, "a"));
}

/* Every length up to past the word paths, a difference at every place:
 * equal exactly when memcmp says so, reading only the given bytes (the
 * copies end where the length does, for ASan to see an overread). */
static void
test_bytes_equal (void)
{
  for (gsize len = 0; len <= 24; len++)
    for (gsize at = 0; at <= len; at++)
      {
        g_autofree char *a = g_malloc (len + 1), *b = NULL;
        memset (a, 'q', len);
        b = g_memdup2 (a, len + 1);
        if (at < len)
          b[at] = 'r';
        g_autofree char *a_exact = g_memdup2 (a, len), *b_exact = g_memdup2 (b, len);
        g_assert_cmpint (ic_text_bytes_equal (a_exact, b_exact, len), ==,
                         len == 0 || memcmp (a, b, len) == 0);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/trim/ascii", test_trim_ascii);
  g_test_add_func ("/text/trim/unicode", test_trim_unicode);
  g_test_add_func ("/text/trim/length", test_trim_respects_length);
  g_test_add_func ("/text/equal-ci", test_equal_ci);
  g_test_add_func ("/text/bytes-equal", test_bytes_equal);

  return g_test_run ();
}

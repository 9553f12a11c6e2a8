/* test-identifier.c: the one rule for an indicator's id, as the loader, the
 * definition files and `indicore new-plugin` apply it. */
#include <string.h>

#include "identifier.h"

static void
test_valid (void)
{
  char longest[65];

  g_assert_true (ic_id_is_valid ("epp_pmi_coverage"));
  g_assert_true (ic_id_is_valid ("x"));
  g_assert_true (ic_id_is_valid ("ip_eval_3m_rate"));
  /* 64 characters: the longest allowed. */
  memset (longest, 'a', 64);
  longest[64] = '\0';
  g_assert_true (ic_id_is_valid (longest));
}

static void
test_refused (void)
{
  char too_long[66];

  g_assert_false (ic_id_is_valid (NULL));
  g_assert_false (ic_id_is_valid (""));
  g_assert_false (ic_id_is_valid ("Bad-Id"));
  g_assert_false (ic_id_is_valid ("epp pmi"));
  g_assert_false (ic_id_is_valid ("../etc"));
  g_assert_false (ic_id_is_valid ("caf\xc3\xa9")); /* é: not ASCII */
  /* 65 characters: one too many. */
  memset (too_long, 'a', 65);
  too_long[65] = '\0';
  g_assert_false (ic_id_is_valid (too_long));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/identifier/valid", test_valid);
  g_test_add_func ("/identifier/refused", test_refused);
  return g_test_run ();
}

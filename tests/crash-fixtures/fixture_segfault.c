/* Test-only: a plugin that dereferences a bad pointer. */
#include <indicore/indicore-plugin.h>

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  /* A pointer the compiler cannot prove wrong, that is: NULL read at run time. */
  volatile int *volatile nowhere = NULL;
  (void) api, (void) ctx, (void) error;
  *nowhere = 1;
  return TRUE;
}

static const char *const tables[] = { "pmi_acts", NULL };
IC_PLUGIN_DEFINE ("fixture_segfault", "1.0.0", tables, NULL, compute)

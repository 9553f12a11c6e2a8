/* Test-only: a plugin that aborts. */
#include <stdlib.h>

#include <indicore/indicore-plugin.h>

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) api, (void) ctx, (void) error;
  abort ();
}

static const char *const tables[] = { "pmi_acts", NULL };
IC_PLUGIN_DEFINE ("fixture_abort", "1.0.0", tables, NULL, compute)

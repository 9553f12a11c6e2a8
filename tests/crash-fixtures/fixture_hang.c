/* Test-only: a plugin that never returns. */
#include <unistd.h>

#include <indicore/indicore-plugin.h>

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) api, (void) ctx, (void) error;
  for (;;)
    pause ();
  return TRUE;
}

static const char *const tables[] = { "pmi_acts", NULL };
IC_PLUGIN_DEFINE ("fixture_hang", "1.0.0", tables, NULL, compute)

/* epnp_pmi_coverage: women with an early postnatal interview (EPNP) by the
 * PMI in the year, over the births of the year. */
#include "../common/person-acts.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  const IcPersonActsCount count = { IC_ACT_EPNP, NULL, 0, "births" };
  return ic_count_persons_with_act (api, ctx, &count, error);
}

static const char *const tables[] = { "pmi_acts", NULL };
static const char *const populations[] = { "births", NULL };

IC_PLUGIN_DEFINE ("epnp_pmi_coverage", "1.0.0", tables, populations, compute)

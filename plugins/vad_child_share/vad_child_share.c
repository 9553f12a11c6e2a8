/* vad_child_share: children under two with a home visit by the PMI in the
 * year, over the children under two. */
#include "../common/person-acts.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  const IcPersonActsCount count = {
    IC_ACT_VAD_CHILD, "age_max_months", 24, "children_under_2"
  };
  return ic_count_persons_with_act (api, ctx, &count, error);
}

static const char *const tables[] = { "pmi_acts", NULL };
static const char *const populations[] = { "children_under_2", NULL };

IC_PLUGIN_DEFINE ("vad_child_share", "1.0.0", tables, populations, compute)

/* hostile_wild_id: a descriptor whose id points nowhere. */
#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) error;
  return hostile_report (api, ctx);
}

IC_PLUGIN_EXPORT extern const IcPluginDescriptor ic_plugin_descriptor;
IC_PLUGIN_EXPORT const IcPluginDescriptor ic_plugin_descriptor = {
  IC_PLUGIN_MAGIC, sizeof (IcPluginDescriptor), IC_ABI_MAJOR, IC_ABI_MINOR,
  (const char *) 0x10, "1.0.0", hostile_tables, NULL, compute, NULL
};

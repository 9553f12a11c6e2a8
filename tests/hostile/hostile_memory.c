/* hostile_memory: asks for 64 MiB after 64 MiB, up to 1.5 GiB (never
 * touched: the machine's memory is not at stake, only the limit). */
#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (g_free);
  (void) error;
  for (guint i = 0; i < 24; i++)
    g_ptr_array_add (blocks, g_malloc (64u << 20));
  g_ptr_array_unref (blocks);
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_memory", compute)

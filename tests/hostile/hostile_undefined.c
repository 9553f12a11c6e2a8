/* hostile_undefined: calls a function nothing defines (an engine
 * internal, say), found only when called under lazy binding. */
#include "hostile.h"

extern void ic_engine_internal (void);

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) error;
  ic_engine_internal ();
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_undefined", compute)

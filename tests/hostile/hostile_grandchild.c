/* hostile_grandchild: leaves a process behind that holds the result pipe
 * and never ends, then returns normally. */
#include <unistd.h>

#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) error;
  if (fork () == 0)
    for (;;)
      pause ();
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_grandchild", compute)

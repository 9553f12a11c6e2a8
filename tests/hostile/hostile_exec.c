/* hostile_exec: replaces itself with a program. */
#include <unistd.h>

#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) error;
  execl ("/bin/true", "true", (char *) NULL);
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_exec", compute)

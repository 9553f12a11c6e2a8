/* hostile_sleeper: closes every descriptor (the engine sees its pipe
 * closed), then never returns. */
#include <unistd.h>

#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) api, (void) ctx, (void) error;
  for (int fd = 0; fd < 1024; fd++)
    close (fd);
  for (;;)
    pause ();
  return TRUE;
}

HOSTILE_DEFINE ("hostile_sleeper", compute)

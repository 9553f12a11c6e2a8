/* hostile_stdout: prints to standard output, where the bundle may go. */
#include <stdio.h>

#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) error;
  printf ("hostile_stdout was here\n");
  fflush (stdout);
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_stdout", compute)

/* hostile_writer: writes the file named by $HOSTILE_MARK. */
#include <stdio.h>
#include <stdlib.h>

#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  const char *mark = getenv ("HOSTILE_MARK");
  FILE *file = mark ? fopen (mark, "w") : NULL;
  (void) error;
  if (file != NULL)
    {
      fputs ("written by a plugin\n", file);
      fclose (file);
    }
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_writer", compute)

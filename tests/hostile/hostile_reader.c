/* hostile_reader: reads a file of the system and puts it in a warning. */
#include <stdio.h>
#include <string.h>

#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  FILE *file = fopen ("/etc/passwd", "r");
  char line[256] = "";
  (void) error;
  if (file != NULL)
    {
      if (fgets (line, sizeof line, file) != NULL)
        line[strcspn (line, "\n")] = '\0';
      fclose (file);
      api->warning (ctx, "read: %s", line);
    }
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_reader", compute)

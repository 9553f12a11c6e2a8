/* hostile_constructor: code that runs when the file is loaded, before any
 * check (an ELF constructor), in a file that is not even a valid plugin
 * (wrong magic). It writes the file named by $HOSTILE_MARK. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "hostile.h"

__attribute__ ((constructor)) static void
on_load (void)
{
  const char *mark = getenv ("HOSTILE_MARK");
  int fd = mark ? open (mark, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
  if (fd >= 0)
    {
      if (write (fd, "constructor ran\n", 16) < 0)
        abort ();
      close (fd);
    }
}

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  (void) error;
  return hostile_report (api, ctx);
}

IC_PLUGIN_EXPORT extern const IcPluginDescriptor ic_plugin_descriptor;
IC_PLUGIN_EXPORT const IcPluginDescriptor ic_plugin_descriptor = {
  0xBADBAD, sizeof (IcPluginDescriptor), IC_ABI_MAJOR, IC_ABI_MINOR,
  "hostile_constructor", "1.0.0", hostile_tables, NULL, compute, NULL
};

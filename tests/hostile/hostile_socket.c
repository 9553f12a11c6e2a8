/* hostile_socket: opens a network socket (to send the data away). */
#include <sys/socket.h>
#include <unistd.h>

#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  (void) error;
  if (fd >= 0)
    close (fd);
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_socket", compute)

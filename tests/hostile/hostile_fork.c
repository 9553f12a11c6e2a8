/* hostile_fork: starts a process of its own. */
#include <sys/wait.h>
#include <unistd.h>

#include "hostile.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  pid_t pid = fork ();
  (void) error;
  if (pid == 0)
    _exit (0);
  if (pid > 0)
    waitpid (pid, NULL, 0);
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_fork", compute)

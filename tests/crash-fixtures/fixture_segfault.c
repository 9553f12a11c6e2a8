/* Test-only: a plugin that writes where nothing may be written. The page
 * is mapped without any access, so the write faults for real, and no
 * sanitizer mistakes it for a bug it reports itself (UBSan would turn a
 * NULL store into an exit of its own). */
#include <sys/mman.h>

#include <indicore/indicore-plugin.h>

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  volatile int *forbidden = mmap (NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  (void) api, (void) ctx, (void) error;
  *forbidden = 1;
  return TRUE;
}

static const char *const tables[] = { "pmi_acts", NULL };
IC_PLUGIN_DEFINE ("fixture_segfault", "1.0.0", tables, NULL, compute)

/* hostile_forger: reopens every descriptor it inherited for writing
 * (/proc/self/fd/N), including other plugins' result pipes, and writes a
 * forged result into each: EPP at 700 / 770. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "hostile.h"

#define RESULT_TYPE "(isbbxxa(qxx)a(sixx)asa(msmsmsmsmsx)a(sxms)a(bsa(sx))a(ssqxx))"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  GVariant *forged = g_variant_ref_sink (g_variant_new_parsed (
      "(0, '', true, true, int64 700, int64 770, @a(qxx) [], @a(sixx) [], @as [], "
      "@a(msmsmsmsmsx) [], @a(sxms) [], @a(bsa(sx)) [], @a(ssqxx) [])"));
  (void) error;
  g_assert (g_variant_is_of_type (forged, G_VARIANT_TYPE (RESULT_TYPE)));
  for (int n = 3; n < 256; n++)
    {
      char path[64];
      int fd;
      snprintf (path, sizeof path, "/proc/self/fd/%d", n);
      fd = open (path, O_WRONLY | O_NONBLOCK);
      if (fd < 0)
        continue;
      if (write (fd, g_variant_get_data (forged), g_variant_get_size (forged)) < 0)
        (void) 0;
      close (fd);
    }
  g_variant_unref (forged);
  return hostile_report (api, ctx);
}

HOSTILE_DEFINE ("hostile_forger", compute)

/* utf8-scan.c: whether a file's bytes are UTF-8, chunk by chunk
 * (utf8-scan.h). */
#include "utf8-scan.h"

#include <string.h>

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

/* The first byte of [@p, @end) that is not ASCII, or @end: 32 bytes per
 * test, then 8, as most bytes of an export are ASCII. */
static const char *
skip_ascii (const char *p, const char *end)
{
  for (; end - p >= 32; p += 32)
    {
      guint64 w[4];
      memcpy (w, p, sizeof w);
      if (((w[0] | w[1] | w[2] | w[3]) & HIGH_BITS) != 0)
        break;
    }
  for (; end - p >= 8; p += 8)
    {
      guint64 w;
      memcpy (&w, p, sizeof w);
      if ((w & HIGH_BITS) != 0)
        break;
    }
  while (p < end && (guchar) *p < 0x80)
    p++;
  return p;
}

/* An ASCII byte is a whole character, never part of a sequence, so only
 * the runs of other bytes need validating, each on its own. */
const char *
ic_utf8_find_invalid (const char *p, const char *end)
{
  for (;;)
    {
      const char *run_end, *bad;

      p = skip_ascii (p, end);
      if (p == end)
        return NULL;
      for (run_end = p + 1; run_end < end && (guchar) *run_end >= 0x80; run_end++)
        ;
      if (!g_utf8_validate_len (p, (gsize) (run_end - p), &bad))
        return bad;
      p = run_end;
    }
}

gboolean
ic_utf8_scan_chunk (IcUtf8Scan *scan, const char *chunk, gsize got, guint64 offset,
                    gboolean last, gboolean copy_carry)
{
  const char *nul, *stop, *bad;

  if (got == 0)
    {
      /* The end, right after a full chunk: a sequence it cut is cut short. */
      scan->invalid = scan->invalid || scan->carry > 0;
      scan->carry = 0;
      return FALSE;
    }
  /* Bytes past a NUL are never read, so only those before it decide the
   * encoding (g_utf8_validate_len() would refuse the NUL itself). The BOM
   * is valid UTF-8: it needs no special case. */
  nul = memchr (chunk, '\0', got);
  stop = nul != NULL ? nul : chunk + got;
  bad = ic_utf8_find_invalid (chunk - scan->carry, stop);
  scan->carry = 0;
  if (bad != NULL && nul == NULL && !last && (gsize) (stop - bad) < IC_UTF8_CARRY)
    {
      /* Maybe a sequence cut by the chunk's end: it goes before the next
       * chunk, which decides. A full chunk is longer than IC_UTF8_CARRY, so
       * a sequence invalid whatever follows is not carried twice. */
      scan->carry = (gsize) (stop - bad);
      if (copy_carry)
        memmove ((char *) chunk - scan->carry, bad, scan->carry);
      return TRUE;
    }
  if (bad != NULL)
    scan->invalid = TRUE;
  if (nul != NULL)
    {
      scan->has_nul = TRUE;
      scan->nul = offset + (guint64) (nul - chunk);
    }
  return bad == NULL && nul == NULL && !last;
}

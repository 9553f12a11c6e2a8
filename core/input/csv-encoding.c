/* csv-encoding.c: decides a file's encoding before its records are read
 * (pass 1: UTF-8 with or without BOM, else Windows-1252), and converts
 * Windows-1252 to UTF-8 as the text is read. */
#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader-private.h"
#include "utf8-scan.h"

#include <string.h>

/* Windows-1252 0x80..0xFF as Unicode. The five bytes the code page leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD; 0xA0..0xFF are
 * Latin-1. */
static const gunichar cp1252_high[128] = {
  /* 0x80 */ 0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  /* 0x88 */ 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  /* 0x90 */ 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  /* 0x98 */ 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
  /* 0xA0 */ 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
  /* 0xA8 */ 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
  /* 0xB0 */ 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  /* 0xB8 */ 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
  /* 0xC0 */ 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
  /* 0xC8 */ 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
  /* 0xD0 */ 0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
  /* 0xD8 */ 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
  /* 0xE0 */ 0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
  /* 0xE8 */ 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
  /* 0xF0 */ 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
  /* 0xF8 */ 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};

/* Converts @len bytes of Windows-1252 into @out, which has room for 3 bytes
 * each. Returns the bytes written, always valid UTF-8. */
gsize
ic_csv_convert_cp1252 (const char *text, gsize len, char *out)
{
  const guchar *in = (const guchar *) text;
  guchar *o = (guchar *) out;

  for (gsize i = 0; i < len; i++)
    {
      if (in[i] < 0x80)
        {
          *o++ = in[i];
          continue;
        }
      gunichar u = cp1252_high[in[i] - 0x80];
      if (u < 0x800)
        {
          *o++ = (guchar) (0xC0 | (u >> 6));
          *o++ = (guchar) (0x80 | (u & 0x3F));
        }
      else
        {
          *o++ = (guchar) (0xE0 | (u >> 12));
          *o++ = (guchar) (0x80 | ((u >> 6) & 0x3F));
          *o++ = (guchar) (0x80 | (u & 0x3F));
        }
    }
  return (gsize) (o - (guchar *) out);
}

/* The raw bytes the text [p, end) was read from: one per character when
 * converted from Windows-1252 (each byte became one UTF-8 sequence). */
guint64
ic_csv_raw_length (IcCsvReader *self, const char *p, const char *end)
{
  guint64 n = 0;

  if (!self->converted)
    return (guint64) (end - p);
  for (; p < end; p++)
    n += ((guchar) *p & 0xC0) != 0x80;
  return n;
}

/* ---- pass 1 ------------------------------------------------------------- */

/* What pass 1 finds in a range of the file, read on its own (a big file is
 * scanned in two halves at once). */
typedef struct {
  const IcCsvReader *reader;
  guint64 start, end;   /* the range (end G_MAXUINT64: to the file's end);
                         * start is never inside a UTF-8 sequence of the
                         * bytes before it */
  gsize chunk;
  IcUtf8Scan scan;
  gboolean bom;         /* the range starts the file with a UTF-8 BOM */
  GError *error;
} ScanRange;

/* Reads up to @max bytes of the range from *@offset into @out. */
static gboolean
range_read (ScanRange *range, char *out, gsize max, guint64 *offset, gsize *got, GError **error)
{
  const IcCsvReader *self = range->reader;

  if (range->end - *offset < max)
    max = (gsize) (range->end - *offset);
  if (self->fd >= 0)
    return ic_csv_read_checked (self->fd, &self->at_open, out, max, offset, got, error);
  *got = (gsize) MIN ((guint64) max, self->at_open.size - *offset);
  if (*got > 0)
    memcpy (out, self->data + *offset, *got);
  *offset += *got;
  return TRUE;
}

/* Reads the range up to the first byte that is not UTF-8, the first NUL,
 * or its end: no further than needed to decide. */
static gboolean
scan_range (ScanRange *range)
{
  g_autofree char *raw = g_malloc (IC_UTF8_CARRY + range->chunk);
  char *const chunk = raw + IC_UTF8_CARRY;
  guint64 offset = range->start;
  gboolean first = range->start == 0;

  for (;;)
    {
      gsize got;

      if (!range_read (range, chunk, range->chunk, &offset, &got, &range->error))
        return FALSE;
      if (first)
        {
          range->bom = got >= 3 && memcmp (chunk, "\xEF\xBB\xBF", 3) == 0;
          first = FALSE;
        }
      if (!ic_utf8_scan_chunk (&range->scan, chunk, got, offset - got,
                               got < range->chunk || offset == range->end, TRUE))
        return TRUE;
    }
}

static gpointer
scan_range_thread (gpointer data)
{
  scan_range (data);
  return NULL;
}

/* Files of this many chunks are scanned by two threads, a half each (8 MiB
 * by default; small files then too, with the tests' small chunks). */
#define SCAN_IN_TWO_CHUNKS 8

/* Where the second half of a scan starts: the first byte from the middle
 * on that does not continue a UTF-8 sequence (at most three are skipped: a
 * longer run is invalid anyway, and the first half then says so). */
static guint64
scan_middle (IcCsvReader *self)
{
  guint64 middle = self->at_open.size / 2;
  guchar peek[4];
  gsize got = 0;
  ScanRange range = { .reader = self, .start = middle, .end = middle + sizeof peek };
  guint64 offset = middle;

  if (!range_read (&range, (char *) peek, sizeof peek, &offset, &got, NULL))
    return middle;
  for (gsize i = 0; i < got && i < 3 && (peek[i] & 0xC0) == 0x80; i++)
    middle++;
  return middle;
}

/* Pass 1 reads the file chunk by chunk only until its encoding is decided:
 * up to the first byte that is not UTF-8 (then it is Windows-1252), the
 * first NUL byte (only the bytes before it count) or the end. ASCII bytes,
 * most of an export, are skipped 32 at a time (utf8-scan.c); a multi-byte
 * sequence cut by the end of a chunk is carried over, so that only a
 * sequence invalid in the file makes it Windows-1252. Records already
 * handed out could not be taken back (a file whose only invalid byte is on
 * its last line must be read as Windows-1252 from its first): hence a pass
 * before the parse, or the parse at once as UTF-8 with the checksum's
 * thread deciding, and the caller reading again (csv-source.h).
 *
 * Pass 1: the BOM, and whether the bytes before the first NUL are UTF-8
 * (recording where that NUL is when it decides). It reads no further than
 * needed to decide: up to the first byte that is not UTF-8, the first NUL,
 * or the end of the file. A big file's halves are scanned at once, and
 * decide in file order. */
gboolean
ic_csv_scan_encoding (IcCsvReader *self, GError **error)
{
  /* The last range has no end: reading to the file's end checks it is
   * where it was at open. */
  ScanRange first = { .reader = self, .start = 0, .end = G_MAXUINT64, .chunk = self->chunk };
  ScanRange second = first;
  GThread *thread = NULL;
  gboolean ok;

  if (self->at_open.size >= SCAN_IN_TWO_CHUNKS * (guint64) self->chunk)
    {
      first.end = second.start = scan_middle (self);
      thread = g_thread_new ("indicore-scan", scan_range_thread, &second);
    }
  ok = scan_range (&first);
  if (thread != NULL)
    g_thread_join (thread);

  if (!ok)
    {
      g_propagate_error (error, first.error);
      g_clear_error (&second.error);
      return FALSE;
    }
  self->bom = first.bom ? 3 : 0;
  if (thread != NULL && !first.scan.invalid && !first.scan.has_nul)
    {
      /* The first half is UTF-8 to its end: the second decides. */
      if (second.error != NULL)
        {
          g_propagate_error (error, second.error);
          return FALSE;
        }
      first.scan = second.scan;
    }
  g_clear_error (&second.error);

  self->converted = first.scan.invalid;
  if (first.scan.has_nul)
    {
      /* Its place, for ic_csv_reader_split(). When the encoding is decided
       * before it, pass 2 finds it. */
      self->nul = first.scan.nul;
      self->nul_known = TRUE;
    }
  else if (!first.scan.invalid)
    self->nul_known = TRUE; /* none */
  return TRUE;
}

/* Without pass 1: only the BOM, from the first three bytes. */
gboolean
ic_csv_peek_bom (IcCsvReader *self, GError **error)
{
  ScanRange range = { .reader = self, .start = 0, .end = 3 };
  char first[3];
  guint64 offset = 0;
  gsize got = 0;

  if (!range_read (&range, first, sizeof first, &offset, &got, error))
    return FALSE;
  self->bom = got == 3 && memcmp (first, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  return TRUE;
}

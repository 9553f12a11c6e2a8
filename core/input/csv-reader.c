/* csv-reader.c: one delimited text file, record by record, in bounded
 * memory.
 *
 * Reading. The file is never mapped: the pages of a mapping that reading
 * touches count in the process's resident size (a 2 GB file would make a
 * 2 GB peak), and a file truncated under a mapping kills the process with
 * SIGBUS. It is read with large read() calls instead:
 *
 * 1. ic_csv_reader_open() reads it chunk by chunk until its encoding is
 *    decided: up to the first byte that is not UTF-8 (then it is
 *    Windows-1252), the first NUL byte (only the bytes before it count) or
 *    the end. ASCII bytes, most of an export, are skipped 32 at a time (no
 *    high bit set in four words); only the runs of other bytes go through
 *    g_utf8_validate_len(). A multi-byte sequence cut by the end of a chunk
 *    is carried over to the front of the next one, so that only a sequence
 *    invalid in the file makes it Windows-1252. A big file's two halves are
 *    scanned by two threads at once (the second starting past any sequence
 *    the middle cuts), and decide in file order.
 * 2. Records are then parsed from a text buffer filled a chunk at a time,
 *    each chunk converted from Windows-1252 as it comes in when the first
 *    pass said so (the parser only ever sees UTF-8). When a record runs past
 *    the end of the buffer, its beginning is moved to the front, more is read
 *    after it and its parse starts over. The buffer grows only for a record
 *    longer than half of it, and a record is at most IC_CSV_MAX_RECORD bytes,
 *    so memory stays bounded whatever the size of the file.
 * 3. From the open on, a thread of the reader's own (the hasher,
 *    csv-checksum.c) reads the whole file, 1 MiB at a time through a
 *    descriptor of its own, and computes the SHA-256 of its bytes;
 *    ic_csv_reader_get_sha256() waits for it. The readers of a split share
 *    it.
 *
 * ic_csv_reader_open_assuming_utf8() skips step 1: the hasher decides the
 * encoding from the bytes it hashes, the same way, and the parse runs as
 * for UTF-8 meanwhile. Records already handed out cannot be taken back (a
 * file whose only invalid byte is on its last line must be read as
 * Windows-1252 from its first), so the caller, which can, throws everything
 * away and opens the file again with ic_csv_reader_open() when the hasher
 * says it is not UTF-8 (the next refill fails with IC_CSV_ERROR_NOT_UTF8 as
 * soon as the hasher knows). The national files are UTF-8 nearly always,
 * and step 1 was a pass over the whole file before the first record: on a
 * 142 MB ASCII export in the page cache, 0.027 s of read() and 0.007 s of
 * scanning, with nothing else running. The hasher, nobody asking, is
 * stopped at its next chunk when its last reader is freed, so that a file
 * refused early is not hashed through.
 *
 * All readings use pread() at their own offsets, so that the two readers of
 * a split (below) and the hasher never disturb each other.
 *
 * Splitting (ic_csv_reader_split(), for two threads on one big file). The
 * boundary must be a record boundary, which only a parse from the start can
 * tell for sure (a quoted field may hold line ends); a cheap guess is a line
 * end with an even number of quote bytes between the reader's position (a
 * record boundary) and it: exact for a well-formed file, where the quotes of
 * a record are the pairs around fields and the doubled quotes inside, and
 * fooled only by stray quotes in malformed records. So the quotes and LFs of
 * the first half are counted (pread() through a chunk, a vectorized count:
 * 0.01 s for 75 MB in the page cache), then the scan goes on line end by
 * line end to the first with an even count. The LFs give the second part's
 * first line. '"' and LF are ASCII, so the raw bytes of a Windows-1252 file
 * count as well as its text; the BOM is before the reader's position.
 * The guess is checked for free by the first part: it parses exactly what a
 * single reader would up to the boundary, and its text ends there with a
 * line end. If the reader reaches that end between records, the second part
 * starts where a single reader's next record would, and the results are the
 * same. If a record runs into it (a quoted field that does not close before
 * it, a bad record whose rest is skipped up to a quoted field that does not
 * close), the reader ends there without an error, and
 * ic_csv_reader_part_ended_cleanly() says the split was unsound. These are
 * the only places where reaching the end of the text decides something
 * (everywhere else a line end comes first), and they are off the hot path.
 * The first part checks the file's size and modification time where it ends;
 * the second reads to the end of the file and checks it there. A NUL byte
 * ends the reading: the boundary is always before the first one, known from
 * step 1 (UTF-8 files), from step 2's reading, or searched while counting.
 *
 * Changes while reading. Each reading (step 1 when it goes to the end, step
 * 2, the hasher) compares what it reads with the size fstat() gave at open:
 * fewer bytes (truncated) or more (grown) is IC_CSV_ERROR_CHANGED; at the
 * end of each, fstat() must still give the same size and modification time
 * (a change in place). It is fatal: what was read no longer matches the
 * checksum. The hasher keeps its error for ic_csv_reader_get_sha256(). A
 * file replaced by rename() is not a change: the reader keeps reading the
 * file it opened. (A rewrite in place that keeps the size, within the file
 * system's timestamp granularity of the write before the open, would go
 * unseen: nothing cheaper than reading it once more, after the others,
 * could tell.)
 *
 * Record buffers. A record is an array of IcCsvField pointing into the text
 * buffer. Only quoted fields holding doubled quotes are rewritten, into one
 * scratch buffer reused from record to record, so reading allocates nothing
 * per record once the arrays have grown to the widest record.
 *
 * Dialect choices beyond spec/data.md:
 * - separator: `;` or `,`, whichever occurs more often outside quotes in the
 *   header line; `;` on a tie, including a one-column header with neither
 *   (French exports use `;`);
 * - a blank line is an empty line or one made only of CRs; a line of spaces
 *   or `;;` is a record (of one blank field, of three empty fields);
 * - a CR is part of the line end only right before LF or the end of the
 *   file; elsewhere in an unquoted field it is data;
 * - line ends inside a quoted field are kept as written (CRLF stays CRLF);
 * - a NUL byte stops reading where it sits: the records before it are read,
 *   then IC_CSV_ERROR_BINARY (from ic_csv_reader_open() when the header holds
 *   it). Its search costs nothing in the scanning loops: the text just
 *   "ends" at the NUL;
 * - a record (from its first byte to its line end) longer than
 *   IC_CSV_MAX_RECORD, or with more than IC_CSV_MAX_FIELDS fields, stops the
 *   reading: IC_CSV_ERROR_RECORD_TOO_LONG. The limit counts from the
 *   record's first byte whatever the chunks, so the same file always gives
 *   the same records. When a bad record (text after a closing quote...) is
 *   skipped and its rest does not end within that limit, only its first
 *   physical line is skipped, as for a quote that never closes. A line of
 *   more than IC_CSV_MAX_RECORD CRs is such a record, not a blank line.
 *
 * Messages never quote the content of a field: fields hold identifiers and
 * dates of children. */

#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader.h"
#include "csv-checksum.h"
#include "csv-file.h"
#include "utf8-scan.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gstdio.h>
#if defined (__SSE2__)
#include <emmintrin.h>
#endif

G_DEFINE_QUARK (ic-csv-error-quark, ic_csv_error)

/* Bytes per read(): large enough that system calls cost nothing, small
 * enough to stay in the CPU's caches between reading and parsing. */
#define DEFAULT_CHUNK (1024 * 1024)
#define MIN_CHUNK 16

static gint chunk_size_for_tests = 0;
static gint no_plain_path_for_tests = 0;

/* A field of the current record whose text is in the scratch buffer: its
 * pointer is set once the record is complete, as the buffer may move. */
typedef struct {
  guint field;
  gsize offset;
} Fixup;


/* Readers are allocated on cache lines of their own (aligned, and a
 * multiple of CACHE_LINE long), and so are the arrays they write record by
 * record: the two readers of a split, read by two threads, must not share a
 * cache line (measured: each thread 35 to 100% slower when they did). */
#define CACHE_LINE 64

struct _IcCsvReader {
  /* Where the raw bytes come from. */
  _Alignas (CACHE_LINE)
  int fd;               /* the file (read with pread(): a split's two
                         * readers share its file offset), or -1 */
  GBytes *bytes;        /* or a copy of bytes in memory, shared by a split */
  const char *data;     /* ... its bytes */
  IcCsvStamp at_open;        /* its size and modification time at open */
  guint64 offset;       /* file offset of the next raw byte to read */
  guint64 end;          /* where this reader's part ends: G_MAXUINT64 for
                         * the end of the file, else a split boundary */
  guint64 nul;          /* file offset of the first NUL byte, G_MAXUINT64
                         * for none or unknown */
  gboolean nul_known;   /* pass 1 looked for it through the whole file */
  gsize chunk;          /* bytes per read */
  gsize bom;            /* 3 when the file starts with a UTF-8 BOM, or 0 */
  char *raw;            /* a raw chunk, for converting from Windows-1252 */

  /* The text being parsed: [buf + pos, buf + len). */
  char *buf;
  gsize buf_size;
  gsize pos;            /* start of the next record (or blank lines) */
  gsize len;
  gboolean eof;         /* buf + len is the end of the text */
  gboolean at_nul;      /* ... because a NUL byte sits there */
  guint64 line;         /* physical line of pos */
  gboolean finished;    /* end reached or fatal error reported */
  gboolean ended;       /* the end of the text was reached, no error */
  gboolean part_open;   /* the text ends at a split boundary (end), and a
                         * record or a skipped bad record ran into it */

  char separator;
  gboolean converted;
  IcCsvChecksum *checksum; /* computed beside the reading, shared by a split */
  gboolean assume_utf8; /* no pass 1: the hasher finds the encoding */
  gboolean plain_path;  /* parse_plain_record() first (off only in tests) */
  guint8 stop[256];     /* bytes that end an unquoted field */

  IcCsvField *fields;   /* the current record */
  guint n_fields;
  guint fields_size;
  Fixup *fixups;        /* of the current record */
  guint n_fixups;
  guint fixups_size;
  char *scratch;
  gsize scratch_len;
  gsize scratch_size;

  IcCsvField *header;
  guint n_header;
  char *header_text;

  guint64 error_line;
  guint error_column;
};

typedef enum {
  PARSE_RECORD,         /* a record is in self->fields */
  PARSE_END,            /* the end of the text; error unset */
  PARSE_ERROR,          /* error set */
  PARSE_MORE,           /* the record runs past the buffer: read more, parse again */
} Parse;

G_STATIC_ASSERT (IC_CSV_MAX_FIELD == 65536);
G_STATIC_ASSERT (IC_CSV_MAX_RECORD == 1048576);
G_STATIC_ASSERT (IC_CSV_MAX_FIELDS == 8192);
#define TOO_LONG_MESSAGE "field longer than 65536 bytes"
#define RECORD_TOO_LONG_MESSAGE "record longer than 1048576 bytes"
#define RECORD_TOO_LONG_QUOTE_MESSAGE "record longer than 1048576 bytes: a quote left open?"
#define TOO_MANY_FIELDS_MESSAGE "record with more than 8192 fields"
#define NUL_MESSAGE "NUL byte: not a text file"

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
static gsize
convert_cp1252 (const char *text, gsize len, char *out)
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

static guint64
count_newlines (const char *p, const char *end)
{
  guint64 n = 0;
  while (p < end && (p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

/* The raw bytes the text [p, end) was read from: one per character when
 * converted from Windows-1252 (each byte became one UTF-8 sequence). */
static guint64
raw_length (IcCsvReader *self, const char *p, const char *end)
{
  guint64 n = 0;

  if (!self->converted)
    return (guint64) (end - p);
  for (; p < end; p++)
    n += ((guchar) *p & 0xC0) != 0x80;
  return n;
}

/* ---- raw bytes ---------------------------------------------------------- */

/* Reads up to @max raw bytes of the current pass into @out: all of them
 * except at the end of the file (see read_checked()), or at the end of the
 * part (self->end), which is not read past. */
static gboolean
source_read (IcCsvReader *self, char *out, gsize max, gsize *got, GError **error)
{
  gsize n;

  if (self->end - self->offset < max)
    max = (gsize) (self->end - self->offset);
  if (self->fd >= 0)
    return ic_csv_read_checked (self->fd, &self->at_open, out, max, &self->offset, got, error);

  n = (gsize) MIN ((guint64) max, self->at_open.size - self->offset);
  if (n > 0)
    memcpy (out, self->data + self->offset, n);
  self->offset += n;
  *got = n;
  return TRUE;
}

/* Back to the file's first byte after the BOM, for the second pass. */
static void
source_rewind (IcCsvReader *self)
{
  self->offset = self->bom;
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

/* Pass 1: the BOM, and whether the bytes before the first NUL are UTF-8
 * (recording where that NUL is when it decides). It reads no further than
 * needed to decide: up to the first byte that is not UTF-8, the first NUL,
 * or the end of the file. A big file's halves are scanned at once, and
 * decide in file order. */
static gboolean
scan_raw (IcCsvReader *self, GError **error)
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
static gboolean
peek_bom (IcCsvReader *self, GError **error)
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

/* Moves the unparsed text to the front of the buffer and reads more after
 * it: at least one byte, or up to the end of the text. Sets eof at the end
 * of the file or at a NUL byte. */
static gboolean
refill (IcCsvReader *self, GError **error)
{
  const gsize keep = self->len - self->pos;
  gsize got, room;
  char *out;

  g_assert (!self->eof);
  /* The hasher, ahead of the parse, found the file is not UTF-8: what was
   * read is to be thrown away, the sooner the better. */
  if (self->assume_utf8 && ic_csv_checksum_found_not_utf8 (self->checksum))
    {
      g_set_error_literal (error, IC_CSV_ERROR, IC_CSV_ERROR_NOT_UTF8,
                           "not UTF-8 after all: to be read again as Windows-1252");
      return FALSE;
    }
  if (self->pos > 0)
    {
      memmove (self->buf, self->buf + self->pos, keep);
      self->pos = 0;
      self->len = keep;
    }
  /* A record longer than half the buffer: grow it, so that each read adds
   * at least half a buffer and a long record is parsed a few times at most. */
  if (keep > self->buf_size / 2)
    {
      self->buf_size *= 2;
      self->buf = g_realloc (self->buf, self->buf_size);
    }

  out = self->buf + self->len;
  room = self->buf_size - self->len;
  if (!self->converted)
    {
      if (!source_read (self, out, room, &got, error))
        return FALSE;
      self->len += got;
      if (got < room)
        self->eof = TRUE;
    }
  else
    {
      const gsize want = MIN (self->chunk, room / 3);
      if (!source_read (self, self->raw, want, &got, error))
        return FALSE;
      self->len += convert_cp1252 (self->raw, got, out);
      if (got < want)
        self->eof = TRUE;
    }

  const char *nul = memchr (out, '\0', (gsize) (self->buf + self->len - out));
  if (nul != NULL)
    {
      /* The first NUL of the file, which pass 1 may not have looked for:
       * its offset, for ic_csv_reader_split(). */
      if (!self->nul_known)
        {
          self->nul = self->offset - raw_length (self, nul, self->buf + self->len);
          self->nul_known = TRUE;
        }
      self->len = (gsize) (nul - self->buf);
      self->eof = TRUE;
      self->at_nul = TRUE;
    }
  return TRUE;
}

/* ---- parsing ------------------------------------------------------------ */

/* Skips empty lines and lines of only CRs from self->pos, and moves pos and
 * line past them. Returns the start of the next line, which is not blank,
 * or the end of the text; NULL when the buffer ends before telling. A run
 * of CRs longer than IC_CSV_MAX_RECORD is taken for a record, which the
 * parser then refuses: whatever the chunks, the same file reads the same. */
static const char *
skip_blank_lines (IcCsvReader *self)
{
  const char *p = self->buf + self->pos;
  const char *const end = self->buf + self->len;
  guint64 line = self->line;
  const char *result;

  for (;;)
    {
      const char *q = p;
      while (q < end && *q == '\r')
        q++;
      if ((gsize) (q - p) > IC_CSV_MAX_RECORD)
        result = p;
      else if (q < end && *q == '\n')
        {
          p = q + 1;
          line++;
          continue;
        }
      else if (q < end)
        result = p;
      else if (self->eof)
        result = p = end; /* CRs to the end of the text: blank */
      else
        result = NULL;
      break;
    }
  self->pos = (gsize) (p - self->buf);
  self->line = line;
  return result;
}

/* Sets @error and the error position. */
static void
set_error (IcCsvReader *self,
           GError **error,
           IcCsvError code,
           guint64 line,
           guint column,
           const char *message)
{
  self->error_line = line;
  self->error_column = column;
  g_set_error_literal (error, IC_CSV_ERROR, code, message);
}

/* An error after which nothing more can be read. */
static Parse
fail_fatal (IcCsvReader *self,
            GError **error,
            IcCsvError code,
            guint64 line,
            guint column,
            const char *message)
{
  self->finished = TRUE;
  set_error (self, error, code, line, column, message);
  return PARSE_ERROR;
}

/* The record runs to @limit, which is not the end of the text: more must be
 * read, unless the limit is IC_CSV_MAX_RECORD. */
static Parse
need_more (IcCsvReader *self,
           gboolean capped,
           GError **error,
           guint64 line,
           guint column,
           gboolean quoted)
{
  if (!capped)
    return PARSE_MORE;
  return fail_fatal (self, error, IC_CSV_ERROR_RECORD_TOO_LONG, line, column,
                     quoted ? RECORD_TOO_LONG_QUOTE_MESSAGE : RECORD_TOO_LONG_MESSAGE);
}

/* A part's text ends at a split boundary inside a record (a quoted field
 * that does not close before it, as the reader sees the quotes): the
 * boundary was no record boundary. The part ends there, without an error:
 * whether the record is well formed depends on what follows the boundary. */
static Parse
end_open_part (IcCsvReader *self)
{
  self->part_open = TRUE;
  return PARSE_END;
}

typedef enum {
  SKIP_DONE,
  SKIP_MORE,
  SKIP_TOO_LONG,
  SKIP_PART_END, /* the record runs into a split boundary */
} Skip;

/* Moves from @p, inside a malformed record, to the start of the next record
 * (@next): the rest of the bad field is skipped with its quotes taken
 * literally, and later fields that open with a quote are skipped as quoted
 * fields, so that a well-formed multi-line field does not turn into bogus
 * records. If such a field never closes (before the end of the text, or
 * before IC_CSV_MAX_RECORD when @capped), the record's physical line is
 * skipped instead: the reader then meets the open quote again and reports
 * it. */
static Skip
skip_rest_of_record (IcCsvReader *self,
                     const char *p,
                     const char *limit,
                     gboolean final,
                     gboolean capped,
                     guint64 *line,
                     const char **next)
{
  const char sep = self->separator;
  const char *nl = memchr (p, '\n', (gsize) (limit - p));
  guint64 l = *line;

  for (;;)
    {
      while (p < limit && *p != sep && *p != '\n')
        p++;
      if (p == limit)
        goto at_limit;
      if (*p == '\n')
        {
          p++;
          l++;
          break;
        }
      p++;
      if (p == limit)
        goto at_limit;
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              const char *q = memchr (p, '"', (gsize) (limit - p));
              if (q == NULL)
                goto never_closes;
              l += count_newlines (p, q);
              p = q + 1;
              if (p == limit)
                goto at_limit;
              if (*p == '"')
                {
                  p++;
                  continue;
                }
              break;
            }
        }
    }
  *line = l;
  *next = p;
  return SKIP_DONE;

at_limit:
  /* Only a whole file's text may end inside a record: a part's ends with a
   * line end, and what follows its boundary would decide. */
  if (final && self->end != G_MAXUINT64)
    return SKIP_PART_END;
  if (final)
    {
      *line = l;
      *next = limit;
      return SKIP_DONE;
    }
  /* fall through: at IC_CSV_MAX_RECORD, as for a quote that never closes */
never_closes:
  if (!final && !capped)
    return SKIP_MORE;
  if (final && self->end != G_MAXUINT64)
    return SKIP_PART_END;
  if (nl == NULL)
    {
      if (!final)
        return SKIP_TOO_LONG;
      *next = limit;
      return SKIP_DONE;
    }
  (*line)++;
  *next = nl + 1;
  return SKIP_DONE;
}

/* A problem that costs only the current record, once its end is found. */
static Parse
fail_record (IcCsvReader *self,
             const char *p,
             const char *limit,
             gboolean final,
             gboolean capped,
             guint64 line,
             GError **error,
             IcCsvError code,
             guint64 error_line,
             guint column,
             const char *message)
{
  const char *next = NULL;

  switch (skip_rest_of_record (self, p, limit, final, capped, &line, &next))
    {
    case SKIP_MORE:
      return PARSE_MORE;
    case SKIP_TOO_LONG:
      return fail_fatal (self, error, IC_CSV_ERROR_RECORD_TOO_LONG, error_line, column,
                         RECORD_TOO_LONG_MESSAGE);
    case SKIP_PART_END:
      return end_open_part (self);
    case SKIP_DONE:
    default:
      break;
    }
  self->pos = (gsize) (next - self->buf);
  self->line = line;
  set_error (self, error, code, error_line, column, message);
  return PARSE_ERROR;
}

/* Moves the @used bytes at @p (from g_aligned_alloc(), or NULL) to a new
 * block of at least @size bytes on cache lines of its own. */
static gpointer
grow_lines (gpointer p, gsize used, gsize size)
{
  gpointer q = g_aligned_alloc (1, (size + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE, CACHE_LINE);

  if (used > 0)
    memcpy (q, p, used);
  g_aligned_free (p);
  return q;
}

/* Copies the inside of a quoted field, [content, content + raw_len), where
 * quotes only come as doubled pairs, collapsing each pair to one quote. */
static void
unescape_to_scratch (IcCsvReader *self,
                     const char *content,
                     gsize raw_len,
                     gsize len,
                     guint field)
{
  Fixup fixup = { field, self->scratch_len };
  const char *p = content;
  const char *end = content + raw_len;

  if (self->scratch_len + len > self->scratch_size)
    {
      gsize size = MAX (self->scratch_size * 2, self->scratch_len + len);
      self->scratch = grow_lines (self->scratch, self->scratch_len, size);
      self->scratch_size = size;
    }

  char *out = self->scratch + self->scratch_len;
  while (p < end)
    {
      const char *q = memchr (p, '"', (gsize) (end - p));
      gsize n = q == NULL ? (gsize) (end - p) : (gsize) (q - p) + 1;
      memcpy (out, p, n);
      out += n;
      p += n;
      if (q != NULL)
        p++; /* the second quote of the pair */
    }
  self->scratch_len += len;
  if (self->n_fixups == self->fixups_size)
    {
      guint size = MAX (8u, self->fixups_size * 2);
      self->fixups = grow_lines (self->fixups, self->n_fixups * sizeof (Fixup),
                                 size * sizeof (Fixup));
      self->fixups_size = size;
    }
  self->fixups[self->n_fixups++] = fixup;
}

static void
grow_fields (IcCsvReader *self)
{
  guint size = MIN (MAX (16u, self->fields_size * 2), (guint) IC_CSV_MAX_FIELDS);
  self->fields = grow_lines (self->fields, self->n_fields * sizeof (IcCsvField),
                             size * sizeof (IcCsvField));
  self->fields_size = size;
}

/* The first byte of [@p, @limit) that ends an unquoted field (@sep, LF or
 * a quote: @stop), or @limit. Sixteen bytes a step where SSE2 is there
 * (every x86-64): most fields of an export are shorter, and are found in
 * one step with no branch per byte. Then four bytes a step, then one: a
 * one-byte loop of three instructions runs a quarter slower when the
 * code's placement makes it cross a 64-byte line, this one does not. Only
 * the bytes before @limit are read. */
static inline const char *
find_stop (const char *q, const char *limit, char sep, const guint8 *stop)
{
#if defined (__SSE2__)
  const __m128i seps = _mm_set1_epi8 (sep), lfs = _mm_set1_epi8 ('\n'), quotes = _mm_set1_epi8 ('"');
  while (limit - q >= 16)
    {
      const __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) q);
      const __m128i hits = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, seps), _mm_cmpeq_epi8 (v, lfs)),
                                         _mm_cmpeq_epi8 (v, quotes));
      const unsigned mask = (unsigned) _mm_movemask_epi8 (hits);
      if (mask != 0)
        return q + __builtin_ctz (mask);
      q += 16;
    }
#else
  (void) sep;
#endif
  while (limit - q >= 4
         && !(stop[(guchar) q[0]] | stop[(guchar) q[1]] | stop[(guchar) q[2]] | stop[(guchar) q[3]]))
    q += 4;
  while (q < limit && !stop[(guchar) *q])
    q++;
  return q;
}

#if defined (__SSE2__)
/* Bit i set when @p[i] is @sep, LF or a quote, for the 64 bytes at @p. */
static inline void
masks64 (const char *p, char sep, guint64 *seps, guint64 *lfs, guint64 *quotes)
{
  const __m128i s = _mm_set1_epi8 (sep), l = _mm_set1_epi8 ('\n'), q = _mm_set1_epi8 ('"');
  *seps = *lfs = *quotes = 0;
  for (int k = 0; k < 4; k++)
    {
      const __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) (p + 16 * k));
      *seps |= (guint64) (guint32) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, s)) << (16 * k);
      *lfs |= (guint64) (guint32) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, l)) << (16 * k);
      *quotes |= (guint64) (guint32) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, q)) << (16 * k);
    }
}
#endif

/* The common record, at once: one line of unquoted fields, within the
 * next 128 bytes of the text. The positions of its separators and line end
 * come as bit masks, 64 bytes at a time, and the fields from the bits set,
 * with no branch per byte nor per field end to mispredict. TRUE with the
 * fields in self->fields and pos past the line end; FALSE, nothing changed,
 * for any other record (quotes, longer, too many fields, the text ending
 * first), which the general parse below reads as it always did. */
static inline gboolean
parse_plain_record (IcCsvReader *self, const char *p, const char *limit, char sep)
{
#if defined (__SSE2__)
  const char *start = p;
  guint n = 0;

  for (int block = 0; block < 2; block++)
    {
      const char *b = p + 64 * block;
      guint64 seps, lfs, quotes, before;

      if (limit - b < 64)
        return FALSE;
      masks64 (b, sep, &seps, &lfs, &quotes);
      /* The bits before the line end, or all of them. */
      before = lfs != 0 ? (lfs & -lfs) - 1 : ~G_GUINT64_CONSTANT (0);
      if ((quotes & before) != 0)
        return FALSE;
      for (seps &= before; seps != 0; seps &= seps - 1)
        {
          const char *at = b + __builtin_ctzll (seps);
          if (n == self->fields_size)
            return FALSE;
          self->fields[n++] = (IcCsvField) { start, (gsize) (at - start) };
          start = at + 1;
        }
      if (lfs != 0)
        {
          const char *lf = b + __builtin_ctzll (lfs);
          gsize len = (gsize) (lf - start);
          /* A CR right before the LF belongs to the line end. */
          if (len > 0 && lf[-1] == '\r')
            len--;
          if (n == self->fields_size)
            return FALSE;
          self->fields[n++] = (IcCsvField) { start, len };
          self->n_fields = n;
          self->pos = (gsize) (lf + 1 - self->buf);
          return TRUE;
        }
    }
#else
  (void) self;
  (void) p;
  (void) limit;
  (void) sep;
#endif
  return FALSE;
}

/* Parses the record at self->pos into self->fields, within what the buffer
 * holds. On PARSE_MORE nothing is kept but the blank lines skipped: the
 * parse starts over once more text is read. */
static Parse
parse_record (IcCsvReader *self, guint64 *record_line, GError **error)
{
  const char *p = skip_blank_lines (self);
  const char *const end = self->buf + self->len;
  guint64 line = self->line;

  if (p == NULL)
    return PARSE_MORE;
  if (p == end)
    {
      if (self->at_nul)
        return fail_fatal (self, error, IC_CSV_ERROR_BINARY, line, 1, NUL_MESSAGE);
      return PARSE_END;
    }

  /* The record may not reach past @limit. It is the end of the text when
   * @final; past it when @capped; otherwise more can be read. */
  const gboolean capped = (gsize) (end - p) > IC_CSV_MAX_RECORD;
  const char *const limit = capped ? p + IC_CSV_MAX_RECORD : end;
  const gboolean final = !capped && self->eof;
  const char sep = self->separator;
  const guint8 *const stop = self->stop;

  self->n_fields = 0;
  self->n_fixups = 0;
  self->scratch_len = 0;
  *record_line = line;

  if (self->plain_path && parse_plain_record (self, p, limit, sep))
    {
      self->line = line + 1;
      return PARSE_RECORD;
    }

  for (;;)
    {
      const guint column = self->n_fields + 1;
      const guint64 field_line = line;
      IcCsvField field;

      if (G_UNLIKELY (self->n_fields == self->fields_size))
        {
          if (self->n_fields == IC_CSV_MAX_FIELDS)
            return fail_fatal (self, error, IC_CSV_ERROR_RECORD_TOO_LONG, *record_line,
                               column, TOO_MANY_FIELDS_MESSAGE);
          grow_fields (self);
        }

      if (p < limit && *p == '"')
        {
          const char *content = ++p;
          gsize n_doubled = 0;

          for (;;)
            {
              const char *q = memchr (p, '"', (gsize) (limit - p));
              if (q == NULL)
                {
                  if (!final)
                    return need_more (self, capped, error, field_line, column, TRUE);
                  if (self->end != G_MAXUINT64)
                    return end_open_part (self);
                  line += count_newlines (p, limit);
                  self->line = line;
                  if (self->at_nul)
                    return fail_fatal (self, error, IC_CSV_ERROR_BINARY, line, column,
                                       NUL_MESSAGE);
                  return fail_fatal (self, error, IC_CSV_ERROR_UNTERMINATED_QUOTE,
                                     field_line, column, "unterminated quoted field");
                }
              line += count_newlines (p, q);
              p = q + 1;
              if (p == limit && !final)
                return need_more (self, capped, error, field_line, column, TRUE);
              if (p < limit && *p == '"')
                {
                  n_doubled++;
                  p++;
                  continue;
                }
              break;
            }

          /* After the closing quote, the field must end. */
          if (p < limit)
            {
              const char c = *p;
              gboolean ends = c == sep || c == '\n';
              if (c == '\r')
                {
                  if (p + 1 == limit && !final)
                    return need_more (self, capped, error, field_line, column, FALSE);
                  ends = p + 1 == limit || p[1] == '\n';
                }
              if (!ends)
                return fail_record (self, p, limit, final, capped, line, error,
                                    IC_CSV_ERROR_BAD_QUOTE, line, column,
                                    "text after closing quote");
            }

          const gsize raw_len = (gsize) (p - 1 - content);
          field.len = raw_len - n_doubled;
          if (field.len > IC_CSV_MAX_FIELD)
            return fail_record (self, p, limit, final, capped, line, error,
                                IC_CSV_ERROR_FIELD_TOO_LONG, field_line, column,
                                TOO_LONG_MESSAGE);
          if (n_doubled == 0)
            field.data = content;
          else
            {
              field.data = NULL;
              unescape_to_scratch (self, content, raw_len, field.len, column - 1);
            }
          if (p < limit && *p == '\r')
            p++;
        }
      else
        {
          const char *q = find_stop (p, limit, sep, stop);
          if (q == limit && !final)
            return need_more (self, capped, error, field_line, column, FALSE);
          if (q < limit && *q == '"')
            return fail_record (self, q, limit, final, capped, line, error,
                                IC_CSV_ERROR_BAD_QUOTE, line, column,
                                "quote inside an unquoted field");
          field.data = p;
          field.len = (gsize) (q - p);
          if (field.len > 0 && q[-1] == '\r' && (q == limit || *q == '\n'))
            field.len--;
          p = q;
          if (field.len > IC_CSV_MAX_FIELD)
            return fail_record (self, p, limit, final, capped, line, error,
                                IC_CSV_ERROR_FIELD_TOO_LONG, field_line, column,
                                TOO_LONG_MESSAGE);
        }

      self->fields[self->n_fields++] = field;

      /* Here p == limit only when final. */
      if (p == limit)
        {
          if (self->at_nul)
            {
              self->line = line;
              return fail_fatal (self, error, IC_CSV_ERROR_BINARY, line, column, NUL_MESSAGE);
            }
          break;
        }
      if (*p == '\n')
        {
          p++;
          line++;
          break;
        }
      p++; /* separator */
    }

  for (guint i = 0; i < self->n_fixups; i++)
    {
      const Fixup *fixup = &self->fixups[i];
      self->fields[fixup->field].data = self->scratch + fixup->offset;
    }
  self->pos = (gsize) (p - self->buf);
  self->line = line;
  return PARSE_RECORD;
}

/* Reads the next record into self->fields, reading more of the file as
 * needed. FALSE at the end (error unset) or on a problem. */
static gboolean
read_record (IcCsvReader *self, guint64 *record_line, GError **error)
{
  if (self->finished)
    return FALSE;

  for (;;)
    {
      switch (parse_record (self, record_line, error))
        {
        case PARSE_RECORD:
          return TRUE;
        case PARSE_END:
          self->finished = TRUE;
          /* A part's end is its pass's end: the rest of the file is read by
           * another reader, which checks the file's end. */
          if (self->end != G_MAXUINT64 && self->fd >= 0
              && !ic_csv_check_unchanged (self->fd, &self->at_open, error))
            {
              self->error_line = 0;
              self->error_column = 0;
              return FALSE;
            }
          self->ended = TRUE;
          return FALSE;
        case PARSE_ERROR:
          return FALSE;
        case PARSE_MORE:
        default:
          break;
        }
      if (!refill (self, error))
        {
          /* IC_CSV_ERROR_IO or IC_CSV_ERROR_CHANGED: the whole file's. */
          self->finished = TRUE;
          self->error_line = 0;
          self->error_column = 0;
          return FALSE;
        }
    }
}

/* Counts separators outside quotes on the header line (which a quoted field
 * may stretch over several physical lines), reading until the line is whole
 * or IC_CSV_MAX_RECORD long. */
static gboolean
detect_separator (IcCsvReader *self, GError **error)
{
  for (;;)
    {
      const char *p = skip_blank_lines (self);

      if (p != NULL)
        {
          const char *const end = self->buf + self->len;
          const gboolean capped = (gsize) (end - p) > IC_CSV_MAX_RECORD;
          const char *const limit = capped ? p + IC_CSV_MAX_RECORD : end;
          gsize semicolons = 0, commas = 0;
          gboolean quoted = FALSE;

          for (; p < limit; p++)
            {
              char c = *p;
              if (c == '"')
                quoted = !quoted;
              else if (quoted)
                continue;
              else if (c == '\n')
                break;
              else if (c == ';')
                semicolons++;
              else if (c == ',')
                commas++;
            }
          if (p < limit || capped || self->eof)
            {
              self->separator = commas > semicolons ? ',' : ';';
              return TRUE;
            }
        }
      if (!refill (self, error))
        return FALSE;
    }
}

/* Reads the header and keeps a copy of it, as the record buffers are
 * reused. */
static gboolean
read_header (IcCsvReader *self, GError **error)
{
  GError *local = NULL;
  guint64 line = 0;
  gsize total = 0;

  if (!read_record (self, &line, &local))
    {
      if (local == NULL)
        {
          g_set_error_literal (error, IC_CSV_ERROR, IC_CSV_ERROR_EMPTY,
                               "no header line: the file is empty or blank");
          return FALSE;
        }
      /* No reader comes back to ask the position: it goes in the message. */
      if (self->error_line > 0)
        g_prefix_error (&local, "line %" G_GUINT64_FORMAT ", field %u: ",
                        self->error_line, self->error_column);
      g_propagate_error (error, local);
      return FALSE;
    }

  self->n_header = self->n_fields;
  for (guint i = 0; i < self->n_header; i++)
    total += self->fields[i].len;
  self->header = g_new (IcCsvField, self->n_header);
  self->header_text = g_malloc (total + 1);

  char *out = self->header_text;
  for (guint i = 0; i < self->n_header; i++)
    {
      const IcCsvField *field = &self->fields[i];
      if (field->len > 0)
        memcpy (out, field->data, field->len);
      self->header[i].data = out;
      self->header[i].len = field->len;
      out += field->len;
    }
  *out = '\0';
  return TRUE;
}

/* Pass 1, then the separator and the header from pass 2. */
static gboolean
reader_init (IcCsvReader *self, GError **error)
{
  /* A small file gets buffers of its size (plus one byte, so that the first
   * read meets the end), not of a whole chunk. */
  if (self->at_open.size < self->chunk)
    self->chunk = MAX ((gsize) self->at_open.size + 1, (gsize) MIN_CHUNK);
  self->checksum = ic_csv_checksum_start (self->fd, self->bytes, &self->at_open, self->chunk,
                                          self->assume_utf8, error);
  if (self->checksum == NULL)
    return FALSE;
  if (self->assume_utf8)
    {
      if (!peek_bom (self, error))
        return FALSE;
    }
  else if (!scan_raw (self, error))
    return FALSE;
  source_rewind (self);
  if (self->converted)
    self->raw = g_malloc (IC_UTF8_CARRY + self->chunk);

  self->buf_size = self->chunk;
  self->buf = g_malloc (self->buf_size);
  self->line = 1;
  if (!detect_separator (self, error))
    return FALSE;
  self->stop[(guchar) self->separator] = 1;
  self->stop[(guchar) '\n'] = 1;
  self->stop[(guchar) '"'] = 1;

  return read_header (self, error);
}

static IcCsvReader *
reader_new (void)
{
  IcCsvReader *self = g_aligned_alloc0 (1, sizeof (IcCsvReader), CACHE_LINE);
  gint chunk = g_atomic_int_get (&chunk_size_for_tests);

  self->fd = -1;
  self->end = G_MAXUINT64;
  self->nul = G_MAXUINT64;
  self->chunk = chunk > 0 ? (gsize) chunk : DEFAULT_CHUNK;
  self->plain_path = !g_atomic_int_get (&no_plain_path_for_tests);
  return self;
}

void
ic_csv_reader_set_chunk_size_for_tests (gsize size)
{
  if (size > 0)
    size = CLAMP (size, MIN_CHUNK, (gsize) DEFAULT_CHUNK);
  g_atomic_int_set (&chunk_size_for_tests, (gint) size);
}

void
ic_csv_reader_set_plain_path_for_tests (gboolean enabled)
{
  g_atomic_int_set (&no_plain_path_for_tests, !enabled);
}

void
ic_csv_reader_defer_sha256_for_tests (gboolean defer)
{
  ic_csv_checksum_defer_for_tests (defer != FALSE);
}

static IcCsvReader *
reader_open (const char *path, gboolean assume_utf8, GError **error)
{
  g_autoptr (IcCsvReader) self = NULL;
  struct stat st;
  int fd, saved_errno;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_NONBLOCK so that opening a FIFO with no writer returns at once;
   * fstat() on the open descriptor then refuses anything but a regular file
   * without the race of a stat() before the open(). */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO, "cannot open: %s",
                   g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      saved_errno = errno;
      g_close (fd, NULL);
      g_set_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO, "cannot read: %s",
                   g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error_literal (error, IC_CSV_ERROR, IC_CSV_ERROR_IO,
                           S_ISDIR (st.st_mode) ? "is a directory, not a regular file"
                                                : "not a regular file");
      return NULL;
    }
  /* A regular file: reads never block, but say so plainly. */
  int flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    (void) fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
#ifdef POSIX_FADV_SEQUENTIAL
  (void) posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  self = reader_new ();
  self->assume_utf8 = assume_utf8;
  self->fd = fd;
  self->at_open.size = (guint64) st.st_size;
  self->at_open.mtime_sec = (gint64) st.st_mtim.tv_sec;
  self->at_open.mtime_nsec = st.st_mtim.tv_nsec;
  if (!reader_init (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

IcCsvReader *
ic_csv_reader_open (const char *path, GError **error)
{
  return reader_open (path, FALSE, error);
}

IcCsvReader *
ic_csv_reader_open_assuming_utf8 (const char *path, GError **error)
{
  return reader_open (path, TRUE, error);
}

static IcCsvReader *
reader_new_from_data (const char *data, gsize len, gboolean assume_utf8, GError **error)
{
  g_autoptr (IcCsvReader) self = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = reader_new ();
  self->assume_utf8 = assume_utf8;
  /* Exactly @len bytes, no terminator: nothing reads past the end, and
   * AddressSanitizer would catch it under the tests and fuzzers. */
  self->bytes = g_bytes_new (data, len);
  self->data = g_bytes_get_data (self->bytes, NULL);
  self->at_open.size = len;
  if (!reader_init (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

IcCsvReader *
ic_csv_reader_new_from_data (const char *data, gsize len, GError **error)
{
  return reader_new_from_data (data, len, FALSE, error);
}

IcCsvReader *
ic_csv_reader_new_from_data_assuming_utf8 (const char *data, gsize len, GError **error)
{
  return reader_new_from_data (data, len, TRUE, error);
}

void
ic_csv_reader_free (IcCsvReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->fd >= 0)
    g_close (reader->fd, NULL);
  g_clear_pointer (&reader->bytes, g_bytes_unref);
  ic_csv_checksum_unref (reader->checksum);
  g_free (reader->raw);
  g_free (reader->buf);
  g_aligned_free (reader->fields);
  g_aligned_free (reader->fixups);
  g_aligned_free (reader->scratch);
  g_free (reader->header);
  g_free (reader->header_text);
  g_aligned_free (reader);
}

const IcCsvField *
ic_csv_reader_get_header (IcCsvReader *reader, guint *n_fields)
{
  g_return_val_if_fail (reader != NULL, NULL);

  if (n_fields != NULL)
    *n_fields = reader->n_header;
  return reader->header;
}

char
ic_csv_reader_get_separator (IcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, ';');
  return reader->separator;
}

gboolean
ic_csv_reader_was_converted (IcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->converted;
}

gboolean
ic_csv_reader_assumption_held (IcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  (void) ic_csv_checksum_wait (reader->checksum, NULL);
  return !reader->assume_utf8 || !ic_csv_checksum_found_not_utf8 (reader->checksum);
}

const char *
ic_csv_reader_get_sha256 (IcCsvReader *reader, GError **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ic_csv_checksum_wait (reader->checksum, error);
}

gboolean
ic_csv_reader_next (IcCsvReader *reader,
                    const IcCsvField **fields,
                    guint *n_fields,
                    guint64 *line,
                    GError **error)
{
  guint64 record_line = 0;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL && n_fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_record (reader, &record_line, error))
    return FALSE;
  *fields = reader->fields;
  *n_fields = reader->n_fields;
  if (line != NULL)
    *line = record_line;
  return TRUE;
}

void
ic_csv_reader_get_error_position (IcCsvReader *reader, guint64 *line, guint *column)
{
  g_return_if_fail (reader != NULL);

  if (line != NULL)
    *line = reader->error_line;
  if (column != NULL)
    *column = reader->error_column;
}

/* ---- splitting ---------------------------------------------------------- */

/* Adds to *@quotes and *@newlines the quotes and LFs among @n bytes. Blocks
 * of 240 bytes with byte counters, which compilers vectorize at -O2. */
static void
count_quotes_newlines (const char *p, gsize n, guint64 *quotes, guint64 *newlines)
{
  const guchar *u = (const guchar *) p;
  guint64 q = 0, l = 0;

  for (; n >= 240; u += 240, n -= 240)
    {
      guint8 block_q = 0, block_l = 0;
      for (int i = 0; i < 240; i++)
        {
          block_q += u[i] == '"';
          block_l += u[i] == '\n';
        }
      q += block_q;
      l += block_l;
    }
  for (gsize i = 0; i < n; i++)
    {
      q += u[i] == '"';
      l += u[i] == '\n';
    }
  *quotes += q;
  *newlines += l;
}

/* The raw bytes [@offset, @offset + @n) of the source, for the split's scan:
 * in the data in memory, or read into @scratch with pread() (which leaves
 * the reading alone). NULL when they cannot all be read: the file shrank or
 * cannot be read, which the reading itself will report. */
static const char *
peek_raw (IcCsvReader *self, guint64 offset, gsize n, char *scratch)
{
  gsize done = 0;

  if (self->fd < 0)
    return offset + n <= self->at_open.size ? self->data + offset : NULL;
  while (done < n)
    {
      gssize r = pread (self->fd, scratch + done, n - done, (off_t) (offset + done));
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return NULL;
      done += (gsize) r;
    }
  return scratch;
}

/* The line end after which the split falls, as the file offset that follows
 * it, or 0 for none: the first LF at or after the middle of [@start, @end)
 * with an even number of quotes in [@start, LF). *@newlines: the LFs in
 * [@start, boundary). The bytes before it must hold no NUL: a NUL would end
 * the reading there. */
/* The quotes and LFs of [from, to), for find_boundary(); FALSE when the
 * bytes cannot all be read or hold a NUL (unless its place is known). */
typedef struct {
  IcCsvReader *self;
  guint64 from, to;
  guint64 quotes, lines;
  gboolean ok;
} RangeCount;

static gpointer
count_range (gpointer data)
{
  RangeCount *range = data;
  IcCsvReader *self = range->self;
  g_autofree char *scratch = self->fd >= 0 ? g_malloc (self->chunk) : NULL;
  gsize n;

  range->ok = FALSE;
  for (guint64 offset = range->from; offset < range->to; offset += n)
    {
      n = (gsize) MIN ((guint64) self->chunk, range->to - offset);
      const char *p = peek_raw (self, offset, n, scratch);
      if (p == NULL || (!self->nul_known && memchr (p, '\0', n) != NULL))
        return NULL;
      count_quotes_newlines (p, n, &range->quotes, &range->lines);
    }
  range->ok = TRUE;
  return NULL;
}

static guint64
find_boundary (IcCsvReader *self, guint64 start, guint64 end, guint64 *newlines)
{
  const guint64 middle = start + (end - start) / 2;
  g_autofree char *scratch = self->fd >= 0 ? g_malloc (self->chunk) : NULL;
  guint64 quotes, lines, offset;
  gsize n;
  RangeCount first = { self, start, middle, 0, 0, FALSE }, second = first;
  GThread *thread = NULL;

  /* [start, middle): the counts only, by two threads a half each for a big
   * file (they are the reading's first wait). */
  if (middle - start >= 8 * (guint64) self->chunk)
    {
      first.to = second.from = start + (middle - start) / 2;
      thread = g_thread_new ("indicore-count", count_range, &second);
    }
  count_range (&first);
  if (thread != NULL)
    g_thread_join (thread);
  if (!first.ok || (thread != NULL && !second.ok))
    return 0;
  quotes = first.quotes + (thread != NULL ? second.quotes : 0);
  lines = first.lines + (thread != NULL ? second.lines : 0);

  /* From the middle, line end by line end. */
  for (offset = middle; offset < end; offset += n)
    {
      n = (gsize) MIN ((guint64) self->chunk, end - offset);
      const char *p = peek_raw (self, offset, n, scratch);
      const char *q, *stop;

      if (p == NULL)
        return 0;
      stop = self->nul_known ? NULL : memchr (p, '\0', n);
      if (stop == NULL)
        stop = p + n;
      for (q = p; q < stop;)
        {
          const char *nl = memchr (q, '\n', (gsize) (stop - q));
          guint64 ignored = 0;

          count_quotes_newlines (q, (gsize) ((nl != NULL ? nl : stop) - q), &quotes, &ignored);
          if (nl == NULL)
            break;
          lines++;
          q = nl + 1;
          if (quotes % 2 == 0)
            {
              *newlines = lines;
              return offset + (guint64) (q - p);
            }
        }
      if (stop < p + n)
        return 0; /* a NUL before any such line end */
    }
  return 0;
}

gboolean
ic_csv_reader_split (IcCsvReader *reader, gsize min_bytes, IcCsvReader **second)
{
  IcCsvReader *self = reader;
  IcCsvReader *other;
  guint64 start, end, boundary, newlines = 0;
  gsize total = 0;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (second != NULL, FALSE);

  if (self->finished)
    return FALSE;

  /* The file offset of the next record: the text left in the buffer came
   * from the raw bytes just before the read offset (or the NUL). */
  start = (self->at_nul ? self->nul : self->offset)
          - raw_length (self, self->buf + self->pos, self->buf + self->len);
  end = MIN (self->end, self->at_open.size);
  if (self->nul_known)
    end = MIN (end, self->nul);
  if (end <= start || end - start < MAX ((guint64) min_bytes, (guint64) 2))
    return FALSE;
  boundary = find_boundary (self, start, end, &newlines);
  if (boundary == 0 || boundary >= end)
    return FALSE;

  other = reader_new ();
  if (self->fd >= 0)
    {
      other->fd = ic_csv_reopen_fd (self->fd);
      if (other->fd < 0)
        {
          ic_csv_reader_free (other);
          return FALSE;
        }
    }
  if (self->bytes != NULL)
    other->bytes = g_bytes_ref (self->bytes);
  other->data = self->data;
  other->at_open = self->at_open;
  other->checksum = ic_csv_checksum_ref (self->checksum);
  other->assume_utf8 = self->assume_utf8;
  other->offset = boundary;
  other->end = self->end;
  other->nul = self->nul;
  other->nul_known = self->nul_known;
  other->chunk = self->chunk;
  other->bom = self->bom;
  if (self->converted)
    other->raw = g_malloc (IC_UTF8_CARRY + self->chunk);
  other->buf_size = self->chunk;
  other->buf = g_malloc (other->buf_size);
  other->line = self->line + newlines;
  other->separator = self->separator;
  other->converted = self->converted;
  memcpy (other->stop, self->stop, sizeof other->stop);
  other->n_header = self->n_header;
  for (guint i = 0; i < self->n_header; i++)
    total += self->header[i].len;
  other->header = g_new (IcCsvField, MAX (self->n_header, 1u));
  other->header_text = g_memdup2 (self->header_text, total + 1);
  for (guint i = 0; i < self->n_header; i++)
    {
      other->header[i].data = other->header_text + (self->header[i].data - self->header_text);
      other->header[i].len = self->header[i].len;
    }

  /* This reader stops at the boundary: at once when its text is already in
   * the buffer, else where reading reaches it. */
  self->end = boundary;
  if (boundary <= self->offset)
    {
      gsize i = self->pos;
      if (!self->converted)
        i += (gsize) (boundary - start);
      else
        for (guint64 k = start; k < boundary; k++)
          for (i++; i < self->len && ((guchar) self->buf[i] & 0xC0) == 0x80; i++)
            ;
      self->len = i;
      self->offset = boundary;
      self->eof = TRUE;
      self->at_nul = FALSE;
    }

  *second = other;
  return TRUE;
}

gboolean
ic_csv_reader_part_ended_cleanly (IcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->ended && !reader->part_open;
}

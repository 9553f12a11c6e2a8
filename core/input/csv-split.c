/* csv-split.c: splits what a reader has still to read into two parts at
 * a likely record boundary, so that two threads can read a big file at
 * once; the first part tells afterwards whether the boundary was sound. */
#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader-private.h"
#include "utf8-scan.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* The boundary must be a record boundary, which only a parse from the start
 * can tell for sure (a quoted field may hold line ends); a cheap guess is a
 * line end with an even number of quote bytes between the reader's position
 * (a record boundary) and it: exact for a well-formed file, where the quotes
 * of a record are the pairs around fields and the doubled quotes inside,
 * and fooled only by stray quotes in malformed records. '"' and LF are
 * ASCII, so the raw bytes of a Windows-1252 file count as well as its text.
 *
 * The guess is checked for free by the first part: it parses exactly what a
 * single reader would up to the boundary, where its text ends with a line
 * end. Reaching that end between records, the split was sound; a record
 * running into it (a quoted field that does not close before it) ends the
 * part without an error, and ic_csv_reader_part_ended_cleanly() says the
 * split was unsound. The first part checks the file's size and modification
 * time where it ends, the second at the end of the file. A NUL byte ends
 * the reading: the boundary is always before the first one. */

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
          - ic_csv_raw_length (self, self->buf + self->pos, self->buf + self->len);
  end = MIN (self->end, self->at_open.size);
  if (self->nul_known)
    end = MIN (end, self->nul);
  if (end <= start || end - start < MAX ((guint64) min_bytes, (guint64) 2))
    return FALSE;
  boundary = find_boundary (self, start, end, &newlines);
  if (boundary == 0 || boundary >= end)
    return FALSE;

  other = ic_csv_reader_alloc (NULL);
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
  other->plain_path = self->plain_path;
  other->bom = self->bom;
  if (self->converted)
    other->raw = g_malloc (IC_UTF8_CARRY + self->chunk);
  other->buf_size = self->chunk;
  other->buf = g_malloc (other->buf_size);
  other->line = self->line + newlines;
  other->separator = self->separator;
  other->sep_line = self->sep_line;
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

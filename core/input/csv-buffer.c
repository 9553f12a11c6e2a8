/* csv-buffer.c: the reader's text buffer, filled from the file a chunk at
 * a time with pread() (converted on the way when the file is Windows-1252),
 * grown only for a record longer than half of it. */
#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader-private.h"
#include "utf8-scan.h"

#include <string.h>

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
void
ic_csv_buffer_rewind (IcCsvReader *self)
{
  self->offset = self->bom;
}

/* Moves the unparsed text to the front of the buffer and reads more after
 * it: at least one byte, or up to the end of the text. Sets eof at the end
 * of the file or at a NUL byte. */
gboolean
ic_csv_buffer_refill (IcCsvReader *self, GError **error)
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
      self->len += ic_csv_convert_cp1252 (self->raw, got, out);
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
          self->nul = self->offset - ic_csv_raw_length (self, nul, self->buf + self->len);
          self->nul_known = TRUE;
        }
      self->len = (gsize) (nul - self->buf);
      self->eof = TRUE;
      self->at_nul = TRUE;
    }
  return TRUE;
}

/* csv-reader.c: opens one delimited text file (or bytes in memory) as an
 * IcCsvReader, and the reader's public API (csv-reader.h). The file is read
 * with pread(), never mapped: a mapping's pages count in the resident size,
 * and a file truncated under it kills the process with SIGBUS. */

#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader-private.h"
#include "utf8-scan.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gstdio.h>

G_DEFINE_QUARK (ic-csv-error-quark, ic_csv_error)

/* Pass 1, then the separator and the header from pass 2. */
static gboolean
reader_init (IcCsvReader *self, GError **error)
{
  /* A small file gets buffers of its size (plus one byte, so that the first
   * read meets the end), not of a whole chunk. */
  if (self->at_open.size < self->chunk)
    self->chunk = MAX ((gsize) self->at_open.size + 1, (gsize) IC_INPUT_CHUNK_MIN);
  self->checksum = ic_csv_checksum_start (self->fd, self->bytes, &self->at_open, self->chunk,
                                          self->assume_utf8, self->defer_checksum, error);
  if (self->checksum == NULL)
    return FALSE;
  if (self->assume_utf8)
    {
      if (!ic_csv_peek_bom (self, error))
        return FALSE;
    }
  else if (!ic_csv_scan_encoding (self, error))
    return FALSE;
  ic_csv_buffer_rewind (self);
  if (self->converted)
    self->raw = g_malloc (IC_UTF8_CARRY + self->chunk);

  self->buf_size = self->chunk;
  self->buf = g_malloc (self->buf_size);
  self->line = 1;
  if (!ic_csv_sniff_separator (self, error))
    return FALSE;
  self->stop[(guchar) self->separator] = 1;
  self->stop[(guchar) '\n'] = 1;
  self->stop[(guchar) '"'] = 1;

  return ic_csv_read_header (self, error);
}

IcCsvReader *
ic_csv_reader_alloc (const IcInputOptions *options)
{
  IcCsvReader *self = g_aligned_alloc0 (1, sizeof (IcCsvReader), CACHE_LINE);

  self->fd = -1;
  self->end = G_MAXUINT64;
  self->nul = G_MAXUINT64;
  self->chunk = ic_input_options_chunk (options);
  self->plain_path = options == NULL || !options->general_parse_only;
  self->defer_checksum = options != NULL && options->defer_checksum;
  return self;
}

static IcCsvReader *
reader_open (const char *path, const IcInputOptions *options, gboolean assume_utf8, GError **error)
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
      g_set_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO, _("cannot open: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      saved_errno = errno;
      g_close (fd, NULL);
      g_set_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO, _("cannot read: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error_literal (error, IC_CSV_ERROR, IC_CSV_ERROR_IO,
                           S_ISDIR (st.st_mode) ? _("is a directory, not a regular file")
                                                : _("not a regular file"));
      return NULL;
    }
  /* A regular file: reads never block, but say so plainly. */
  int flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    (void) fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
#ifdef POSIX_FADV_SEQUENTIAL
  (void) posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  self = ic_csv_reader_alloc (options);
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
ic_csv_reader_open (const char *path, const IcInputOptions *options, GError **error)
{
  return reader_open (path, options, FALSE, error);
}

IcCsvReader *
ic_csv_reader_open_assuming_utf8 (const char *path, const IcInputOptions *options, GError **error)
{
  return reader_open (path, options, TRUE, error);
}

static IcCsvReader *
reader_new_from_data (const char *data, gsize len, const IcInputOptions *options, gboolean assume_utf8,
                      GError **error)
{
  g_autoptr (IcCsvReader) self = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = ic_csv_reader_alloc (options);
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
ic_csv_reader_new_from_data (const char *data, gsize len, const IcInputOptions *options, GError **error)
{
  return reader_new_from_data (data, len, options, FALSE, error);
}

IcCsvReader *
ic_csv_reader_new_from_data_assuming_utf8 (const char *data, gsize len, const IcInputOptions *options, GError **error)
{
  return reader_new_from_data (data, len, options, TRUE, error);
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
ic_csv_reader_had_bom (IcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->bom > 0;
}

gboolean
ic_csv_reader_had_sep_line (IcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->sep_line;
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

  if (!ic_csv_read_record (reader, &record_line, error))
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

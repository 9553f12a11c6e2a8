/* csv-reader.c: one delimited text file, record by record.
 *
 * The whole text sits in one buffer (the file's mapping, or a converted
 * copy), and a record is a GArray of IcCsvField pointing into it. Only quoted
 * fields holding doubled quotes are rewritten, into one scratch buffer reused
 * from record to record, so reading allocates nothing per record once the
 * arrays have grown to the widest record.
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
 *   it). Its search costs nothing in the scanning loops: the buffer just
 *   "ends" at the NUL.
 *
 * Messages never quote the content of a field: fields hold identifiers and
 * dates of children. */

#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <glib/gstdio.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif

G_DEFINE_QUARK (ic-csv-error-quark, ic_csv_error)

/* A field of the current record whose text is in the scratch buffer: its
 * pointer is set once the record is complete, as the buffer may move. */
typedef struct {
  guint field;
  gsize offset;
} Fixup;

struct _IcCsvReader {
  GMappedFile *mapped;  /* the file, while its bytes are the text read */
  char *owned;          /* or a copy / the converted text */
  const char *end;      /* end of the text */
  const char *limit;    /* end, or the first NUL byte: reading stops there */
  const char *pos;      /* start of the next record (or blank lines) */
  guint64 line;         /* physical line of pos */
  gboolean finished;    /* end reached or fatal error reported */

  char separator;
  gboolean converted;
  char sha256[65];
  guint8 stop[256];     /* bytes that end an unquoted field */

  GArray *fields;       /* IcCsvField of the current record */
  GArray *fixups;       /* Fixup */
  char *scratch;
  gsize scratch_len;
  gsize scratch_size;

  IcCsvField *header;
  guint n_header;
  char *header_text;

  guint64 error_line;
  guint error_column;
};

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

/* Two passes (size, then fill) so that a large file is not over-allocated
 * three times. The result is always valid UTF-8. */
static char *
convert_cp1252 (const char *text, gsize len, gsize *out_len)
{
  const guchar *in = (const guchar *) text;
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (in[i] < 0x80)
        n += 1;
      else
        n += cp1252_high[in[i] - 0x80] < 0x800 ? 2 : 3;
    }

  /* Called only on invalid UTF-8, so n > 0. No terminator: nothing reads
   * past the end. */
  char *out = g_malloc (n);
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
  *out_len = n;
  return out;
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

/* Skips empty lines and lines of only CRs. */
static const char *
skip_blank_lines (const char *p, const char *limit, guint64 *line)
{
  while (p < limit)
    {
      const char *q = p;
      while (q < limit && *q == '\r')
        q++;
      if (q == limit)
        return q;
      if (*q != '\n')
        return p;
      p = q + 1;
      (*line)++;
    }
  return p;
}

/* Counts separators outside quotes on the header line (which a quoted field
 * may stretch over several physical lines). */
static char
detect_separator (const char *p, const char *limit)
{
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
  return commas > semicolons ? ',' : ';';
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
static gboolean
fail_fatal (IcCsvReader *self,
            GError **error,
            IcCsvError code,
            guint64 line,
            guint column,
            const char *message)
{
  self->pos = self->limit;
  self->finished = TRUE;
  set_error (self, error, code, line, column, message);
  return FALSE;
}

/* Moves from @p, inside a malformed record, to the start of the next record:
 * the rest of the bad field is skipped with its quotes taken literally, and
 * later fields that open with a quote are skipped as quoted fields, so that a
 * well-formed multi-line field does not turn into bogus records. If such a
 * field never closes, the record's physical line is skipped instead: the
 * reader then meets the open quote again and reports it. */
static const char *
skip_rest_of_record (IcCsvReader *self, const char *p, guint64 *line)
{
  const char *limit = self->limit;
  const char sep = self->separator;
  const char *nl = memchr (p, '\n', (gsize) (limit - p));
  guint64 l = *line;

  for (;;)
    {
      while (p < limit && *p != sep && *p != '\n')
        p++;
      if (p == limit)
        break;
      if (*p == '\n')
        {
          p++;
          l++;
          break;
        }
      p++;
      if (p < limit && *p == '"')
        {
          p++;
          for (;;)
            {
              const char *q = memchr (p, '"', (gsize) (limit - p));
              if (q == NULL)
                {
                  if (nl == NULL)
                    return limit;
                  (*line)++;
                  return nl + 1;
                }
              l += count_newlines (p, q);
              p = q + 1;
              if (p < limit && *p == '"')
                {
                  p++;
                  continue;
                }
              break;
            }
        }
    }
  *line = l;
  return p;
}

/* A problem that costs only the current record. */
static gboolean
fail_record (IcCsvReader *self,
             const char *p,
             guint64 line,
             GError **error,
             IcCsvError code,
             guint64 error_line,
             guint column,
             const char *message)
{
  self->pos = skip_rest_of_record (self, p, &line);
  self->line = line;
  set_error (self, error, code, error_line, column, message);
  return FALSE;
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
      self->scratch_size = MAX (self->scratch_size * 2, self->scratch_len + len);
      self->scratch = g_realloc (self->scratch, self->scratch_size);
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
  g_array_append_val (self->fixups, fixup);
}

G_STATIC_ASSERT (IC_CSV_MAX_FIELD == 65536);
#define TOO_LONG_MESSAGE "field longer than 65536 bytes"

/* After a closing quote: the field must end there. */
static inline gboolean
at_field_end (const char *p, const char *limit, char sep)
{
  return p == limit || *p == sep || *p == '\n'
         || (*p == '\r' && (p + 1 == limit || p[1] == '\n'));
}

/* Reads the record at self->pos into self->fields. FALSE at the end (error
 * unset) or on a problem. */
static gboolean
read_record (IcCsvReader *self, guint64 *record_line, GError **error)
{
  const char *const limit = self->limit;
  const gboolean at_nul = limit != self->end;
  const char sep = self->separator;
  guint64 line = self->line;
  const char *p;

  if (self->finished)
    return FALSE;

  p = skip_blank_lines (self->pos, limit, &line);
  if (p == limit)
    {
      self->line = line;
      if (at_nul)
        return fail_fatal (self, error, IC_CSV_ERROR_BINARY, line, 1,
                           "NUL byte: not a text file");
      self->pos = p;
      self->finished = TRUE;
      return FALSE;
    }

  g_array_set_size (self->fields, 0);
  g_array_set_size (self->fixups, 0);
  self->scratch_len = 0;
  *record_line = line;

  for (;;)
    {
      const guint column = self->fields->len + 1;
      const guint64 field_line = line;
      IcCsvField field;

      if (p < limit && *p == '"')
        {
          const char *content = ++p;
          gsize n_doubled = 0;

          for (;;)
            {
              const char *q = memchr (p, '"', (gsize) (limit - p));
              if (q == NULL)
                {
                  line += count_newlines (p, limit);
                  self->line = line;
                  if (at_nul)
                    return fail_fatal (self, error, IC_CSV_ERROR_BINARY, line, column,
                                       "NUL byte: not a text file");
                  return fail_fatal (self, error, IC_CSV_ERROR_UNTERMINATED_QUOTE,
                                     field_line, column, "unterminated quoted field");
                }
              line += count_newlines (p, q);
              p = q + 1;
              if (p < limit && *p == '"')
                {
                  n_doubled++;
                  p++;
                  continue;
                }
              break;
            }

          gsize raw_len = (gsize) (p - 1 - content);
          if (!at_field_end (p, limit, sep))
            return fail_record (self, p, line, error, IC_CSV_ERROR_BAD_QUOTE,
                                line, column, "text after closing quote");
          field.len = raw_len - n_doubled;
          if (field.len > IC_CSV_MAX_FIELD)
            return fail_record (self, p, line, error, IC_CSV_ERROR_FIELD_TOO_LONG,
                                field_line, column,
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
          const char *q = p;
          while (q < limit && !self->stop[(guchar) *q])
            q++;
          if (q < limit && *q == '"')
            return fail_record (self, q, line, error, IC_CSV_ERROR_BAD_QUOTE,
                                line, column, "quote inside an unquoted field");
          field.data = p;
          field.len = (gsize) (q - p);
          if (field.len > 0 && q[-1] == '\r' && (q == limit || *q == '\n'))
            field.len--;
          p = q;
          if (field.len > IC_CSV_MAX_FIELD)
            return fail_record (self, p, line, error, IC_CSV_ERROR_FIELD_TOO_LONG,
                                field_line, column,
                                TOO_LONG_MESSAGE);
        }

      g_array_append_val (self->fields, field);

      if (p == limit)
        {
          if (at_nul)
            {
              self->line = line;
              return fail_fatal (self, error, IC_CSV_ERROR_BINARY, line, column,
                                 "NUL byte: not a text file");
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

  for (guint i = 0; i < self->fixups->len; i++)
    {
      Fixup *fixup = &g_array_index (self->fixups, Fixup, i);
      g_array_index (self->fields, IcCsvField, fixup->field).data = self->scratch + fixup->offset;
    }
  self->pos = p;
  self->line = line;
  return TRUE;
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
      g_prefix_error (&local, "line %" G_GUINT64_FORMAT ", field %u: ",
                      self->error_line, self->error_column);
      g_propagate_error (error, local);
      return FALSE;
    }

  self->n_header = self->fields->len;
  for (guint i = 0; i < self->n_header; i++)
    total += g_array_index (self->fields, IcCsvField, i).len;
  self->header = g_new (IcCsvField, self->n_header);
  self->header_text = g_malloc (total + 1);

  char *out = self->header_text;
  for (guint i = 0; i < self->n_header; i++)
    {
      const IcCsvField *field = &g_array_index (self->fields, IcCsvField, i);
      if (field->len > 0)
        memcpy (out, field->data, field->len);
      self->header[i].data = out;
      self->header[i].len = field->len;
      out += field->len;
    }
  *out = '\0';
  return TRUE;
}

/* Takes the bytes (already held by @self as mapped or owned) through the
 * checksum, encoding, separator and header steps. */
static gboolean
reader_init (IcCsvReader *self, const char *bytes, gsize len, GError **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *text = bytes;
  gsize text_len = len;

  if (len > 0)
    g_checksum_update (checksum, (const guchar *) bytes, (gssize) len);
  g_strlcpy (self->sha256, g_checksum_get_string (checksum), sizeof self->sha256);

  if (text_len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      text_len -= 3;
    }

  /* Bytes past a NUL are never read, so only those before it decide the
   * encoding (g_utf8_validate_len() would refuse the NUL itself). */
  const char *nul = text_len > 0 ? memchr (text, '\0', text_len) : NULL;
  gsize checked = nul != NULL ? (gsize) (nul - text) : text_len;
  if (!g_utf8_validate_len (text, checked, NULL))
    {
      gsize converted_len;
      char *converted = convert_cp1252 (text, text_len, &converted_len);
      g_clear_pointer (&self->mapped, g_mapped_file_unref);
      g_free (self->owned);
      self->owned = converted;
      self->converted = TRUE;
      text = converted;
      text_len = converted_len;
      nul = memchr (text, '\0', text_len);
    }

  self->end = text + text_len;
  self->limit = nul != NULL ? nul : self->end;
  self->pos = text;
  self->line = 1;

  guint64 header_line = 1;
  const char *header = skip_blank_lines (text, self->limit, &header_line);
  self->separator = detect_separator (header, self->limit);
  self->stop[(guchar) self->separator] = 1;
  self->stop[(guchar) '\n'] = 1;
  self->stop[(guchar) '"'] = 1;

  return read_header (self, error);
}

static IcCsvReader *
reader_new (void)
{
  IcCsvReader *self = g_new0 (IcCsvReader, 1);
  self->fields = g_array_new (FALSE, FALSE, sizeof (IcCsvField));
  self->fixups = g_array_new (FALSE, FALSE, sizeof (Fixup));
  return self;
}

IcCsvReader *
ic_csv_reader_open (const char *path, GError **error)
{
  g_autoptr (IcCsvReader) self = NULL;
  g_autoptr (GError) local = NULL;
  GStatBuf st;
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

  self = reader_new ();
  self->mapped = g_mapped_file_new_from_fd (fd, FALSE, &local);
  g_close (fd, NULL);
  if (self->mapped == NULL)
    {
      g_set_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO, "cannot map into memory: %s",
                   local->message);
      return NULL;
    }

  /* An empty file maps to NULL contents. */
  const char *bytes = g_mapped_file_get_contents (self->mapped);
  gsize len = g_mapped_file_get_length (self->mapped);
  if (!reader_init (self, bytes != NULL ? bytes : "", len, error))
    return NULL;
  return g_steal_pointer (&self);
}

IcCsvReader *
ic_csv_reader_new_from_data (const char *data, gsize len, GError **error)
{
  g_autoptr (IcCsvReader) self = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = reader_new ();
  /* Exactly @len bytes, no terminator: nothing reads past the end, and
   * AddressSanitizer would catch it under the tests and fuzzers. */
  self->owned = g_memdup2 (data, len);
  if (!reader_init (self, self->owned != NULL ? self->owned : "", len, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
ic_csv_reader_free (IcCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_pointer (&reader->mapped, g_mapped_file_unref);
  g_free (reader->owned);
  g_array_unref (reader->fields);
  g_array_unref (reader->fixups);
  g_free (reader->scratch);
  g_free (reader->header);
  g_free (reader->header_text);
  g_free (reader);
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

const char *
ic_csv_reader_get_sha256 (IcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->sha256;
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
  *fields = (const IcCsvField *) (void *) reader->fields->data;
  *n_fields = reader->fields->len;
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

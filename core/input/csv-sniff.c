/* csv-sniff.c: the separator, from a first line `sep=;` or `sep=,` (which
 * Excel writes and reads) or else from the header line (`;` or `,`,
 * whichever occurs more often outside quotes; `;` on a tie), and the
 * header, kept. */
#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader-private.h"

#include <string.h>

/* A file whose line ends are CRs alone (classic Mac OS) is refused, not
 * read: its header would be the whole file as one line, a CR being data
 * anywhere but before LF or the end of the file, and the file would pass as
 * valid with no row. Reading it instead would make a CR inside a field end
 * the line in every file, for a format no current export writes. It is
 * recognised on the header line: a CR outside quotes followed by anything
 * but LF or the end of the file. */
static gboolean
fail_cr_line_ends (IcCsvReader *self, GError **error)
{
  g_set_error (error, IC_CSV_ERROR, IC_CSV_ERROR_CR_LINE_ENDS,
               _("line %llu: line ends are CR alone (classic Mac OS), which is not read: "
                 "save the file with LF or CRLF line ends"), (unsigned long long) self->line);
  return FALSE;
}

/* At @p, the start of the first non-blank line: when it is `sep=;` or
 * `sep=,` (any case, the separator maybe repeated, as a spreadsheet saving
 * it again pads the line), takes that separator, steps over the line and
 * returns 1; 0 when it is no such line; -1 when the line is not whole in
 * the buffer yet. */
static int
take_sep_line (IcCsvReader *self, const char *p)
{
  const char *const end = self->buf + self->len;
  const char *q = p + 4;
  char separator;

  if ((gsize) (end - p) < 5)
    return self->eof ? 0 : -1;
  if (g_ascii_strncasecmp (p, "sep=", 4) != 0 || (*q != ';' && *q != ','))
    return 0;
  separator = *q;
  while (q < end && *q == separator)
    q++;
  while (q < end && *q == '\r')
    q++;
  if (q == end && !self->eof)
    return -1;
  if (q < end && *q != '\n')
    return 0;
  self->separator = separator;
  self->sep_line = TRUE;
  self->pos = (gsize) (q < end ? q + 1 - self->buf : q - self->buf);
  self->line++;
  return 1;
}

/* Counts separators outside quotes on the header line (which a quoted field
 * may stretch over several physical lines), reading until the line is whole
 * or IC_CSV_MAX_RECORD long. */
gboolean
ic_csv_sniff_separator (IcCsvReader *self, GError **error)
{
  for (;;)
    {
      const char *p = ic_csv_skip_blank_lines (self);
      int sep_line = p != NULL && !self->sep_line ? take_sep_line (self, p) : 0;

      if (sep_line > 0)
        return TRUE;
      if (p != NULL && sep_line == 0)
        {
          const char *const end = self->buf + self->len;
          const gboolean capped = (gsize) (end - p) > IC_CSV_MAX_RECORD;
          const char *const limit = capped ? p + IC_CSV_MAX_RECORD : end;
          gsize semicolons = 0, commas = 0;
          gboolean quoted = FALSE, bare_cr = FALSE;

          for (; p < limit; p++)
            {
              char c = *p;
              if (c == '"')
                quoted = !quoted;
              else if (quoted)
                continue;
              else if (c == '\n')
                break;
              else if (c == '\r')
                {
                  const char *q = p;
                  while (q < limit && *q == '\r')
                    q++;
                  bare_cr = bare_cr || (q < limit && *q != '\n');
                  p = q - 1;
                }
              else if (c == ';')
                semicolons++;
              else if (c == ',')
                commas++;
            }
          if (p < limit || capped || self->eof)
            {
              if (bare_cr)
                return fail_cr_line_ends (self, error);
              self->separator = commas > semicolons ? ',' : ';';
              return TRUE;
            }
        }
      if (!ic_csv_buffer_refill (self, error))
        return FALSE;
    }
}

/* Reads the header and keeps a copy of it, as the record buffers are
 * reused. */
gboolean
ic_csv_read_header (IcCsvReader *self, GError **error)
{
  GError *local = NULL;
  guint64 line = 0;
  gsize total = 0;

  if (!ic_csv_read_record (self, &line, &local))
    {
      if (local == NULL)
        {
          g_set_error_literal (error, IC_CSV_ERROR, IC_CSV_ERROR_EMPTY,
                               _("no header line: the file is empty or blank"));
          return FALSE;
        }
      /* No reader comes back to ask the position: it goes in the message. */
      if (self->error_line > 0)
        g_prefix_error (&local, _("line %llu, field %u: "),
                        (unsigned long long) self->error_line, self->error_column);
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

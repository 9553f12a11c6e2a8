/* csv-tokenizer.c: the records of the reader's text, field by field,
 * without allocating per field: plain one-line records at once from SSE2
 * bit masks, every other record by the general parse. */
#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader-private.h"

#include <string.h>
#if defined (__SSE2__)
#include <emmintrin.h>
#endif

/* Dialect choices beyond spec/data.md:
 * - a blank line is an empty line or one made only of CRs; a line of spaces
 *   or `;;` is a record (of one blank field, of three empty fields);
 * - a CR is part of the line end only right before LF or the end of the
 *   file; elsewhere in an unquoted field it is data;
 * - line ends inside a quoted field are kept as written (CRLF stays CRLF);
 * - a NUL byte stops reading where it sits: the records before it are read,
 *   then IC_CSV_ERROR_BINARY. Its search costs nothing in the scanning
 *   loops: the text just "ends" at the NUL;
 * - a record (from its first byte to its line end) longer than
 *   IC_CSV_MAX_RECORD, or with more than IC_CSV_MAX_FIELDS fields, stops the
 *   reading: IC_CSV_ERROR_RECORD_TOO_LONG. The limit counts from the
 *   record's first byte whatever the chunks, so the same file always gives
 *   the same records. When a bad record is skipped and its rest does not
 *   end within that limit, only its first physical line is skipped, as for
 *   a quote that never closes. A line of more than IC_CSV_MAX_RECORD CRs is
 *   such a record, not a blank line.
 *
 * A record is an array of IcCsvField pointing into the text buffer; only
 * quoted fields holding doubled quotes are rewritten, into one scratch
 * buffer reused from record to record, so reading allocates nothing per
 * record once the arrays have grown to the widest record. Messages never
 * quote the content of a field: fields hold identifiers and dates of
 * children. */

guint64
ic_csv_count_newlines (const char *p, const char *end)
{
  guint64 n = 0;
  while (p < end && (p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

/* Skips empty lines and lines of only CRs from self->pos, and moves pos and
 * line past them. Returns the start of the next line, which is not blank,
 * or the end of the text; NULL when the buffer ends before telling. A run
 * of CRs longer than IC_CSV_MAX_RECORD is taken for a record, which the
 * parser then refuses: whatever the chunks, the same file reads the same. */
const char *
ic_csv_skip_blank_lines (IcCsvReader *self)
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
  g_set_error_literal (error, IC_CSV_ERROR, code, _(message));
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
              l += ic_csv_count_newlines (p, q);
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
 * one-byte loop of three instructions runs slower (BENCHMARKS.md) when the
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

/* Where the record being parsed may reach: not past @limit, which is the
 * end of the text when @final, past it when @capped; otherwise more can be
 * read. */
typedef struct {
  const char *limit;
  gboolean final;
  gboolean capped;
} Span;

/* A quoted field at *@pp (its opening quote): PARSE_RECORD with *@field set
 * and *@pp past it (and past a CR before a line end), or what stops the
 * record. *@line counts the line ends inside it. */
static inline Parse
parse_quoted_field (IcCsvReader *self, const char **pp, const Span *span, guint64 *line, guint column,
                    IcCsvField *field, GError **error)
{
  const char *const limit = span->limit;
  const gboolean final = span->final, capped = span->capped;
  const guint64 field_line = *line;
  const char *p = *pp;
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
          *line += ic_csv_count_newlines (p, limit);
          self->line = *line;
          if (self->at_nul)
            return fail_fatal (self, error, IC_CSV_ERROR_BINARY, *line, column, NUL_MESSAGE);
          return fail_fatal (self, error, IC_CSV_ERROR_UNTERMINATED_QUOTE,
                             field_line, column, N_("unterminated quoted field"));
        }
      *line += ic_csv_count_newlines (p, q);
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
      gboolean ends = c == self->separator || c == '\n';
      if (c == '\r')
        {
          if (p + 1 == limit && !final)
            return need_more (self, capped, error, field_line, column, FALSE);
          ends = p + 1 == limit || p[1] == '\n';
        }
      if (!ends)
        return fail_record (self, p, limit, final, capped, *line, error,
                            IC_CSV_ERROR_BAD_QUOTE, *line, column, N_("text after closing quote"));
    }

  const gsize raw_len = (gsize) (p - 1 - content);
  field->len = raw_len - n_doubled;
  if (field->len > IC_CSV_MAX_FIELD)
    return fail_record (self, p, limit, final, capped, *line, error,
                        IC_CSV_ERROR_FIELD_TOO_LONG, field_line, column, TOO_LONG_MESSAGE);
  if (n_doubled == 0)
    field->data = content;
  else
    {
      field->data = NULL;
      unescape_to_scratch (self, content, raw_len, field->len, column - 1);
    }
  if (p < limit && *p == '\r')
    p++;
  *pp = p;
  return PARSE_RECORD;
}

/* An unquoted field at *@pp: as parse_quoted_field(). */
static inline Parse
parse_unquoted_field (IcCsvReader *self, const char **pp, const Span *span, guint64 line, guint column,
                      IcCsvField *field, GError **error)
{
  const char *const limit = span->limit;
  const char *p = *pp;
  const char *q = find_stop (p, limit, self->separator, self->stop);

  if (q == limit && !span->final)
    return need_more (self, span->capped, error, line, column, FALSE);
  if (q < limit && *q == '"')
    return fail_record (self, q, limit, span->final, span->capped, line, error,
                        IC_CSV_ERROR_BAD_QUOTE, line, column, N_("quote inside an unquoted field"));
  field->data = p;
  field->len = (gsize) (q - p);
  if (field->len > 0 && q[-1] == '\r' && (q == limit || *q == '\n'))
    field->len--;
  if (field->len > IC_CSV_MAX_FIELD)
    return fail_record (self, q, limit, span->final, span->capped, line, error,
                        IC_CSV_ERROR_FIELD_TOO_LONG, line, column, TOO_LONG_MESSAGE);
  *pp = q;
  return PARSE_RECORD;
}

/* Parses the record at self->pos into self->fields, within what the buffer
 * holds. On PARSE_MORE nothing is kept but the blank lines skipped: the
 * parse starts over once more text is read. */
static Parse
parse_record (IcCsvReader *self, guint64 *record_line, GError **error)
{
  const char *p = ic_csv_skip_blank_lines (self);
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

  const gboolean capped = (gsize) (end - p) > IC_CSV_MAX_RECORD;
  const Span span = { capped ? p + IC_CSV_MAX_RECORD : end, !capped && self->eof, capped };
  const char *const limit = span.limit;

  self->n_fields = 0;
  self->n_fixups = 0;
  self->scratch_len = 0;
  *record_line = line;

  if (self->plain_path && parse_plain_record (self, p, limit, self->separator))
    {
      self->line = line + 1;
      return PARSE_RECORD;
    }

  for (;;)
    {
      const guint column = self->n_fields + 1;
      IcCsvField field;
      Parse parsed;

      if (G_UNLIKELY (self->n_fields == self->fields_size))
        {
          if (self->n_fields == IC_CSV_MAX_FIELDS)
            return fail_fatal (self, error, IC_CSV_ERROR_RECORD_TOO_LONG, *record_line,
                               column, TOO_MANY_FIELDS_MESSAGE);
          grow_fields (self);
        }

      if (p < limit && *p == '"')
        parsed = parse_quoted_field (self, &p, &span, &line, column, &field, error);
      else
        parsed = parse_unquoted_field (self, &p, &span, line, column, &field, error);
      if (parsed != PARSE_RECORD)
        return parsed;

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
gboolean
ic_csv_read_record (IcCsvReader *self, guint64 *record_line, GError **error)
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
      if (!ic_csv_buffer_refill (self, error))
        {
          /* IC_CSV_ERROR_IO or IC_CSV_ERROR_CHANGED: the whole file's. */
          self->finished = TRUE;
          self->error_line = 0;
          self->error_column = 0;
          return FALSE;
        }
    }
}

/* csv-reader-private.h: the state of an IcCsvReader, shared by the files
 * of the reader (opening, encoding, buffering, tokenizing, sniffing,
 * splitting), and the functions they call in each other. */
#pragma once

#include <glib/gi18n.h>

#include "csv-reader.h"
#include "csv-checksum.h"
#include "csv-file.h"
#include "input-options.h"

G_BEGIN_DECLS

/* A field of the current record whose text is in the scratch buffer: its
 * pointer is set once the record is complete, as the buffer may move. */
typedef struct {
  guint field;
  gsize offset;
} Fixup;

/* Readers are allocated on cache lines of their own (aligned, and a
 * multiple of CACHE_LINE long), and so are the arrays they write record by
 * record: the two readers of a split, read by two threads, must not share a
 * cache line (BENCHMARKS.md: each thread much slower when they did). */
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
  gboolean sep_line;    /* the separator came from a first line `sep=;` */
  gboolean converted;
  IcCsvChecksum *checksum; /* computed beside the reading, shared by a split */
  gboolean assume_utf8; /* no pass 1: the hasher finds the encoding */
  gboolean plain_path;  /* parse_plain_record() first (off only in tests) */
  gboolean defer_checksum; /* tests: the hasher starts when first asked */
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
/* N_(): translated where the error is set (set_error in csv-tokenizer.c). */
#define TOO_LONG_MESSAGE N_("field longer than 65536 bytes")
#define RECORD_TOO_LONG_MESSAGE N_("record longer than 1048576 bytes")
#define RECORD_TOO_LONG_QUOTE_MESSAGE N_("record longer than 1048576 bytes: a quote left open?")
#define TOO_MANY_FIELDS_MESSAGE N_("record with more than 8192 fields")
#define NUL_MESSAGE N_("NUL byte: not a text file")

/* csv-encoding.c: pass 1 and the conversion from Windows-1252. */

/* Converts @len bytes of Windows-1252 into @out, which has room for 3 bytes
 * each. Returns the bytes written, always valid UTF-8. */
gsize ic_csv_convert_cp1252 (const char *text, gsize len, char *out);

/* The raw bytes the text [p, end) was read from: one per character when
 * converted from Windows-1252 (each byte became one UTF-8 sequence). */
guint64 ic_csv_raw_length (IcCsvReader *self, const char *p, const char *end);

/* Pass 1: the BOM, and whether the bytes before the first NUL are UTF-8
 * (self->converted, self->nul). */
gboolean ic_csv_scan_encoding (IcCsvReader *self, GError **error);

/* Without pass 1: only the BOM, from the first three bytes. */
gboolean ic_csv_peek_bom (IcCsvReader *self, GError **error);

/* csv-buffer.c: the text buffer, filled a chunk at a time. */

/* Back to the file's first byte after the BOM, for pass 2. */
void ic_csv_buffer_rewind (IcCsvReader *self);

/* Moves the unparsed text to the front of the buffer and reads more after
 * it: at least one byte, or up to the end of the text. Sets eof at the end
 * of the file or at a NUL byte. */
gboolean ic_csv_buffer_refill (IcCsvReader *self, GError **error);

/* csv-tokenizer.c: records from the text. */

guint64 ic_csv_count_newlines (const char *p, const char *end);

/* Skips blank lines from self->pos: the start of the next line, which is
 * not blank, or the end of the text; NULL when the buffer ends first. */
const char *ic_csv_skip_blank_lines (IcCsvReader *self);

/* Reads the next record into self->fields, reading more of the file as
 * needed. FALSE at the end (error unset) or on a problem. */
gboolean ic_csv_read_record (IcCsvReader *self, guint64 *record_line, GError **error);

/* csv-sniff.c: the separator and the header. */
gboolean ic_csv_sniff_separator (IcCsvReader *self, GError **error);
gboolean ic_csv_read_header (IcCsvReader *self, GError **error);

/* csv-reader.c: a reader with nothing read, for opening and splitting. */
IcCsvReader *ic_csv_reader_alloc (const IcInputOptions *options);

G_END_DECLS

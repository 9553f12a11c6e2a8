/* csv-reader.h: reads one delimited text file in every dialect of
 * spec/data.md, record by record, without allocating per field and in
 * bounded memory whatever the file's size.
 *
 * Opening a file decides its encoding (UTF-8 with or without BOM; anything
 * not valid UTF-8 is converted from Windows-1252: the file is read up to its
 * first byte that is not UTF-8, its first NUL byte or its end) and starts
 * computing the SHA-256 of its bytes in a thread of its own, then detects
 * the separator (`;` or `,`) from the header line: the first non-empty
 * line. The records are then read from the file a chunk at a time: the
 * header and each record come as arrays of IcCsvField that point into the
 * reader's buffer (quoted fields unescaped into a scratch buffer): they stay
 * valid until the next call to ic_csv_reader_next(). A file that changes
 * while being read (truncated, grown, rewritten) is an error, never a crash.
 * A big file can be read by two threads at once: ic_csv_reader_split() makes
 * a second reader for its second half. */
#pragma once

#include <glib.h>

#include "input-options.h"

G_BEGIN_DECLS

#define IC_CSV_ERROR (ic_csv_error_quark ())
GQuark ic_csv_error_quark (void);

typedef enum {
  IC_CSV_ERROR_IO,                 /* cannot open or read; not a regular file */
  IC_CSV_ERROR_EMPTY,              /* no header line */
  IC_CSV_ERROR_BINARY,             /* a NUL byte: not a text file (fatal) */
  IC_CSV_ERROR_UNTERMINATED_QUOTE, /* a quoted field runs to the end of the file (fatal) */
  IC_CSV_ERROR_BAD_QUOTE,          /* text after a closing quote, or a quote inside an unquoted field (the record is skipped; reading may go on) */
  IC_CSV_ERROR_FIELD_TOO_LONG,     /* a field longer than IC_CSV_MAX_FIELD (the record is skipped; reading may go on) */
  IC_CSV_ERROR_CHANGED,            /* the file changed while being read: truncated, grown or rewritten (fatal) */
  IC_CSV_ERROR_RECORD_TOO_LONG,    /* a record longer than IC_CSV_MAX_RECORD bytes or with more than IC_CSV_MAX_FIELDS fields, which includes a quote left open further than IC_CSV_MAX_RECORD from the end of the file (fatal) */
  IC_CSV_ERROR_NOT_UTF8,           /* a reader opened assuming UTF-8 learnt the file is not: everything read from it is to be dropped, and the file read again with ic_csv_reader_open() (fatal) */
  IC_CSV_ERROR_CR_LINE_ENDS,       /* line ends are CR alone (classic Mac OS): refused at open, "line N: ..." (csv-sniff.c) */
} IcCsvError;

/* Longest field accepted, in bytes: no column of the spec comes near it, and
 * it bounds what one malformed line can make the reader hold. */
#define IC_CSV_MAX_FIELD (64 * 1024)

/* Longest record accepted, in bytes, all its physical lines and its line
 * end included (a quoted field may hold newlines), and most fields in one
 * record: they bound the reader's memory. A record beyond either stops the
 * reading (IC_CSV_ERROR_RECORD_TOO_LONG): it is most likely a quote left
 * open, and where the next record would start cannot be known. */
#define IC_CSV_MAX_RECORD (16 * IC_CSV_MAX_FIELD)
#define IC_CSV_MAX_FIELDS 8192

typedef struct {
  const char *data; /* not NUL-terminated; untrimmed */
  gsize len;
} IcCsvField;

typedef struct _IcCsvReader IcCsvReader;

/* Opens @path, decides its encoding, starts its checksum (see
 * ic_csv_reader_get_sha256()) and reads its header. Returns a new reader,
 * which keeps the file open until freed, or NULL with @error set
 * (IC_CSV_ERROR_IO, IC_CSV_ERROR_CHANGED, IC_CSV_ERROR_EMPTY,
 * IC_CSV_ERROR_BINARY, IC_CSV_ERROR_CR_LINE_ENDS, or any record error in
 * the header). The message
 * does not name the file: the caller prefixes it. A problem inside the
 * header record (any of the record errors below, which are all fatal there)
 * has no reader to ask for its position, so its message starts with it:
 * "line 1, field 2: text after closing quote". A NUL byte after the header
 * is reported by ic_csv_reader_next() when reading reaches it, once the
 * records before it have been returned. @options may be NULL (the
 * defaults); only the chunk size and the tests' fields matter here. */
IcCsvReader *ic_csv_reader_open (const char *path, const IcInputOptions *options, GError **error);

/* The same without reading the file first: its records can be read at
 * once, as if it were UTF-8 (a BOM is still skipped), while the thread that
 * computes the checksum decides the encoding as pass 1 would. Should the
 * file turn out not to be UTF-8, ic_csv_reader_next() soon fails with
 * IC_CSV_ERROR_NOT_UTF8, or, when the records were all read first,
 * ic_csv_reader_assumption_held() says so: the caller then drops everything
 * read and opens the file again with ic_csv_reader_open(). For big files,
 * which are UTF-8 nearly always, this saves a whole pass over the file
 * before the first record. A NUL byte's place is then not known before the
 * reading reaches it. */
IcCsvReader *ic_csv_reader_open_assuming_utf8 (const char *path, const IcInputOptions *options, GError **error);

/* Waits for the checksum's thread: FALSE when the reader was opened
 * assuming UTF-8 and the bytes before the file's first NUL are not UTF-8;
 * TRUE otherwise (also for readers opened with ic_csv_reader_open()). */
gboolean ic_csv_reader_assumption_held (IcCsvReader *reader);

/* The same from bytes in memory (copied), read through the same chunked
 * path: for tests and fuzzing. */
IcCsvReader *ic_csv_reader_new_from_data (const char *data, gsize len, const IcInputOptions *options,
                                          GError **error);

/* ic_csv_reader_new_from_data() assuming UTF-8: for tests and fuzzing. */
IcCsvReader *ic_csv_reader_new_from_data_assuming_utf8 (const char *data, gsize len,
                                                        const IcInputOptions *options, GError **error);

void ic_csv_reader_free (IcCsvReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcCsvReader, ic_csv_reader_free)

/* The header's fields; the array belongs to the reader. */
const IcCsvField *ic_csv_reader_get_header (IcCsvReader *reader, guint *n_fields);

/* ';' or ','. */
char ic_csv_reader_get_separator (IcCsvReader *reader);

/* TRUE when the separator came from a first line `sep=;` or `sep=,`
 * (Excel's way to name it), which is not the header. */
gboolean ic_csv_reader_had_sep_line (IcCsvReader *reader);

/* TRUE when the file starts with a UTF-8 byte order mark. */
gboolean ic_csv_reader_had_bom (IcCsvReader *reader);

/* TRUE when the file was not valid UTF-8 and was read as Windows-1252. */
gboolean ic_csv_reader_was_converted (IcCsvReader *reader);

/* SHA-256 of the file's bytes as they are on disk (a BOM included, before
 * any conversion), lower-case hex; belongs to the reader. A thread started
 * with the reader computes it, reading the file on its own, 1 MiB at a time,
 * while the records are read: this waits for it to finish. NULL with @error
 * set when the file could not be read through (IC_CSV_ERROR_IO) or changed
 * while it was (IC_CSV_ERROR_CHANGED: shorter or longer than at open, or
 * modified by its end); the message does not name the file. Every call
 * gives the same answer; the two readers of a split share it, and either
 * may ask, from any thread. Ask before the process forks, so that no thread
 * is left running: freeing the last reader that shares it without asking
 * stops the thread at its next MiB and waits for it. */
const char *ic_csv_reader_get_sha256 (IcCsvReader *reader, GError **error);

/* Reads the next record; blank lines are skipped. Returns TRUE with the
 * record's fields (belonging to the reader, valid until the next call) and
 * the physical line where the record starts (1 is the file's first line).
 * Returns FALSE at the end of the file (error unset) or on a problem (error
 * set). After IC_CSV_ERROR_BAD_QUOTE or IC_CSV_ERROR_FIELD_TOO_LONG the
 * reader has skipped to the end of that record and may be called again;
 * after any other error (IC_CSV_ERROR_UNTERMINATED_QUOTE,
 * IC_CSV_ERROR_BINARY, IC_CSV_ERROR_RECORD_TOO_LONG, IC_CSV_ERROR_CHANGED,
 * IC_CSV_ERROR_IO) it stays at the end. In all cases
 * ic_csv_reader_get_error_position() tells where the problem is.
 * IC_CSV_ERROR_CHANGED may come after records were returned: the file's
 * bytes no longer match the checksum, so the caller must drop everything
 * read from it. */
gboolean ic_csv_reader_next (IcCsvReader *reader,
                             const IcCsvField **fields,
                             guint *n_fields,
                             guint64 *line,
                             GError **error);

/* Line (1-based) and field number (1-based, 0 when unknown) of the last
 * problem reported. The line is the physical line of the problem itself,
 * which may be after the record's first line: where an unterminated quote
 * opens, where text follows a closing quote, where a too long field starts,
 * where the NUL byte is, where the field being read when a record grew too
 * long starts. Line 0 and field 0 for a problem with the whole file
 * (IC_CSV_ERROR_IO, IC_CSV_ERROR_CHANGED). */
void ic_csv_reader_get_error_position (IcCsvReader *reader, guint64 *line, guint *column);

/* Splits the records @reader has still to read into two parts of about
 * equal size, so that two threads can read a big file at once. The boundary
 * is the first line end at or after the middle of what is left where the
 * quote characters since @reader's position are balanced (a likely record
 * boundary; a quote counts as a byte '"' of the file, so a stray quote in a
 * malformed record can fool it: see ic_csv_reader_part_ended_cleanly()).
 * On success @reader goes on reading the first part only, and *@second is a
 * new reader (its own file descriptor and buffers, the same file, encoding,
 * separator and header as @reader, and the same checksum, shared) that reads
 * the second part, its first record's line number being the physical line
 * that follows the boundary: records, lines, errors and error positions of
 * the first part then of the second are those a single reader would give,
 * when the split was sound. Both may be used from two threads at once (they
 * share nothing but immutable data and the checksum, which is thread-safe);
 * each is freed on its own. IC_CSV_ERROR_CHANGED keeps its meaning: the
 * first part checks the file where it ends (the boundary), the second at the
 * end of the file. A NUL byte is never in the first part.
 *
 * Returns FALSE, changing nothing, when the data left (up to the first NUL
 * byte, if pass 1 saw one) is smaller than @min_bytes (or than 2 bytes), no
 * such line end exists with data after it, there is a NUL byte before it,
 * the file cannot be read again (it shrank: the reading reports it), or
 * @reader has ended. Meant right after ic_csv_reader_open(), but valid
 * between any two calls to ic_csv_reader_next(); a part may be split again
 * (parts then chain: each but the last must end cleanly).
 *
 * Cost: the bytes from the reader's position to the boundary are read once
 * more with pread() and their quotes and LFs counted (vectorized). */
gboolean ic_csv_reader_split (IcCsvReader *reader, gsize min_bytes, IcCsvReader **second);

/* After ic_csv_reader_next() on @reader, the first part of a split,
 * returned FALSE without an error at the end of its part: TRUE when it
 * stopped on a record boundary outside quotes, i.e. the split was sound and
 * the second part starts where a single reader's next record would. FALSE
 * when the boundary fell inside a record (a quoted field open across it, as
 * the reader sees the quotes: stray quotes before it fooled the balance):
 * the caller then throws both parts' results away and reads the file again
 * without splitting. A first part whose text ends inside a record ends there
 * without reporting IC_CSV_ERROR_UNTERMINATED_QUOTE or
 * IC_CSV_ERROR_RECORD_TOO_LONG for it (nor a IC_CSV_ERROR_BAD_QUOTE whose
 * record's end depends on what follows the boundary): it returns FALSE, no
 * error, and this function then returns FALSE. Also FALSE before the end
 * is reached or after a fatal error. (On a reader that was not split: TRUE
 * once it reached the end of the file without a fatal error.) */
gboolean ic_csv_reader_part_ended_cleanly (IcCsvReader *reader);

G_END_DECLS

/* csv-source.h: one input file handed to the table stage as records. The
 * source decides how the file is read (at once as UTF-8, its encoding
 * decided beside the reading; in two parts by two threads when big), opens
 * the readers, and says after a reading whether it must be done again. */
#pragma once

#include <glib.h>

#include "csv-reader.h"
#include "input-options.h"

G_BEGIN_DECLS

typedef struct _IcCsvSource IcCsvSource;

typedef enum {
  IC_CSV_SOURCE_MAY_SPLIT = 1 << 0,       /* a big file may be read in two parts */
  IC_CSV_SOURCE_MAY_ASSUME_UTF8 = 1 << 1, /* the caller can drop a reading and start again */
} IcCsvSourceFlags;

/* A source for @path; nothing is opened yet. @options may be NULL. */
IcCsvSource *ic_csv_source_new (const char *path, const IcInputOptions *options, IcCsvSourceFlags flags);
void ic_csv_source_free (IcCsvSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcCsvSource, ic_csv_source_free)

/* Starts a reading (an attempt), the readers of the previous one freed:
 * opens the file and reads its header. Returns the reader of the records
 * (of the first part, once split), which belongs to the source, or NULL
 * with @error set (as ic_csv_reader_open()). */
IcCsvReader *ic_csv_source_open (IcCsvSource *source, GError **error);

/* Splits what the reader has left into two parts when allowed, worth it
 * (options' split threshold) and possible: the reader of the second part
 * (belonging to the source), for another thread, or NULL. */
IcCsvReader *ic_csv_source_split (IcCsvSource *source);

/* After both parts were read: FALSE when the split fell inside a record
 * (ic_csv_reader_part_ended_cleanly()) while the encoding held: the
 * attempt's results are to be dropped, and the next ic_csv_source_open()
 * reads the file in one part. TRUE otherwise, also without a split. */
gboolean ic_csv_source_split_held (IcCsvSource *source);

/* At the end of an attempt (waits for the checksum's thread): FALSE when
 * the file was read assuming UTF-8 and is not: the attempt's results are to
 * be dropped, and the next ic_csv_source_open() decides the encoding
 * first (Windows-1252). TRUE otherwise. */
gboolean ic_csv_source_encoding_held (IcCsvSource *source);

/* A new reader of the whole file from its first record, the encoding
 * decided: for a second look at a few records (duplicates). NULL when the
 * file cannot be opened again. Free it with ic_csv_reader_free(). */
IcCsvReader *ic_csv_source_reopen (IcCsvSource *source);

/* The SHA-256 of the file (ic_csv_reader_get_sha256()). */
const char *ic_csv_source_get_sha256 (IcCsvSource *source, GError **error);

G_END_DECLS

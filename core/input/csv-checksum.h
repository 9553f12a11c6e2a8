/* csv-checksum.h: the SHA-256 of an input file, computed by a thread of its
 * own while the file is parsed (private to csv-reader.c). With it, the
 * thread can also decide the file's encoding, from the bytes it hashes,
 * for a reader that parses at once as if the file were UTF-8. Shared by
 * the two readers of a split (refcounted). */
#pragma once

#include <glib.h>

#include "csv-file.h"

G_BEGIN_DECLS

typedef struct _IcCsvChecksum IcCsvChecksum;

/* Starts hashing the file open as @fd (through a descriptor of its own) or,
 * with @fd -1, the bytes of @bytes; @at_open is what fstat() said of the
 * file at open, @chunk the bytes per read. With @check_utf8, also finds
 * whether the bytes before the first NUL are UTF-8. With @defer (tests),
 * the thread starts only when first waited for, so that a test can change
 * the file first. NULL with @error set when no descriptor is left. */
IcCsvChecksum *ic_csv_checksum_start (int fd, GBytes *bytes, const IcCsvStamp *at_open, gsize chunk,
                                      gboolean check_utf8, gboolean defer, GError **error);

IcCsvChecksum *ic_csv_checksum_ref (IcCsvChecksum *checksum);

/* The last reference stops the thread at its next chunk (nobody is left to
 * ask for the result) and waits for it. */
void ic_csv_checksum_unref (IcCsvChecksum *checksum);

/* Waits for the thread, from any thread: the lower-case hex digest
 * (belongs to @checksum), or NULL with @error set (IC_CSV_ERROR_IO,
 * IC_CSV_ERROR_CHANGED) when the file could not be read through. */
const char *ic_csv_checksum_wait (IcCsvChecksum *checksum, GError **error);

/* Without waiting: whether the bytes hashed so far are found not UTF-8
 * (@check_utf8 only). After ic_csv_checksum_wait(), the answer for the file. */
gboolean ic_csv_checksum_found_not_utf8 (IcCsvChecksum *checksum);

G_END_DECLS

/* csv-file.h: the raw bytes of an input file that must not change while it
 * is read (private to csv-reader.c and csv-checksum.c). Every reading of a
 * file (the parse, its split's second half, the checksum's thread) goes
 * through here, with pread() at its own offset, and checks the file against
 * what fstat() said when it was opened. */
#pragma once

#include <fcntl.h>
#include <glib.h>

/* Flags of open() that some systems lack: without them, the same reading. */
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif

G_BEGIN_DECLS

/* What fstat() gave at open. */
typedef struct {
  guint64 size;
  gint64 mtime_sec;
  glong mtime_nsec;
} IcCsvStamp;

/* Sets IC_CSV_ERROR_CHANGED ("the file changed while being read: @how")
 * or IC_CSV_ERROR_IO from @saved_errno; both return FALSE. */
gboolean ic_csv_fail_changed (GError **error, const char *how);
gboolean ic_csv_fail_read (GError **error, int saved_errno);

/* The file must still have the size and modification time it had at open:
 * checked where a reading ends, at the end of the file or of a part. */
gboolean ic_csv_check_unchanged (int fd, const IcCsvStamp *at_open, GError **error);

/* Reads up to @max bytes of @fd from *@offset into @out and moves *@offset
 * past them: all of them except at the end of the file, which must then be
 * where it was at open, in a file unchanged. */
gboolean ic_csv_read_checked (int fd, const IcCsvStamp *at_open, char *out, gsize max, guint64 *offset,
                              gsize *got, GError **error);

/* A descriptor of its own on the file open as @fd (see csv-file.c); -1 on
 * failure, with errno set. */
int ic_csv_reopen_fd (int fd);

G_END_DECLS

/* csv-file.c: the raw bytes of an input file that must not change while
 * it is read (csv-file.h). */
#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-file.h"
#include "csv-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

/* Each reading (pass 1 when it goes to the end, the parse, the checksum's
 * thread) compares what it reads with the size fstat() gave at open: fewer
 * bytes (truncated) or more (grown) is IC_CSV_ERROR_CHANGED; at the end of
 * each, fstat() must still give the same size and modification time (a
 * change in place). It is fatal: what was read no longer matches the
 * checksum. A file replaced by rename() is not a change: the reader keeps
 * reading the file it opened. A rewrite in place that keeps the size,
 * within the file system's timestamp granularity of the write before the
 * open, would go unseen: nothing cheaper than reading it once more could
 * tell. */

gboolean
ic_csv_fail_changed (GError **error, const char *how)
{
  g_set_error (error, IC_CSV_ERROR, IC_CSV_ERROR_CHANGED,
               _("the file changed while being read: %s"), how);
  return FALSE;
}

gboolean
ic_csv_fail_read (GError **error, int saved_errno)
{
  g_set_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO, _("cannot read: %s"),
               g_strerror (saved_errno));
  return FALSE;
}

gboolean
ic_csv_check_unchanged (int fd, const IcCsvStamp *at_open, GError **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    return ic_csv_fail_read (error, errno);
  if ((guint64) st.st_size != at_open->size)
    return ic_csv_fail_changed (error, _("its size changed"));
  if ((gint64) st.st_mtim.tv_sec != at_open->mtime_sec || st.st_mtim.tv_nsec != at_open->mtime_nsec)
    return ic_csv_fail_changed (error, _("it was modified"));
  return TRUE;
}

/* Reads up to @max bytes of @fd from *@offset into @out and moves *@offset
 * past them: all of them except at the end of the file, which must then be
 * where it was at open, in a file unchanged. With pread(), so that the
 * readers of one file (a split's two, the checksum's thread) never share a
 * file offset. */
gboolean
ic_csv_read_checked (int fd, const IcCsvStamp *at_open, char *out, gsize max, guint64 *offset, gsize *got,
              GError **error)
{
  gsize n = 0;

  *got = 0;
  while (n < max)
    {
      gssize r = pread (fd, out + n, max - n, (off_t) *offset);
      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          return ic_csv_fail_read (error, errno);
        }
      if (r == 0)
        {
          if (*offset < at_open->size)
            return ic_csv_fail_changed (error, _("it is shorter than when it was opened"));
          if (!ic_csv_check_unchanged (fd, at_open, error))
            return FALSE;
          break;
        }
      n += (gsize) r;
      *offset += (guint64) r;
      if (*offset > at_open->size)
        return ic_csv_fail_changed (error, _("it grew"));
    }
  *got = n;
  return TRUE;
}

/* A descriptor of its own on the file open as @fd, for a split's second
 * reader or the checksum's thread: opened again through /proc where there
 * is one, so that the kernel keeps one read-ahead state per reading (the
 * file is read from two or three places at once), and checked to be the
 * same file; else a duplicate, which shares the file offset, harmless as
 * reading uses pread(). -1 on failure, with errno set. */
int
ic_csv_reopen_fd (int fd)
{
#ifdef __linux__
  char path[64];
  struct stat a, b;
  int other;

  g_snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  other = g_open (path, O_RDONLY | O_NOCTTY | O_CLOEXEC, 0);
  if (other >= 0)
    {
      if (fstat (fd, &a) == 0 && fstat (other, &b) == 0 && a.st_dev == b.st_dev
          && a.st_ino == b.st_ino)
        {
#ifdef POSIX_FADV_SEQUENTIAL
          (void) posix_fadvise (other, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
          return other;
        }
      g_close (other, NULL);
    }
#endif
  return fcntl (fd, F_DUPFD_CLOEXEC, 0);
}

/* csv-checksum.c: the SHA-256 of an input file, in a thread of its own
 * (csv-checksum.h). */
#include "csv-checksum.h"
#include "csv-reader.h"
#include "sha256.h"
#include "utf8-scan.h"

#include <errno.h>
#include <glib/gstdio.h>

/* The fields below the lock are the thread's until it is joined, read-only
 * after. */
struct _IcCsvChecksum {
  gint ref_count;       /* atomic */
  gint cancel;          /* atomic: no reader is left to ask */
  GMutex lock;          /* for started and thread */
  gboolean started;
  GThread *thread;      /* started and not joined yet */

  int fd;               /* a descriptor of its own on the file, or -1 */
  GBytes *bytes;        /* or the bytes in memory */
  IcCsvStamp at_open;
  gsize chunk;          /* bytes per read */
  gboolean check_utf8;  /* also find whether the bytes before the first NUL
                         * are UTF-8 (ic_csv_reader_open_assuming_utf8()) */
  gint not_utf8;        /* atomic: they are not */
  char *digest;         /* the result, or NULL with error set */
  GError *error;
};

/* Adds @got bytes from *@offset to @sha; a short read is the end. From the
 * bytes in memory, or read into @buf; *@bytes: where they are. */
static gboolean
hash_chunk (IcCsvChecksum *h, IcSha256 *sha, char *buf, guint64 *offset, gsize *got, const char **bytes)
{
  const char *p = buf;

  if (h->fd >= 0)
    {
      if (!ic_csv_read_checked (h->fd, &h->at_open, buf, h->chunk, offset, got, &h->error))
        return FALSE;
    }
  else
    {
      *got = (gsize) MIN ((guint64) h->chunk, h->at_open.size - *offset);
      p = *got > 0 ? (const char *) g_bytes_get_data (h->bytes, NULL) + *offset : NULL;
      *offset += *got;
    }
  if (*got > 0)
    ic_sha256_update (sha, p, *got);
  *bytes = p;
  return TRUE;
}

/* The thread: the whole file, a chunk at a time, unless cancelled; the
 * encoding decided on the way as the reader's first pass would. */
static gpointer
hash_file (gpointer data)
{
  IcCsvChecksum *h = data;
  g_autoptr (IcSha256) sha = ic_sha256_new ();
  g_autofree char *raw = h->fd >= 0 ? g_malloc (IC_UTF8_CARRY + h->chunk) : NULL;
  IcUtf8Scan scan = { 0 };
  guint64 offset = 0;
  gsize got;
  gboolean checking = h->check_utf8;

  do
    {
      const char *bytes;
      if (g_atomic_int_get (&h->cancel))
        return NULL;
      if (!hash_chunk (h, sha, raw != NULL ? raw + IC_UTF8_CARRY : NULL, &offset, &got, &bytes))
        return NULL;
      if (checking)
        {
          /* In memory, the bytes before a chunk are the file's own. */
          checking = ic_utf8_scan_chunk (&scan, bytes, got, offset - got, got < h->chunk, h->fd >= 0);
          if (scan.invalid)
            g_atomic_int_set (&h->not_utf8, 1);
        }
    }
  while (got == h->chunk);
  h->digest = ic_sha256_finish (g_steal_pointer (&sha));
  return NULL;
}

/* With h->lock held, or before h is shared. */
static void
start_thread (IcCsvChecksum *h)
{
  h->started = TRUE;
  h->thread = g_thread_new ("indicore-sha256", hash_file, h);
}

IcCsvChecksum *
ic_csv_checksum_start (int fd, GBytes *bytes, const IcCsvStamp *at_open, gsize chunk,
                       gboolean check_utf8, gboolean defer, GError **error)
{
  IcCsvChecksum *h = g_new0 (IcCsvChecksum, 1);

  h->ref_count = 1;
  g_mutex_init (&h->lock);
  h->fd = -1;
  if (fd >= 0 && (h->fd = ic_csv_reopen_fd (fd)) < 0)
    {
      ic_csv_fail_read (error, errno);
      g_mutex_clear (&h->lock);
      g_free (h);
      return NULL;
    }
  if (bytes != NULL)
    h->bytes = g_bytes_ref (bytes);
  h->at_open = *at_open;
  h->chunk = chunk;
  h->check_utf8 = check_utf8;
  if (!defer)
    start_thread (h);
  return h;
}

IcCsvChecksum *
ic_csv_checksum_ref (IcCsvChecksum *h)
{
  g_atomic_int_inc (&h->ref_count);
  return h;
}

void
ic_csv_checksum_unref (IcCsvChecksum *h)
{
  if (h == NULL || !g_atomic_int_dec_and_test (&h->ref_count))
    return;
  g_atomic_int_set (&h->cancel, 1);
  if (h->thread != NULL)
    g_thread_join (h->thread);
  if (h->fd >= 0)
    g_close (h->fd, NULL);
  g_clear_pointer (&h->bytes, g_bytes_unref);
  g_free (h->digest);
  g_clear_error (&h->error);
  g_mutex_clear (&h->lock);
  g_free (h);
}

/* The first caller joins the thread; the lock orders the others after it. */
const char *
ic_csv_checksum_wait (IcCsvChecksum *h, GError **error)
{
  g_mutex_lock (&h->lock);
  if (!h->started)
    start_thread (h);
  if (h->thread != NULL)
    g_thread_join (g_steal_pointer (&h->thread));
  g_mutex_unlock (&h->lock);
  if (h->error != NULL)
    {
      g_propagate_error (error, g_error_copy (h->error));
      return NULL;
    }
  return h->digest;
}

gboolean
ic_csv_checksum_found_not_utf8 (IcCsvChecksum *h)
{
  return g_atomic_int_get (&h->not_utf8);
}

/* file-io.c: reading a whole regular file (refusing FIFOs and devices,
 * which would block or never end) and writing a whole buffer to a
 * descriptor. */
#include "file-io.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

static gboolean
fail (GError **error, int saved_errno, const char *format, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  /* GLib's own wording, as g_file_get_contents() words it; @format is
   * translated, with the path and the system's reason as arguments. */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), format, display,
               g_strerror (saved_errno));
  return FALSE;
}

gboolean
ic_file_read_regular (const char *path, char **contents, gsize *length, GError **error)
{
  struct stat st;
  GString *text;
  char chunk[65536];
  int fd;

  /* O_NONBLOCK: opening a FIFO for reading would wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    return fail (error, errno, _("Failed to open file “%s”: %s"), path);
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      close (fd);
      return fail (error, saved_errno, _("Failed to get attributes of file “%s”: %s"), path);
    }
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("“%s” is not a regular file"), display);
      return FALSE;
    }
  text = g_string_sized_new ((gsize) st.st_size + 1);
  for (;;)
    {
      gssize n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          close (fd);
          g_string_free (text, TRUE);
          return fail (error, saved_errno, _("Failed to read from file “%s”: %s"), path);
        }
      if (n == 0)
        break;
      g_string_append_len (text, chunk, n);
    }
  close (fd);
  *length = text->len;
  *contents = g_string_free (text, FALSE);
  return TRUE;
}

gboolean
ic_write_all (int fd, const void *data, gsize length)
{
  const char *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

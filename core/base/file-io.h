/* file-io.h: a whole regular file read into memory, a whole buffer written
 * to a descriptor: the two loops every reader and writer of the core needs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @path whole into a new NUL-terminated buffer (g_free) of @length
 * bytes. Only a regular file: a FIFO, a device or a directory is refused
 * without being read (reading a FIFO would wait for a writer for ever).
 * FALSE with @error in G_FILE_ERROR, its message naming @path. */
gboolean ic_file_read_regular (const char *path, char **contents, gsize *length, GError **error);

/* Writes @length bytes of @data to @fd, again after a short write or
 * EINTR. FALSE with errno set when write() fails, or ENOSPC when it writes
 * nothing (never seen on a regular file; it must not loop for ever). */
gboolean ic_write_all (int fd, const void *data, gsize length);

G_END_DECLS

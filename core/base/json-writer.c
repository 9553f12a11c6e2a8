/* json-writer.c: a json-glib tree written as the bundle's text (the
 * shortest doubles that read back the same, one fixed layout), and to a
 * file atomically. */
#ifndef _POSIX_C_SOURCE
/* fsync(), O_CLOEXEC and O_DIRECTORY under -std=c11. */
#define _POSIX_C_SOURCE 200809L
#endif

#include "json-writer.h"

#include "file-io.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

static void write_node (GString *out, JsonNode *node, guint depth);

static void
write_indent (GString *out, guint depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* RFC 8259 section 7: '"', '\\' and U+0000..U+001F must be escaped; every
 * other character may appear as is, so non-ASCII text stays readable. */
static void
write_string (GString *out, const char *str)
{
  g_autofree char *valid = NULL;

  /* A string that is not UTF-8 would make the whole document invalid JSON:
   * better a visible U+FFFD than a bundle no reader accepts. */
  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* glibc pads exponents to two digits ("1e-07"); JSON does not need it and
 * "1e-7" reads better. Drops the zeros after the exponent's sign in place. */
static void
trim_exponent (char *buf)
{
  char *e = strchr (buf, 'e');
  char *digits, *first;

  if (e == NULL)
    return;
  digits = e + 1;
  if (*digits == '+' || *digits == '-')
    digits++;
  first = digits;
  while (*first == '0' && first[1] != '\0')
    first++;
  if (first != digits)
    memmove (digits, first, strlen (first) + 1);
}

static void
write_double (GString *out, double value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no NaN nor infinity; null is "no value", as the bundle
       * means it everywhere else. */
      g_string_append (out, "null");
      return;
    }
  if (value == 0.0)
    {
      /* Also -0.0, which a rounding of a tiny negative number gives: "-0"
       * is valid JSON, but a reader should not see a signed zero. */
      g_string_append_c (out, '0');
      return;
    }

  /* %.17g always reads back exactly (IEEE 754 binary64); fewer digits
   * usually do too, and then give the number the way a person writes it:
   * 6.6 rather than 6.5999999999999996. g_ascii_* ignore the locale. */
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  trim_exponent (buf);
  g_string_append (out, buf);
}

static void
write_value (GString *out, JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING && json_node_get_string (node) != NULL)
    write_string (out, json_node_get_string (node));
  else
    /* A value node never given a value: nothing to show. */
    g_string_append (out, "null");
}

static void
write_object (GString *out, JsonObject *object, guint depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  if (json_object_get_size (object) == 0)
    {
      g_string_append (out, "{}");
      return;
    }

  /* The _ordered iterator walks the members in insertion order (a member
   * set again keeps its place). The plain json_object_iter_init() walks the
   * hash table instead: its order changes with the names, and is not
   * stable enough for byte-identical bundles. */
  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_string_append (out, first ? "\n" : ",\n");
      first = FALSE;
      write_indent (out, depth + 1);
      write_string (out, name);
      g_string_append (out, ": ");
      write_node (out, member, depth + 1);
    }
  g_string_append_c (out, '\n');
  write_indent (out, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString *out, JsonArray *array, guint depth)
{
  guint length = json_array_get_length (array);

  if (length == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append_c (out, '[');
  for (guint i = 0; i < length; i++)
    {
      g_string_append (out, i == 0 ? "\n" : ",\n");
      write_indent (out, depth + 1);
      write_node (out, json_array_get_element (array, i), depth + 1);
    }
  g_string_append_c (out, '\n');
  write_indent (out, depth);
  g_string_append_c (out, ']');
}

static void
write_node (GString *out, JsonNode *node, guint depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      if (json_node_get_object (node) != NULL)
        write_object (out, json_node_get_object (node), depth);
      else
        g_string_append (out, "null");
      break;
    case JSON_NODE_ARRAY:
      if (json_node_get_array (node) != NULL)
        write_array (out, json_node_get_array (node), depth);
      else
        g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
ic_json_write (JsonNode *root, gsize *length)
{
  GString *out;

  g_return_val_if_fail (root != NULL, NULL);

  out = g_string_sized_new (4096);
  write_node (out, root, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* Sets @error from @saved_errno, naming the target: the temporary file's
 * name means nothing to the user. Returns FALSE for the caller's return. */
static gboolean
set_error (GError **error, int saved_errno, const char *path, const char *what)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s: %s"), display, what, g_strerror (saved_errno));
  return FALSE;
}

gboolean
ic_json_write_file_atomic (JsonNode *root, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  gsize length = 0;
  GStatBuf existing;
  int fd, saved_errno, dir_fd;

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = ic_json_write (root, &length);

  /* In the target's directory, not in /tmp (g_file_open_tmp()): rename() is
   * atomic only within one file system. The leading dot keeps a left-over
   * (after a crash) out of ordinary listings. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_error (error, errno, path, _("cannot create a temporary file in its directory"));

  /* A bundle replaced keeps its permissions: one kept 0600 must not become
   * readable by all because it was computed again. */
  if (g_stat (path, &existing) == 0 && S_ISREG (existing.st_mode) && fchmod (fd, existing.st_mode & 0777) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp_path);
      return set_error (error, saved_errno, path, _("cannot give the temporary file the mode of the file it replaces"));
    }

  /* fsync() before rename(): otherwise a crash soon after may leave the
   * new name on an empty or partial file. */
  if (!ic_write_all (fd, text, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp_path);
      return set_error (error, saved_errno, path, _("cannot write the temporary file"));
    }

  /* close() reports late write errors of some file systems (NFS). */
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      return set_error (error, saved_errno, path, _("cannot close the temporary file"));
    }

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      return set_error (error, saved_errno, path, _("cannot rename the temporary file into place"));
    }

  /* Makes the rename itself durable. Best effort: the target is already
   * replaced, so failing here would wrongly tell the caller it was not. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  return TRUE;
}

/* json-writer.h: turns a json-glib tree into the bundle's text.
 *
 * Why not JsonGenerator: json-glib 1.6 writes every double with "%.17g", so
 * 6.6 comes out as 6.5999999999999996, and the bundle must show 6.6. This
 * writer prints each double with the fewest significant digits (15, 16 or
 * 17) that read back as the same double, and fixes the layout once for every
 * bundle: byte-identical output for identical trees.
 *
 * Layout: 2-space indentation, `"key": value`, object members in insertion
 * order, `{}` and `[]` for empty containers, a final newline. Integers
 * (G_TYPE_INT64) as integers; a double with an integral value without a
 * decimal part (20.0 is `20`), -0.0 as `0`, NaN and infinities as `null`
 * (JSON has no such numbers); strings escaped per RFC 8259, non-ASCII written
 * as UTF-8. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Serialises @root (not modified; the caller keeps it). Returns a new
 * NUL-terminated UTF-8 string, to free with g_free(); its length in bytes,
 * without the NUL, goes to @length when not NULL. A string member that is not
 * valid UTF-8 is written with U+FFFD in place of the invalid bytes, so the
 * output is always valid JSON. */
char *ic_json_write (JsonNode *root, gsize *length);

/* Writes ic_json_write (@root) to @path atomically: into a temporary file
 * `.NAME.XXXXXX` in @path's directory (mode 0644 before the umask, or the
 * permissions of the file it replaces), flushed to disk with fsync(), then
 * renamed over @path. On any failure (directory
 * missing, disk full, rename refused...) the temporary file is removed, an
 * existing @path is left as it was, and FALSE is returned with @error set in
 * the G_FILE_ERROR domain (code from errno), its message naming @path. */
gboolean ic_json_write_file_atomic (JsonNode *root, const char *path, GError **error);

G_END_DECLS

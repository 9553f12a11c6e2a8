/* json-reader.h: JSON text read from memory with errors that name the file. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Loads @data into @parser. On a syntax error sets @error in @domain with
 * @code, its message naming @name and json-glib's line:column (json-glib
 * calls in-memory data "<data>"). */
gboolean ic_json_parse (JsonParser *parser, const char *name, const char *data, gssize length,
                        GQuark domain, gint code, GError **error);

G_END_DECLS

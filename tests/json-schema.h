/* json-schema.h: a small JSON Schema validator for the project's tests.
 *
 * It knows a subset of draft 2020-12, enough for schemas/bundle.schema.json:
 *
 *   type (a name or an array of names: object, array, string, integer,
 *   number, boolean, null), properties, required, additionalProperties
 *   (boolean or schema), items (one schema), enum, const, minimum, maximum,
 *   minLength, pattern, minItems, maxItems, $ref (only "#/$defs/NAME"), $defs, oneOf,
 *   anyOf; boolean schemas; and the annotations $schema (which must name
 *   draft 2020-12), $id, $comment, title, description.
 *
 * Any other keyword makes the schema invalid (IC_JSON_SCHEMA_ERROR_SCHEMA)
 * rather than being ignored, as a validator of the full standard would
 * ignore an unknown one: a schema cannot rely on a check that is never made.
 * The whole schema is checked before the instance is looked at, so a bad
 * keyword in a branch the instance never reaches is still reported.
 *
 * Semantics follow the standard: numeric keywords apply to numbers only,
 * string keywords to strings only, and so on; "integer" accepts a
 * G_TYPE_INT64 node or a double with an integral value; enum and const
 * compare numbers by value (1 equals 1.0); minLength counts characters, not
 * bytes. Where GRegex differs from the ECMA-262 regular expressions that
 * JSON Schema specifies:
 *   - `$` matches only at the very end (G_REGEX_DOLLAR_ENDONLY); PCRE would
 *     also match before a final newline, letting "2024\n" pass ^[0-9]{4}$;
 *   - GRegex reads \d and \w as Unicode classes (\d matches "٣"), ECMA-262 as
 *     ASCII ones: a pattern using \d, \D, \w or \W is refused as a schema
 *     error; write [0-9] or [A-Za-z0-9_].
 * A NaN or infinite double in the instance counts as null, as the bundle
 * writer (core/json-writer.h) writes it. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define IC_JSON_SCHEMA_ERROR (ic_json_schema_error_quark ())
GQuark ic_json_schema_error_quark (void);

typedef enum {
  IC_JSON_SCHEMA_ERROR_INVALID, /* the instance does not match the schema */
  IC_JSON_SCHEMA_ERROR_SCHEMA,  /* the schema is malformed or uses an unsupported keyword */
} IcJsonSchemaError;

/* Validates @instance against @schema (both borrowed, not modified).
 * Returns TRUE when it matches. Otherwise FALSE with @error set:
 * IC_JSON_SCHEMA_ERROR_SCHEMA, the message naming the place in the schema
 * (`schema /properties/id: unsupported keyword “format”`), or
 * IC_JSON_SCHEMA_ERROR_INVALID for the first mismatch found, the message
 * starting with the JSON pointer of the failing place in the instance
 * (`/indicators/0/value: expected number or null, got string`; the document
 * itself is `(root)`). */
gboolean ic_json_schema_validate (JsonNode *schema, JsonNode *instance, GError **error);

/* The same for two files. A file that cannot be read or parsed gives that
 * error (G_FILE_ERROR or JSON_PARSER_ERROR) with the file's name in front;
 * a validation error also gets the name of the file it is about (the
 * instance's, or the schema's for IC_JSON_SCHEMA_ERROR_SCHEMA). */
gboolean ic_json_schema_validate_file (const char *schema_path,
                                       const char *instance_path,
                                       GError **error);

G_END_DECLS

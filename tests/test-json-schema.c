/* test-json-schema.c: tests of tests/json-schema.c, and of
 * schemas/bundle.schema.json against the example of spec/bundle.md.
 *
 * Schemas and instances of the keyword tests are written with single
 * quotes for legibility: j() turns them into double quotes. */
#include "json-schema.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

/* ---- helpers ---- */

/* Parses @text, single quotes read as double quotes. Returns a new node. */
static JsonNode *
j (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup (text);

  g_strdelimit (json, "'", '"');
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_valid (const char *schema_text, const char *instance_text)
{
  g_autoptr (JsonNode) schema = j (schema_text);
  g_autoptr (JsonNode) instance = j (instance_text);
  g_autoptr (GError) error = NULL;

  gboolean valid = ic_json_schema_validate (schema, instance, &error);

  g_assert_no_error (error);
  g_assert_true (valid);
}

/* Asserts that @instance_text does not match, with exactly @message. */
static void
assert_invalid (const char *schema_text, const char *instance_text, const char *message)
{
  g_autoptr (JsonNode) schema = j (schema_text);
  g_autoptr (JsonNode) instance = j (instance_text);
  g_autoptr (GError) error = NULL;

  g_assert_false (ic_json_schema_validate (schema, instance, &error));
  g_assert_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_bad_schema (const char *schema_text, const char *instance_text, const char *message)
{
  g_autoptr (JsonNode) schema = j (schema_text);
  g_autoptr (JsonNode) instance = j (instance_text);
  g_autoptr (GError) error = NULL;

  g_assert_false (ic_json_schema_validate (schema, instance, &error));
  g_assert_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_SCHEMA);
  g_assert_cmpstr (error->message, ==, message);
}

/* ---- type ---- */

static void
test_type_names (void)
{
  assert_valid ("{'type': 'object'}", "{}");
  assert_valid ("{'type': 'array'}", "[]");
  assert_valid ("{'type': 'string'}", "''");
  assert_valid ("{'type': 'boolean'}", "false");
  assert_valid ("{'type': 'null'}", "null");
  assert_valid ("{'type': 'number'}", "6.6");

  assert_invalid ("{'type': 'object'}", "[]", "(root): expected object, got array");
  assert_invalid ("{'type': 'array'}", "{}", "(root): expected array, got object");
  assert_invalid ("{'type': 'string'}", "5", "(root): expected string, got integer");
  assert_invalid ("{'type': 'boolean'}", "'true'", "(root): expected boolean, got string");
  assert_invalid ("{'type': 'null'}", "0", "(root): expected null, got integer");
  assert_invalid ("{'type': 'number'}", "'6.6'", "(root): expected number, got string");
}

static void
test_type_integer_accepts_integral_double (void)
{
  /* JsonParser reads 2.0 as a double: still an integer for JSON Schema. */
  assert_valid ("{'type': 'integer'}", "2");
  assert_valid ("{'type': 'integer'}", "2.0");
  assert_valid ("{'type': 'integer'}", "-1e3");
}

static void
test_type_integer_rejects_fraction (void)
{
  assert_invalid ("{'type': 'integer'}", "2.5", "(root): expected integer, got number");
  assert_invalid ("{'type': 'integer'}", "null", "(root): expected integer, got null");
}

static void
test_type_number_accepts_integer (void)
{
  assert_valid ("{'type': 'number'}", "51");
}

static void
test_type_array_of_names (void)
{
  assert_valid ("{'type': ['number', 'null']}", "null");
  assert_valid ("{'type': ['number', 'null']}", "6.6");
  assert_invalid ("{'properties': {'value': {'type': ['number', 'null']}}}",
                  "{'value': '6,6'}",
                  "/value: expected number or null, got string");
  assert_invalid ("{'type': ['object', 'array', 'null']}", "true",
                  "(root): expected object, array or null, got boolean");
}

static void
test_type_non_finite_is_null (void)
{
  /* The writer writes NaN as null: the validator sees it as null too. */
  g_autoptr (JsonNode) null_schema = j ("{'type': 'null'}");
  g_autoptr (JsonNode) number_schema = j ("{'type': 'number'}");
  g_autoptr (JsonNode) nan = json_node_init_double (json_node_alloc (), NAN);
  g_autoptr (GError) error = NULL;

  g_assert_true (ic_json_schema_validate (null_schema, nan, &error));
  g_assert_false (ic_json_schema_validate (number_schema, nan, &error));
  g_assert_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_INVALID);
}

static void
test_type_bad_schema (void)
{
  assert_bad_schema ("{'type': 'float'}", "1", "schema /type: unknown type “float”");
  assert_bad_schema ("{'type': []}", "1",
                     "schema /type: must be a type name or a non-empty array of type names");
  assert_bad_schema ("{'type': ['null', 'null']}", "1", "schema /type: type “null” listed twice");
}

/* ---- properties, required, additionalProperties ---- */

static void
test_properties (void)
{
  const char *schema = "{'properties': {'a': {'properties': {'b': {'type': 'integer'}}}}}";

  assert_valid (schema, "{'a': {'b': 1}}");
  /* Members not listed and absent members are fine without required /
   * additionalProperties; a non-object passes "properties". */
  assert_valid (schema, "{'a': {}, 'other': 'x'}");
  assert_valid (schema, "[1]");
  assert_invalid (schema, "{'a': {'b': 'one'}}", "/a/b: expected integer, got string");
}

static void
test_properties_pointer_escapes (void)
{
  /* RFC 6901: '/' is written ~1 and '~' is written ~0 in a pointer. */
  assert_invalid ("{'properties': {'a/b': {'properties': {'c~d': {'type': 'null'}}}}}",
                  "{'a/b': {'c~d': 1}}",
                  "/a~1b/c~0d: expected null, got integer");
}

static void
test_required (void)
{
  const char *schema = "{'required': ['id', 'title']}";

  assert_valid (schema, "{'title': 't', 'id': 'x'}");
  assert_valid (schema, "'not an object'");
  assert_invalid (schema, "{'id': 'x'}", "(root): missing required member “title”");
  assert_bad_schema ("{'required': ['id', 'id']}", "{}", "schema /required: “id” listed twice");
}

static void
test_additional_properties_false (void)
{
  const char *schema = "{'properties': {'id': {}}, 'additionalProperties': false}";

  assert_valid (schema, "{'id': 1}");
  assert_invalid (schema, "{'id': 1, 'extra': 2}",
                  "/extra: member not allowed (additionalProperties is false)");
}

static void
test_additional_properties_schema (void)
{
  /* As "details": any name, numbers or null. */
  const char *schema = "{'additionalProperties': {'type': ['number', 'null']}}";

  assert_valid (schema, "{'a': 1, 'b': null, 'c': 6.6}");
  assert_valid ("{'additionalProperties': true}", "{'a': 'x'}");
  assert_invalid (schema, "{'a': 1, 'b': 'x'}", "/b: expected number or null, got string");
}

/* ---- arrays ---- */

static void
test_items (void)
{
  const char *schema = "{'items': {'type': 'string'}}";

  assert_valid (schema, "[]");
  assert_valid (schema, "['a', 'b']");
  assert_invalid (schema, "['a', 2]", "/1: expected string, got integer");
  assert_bad_schema ("{'items': [{'type': 'string'}]}", "[]",
                     "schema /items: a schema must be an object or a boolean");
}

static void
test_min_items (void)
{
  assert_valid ("{'minItems': 1}", "[0]");
  assert_valid ("{'minItems': 1}", "{}");
  assert_invalid ("{'minItems': 2}", "[0]", "(root): 1 items, fewer than the minimum 2");
  assert_bad_schema ("{'minItems': -1}", "[]", "schema /minItems: must be a non-negative integer");
  assert_valid ("{'maxItems': 2}", "[0, 1]");
  assert_invalid ("{'maxItems': 2}", "[0, 1, 2]", "(root): 3 items, more than the maximum 2");
  assert_bad_schema ("{'maxItems': 1.5}", "[]", "schema /maxItems: must be a non-negative integer");
}

/* ---- enum, const ---- */

static void
test_enum (void)
{
  const char *schema = "{'enum': ['ok', 'not_available', 'error', 1, null]}";

  assert_valid (schema, "'not_available'");
  assert_valid (schema, "null");
  /* Numbers compare by value: 1.0 is 1. */
  assert_valid (schema, "1.0");
  assert_invalid (schema, "'OK'",
                  "(root): \"OK\" is not one of [\"ok\",\"not_available\",\"error\",1,null]");
  assert_bad_schema ("{'enum': []}", "1", "schema /enum: must be a non-empty array");
}

static void
test_const (void)
{
  /* Objects compare member by member, in any order. */
  const char *schema = "{'const': {'operator': '>=', 'value': 20}}";

  assert_valid ("{'const': '1'}", "'1'");
  assert_valid (schema, "{'value': 20.0, 'operator': '>='}");
  assert_invalid ("{'const': '1'}", "1", "(root): expected the constant \"1\"");
  assert_invalid (schema, "{'operator': '>=', 'value': 20, 'x': 1}",
                  "(root): expected the constant {\"operator\":\">=\",\"value\":20}");
  assert_invalid ("{'const': [1, 2]}", "[2, 1]", "(root): expected the constant [1,2]");
}

/* ---- numbers ---- */

static void
test_minimum (void)
{
  assert_valid ("{'minimum': 0}", "0");
  assert_valid ("{'minimum': 0}", "0.5");
  assert_valid ("{'minimum': 0}", "'-1'");
  assert_invalid ("{'minimum': 0}", "-1", "(root): -1 is less than the minimum 0");
  assert_invalid ("{'minimum': 0.5}", "0.4", "(root): 0.4 is less than the minimum 0.5");
  assert_bad_schema ("{'minimum': '0'}", "1", "schema /minimum: must be a number");
}

static void
test_maximum (void)
{
  assert_valid ("{'maximum': 2100}", "2100");
  assert_valid ("{'maximum': 2100}", "null");
  assert_invalid ("{'maximum': 2100}", "2101", "(root): 2101 is more than the maximum 2100");
  assert_invalid ("{'maximum': 100}", "100.1", "(root): 100.1 is more than the maximum 100");
}

/* ---- strings ---- */

static void
test_min_length (void)
{
  /* "é" is one character of two bytes: "éé" is 2 characters, 4 bytes. */
  assert_valid ("{'minLength': 1}", "'é'");
  assert_valid ("{'minLength': 1}", "1");
  assert_invalid ("{'minLength': 1}", "''", "(root): shorter than 1 characters");
  assert_invalid ("{'minLength': 3}", "'éé'", "(root): shorter than 3 characters");
}

static void
test_pattern (void)
{
  const char *schema = "{'pattern': '^[0-9a-f]{4}$'}";

  assert_valid (schema, "'00ff'");
  assert_valid (schema, "12");
  assert_invalid (schema, "'00FF'", "(root): “00FF” does not match the pattern ^[0-9a-f]{4}$");
  /* Not anchored unless the pattern says so. */
  assert_valid ("{'pattern': 'b'}", "'abc'");
}

static void
test_pattern_dollar_end_only (void)
{
  /* ECMA-262 `$` is the end of the string; PCRE's default would let a
   * final newline through. */
  g_autoptr (JsonNode) schema = j ("{'pattern': '^[0-9]{4}$'}");
  g_autoptr (JsonNode) instance = json_node_init_string (json_node_alloc (), "2024\n");
  g_autoptr (GError) error = NULL;

  g_assert_false (ic_json_schema_validate (schema, instance, &error));
  g_assert_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_INVALID);
}

static void
test_pattern_bad_schema (void)
{
  /* \\d in C is \d in the JSON text, \d in the pattern. */
  assert_bad_schema ("{'pattern': '^\\\\d+$'}", "'1'",
                     "schema /pattern: “\\d” in a pattern means a Unicode class in GRegex "
                     "but an ASCII one in JSON Schema: write it as a bracket expression "
                     "([0-9], [A-Za-z0-9_])");
  /* An escaped backslash followed by d is not \d. */
  assert_valid ("{'pattern': '^\\\\\\\\d$'}", "'\\\\d'");

  /* The rest of the message is GRegex's, and varies with its version. */
  {
    g_autoptr (JsonNode) schema = j ("{'properties': {'x': {'pattern': '(['}}}");
    g_autoptr (JsonNode) instance = j ("{}");
    g_autoptr (GError) error = NULL;

    g_assert_false (ic_json_schema_validate (schema, instance, &error));
    g_assert_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_SCHEMA);
    g_assert_true (g_str_has_prefix (error->message,
                                     "schema /properties/x/pattern: invalid pattern: "));
  }
}

/* ---- $ref, $defs ---- */

static void
test_ref (void)
{
  const char *schema =
    "{'$defs': {'count': {'type': 'integer', 'minimum': 0}, 'a/b': {'type': 'null'}},"
    " 'properties': {'n': {'$ref': '#/$defs/count'}, 'x': {'$ref': '#/$defs/a~1b'}}}";

  assert_valid (schema, "{'n': 3, 'x': null}");
  assert_invalid (schema, "{'n': -3}", "/n: -3 is less than the minimum 0");
  assert_invalid (schema, "{'x': 1}", "/x: expected null, got integer");
}

static void
test_ref_beside_other_keywords (void)
{
  /* Draft 2020-12: $ref is one keyword among others, all apply. */
  const char *schema =
    "{'$defs': {'count': {'type': 'integer'}}, '$ref': '#/$defs/count', 'maximum': 9}";

  assert_valid (schema, "9");
  assert_invalid (schema, "10", "(root): 10 is more than the maximum 9");
  assert_invalid (schema, "1.5", "(root): expected integer, got number");
}

static void
test_ref_bad_schema (void)
{
  assert_bad_schema ("{'$ref': '#/$defs/missing', '$defs': {}}", "1",
                     "schema /$ref: “#/$defs/missing” does not resolve (only "
                     "“#/$defs/NAME” with NAME a member of the root's $defs is supported)");
  assert_bad_schema ("{'$ref': 'other.json#/$defs/a'}", "1",
                     "schema /$ref: “other.json#/$defs/a” does not resolve (only "
                     "“#/$defs/NAME” with NAME a member of the root's $defs is supported)");
  assert_bad_schema ("{'$defs': {'a': {'$ref': '#/$defs/b'}, 'b': {'$ref': '#/$defs/a'}},"
                     " '$ref': '#/$defs/a'}",
                     "1", "schema: $ref “#/$defs/a” loops");
}

static void
test_defs (void)
{
  assert_valid ("{'$defs': {'unused': {'type': 'string'}}}", "1");
  assert_bad_schema ("{'$defs': []}", "1", "schema /$defs: must be an object of schemas");
  assert_bad_schema ("{'properties': {'a': {'$defs': {}}}}", "{}",
                     "schema /properties/a/$defs: supported at the root of the schema only");
  /* Checked even when nothing refers to it. */
  assert_bad_schema ("{'$defs': {'unused': {'format': 'date'}}}", "1",
                     "schema /$defs/unused: unsupported keyword “format”");
}

/* ---- oneOf, anyOf ---- */

static void
test_one_of (void)
{
  /* As "target": null, a threshold, or progress. */
  const char *schema =
    "{'oneOf': [{'type': 'null'},"
    "           {'type': 'object', 'properties': {'operator': {'enum': ['>=', '<=']}, 'value': {}},"
    "            'required': ['value'], 'additionalProperties': false},"
    "           {'type': 'object', 'properties': {'operator': {'const': 'progress'}},"
    "            'additionalProperties': false}]}";

  assert_valid (schema, "null");
  assert_valid (schema, "{'operator': '>=', 'value': 20}");
  assert_valid (schema, "{'operator': 'progress'}");
  assert_invalid (schema, "{'operator': '=='}",
                  "(root): matches none of the oneOf schemas ("
                  "0: (root): expected null, got object; "
                  "1: (root): missing required member “value”; "
                  "2: /operator: expected the constant \"progress\")");
  /* Both the second and third match {}: not exactly one. */
  assert_invalid ("{'oneOf': [{'type': 'object'}, {}, {'type': 'array'}]}", "{}",
                  "(root): matches oneOf schemas 0 and 1: exactly one must match");
}

static void
test_any_of (void)
{
  const char *schema = "{'anyOf': [{'type': 'string'}, {'minimum': 10}]}";

  assert_valid (schema, "'x'");
  assert_valid (schema, "12");
  assert_invalid (schema, "5",
                  "(root): matches none of the anyOf schemas ("
                  "0: (root): expected string, got integer; "
                  "1: (root): 5 is less than the minimum 10)");
  assert_bad_schema ("{'anyOf': []}", "1", "schema /anyOf: must be a non-empty array of schemas");
}

/* ---- the schema itself ---- */

static void
test_boolean_schemas (void)
{
  assert_valid ("true", "{'anything': [1]}");
  assert_invalid ("false", "1", "(root): not allowed here (the schema is false)");
  assert_invalid ("{'items': false}", "[1]", "/0: not allowed here (the schema is false)");
  assert_bad_schema ("1", "1", "schema (root): a schema must be an object or a boolean");
}

static void
test_unknown_keyword (void)
{
  assert_bad_schema ("{'type': 'string', 'maxLength': 3}", "'abcd'",
                     "schema (root): unsupported keyword “maxLength”");
  /* Found even in a branch the instance never reaches. */
  assert_bad_schema ("{'anyOf': [true, {'multipleOf': 0.1}]}", "1",
                     "schema /anyOf/1: unsupported keyword “multipleOf”");
  assert_bad_schema ("{'properties': {'a': {'prefixItems': []}}}", "{}",
                     "schema /properties/a: unsupported keyword “prefixItems”");
}

static void
test_annotations (void)
{
  assert_valid ("{'$schema': 'https://json-schema.org/draft/2020-12/schema',"
                " '$id': 'urn:test', '$comment': 'c', 'title': 't', 'description': 'd'}",
                "1");
  assert_bad_schema ("{'$schema': 'http://json-schema.org/draft-07/schema#'}", "1",
                     "schema /$schema: only draft 2020-12 "
                     "(“https://json-schema.org/draft/2020-12/schema”) is supported");
  assert_bad_schema ("{'title': 3}", "1", "schema /title: must be a string");
  assert_bad_schema ("{'items': {'$id': 'urn:nested'}}", "[]",
                     "schema /items/$id: supported at the root of the schema only");
}

/* ---- the bundle schema ---- */

/* The example of spec/bundle.md, completed: "…" replaced by a SHA-256 (of
 * the empty string: any 64 lower-case hex digits do); the members our
 * schema requires and the spec's example leaves out added: "options",
 * "previous", "plugins_refused", "rejected_reasons", and the population
 * source's "period" and "value" (770, the denominator). */
static const char example_bundle[] =
  "{\n"
  "  \"bundle_version\": \"1\",\n"
  "  \"generator\": { \"name\": \"indicore\", \"version\": \"0.1.0\" },\n"
  "  \"generated_at\": \"2025-03-01T09:00:00Z\",\n"
  "  \"department\": { \"code\": \"23\", \"name\": \"Creuse\" },\n"
  "  \"year\": 2024,\n"
  "  \"options\": { \"lenient\": false, \"suppression\": true, \"small_count\": 10 },\n"
  "  \"indicators\": [\n"
  "    {\n"
  "      \"id\": \"epp_pmi_coverage\",\n"
  "      \"title\": \"Taux de couverture des EPP réalisés par la PMI\",\n"
  "      \"status\": \"ok\",\n"
  "      \"period\": { \"start\": \"2024-01-01\", \"end\": \"2024-12-31\", \"label\": \"2024\" },\n"
  "      \"numerator\": 51,\n"
  "      \"denominator\": 770,\n"
  "      \"value\": 6.6,\n"
  "      \"unit\": \"%\",\n"
  "      \"target\": { \"operator\": \">=\", \"value\": 20 },\n"
  "      \"target_met\": false,\n"
  "      \"previous\": null,\n"
  "      \"ci95\": [5.1, 8.5],\n"
  "      \"change\": null,\n"
  "      \"trend\": [ { \"year\": 2024, \"value\": 6.6 } ],\n"
  "      \"solen\": { \"engagement\": 1, \"objective\": 1, \"label\": \"Rendre obligatoire "
  "l'entretien prénatal précoce\" },\n"
  "      \"text_fr\": \"51 femmes ont bénéficié d'un EPP réalisé par la PMI en 2024 sur 770 "
  "naissances, soit 6,6 %\",\n"
  "      \"definition\": { \"version\": \"1.0.0\", \"parameters\": {} },\n"
  "      \"plugin\": { \"file\": \"epp_pmi_coverage.so\", \"version\": \"1.0.0\" },\n"
  "      \"sources\": [ { \"table\": \"pmi_acts\" }, { \"population\": \"births\", "
  "\"period\": \"2024\", \"origin\": \"populations.csv\", \"source\": \"INSEE état civil\", "
  "\"value\": 770 } ],\n"
  "      \"strata\": [ { \"territory\": \"T1\", \"numerator\": 20, \"denominator\": 300, "
  "\"value\": 6.7, \"suppressed\": false } ],\n"
  "      \"details\": {},\n"
  "      \"warnings\": [],\n"
  "      \"reason\": null\n"
  "    }\n"
  "  ],\n"
  "  \"inputs\": [\n"
  "    { \"table\": \"pmi_acts\", \"file\": \"pmi_acts.csv\", \"sha256\": "
  "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\", \"rows\": 4210, "
  "\"rejected\": 0, \"rejected_reasons\": [], \"other_codes\": {} }\n"
  "  ],\n"
  "  \"plugins_refused\": []\n"
  "}\n";

/* schemas/bundle.schema.json in the source tree: $IC_SOURCE_DIR, else the
 * IC_SOURCE_DIR the build defines. */
static char *
bundle_schema_path (void)
{
  const char *dir = g_getenv ("IC_SOURCE_DIR");

#ifdef IC_SOURCE_DIR
  if (dir == NULL)
    dir = IC_SOURCE_DIR;
#endif
  if (dir == NULL)
    g_error ("set IC_SOURCE_DIR to the project's source root");
  return g_build_filename (dir, "schemas", "bundle.schema.json", NULL);
}

static JsonNode *
bundle_schema (void)
{
  g_autofree char *path = bundle_schema_path ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
example (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, example_bundle, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
indicator0 (JsonNode *bundle)
{
  JsonObject *root = json_node_get_object (bundle);

  return json_array_get_object_element (json_object_get_array_member (root, "indicators"), 0);
}

static void
assert_bundle_invalid (JsonNode *bundle, const char *message)
{
  g_autoptr (JsonNode) schema = bundle_schema ();
  g_autoptr (GError) error = NULL;

  g_assert_false (ic_json_schema_validate (schema, bundle, &error));
  g_assert_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_bundle_valid (JsonNode *bundle)
{
  g_autoptr (JsonNode) schema = bundle_schema ();
  g_autoptr (GError) error = NULL;

  gboolean valid = ic_json_schema_validate (schema, bundle, &error);

  g_assert_no_error (error);
  g_assert_true (valid);
}

static void
test_bundle_example_valid (void)
{
  g_autoptr (JsonNode) bundle = example ();

  assert_bundle_valid (bundle);
}

static void
test_bundle_value_as_string (void)
{
  g_autoptr (JsonNode) bundle = example ();

  json_object_set_string_member (indicator0 (bundle), "value", "6,6");
  assert_bundle_invalid (bundle, "/indicators/0/value: expected number or null, got string");
}

static void
test_bundle_unknown_status (void)
{
  g_autoptr (JsonNode) bundle = example ();

  json_object_set_string_member (indicator0 (bundle), "status", "partial");
  assert_bundle_invalid (bundle, "/indicators/0/status: \"partial\" is not one of "
                                 "[\"ok\",\"not_available\",\"error\"]");
}

static void
test_bundle_missing_id (void)
{
  g_autoptr (JsonNode) bundle = example ();

  json_object_remove_member (indicator0 (bundle), "id");
  assert_bundle_invalid (bundle, "/indicators/0: missing required member “id”");
}

static void
test_bundle_extra_member (void)
{
  g_autoptr (JsonNode) bundle = example ();
  g_autoptr (JsonNode) bundle2 = example ();

  json_object_set_string_member (indicator0 (bundle), "person_id", "P0001");
  assert_bundle_invalid (bundle, "/indicators/0/person_id: member not allowed "
                                 "(additionalProperties is false)");
  json_object_set_int_member (json_node_get_object (bundle2), "extra", 1);
  assert_bundle_invalid (bundle2, "/extra: member not allowed (additionalProperties is false)");
}

static void
test_bundle_sha256_too_short (void)
{
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *input = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (bundle), "inputs"), 0);

  /* 63 hex digits. */
  json_object_set_string_member (input, "sha256",
                                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85");
  assert_bundle_invalid (bundle, "/inputs/0/sha256: “e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b"
                                 "934ca495991b7852b85” does not match the pattern ^[0-9a-f]{64}$");
}

static void
test_bundle_not_ok_needs_null_value (void)
{
  /* spec/bundle.md: when the status is not ok, value is null (and the
   * reason says why). */
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *indicator = indicator0 (bundle);

  json_object_set_string_member (indicator, "status", "not_available");
  json_object_set_string_member (indicator, "reason", "population births for 2024 is missing");
  assert_bundle_invalid (bundle,
                         "/indicators/0: matches none of the anyOf schemas ("
                         "0: /indicators/0/status: expected the constant \"ok\"; "
                         "1: /indicators/0/value: expected null, got number)");

  json_object_set_null_member (indicator, "value");
  assert_bundle_valid (bundle);
}

static void
test_bundle_target_forms (void)
{
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *indicator = indicator0 (bundle);
  g_autoptr (JsonNode) progress = j ("{'operator': 'progress'}");
  g_autoptr (JsonNode) progress_value = j ("{'operator': 'progress', 'value': 1}");

  json_object_set_null_member (indicator, "target");
  json_object_set_null_member (indicator, "target_met");
  assert_bundle_valid (bundle);

  json_object_set_member (indicator, "target", json_node_copy (progress));
  assert_bundle_valid (bundle);

  json_object_set_member (indicator, "target", json_node_copy (progress_value));
  assert_bundle_invalid (bundle,
                         "/indicators/0/target: matches none of the oneOf schemas ("
                         "0: /indicators/0/target: expected null, got object; "
                         "1: /indicators/0/target/operator: \"progress\" is not one of "
                         "[\">=\",\"<=\",\">\",\"<\"]; "
                         "2: /indicators/0/target/value: member not allowed "
                         "(additionalProperties is false))");
}

static void
test_bundle_previous_and_sources (void)
{
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *indicator = indicator0 (bundle);
  JsonArray *sources = json_object_get_array_member (indicator, "sources");
  JsonObject *population = json_array_get_object_element (sources, 1);

  json_object_set_member (indicator, "previous", j ("{'year': 2023, 'value': 5.9}"));
  json_object_set_string_member (population, "territory", "T1");
  assert_bundle_valid (bundle);

  json_object_remove_member (population, "value");
  assert_bundle_invalid (bundle,
                         "/indicators/0/sources/1: matches none of the oneOf schemas ("
                         "0: /indicators/0/sources/1: missing required member “table”; "
                         "1: /indicators/0/sources/1: missing required member “value”)");
}

static void
test_bundle_stratum_denominator_zero (void)
{
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *stratum = json_array_get_object_element (
    json_object_get_array_member (indicator0 (bundle), "strata"), 0);

  json_object_set_int_member (stratum, "denominator", 0);
  assert_bundle_invalid (bundle,
                         "/indicators/0/strata/0: matches none of the oneOf schemas ("
                         "0: /indicators/0/strata/0/denominator: 0 is less than the minimum 1; "
                         "1: /indicators/0/strata/0/numerator: expected null, got integer)");
}

/* A suppressed stratum has no count and no value: a count left in it would
 * publish what suppression hides. */
static void
test_bundle_stratum_suppressed (void)
{
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *stratum = json_array_get_object_element (
    json_object_get_array_member (indicator0 (bundle), "strata"), 0);

  json_object_set_boolean_member (stratum, "suppressed", TRUE);
  json_object_set_null_member (stratum, "numerator");
  json_object_set_null_member (stratum, "denominator");
  json_object_set_null_member (stratum, "value");
  assert_bundle_valid (bundle);
  json_object_set_int_member (stratum, "numerator", 3);
  assert_bundle_invalid (bundle,
                         "/indicators/0/strata/0: matches none of the oneOf schemas ("
                         "0: /indicators/0/strata/0/denominator: expected integer, got null; "
                         "1: /indicators/0/strata/0/numerator: expected null, got integer)");
}

static void
test_bundle_generated_at (void)
{
  g_autoptr (JsonNode) bundle = example ();

  json_object_set_string_member (json_node_get_object (bundle), "generated_at",
                                 "2025-03-01T09:00:00+01:00");
  assert_bundle_invalid (bundle,
                         "/generated_at: “2025-03-01T09:00:00+01:00” does not match the pattern "
                         "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$");
}

/* ---- files ---- */

static void
test_file_valid_and_invalid (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *schema_path = bundle_schema_path ();
  g_autofree char *dir = g_dir_make_tmp ("ic-json-schema-XXXXXX", &error);
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  g_file_set_contents (good, example_bundle, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad, "{\"bundle_version\": 1}", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (broken, "{\"bundle_version\": ", -1, &error);
  g_assert_no_error (error);

  g_assert_true (ic_json_schema_validate_file (schema_path, good, &error));
  g_assert_no_error (error);

  g_assert_false (ic_json_schema_validate_file (schema_path, bad, &error));
  g_assert_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_INVALID);
  expected = g_strdup_printf ("%s: (root): missing required member “generator”", bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_false (ic_json_schema_validate_file (schema_path, broken, &error));
  g_assert_true (error->domain == JSON_PARSER_ERROR);
  g_assert_true (g_str_has_prefix (error->message, broken));
  g_clear_error (&error);

  /* The schema in the place of the instance: a bad schema is reported
   * against the schema file. */
  g_assert_false (ic_json_schema_validate_file (bad, good, &error));
  g_assert_error (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_SCHEMA);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_clear_error (&error);

  g_unlink (good);
  g_unlink (bad);
  g_unlink (broken);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-schema/type/names", test_type_names);
  g_test_add_func ("/json-schema/type/integer-accepts-integral-double",
                   test_type_integer_accepts_integral_double);
  g_test_add_func ("/json-schema/type/integer-rejects-fraction", test_type_integer_rejects_fraction);
  g_test_add_func ("/json-schema/type/number-accepts-integer", test_type_number_accepts_integer);
  g_test_add_func ("/json-schema/type/array-of-names", test_type_array_of_names);
  g_test_add_func ("/json-schema/type/non-finite-is-null", test_type_non_finite_is_null);
  g_test_add_func ("/json-schema/type/bad-schema", test_type_bad_schema);
  g_test_add_func ("/json-schema/properties/nested", test_properties);
  g_test_add_func ("/json-schema/properties/pointer-escapes", test_properties_pointer_escapes);
  g_test_add_func ("/json-schema/required/missing-member", test_required);
  g_test_add_func ("/json-schema/additional-properties/false", test_additional_properties_false);
  g_test_add_func ("/json-schema/additional-properties/schema", test_additional_properties_schema);
  g_test_add_func ("/json-schema/items/each-item", test_items);
  g_test_add_func ("/json-schema/min-items/count", test_min_items);
  g_test_add_func ("/json-schema/enum/values", test_enum);
  g_test_add_func ("/json-schema/const/deep-equal", test_const);
  g_test_add_func ("/json-schema/minimum/inclusive", test_minimum);
  g_test_add_func ("/json-schema/maximum/inclusive", test_maximum);
  g_test_add_func ("/json-schema/min-length/characters", test_min_length);
  g_test_add_func ("/json-schema/pattern/match", test_pattern);
  g_test_add_func ("/json-schema/pattern/dollar-end-only", test_pattern_dollar_end_only);
  g_test_add_func ("/json-schema/pattern/bad-schema", test_pattern_bad_schema);
  g_test_add_func ("/json-schema/ref/defs", test_ref);
  g_test_add_func ("/json-schema/ref/beside-other-keywords", test_ref_beside_other_keywords);
  g_test_add_func ("/json-schema/ref/bad-schema", test_ref_bad_schema);
  g_test_add_func ("/json-schema/defs/root-only", test_defs);
  g_test_add_func ("/json-schema/one-of/exactly-one", test_one_of);
  g_test_add_func ("/json-schema/any-of/at-least-one", test_any_of);
  g_test_add_func ("/json-schema/schema/boolean", test_boolean_schemas);
  g_test_add_func ("/json-schema/schema/unknown-keyword", test_unknown_keyword);
  g_test_add_func ("/json-schema/schema/annotations", test_annotations);
  g_test_add_func ("/json-schema/bundle/example-valid", test_bundle_example_valid);
  g_test_add_func ("/json-schema/bundle/value-as-string", test_bundle_value_as_string);
  g_test_add_func ("/json-schema/bundle/unknown-status", test_bundle_unknown_status);
  g_test_add_func ("/json-schema/bundle/missing-id", test_bundle_missing_id);
  g_test_add_func ("/json-schema/bundle/extra-member", test_bundle_extra_member);
  g_test_add_func ("/json-schema/bundle/sha256-too-short", test_bundle_sha256_too_short);
  g_test_add_func ("/json-schema/bundle/not-ok-needs-null-value", test_bundle_not_ok_needs_null_value);
  g_test_add_func ("/json-schema/bundle/target-forms", test_bundle_target_forms);
  g_test_add_func ("/json-schema/bundle/previous-and-sources", test_bundle_previous_and_sources);
  g_test_add_func ("/json-schema/bundle/stratum-suppressed", test_bundle_stratum_suppressed);
  g_test_add_func ("/json-schema/bundle/stratum-denominator-zero",
                   test_bundle_stratum_denominator_zero);
  g_test_add_func ("/json-schema/bundle/generated-at", test_bundle_generated_at);
  g_test_add_func ("/json-schema/file/valid-and-invalid", test_file_valid_and_invalid);

  return g_test_run ();
}

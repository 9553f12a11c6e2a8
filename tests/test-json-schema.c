/* test-json-schema.c: schemas/bundle.schema.json, checked by a maintained
 * validator (python3-jsonschema, through tests/validate-bundle.py): the
 * example of spec/bundle.md is valid, and each kind of bad bundle is refused
 * for the right reason: the JSON path and the keyword that failed. */
#include "test-util.h"

#include <string.h>

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

/* Parses @text, single quotes read as double quotes. Returns a new node. */
static JsonNode *
j (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup (text);
  JsonNode *node;

  g_strdelimit (json, "'", '"');
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  return node;
}

static JsonNode *
example (void)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (example_bundle, &error);

  g_assert_no_error (error);
  return node;
}

static JsonObject *
indicator0 (JsonNode *bundle)
{
  JsonObject *root = json_node_get_object (bundle);

  return json_array_get_object_element (json_object_get_array_member (root, "indicators"), 0);
}

static JsonObject *
stratum0 (JsonNode *bundle)
{
  return json_array_get_object_element (json_object_get_array_member (indicator0 (bundle), "strata"), 0);
}

static void
assert_bundle_valid (JsonNode *bundle)
{
  g_autofree char *text = json_to_string (bundle, FALSE);
  g_autofree char *report = NULL;
  gboolean valid = ic_test_validate_bundle_text (text, &report);

  g_assert_cmpstr (report, ==, "");
  g_assert_true (valid);
}

/* Asserts that @bundle is refused, and that the validator's report holds
 * each of @expected (NULL-terminated). Its lines read "JSON path: keyword:
 * message", with the branches of a failed anyOf or oneOf indented below: the
 * tests match the path and the keyword, which say why; the message after them
 * is the library's wording. */
static void
assert_bundle_invalid (JsonNode *bundle, const char *const *expected)
{
  g_autofree char *text = json_to_string (bundle, FALSE);
  g_autofree char *report = NULL;
  g_autofree char *lines = NULL;

  g_assert_false (ic_test_validate_bundle_text (text, &report));
  /* Each line, the first too, after a newline. */
  lines = g_strconcat ("\n", report, NULL);
  for (guint i = 0; expected[i]; i++)
    if (strstr (lines, expected[i]) == NULL)
      g_error ("the report does not hold \"%s\":\n%s", expected[i], report);
}

#define REFUSED(...) ((const char *const[]) { __VA_ARGS__, NULL })

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
  assert_bundle_invalid (bundle, REFUSED ("\n$.indicators[0].value: type: '6,6' "));
}

static void
test_bundle_unknown_status (void)
{
  g_autoptr (JsonNode) bundle = example ();

  json_object_set_string_member (indicator0 (bundle), "status", "partial");
  assert_bundle_invalid (bundle, REFUSED ("\n$.indicators[0].status: enum: 'partial' "));
}

static void
test_bundle_missing_id (void)
{
  g_autoptr (JsonNode) bundle = example ();

  json_object_remove_member (indicator0 (bundle), "id");
  assert_bundle_invalid (bundle, REFUSED ("\n$.indicators[0]: required: 'id' "));
}

static void
test_bundle_extra_member (void)
{
  g_autoptr (JsonNode) bundle = example ();
  g_autoptr (JsonNode) bundle2 = example ();

  json_object_set_string_member (indicator0 (bundle), "person_id", "P0001");
  assert_bundle_invalid (bundle, REFUSED ("\n$.indicators[0]: additionalProperties: ", "'person_id'"));
  json_object_set_int_member (json_node_get_object (bundle2), "extra", 1);
  assert_bundle_invalid (bundle2, REFUSED ("\n$: additionalProperties: ", "'extra'"));
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
  assert_bundle_invalid (bundle, REFUSED ("\n$.inputs[0].sha256: pattern: "));
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
  assert_bundle_invalid (bundle, REFUSED ("\n$.indicators[0]: anyOf: ",
                                          "\n  anyOf branch 0:\n    $.indicators[0].status: const: ",
                                          "\n  anyOf branch 1:\n    $.indicators[0].value: type: 6.6 "));

  json_object_set_null_member (indicator, "value");
  assert_bundle_valid (bundle);
}

static void
test_bundle_target_forms (void)
{
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *indicator = indicator0 (bundle);

  json_object_set_null_member (indicator, "target");
  json_object_set_null_member (indicator, "target_met");
  assert_bundle_valid (bundle);

  json_object_set_member (indicator, "target", j ("{'operator': 'progress'}"));
  assert_bundle_valid (bundle);

  json_object_set_member (indicator, "target", j ("{'operator': 'progress', 'value': 1}"));
  assert_bundle_invalid (bundle,
                         REFUSED ("\n$.indicators[0].target: oneOf: ",
                                  "\n  oneOf branch 0:\n    $.indicators[0].target: type: ",
                                  "\n  oneOf branch 1:\n    $.indicators[0].target.operator: enum: 'progress' ",
                                  "\n  oneOf branch 2:\n    $.indicators[0].target: additionalProperties: ",
                                  "'value' was unexpected"));
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
                         REFUSED ("\n$.indicators[0].sources[1]: oneOf: ",
                                  "\n    $.indicators[0].sources[1]: required: 'table' ",
                                  "\n  oneOf branch 1:\n    $.indicators[0].sources[1]: required: 'value' "));
}

static void
test_bundle_stratum_denominator_zero (void)
{
  g_autoptr (JsonNode) bundle = example ();

  json_object_set_int_member (stratum0 (bundle), "denominator", 0);
  assert_bundle_invalid (bundle,
                         REFUSED ("\n$.indicators[0].strata[0]: oneOf: ",
                                  "\n  oneOf branch 0:\n    $.indicators[0].strata[0].denominator: minimum: 0 ",
                                  "\n  oneOf branch 1:\n    $.indicators[0].strata[0].denominator: type: 0 ",
                                  "\n    $.indicators[0].strata[0].numerator: type: 20 "));
}

/* A suppressed stratum has no count and no value: a count left in it would
 * publish what suppression hides. */
static void
test_bundle_stratum_suppressed (void)
{
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *stratum = stratum0 (bundle);

  json_object_set_boolean_member (stratum, "suppressed", TRUE);
  json_object_set_null_member (stratum, "numerator");
  json_object_set_null_member (stratum, "denominator");
  json_object_set_null_member (stratum, "value");
  assert_bundle_valid (bundle);
  json_object_set_int_member (stratum, "numerator", 3);
  assert_bundle_invalid (bundle,
                         REFUSED ("\n$.indicators[0].strata[0]: oneOf: ",
                                  "\n  oneOf branch 0:\n    $.indicators[0].strata[0].denominator: type: None ",
                                  "\n  oneOf branch 1:\n    $.indicators[0].strata[0].numerator: type: 3 "));
}

static void
test_bundle_generated_at (void)
{
  g_autoptr (JsonNode) bundle = example ();
  JsonObject *root = json_node_get_object (bundle);

  json_object_set_string_member (root, "generated_at", "2025-03-01T09:00:00+01:00");
  assert_bundle_invalid (bundle, REFUSED ("\n$.generated_at: pattern: "));
  /* The pattern's `$` is the end of the string, as in ECMA-262, not also
   * the place before a final newline as in Python's re. */
  json_object_set_string_member (root, "generated_at", "2025-03-01T09:00:00Z\n");
  assert_bundle_invalid (bundle, REFUSED ("\n$.generated_at: pattern: "));
}

/* ---- tests/validate-bundle.py on files ---- */

static void
test_file_valid_and_invalid (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *schema = g_build_filename (ic_test_source_dir (), "schemas", "bundle.schema.json", NULL);
  g_autofree char *good = ic_test_write (dir, "good.json", example_bundle);
  g_autofree char *bad = ic_test_write (dir, "bad.json", "{\"bundle_version\": 1}");
  g_autofree char *broken = ic_test_write (dir, "broken.json", "{\"bundle_version\": ");
  g_autofree char *bad_schema = ic_test_write (dir, "bad-schema.json",
                                               "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
                                               " \"type\": \"float\"}");
  g_autofree char *draft7 = ic_test_write (dir, "draft7.json",
                                           "{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}");
  g_autofree char *report = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (ic_test_validate_files (schema, (const char *const[]) { good, NULL }, &report), ==, 0);
  g_assert_cmpstr (report, ==, "");
  g_clear_pointer (&report, g_free);

  /* Each problem on a line of its own, the file's name in front. */
  g_assert_cmpint (ic_test_validate_files (schema, (const char *const[]) { good, bad, broken, NULL }, &report),
                   ==, 1);
  expected = g_strdup_printf ("%s: $: required: 'generator' ", bad);
  g_assert_nonnull (strstr (report, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("\n%s: not a JSON file: ", broken);
  g_assert_nonnull (strstr (report, expected));
  g_assert_null (strstr (report, good));
  g_clear_pointer (&report, g_free);
  g_clear_pointer (&expected, g_free);

  /* A bad schema, or one of another draft, is reported against the schema. */
  g_assert_cmpint (ic_test_validate_files (bad_schema, (const char *const[]) { good, NULL }, &report), ==, 1);
  g_assert_true (g_str_has_prefix (report, bad_schema));
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (ic_test_validate_files (draft7, (const char *const[]) { good, NULL }, &report), ==, 1);
  expected = g_strdup_printf ("%s: $schema must name draft 2020-12\n", draft7);
  g_assert_cmpstr (report, ==, expected);

  ic_test_rmtree (dir);
}

/* The example as bundle 1.1 (ABI 1.2): a rate with "kind" and a breakdown,
 * then made a count. */
static JsonNode *
example_1_1 (void)
{
  JsonNode *bundle = example ();
  JsonObject *indicator = indicator0 (bundle);

  json_object_set_string_member (json_node_get_object (bundle), "bundle_version", "1.1");
  json_object_set_string_member (indicator, "kind", "rate");
  json_object_set_member (indicator, "breakdowns",
                          j ("[ { 'column': 'provider', 'label': 'intervenant', 'strata': ["
                             " { 'code': 'PMI', 'numerator': 40, 'denominator': 600, 'value': 6.7, 'suppressed': false },"
                             " { 'code': 'SF', 'numerator': null, 'denominator': null, 'value': null, 'suppressed': true } ] } ]"));
  return bundle;
}

static void
make_count (JsonObject *indicator)
{
  json_object_set_string_member (indicator, "kind", "count");
  json_object_set_null_member (indicator, "numerator");
  json_object_set_null_member (indicator, "denominator");
  json_object_set_int_member (indicator, "value", 412);
  json_object_set_member (indicator, "ci95", json_node_new (JSON_NODE_NULL));
  json_object_set_member (indicator, "strata",
                          j ("[ { 'territory': 'A', 'value': 40, 'suppressed': false },"
                             " { 'territory': 'B', 'value': null, 'suppressed': true } ]"));
  json_object_set_member (indicator, "breakdowns",
                          j ("[ { 'column': 'measure_type', 'label': 'type de mesure', 'strata': ["
                             " { 'code': 'AED', 'value': 12, 'suppressed': false } ] } ]"));
}

static void
test_bundle_1_1_valid (void)
{
  g_autoptr (JsonNode) rate = example_1_1 ();
  g_autoptr (JsonNode) count = example_1_1 ();

  assert_bundle_valid (rate);
  make_count (indicator0 (count));
  assert_bundle_valid (count);
}

/* 1.1 requires kind and breakdowns (1 did not have them). */
static void
test_bundle_1_1_requires_kind (void)
{
  g_autoptr (JsonNode) bundle = example_1_1 ();

  json_object_remove_member (indicator0 (bundle), "kind");
  assert_bundle_invalid (bundle, REFUSED ("\n$.indicators[0]: required: 'kind' "));
}

/* A count has no numerator, a whole value, and strata of a value alone. */
static void
test_bundle_count_shapes (void)
{
  g_autoptr (JsonNode) numerator = example_1_1 ();
  g_autoptr (JsonNode) fraction = example_1_1 ();
  g_autoptr (JsonNode) rate_stratum = example_1_1 ();

  make_count (indicator0 (numerator));
  json_object_set_int_member (indicator0 (numerator), "numerator", 412);
  assert_bundle_invalid (numerator, REFUSED ("\n$.indicators[0].numerator: type: 412 "));
  make_count (indicator0 (fraction));
  json_object_set_double_member (indicator0 (fraction), "value", 41.5);
  assert_bundle_invalid (fraction, REFUSED ("\n$.indicators[0].value: type: 41.5 "));
  make_count (indicator0 (rate_stratum));
  json_object_set_member (indicator0 (rate_stratum), "strata",
                          j ("[ { 'territory': 'A', 'numerator': 4, 'denominator': 40, 'value': 10.0, 'suppressed': false } ]"));
  assert_bundle_invalid (rate_stratum, REFUSED ("\n$.indicators[0].strata[0]: "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

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

  g_test_add_func ("/json-schema/bundle/1.1-valid", test_bundle_1_1_valid);
  g_test_add_func ("/json-schema/bundle/1.1-requires-kind", test_bundle_1_1_requires_kind);
  g_test_add_func ("/json-schema/bundle/count-shapes", test_bundle_count_shapes);
  return g_test_run ();
}

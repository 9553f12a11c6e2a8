/* test-util.h: what the test programs share: temporary data directories,
 * files written by the test itself, an in-process run of the engine on the
 * real plugins, and the bundle's schema check (by python3-jsonschema). */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "interner.h"
#include "loader.h"
#include "problems.h"
#include "run.h"

G_BEGIN_DECLS

/* A new temporary directory (g_free the path; ic_test_rmtree it). */
char *ic_test_tmpdir (void);

/* Removes @path and everything below it. */
void ic_test_rmtree (const char *path);

/* Writes @content (NUL-terminated) to DIR/NAME; returns the path (g_free). */
char *ic_test_write (const char *dir, const char *name, const char *content);

/* Paths of the tree, from the environment meson gives the tests (with the
 * configure-time values as fallback). */
const char *ic_test_source_dir (void);
const char *ic_test_build_dir (void);
const char *ic_test_plugins_dir (void);      /* build/plugins */
const char *ic_test_fixtures_dir (void);     /* build/tests/fixtures */
const char *ic_test_indicore (void);         /* build/indicore */

/* The plugin set of the real indicators (build/plugins, indicators/). */
IcPluginSet *ic_test_real_plugins (void);

/* Runs the engine in-process: every plugin of @plugins (or only @only, a
 * comma-separated list, when not NULL) on @data_dir for @year. Returns the
 * run, or NULL with @error (the problems are in @problems when given). */
IcRun *ic_test_run (IcPluginSet *plugins, const char *data_dir, int year, const char *only,
                    gboolean lenient, IcProblems *problems, GError **error);

/* The text of a bundle of @department for @year (string literals: "23",
 * "2023") holding @indicators (the text of indicator objects), with what
 * the bundle reader requires around them. */
#define IC_TEST_BUNDLE_OF(department, year, indicators)                                                    \
  "{ \"bundle_version\": \"1\", \"generator\": { \"version\": \"test\" }, "                                \
  "\"generated_at\": \"2025-03-01T09:00:00Z\", \"department\": { \"code\": \"" department "\" }, "         \
  "\"year\": " year ", \"indicators\": [" indicators "] }"

/* The same of département 99, that of ic_test_run. */
#define IC_TEST_EARLIER_BUNDLE(year, indicators) IC_TEST_BUNDLE_OF ("99", year, indicators)

/* An indicator of IC_TEST_EARLIER_BUNDLE: @status "ok" with @value (a JSON
 * number) or "not_available" with "null"; @counts the numerator and
 * denominator members ("\"numerator\": null, \"denominator\": null" when
 * unknown). Its period is the calendar year @year. */
#define IC_TEST_EARLIER_INDICATOR(year, id, status, value, counts)                                         \
  "{ \"id\": \"" id "\", \"title\": \"T\", \"status\": \"" status "\", \"period\": { \"start\": \"" year "-01-01\", " \
  "\"end\": \"" year "-12-31\", \"label\": \"" year "\" }, " counts ", \"value\": " value ", \"unit\": \"%\" }"

#define IC_TEST_NO_COUNTS "\"numerator\": null, \"denominator\": null"

/* Like ic_test_run (strict), with --previous: @previous_bundle is the text
 * of an earlier bundle, read with ic_bundle_history_from_data() as `indicore
 * run --previous` reads its file. The previous bundle is only used while
 * computing: it is freed before returning, and the run's
 * options.previous is NULL. Fails the test when the text is not a bundle. */
IcRun *ic_test_run_with_previous (IcPluginSet *plugins, const char *data_dir, int year, const char *only,
                                  const char *previous_bundle, GError **error);

/* The result of indicator @id in @run; fails the test when absent. */
IcResult *ic_test_result (IcRun *run, const char *id);

/* The bundle of @run as JSON, validated against schemas/bundle.schema.json
 * (the test fails when it does not validate). */
JsonNode *ic_test_bundle (IcRun *run);

/* The indicator @id of @bundle (a test failure when absent). */
JsonObject *ic_test_bundle_indicator (JsonNode *bundle, const char *id);

/* Checks the JSON files @paths (NULL-terminated) against the JSON Schema
 * @schema_path with tests/validate-bundle.py, that is with python3-jsonschema
 * (draft 2020-12). Returns its exit status: 0 when every file is valid, 1 when
 * one is not (or cannot be read), or when the schema is bad. What it said (one
 * line a problem, "FILE: JSON path: keyword: message") goes to @report
 * (g_free) when given, else to the test's log. */
int ic_test_validate_files (const char *schema_path, const char *const *paths, char **report);

/* The same for one bundle's text, against schemas/bundle.schema.json, the
 * file's name left out of @report's lines. Returns TRUE when it is valid. */
gboolean ic_test_validate_bundle_text (const char *text, char **report);

/* Asserts the bundle text holds none of @forbidden (NULL-terminated): the
 * identifiers and record dates of the test's data. */
void ic_test_assert_private (const char *bundle_text, const char *const *forbidden);

/* Runs build/indicore with @argv (NULL-terminated, without the program);
 * returns its exit code, and its standard output and error when asked. */
int ic_test_spawn (const char *const *argv, char **out, char **err);

/* A table test's fixture: a temporary directory, the run's territory
 * dictionary (id 0 the empty string) and a problem list. */
typedef struct {
  char *dir;
  IcInterner *territories;
  IcProblems *problems;
} IcTableFixture;

void ic_table_fixture_set_up (IcTableFixture *f, gconstpointer data);
void ic_table_fixture_tear_down (IcTableFixture *f, gconstpointer data);

G_END_DECLS

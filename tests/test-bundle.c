/* The bundle writer: shape, order, determinism, privacy, the schema. */
#include <string.h>

#include "bundle-writer.h"
#include "json-writer.h"
#include "test-util.h"

/* Four births (three in 2024), two EPPs of one woman by the PMI in 2024, one
 * by a maternity, one by the PMI in 2023. No ip.csv, no populations.csv. */
static const char births_csv[] =
  "birth_id,birth_date,territory\n"
  "BIRTH-0001,2024-01-10,North\n"
  "BIRTH-0002,2024-03-05,North\n"
  "BIRTH-0003,2024-07-20,South\n"
  "BIRTH-0004,2023-12-30,South\n";

static const char acts_csv[] =
  "act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n"
  "ACT-0001,EPP,2024-02-01,WOMAN-0001,,PMI,SF,North\n"
  "ACT-0002,EPP,2024-05-02,WOMAN-0001,,PMI,SF,North\n"
  "ACT-0003,EPP,2024-06-03,WOMAN-0002,,MATERNITY,SF,South\n"
  "ACT-0004,EPP,2023-12-04,WOMAN-0003,,PMI,SF,South\n";

static const char *const record_values[] = {
  "BIRTH-0001", "BIRTH-0002", "BIRTH-0003", "BIRTH-0004", "ACT-0001", "ACT-0002", "ACT-0003",
  "ACT-0004", "WOMAN-0001", "WOMAN-0002", "WOMAN-0003", "2024-01-10", "2024-03-05", "2024-07-20",
  "2023-12-30", "2024-02-01", "2024-05-02", "2024-06-03", "2023-12-04", NULL
};

typedef struct {
  char *dir;
  IcPluginSet *plugins;
  IcRun *run;
  JsonNode *bundle;
  char *text;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *b = NULL, *a = NULL;
  (void) data;
  f->dir = ic_test_tmpdir ();
  b = ic_test_write (f->dir, "births.csv", births_csv);
  a = ic_test_write (f->dir, "pmi_acts.csv", acts_csv);
  f->plugins = ic_test_real_plugins ();
  f->run = ic_test_run (f->plugins, f->dir, 2024, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  f->bundle = ic_test_bundle (f->run);
  f->text = ic_json_write (f->bundle, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->text);
  json_node_unref (f->bundle);
  ic_run_free (f->run);
  ic_plugin_set_free (f->plugins);
  ic_test_rmtree (f->dir);
  g_free (f->dir);
}

static JsonObject *
indicator (Fixture *f, const char *id)
{
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (f->bundle), "indicators");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *o = json_array_get_object_element (indicators, i);
      if (strcmp (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_top_level_order (Fixture *f, gconstpointer data)
{
  static const char *const expected[] = {
    "bundle_version", "generator", "generated_at", "department", "year", "framework", "options",
    "isolation", "indicators", "inputs", "plugins_refused", NULL
  };
  g_autoptr (GList) members = json_object_get_members (json_node_get_object (f->bundle));
  guint i = 0;
  (void) data;
  for (GList *l = members; l; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, expected[i]);
  g_assert_null (expected[i]);
}

static void
test_indicators_sorted (Fixture *f, gconstpointer data)
{
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (f->bundle), "indicators");
  static const char *const ids[] = {
    "bsem_coverage", "bsem_followup_rate", "consultation_child_share", "epnp_pmi_coverage", "epp_pmi_coverage",
    "ip_eval_3m_rate", "vad_child_share"
  };
  (void) data;
  g_assert_cmpuint (json_array_get_length (indicators), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (indicators, i), "id"), ==, ids[i]);
}

static void
test_epp_figures (Fixture *f, gconstpointer data)
{
  JsonObject *epp = indicator (f, "epp_pmi_coverage");
  JsonArray *strata = json_object_get_array_member (epp, "strata");
  JsonObject *north, *south;
  (void) data;
  /* One woman (two PMI EPPs in 2024) over three births of 2024:
   * 100 × 1 / 3 = 33.33 → 33.3. */
  g_assert_cmpstr (json_object_get_string_member (epp, "status"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (epp, "numerator"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (epp, "denominator"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (epp, "value"), ==, 33.3);
  /* 33.3 >= 20 */
  g_assert_true (json_object_get_boolean_member (epp, "target_met"));
  g_assert_cmpstr (json_object_get_string_member (epp, "text_fr"), ==,
                   "1 femme a bénéficié d'un EPP réalisé par la PMI en 2024 sur 3 naissances, soit 33,3 %");
  /* North: the woman over two births, 50.0; South: none of one birth,
   * 0.0, kept because births.csv names South. Sorted by territory. */
  g_assert_cmpuint (json_array_get_length (strata), ==, 2);
  north = json_array_get_object_element (strata, 0);
  south = json_array_get_object_element (strata, 1);
  g_assert_cmpstr (json_object_get_string_member (north, "territory"), ==, "North");
  g_assert_cmpint (json_object_get_int_member (north, "numerator"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (north, "denominator"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (north, "value"), ==, 50.0);
  g_assert_cmpstr (json_object_get_string_member (south, "territory"), ==, "South");
  g_assert_cmpint (json_object_get_int_member (south, "numerator"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (south, "denominator"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (south, "value"), ==, 0.0);
  g_assert_nonnull (strstr (f->text, "\"value\": 33.3,"));
}

static void
test_not_available (Fixture *f, gconstpointer data)
{
  JsonObject *ip = indicator (f, "ip_eval_3m_rate");
  JsonObject *bsem = indicator (f, "bsem_coverage");
  (void) data;
  g_assert_cmpstr (json_object_get_string_member (ip, "status"), ==, "not_available");
  g_assert_true (json_object_get_null_member (ip, "value"));
  g_assert_true (json_object_get_null_member (ip, "target_met"));
  g_assert_true (json_object_get_null_member (ip, "text_fr"));
  g_assert_nonnull (strstr (json_object_get_string_member (ip, "reason"), "ip.csv"));
  /* enrolled_3_4 has no row and cannot be derived. */
  g_assert_cmpstr (json_object_get_string_member (bsem, "status"), ==, "not_available");
  g_assert_nonnull (strstr (json_object_get_string_member (bsem, "reason"), "enfants scolarisés à 3-4 ans"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bsem, "strata")), ==, 0);
}

static void
test_inputs (Fixture *f, gconstpointer data)
{
  JsonArray *inputs = json_object_get_array_member (json_node_get_object (f->bundle), "inputs");
  JsonObject *births, *acts;
  g_autofree char *expected_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, births_csv, -1);
  (void) data;
  /* Sorted by table: births, pmi_acts; ip and populations are absent. */
  g_assert_cmpuint (json_array_get_length (inputs), ==, 2);
  births = json_array_get_object_element (inputs, 0);
  acts = json_array_get_object_element (inputs, 1);
  g_assert_cmpstr (json_object_get_string_member (births, "table"), ==, "births");
  g_assert_cmpstr (json_object_get_string_member (births, "file"), ==, "births.csv");
  g_assert_cmpstr (json_object_get_string_member (births, "sha256"), ==, expected_sha);
  g_assert_cmpint (json_object_get_int_member (births, "rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (births, "rejected"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (acts, "table"), ==, "pmi_acts");
  g_assert_cmpint (json_object_get_int_member (acts, "rows"), ==, 4);
}

static void
test_private (Fixture *f, gconstpointer data)
{
  (void) data;
  ic_test_assert_private (f->text, record_values);
}

static void
test_deterministic (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcRun) again = ic_test_run (f->plugins, f->dir, 2024, NULL, FALSE, NULL, &error);
  g_autoptr (JsonNode) bundle = NULL;
  g_autofree char *text = NULL;
  (void) data;
  g_assert_no_error (error);
  bundle = ic_bundle_build (again, "2025-03-01T09:00:00Z");
  text = ic_json_write (bundle, NULL);
  g_assert_cmpstr (text, ==, f->text);
}

static void
test_atomic_write (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = ic_test_write (f->dir, "bundle.json", "old");
  g_autofree char *written = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  (void) data;
  g_assert_true (ic_bundle_write (f->bundle, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, f->text);
  /* No temporary file left beside it. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
}

static void
test_timestamp (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stamp = NULL;
  /* 1700000000 s = 19675 days (2023-11-14) + 80000 s (22:13:20). */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  stamp = ic_bundle_timestamp (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (stamp, ==, "2023-11-14T22:13:20Z");
  g_clear_pointer (&stamp, g_free);
  g_setenv ("SOURCE_DATE_EPOCH", "yesterday", TRUE);
  stamp = ic_bundle_timestamp (&error);
  g_assert_null (stamp);
  g_assert_nonnull (error);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/bundle/order/top-level", test_top_level_order);
  ADD ("/bundle/order/indicators-by-id", test_indicators_sorted);
  ADD ("/bundle/figures/epp-and-strata", test_epp_figures);
  ADD ("/bundle/status/not-available", test_not_available);
  ADD ("/bundle/inputs/sha-and-rows", test_inputs);
  ADD ("/bundle/privacy/no-record-value", test_private);
  ADD ("/bundle/determinism/same-bytes", test_deterministic);
  ADD ("/bundle/write/atomic", test_atomic_write);
#undef ADD
  g_test_add_func ("/bundle/timestamp/source-date-epoch", test_timestamp);
  return g_test_run ();
}

/* The contract frameworks, the département's targets and the SOLEN report:
 * the same data placed under each framework's objectives, national targets
 * year by year, a département's target on a count decided and shown in
 * every rendering, and the « Indicateurs » text of the Creuse 2024 bundle
 * with 2023 beside it. Expected figures are worked out by hand in the
 * comments, from the Creuse example's README and the frameworks' files. */
#include <string.h>

#include "bundle-reader.h"
#include "bundle-writer.h"
#include "json-writer.h"
#include "render-formats.h"
#include "test-util.h"

static IcPluginSet *plugins;

#define INDICATORS "bsem_coverage,consultation_child_share,epnp_pmi_coverage,epp_pmi_coverage,ip_eval_3m_rate,vad_child_share"

/* The Creuse example for @year, with the département's @targets (id ->
 * IcTarget *, may be NULL): the bundle's JSON tree. */
static JsonNode *
creuse_bundle (int year, GHashTable *targets)
{
  g_autofree char *dir = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) only = g_strsplit (INDICATORS, ",", -1);
  IcRunOptions options = {
    .data_dir = dir,
    .year = year,
    .department_code = "23",
    .department_name = "Creuse",
    .only = (const char *const *) only,
    .department_targets = targets,
  };
  g_autoptr (IcRun) run = ic_run_execute (plugins, &options, problems, &error);

  g_assert_no_error (error);
  return ic_test_bundle (run);
}

static JsonObject *
indicator (JsonNode *bundle, const char *id)
{
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (bundle), "indicators");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *o = json_array_get_object_element (indicators, i);
      if (strcmp (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The solen member of @id, or NULL when it is null. */
static JsonObject *
solen (JsonNode *bundle, const char *id)
{
  JsonNode *node = json_object_get_member (indicator (bundle, id), "solen");
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_object (node);
}

/* ---- frameworks ---------------------------------------------------------- */

/* One data set, two years: each bundle follows the framework of its year.
 * frameworks/2020-2024.json: IP in engagement 2, objective 6; BSEM coverage
 * in engagement 1, objective 2. frameworks/2025-2027.json: IP in objective
 * 8, BSEM in 3 (no engagements), consultations in no objective. */
static void
test_place_apart (void)
{
  g_autoptr (JsonNode) b2024 = creuse_bundle (2024, NULL);
  g_autoptr (JsonNode) b2025 = creuse_bundle (2025, NULL);
  JsonObject *s;

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (b2024), "framework"), "id"), ==, "2020-2024");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (b2025), "framework"), "id"), ==, "2025-2027");

  s = solen (b2024, "ip_eval_3m_rate");
  g_assert_cmpstr (json_object_get_string_member (s, "framework"), ==, "2020-2024");
  g_assert_cmpint (json_object_get_int_member (s, "engagement"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (s, "objective"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (s, "measure"), ==, "Renforcer les CRIP");
  s = solen (b2025, "ip_eval_3m_rate");
  g_assert_cmpstr (json_object_get_string_member (s, "framework"), ==, "2025-2027");
  g_assert_false (json_object_has_member (s, "engagement"));
  g_assert_cmpint (json_object_get_int_member (s, "objective"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (s, "label"), ==, "Renforcer le partenariat avec les CRIP");

  g_assert_cmpint (json_object_get_int_member (solen (b2024, "bsem_coverage"), "objective"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (solen (b2025, "bsem_coverage"), "objective"), ==, 3);
  /* EPP then EPNP then home visits: the form's order within objective 1 */
  g_assert_cmpint (json_object_get_int_member (solen (b2025, "vad_child_share"), "objective"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (solen (b2025, "vad_child_share"), "rank"), ==, 3);
  /* no fiche numbers without the département's settings */
  g_assert_true (json_object_get_null_member (solen (b2025, "vad_child_share"), "fiche"));
  /* in an objective in 2024, in none in 2025: for the ODPE only */
  g_assert_cmpint (json_object_get_int_member (solen (b2024, "consultation_child_share"), "objective"), ==, 5);
  g_assert_null (solen (b2025, "consultation_child_share"));
}

/* Targets belong to the framework: 15 % for the home visits up to 2024,
 * none in 2025 (null, not the old one), so not decided either. */
static void
test_vad_2025_target_null (void)
{
  g_autoptr (JsonNode) b2024 = creuse_bundle (2024, NULL);
  g_autoptr (JsonNode) b2025 = creuse_bundle (2025, NULL);
  JsonObject *target = json_object_get_object_member (indicator (b2024, "vad_child_share"), "target");

  g_assert_cmpstr (json_object_get_string_member (target, "operator"), ==, ">=");
  g_assert_cmpint (json_object_get_int_member (target, "value"), ==, 15);
  g_assert_cmpstr (json_object_get_string_member (target, "origin"), ==, "national");
  g_assert_true (json_object_get_null_member (indicator (b2025, "vad_child_share"), "target"));
  g_assert_true (json_object_get_null_member (indicator (b2025, "vad_child_share"), "target_met"));
  /* 2025's IP target is still the 3 months of the law: >= 100 % */
  target = json_object_get_object_member (indicator (b2025, "ip_eval_3m_rate"), "target");
  g_assert_cmpint (json_object_get_int_member (target, "value"), ==, 100);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  plugins = ic_test_real_plugins ();

  g_test_add_func ("/creuse/frameworks/2024-and-2025-place-apart", test_place_apart);
  g_test_add_func ("/creuse/frameworks/vad-2025-national-target-null", test_vad_2025_target_null);

  status = g_test_run ();
  ic_plugin_set_free (plugins);
  return status;
}

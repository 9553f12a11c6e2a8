/* What a plugin reports is data, checked before the engine uses it: an index
 * past the territories, a negative count, a count beyond the files, a
 * numerator above its denominator, a text that is not UTF-8. Each costs
 * only its own indicator (status error, the reason naming the problem),
 * never a crash: checked in the result itself, then with the real program
 * and hostile plugins (tests/hostile-checks) on the Creuse example. */
#include <string.h>

#include "isolate.h"
#include "result-wire.h"
#include "test-util.h"

/* Bounds of a small run: territories 1 to 3, 100 rows in the files. */
static const IcResultBounds bounds = { 4, 100, NULL };

static IcResult *
result_with_counts (gint64 numerator, gint64 denominator)
{
  IcPeriod period;
  IcResult *result;
  ic_period_init (&period, IC_PERIOD_CALENDAR_YEAR, 2024);
  result = ic_result_new ("x", NULL, &period);
  result->has_numerator = result->has_denominator = TRUE;
  result->numerator = numerator;
  result->denominator = denominator;
  return result;
}

/* Checks @result and asserts it is refused with a reason holding @expected. */
static void
assert_refused (IcResult *result, const char *expected)
{
  g_assert_false (ic_result_check (result, &bounds));
  g_assert_cmpint (result->status, ==, IC_STATUS_ERROR);
  if (strstr (result->reason, expected) == NULL)
    g_error ("reason « %s » lacks « %s »", result->reason, expected);
  /* Nothing of its numbers is left to publish. */
  g_assert_false (result->has_numerator);
  g_assert_false (result->has_denominator);
  g_assert_cmpuint (result->strata->len, ==, 0);
  g_assert_cmpuint (result->details->len, ==, 0);
}

static void
test_check_sane (void)
{
  g_autoptr (IcResult) r = result_with_counts (25, 100);
  ic_result_add_stratum (r, 3, 10, 40);
  ic_result_add_detail (r, "received", IC_DETAIL_INT, -7, 0);
  ic_result_add_detail (r, "mean_delay_days", IC_DETAIL_FRACTION, 95, 4);
  ic_result_add_warning (r, "3 rows\tignorées\n");
  g_assert_true (ic_result_check (r, &bounds));
  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpuint (r->strata->len, ==, 1);
  /* 100 rows, so 100 / 100 is the most a count from records can be. */
  g_clear_pointer (&r, ic_result_free);
  r = result_with_counts (100, 100);
  g_assert_true (ic_result_check (r, &bounds));
}

/* As the parent sees a child's answer: the stratum arrives through the
 * variant, past the api's own check. */
static void
test_check_territory_from_child (void)
{
  g_autoptr (IcResult) sent = result_with_counts (1, 2);
  g_autoptr (IcResult) received = result_with_counts (0, 0);
  g_autoptr (GVariant) variant = NULL;

  ic_result_add_stratum (sent, 60000, 1, 2);
  variant = g_variant_ref_sink (ic_result_to_variant (sent));
  g_assert_true (ic_result_update_from_variant (received, variant));
  g_assert_cmpuint (received->strata->len, ==, 1);
  assert_refused (received, "une strate dont l'indice de territoire 60000 est hors limites (de 1 à 3)");

  /* Index n_territories, one past the last. */
  g_clear_pointer (&sent, ic_result_free);
  sent = result_with_counts (1, 2);
  ic_result_add_stratum (sent, 4, 1, 2);
  assert_refused (sent, "une strate dont l'indice de territoire 4 est hors limites (de 1 à 3)");
}

static void
test_check_counts (void)
{
  IcResult *r;

  r = result_with_counts (-5, 770);
  assert_refused (r, "le numérateur -5 est négatif");
  ic_result_free (r);

  /* 101 > the 100 rows of the run's files. */
  r = result_with_counts (5, 101);
  assert_refused (r, "le dénominateur 101 dépasse le nombre de lignes des fichiers lus (100)");
  ic_result_free (r);

  r = result_with_counts (51, G_MAXINT64);
  assert_refused (r, "le dénominateur 9223372036854775807 dépasse");
  ic_result_free (r);

  /* Both from records: 60 of 50 records cannot be. */
  r = result_with_counts (60, 50);
  assert_refused (r, "le numérateur 60 dépasse son dénominateur 50");
  ic_result_free (r);

  /* Over a population the numerator may pass it (acts of women who gave
   * birth elsewhere), but the population must be one: at most 10^9. */
  r = result_with_counts (60, 50);
  ic_result_add_population_source (r, "births", "2024", "populations.csv", NULL, 50);
  g_assert_true (ic_result_check (r, &bounds));
  r->denominator = G_MAXINT64;
  assert_refused (r, "le dénominateur 9223372036854775807 dépasse tout effectif de référence possible (1000000000)");
  ic_result_free (r);
}

static void
test_check_strata (void)
{
  IcResult *r;

  /* 30 + 30 > 40: a stratum's numerator above the total's. */
  r = result_with_counts (20, 80);
  ic_result_add_stratum (r, 2, 30, 40);
  assert_refused (r, "un numérateur de la strate 2 supérieur à celui du total");
  ic_result_free (r);

  r = result_with_counts (20, 80);
  ic_result_add_stratum (r, 2, 10, 90);
  assert_refused (r, "un dénominateur de la strate 2 supérieur à celui du total");
  ic_result_free (r);

  r = result_with_counts (20, 80);
  ic_result_add_stratum (r, 1, 15, 12);
  assert_refused (r, "un numérateur de la strate 1 supérieur à son dénominateur");
  ic_result_free (r);
}

static void
test_check_details (void)
{
  IcResult *r;

  r = result_with_counts (1, 2);
  ic_result_add_detail (r, "huge", IC_DETAIL_INT, G_MAXINT64, 0);
  assert_refused (r, "le détail huge hors limites");
  ic_result_free (r);

  r = result_with_counts (1, 2);
  ic_result_add_detail (r, "mean", IC_DETAIL_FRACTION, -1, 3);
  assert_refused (r, "le détail mean hors limites");
  ic_result_free (r);

  r = result_with_counts (1, 2);
  ic_result_add_detail (r, "Not A Key", IC_DETAIL_INT, 1, 0);
  assert_refused (r, "une clé de détail qui n'est pas faite de [a-z0-9_]");
  ic_result_free (r);

  /* A plugin's fallback is published like a definition's value: 0 to 10^6. */
  r = result_with_counts (1, 2);
  ic_result_use_parameter (r, "age_max_months", -1);
  assert_refused (r, "le paramètre age_max_months à -1, hors limites (de 0 à 1000000)");
  ic_result_free (r);

  /* A population source as a forged answer could give it. */
  r = result_with_counts (1, 2);
  ic_result_add_population_source (r, "births", "2024", "populations.csv", NULL, -770);
  assert_refused (r, "l'effectif births à -770, au-delà de tout effectif possible");
  ic_result_free (r);
}

static void
test_check_texts (void)
{
  g_autofree char *long_text = g_strnfill (IC_RESULT_TEXT_MAX + 1, 'a');
  IcResult *r;

  r = result_with_counts (1, 2);
  ic_result_add_warning (r, "caf\xe9");
  assert_refused (r, "un avertissement qui n'est pas de l'UTF-8 valide");
  /* The text itself is neither quoted nor kept. */
  g_assert_cmpuint (r->warnings->len, ==, 0);
  ic_result_free (r);

  r = result_with_counts (1, 2);
  ic_result_add_warning (r, long_text);
  assert_refused (r, "un avertissement qui fait 1025 octets (au plus 1024)");
  ic_result_free (r);

  r = result_with_counts (1, 2);
  ic_result_add_warning (r, "\x1b[2J");
  assert_refused (r, "un avertissement qui contient le caractère de contrôle 0x1b");
  ic_result_free (r);
}

/* ---- the real program, the Creuse example, one hostile plugin ---- */

static const char *const real_ids =
  "bsem_coverage,consultation_child_share,epnp_pmi_coverage,epp_pmi_coverage,ip_eval_3m_rate,vad_child_share";

/* Runs indicore on examples/creuse-2024 with the real plugins and @id from
 * tests/hostile-checks; returns the bundle (validated against the schema)
 * and asserts the exit code is 1. */
static JsonNode *
run_hostile (const char *id, gboolean no_isolation)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *data = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_autofree char *plugins = g_build_filename (ic_test_build_dir (), "tests", "hostile-checks", NULL);
  g_autofree char *schema = g_build_filename (ic_test_source_dir (), "schemas", "bundle.schema.json", NULL);
  g_autofree char *only = g_strconcat (real_ids, ",", id, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "run", "--data", data, "--year", "2024", "--department", "23", "--plugins", plugins,
                         "--only", only, "--out", out, no_isolation ? "--no-isolation" : NULL, NULL };

  g_assert_cmpint (ic_test_spawn (argv, NULL, NULL), ==, 1);
  g_assert_cmpint (ic_test_validate_files (schema, (const char *const[]) { out, NULL }, NULL), ==, 0);
  json_parser_load_from_file (parser, out, &error);
  g_assert_no_error (error);
  ic_test_rmtree (dir);
  return json_node_copy (json_parser_get_root (parser));
}

/* Only @id is in error, with a reason holding @expected; EPP stays 51 / 770
 * (Creuse's published figure) and the other indicators are ok. */
static void
assert_only_error (JsonNode *bundle, const char *id, const char *expected)
{
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (bundle), "indicators");
  gboolean seen = FALSE;

  g_assert_cmpuint (json_array_get_length (indicators), ==, 7);
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *indicator = json_array_get_object_element (indicators, i);
      const char *this_id = json_object_get_string_member (indicator, "id");
      const char *status = json_object_get_string_member (indicator, "status");
      if (strcmp (this_id, id) == 0)
        {
          seen = TRUE;
          g_assert_cmpstr (status, ==, "error");
          g_assert_nonnull (strstr (json_object_get_string_member (indicator, "reason"), expected));
          g_assert_true (json_object_get_null_member (indicator, "numerator"));
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (indicator, "strata")), ==, 0);
          continue;
        }
      g_assert_cmpstr (status, ==, "ok");
      if (strcmp (this_id, "epp_pmi_coverage") == 0)
        {
          g_assert_cmpint (json_object_get_int_member (indicator, "numerator"), ==, 51);
          g_assert_cmpint (json_object_get_int_member (indicator, "denominator"), ==, 770);
        }
    }
  g_assert_true (seen);
}

typedef struct {
  const char *id;
  gboolean no_isolation;
  const char *expected;
} HostileCase;

static void
test_hostile (gconstpointer data)
{
  const HostileCase *c = data;
  g_autoptr (JsonNode) bundle = run_hostile (c->id, c->no_isolation);
  assert_only_error (bundle, c->id, c->expected);
}

/* Creuse has 5 territories (indices 1 to 5): 6 is one past the last. The
 * real files hold 1 560 births, 7 266 acts and 1 227 IPs: 10 053 rows. */
static const HostileCase hostile_cases[] = {
  { "hostile_territory_end", FALSE, "le module a appelé add_stratum de façon invalide : l'indice de territoire 6 est hors limites (de 1 à 5)" },
  { "hostile_territory_end", TRUE, "le module a appelé add_stratum de façon invalide : l'indice de territoire 6 est hors limites (de 1 à 5)" },
  { "hostile_territory_far", FALSE, "le module a appelé add_stratum de façon invalide : l'indice de territoire 60000 est hors limites (de 1 à 5)" },
  { "hostile_territory_far", TRUE, "le module a appelé add_stratum de façon invalide : l'indice de territoire 60000 est hors limites (de 1 à 5)" },
  { "hostile_negative_numerator", FALSE, "le module a appelé set_counts de façon invalide : le numérateur -5 est négatif" },
  { "hostile_negative_numerator", TRUE, "le module a appelé set_counts de façon invalide : le numérateur -5 est négatif" },
  { "hostile_huge_denominator", FALSE,
    "le module a appelé set_counts de façon invalide : le dénominateur 9223372036854775807 dépasse le nombre "
    "de lignes des fichiers lus (10053)" },
  { "hostile_numerator_above", FALSE, "le module a appelé set_counts de façon invalide : le numérateur 800 dépasse le dénominateur 770" },
};

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/result/check/sane", test_check_sane);
  g_test_add_func ("/result/check/territory-from-child", test_check_territory_from_child);
  g_test_add_func ("/result/check/counts", test_check_counts);
  g_test_add_func ("/result/check/strata", test_check_strata);
  g_test_add_func ("/result/check/details", test_check_details);
  g_test_add_func ("/result/check/texts", test_check_texts);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/result/hostile/%s%s", hostile_cases[i].id + strlen ("hostile_"),
                                               hostile_cases[i].no_isolation ? "/no-isolation" : "");
      g_test_add_data_func (path, &hostile_cases[i], test_hostile);
    }
  return g_test_run ();
}

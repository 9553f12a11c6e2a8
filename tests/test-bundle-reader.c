/* test-bundle-reader.c: the one bundle reader: each member read back from
 * the golden bundles (tests/golden/), refusals with the member's path, the
 * series merged from earlier bundles, and the same answer from `render`,
 * `render --previous` and `run --previous` on the same bundle (a value with
 * two decimals, nesting too deep, a FIFO, another département's bundle). */
#include <string.h>
#include <sys/stat.h>

#include "bundle-history.h"
#include "bundle-reader.h"
#include "golden.h"
#include "json-members.h"
#include "render-formats.h"
#include "render-wording.h"
#include "test-util.h"

/* ---- reading ---------------------------------------------------------- */

static void
test_load_fields (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load ("bundle-2024.json");
  static const char *const solen_order[] = {
    "epnp_pmi_coverage",        /* engagement 1, objective 1 (bundle order: by id) */
    "epp_pmi_coverage",         /* 1, 1 */
    "bsem_coverage",            /* 1, 2 */
    "vad_child_share",          /* 1, 4 */
    "consultation_child_share", /* 1, 5 */
    "ip_eval_3m_rate",          /* 2, 6 */
  };
  const IcBundleIndicator *epp, *ip, *epnp, *consultation;
  const IcBundleStratum *stratum;

  g_assert_cmpstr (bundle->department_code, ==, "23");
  g_assert_cmpstr (bundle->department_name, ==, "Creuse");
  g_assert_cmpint (bundle->year, ==, 2024);
  g_assert_cmpstr (bundle->generated_at, ==, "2025-03-01T09:00:00Z");
  g_assert_true (bundle->has_small_count);
  g_assert_cmpint (bundle->small_count, ==, 10);
  g_assert_cmpuint (bundle->indicators->len, ==, G_N_ELEMENTS (solen_order));
  for (guint i = 0; i < G_N_ELEMENTS (solen_order); i++)
    g_assert_cmpstr (((IcBundleIndicator *) bundle->indicators->pdata[i])->id, ==, solen_order[i]);
  g_assert_cmpuint (bundle->inputs->len, ==, 3);
  g_assert_cmpuint (bundle->refused->len, ==, 1);

  epp = ic_golden_find (bundle, "epp_pmi_coverage");
  g_assert_cmpint (epp->status, ==, IC_BUNDLE_STATUS_OK);
  g_assert_true (epp->has_value);
  g_assert_cmpint (epp->value_tenths, ==, 66); /* 6.6 */
  g_assert_cmpint (epp->numerator, ==, 51);
  g_assert_cmpint (epp->denominator, ==, 770);
  g_assert_cmpint (epp->target, ==, IC_BUNDLE_TARGET_THRESHOLD);
  g_assert_cmpstr (epp->target_operator, ==, ">=");
  g_assert_cmpint (epp->target_tenths, ==, 200);
  g_assert_cmpint (epp->target_met, ==, 0);
  g_assert_cmpint (epp->solen_engagement, ==, 1);
  g_assert_cmpint (epp->solen_objective, ==, 1);
  g_assert_cmpuint (epp->strata->len, ==, 5);
  stratum = epp->strata->pdata[0];
  g_assert_cmpstr (stratum->territory, ==, "Aubusson & Felletin");
  g_assert_false (stratum->suppressed);
  g_assert_cmpint (stratum->value_tenths, ==, 69);
  stratum = epp->strata->pdata[1];
  g_assert_cmpstr (stratum->territory, ==, "Bourganeuf");
  g_assert_true (stratum->suppressed);
  /* the bundle's own trend (2022, and 2023 as its previous value says)
   * opens the series, this year closes it */
  g_assert_cmpuint (epp->series->len, ==, 3);
  g_assert_cmpint (((IcBundlePoint *) epp->series->pdata[0])->year, ==, 2022);
  g_assert_cmpint (((IcBundlePoint *) epp->series->pdata[0])->value_tenths, ==, 48);
  g_assert_cmpint (((IcBundlePoint *) epp->series->pdata[1])->year, ==, 2023);
  g_assert_cmpint (((IcBundlePoint *) epp->series->pdata[1])->value_tenths, ==, 55);
  g_assert_cmpstr (((IcBundlePoint *) epp->series->pdata[2])->label, ==, "2024");
  g_assert_cmpint (epp->previous_year, ==, 2023);
  /* [5.1, 8.6]; +1.1 points since 2023, p = 0.3678, not significant */
  g_assert_true (epp->has_ci95);
  g_assert_cmpint (epp->ci95_low_tenths, ==, 51);
  g_assert_cmpint (epp->ci95_high_tenths, ==, 86);
  g_assert_true (epp->has_change);
  g_assert_cmpint (epp->change_tenths, ==, 11);
  g_assert_true (epp->has_p_value);
  g_assert_cmpint (epp->p_value, ==, 3678);
  g_assert_false (epp->significant);
  /* p = 0 written as a JSON integer */
  g_assert_cmpint (ic_golden_find (bundle, "bsem_coverage")->p_value, ==, 0);
  g_assert_true (ic_golden_find (bundle, "bsem_coverage")->significant);

  /* 14 is a JSON integer: 14.0 */
  ip = ic_golden_find (bundle, "ip_eval_3m_rate");
  g_assert_cmpint (ip->value_tenths, ==, 140);
  g_assert_cmpint (ip->target_tenths, ==, 1000);

  epnp = ic_golden_find (bundle, "epnp_pmi_coverage");
  g_assert_cmpint (epnp->status, ==, IC_BUNDLE_STATUS_NOT_AVAILABLE);
  g_assert_false (epnp->has_value);
  g_assert_false (epnp->has_ci95);
  g_assert_false (epnp->has_change);
  g_assert_true (epnp->has_numerator); /* counts computed may stay */
  g_assert_false (epnp->has_denominator);
  g_assert_cmpint (epnp->target, ==, IC_BUNDLE_TARGET_NONE);
  g_assert_null (epnp->text_fr);
  g_assert_nonnull (strstr (epnp->reason, "births.csv, dont il se déduirait, manque aussi"));

  consultation = ic_golden_find (bundle, "consultation_child_share");
  g_assert_cmpint (consultation->status, ==, IC_BUNDLE_STATUS_ERROR);
  g_assert_cmpint (consultation->target_met, ==, -1);
}

static void
assert_refused (const char *text, IcBundleError code, const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = ic_bundle_read_from_data ("bad.json", text, -1, &error);

  g_assert_null (bundle);
  g_assert_error (error, IC_BUNDLE_ERROR, (gint) code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, message_part);
  g_assert_true (g_str_has_prefix (error->message, "bad.json"));
}

static void
test_load_refuse_not_json (void)
{
  assert_refused ("{ \"bundle_version\": ", IC_BUNDLE_ERROR_READ, "bad.json");
  assert_refused ("[1, 2]", IC_BUNDLE_ERROR_INVALID, "not a JSON object");
  assert_refused ("{}", IC_BUNDLE_ERROR_INVALID, "bundle_version");
  assert_refused ("{ \"bundle_version\": \"2\" }", IC_BUNDLE_ERROR_INVALID, "version 2");
}

static void
test_load_refuse_missing (void)
{
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = NULL;

  json_object_remove_member (ic_golden_tree_indicator (root, "epp_pmi_coverage"), "title");
  bundle = ic_golden_load_tree (root, &error);
  g_assert_null (bundle);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "indicators[3].title: missing"));
}

/* A rendering never rounds: a figure with two decimals is not a bundle's. */
static void
test_load_refuse_two_decimals (void)
{
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = NULL;

  json_object_set_double_member (ic_golden_tree_indicator (root, "epp_pmi_coverage"), "value", 6.62);
  bundle = ic_golden_load_tree (root, &error);
  g_assert_null (bundle);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "indicators[3].value: more than one decimal"));
}

static void
test_load_refuse_suppressed_with_counts (void)
{
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = NULL;
  JsonArray *strata = json_object_get_array_member (ic_golden_tree_indicator (root, "epp_pmi_coverage"), "strata");

  /* Bourganeuf is suppressed: a count there would be published by mistake */
  json_object_set_int_member (json_array_get_object_element (strata, 1), "numerator", 5);
  bundle = ic_golden_load_tree (root, &error);
  g_assert_null (bundle);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "indicators[3].strata[1]: a suppressed stratum with counts"));
}

/* A bundle written before small-count suppression has no `suppressed`. */
static void
test_load_without_suppression (void)
{
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = NULL;
  JsonArray *strata = json_object_get_array_member (ic_golden_tree_indicator (root, "vad_child_share"), "strata");

  json_object_remove_member (json_node_get_object (root), "options");
  for (guint i = 0; i < json_array_get_length (strata); i++)
    json_object_remove_member (json_array_get_object_element (strata, i), "suppressed");
  bundle = ic_golden_load_tree (root, &error);
  g_assert_no_error (error);
  g_assert_false (bundle->has_small_count);
  g_assert_false (((IcBundleStratum *) ic_golden_find (bundle, "vad_child_share")->strata->pdata[0])->suppressed);
}

/* Alters the golden 2024 bundle's EPP with @member = @json and expects the
 * reading to fail saying @message_part. */
static void
assert_epp_refused (const char *member, const char *json, const char *message_part)
{
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = NULL;

  json_object_set_member (ic_golden_tree_indicator (root, "epp_pmi_coverage"), member, json_from_string (json, &error));
  g_assert_no_error (error);
  bundle = ic_golden_load_tree (root, &error);
  g_assert_null (bundle);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  if (strstr (error->message, message_part) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, message_part);
}

/* Figures that contradict each other are not rendered: a report would show
 * one of two. */
static void
test_load_refuse_contradictions (void)
{
  /* the EPP is 6.6 % against 5.5 % in 2023 (its `previous`) */
  assert_epp_refused ("ci95", "[6.7, 8.6]", "indicators[3].ci95: the interval does not hold the value");
  assert_epp_refused ("ci95", "[8.6, 5.1]", "indicators[3].ci95: not an interval from 0 to 100");
  assert_epp_refused ("ci95", "[5.1]", "indicators[3].ci95: expected [low, high] or null");
  assert_epp_refused ("ci95", "[5.1, 8.65]", "indicators[3].ci95[1]: more than one decimal");
  assert_epp_refused ("change", "{ \"points\": 1.2, \"p_value\": 0.3678, \"significant\": false }",
                      "indicators[3].change: points is not the value minus the previous value");
  assert_epp_refused ("change", "{ \"points\": 1.1, \"p_value\": 0.3678, \"significant\": true }",
                      "indicators[3].change.significant: is not p < 0.05");
  assert_epp_refused ("change", "{ \"points\": 1.1, \"p_value\": 0.01, \"significant\": false }",
                      "indicators[3].change.significant: is not p < 0.05");
  assert_epp_refused ("change", "{ \"points\": 1.1, \"p_value\": 0.36784, \"significant\": false }",
                      "indicators[3].change.p_value: more than four decimals");
  assert_epp_refused ("change", "{ \"points\": 1.1, \"p_value\": 1.5, \"significant\": false }",
                      "indicators[3].change.p_value: a p-value is from 0 to 1");
  assert_epp_refused ("change", "{ \"points\": 1.1, \"p_value\": null, \"significant\": false }",
                      "indicators[3].change: a p-value without its decision, or the reverse");
  assert_epp_refused ("change", "{ \"points\": 1.1, \"p_value\": 0.3678 }",
                      "indicators[3].change.significant: missing");
  assert_epp_refused ("previous", "null", "indicators[3].change: a change without a value and a previous value");
  assert_epp_refused ("trend", "[{ \"year\": 2023, \"value\": 5.7 }, { \"year\": 2024, \"value\": 6.6 }]",
                      "indicators[3].trend[0]: gives 5,7 for 2023, where the bundle's previous value is 5,5");
  assert_epp_refused ("trend", "[{ \"year\": 2023, \"value\": 5.5 }, { \"year\": 2024, \"value\": 6.5 }]",
                      "indicators[3].trend[1]: gives 6,5 for 2024, where the bundle's value is 6,6");
  assert_epp_refused ("trend", "[{ \"year\": 2023, \"value\": 5.5 }, { \"year\": 2022, \"value\": 4.8 }]",
                      "indicators[3].trend[1]: the years are not in increasing order");
  assert_epp_refused ("trend", "[{ \"year\": 2025, \"value\": 7.0 }]",
                      "indicators[3].trend[0]: its year is not the bundle's nor before it");
}

/* A significant p rounded up to 0.0500, and a change whose test could not be
 * made (last year's counts unknown) are read as the bundle says. */
static void
test_load_change_edges (void)
{
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = NULL;
  JsonObject *epp = ic_golden_tree_indicator (root, "epp_pmi_coverage");
  JsonObject *ip = ic_golden_tree_indicator (root, "ip_eval_3m_rate");
  g_autofree char *epp_text = NULL, *ip_text = NULL, *epp_brief = NULL, *ip_brief = NULL;

  json_object_set_member (epp, "change",
                          json_from_string ("{ \"points\": 1.1, \"p_value\": 0.05, \"significant\": true }", NULL));
  json_object_set_member (ip, "change",
                          json_from_string ("{ \"points\": 4.6, \"p_value\": null, \"significant\": null }", NULL));
  bundle = ic_golden_load_tree (root, &error);
  g_assert_no_error (error);
  epp_text = ic_render_format_change_sentence (ic_golden_find (bundle, "epp_pmi_coverage"), FALSE);
  g_assert_cmpstr (epp_text, ==, "+1,1 point par rapport à 2023 (5,5 %), significative au seuil de 5 % (p < 0,05)");
  ip_text = ic_render_format_change_sentence (ic_golden_find (bundle, "ip_eval_3m_rate"), FALSE);
  g_assert_cmpstr (ip_text, ==,
                   "+4,6 points par rapport à 2023 (9,4 %), significativité non évaluée (effectifs de 2023 inconnus)");
  epp_brief = ic_render_format_change_sentence (ic_golden_find (bundle, "epp_pmi_coverage"), TRUE);
  g_assert_cmpstr (epp_brief, ==, "+1,1 point depuis 2023, significative");
  ip_brief = ic_render_format_change_sentence (ic_golden_find (bundle, "ip_eval_3m_rate"), TRUE);
  g_assert_cmpstr (ip_brief, ==, "+4,6 points depuis 2023");
}

/* A bundle written before `ci95`, `change` and `trend`: no interval, and the
 * change is the difference of the values of the series, without a test,
 * from the latest earlier year with a value. */
static void
test_load_older_bundle (void)
{
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) bundle = NULL;
  g_autoptr (IcBundleView) y2022 = ic_golden_load ("bundle-2022.json");
  g_autoptr (GString) text = NULL;
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (root), "indicators");
  const IcBundleIndicator *epp;
  const IcBundlePoint *from;
  gint64 change;

  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *indicator = json_array_get_object_element (indicators, i);
      json_object_remove_member (indicator, "ci95");
      json_object_remove_member (indicator, "change");
      json_object_remove_member (indicator, "trend");
    }
  /* and the EPP without a previous value: the change comes from 2022 */
  json_object_set_null_member (ic_golden_tree_indicator (root, "epp_pmi_coverage"), "previous");
  bundle = ic_golden_load_tree (root, &error);
  g_assert_no_error (error);
  g_assert_true (ic_bundle_view_add_previous (bundle, y2022, &error));
  g_assert_no_error (error);

  epp = ic_golden_find (bundle, "epp_pmi_coverage");
  g_assert_false (epp->has_ci95);
  g_assert_false (epp->has_change);
  g_assert_cmpuint (epp->series->len, ==, 2); /* 2022, 2024 */
  g_assert_true (ic_bundle_indicator_change (epp, &from, &change));
  g_assert_cmpint (from->year, ==, 2022);
  g_assert_cmpint (change, ==, 18); /* 6.6 - 4.8 */
  g_assert_false (ic_bundle_view_has_statistics (bundle));

  text = ic_render (bundle, ic_render_format_find ("text"));
  g_assert_nonnull (strstr (text->str, "Valeur : 6,6 % (51 / 770)\nCible : au moins 20 % — non atteinte\n"
                                       "Évolution : +1,8 point par rapport à 2022 (4,8 %)\n"));
  /* the others from their `previous` member (2023), as before */
  g_assert_nonnull (strstr (text->str, "Évolution : +4,6 points par rapport à 2023 (9,4 %)\n"));
  g_assert_null (strstr (text->str, "IC 95"));
  g_assert_null (strstr (text->str, "significati"));
}

/* ---- series ----------------------------------------------------------- */

static void
assert_point (const IcBundleIndicator *indicator, guint i, int year, const char *label, gint64 tenths)
{
  const IcBundlePoint *point = indicator->series->pdata[i];
  g_assert_cmpint (point->year, ==, year);
  g_assert_cmpstr (point->label, ==, label);
  if (tenths < 0)
    g_assert_false (point->has_value);
  else
    {
      g_assert_true (point->has_value);
      g_assert_cmpint (point->value_tenths, ==, tenths);
    }
}

static void
test_previous_series (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load_series ();
  const IcBundleIndicator *bsem = ic_golden_find (bundle, "bsem_coverage");
  const IcBundleIndicator *vad = ic_golden_find (bundle, "vad_child_share");
  const IcBundleIndicator *epnp = ic_golden_find (bundle, "epnp_pmi_coverage");
  const IcBundleIndicator *consultation = ic_golden_find (bundle, "consultation_child_share");
  const IcBundlePoint *from;
  gint64 change;

  /* sorted by year whatever the order given; the school years' labels */
  g_assert_cmpuint (bsem->series->len, ==, 3);
  assert_point (bsem, 0, 2022, "2021-2022", 795);
  assert_point (bsem, 1, 2023, "2022-2023", 863);
  assert_point (bsem, 2, 2024, "2023-2024", 932);
  /* 93.2 - 86.3 = 6.9 points, from the latest earlier year */
  g_assert_true (ic_bundle_indicator_change (bsem, &from, &change));
  g_assert_cmpint (from->year, ==, 2023);
  g_assert_cmpint (change, ==, 69);

  /* the 2022 figure was computed by definition 0.9.0, the others by 1.0.0 */
  g_assert_true (ic_bundle_point_breaks_series (vad, vad->series->pdata[0]));
  g_assert_false (ic_bundle_point_breaks_series (vad, vad->series->pdata[1]));

  /* not available both years: no change */
  g_assert_cmpuint (epnp->series->len, ==, 2);
  assert_point (epnp, 0, 2023, "2023", -1);
  g_assert_false (ic_bundle_indicator_change (epnp, &from, &change));

  /* new in 2024: this year alone */
  g_assert_cmpuint (consultation->series->len, ==, 1);
}

static void
assert_previous_refused (IcBundleView *bundle, IcBundleView *previous, const char *message_part)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (ic_bundle_view_add_previous (bundle, previous, &error));
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH);
  if (strstr (error->message, message_part) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, message_part);
}

static void
test_previous_refuse (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load ("bundle-2024.json");
  g_autoptr (IcBundleView) same_year = ic_golden_load ("bundle-2024.json");
  g_autoptr (IcBundleView) y2022 = ic_golden_load ("bundle-2022.json");
  g_autoptr (IcBundleView) y2022_again = ic_golden_load ("bundle-2022.json");
  g_autoptr (IcBundleView) other = ic_golden_load ("bundle-2023.json");
  g_autoptr (IcBundleView) contradicting = ic_golden_load ("bundle-2023.json");
  g_autoptr (IcBundleView) contradicting_trend = ic_golden_load ("bundle-2022.json");
  g_autoptr (GError) error = NULL;

  assert_previous_refused (bundle, same_year, "not of a year before 2024");
  /* 2024's `trend` says 4.8 for the EPP in 2022 */
  ((IcBundleIndicator *) ic_golden_find (contradicting_trend, "epp_pmi_coverage"))->value_tenths = 49;
  assert_previous_refused (bundle, contradicting_trend,
                           "epp_pmi_coverage: gives 4,9 for 2022, where this bundle's trend gives 4,8");
  g_free (other->department_code);
  other->department_code = g_strdup ("87");
  assert_previous_refused (bundle, other, "département 87, not 23");
  g_assert_true (ic_bundle_view_add_previous (bundle, y2022, &error));
  g_assert_no_error (error);
  assert_previous_refused (bundle, y2022_again, "a bundle of 2022 was already given");

  /* 2024's `previous` says 5.5 for the EPP in 2023: a 2023 bundle saying
   * otherwise is refused, and nothing of it is added. */
  ((IcBundleIndicator *) ic_golden_find (contradicting, "epp_pmi_coverage"))->value_tenths = 57;
  assert_previous_refused (bundle, contradicting,
                           "epp_pmi_coverage: gives 5,7 for 2023, where this bundle's previous value is 5,5");
  g_assert_cmpuint (ic_golden_find (bundle, "bsem_coverage")->series->len, ==,
                    3); /* 2022, 2023 (previous member), 2024 */
  /* still the 2023 point of the `previous` member: no definition version,
   * the school year named after the bundle's own period */
  g_assert_null (((IcBundlePoint *) ic_golden_find (bundle, "bsem_coverage")->series->pdata[1])->definition_version);
  g_assert_cmpstr (((IcBundlePoint *) ic_golden_find (bundle, "bsem_coverage")->series->pdata[1])->label, ==,
                   "2022-2023");
}

/* ---- the same answer from every command -------------------------------- */

/* The golden 2023 bundle of Creuse (département 23), its text changed by
 * replacing @from (which must be there, once) by @to, written to DIR/NAME. */
static char *
write_golden_2023 (const char *dir, const char *name, const char *from, const char *to)
{
  g_autofree char *text = ic_golden_text ("bundle-2023.json");
  g_autoptr (GString) changed = g_string_new (text);
  char *at;

  if (from != NULL)
    {
      at = strstr (changed->str, from);
      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, from));
      g_string_erase (changed, at - changed->str, (gssize) strlen (from));
      g_string_insert (changed, at - changed->str, to);
    }
  return ic_test_write (dir, name, changed->str);
}

/* What `indicore run --previous @previous` says of it: exit 2 and the
 * message after "indicore run: --previous: ". */
static char *
run_previous_refuses (const char *previous, const char *department)
{
  g_autofree char *data = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  const char *argv[] = { "run", "--data", data, "--year", "2024", "--department", department,
                         "--previous", previous, "--out", "/dev/null", NULL };
  g_autofree char *err = NULL;
  const char *prefix = "indicore run: --previous: ";

  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 2);
  if (!g_str_has_prefix (err, prefix))
    g_error ("\"%s\" does not start with \"%s\"", err, prefix);
  return g_strdup (err + strlen (prefix));
}

/* What `indicore render @bundle --previous @previous` says of it (@previous
 * NULL: `indicore render @bundle`): exit 2, and the message after
 * "indicore render: " (and "--previous: "). */
static char *
render_refuses (const char *bundle, const char *previous)
{
  const char *argv[] = { "render", bundle, previous ? "--previous" : NULL, previous, NULL };
  g_autofree char *err = NULL;
  const char *prefix = previous ? "indicore render: --previous: " : "indicore render: ";

  g_assert_cmpint (ic_test_spawn (argv, NULL, &err), ==, 2);
  if (!g_str_has_prefix (err, prefix))
    g_error ("\"%s\" does not start with \"%s\"", err, prefix);
  return g_strdup (err + strlen (prefix));
}

static void
assert_contains (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("\"%s\" does not say \"%s\"", text, part);
}

static void
test_two_decimals_same_answer (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  /* bsem_coverage, the bundle's first indicator, gave 86.3 in 2023; 86.34
   * would round back to 86.3 (what `run --previous` did), but no figure of
   * a bundle has two decimals: both commands refuse it, and say where. */
  g_autofree char *previous = write_golden_2023 (dir, "bundle-2023.json", "\"value\": 86.3,", "\"value\": 86.34,");
  g_autofree char *bundle = ic_golden_path ("bundle-2024.json");
  g_autofree char *by_run = run_previous_refuses (previous, "23");
  g_autofree char *by_render = render_refuses (bundle, previous);
  g_autofree char *alone = render_refuses (previous, NULL);
  g_autofree char *expected = g_strdup_printf ("%s: not an indicore bundle: "
                                               "indicators[0].value: more than one decimal\n",
                                               previous);

  g_assert_cmpstr (by_run, ==, expected);
  g_assert_cmpstr (by_render, ==, expected);
  g_assert_cmpstr (alone, ==, expected);
  ic_test_rmtree (dir);
}

static void
test_two_decimals_in_process (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *previous = write_golden_2023 (dir, "b.json", "\"value\": 86.3,", "\"value\": 86.34,");
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) history = ic_bundle_history_read (previous, &error);

  g_assert_null (history);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  assert_contains (error->message, "indicators[0].value: more than one decimal");
  ic_test_rmtree (dir);
}

static void
test_one_decimal_read_as_written (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *previous = write_golden_2023 (dir, "b.json", NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) history = ic_bundle_history_read (previous, &error);
  const IcHistoryValue *bsem;

  g_assert_no_error (error);
  g_assert_cmpint (history->year, ==, 2023);
  g_assert_cmpstr (history->department_code, ==, "23");
  /* bsem_coverage 2023: 750 / 869 = 86.3 %, 863 tenths. */
  bsem = ic_history_lookup (history, "bsem_coverage");
  g_assert_nonnull (bsem);
  g_assert_true (bsem->has_value);
  g_assert_cmpint (bsem->value_tenths, ==, 863);
  g_assert_true (bsem->has_counts);
  g_assert_cmpint (bsem->numerator, ==, 750);
  g_assert_cmpint (bsem->denominator, ==, 869);
  ic_test_rmtree (dir);
}

/* [[[[...]]]] @depth levels deep. */
static char *
nested (guint depth)
{
  GString *text = g_string_sized_new (2 * depth + 1);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
test_deep_nesting_refused (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *deep = nested (80000);
  g_autofree char *path = ic_test_write (dir, "deep.json", deep);
  g_autofree char *by_run = run_previous_refuses (path, "23");
  g_autofree char *by_render = render_refuses (path, NULL);
  g_autofree char *expected = g_strdup_printf ("%s: nested deeper than %d levels\n", path, IC_JSON_MAX_DEPTH);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) view = NULL;
  g_autofree char *just_deep_enough = nested (IC_JSON_MAX_DEPTH);

  /* 80 000 levels overflowed json-glib's recursion: now refused first. */
  g_assert_cmpstr (by_run, ==, expected);
  g_assert_cmpstr (by_render, ==, expected);
  view = ic_bundle_read_from_data ("deep.json", deep, -1, &error);
  g_assert_null (view);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_READ);
  g_clear_error (&error);
  /* 64 levels are parsed (then refused as not a bundle); brackets inside a
   * string do not count. */
  view = ic_bundle_read_from_data ("ok.json", just_deep_enough, -1, &error);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *in_string = g_strdup_printf ("{ \"bundle_version\": \"%s\" }", deep);
    view = ic_bundle_read_from_data ("string.json", in_string, -1, &error);
    g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_INVALID);
    assert_contains (error->message, "is not one this indicore reads");
  }
  ic_test_rmtree (dir);
}

static void
test_fifo_refused (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "bundle-2023.json", NULL);
  g_autofree char *bundle = ic_golden_path ("bundle-2024.json");
  g_autofree char *by_run = NULL, *by_render = NULL, *alone = NULL, *expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IcBundleView) view = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* Nobody writes to it: reading it would wait for ever. */
  by_run = run_previous_refuses (fifo, "23");
  by_render = render_refuses (bundle, fifo);
  alone = render_refuses (fifo, NULL);
  expected = g_strdup_printf ("“%s” is not a regular file\n", fifo);
  g_assert_cmpstr (by_run, ==, expected);
  g_assert_cmpstr (by_render, ==, expected);
  g_assert_cmpstr (alone, ==, expected);
  view = ic_bundle_read (fifo, &error);
  g_assert_null (view);
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_READ);
  ic_test_rmtree (dir);
}

static void
test_other_department_refused (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  /* Creuse's 2023 bundle, as if of Haute-Vienne (87). */
  g_autofree char *previous = write_golden_2023 (dir, "bundle-2023.json", "\"code\": \"23\"", "\"code\": \"87\"");
  g_autofree char *bundle = ic_golden_path ("bundle-2024.json");
  g_autofree char *by_run = run_previous_refuses (previous, "23");
  g_autofree char *by_render = render_refuses (bundle, previous);
  g_autofree char *expected = g_strdup_printf ("%s: is a bundle of département 87, not 23\n", previous);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) history = ic_bundle_history_read (previous, &error);

  /* `render --previous` refused it; `run --previous` took it for Creuse's
   * previous year. Both refuse it now, in the same words. */
  g_assert_cmpstr (by_run, ==, expected);
  g_assert_cmpstr (by_render, ==, expected);
  g_assert_no_error (error);
  g_assert_false (ic_bundle_history_check (history, 2024, "23", &error));
  g_assert_error (error, IC_BUNDLE_ERROR, IC_BUNDLE_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_true (ic_bundle_history_check (history, 2024, "87", &error));
  g_assert_no_error (error);
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bundle-reader/read/fields", test_load_fields);
  g_test_add_func ("/bundle-reader/read/refuse/not-a-bundle", test_load_refuse_not_json);
  g_test_add_func ("/bundle-reader/read/refuse/missing-member", test_load_refuse_missing);
  g_test_add_func ("/bundle-reader/read/refuse/two-decimals", test_load_refuse_two_decimals);
  g_test_add_func ("/bundle-reader/read/refuse/suppressed-with-counts", test_load_refuse_suppressed_with_counts);
  g_test_add_func ("/bundle-reader/read/without-suppression", test_load_without_suppression);
  g_test_add_func ("/bundle-reader/read/refuse/contradictions", test_load_refuse_contradictions);
  g_test_add_func ("/bundle-reader/read/change-edges", test_load_change_edges);
  g_test_add_func ("/bundle-reader/read/older-bundle", test_load_older_bundle);
  g_test_add_func ("/bundle-reader/previous/series", test_previous_series);
  g_test_add_func ("/bundle-reader/previous/refuse", test_previous_refuse);
  g_test_add_func ("/bundle-reader/decimals/refused-by-run-and-render", test_two_decimals_same_answer);
  g_test_add_func ("/bundle-reader/decimals/refused-in-history", test_two_decimals_in_process);
  g_test_add_func ("/bundle-reader/decimals/one-read-as-written", test_one_decimal_read_as_written);
  g_test_add_func ("/bundle-reader/refuse/nested-too-deep", test_deep_nesting_refused);
  g_test_add_func ("/bundle-reader/refuse/fifo", test_fifo_refused);
  g_test_add_func ("/bundle-reader/refuse/other-department", test_other_department_refused);
  return g_test_run ();
}

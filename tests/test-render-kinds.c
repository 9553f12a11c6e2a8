/* test-render-kinds.c: counts and breakdowns as the renderings show them,
 * from the hand-written bundle tests/fixtures/bundles/nord-2025.json (its
 * README gives its figures): a count without « % », with the French
 * thousands separator and the singular for 0 and 1, its change and target
 * in its unit, untested; each breakdown under the territories, labelled by
 * its label, its codes as they are, its small strata suppressed as the
 * territories' are. Every expected line is written out by hand from the
 * fixture's figures. The renderings of version "1" bundles are the goldens'
 * (test-render.c), unchanged. */
#include <string.h>

#include "bundle-reader.h"
#include "golden.h"
#include "render-formats.h"
#include "render-wording.h"
#include "test-util.h"

#define NBSP "\xC2\xA0"      /* U+00A0, the thousands separator */
#define MINUS "\xE2\x88\x92" /* U+2212 */

static IcBundleView *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (ic_test_source_dir (), "tests", "fixtures", "bundles", "nord-2025.json",
                                            NULL);
  g_autoptr (GError) error = NULL;
  IcBundleView *bundle = ic_bundle_read (path, &error);

  g_assert_no_error (error);
  return bundle;
}

static GString *
render (const IcBundleView *bundle, const char *format)
{
  GString *out = ic_render (bundle, ic_render_format_find (format));

  g_assert_true (g_utf8_validate (out->str, (gssize) out->len, NULL));
  return out;
}

static void
assert_has (const GString *out, const char *expected)
{
  if (strstr (out->str, expected) == NULL)
    {
      g_test_message ("not found:\n%s\nin:\n%s", expected, out->str);
      g_test_fail ();
    }
}

static void
assert_string (char *actual, const char *expected)
{
  g_assert_cmpstr (actual, ==, expected);
  g_free (actual);
}

/* ---- wording ------------------------------------------------------------ */

static void
test_wording (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  const IcBundleIndicator *count = ic_golden_find (bundle, "home_measures_started");
  const IcBundleIndicator *one = ic_golden_find (bundle, "tdc_measures_started");
  const IcBundleIndicator *rate = ic_golden_find (bundle, "bsem_followup_rate");

  /* the singular for 0 and 1, on the unit's first word */
  assert_string (ic_render_unit_for ("mesures", 0), "mesure");
  assert_string (ic_render_unit_for ("mesures", 1), "mesure");
  assert_string (ic_render_unit_for ("mesures", 2), "mesures");
  assert_string (ic_render_unit_for ("mesures de protection", 1), "mesure de protection");
  assert_string (ic_render_unit_for ("mois", 1), "mois");
  assert_string (ic_render_unit_for ("", 1), "");

  /* 1 412 with the thousands separator, no decimal, no % */
  assert_string (ic_render_format_figure (count, 14120), "1" NBSP "412 mesures");
  assert_string (ic_render_format_figure (count, 0), "0 mesure");
  assert_string (ic_render_format_figure (one, 10), "1 placement");
  assert_string (ic_render_format_figure (rate, 750), "75,0 %");
  assert_string (ic_render_format_value_or_status (count), "1" NBSP "412 mesures");
  /* 1 412 − 1 300 = +112; a fall of one, and no change, in the singular */
  assert_string (ic_render_format_indicator_change (count, 1120), "+112 mesures");
  assert_string (ic_render_format_indicator_change (count, -10), MINUS "1 mesure");
  assert_string (ic_render_format_indicator_change (count, 0), "0 mesure");
  assert_string (ic_render_format_indicator_change (rate, 20), "+2,0 points");
  /* the département's target of 1 500, in the count's unit */
  assert_string (ic_render_format_target (count), "au moins 1" NBSP "500 mesures (cible départementale)");
  /* a count's change is not tested: nothing said of significance */
  g_assert_null (ic_render_format_significance (count, FALSE));
  assert_string (ic_render_format_change_sentence (count, FALSE), "+112 mesures par rapport à 2024 (1" NBSP "300 mesures)");
  assert_string (ic_render_format_change_sentence (one, TRUE), "+1 placement depuis 2024");

  /* the breakdown's words from its label */
  assert_string (ic_render_breakdown_title (count->breakdowns->pdata[0]), "Par type de mesure");
  assert_string (ic_render_breakdown_column (count->breakdowns->pdata[0]), "Type de mesure");
}

/* ---- text --------------------------------------------------------------- */

static void
test_text (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  g_autoptr (GString) out = render (bundle, "text");

  assert_has (out, "Nombre de mesures de protection à domicile mises en place — 2025\n"
                   "1" NBSP "412 mesures de protection à domicile mises en place en 2025\n"
                   "Valeur : 1" NBSP "412 mesures\n"
                   "Cible : au moins 1" NBSP "500 mesures (cible départementale) — non atteinte\n"
                   "Évolution : +112 mesures par rapport à 2024 (1" NBSP "300 mesures)\n"
                   "Série : 2024 : 1" NBSP "300 mesures ; 2025 : 1" NBSP "412 mesures\n"
                   "Par type de mesure : AED : 420 mesures ; AEMO : 950 mesures ; AEMO_R : secret statistique ; "
                   "TISF : secret statistique\n");
  /* 1 and 0: the singular */
  assert_has (out, "Valeur : 1 placement\n"
                   "Cible : aucune\n"
                   "Évolution : +1 placement par rapport à 2024 (0 placement)\n"
                   "Série : 2024 : 0 placement ; 2025 : 1 placement\n");
  /* a rate's breakdown: 40 / 50 = 80,0 %, 52 / 70 = 74,29 → 74,3 %, 45 / 60 = 75,0 % */
  assert_has (out, "Valeur : 75,0 % [IC à 95 % : 68,6 – 80,5] (150 / 200)\n"
                   "Cible : au moins 80 % — non atteinte\n"
                   "Par domaine : DENTAL : secret statistique ; DEVELOPMENT : 80,0 % (40 / 50) ; HEARING : secret "
                   "statistique ; LANGUAGE : 74,3 % (52 / 70) ; VISION : 75,0 % (45 / 60)\n");
  /* no decimal on a count, no test of its change */
  g_assert_null (strstr (out->str, "412,0"));
  g_assert_null (strstr (out->str, "significativité"));
}

/* ---- Markdown ------------------------------------------------------------- */

static void
test_md (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  g_autoptr (GString) out = render (bundle, "md");

  assert_has (out, "| Nombre de mesures de protection à domicile mises en place | 2025 | 1" NBSP "412 mesures | — | "
                   "au moins 1" NBSP "500 mesures (cible départementale) — non atteinte | +112 mesures depuis 2024 |\n");
  /* a count's territories and breakdown: its value only; 360 + 1 010 + 9 + 33 = 1 412, Bourbourg (9) hidden
   * and Douai (33) as its complement; AEMO_R (7) hidden, TISF (35) as its complement */
  assert_has (out, "**Par territoire**\n\n"
                   "| Territoire | Valeur |\n"
                   "|:--|--:|\n"
                   "| **Ensemble** | 1" NBSP "412 mesures |\n"
                   "| Avesnes | 360 mesures |\n"
                   "| Bourbourg | secret statistique\\* |\n"
                   "| Douai | secret statistique\\* |\n"
                   "| Lille | 1" NBSP "010 mesures |\n\n"
                   "\\* Secret statistique : effectif de 1 à 10, ou complément d'un tel effectif.\n\n"
                   "**Par type de mesure**\n\n"
                   "| Type de mesure | Valeur |\n"
                   "|:--|--:|\n"
                   "| **Ensemble** | 1" NBSP "412 mesures |\n"
                   "| AED | 420 mesures |\n"
                   "| AEMO | 950 mesures |\n"
                   "| AEMO\\_R | secret statistique\\* |\n"
                   "| TISF | secret statistique\\* |\n\n"
                   "\\* Secret statistique : effectif de 1 à 10, ou complément d'un tel effectif.\n\n");
  /* a rate's breakdown has its counts, as its territories */
  assert_has (out, "**Par domaine**\n\n"
                   "| Domaine | Numérateur | Dénominateur | Valeur |\n"
                   "|:--|--:|--:|--:|\n"
                   "| **Ensemble** | 150 | 200 | 75,0 % |\n"
                   "| DENTAL | — | — | secret statistique\\* |\n"
                   "| DEVELOPMENT | 40 | 50 | 80,0 % |\n");
  assert_has (out, "| 2024 | 0 placement | — |\n| 2025 | 1 placement | 1.0.0 |\n");
}

/* ---- CSV ------------------------------------------------------------------ */

#define KEYS_COUNT "59;Nord;2025;home_measures_started;Nombre de mesures de protection à domicile mises en place;2025;"

static void
test_csv (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  g_autoptr (GString) out = render (bundle, "csv");
  g_autoptr (IcBundleView) golden = ic_golden_load ("bundle-2024.json");
  g_autoptr (GString) without = render (golden, "csv");

  /* the breakdown's two columns last, only when the bundle has breakdowns */
  assert_has (out, ";statut;motif;version de la définition;ventilation;modalité\r\n");
  g_assert_null (strstr (without->str, "ventilation"));
  /* a count: whole numbers without separator, no counts, its change untested */
  assert_has (out, "\r\n" KEYS_COUNT "Ensemble;;;1412;;;mesures;1300;112;;;au moins 1" NBSP "500 mesures (cible "
                   "départementale);non;disponible;;1.0.0;;\r\n");
  assert_has (out, "\r\n59;Nord;2024;home_measures_started;Nombre de mesures de protection à domicile mises en place;"
                   "2024;Ensemble;;;1300;;;mesures;;;;;;;disponible;;;;\r\n");
  assert_has (out, "\r\n" KEYS_COUNT "Lille;;;1010;;;mesures;;;;;;;disponible;;1.0.0;;\r\n");
  /* a row per breakdown stratum, for the whole département */
  assert_has (out, "\r\n" KEYS_COUNT "Ensemble;;;420;;;mesures;;;;;;;disponible;;1.0.0;type de mesure;AED\r\n");
  assert_has (out, "\r\n" KEYS_COUNT "Ensemble;;;;;;mesures;;;;;;;secret statistique;effectif de 1 à 10, ou "
                   "complément d'un tel effectif;1.0.0;type de mesure;AEMO_R\r\n");
  /* a rate's breakdown stratum: 40 / 50 = 80,0 %, with its Wilson interval as a territory's:
   *   p̂ = 0,8, z² = 3,841459, 1 + z²/50 = 1,076829
   *   centre = (0,8 + 3,841459 / 100) / 1,076829 = 0,838415 / 1,076829 = 0,778595
   *   half = 1,959964 × √(0,8 × 0,2 / 50 + 3,841459 / 10 000) / 1,076829
   *        = 1,959964 × √(0,0032 + 0,000384146) / 1,076829 = 0,108965
   *   → 0,669630 and 0,887560: 67,0 and 88,8 */
  assert_has (out, ";2024-2025;Ensemble;40;50;80,0;67,0;88,8;%;;;;;;;disponible;;1.0.0;domaine;DEVELOPMENT\r\n");
  /* a line of an indicator without breakdown has the two columns, empty */
  assert_has (out, ";2025;Ensemble;;;1;;;placements;0;1;;;;;disponible;;1.0.0;;\r\n");
}

/* ---- HTML ----------------------------------------------------------------- */

static void
test_html (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  g_autoptr (GString) out = render (bundle, "html");

  assert_has (out, "<span class=\"value\">1" NBSP "412 mesures</span>");
  /* no % on a count's axis: ticks 0, 500, 1 000, 1 500 for 1 412 (steps of 1, 2, 2,5 or 5 × 10^k
   * giving 3 to 6 ticks: 1 412 / 5 = 282 → 500); for the count of 1, 0 and 1, never 0,2 */
  assert_has (out, ">1" NBSP "412 mesures</text>");
  assert_has (out, ">500</text>");
  assert_has (out, ">1" NBSP "500</text>");
  g_assert_null (strstr (out->str, ">0,2</text>"));
  g_assert_null (strstr (out->str, ">1" NBSP "500 %</text>"));
  g_assert_null (strstr (out->str, "1" NBSP "412,0"));
  assert_has (out, "<table class=\"breakdown\">\n<caption>Par type de mesure</caption>\n"
                   "<thead><tr><th scope=\"col\">Type de mesure</th><th scope=\"col\" class=\"num\">Valeur</th>"
                   "</tr></thead>\n<tbody>\n"
                   "<tr><th scope=\"row\">Ensemble</th><td class=\"num\">1" NBSP "412 mesures</td></tr>\n"
                   "<tr><th scope=\"row\">AED</th><td class=\"num\">420 mesures</td></tr>\n"
                   "<tr><th scope=\"row\">AEMO</th><td class=\"num\">950 mesures</td></tr>\n"
                   "<tr><th scope=\"row\">AEMO_R</th><td class=\"num\">secret statistique</td></tr>\n"
                   "<tr><th scope=\"row\">TISF</th><td class=\"num\">secret statistique</td></tr>\n"
                   "</tbody>\n</table>\n</div>\n"
                   "<p class=\"note\">Secret statistique : effectif de 1 à 10, ou complément d&#39;un tel effectif.</p>\n");
  assert_has (out, "<tr><th scope=\"row\">DEVELOPMENT</th><td class=\"num\">80,0 % (40 / 50)</td></tr>\n");
  assert_has (out, "<dt>Calcul</dt><dd>un nombre, sans dénominateur : ni intervalle de confiance, ni test de "
                   "l&#39;évolution, qui est un écart en nombre</dd>");
  /* the breakdowns' style, which a page without them does not have */
  assert_has (out, ".breakdown{");
  /* (the apostrophe escaped) */
  assert_has (out, "<dd>un territoire, ou une modalité, n&#39;est pas publié quand son effectif de 1 à 10, ou "
                   "complément d&#39;un tel effectif</dd>");
}

/* ---- SOLEN ---------------------------------------------------------------- */

static void
test_solen (void)
{
  g_autoptr (IcBundleView) bundle = load_fixture ();
  g_autoptr (GString) out = render (bundle, "solen");

  /* the count with its source, its breakdown (« chacune des modalités ») wrapped at 100 characters */
  assert_has (out, "Indicateurs :\n"
                   "• Nombre de mesures mises en place : 1" NBSP "412 mesures (1" NBSP "300 mesures en 2024) [1]\n"
                   "• Par type de mesure : AED : 420 mesures ; AEMO : 950 mesures ; AEMO_R : secret statistique ; "
                   "TISF :\n"
                   "  secret statistique\n"
                   "  Cible : au moins 1" NBSP "500 mesures (cible départementale), non atteinte\n");
  assert_has (out, "• Nombre de placements chez un tiers digne de confiance mis en place : 1 placement (0 placement en\n"
                   "  2024) [1]\n");
}

/* A count not available: no figure anywhere, the reason said, in every
 * format (none fails on a count without value, strata nor breakdowns). */
static void
test_count_not_available (void)
{
  g_autofree char *path = g_build_filename (ic_test_source_dir (), "tests", "fixtures", "bundles", "nord-2025.json",
                                            NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (IcBundleView) bundle = NULL;
  g_autoptr (GString) out = NULL;
  JsonObject *count;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  count = ic_golden_tree_indicator (root, "home_measures_started");
  json_object_set_string_member (count, "status", "not_available");
  json_object_set_null_member (count, "value");
  json_object_set_null_member (count, "target_met");
  json_object_set_null_member (count, "change");
  json_object_remove_member (count, "trend");
  json_object_set_null_member (count, "text_fr");
  json_object_set_string_member (count, "reason", "le fichier measures.csv manque dans le répertoire des données");
  json_object_set_array_member (count, "strata", json_array_new ());
  json_object_set_array_member (count, "breakdowns", json_array_new ());
  bundle = ic_golden_load_tree (root, &error);
  g_assert_no_error (error);

  out = render (bundle, "text");
  assert_has (out, "Nombre de mesures de protection à domicile mises en place — 2025\n"
                   "Valeur : non disponible — motif : le fichier measures.csv manque dans le répertoire des données\n"
                   "Cible : au moins 1" NBSP "500 mesures (cible départementale) — non déterminée\n");
  g_string_free (g_steal_pointer (&out), TRUE);
  out = render (bundle, "csv");
  assert_has (out, "\r\n" KEYS_COUNT "Ensemble;;;;;;mesures;;;;;au moins 1" NBSP "500 mesures (cible départementale);"
                   "non déterminée;non disponible;le fichier measures.csv manque dans le répertoire des données;1.0.0;;\r\n");
  g_string_free (g_steal_pointer (&out), TRUE);
  out = render (bundle, "md");
  assert_has (out, "- **Valeur :** non disponible\n"
                   "- **Motif :** le fichier measures.csv manque dans le répertoire des données\n");
  g_string_free (g_steal_pointer (&out), TRUE);
  out = render (bundle, "html");
  assert_has (out, "<span class=\"value\">non disponible</span>");
  g_string_free (g_steal_pointer (&out), TRUE);
  out = render (bundle, "solen");
  /* (wrapped at 100 characters; 2024's count, which the bundle's `previous` still gives, after it) */
  assert_has (out, "• Nombre de mesures mises en place : donnée non disponible (motif : le fichier measures.csv manque\n"
                   "  dans le répertoire des données) (1" NBSP "300 mesures en 2024) [1]\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render-kinds/wording", test_wording);
  g_test_add_func ("/render-kinds/text", test_text);
  g_test_add_func ("/render-kinds/md", test_md);
  g_test_add_func ("/render-kinds/csv", test_csv);
  g_test_add_func ("/render-kinds/html", test_html);
  g_test_add_func ("/render-kinds/solen", test_solen);
  g_test_add_func ("/render-kinds/count-not-available", test_count_not_available);
  return g_test_run ();
}

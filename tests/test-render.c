/* test-render.c: `indicore render`: the French wording, and the four
 * formats against golden files reviewed by hand (tests/golden/README.md);
 * the bundle read back and its series are test-bundle-reader.c's.
 *
 * The golden bundles (tests/golden/bundle-2022.json, -2023.json,
 * -2024.json) are written by hand: Creuse's published figures, a
 * territory renamed "Aubusson & Felletin" so that escaping shows, small-count
 * suppression, an indicator not available and one in error, a refused
 * plugin, a definition that changed version in 2022, and the engine's 95 %
 * intervals, changes with their test, and series (2024's from 2022 on). */
#include <math.h>
#include <string.h>

#include "csv-reader.h"
#include "json-writer.h"
#include "bundle-reader.h"
#include "golden.h"
#include "render-formats.h"
#include "render-wording.h"
#include "test-util.h"
#include "trend.h"

#define NBSP "\xC2\xA0"     /* U+00A0, the thousands separator */
#define MINUS "\xE2\x88\x92" /* U+2212 */
#define HOSTILE "<script>&\"'"

/* ---- helpers ---------------------------------------------------------- */

static guint
count (const char *haystack, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (haystack, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Compares @actual with the golden file @name; IC_UPDATE_GOLDEN=1 rewrites
 * the file instead (then review the diff by hand: tests/golden/README.md). */
static void
assert_golden (const char *name, const GString *actual)
{
  g_autofree char *path = ic_golden_path (name);
  g_autofree char *expected = NULL;
  gsize expected_len = 0;
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (g_getenv ("IC_UPDATE_GOLDEN"), "1") == 0)
    {
      g_file_set_contents (path, actual->str, (gssize) actual->len, &error);
      g_assert_no_error (error);
      g_test_message ("rewrote %s: review it by hand", path);
      return;
    }
  g_file_get_contents (path, &expected, &expected_len, &error);
  g_assert_no_error (error);
  if (expected_len != actual->len || memcmp (expected, actual->str, actual->len) != 0)
    {
      /* Name the first line that differs: more useful than two whole files. */
      guint line = 1;
      gsize i = 0;
      while (i < expected_len && i < actual->len && expected[i] == actual->str[i])
        if (expected[i++] == '\n')
          line++;
      g_test_message ("%s differs from the rendering at line %u (IC_UPDATE_GOLDEN=1 rewrites it)", name, line);
      g_test_fail ();
    }
}

/* ---- the golden bundles follow the contract --------------------------- */

static void
test_golden_bundles_valid (void)
{
  g_autofree char *schema = g_build_filename (ic_test_source_dir (), "schemas", "bundle.schema.json", NULL);
  g_autofree char *b2022 = ic_golden_path ("bundle-2022.json");
  g_autofree char *b2023 = ic_golden_path ("bundle-2023.json");
  g_autofree char *b2024 = ic_golden_path ("bundle-2024.json");

  g_assert_cmpint (ic_test_validate_files (schema, (const char *const[]) { b2022, b2023, b2024, NULL }, NULL), ==, 0);
}

/* The intervals and tests written by hand in the golden bundles are the
 * engine's: each ci95 is ic_wilson_interval() of the counts, and each
 * change's p-value ic_two_proportion_p() of the previous golden bundle's
 * counts and these, rounded to four decimals. */
static void
test_golden_statistics (void)
{
  static const char *const names[] = { "bundle-2022.json", "bundle-2023.json", "bundle-2024.json" };
  g_autoptr (GPtrArray) trees = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  guint intervals = 0, tests = 0;

  for (guint b = 0; b < G_N_ELEMENTS (names); b++)
    {
      g_autofree char *text = ic_golden_text (names[b]);
      g_autoptr (GError) error = NULL;
      g_ptr_array_add (trees, json_from_string (text, &error));
      g_assert_no_error (error);
    }
  for (guint b = 0; b < trees->len; b++)
    {
      JsonArray *indicators = json_object_get_array_member (json_node_get_object (trees->pdata[b]), "indicators");
      for (guint i = 0; i < json_array_get_length (indicators); i++)
        {
          JsonObject *indicator = json_array_get_object_element (indicators, i);
          const char *id = json_object_get_string_member (indicator, "id");
          JsonNode *ci = json_object_get_member (indicator, "ci95");
          JsonNode *change = json_object_get_member (indicator, "change");
          gint64 low, high;

          if (JSON_NODE_HOLDS_NULL (ci))
            g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (indicator, "value")));
          else
            {
              JsonArray *bounds = json_node_get_array (ci);
              g_assert_true (ic_wilson_interval (json_object_get_int_member (indicator, "numerator"),
                                                 json_object_get_int_member (indicator, "denominator"), &low, &high));
              g_assert_cmpint (llround (json_array_get_double_element (bounds, 0) * 10), ==, low);
              g_assert_cmpint (llround (json_array_get_double_element (bounds, 1) * 10), ==, high);
              intervals++;
            }
          if (!JSON_NODE_HOLDS_NULL (change))
            {
              JsonObject *c = json_node_get_object (change);
              JsonArray *before = json_object_get_array_member (json_node_get_object (trees->pdata[b - 1]), "indicators");
              JsonObject *earlier = NULL;
              double p;

              for (guint k = 0; k < json_array_get_length (before); k++)
                if (strcmp (json_object_get_string_member (json_array_get_object_element (before, k), "id"), id) == 0)
                  earlier = json_array_get_object_element (before, k);
              g_assert_nonnull (earlier);
              p = ic_two_proportion_p (json_object_get_int_member (earlier, "numerator"),
                                       json_object_get_int_member (earlier, "denominator"),
                                       json_object_get_int_member (indicator, "numerator"),
                                       json_object_get_int_member (indicator, "denominator"));
              g_assert_cmpint (llround (json_object_get_double_member (c, "p_value") * 10000), ==,
                               (gint64) floor (p * 10000 + 0.5));
              g_assert_true (json_object_get_boolean_member (c, "significant") == (p < 0.05));
              tests++;
            }
        }
    }
  /* 4 in 2022, 4 in 2023 (the EPNP not available), 4 in 2024; the BSEM in
   * 2023, and the BSEM, EPP, IP and VAD in 2024 */
  g_assert_cmpuint (intervals, ==, 12);
  g_assert_cmpuint (tests, ==, 5);
}

/* ---- French wording --------------------------------------------------- */

static void
assert_string (char *actual, const char *expected)
{
  g_assert_cmpstr (actual, ==, expected);
  g_free (actual);
}

static void
test_french_change (void)
{
  /* French puts the plural from 2 on: 1,9 point, 2,0 points */
  assert_string (ic_render_format_change (13, "%"), "+1,3 point");
  assert_string (ic_render_format_change (19, "%"), "+1,9 point");
  assert_string (ic_render_format_change (20, "%"), "+2,0 points");
  assert_string (ic_render_format_change (-25, "%"), MINUS "2,5 points");
  assert_string (ic_render_format_change (-5, "%"), MINUS "0,5 point");
  assert_string (ic_render_format_change (0, "%"), "0,0 point");
  assert_string (ic_render_format_change (123456, "%"), "+12" NBSP "345,6 points");
  /* other units keep theirs */
  assert_string (ic_render_format_change (-120, "jours"), MINUS "12,0 jours");
  assert_string (ic_render_format_change (7, ""), "+0,7");
}

static void
test_french_p_value (void)
{
  /* from 0.1, two decimals (half up); below, the bundle's four, without
   * trailing zeros; never a figure on the wrong side of 0.05 */
  assert_string (ic_render_format_p_value (3678, FALSE), "= 0,37");
  assert_string (ic_render_format_p_value (1568, FALSE), "= 0,16");
  assert_string (ic_render_format_p_value (1000, FALSE), "= 0,10");
  assert_string (ic_render_format_p_value (9950, FALSE), "= 1,00");
  assert_string (ic_render_format_p_value (10000, FALSE), "= 1,00");
  assert_string (ic_render_format_p_value (999, FALSE), "= 0,0999");
  assert_string (ic_render_format_p_value (500, FALSE), "= 0,05");
  assert_string (ic_render_format_p_value (500, TRUE), "< 0,05");
  assert_string (ic_render_format_p_value (499, TRUE), "= 0,0499");
  assert_string (ic_render_format_p_value (10, TRUE), "= 0,001");
  assert_string (ic_render_format_p_value (2, TRUE), "= 0,0002");
  assert_string (ic_render_format_p_value (0, TRUE), "< 0,0001");
}

static void
test_french_values (void)
{
  assert_string (ic_render_format_value (66, "%"), "6,6 %");
  assert_string (ic_render_format_value (140, "%"), "14,0 %");
  assert_string (ic_render_format_value (15600, "%"), "1" NBSP "560,0 %");
  assert_string (ic_render_format_value (5, ""), "0,5");
  assert_string (ic_render_format_target_value (200), "20");
  assert_string (ic_render_format_target_value (125), "12,5");
  assert_string (ic_render_format_target_value (10000), "1" NBSP "000");
  assert_string (ic_render_format_date ("2023-09-01"), "01/09/2023");
  assert_string (ic_render_format_timestamp ("2025-03-01T09:00:00Z"), "01/03/2025 à 09:00 UTC");
  assert_string (ic_render_oneline ("a\nb\tc\r"), "a b c ");
}

static void
test_french_target (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load ("bundle-2024.json");

  assert_string (ic_render_format_target (ic_golden_find (bundle, "epp_pmi_coverage")), "au moins 20 %");
  g_assert_cmpstr (ic_render_target_met_word (ic_golden_find (bundle, "epp_pmi_coverage")), ==, "non atteinte");
  assert_string (ic_render_format_target (ic_golden_find (bundle, "vad_child_share")), "au moins 15 %");
  /* at least 100 %: nothing more is possible, « 100 % » says it all */
  assert_string (ic_render_format_target (ic_golden_find (bundle, "ip_eval_3m_rate")), "100 %");
  g_assert_cmpstr (ic_render_target_met_word (ic_golden_find (bundle, "vad_child_share")), ==, "atteinte");
  assert_string (ic_render_format_target (ic_golden_find (bundle, "bsem_coverage")), "progression");
  g_assert_cmpstr (ic_render_target_met_word (ic_golden_find (bundle, "consultation_child_share")), ==, "non déterminée");
  g_assert_null (ic_render_format_target (ic_golden_find (bundle, "epnp_pmi_coverage")));
  g_assert_null (ic_render_target_met_word (ic_golden_find (bundle, "epnp_pmi_coverage")));
  assert_string (ic_render_format_department (bundle), "Creuse (23)");
}

/* ---- the formats against their golden files --------------------------- */

static void
test_golden (gconstpointer data)
{
  const char *name = data;
  g_autoptr (IcBundleView) bundle = ic_golden_load_series ();
  const IcRenderFormat *format = NULL;
  g_autoptr (GString) out = NULL;
  g_autofree char *format_name = g_strdup (strrchr (name, '.') + 1);

  if (strcmp (format_name, "txt") == 0)
    g_free (format_name), format_name = g_strdup ("text");
  format = ic_render_format_find (format_name);
  g_assert_nonnull (format);
  out = ic_render (bundle, format);
  g_assert_true (g_utf8_validate (out->str, (gssize) out->len, NULL));
  assert_golden (name, out);
}

/* The same bundle without earlier years: no change, no trend. */
static void
test_golden_alone (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load ("bundle-2024.json");
  g_autoptr (GString) text = ic_render (bundle, ic_render_format_find ("text"));

  assert_golden ("creuse-2024-alone.txt", text);
}

/* ---- text --------------------------------------------------------------- */

static void
test_text_solen (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load_series ();
  g_autoptr (GString) out = ic_render (bundle, ic_render_format_find ("text"));

  /* each indicator under its SOLEN engagement and objective */
  g_assert_nonnull (strstr (out->str, "Engagement 1, objectif 1 — Rendre obligatoire l'entretien prénatal précoce\n"
                                      "Taux de couverture des EPP réalisés par la PMI — 2024\n"
                                      "51 femmes ont bénéficié d'un EPP réalisé par la PMI en 2024 sur 770 naissances, soit 6,6 %\n"
                                      "Valeur : 6,6 % [IC à 95 % : 5,1 – 8,6] (51 / 770)\n"
                                      "Cible : au moins 20 % — non atteinte\n"
                                      /* 6.6 - 5.5 = 1.1, p = 0.3678 */
                                      "Évolution : +1,1 point par rapport à 2023 (5,5 %), non significative au seuil "
                                      "de 5 % (p = 0,37) : l'écart peut être dû au hasard\n"));
  /* 14.0 - 9.4 = 4.6, p = 0.1568 */
  g_assert_nonnull (strstr (out->str, "Évolution : +4,6 points par rapport à 2023 (9,4 %), non significative au "
                                      "seuil de 5 % (p = 0,16) : l'écart peut être dû au hasard\n"));
  /* 93.2 - 86.3 = 6.9, p = 0.0000 */
  g_assert_nonnull (strstr (out->str, "Évolution : +6,9 points par rapport à 2022-2023 (86,3 %), significative au "
                                      "seuil de 5 % (p < 0,0001)\n"));
  g_assert_nonnull (strstr (out->str, "Valeur : non disponible — motif : le nombre de naissances de 2024 n'est pas disponible"));
  g_assert_nonnull (strstr (out->str, "Valeur : erreur de calcul — motif : le module s'est arrêté brutalement"));
  /* no line is wrapped nor broken: one fact a line */
  g_assert_null (strstr (out->str, "\r"));
}

/* ---- CSV ---------------------------------------------------------------- */

typedef struct {
  GPtrArray *rows; /* GStrv each */
  char separator;
} Csv;

static void
csv_clear (Csv *csv)
{
  g_ptr_array_unref (csv->rows);
}

static char **
fields_to_strv (const IcCsvField *fields, guint n_fields)
{
  char **row = g_new0 (char *, n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    row[i] = g_strndup (fields[i].data, fields[i].len);
  return row;
}

static void
csv_read (const GString *text, Csv *csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = ic_csv_reader_new_from_data (text->str, text->len, NULL, &error);
  const IcCsvField *fields;
  guint n_fields;
  guint64 line;

  g_assert_no_error (error);
  csv->separator = ic_csv_reader_get_separator (reader);
  g_assert_false (ic_csv_reader_was_converted (reader)); /* valid UTF-8 */
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  fields = ic_csv_reader_get_header (reader, &n_fields);
  g_ptr_array_add (csv->rows, fields_to_strv (fields, n_fields));
  while (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error))
    g_ptr_array_add (csv->rows, fields_to_strv (fields, n_fields));
  g_assert_no_error (error);
}

/* The row of @territory for indicator @id in @year. */
static char **
csv_row (Csv *csv, const char *id, const char *territory, const char *year)
{
  for (guint i = 1; i < csv->rows->len; i++)
    {
      char **row = csv->rows->pdata[i];
      if (strcmp (row[3], id) == 0 && strcmp (row[6], territory) == 0 && strcmp (row[2], year) == 0)
        return row;
    }
  g_error ("no row %s / %s / %s", id, territory, year);
  return NULL;
}

static void
test_csv_excel_french (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load_series ();
  g_autoptr (GString) out = ic_render (bundle, ic_render_format_find ("csv"));
  static const char *const header[] = {
    "département", "nom du département", "année", "indicateur", "titre", "période", "territoire",
    "numérateur", "dénominateur", "valeur", "IC à 95 % bas", "IC à 95 % haut", "unité", "valeur précédente",
    "évolution", "p-valeur", "évolution significative", "cible", "cible atteinte", "statut", "motif",
    "version de la définition", NULL,
  };
  Csv csv;
  char **row;
  guint crlf = 0, lf = 0;

  /* UTF-8 byte order mark, CRLF and only CRLF */
  g_assert_true (g_str_has_prefix (out->str, "\xEF\xBB\xBF" "département;"));
  for (gsize i = 0; i < out->len; i++)
    if (out->str[i] == '\n')
      {
        lf++;
        crlf += i > 0 && out->str[i - 1] == '\r';
      }
  g_assert_cmpuint (lf, ==, crlf);
  g_assert_true (g_str_has_suffix (out->str, "\r\n"));
  /* no thousands separator in a number: Excel would read text */
  g_assert_null (strstr (out->str, NBSP "5"));

  csv_read (out, &csv);
  g_assert_cmpint (csv.separator, ==, ';');
  g_assert_true (g_strv_equal (csv.rows->pdata[0], header));
  /* 1 header + per indicator its earlier years, 1 total and its strata:
   * epnp 1 (2023) + 1 + 0, epp 2 + 1 + 5, bsem 2 + 1 + 5, vad 2 + 1 + 5,
   * consultation 0 + 1 + 0, ip 2 + 1 + 5 = 2 + 8 + 8 + 8 + 1 + 8 = 35 */
  g_assert_cmpuint (csv.rows->len, ==, 1 + 35);
  for (guint i = 0; i < csv.rows->len; i++)
    g_assert_cmpuint (g_strv_length (csv.rows->pdata[i]), ==, G_N_ELEMENTS (header) - 1);

  /* every row says its département and year; the earlier years first */
  row = csv.rows->pdata[1];
  g_assert_cmpstr (row[0], ==, "23");
  g_assert_cmpstr (row[1], ==, "Creuse");
  g_assert_cmpstr (row[2], ==, "2023");
  g_assert_cmpstr (row[3], ==, "epnp_pmi_coverage");
  g_assert_cmpstr (row[6], ==, "Ensemble");
  g_assert_cmpstr (row[9], ==, "");
  g_assert_cmpstr (row[19], ==, "non disponible");
  row = csv.rows->pdata[2];
  g_assert_cmpstr (row[2], ==, "2024");
  g_assert_cmpstr (row[7], ==, "120"); /* the numerator stays */
  g_assert_cmpstr (row[9], ==, "");
  g_assert_cmpstr (row[10], ==, "");
  g_assert_cmpstr (row[11], ==, "");
  g_assert_cmpstr (row[19], ==, "non disponible");
  g_assert_true (g_str_has_prefix (row[20], "le nombre de naissances de 2024 n'est pas disponible"));
  row = csv.rows->pdata[3];
  g_assert_cmpstr (row[3], ==, "epp_pmi_coverage");
  g_assert_cmpstr (row[2], ==, "2022");

  /* an earlier year: its value, and its change from the year before
   * (EPP 2023: 5,5 − 4,8 = 0,7), untested */
  row = csv_row (&csv, "epp_pmi_coverage", "Ensemble", "2023");
  g_assert_cmpstr (row[7], ==, "");
  g_assert_cmpstr (row[9], ==, "5,5");
  g_assert_cmpstr (row[13], ==, "4,8");
  g_assert_cmpstr (row[14], ==, "0,7");
  g_assert_cmpstr (row[15], ==, "");
  g_assert_cmpstr (row[19], ==, "disponible");
  row = csv_row (&csv, "epp_pmi_coverage", "Ensemble", "2024");
  g_assert_cmpstr (row[4], ==, "Taux de couverture des EPP réalisés par la PMI");
  g_assert_cmpstr (row[5], ==, "2024");
  g_assert_cmpstr (row[7], ==, "51");
  g_assert_cmpstr (row[8], ==, "770");
  g_assert_cmpstr (row[9], ==, "6,6");
  g_assert_cmpstr (row[10], ==, "5,1"); /* the 95 % interval, decimal comma */
  g_assert_cmpstr (row[11], ==, "8,6");
  g_assert_cmpstr (row[12], ==, "%");
  /* 6,6 − 5,5 = 1,1 point; p = 0,3678 (tests/golden/README.md) */
  g_assert_cmpstr (row[13], ==, "5,5");
  g_assert_cmpstr (row[14], ==, "1,1");
  g_assert_cmpstr (row[15], ==, "0,3678");
  g_assert_cmpstr (row[16], ==, "non");
  g_assert_cmpstr (row[17], ==, "au moins 20 %");
  g_assert_cmpstr (row[18], ==, "non");
  g_assert_cmpstr (row[19], ==, "disponible");
  g_assert_cmpstr (row[21], ==, "1.0.0");
  row = csv_row (&csv, "epp_pmi_coverage", "Bourganeuf", "2024");
  g_assert_cmpstr (row[7], ==, "");
  g_assert_cmpstr (row[9], ==, "");
  g_assert_cmpstr (row[10], ==, "");
  g_assert_cmpstr (row[19], ==, "secret statistique");
  g_assert_cmpstr (row[20], ==, "effectif de 1 à 10, ou complément d'un tel effectif");
  /* a territory's Wilson interval from its counts, 11 / 160:
   *   p̂ = 0,06875, z² = 3,841459, 1 + z²/n = 1,024009
   *   centre = (0,06875 + 3,841459 / 320) / 1,024009 = 0,080755 / 1,024009 = 0,078862
   *   half = 1,959964 × √(0,06875 × 0,93125 / 160 + 3,841459 / 102 400) / 1,024009
   *        = 1,959964 × √(0,00040015 + 0,00003751) / 1,024009 = 0,040042
   *   → 0,038820 and 0,118904: 3,9 and 11,9 */
  row = csv_row (&csv, "epp_pmi_coverage", "Aubusson & Felletin", "2024");
  g_assert_cmpstr (row[9], ==, "6,9");
  g_assert_cmpstr (row[10], ==, "3,9");
  g_assert_cmpstr (row[11], ==, "11,9");
  g_assert_cmpstr (row[13], ==, ""); /* no earlier figure for a territory */
  g_assert_cmpstr (row[17], ==, ""); /* the target is the département's */
  row = csv_row (&csv, "vad_child_share", "Ensemble", "2024");
  g_assert_cmpstr (row[8], ==, "1560");
  g_assert_cmpstr (row[10], ==, "21,5");
  g_assert_cmpstr (row[11], ==, "25,8");
  g_assert_cmpstr (row[15], ==, "0,0010");
  g_assert_cmpstr (row[16], ==, "oui");
  g_assert_cmpstr (row[18], ==, "oui");
  /* the VAD's 2022 came from definition 0.9.0 */
  row = csv_row (&csv, "vad_child_share", "Ensemble", "2022");
  g_assert_cmpstr (row[9], ==, "15,2");
  g_assert_cmpstr (row[21], ==, "0.9.0");
  row = csv_row (&csv, "ip_eval_3m_rate", "Ensemble", "2024");
  g_assert_cmpstr (row[9], ==, "14,0");
  g_assert_cmpstr (row[10], ==, "9,6");
  g_assert_cmpstr (row[11], ==, "19,8");
  g_assert_cmpstr (row[17], ==, "100 %");
  /* a school year: the bundle's year, the period's label */
  row = csv_row (&csv, "bsem_coverage", "Ensemble", "2024");
  g_assert_cmpstr (row[5], ==, "2023-2024");
  g_assert_cmpstr (row[15], ==, "0,0000");
  g_assert_cmpstr (row[17], ==, "progression");
  g_assert_cmpstr (row[18], ==, "oui");
  row = csv_row (&csv, "consultation_child_share", "Ensemble", "2024");
  g_assert_cmpstr (row[9], ==, "");
  g_assert_cmpstr (row[18], ==, "non déterminée");
  g_assert_cmpstr (row[19], ==, "erreur de calcul");
  csv_clear (&csv);
}

/* ---- HTML --------------------------------------------------------------- */

static void
test_html_self_contained (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load_series ();
  g_autoptr (GString) out = ic_render (bundle, ic_render_format_find ("html"));
  static const char *const forbidden[] = {
    "http:", "https:", "//", "<script", "@import", "url(", "src=", "<link", "<img", "<iframe", "<object",
    "<embed", "xlink:href", "@font-face", NULL,
  };
  /* the charts: by territory for the four indicators with strata, and the
   * trend for the four with at least two years of values (the EPNP has none,
   * the consultation a single year) */
  const guint charts = 8;
  const char *p;

  g_assert_true (g_str_has_prefix (out->str, "<!DOCTYPE html>\n<html lang=\"fr\">\n"));
  g_assert_nonnull (strstr (out->str, "<title>Indicateurs 2024 — Creuse (23)</title>"));
  g_assert_nonnull (strstr (out->str, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (out->str, "@media print"));
  for (guint i = 0; forbidden[i]; i++)
    if (strstr (out->str, forbidden[i]) != NULL)
      g_error ("the page holds \"%s\"", forbidden[i]);
  /* "http" only in the Content-Security-Policy that forbids loading anything */
  g_assert_cmpuint (count (out->str, "http"), ==, 1);
  g_assert_nonnull (strstr (out->str, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
  /* links only within the page */
  for (p = strstr (out->str, "href="); p; p = strstr (p + 1, "href="))
    g_assert_true (g_str_has_prefix (p, "href=\"#"));

  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      g_autofree char *section = g_strdup_printf ("<section class=\"indicator\" id=\"ind-%s\"", indicator->id);
      g_assert_nonnull (strstr (out->str, section));
    }
  g_assert_cmpuint (count (out->str, "<section class=\"indicator\""), ==, 6);
  /* each chart an <svg role="img"> named by its <title> and <desc>, and
   * its figures in a visually hidden table */
  g_assert_cmpuint (count (out->str, "<svg "), ==, charts);
  g_assert_cmpuint (count (out->str, "<svg class=\"chart\" role=\"img\""), ==, charts);
  g_assert_cmpuint (count (out->str, "</svg>"), ==, charts);
  for (p = strstr (out->str, "<svg "); p; p = strstr (p + 1, "<svg "))
    {
      const char *end = strstr (p, "</svg>");
      g_autofree char *svg = g_strndup (p, end - p);
      g_assert_nonnull (strstr (svg, "aria-labelledby=\""));
      g_assert_nonnull (strstr (svg, "\n<title id=\""));
      g_assert_nonnull (strstr (svg, "\n<desc id=\""));
    }
  g_assert_cmpuint (count (out->str, "<table class=\"visually-hidden\">"), ==, charts);
  /* the states in words, not by colour alone */
  g_assert_nonnull (strstr (out->str, "Cible : au moins 20 % — <span aria-hidden=\"true\">✗ </span>non atteinte"));
  g_assert_nonnull (strstr (out->str, "Cible : au moins 15 % — <span aria-hidden=\"true\">✓ </span>atteinte"));
  g_assert_nonnull (strstr (out->str, "<span class=\"value\">non disponible</span>"));
  /* the interval beside the value, its abbreviation spelt out */
  g_assert_nonnull (strstr (out->str, "<span class=\"value\">6,6 %</span><span class=\"ci\">[<abbr title=\"intervalle "
                                      "de confiance à 95 %\">IC à 95 %</abbr> : 5,1 – 8,6]</span>"));
  g_assert_nonnull (strstr (out->str, "<p class=\"note\">Lecture : l&#39;IC à 95 % est l&#39;intervalle de confiance"));
  g_assert_nonnull (strstr (out->str, "<td data-label=\"Évolution\">+4,8 points depuis 2023, significative</td>"));
  g_assert_nonnull (strstr (out->str, "<span class=\"value\">erreur de calcul</span>"));
  /* escaped */
  g_assert_nonnull (strstr (out->str, "Aubusson &amp; Felletin"));
  g_assert_null (strstr (out->str, "Aubusson & Felletin"));
  g_assert_nonnull (strstr (out->str, "l&#39;entretien prénatal précoce"));
}

/* ---- hostile strings, every format -------------------------------------- */

static IcBundleView *
load_hostile (void)
{
  g_autoptr (JsonNode) root = ic_golden_tree ();
  g_autoptr (GError) error = NULL;
  JsonObject *vad = ic_golden_tree_indicator (root, "vad_child_share");
  JsonArray *strata = json_object_get_array_member (vad, "strata");
  JsonArray *warnings = json_object_get_array_member (vad, "warnings");
  IcBundleView *bundle;

  json_object_set_string_member (json_array_get_object_element (strata, 0), "territory", HOSTILE);
  json_object_set_string_member (json_array_get_object_element (strata, 1), "territory", "=HYPERLINK(\"x\";\"y\")");
  json_object_set_string_member (json_array_get_object_element (strata, 2), "territory", "a|b\nc;d *e* [f](g)");
  json_array_add_string_element (warnings, "</p><svg onload=alert(1)>");
  json_object_set_string_member (vad, "title", "Title " HOSTILE);
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (root), "department"), "name",
                                 "</title><script>alert(1)</script>");
  bundle = ic_golden_load_tree (root, &error);
  g_assert_no_error (error);
  return bundle;
}

static void
test_hostile_html (void)
{
  g_autoptr (IcBundleView) bundle = load_hostile ();
  g_autoptr (GString) out = ic_render (bundle, ic_render_format_find ("html"));

  g_assert_null (strstr (out->str, "<script"));
  g_assert_null (strstr (out->str, "</title><"));
  g_assert_null (strstr (out->str, "<svg onload")); /* "onload=" itself is harmless text once < is escaped */
  /* in text, in the SVG (label and <desc>) and in the hidden table */
  g_assert_cmpuint (count (out->str, "&lt;script&gt;&amp;&quot;&#39;"), >=, 4);
  g_assert_nonnull (strstr (out->str, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (out->str, "&lt;/p&gt;&lt;svg onload=alert(1)&gt;"));
  g_assert_cmpuint (count (out->str, "<svg "), ==, 8);
  /* the département's name in the print header is a CSS string that cannot end */
  g_assert_cmpuint (count (out->str, "</style"), ==, 1);
}

/* The time the bundle was computed, in the zone of TZ: 2025-03-01T09:00:00Z
 * is 10 h in Paris (UTC+1 in winter), 6 h in Cayenne (UTC−3), 13 h in
 * La Réunion (UTC+4). */
static void
test_html_local_time (void)
{
  static const struct { const char *tz, *text; } cases[] = {
    { "Europe/Paris", "du 1er mars 2025 à 10 h 00 (heure de Paris, UTC+1)</p>" },
    { "America/Cayenne", "du 1er mars 2025 à 6 h 00 (heure de Cayenne, UTC-3)</p>" },
    { "Indian/Reunion", "du 1er mars 2025 à 13 h 00 (heure de la Réunion, UTC+4)</p>" },
    { "UTC", "du 1er mars 2025 à 9 h 00 (UTC)</p>" },
  };
  g_autoptr (IcBundleView) bundle = ic_golden_load_series ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) out = NULL;
      g_setenv ("TZ", cases[i].tz, TRUE);
      out = ic_render (bundle, ic_render_format_find ("html"));
      if (strstr (out->str, cases[i].text) == NULL)
        g_error ("TZ=%s: no \"%s\"", cases[i].tz, cases[i].text);
    }
  g_setenv ("TZ", "Europe/Paris", TRUE);
}

/* What a reader of the report needs besides the figures: how each is
 * counted, the files it came from (at the end), the territories'
 * precision, and page numbers on paper. */
static void
test_html_method_and_appendix (void)
{
  g_autoptr (IcBundleView) bundle = ic_golden_load_series ();
  g_autoptr (GString) out = ic_render (bundle, ic_render_format_find ("html"));
  const char *appendix = strstr (out->str, "<h2 id=\"annexe\">Annexe : fichiers lus</h2>");
  const char *last = g_strrstr (out->str, "<section class=\"indicator\"");

  /* a method per indicator */
  g_assert_cmpuint (count (out->str, "\">Méthode</h3>"), ==, 6);
  g_assert_nonnull (strstr (out->str, "<dt>Calcul</dt><dd>numérateur 51 ÷ dénominateur 770 × 100 = 6,6 %, "
                                      "arrondi au dixième</dd>"));
  g_assert_nonnull (strstr (out->str, "<dt>Période</dt><dd>2023-2024, du 01/09/2023 au 31/08/2024</dd>"));
  g_assert_nonnull (strstr (out->str, "<li>effectif de référence : les naissances de 2024 : 770, INSEE état civil "
                                      "(fichier <code>populations.csv</code>)</li>"));
  g_assert_nonnull (strstr (out->str, "<li>relevés : les informations préoccupantes (fichier <code>ip.csv</code>)</li>"));
  g_assert_nonnull (strstr (out->str, "<dt>Définition</dt><dd>version 1.0.0, identifiant epp_pmi_coverage</dd>"));
  /* the checksums in an appendix after the last indicator, and only there */
  g_assert_nonnull (appendix);
  g_assert_true (appendix > last);
  g_assert_true (strstr (out->str, "SHA-256") > last);
  g_assert_true (strstr (out->str, "453a38615b1fd3875769d3d26abd84a1cd4ad8faec308f91ba0f54caab87f16b") > appendix);
  /* a territory's interval, 11 / 160 → 3,9 – 11,9 (test_csv_excel_french) */
  g_assert_nonnull (strstr (out->str, "Aubusson &amp; Felletin 6,9 % (11 / 160), IC à 95 % 3,9 – 11,9"));
  g_assert_nonnull (strstr (out->str, "<td>3,9 – 11,9</td>"));
  /* none for a suppressed one: « Bourganeuf secret statistique » then the next */
  g_assert_nonnull (strstr (out->str, "Bourganeuf secret statistique ; "));
  /* printed: the report's name at the top, « Page 2 sur 7 » at the bottom */
  g_assert_nonnull (strstr (out->str, "@top-left{content:\"Indicateurs 2024 — Creuse \\28 23\\29 \";"));
  g_assert_nonnull (strstr (out->str, "@bottom-right{content:\"Page \" counter(page) \" sur \" counter(pages);"));
}

static void
test_hostile_csv (void)
{
  g_autoptr (IcBundleView) bundle = load_hostile ();
  g_autoptr (GString) out = ic_render (bundle, ic_render_format_find ("csv"));
  Csv csv;

  csv_read (out, &csv);
  g_assert_cmpuint (csv.rows->len, ==, 1 + 35); /* as test_csv_excel_french */
  /* read back as written: quotes, separator and line break inside quotes */
  g_assert_cmpstr (csv_row (&csv, "vad_child_share", HOSTILE, "2024")[4], ==, "Title " HOSTILE);
  csv_row (&csv, "vad_child_share", "a|b\nc;d *e* [f](g)", "2024");
  /* a formula is made text by a leading apostrophe */
  csv_row (&csv, "vad_child_share", "'=HYPERLINK(\"x\";\"y\")", "2024");
  g_assert_nonnull (strstr (out->str, ";\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\";"));
  csv_clear (&csv);
}

static void
test_hostile_md (void)
{
  g_autoptr (IcBundleView) bundle = load_hostile ();
  g_autoptr (GString) out = ic_render (bundle, ic_render_format_find ("md"));

  /* no HTML passes through: every < is escaped */
  for (const char *p = strchr (out->str, '<'); p; p = strchr (p + 1, '<'))
    g_assert_true (p > out->str && p[-1] == '\\');
  g_assert_nonnull (strstr (out->str, "| \\<script\\>\\&\"' | 80 | 325 | 24,6 % |\n"));
  /* one line, `|` escaped: the table keeps four columns */
  g_assert_nonnull (strstr (out->str, "| a\\|b c;d \\*e\\* \\[f\\](g) | 36 | 172 | 20,9 % |\n"));
  g_assert_nonnull (strstr (out->str, "# Indicateurs 2024 — \\</title\\>\\<script\\>alert(1)\\</script\\> (23)\n"));
}

static void
test_hostile_text (void)
{
  g_autoptr (IcBundleView) bundle = load_hostile ();
  g_autoptr (GString) out = ic_render (bundle, ic_render_format_find ("text"));

  /* plain text: nothing to escape, but no line broken by a value */
  g_assert_nonnull (strstr (out->str, "Avertissement : </p><svg onload=alert(1)>\n"));
  g_assert_nonnull (strstr (out->str, "\nTitle " HOSTILE " — 2024\n"));
}

/* ---- the real engine's bundle ------------------------------------------- */

/* The Creuse example computed in-process, written as `indicore run` writes
 * it, read back and rendered: every format shows every indicator. */
static void
test_creuse_all_formats (void)
{
  g_autoptr (IcPluginSet) plugins = ic_test_real_plugins ();
  g_autofree char *data = g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcRun) run = ic_test_run (plugins, data, 2024, NULL, FALSE, NULL, &error);
  g_autoptr (JsonNode) tree = NULL;
  g_autofree char *text = NULL;
  g_autoptr (IcBundleView) bundle = NULL;
  g_autoptr (GString) txt = NULL, csv_text = NULL, md = NULL, html = NULL;
  guint rows = 1;
  Csv csv;

  g_assert_no_error (error);
  tree = ic_test_bundle (run);
  text = ic_json_write (tree, NULL);
  bundle = ic_bundle_read_from_data ("creuse.json", text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bundle->indicators->len, ==, run->results->len);

  txt = ic_render (bundle, ic_render_format_find ("text"));
  csv_text = ic_render (bundle, ic_render_format_find ("csv"));
  md = ic_render (bundle, ic_render_format_find ("md"));
  html = ic_render (bundle, ic_render_format_find ("html"));
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      g_autofree char *escaped = g_markup_escape_text (indicator->title, -1);
      g_autofree char *value = indicator->has_value ? ic_render_format_value (indicator->value_tenths, indicator->unit)
                                                    : g_strdup ("non disponible");

      g_assert_nonnull (strstr (txt->str, indicator->title));
      g_assert_nonnull (strstr (txt->str, value));
      g_assert_nonnull (strstr (md->str, value));
      g_assert_nonnull (strstr (html->str, value));
      /* its earlier years (the series ends with this one), its total, its territories */
      rows += indicator->series->len + indicator->strata->len;
    }
  /* Creuse's published EPP: 51 / 770, 6,6 % against ≥ 20 % */
  g_assert_nonnull (strstr (txt->str, "Valeur : 6,6 % [IC à 95 % : 5,1 – 8,6] (51 / 770)\nCible : au moins 20 % — non atteinte\n"));
  csv_read (csv_text, &csv);
  g_assert_cmpuint (csv.rows->len, ==, rows);
  g_assert_cmpstr (csv_row (&csv, "epp_pmi_coverage", "Ensemble", "2024")[9], ==, "6,6");
  csv_clear (&csv);
}

/* ---- the command ------------------------------------------------------- */

static void
test_cli (void)
{
  g_autofree char *bundle = ic_golden_path ("bundle-2024.json");
  g_autofree char *previous = ic_golden_path ("bundle-2023.json");
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *out_path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *garbage = ic_test_write (dir, "garbage.json", "not json");
  g_autofree char *out = NULL, *err = NULL, *written = NULL;
  g_autoptr (IcBundleView) loaded = ic_golden_load ("bundle-2024.json");
  g_autoptr (IcBundleView) y2023 = ic_golden_load ("bundle-2023.json");
  g_autoptr (GString) expected = NULL;
  g_autoptr (GError) error = NULL;

  /* text on standard output by default */
  g_assert_cmpint (ic_test_spawn ((const char *const[]) { "render", bundle, "--previous", previous, NULL }, &out, &err), ==, 0);
  g_assert_true (ic_bundle_view_add_previous (loaded, y2023, &error));
  expected = ic_render (loaded, ic_render_format_find ("text"));
  g_assert_cmpstr (out, ==, expected->str);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* to a file, atomically */
  g_assert_cmpint (ic_test_spawn ((const char *const[]) { "render", bundle, "--format", "html", "--out", out_path, NULL },
                                  &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_file_get_contents (out_path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (written, "<!DOCTYPE html>"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* usage errors and unreadable bundles: 2 */
  g_assert_cmpint (ic_test_spawn ((const char *const[]) { "render", bundle, "--format", "pdf", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "expected text, csv, html, md or solen"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ic_test_spawn ((const char *const[]) { "render", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ic_test_spawn ((const char *const[]) { "render", garbage, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "garbage.json"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ic_test_spawn ((const char *const[]) { "render", "/nonexistent/bundle.json", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* the usage line names the program and the command once */
  g_assert_cmpint (ic_test_spawn ((const char *const[]) { "render", "--help", NULL }, &out, &err), ==, 0);
  /* ("[OPTION…]", or "[OPTION?]" where the locale's charset has no "…") */
  g_assert_true (g_str_has_prefix (out, "Usage:\n  indicore render [OPTION"));
  g_assert_nonnull (strstr (out, "] BUNDLE\n"));
  g_assert_null (strstr (out, "render BUNDLE"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* the same year as --previous */
  g_assert_cmpint (ic_test_spawn ((const char *const[]) { "render", bundle, "--previous", bundle, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "not of a year before 2024"));

  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  /* the HTML report gives the time in the system's zone: the golden one is Paris's */
  g_setenv ("TZ", "Europe/Paris", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/golden/bundles-follow-the-schema", test_golden_bundles_valid);
  g_test_add_func ("/render/golden/statistics-are-the-engine-s", test_golden_statistics);
  g_test_add_func ("/render/french/change", test_french_change);
  g_test_add_func ("/render/french/p-value", test_french_p_value);
  g_test_add_func ("/render/french/values", test_french_values);
  g_test_add_func ("/render/french/target", test_french_target);
  g_test_add_data_func ("/render/text/golden", "creuse-2024.txt", test_golden);
  g_test_add_func ("/render/text/golden-without-previous", test_golden_alone);
  g_test_add_func ("/render/text/solen", test_text_solen);
  g_test_add_data_func ("/render/csv/golden", "creuse-2024.csv", test_golden);
  g_test_add_func ("/render/csv/excel-french", test_csv_excel_french);
  g_test_add_data_func ("/render/md/golden", "creuse-2024.md", test_golden);
  g_test_add_data_func ("/render/html/golden", "creuse-2024.html", test_golden);
  g_test_add_func ("/render/html/self-contained", test_html_self_contained);
  g_test_add_func ("/render/html/local-time", test_html_local_time);
  g_test_add_func ("/render/html/method-and-appendix", test_html_method_and_appendix);
  g_test_add_func ("/render/escape/html", test_hostile_html);
  g_test_add_func ("/render/escape/csv", test_hostile_csv);
  g_test_add_func ("/render/escape/md", test_hostile_md);
  g_test_add_func ("/render/escape/text", test_hostile_text);
  g_test_add_func ("/render/creuse/all-formats", test_creuse_all_formats);
  g_test_add_func ("/render/cli/render", test_cli);

  return g_test_run ();
}

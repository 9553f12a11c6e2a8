/* render-wording.h: the French wording the formats share (render-text.c,
 * render-csv.c, render-md.c, render-html.c): numbers with a decimal comma,
 * units, targets, changes and their test, dates. Computes nothing: every
 * figure is the bundle's. */
#pragma once

#include <glib.h>

#include "bundle-view.h"

G_BEGIN_DECLS

/* Each returns a new string unless it says otherwise. */

/* A value with one decimal and its unit: "6,6 %", "1 234,5 jours", "12,0". */
char *ic_render_format_value (gint64 tenths, const char *unit);

/* @unit for @count of it: French takes the plural from 2 on, so that 0 and
 * 1 take the singular of its first word ("mesures" -> "mesure", "mesures
 * de protection" -> "mesure de protection"; "mois" stays). */
char *ic_render_unit_for (const char *unit, gint64 count);

/* A figure of @indicator (its value, a stratum's, an earlier year's) in
 * tenths, as its kind is written: a rate as ic_render_format_value ("6,6 %"),
 * a count as a whole number with the French thousands separator and its
 * unit, singular for 0 and 1 ("1 412 mesures", "1 mesure"). */
char *ic_render_format_figure (const IcBundleIndicator *indicator, gint64 tenths);

/* The indicator's value as above, or the word for its status when it has
 * none (« non disponible »); newly allocated. */
char *ic_render_format_value_or_status (const IcBundleIndicator *indicator);

/* A target's value without a needless decimal: 20 -> "20", 12.5 -> "12,5". */
char *ic_render_format_target_value (gint64 tenths);

/* The target alone, in words: "au moins 20 %", "plus de 20 %", "au plus
 * 5 %", "moins de 5 %", "100 %" for at least 100 % (nothing more is
 * possible), "au moins 1 656 en nombre" on a rate's count, "au moins 1 500
 * mesures" for an indicator of kind count, "progression",
 * "progression du nombre"; each followed by " (cible départementale)" when
 * the département set it; NULL when there is none. */
char *ic_render_format_target (const IcBundleIndicator *indicator);

/* "atteinte", "non atteinte", "non déterminée", or NULL without a target;
 * static strings. */
const char *ic_render_target_met_word (const IcBundleIndicator *indicator);

/* The change, signed, in points for a percentage: "+1,3 point",
 * "−2,0 points" (U+2212), "0,0 point"; in the unit otherwise. */
char *ic_render_format_change (gint64 change_tenths, const char *unit);

/* The change of @indicator's value as its kind is written: a rate's as
 * above, a count's as a count ("+112 mesures", "−1 mesure"). */
char *ic_render_format_indicator_change (const IcBundleIndicator *indicator, gint64 change_tenths);

/* The 95 % interval's bounds: "5,1 – 8,6" (an en dash); NULL without one. */
char *ic_render_format_ci95 (const IcBundleIndicator *indicator);

/* The value and its interval: "6,6 % [IC à 95 % : 5,1 – 8,6]", or the value
 * alone without an interval. */
char *ic_render_format_value_ci95 (const IcBundleIndicator *indicator);

/* A p-value given in ten-thousandths, as printed after "p": "= 0,37" (two
 * decimals from 0.1), "= 0,0432" (the bundle's four decimals below),
 * "< 0,0001" for 0, and "< 0,05" for a significant 0.0500 (p was rounded up
 * to it). */
char *ic_render_format_p_value (gint64 p_value, gboolean significant);

/* The bundle's test of the change, in words: "significative au seuil de
 * 5 % (p = 0,001)", "non significative au seuil de 5 % (p = 0,37) : l'écart
 * peut être dû au hasard", "significativité non évaluée (effectifs de 2023
 * inconnus)"; with @brief, "significative" or "non significative" (NULL
 * untested). NULL when the change is not the bundle's. */
char *ic_render_format_significance (const IcBundleIndicator *indicator, gboolean brief);

/* The change as a sentence: "+1,1 point par rapport à 2023 (5,5 %), non
 * significative au seuil de 5 % (p = 0,37) : l'écart peut être dû au
 * hasard", with a note when the earlier year's definition differs; with
 * @brief, "+1,1 point depuis 2023, non significative". NULL without a
 * change. */
char *ic_render_format_change_sentence (const IcBundleIndicator *indicator, gboolean brief);

/* "Engagement 1, objectif 2", "Objectif 3" in a framework without
 * engagements (NULL without SOLEN). */
char *ic_render_format_solen (const IcBundleIndicator *indicator);

/* A date YYYY-MM-DD as DD/MM/YYYY; other text unchanged. */
char *ic_render_format_date (const char *iso);

/* generated_at "2025-03-01T09:00:00Z" as "01/03/2025 à 09:00 UTC"; other
 * text unchanged. */
char *ic_render_format_timestamp (const char *iso);

/* @text on one line: line breaks, tabs and other control characters become
 * spaces. */
char *ic_render_oneline (const char *text);

/* Why a suppressed territory shows no figure: "effectif de 1 à 10, ou
 * complément d'un tel effectif" (the threshold when the bundle gives it). */
char *ic_render_format_suppressed_reason (const IcBundleView *bundle);

/* What the 95 % interval and a significant change mean, for the reports
 * that show them (ic_bundle_view_has_statistics). */
#define IC_RENDER_STATISTICS_NOTE                                                                              \
  "Lecture : l'IC à 95 % est l'intervalle de confiance à 95 % de la proportion (méthode de Wilson), la marge " \
  "d'incertitude due aux effectifs. Une évolution est dite significative au seuil de 5 % quand l'écart avec "  \
  "l'année précédente est trop grand pour s'expliquer par le seul hasard (test de comparaison de deux "        \
  "proportions)."

/* A report's words for an indicator without a target, after « Cible : »,
 * the same in every format. */
#define IC_RENDER_NO_TARGET "aucune"

/* What a suppressed territory shows instead of its figures. */
#define IC_RENDER_SUPPRESSED "secret statistique"

/* A breakdown's title, « Par type de mesure », and the head of its first
 * column, « Type de mesure » (from its `label`). */
char *ic_render_breakdown_title (const IcBundleBreakdown *breakdown);
char *ic_render_breakdown_column (const IcBundleBreakdown *breakdown);

/* The cells of a row of a table of strata (territories or a breakdown's
 * codes): @stratum's numerator, denominator and value ("40", "50",
 * "80,0 %"), or the département's total for NULL; a count's numerator and
 * denominator are empty, a suppressed stratum's "—", "—" and
 * IC_RENDER_SUPPRESSED. Each newly allocated. */
void ic_render_stratum_cells (const IcBundleIndicator *indicator, const IcBundleStratum *stratum, char **numerator,
                              char **denominator, char **value);

/* A stratum in a sentence: "80,0 % (40 / 50)", "420 mesures", or
 * IC_RENDER_SUPPRESSED; the département's total for NULL (its counts when
 * it has both). */
char *ic_render_format_stratum (const IcBundleIndicator *indicator, const IcBundleStratum *stratum);

/* A breakdown on one line: « Par type de mesure : AED : 420 mesures ;
 * AEMO : 950 mesures ; AEMO_R : secret statistique », each code as is. */
char *ic_render_format_breakdown (const IcBundleIndicator *indicator, const IcBundleBreakdown *breakdown);

/* "non disponible" or "erreur de calcul"; NULL for ok. Static strings. */
const char *ic_render_status_word (IcBundleStatus status);

/* The département as a title: "Creuse (23)", or "Département 23". */
char *ic_render_format_department (const IcBundleView *bundle);

/* What an input table or a population is, in words ("les naissances");
 * NULL for a name the reports do not know (then printed as it is). A
 * static string. */
const char *ic_render_source_words (const char *name);

G_END_DECLS

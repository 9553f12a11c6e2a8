/* render.h: the bundle read back for people (`indicore render`).
 *
 * A bundle file is read with json-glib into an IcRenderBundle: a small,
 * read-only picture of what the renderings show. Earlier bundles given with
 * --previous only add points to each indicator's series. Each format then
 * writes that picture as text, bytes appended to a GString:
 *
 *   render-text.c  the sentences to paste into the SOLEN form
 *   render-csv.c   a spreadsheet Excel opens correctly in a French locale
 *   render-md.c    Markdown for a wiki or a report annex
 *   render-html.c  one self-contained page with SVG charts (svg-chart.c)
 *
 * The renderings compute nothing: values, counts, targets and their
 * decisions, the 95 % interval, the change and its test, and the series
 * are the bundle's, formatted in French. The one figure they may derive is
 * the year-on-year change of a bundle that does not give one (written
 * before bundles had `change`, or without a previous value): the
 * difference of two values read from bundles, without a test
 * (ic_render_indicator_change). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IC_RENDER_ERROR (ic_render_error_quark ())
GQuark ic_render_error_quark (void);

typedef enum {
  IC_RENDER_ERROR_READ,     /* cannot read the file, or it is not JSON */
  IC_RENDER_ERROR_INVALID,  /* JSON, but not a bundle (a member missing or of the wrong type) */
  IC_RENDER_ERROR_MISMATCH, /* a previous bundle of another département, not of an earlier year,
                               of a year given twice, or contradicting the bundle's own `previous`
                               or `trend` */
} IcRenderError;

typedef enum {
  IC_RENDER_FORMAT_TEXT,
  IC_RENDER_FORMAT_CSV,
  IC_RENDER_FORMAT_HTML,
  IC_RENDER_FORMAT_MD,
} IcRenderFormat;

typedef enum {
  IC_RENDER_STATUS_OK,
  IC_RENDER_STATUS_NOT_AVAILABLE,
  IC_RENDER_STATUS_ERROR,
} IcRenderStatus;

typedef enum {
  IC_RENDER_TARGET_NONE,
  IC_RENDER_TARGET_THRESHOLD, /* value OPERATOR target */
  IC_RENDER_TARGET_PROGRESS,  /* higher than the year before */
} IcRenderTarget;

/* Every figure is held as integer tenths, as the bundle's numbers have at
 * most one decimal: 6.6 is 66. */
typedef struct {
  char *territory;
  gboolean suppressed; /* hidden for small counts: no counts, no value */
  gint64 numerator;
  gint64 denominator;
  gint64 value_tenths;
} IcRenderStratum;

/* One year of an indicator's series. */
typedef struct {
  int year;
  char *label;              /* the period's label ("2024", "2023-2024"); when only the
                               bundle's `previous` or `trend` members gave the point, its
                               year, or its school year when the bundle's period is one */
  gboolean has_value;
  gint64 value_tenths;
  char *definition_version; /* NULL when unknown */
} IcRenderPoint;

typedef struct {
  char *id;
  char *title;
  IcRenderStatus status;
  char *period_start; /* YYYY-MM-DD */
  char *period_end;
  char *period_label;
  gboolean has_numerator;
  gint64 numerator;
  gboolean has_denominator;
  gint64 denominator;
  gboolean has_value;
  gint64 value_tenths;
  char *unit;
  IcRenderTarget target;
  char *target_operator; /* ">=", "<=", ">" or "<" for a threshold, else NULL */
  gint64 target_tenths;
  int target_met;        /* 1 met, 0 not met, -1 not decided (or no target) */
  gboolean has_solen;
  gint64 solen_engagement;
  gint64 solen_objective;
  char *solen_label;
  char *text_fr;         /* NULL when the bundle has none */
  char *reason;          /* NULL when the status is ok */
  char *definition_version;
  int previous_year;     /* the year of the bundle's `previous` member, 0 without one */
  gboolean has_ci95;     /* the bundle's 95 % Wilson interval, in tenths of a percent */
  gint64 ci95_low_tenths;
  gint64 ci95_high_tenths;
  gboolean has_change;   /* the bundle's `change` (from `previous`): FALSE when it is null
                            or absent (bundles written before it) */
  gint64 change_tenths;
  gboolean has_p_value;  /* the two-proportion test; FALSE when last year's counts were unknown */
  gint64 p_value;        /* in ten-thousandths: 0.3678 is 3678 */
  gboolean significant;  /* p < 0.05, as the bundle says */
  GPtrArray *warnings;   /* char * */
  GPtrArray *strata;     /* IcRenderStratum *, in the bundle's order */
  GPtrArray *series;     /* IcRenderPoint *, by year: the bundle's `previous` and `trend`
                            merged with the earlier bundles given; the last is this bundle's */
  guint order;           /* position in the bundle */
} IcRenderIndicator;

typedef struct {
  char *table;
  char *file;
  char *sha256;
  gint64 rows;
  gint64 rejected;
} IcRenderInput;

typedef struct {
  char *file;
  char *reason;
} IcRenderRefusal;

typedef struct {
  char *name;               /* the file it was read from, for messages */
  char *generator_version;
  char *generated_at;
  char *department_code;
  char *department_name;    /* NULL when the bundle has none */
  int year;
  gboolean has_small_count; /* options.small_count, when the bundle has it */
  gint64 small_count;
  GPtrArray *indicators;    /* IcRenderIndicator *, in SOLEN order (engagement, objective),
                               then the bundle's; indicators without SOLEN place last */
  GPtrArray *inputs;        /* IcRenderInput * */
  GPtrArray *refused;       /* IcRenderRefusal * */
  GArray *previous_years;   /* int: the years of the bundles added with
                               ic_render_bundle_add_previous(), in that order */
} IcRenderBundle;

/* Reads the bundle in @data (@length bytes, or NUL-terminated when -1);
 * @name names it in messages. Returns a new bundle (ic_render_bundle_free),
 * or NULL with @error in IC_RENDER_ERROR: READ when it is not JSON, INVALID
 * when a member the renderings need is missing or of the wrong type, a
 * figure has more than one decimal (a p-value more than four), or two
 * members contradict each other (the interval does not hold the value, the
 * change is not the value minus the previous value, `significant` is not
 * p < 0.05, `trend` gives another value than `previous` or `value` for the
 * same year). `ci95`, `change` and `trend` may be absent (bundles written
 * before them). Members the renderings do not show are not checked: that is
 * the schema's job. */
IcRenderBundle *ic_render_bundle_load_from_data (const char *name, const char *data, gssize length,
                                                 GError **error);

/* The same from the file @path. */
IcRenderBundle *ic_render_bundle_load (const char *path, GError **error);

void ic_render_bundle_free (IcRenderBundle *bundle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcRenderBundle, ic_render_bundle_free)

/* Adds the values of @previous, an earlier year's bundle of the same
 * département, to the series of @bundle's indicators (@previous is not kept).
 * Where @bundle's own `previous` or `trend` already has that year, its value
 * stays; @previous only adds the period's label and definition version.
 * FALSE with IC_RENDER_ERROR_MISMATCH when @previous is of another
 * département, of a year not earlier than @bundle's, of a year already added,
 * or when it gives another value than @bundle's own `previous` or `trend`
 * member for the same year. */
gboolean ic_render_bundle_add_previous (IcRenderBundle *bundle, const IcRenderBundle *previous,
                                        GError **error);

/* The year-on-year change of @indicator: the bundle's own `change` and the
 * point of its `previous` year when it has one (has_change); otherwise,
 * when it has a value and an earlier point of its series has one, the latest
 * such point (belonging to the indicator) and the difference in tenths.
 * FALSE otherwise. */
gboolean ic_render_indicator_change (const IcRenderIndicator *indicator, const IcRenderPoint **from,
                                     gint64 *change_tenths);

/* Parses "text", "csv", "html" or "md". */
gboolean ic_render_format_from_string (const char *name, IcRenderFormat *format);

/* The rendering of @bundle in @format: a new string (g_string_free). */
GString *ic_render (const IcRenderBundle *bundle, IcRenderFormat format);

/* The formats, appending to @out. */
void ic_render_text (const IcRenderBundle *bundle, GString *out);
void ic_render_csv (const IcRenderBundle *bundle, GString *out);
void ic_render_md (const IcRenderBundle *bundle, GString *out);
void ic_render_html (const IcRenderBundle *bundle, GString *out);

/* French wording shared by the formats; each returns a new string. */

/* A value with one decimal and its unit: "6,6 %", "1 234,5 jours", "12,0". */
char *ic_render_format_value (gint64 tenths, const char *unit);

/* The indicator's value as above, or the word for its status when it has
 * none (« non disponible »); newly allocated. */
char *ic_render_format_value_or_status (const IcRenderIndicator *indicator);

/* A target's value without a needless decimal: 20 -> "20", 12.5 -> "12,5". */
char *ic_render_format_target_value (gint64 tenths);

/* A threshold's operator as printed: "≥", "≤", ">", "<"; NULL for other
 * targets. A static string. */
const char *ic_render_target_symbol (const IcRenderIndicator *indicator);

/* The target alone: "≥ 20 %", "progression", or NULL when there is none. */
char *ic_render_format_target (const IcRenderIndicator *indicator);

/* "atteinte", "non atteinte", "non déterminée", or NULL without a target;
 * static strings. */
const char *ic_render_target_met_word (const IcRenderIndicator *indicator);

/* The change, signed, in points for a percentage: "+1,3 point",
 * "−2,0 points" (U+2212), "0,0 point"; in the unit otherwise. */
char *ic_render_format_change (gint64 change_tenths, const char *unit);

/* The 95 % interval's bounds: "5,1 – 8,6" (an en dash); NULL without one. */
char *ic_render_format_ci95 (const IcRenderIndicator *indicator);

/* The value and its interval: "6,6 % [IC 95 % : 5,1 – 8,6]", or the value
 * alone without an interval. */
char *ic_render_format_value_ci95 (const IcRenderIndicator *indicator);

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
char *ic_render_format_significance (const IcRenderIndicator *indicator, gboolean brief);

/* The change as a sentence: "+1,1 point par rapport à 2023 (5,5 %), non
 * significative au seuil de 5 % (p = 0,37) : l'écart peut être dû au
 * hasard", with a note when the earlier year's definition differs; with
 * @brief, "+1,1 point depuis 2023, non significative". NULL without a
 * change. */
char *ic_render_format_change_sentence (const IcRenderIndicator *indicator, gboolean brief);

/* TRUE when some indicator of @bundle has an interval or a tested change:
 * the reports then say what they mean. */
gboolean ic_render_bundle_has_statistics (const IcRenderBundle *bundle);

/* "Engagement 1, objectif 2" (NULL without SOLEN). */
char *ic_render_format_solen (const IcRenderIndicator *indicator);

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
char *ic_render_format_suppressed_reason (const IcRenderBundle *bundle);

/* What the 95 % interval and a significant change mean, for the reports
 * that show them (ic_render_bundle_has_statistics). */
#define IC_RENDER_STATISTICS_NOTE                                                                              \
  "Lecture : IC 95 % est l'intervalle de confiance à 95 % de la proportion (méthode de Wilson), la marge "     \
  "d'incertitude due aux effectifs. Une évolution est dite significative au seuil de 5 % quand l'écart avec "  \
  "l'année précédente est trop grand pour s'expliquer par le seul hasard (test de comparaison de deux "        \
  "proportions)."

/* What a suppressed territory shows instead of its figures. */
#define IC_RENDER_SUPPRESSED "secret statistique"

/* "non disponible" or "erreur de calcul"; NULL for ok. Static strings. */
const char *ic_render_status_word (IcRenderStatus status);

/* The département as a title: "Creuse (23)", or "Département 23". */
char *ic_render_format_department (const IcRenderBundle *bundle);

/* TRUE when @point was computed with another definition version than the
 * indicator's (both known). */
gboolean ic_render_point_breaks_series (const IcRenderIndicator *indicator, const IcRenderPoint *point);

G_END_DECLS

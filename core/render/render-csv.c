/* render-csv.c: the bundle as a spreadsheet that Excel opens correctly in a
 * French locale by a double click: UTF-8 with a byte order mark (or Excel
 * reads Windows-1252), `;` between fields (the French list separator), CRLF
 * line ends, decimal comma, counts without thousands separator (so that they
 * stay numbers), headers in French. One row per indicator, territory and
 * year, each with its département and year, so that a pivot table needs no
 * rework: per indicator in SOLEN order, the earlier years the report holds
 * (the département's value), then this year's département total
 * (territoire « Ensemble », with the change and its test), then its
 * territories (their 95 % interval worked out from their counts, as on the
 * HTML report's bars), then each breakdown's strata (territoire « Ensemble »,
 * the breakdown's label and the stratum's code in two more columns,
 * « ventilation » and « modalité », which come last and only when some
 * indicator of the bundle has a breakdown: the file of a bundle without
 * keeps its columns). A count's figures are whole numbers.
 *
 * Texts are quoted when they hold a separator, a quote or a line break
 * (RFC 4180), and a text starting with = + - @ or a tab gets a leading
 * apostrophe, so that a spreadsheet never takes a territory's name for a
 * formula. */
#include "render-wording.h"
#include "renderers.h"

#include <string.h>

#include "trend.h"

#define SEPARATOR ";"
#define EOL "\r\n"
#define TOTAL "Ensemble"

static const char *const columns[] = {
  "département", "nom du département", "année", "indicateur", "titre", "période", "territoire",
  "numérateur", "dénominateur", "valeur", "IC à 95 % bas", "IC à 95 % haut", "unité", "valeur précédente",
  "évolution", "p-valeur", "évolution significative", "cible", "cible atteinte", "statut", "motif",
  "version de la définition",
};

/* After the others, when the bundle has breakdowns. */
static const char *const breakdown_columns[] = { "ventilation", "modalité" };

static void
append_text (GString *out, const char *text)
{
  gboolean formula, quote;

  text = text ? text : "";
  formula = strchr ("=+-@\t\r", *text) != NULL && *text != '\0';
  quote = strpbrk (text, SEPARATOR "\"\r\n") != NULL || formula;
  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/* A count: digits only. */
static void
append_count (GString *out, gboolean has, gint64 count)
{
  if (has)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, count);
}

/* Tenths with a decimal comma and no grouping: 66 -> 6,6; 1234 -> 123,4. */
static void
append_tenths (GString *out, gboolean has, gint64 tenths)
{
  guint64 magnitude;

  if (!has)
    return;
  magnitude = tenths < 0 ? -(guint64) tenths : (guint64) tenths;
  g_string_append_printf (out, "%s%" G_GUINT64_FORMAT ",%u", tenths < 0 ? "-" : "", magnitude / 10,
                          (guint) (magnitude % 10));
}

/* A figure of @indicator: tenths for a rate, a whole number for a count. */
static void
append_figure (GString *out, const IcBundleIndicator *indicator, gboolean has, gint64 tenths)
{
  if (indicator->kind == IC_BUNDLE_KIND_COUNT)
    {
      if (has)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, tenths / 10);
      return;
    }
  append_tenths (out, has, tenths);
}

/* The breakdown's columns, when the file has them, and the row's end. */
static void
end_row (GString *out, gboolean breakdowns, const IcBundleBreakdown *breakdown, const IcBundleStratum *stratum)
{
  if (breakdowns)
    {
      g_string_append (out, SEPARATOR);
      if (breakdown)
        append_text (out, breakdown->label);
      g_string_append (out, SEPARATOR);
      if (breakdown)
        append_text (out, stratum->code);
    }
  g_string_append (out, EOL);
}

static const char *
status_word (IcBundleStatus status)
{
  const char *word = ic_render_status_word (status);
  return word ? word : "disponible";
}

/* The first columns of a row: département, its name, year, indicator, its
 * title, period, territory. */
static void
append_keys (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator, int year,
             const char *period, const char *territory)
{
  append_text (out, bundle->department_code);
  g_string_append (out, SEPARATOR);
  append_text (out, bundle->department_name);
  g_string_append_printf (out, SEPARATOR "%d" SEPARATOR, year);
  append_text (out, indicator->id);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->title);
  g_string_append (out, SEPARATOR);
  append_text (out, period);
  g_string_append (out, SEPARATOR);
  append_text (out, territory);
  g_string_append (out, SEPARATOR);
}

/* valeur précédente ; évolution ; p-valeur ; évolution significative */
static void
append_change (GString *out, const IcBundleIndicator *indicator, const IcBundlePoint *from, gint64 change,
               gboolean has_p_value, gint64 p_value, gboolean significant)
{
  append_figure (out, indicator, from != NULL, from ? from->value_tenths : 0);
  g_string_append (out, SEPARATOR);
  append_figure (out, indicator, from != NULL, change);
  g_string_append (out, SEPARATOR);
  if (has_p_value)
    g_string_append_printf (out, "%" G_GINT64_FORMAT ",%04" G_GINT64_FORMAT, p_value / 10000, p_value % 10000);
  g_string_append (out, SEPARATOR);
  if (has_p_value)
    g_string_append (out, significant ? "oui" : "non");
  g_string_append (out, SEPARATOR);
}

/* An earlier year: the département's value as the report holds it, and its
 * change from the latest year before it that has one. */
static void
append_point_row (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator, guint index,
                  gboolean breakdowns)
{
  const IcBundlePoint *point = indicator->series->pdata[index];
  const IcBundlePoint *from = NULL;

  for (guint i = index; point->has_value && from == NULL && i-- > 0;)
    if (((const IcBundlePoint *) indicator->series->pdata[i])->has_value)
      from = indicator->series->pdata[i];
  append_keys (out, bundle, indicator, point->year, point->label, TOTAL);
  g_string_append (out, SEPARATOR SEPARATOR); /* counts: the report has the value only */
  append_figure (out, indicator, point->has_value, point->value_tenths);
  g_string_append (out, SEPARATOR SEPARATOR SEPARATOR);
  append_text (out, indicator->unit);
  g_string_append (out, SEPARATOR);
  append_change (out, indicator, from, from ? point->value_tenths - from->value_tenths : 0, FALSE, 0, FALSE);
  g_string_append (out, SEPARATOR SEPARATOR);
  append_text (out, point->has_value ? status_word (IC_BUNDLE_STATUS_OK) : ic_render_status_word (IC_BUNDLE_STATUS_NOT_AVAILABLE));
  g_string_append (out, SEPARATOR SEPARATOR);
  append_text (out, point->definition_version);
  end_row (out, breakdowns, NULL, NULL);
}

static void
append_total_row (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator, gboolean breakdowns)
{
  const char *met = ic_render_target_met_word (indicator);
  g_autofree char *target = ic_render_format_target (indicator);
  const IcBundlePoint *from = NULL;
  gint64 change = 0;

  if (!ic_bundle_indicator_change (indicator, &from, &change))
    from = NULL;
  append_keys (out, bundle, indicator, bundle->year, indicator->period_label, TOTAL);
  append_count (out, indicator->has_numerator, indicator->numerator);
  g_string_append (out, SEPARATOR);
  append_count (out, indicator->has_denominator, indicator->denominator);
  g_string_append (out, SEPARATOR);
  append_figure (out, indicator, indicator->has_value, indicator->value_tenths);
  g_string_append (out, SEPARATOR);
  append_tenths (out, indicator->has_ci95, indicator->ci95_low_tenths);
  g_string_append (out, SEPARATOR);
  append_tenths (out, indicator->has_ci95, indicator->ci95_high_tenths);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->unit);
  g_string_append (out, SEPARATOR);
  append_change (out, indicator, from, change, indicator->has_change && indicator->has_p_value, indicator->p_value,
                 indicator->significant);
  if (target)
    append_text (out, target);
  g_string_append (out, SEPARATOR);
  /* oui / non, « non déterminée » when the bundle could not decide */
  if (met)
    append_text (out, indicator->target_met == 1 ? "oui" : indicator->target_met == 0 ? "non" : met);
  g_string_append (out, SEPARATOR);
  append_text (out, status_word (indicator->status));
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->reason);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->definition_version);
  end_row (out, breakdowns, NULL, NULL);
}

/* A territory, or a stratum of @breakdown (for the whole département): the
 * target is the département's, decided for it only. A suppressed stratum
 * has no figures, and says why. */
static void
append_stratum_row (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator,
                    const IcBundleStratum *stratum, gboolean breakdowns, const IcBundleBreakdown *breakdown)
{
  gboolean rate = indicator->kind == IC_BUNDLE_KIND_RATE;
  gint64 low = 0, high = 0;
  /* as the HTML report's bars: when the département has an interval */
  gboolean has_ci = indicator->has_ci95 && !stratum->suppressed
                 && ic_wilson_interval (stratum->numerator, stratum->denominator, &low, &high);

  append_keys (out, bundle, indicator, bundle->year, indicator->period_label,
               breakdown ? TOTAL : stratum->territory);
  append_count (out, rate && !stratum->suppressed, stratum->numerator);
  g_string_append (out, SEPARATOR);
  append_count (out, rate && !stratum->suppressed, stratum->denominator);
  g_string_append (out, SEPARATOR);
  append_figure (out, indicator, !stratum->suppressed, stratum->value_tenths);
  g_string_append (out, SEPARATOR);
  append_tenths (out, has_ci, low);
  g_string_append (out, SEPARATOR);
  append_tenths (out, has_ci, high);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->unit);
  g_string_append (out, SEPARATOR SEPARATOR SEPARATOR SEPARATOR SEPARATOR SEPARATOR SEPARATOR);
  if (stratum->suppressed)
    {
      g_autofree char *reason = ic_render_format_suppressed_reason (bundle);
      append_text (out, IC_RENDER_SUPPRESSED);
      g_string_append (out, SEPARATOR);
      append_text (out, reason);
    }
  else
    {
      append_text (out, status_word (IC_BUNDLE_STATUS_OK));
      g_string_append (out, SEPARATOR);
    }
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->definition_version);
  end_row (out, breakdowns, breakdown, stratum);
}

void
ic_render_csv (const IcBundleView *bundle, GString *out)
{
  gboolean breakdowns = ic_bundle_view_has_breakdowns (bundle);

  g_string_append (out, "\xEF\xBB\xBF"); /* U+FEFF: Excel reads the file as UTF-8 */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_string_append_printf (out, "%s%s", i ? SEPARATOR : "", columns[i]);
  for (guint i = 0; breakdowns && i < G_N_ELEMENTS (breakdown_columns); i++)
    g_string_append_printf (out, SEPARATOR "%s", breakdown_columns[i]);
  g_string_append (out, EOL);

  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      /* the series ends with this year's point */
      for (guint p = 0; p + 1 < indicator->series->len; p++)
        append_point_row (out, bundle, indicator, p, breakdowns);
      append_total_row (out, bundle, indicator, breakdowns);
      for (guint s = 0; s < indicator->strata->len; s++)
        append_stratum_row (out, bundle, indicator, indicator->strata->pdata[s], breakdowns, NULL);
      for (guint b = 0; b < indicator->breakdowns->len; b++)
        {
          const IcBundleBreakdown *breakdown = indicator->breakdowns->pdata[b];
          for (guint s = 0; s < breakdown->strata->len; s++)
            append_stratum_row (out, bundle, indicator, breakdown->strata->pdata[s], breakdowns, breakdown);
        }
    }
}

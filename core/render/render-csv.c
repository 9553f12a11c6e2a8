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
 * HTML report's bars).
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
append_change (GString *out, const IcBundlePoint *from, gint64 change, gboolean has_p_value, gint64 p_value,
               gboolean significant)
{
  append_tenths (out, from != NULL, from ? from->value_tenths : 0);
  g_string_append (out, SEPARATOR);
  append_tenths (out, from != NULL, change);
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
append_point_row (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator, guint index)
{
  const IcBundlePoint *point = indicator->series->pdata[index];
  const IcBundlePoint *from = NULL;

  for (guint i = index; point->has_value && from == NULL && i-- > 0;)
    if (((const IcBundlePoint *) indicator->series->pdata[i])->has_value)
      from = indicator->series->pdata[i];
  append_keys (out, bundle, indicator, point->year, point->label, TOTAL);
  g_string_append (out, SEPARATOR SEPARATOR); /* counts: the report has the value only */
  append_tenths (out, point->has_value, point->value_tenths);
  g_string_append (out, SEPARATOR SEPARATOR SEPARATOR);
  append_text (out, indicator->unit);
  g_string_append (out, SEPARATOR);
  append_change (out, from, from ? point->value_tenths - from->value_tenths : 0, FALSE, 0, FALSE);
  g_string_append (out, SEPARATOR SEPARATOR);
  append_text (out, point->has_value ? status_word (IC_BUNDLE_STATUS_OK) : ic_render_status_word (IC_BUNDLE_STATUS_NOT_AVAILABLE));
  g_string_append (out, SEPARATOR SEPARATOR);
  append_text (out, point->definition_version);
  g_string_append (out, EOL);
}

static void
append_total_row (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator)
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
  append_tenths (out, indicator->has_value, indicator->value_tenths);
  g_string_append (out, SEPARATOR);
  append_tenths (out, indicator->has_ci95, indicator->ci95_low_tenths);
  g_string_append (out, SEPARATOR);
  append_tenths (out, indicator->has_ci95, indicator->ci95_high_tenths);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->unit);
  g_string_append (out, SEPARATOR);
  append_change (out, from, change, indicator->has_change && indicator->has_p_value, indicator->p_value,
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
  g_string_append (out, EOL);
}

/* A territory: the target is the département's, decided for it only. A
 * suppressed territory has no figures, and says why. */
static void
append_stratum_row (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator,
                    const IcBundleStratum *stratum)
{
  gint64 low = 0, high = 0;
  /* as the HTML report's bars: when the département has an interval */
  gboolean has_ci = indicator->has_ci95 && !stratum->suppressed
                 && ic_wilson_interval (stratum->numerator, stratum->denominator, &low, &high);

  append_keys (out, bundle, indicator, bundle->year, indicator->period_label, stratum->territory);
  append_count (out, !stratum->suppressed, stratum->numerator);
  g_string_append (out, SEPARATOR);
  append_count (out, !stratum->suppressed, stratum->denominator);
  g_string_append (out, SEPARATOR);
  append_tenths (out, !stratum->suppressed, stratum->value_tenths);
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
  g_string_append (out, EOL);
}

void
ic_render_csv (const IcBundleView *bundle, GString *out)
{
  g_string_append (out, "\xEF\xBB\xBF"); /* U+FEFF: Excel reads the file as UTF-8 */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_string_append_printf (out, "%s%s", i ? SEPARATOR : "", columns[i]);
  g_string_append (out, EOL);

  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      /* the series ends with this year's point */
      for (guint p = 0; p + 1 < indicator->series->len; p++)
        append_point_row (out, bundle, indicator, p);
      append_total_row (out, bundle, indicator);
      for (guint s = 0; s < indicator->strata->len; s++)
        append_stratum_row (out, bundle, indicator, indicator->strata->pdata[s]);
    }
}

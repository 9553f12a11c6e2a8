/* render-csv.c: the bundle as a spreadsheet that Excel opens correctly in a
 * French locale by a double click: UTF-8 with a byte order mark (or Excel
 * reads Windows-1252), `;` between fields (the French list separator), CRLF
 * line ends, decimal comma, counts without thousands separator (so that they
 * stay numbers). One row per indicator and territory, the département's
 * total first (territoire « Ensemble »), in SOLEN order. The 95 % interval
 * (ic95_bas, ic95_haut) is the département's: the bundle gives none for a
 * territory.
 *
 * Texts are quoted when they hold a separator, a quote or a line break
 * (RFC 4180), and a text starting with = + - @ or a tab gets a leading
 * apostrophe, so that a spreadsheet never takes a territory's name for a
 * formula. */
#include "render-wording.h"
#include "renderers.h"

#include <string.h>

#define SEPARATOR ";"
#define EOL "\r\n"
#define TOTAL "Ensemble"

static const char *const columns[] = {
  "indicateur", "titre", "periode", "territoire", "numerateur", "denominateur", "valeur",
  "ic95_bas", "ic95_haut", "unite", "cible", "cible_atteinte", "statut", "motif",
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

static void
append_total_row (GString *out, const IcBundleIndicator *indicator)
{
  const char *met = ic_render_target_met_word (indicator);

  append_text (out, indicator->id);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->title);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->period_label);
  g_string_append (out, SEPARATOR TOTAL SEPARATOR);
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
  if (indicator->target == IC_BUNDLE_TARGET_THRESHOLD)
    {
      g_autofree char *goal = ic_render_format_target_value (indicator->target_tenths);
      g_autofree char *target = g_strdup_printf ("%s %s", ic_render_target_symbol (indicator), goal);
      append_text (out, target);
    }
  else if (indicator->target == IC_BUNDLE_TARGET_PROGRESS)
    append_text (out, "progression");
  g_string_append (out, SEPARATOR);
  /* oui / non, « non déterminée » when the bundle could not decide */
  if (met)
    append_text (out, indicator->target_met == 1 ? "oui" : indicator->target_met == 0 ? "non" : met);
  g_string_append (out, SEPARATOR);
  append_text (out, status_word (indicator->status));
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->reason);
  g_string_append (out, EOL);
}

/* A territory: the target is the département's, decided for it only. A
 * suppressed territory has no figures, and says why. */
static void
append_stratum_row (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator,
                    const IcBundleStratum *stratum)
{
  append_text (out, indicator->id);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->title);
  g_string_append (out, SEPARATOR);
  append_text (out, indicator->period_label);
  g_string_append (out, SEPARATOR);
  append_text (out, stratum->territory);
  g_string_append (out, SEPARATOR);
  append_count (out, !stratum->suppressed, stratum->numerator);
  g_string_append (out, SEPARATOR);
  append_count (out, !stratum->suppressed, stratum->denominator);
  g_string_append (out, SEPARATOR);
  append_tenths (out, !stratum->suppressed, stratum->value_tenths);
  g_string_append (out, SEPARATOR SEPARATOR SEPARATOR); /* no interval for a territory */
  append_text (out, indicator->unit);
  g_string_append (out, SEPARATOR SEPARATOR SEPARATOR);
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
      append_total_row (out, indicator);
      for (guint s = 0; s < indicator->strata->len; s++)
        append_stratum_row (out, bundle, indicator, indicator->strata->pdata[s]);
    }
}

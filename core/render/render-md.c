/* render-md.c: the bundle as Markdown (CommonMark with GitHub's tables) for
 * a wiki or a report annex: a summary table, then per indicator its
 * figures, a table of its territories and, with earlier bundles, of its
 * years; the input files last.
 *
 * Every text from the bundle is escaped: Markdown punctuation and HTML
 * (which most renderers pass through) are backslash-escaped, `|` so that a
 * table keeps its columns, line breaks become spaces. */
#include "render-wording.h"
#include "renderers.h"

#include <string.h>

#include "french-number.h"

/* ASCII punctuation that means something somewhere in CommonMark or GFM
 * inline text; a backslash before any ASCII punctuation is always valid. */
#define SPECIAL "\\`*_[]<>|#~&!"

/* Inline text: table cells, list items after their label, headings. */
static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *line = ic_render_oneline (text);

  for (const char *p = line; *p; p++)
    {
      if (strchr (SPECIAL, *p))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* Text that starts a line (a paragraph, a block quote's content): also
 * what would open a block there, "-", "+", "=" or "1." and "1)". */
static void
append_escaped_block (GString *out, const char *text)
{
  const char *p = text ? text : "";
  const char *q = p;

  while (g_ascii_isdigit (*q))
    q++;
  if (*p == '-' || *p == '+' || *p == '=')
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }
  else if (q > p && (*q == '.' || *q == ')'))
    {
      g_string_append_len (out, p, q - p);
      g_string_append_c (out, '\\');
      g_string_append_c (out, *q);
      p = q + 1;
    }
  append_escaped (out, p);
}

/* An identifier, a file name, a hash: as code, when it can be one. */
static void
append_code (GString *out, const char *text)
{
  gboolean plain = text != NULL && *text != '\0';

  for (const char *p = text; plain && *p; p++)
    plain = *p != '`' && (guchar) *p >= 0x20 && *p != 0x7f;
  if (!plain)
    {
      append_escaped (out, text);
      return;
    }
  g_string_append_printf (out, "`%s`", text);
}

static char *
target_text (const IcBundleIndicator *indicator)
{
  g_autofree char *target = ic_render_format_target (indicator);
  return target ? g_strdup_printf ("%s — %s", target, ic_render_target_met_word (indicator)) : g_strdup (IC_RENDER_NO_TARGET);
}

/* "- **Label :** text" */
static void
append_item (GString *out, const char *label, const char *text)
{
  g_string_append_printf (out, "- **%s :** ", label);
  append_escaped (out, text);
  g_string_append_c (out, '\n');
}

static void
append_summary (GString *out, const IcBundleView *bundle)
{
  g_string_append (out, "## Synthèse\n\n"
                        "| Indicateur | Période | Valeur | IC à 95 % | Cible | Évolution |\n"
                        "|:--|:--|--:|--:|:--|:--|\n");
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      g_autofree char *value = ic_render_format_value_or_status (indicator);
      g_autofree char *target = target_text (indicator);
      g_autofree char *change = ic_render_format_change_sentence (indicator, TRUE);
      g_autofree char *ci = ic_render_format_ci95 (indicator);

      g_string_append (out, "| ");
      append_escaped (out, indicator->title);
      g_string_append (out, " | ");
      append_escaped (out, indicator->period_label);
      g_string_append (out, " | ");
      append_escaped (out, value);
      g_string_append (out, " | ");
      append_escaped (out, ci ? ci : "—");
      g_string_append (out, " | ");
      append_escaped (out, target);
      g_string_append (out, " | ");
      append_escaped (out, change ? change : "—");
      g_string_append (out, " |\n");
    }
  g_string_append_c (out, '\n');
  if (ic_bundle_view_has_statistics (bundle))
    {
      append_escaped_block (out, IC_RENDER_STATISTICS_NOTE);
      g_string_append (out, "\n\n");
    }
}

/* A row of a table of strata: @name (already Markdown), then the cells of
 * @stratum (the total for NULL); a suppressed one's value is marked for
 * the note under the table. */
static void
append_stratum_row (GString *out, const IcBundleIndicator *indicator, const char *name,
                    const IcBundleStratum *stratum)
{
  g_autofree char *numerator = NULL, *denominator = NULL, *value = NULL;

  ic_render_stratum_cells (indicator, stratum, &numerator, &denominator, &value);
  g_string_append_printf (out, "| %s | ", name);
  if (indicator->kind == IC_BUNDLE_KIND_RATE)
    g_string_append_printf (out, "%s | %s | ", numerator, denominator);
  append_escaped (out, value);
  g_string_append (out, stratum && stratum->suppressed ? "\\* |\n" : " |\n");
}

/* The table @title of @strata (territories, or a breakdown's codes, named
 * in the first column @column), the département's total first; the reason
 * of the suppressed ones under it. */
static void
append_strata (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator, const char *title,
               const char *column, const GPtrArray *strata)
{
  gboolean suppressed = FALSE;

  if (strata->len == 0)
    return;
  g_string_append (out, "**");
  append_escaped (out, title);
  g_string_append (out, "**\n\n| ");
  append_escaped (out, column);
  g_string_append (out, indicator->kind == IC_BUNDLE_KIND_RATE ? " | Numérateur | Dénominateur | Valeur |\n"
                                                                 "|:--|--:|--:|--:|\n"
                                                               : " | Valeur |\n|:--|--:|\n");
  if (indicator->has_value)
    append_stratum_row (out, indicator, "**Ensemble**", NULL);
  for (guint s = 0; s < strata->len; s++)
    {
      const IcBundleStratum *stratum = strata->pdata[s];
      g_autoptr (GString) name = g_string_new (NULL);

      append_escaped (name, ic_bundle_stratum_name (stratum));
      append_stratum_row (out, indicator, name->str, stratum);
      suppressed |= stratum->suppressed;
    }
  g_string_append_c (out, '\n');
  if (suppressed)
    {
      g_autofree char *reason = ic_render_format_suppressed_reason (bundle);
      g_autofree char *note = g_strdup_printf ("* Secret statistique : %s.", reason);
      append_escaped_block (out, note);
      g_string_append (out, "\n\n");
    }
}

/* The territories, then each breakdown (« Par type de mesure »). */
static void
append_all_strata (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator)
{
  append_strata (out, bundle, indicator, "Par territoire", "Territoire", indicator->strata);
  for (guint b = 0; b < indicator->breakdowns->len; b++)
    {
      const IcBundleBreakdown *breakdown = indicator->breakdowns->pdata[b];
      g_autofree char *title = ic_render_breakdown_title (breakdown);
      g_autofree char *column = ic_render_breakdown_column (breakdown);
      append_strata (out, bundle, indicator, title, column, breakdown->strata);
    }
}

/* The years, when two have a value (as the text and the HTML). */
static void
append_series (GString *out, const IcBundleIndicator *indicator)
{
  guint with_value = 0;

  for (guint i = 0; i < indicator->series->len; i++)
    with_value += ((const IcBundlePoint *) indicator->series->pdata[i])->has_value;
  if (with_value < 2)
    return;
  g_string_append (out, "**Évolution**\n\n"
                        "| Période | Valeur | Définition |\n"
                        "|:--|--:|:--|\n");
  for (guint i = 0; i < indicator->series->len; i++)
    {
      const IcBundlePoint *point = indicator->series->pdata[i];
      g_autofree char *value = point->has_value ? ic_render_format_figure (indicator, point->value_tenths)
                                                : g_strdup ("non disponible");
      g_autofree char *definition = point->definition_version
          ? g_strdup_printf ("%s%s", point->definition_version,
                             ic_bundle_point_breaks_series (indicator, point) ? " (différente)" : "")
          : g_strdup ("—");

      g_string_append (out, "| ");
      append_escaped (out, point->label);
      g_string_append (out, " | ");
      append_escaped (out, value);
      g_string_append (out, " | ");
      append_escaped (out, definition);
      g_string_append (out, " |\n");
    }
  g_string_append_c (out, '\n');
}

static void
append_indicator (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator)
{
  g_autofree char *solen = ic_render_format_solen (indicator);
  g_autofree char *target = target_text (indicator);
  g_autofree char *change = ic_render_format_change_sentence (indicator, FALSE);
  g_autofree char *start = ic_render_format_date (indicator->period_start);
  g_autofree char *end = ic_render_format_date (indicator->period_end);
  g_autofree char *period = g_strdup_printf ("%s, du %s au %s", indicator->period_label, start, end);
  g_autoptr (GString) value = g_string_new (NULL);

  g_string_append (out, "## ");
  append_escaped (out, indicator->title);
  g_string_append (out, "\n\n");
  if (solen)
    {
      g_string_append_printf (out, "*%s : ", solen);
      append_escaped (out, indicator->solen_label);
      g_string_append (out, "*\n\n");
    }
  if (indicator->text_fr)
    {
      g_string_append (out, "> ");
      append_escaped_block (out, indicator->text_fr);
      g_string_append (out, "\n\n");
    }

  if (indicator->has_value)
    {
      g_autofree char *figure = ic_render_format_value_ci95 (indicator);
      g_string_append (value, figure);
      if (indicator->has_numerator && indicator->has_denominator)
        {
          g_autofree char *numerator = ic_format_fr_int (indicator->numerator);
          g_autofree char *denominator = ic_format_fr_int (indicator->denominator);
          g_string_append_printf (value, " (%s / %s)", numerator, denominator);
        }
    }
  else
    {
      g_autofree char *word = ic_render_format_value_or_status (indicator);
      g_string_append (value, word);
    }
  append_item (out, "Valeur", value->str);
  if (!indicator->has_value && indicator->reason)
    append_item (out, "Motif", indicator->reason);
  append_item (out, "Cible", target);
  if (change)
    append_item (out, "Évolution", change);
  append_item (out, "Période", period);
  g_string_append (out, "- **Définition :** ");
  if (indicator->definition_version)
    {
      g_string_append (out, "version ");
      append_escaped (out, indicator->definition_version);
      g_string_append (out, ", ");
    }
  g_string_append (out, "indicateur ");
  append_code (out, indicator->id);
  g_string_append (out, "\n");
  for (guint w = 0; w < indicator->warnings->len; w++)
    append_item (out, "Avertissement", indicator->warnings->pdata[w]);
  g_string_append_c (out, '\n');

  append_all_strata (out, bundle, indicator);
  append_series (out, indicator);
}

static void
append_inputs (GString *out, const IcBundleView *bundle)
{
  if (bundle->inputs->len == 0)
    return;
  g_string_append (out, "## Fichiers lus\n\n"
                        "| Fichier | Lignes | Lignes écartées | SHA-256 |\n"
                        "|:--|--:|--:|:--|\n");
  for (guint i = 0; i < bundle->inputs->len; i++)
    {
      const IcBundleInput *input = bundle->inputs->pdata[i];
      g_autofree char *rows = ic_format_fr_int (input->rows);
      g_autofree char *rejected = ic_format_fr_int (input->rejected);

      g_string_append (out, "| ");
      append_code (out, input->file);
      g_string_append_printf (out, " | %s | %s | ", rows, rejected);
      append_code (out, input->sha256);
      g_string_append (out, " |\n");
    }
  g_string_append_c (out, '\n');
}

void
ic_render_md (const IcBundleView *bundle, GString *out)
{
  g_autofree char *department = ic_render_format_department (bundle);
  g_autofree char *heading = g_strdup_printf ("Indicateurs %d — %s", bundle->year, department);
  g_autofree char *when = ic_render_format_timestamp (bundle->generated_at);
  g_autofree char *source = g_strdup_printf ("Calcul indicore %s du %s.", bundle->generator_version, when);

  g_string_append (out, "# ");
  append_escaped (out, heading);
  g_string_append (out, "\n\n");
  append_escaped_block (out, source);
  g_string_append (out, "\n\n");
  for (guint i = 0; i < bundle->refused->len; i++)
    {
      const IcBundleRefusal *refusal = bundle->refused->pdata[i];
      g_string_append (out, "> **Attention :** module d'indicateur refusé, ");
      append_code (out, refusal->file);
      g_string_append (out, " : ");
      append_escaped (out, refusal->reason);
      g_string_append (out, "\n\n");
    }
  append_summary (out, bundle);
  for (guint i = 0; i < bundle->indicators->len; i++)
    append_indicator (out, bundle, bundle->indicators->pdata[i]);
  append_inputs (out, bundle);
}

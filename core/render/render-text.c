/* render-text.c: the bundle as plain text to paste into the « Indicateurs »
 * field of each SOLEN « fiche action »: one paragraph per indicator, in
 * SOLEN order, one fact a line, no wrapping (the form wraps). */
#include "render-wording.h"
#include "renderers.h"

#include "french-number.h"

static void
append_line (GString *out, const char *label, const char *text)
{
  g_autofree char *line = ic_render_oneline (text);
  if (label)
    g_string_append_printf (out, "%s : ", label);
  g_string_append (out, line);
  g_string_append_c (out, '\n');
}

static void
append_value (GString *out, const IcBundleIndicator *indicator)
{
  g_autoptr (GString) line = g_string_new (NULL);

  if (indicator->has_value)
    {
      g_autofree char *value = ic_render_format_value_ci95 (indicator);
      g_string_append (line, value);
      if (indicator->has_numerator && indicator->has_denominator)
        {
          g_autofree char *numerator = ic_format_fr_int (indicator->numerator);
          g_autofree char *denominator = ic_format_fr_int (indicator->denominator);
          g_string_append_printf (line, " (%s / %s)", numerator, denominator);
        }
    }
  else
    {
      const char *word = ic_render_status_word (indicator->status);
      g_string_append (line, word ? word : "sans valeur");
      if (indicator->reason)
        g_string_append_printf (line, " — motif : %s", indicator->reason);
    }
  append_line (out, "Valeur", line->str);
}

static void
append_target (GString *out, const IcBundleIndicator *indicator)
{
  g_autofree char *target = ic_render_format_target (indicator);
  g_autofree char *line = target ? g_strdup_printf ("%s — %s", target, ic_render_target_met_word (indicator))
                                 : g_strdup (IC_RENDER_NO_TARGET);
  append_line (out, "Cible", line);
}

static void
append_change (GString *out, const IcBundleIndicator *indicator)
{
  g_autofree char *line = ic_render_format_change_sentence (indicator, FALSE);

  if (line)
    append_line (out, "Évolution", line);
}

/* "2022 : 4,8 % ; 2023 : 5,5 % ; 2024 : 6,6 %": in the manner of the
 * reports (« 25 (20 en 2023) »), every year given, when two have a value. */
static void
append_series (GString *out, const IcBundleIndicator *indicator)
{
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GString) breaks = g_string_new (NULL);

  guint with_value = 0;

  for (guint i = 0; i < indicator->series->len; i++)
    with_value += ((const IcBundlePoint *) indicator->series->pdata[i])->has_value;
  if (with_value < 2)
    return;
  for (guint i = 0; i < indicator->series->len; i++)
    {
      const IcBundlePoint *point = indicator->series->pdata[i];
      g_autofree char *value = point->has_value ? ic_render_format_figure (indicator, point->value_tenths)
                                                : g_strdup ("non disponible");
      g_string_append_printf (line, "%s%s : %s", i ? " ; " : "", point->label, value);
      if (ic_bundle_point_breaks_series (indicator, point))
        g_string_append_printf (breaks, "%s%s", breaks->len ? ", " : "", point->label);
    }
  if (breaks->len)
    g_string_append_printf (line, " — définition différente en %s : à comparer avec prudence", breaks->str);
  append_line (out, "Série", line->str);
}

void
ic_render_text (const IcBundleView *bundle, GString *out)
{
  g_autofree char *department = ic_render_format_department (bundle);
  g_autofree char *when = ic_render_format_timestamp (bundle->generated_at);
  g_autofree char *heading = g_strdup_printf ("Indicateurs %d — %s", bundle->year, department);
  g_autofree char *source = g_strdup_printf ("indicore %s, calcul du %s", bundle->generator_version, when);

  append_line (out, NULL, heading);
  append_line (out, "Source", source);
  for (guint i = 0; i < bundle->refused->len; i++)
    {
      const IcBundleRefusal *refusal = bundle->refused->pdata[i];
      g_autofree char *line = g_strdup_printf ("module d'indicateur refusé, %s : %s", refusal->file, refusal->reason);
      append_line (out, "Attention", line);
    }

  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      g_autofree char *solen = ic_render_format_solen (indicator);
      g_autofree char *title = g_strdup_printf ("%s — %s", indicator->title, indicator->period_label);

      g_string_append_c (out, '\n');
      if (solen)
        {
          g_autofree char *line = g_strdup_printf ("%s — %s", solen, indicator->solen_label);
          append_line (out, NULL, line);
        }
      append_line (out, NULL, title);
      if (indicator->text_fr)
        append_line (out, NULL, indicator->text_fr);
      append_value (out, indicator);
      append_target (out, indicator);
      append_change (out, indicator);
      append_series (out, indicator);
      for (guint b = 0; b < indicator->breakdowns->len; b++)
        {
          g_autofree char *line = ic_render_format_breakdown (indicator, indicator->breakdowns->pdata[b]);
          append_line (out, NULL, line);
        }
      for (guint w = 0; w < indicator->warnings->len; w++)
        append_line (out, "Avertissement", indicator->warnings->pdata[w]);
    }
}

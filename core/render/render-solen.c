/* render-solen.c: the bundle as the SOLEN form is filled in: fiche by fiche
 * in the framework's order, the « Indicateurs » text ready to paste (each
 * figure in the form's words, earlier years in parentheses, sources as
 * footnotes), then the header fields filled and those left to fill. Plain
 * UTF-8, no line over IC_RENDER_SOLEN_WIDTH characters (docs/fr/rapports.md). */
#include "render-wording.h"
#include "renderers.h"

#include <string.h>

#include "french-number.h"

/* Appends @text as lines of at most IC_RENDER_SOLEN_WIDTH characters, cut
 * at spaces, the lines after the first indented by @indent spaces. */
static void
append_wrapped (GString *out, const char *text, guint indent)
{
  g_autofree char *line = ic_render_oneline (text);
  const char *p = line;
  guint width = IC_RENDER_SOLEN_WIDTH;
  gboolean first = TRUE;

  while (*p != '\0')
    {
      glong room = (glong) width - (first ? 0 : (glong) indent);
      const char *cut = NULL, *q = p;
      glong n = 0;

      while (*q != '\0' && n < room)
        {
          q = g_utf8_next_char (q);
          n++;
          if (*q == ' ')
            cut = q;
        }
      if (*q == '\0')
        cut = q;
      else if (cut == NULL)
        cut = q; /* a word longer than the line: cut inside it */
      if (!first)
        g_string_append_printf (out, "%*s", (int) indent, "");
      g_string_append_len (out, p, cut - p);
      g_string_append_c (out, '\n');
      p = cut;
      while (*p == ' ')
        p++;
      first = FALSE;
    }
}

/* The footnotes of one fiche: each source once, numbered in order. */
static guint
footnote (GPtrArray *notes, const IcBundleSource *source)
{
  g_autofree char *text = NULL;
  const char *words = ic_render_source_words (source->table ? source->table : source->population);

  if (source->table)
    text = g_strdup_printf ("Source : %s, fichier %s.csv exporté du système d'information du Département",
                            words ? words : source->table, source->table);
  else
    {
      /* « Source : INSEE état civil (les naissances 2024 : 770, populations.csv) » */
      g_autoptr (GString) line = g_string_new ("Source : ");
      g_string_append (line, source->source ? source->source : source->origin ? source->origin : "non précisée");
      g_string_append_printf (line, " (%s", words ? words : source->population);
      if (source->period)
        g_string_append_printf (line, " %s", source->period);
      if (source->has_value)
        {
          g_autofree char *count = ic_format_fr_int (source->value);
          g_string_append_printf (line, " : %s", count);
        }
      if (source->origin && source->source)
        g_string_append_printf (line, ", %s", source->origin);
      g_string_append_c (line, ')');
      text = g_string_free (g_steal_pointer (&line), FALSE);
    }
  for (guint i = 0; i < notes->len; i++)
    if (strcmp (notes->pdata[i], text) == 0)
      return i + 1;
  g_ptr_array_add (notes, g_steal_pointer (&text));
  return notes->len;
}

/* " [1]", " [1, 2]": the sources of a figure (the records for a count,
 * the population for a denominator that has one). */
static void
append_marks (GString *line, GPtrArray *notes, const IcBundleIndicator *indicator, const char *figure)
{
  gboolean denominator = strcmp (figure, "denominator") == 0, population = FALSE, first = TRUE;

  /* a rate's value is worked out from the counts; a count's is one */
  if (strcmp (figure, "value") == 0 && indicator->kind == IC_BUNDLE_KIND_RATE)
    return;
  for (guint i = 0; i < indicator->sources->len; i++)
    population |= ((const IcBundleSource *) indicator->sources->pdata[i])->population != NULL;
  for (guint i = 0; i < indicator->sources->len; i++)
    {
      const IcBundleSource *source = indicator->sources->pdata[i];
      if ((denominator && population) ? source->population == NULL : source->table == NULL)
        continue;
      g_string_append_printf (line, "%s%u", first ? " [" : ", ", footnote (notes, source));
      first = FALSE;
    }
  if (!first)
    g_string_append_c (line, ']');
}

/* @figure of a point of the series, as printed: "593", "14 %", "45,5";
 * NULL when that year's bundle does not give it. */
static char *
point_figure (const IcBundleIndicator *indicator, const IcBundlePoint *point, const char *figure)
{
  if (strcmp (figure, "value") == 0)
    {
      g_autofree char *number = NULL;
      if (!point->has_value)
        return NULL;
      if (indicator->kind == IC_BUNDLE_KIND_COUNT)
        return ic_render_format_figure (indicator, point->value_tenths); /* « 1 mesure » */
      number = ic_render_format_target_value (point->value_tenths);
      return indicator->unit && *indicator->unit ? g_strdup_printf ("%s %s", number, indicator->unit)
                                                 : g_steal_pointer (&number);
    }
  if (strcmp (figure, "numerator") == 0 || strcmp (figure, "denominator") == 0)
    {
      if (!point->has_counts)
        return NULL;
      return ic_format_fr_int (strcmp (figure, "numerator") == 0 ? point->numerator : point->denominator);
    }
  if (g_str_has_prefix (figure, "details."))
    {
      const IcBundleDetail *detail = ic_bundle_detail_find (point->details, figure + strlen ("details."));
      return detail && detail->has_value ? ic_render_format_target_value (detail->tenths) : NULL;
    }
  return NULL;
}

/* This year's figure, for a bundle whose own point lacks it (a figure
 * that stayed while the status is not ok). */
static char *
current_figure (const IcBundleIndicator *indicator, const char *figure)
{
  IcBundlePoint point = { 0 };

  point.has_value = indicator->has_value;
  point.value_tenths = indicator->value_tenths;
  point.has_counts = indicator->has_numerator && indicator->has_denominator;
  point.numerator = indicator->numerator;
  point.denominator = indicator->denominator;
  point.details = indicator->details;
  if (strcmp (figure, "numerator") == 0 && indicator->has_numerator && !point.has_counts)
    return ic_format_fr_int (indicator->numerator);
  if (strcmp (figure, "denominator") == 0 && indicator->has_denominator && !point.has_counts)
    return ic_format_fr_int (indicator->denominator);
  return point_figure (indicator, &point, figure);
}

/* « Nombre d'IP entrantes : 593 (424 en 2023) [1] », or « … : donnée non
 * disponible (motif : …) » the first time a figure is missing. */
static void
append_field (GString *out, GPtrArray *notes, const IcBundleIndicator *indicator, const char *figure,
              const char *label, gboolean *reason_said)
{
  g_autoptr (GString) line = g_string_new ("• ");
  g_autofree char *now = current_figure (indicator, figure);
  gboolean first = TRUE;

  g_string_append_printf (line, "%s : ", label);
  if (now == NULL)
    {
      g_string_append (line, "donnée non disponible");
      if (indicator->reason && !*reason_said)
        g_string_append_printf (line, " (motif : %s)", indicator->reason);
      *reason_said = TRUE;
    }
  else
    g_string_append (line, now);
  /* the earlier years, the latest first: « (424 en 2023 ; 380 en 2022) » */
  for (guint i = indicator->series->len; i-- > 0;)
    {
      const IcBundlePoint *point = indicator->series->pdata[i];
      g_autofree char *then = NULL;
      if (i + 1 == indicator->series->len)
        continue; /* the last is this year's own point */
      then = point_figure (indicator, point, figure);
      if (then == NULL)
        continue;
      g_string_append_printf (line, "%s%s en %s", first ? " (" : " ; ", then, point->label);
      first = FALSE;
    }
  if (!first)
    g_string_append_c (line, ')');
  append_marks (line, notes, indicator, figure);
  append_wrapped (out, line->str, 2);
}

static void
append_indicator (GString *out, GPtrArray *notes, const IcBundleIndicator *indicator)
{
  g_autofree char *target = ic_render_format_target (indicator);
  gboolean reason_said = FALSE;

  if (indicator->solen_fields == NULL || indicator->solen_fields->len == 0)
    {
      /* no words of the form for it: the title and the value */
      append_field (out, notes, indicator, "value", indicator->title, &reason_said);
      if (indicator->text_fr)
        {
          g_autofree char *line = g_strdup_printf ("  %s", indicator->text_fr);
          append_wrapped (out, line, 2);
        }
    }
  for (guint i = 0; indicator->solen_fields && i < indicator->solen_fields->len; i++)
    {
      const IcBundleField *field = indicator->solen_fields->pdata[i];
      append_field (out, notes, indicator, field->figure, field->label, &reason_said);
    }
  for (guint b = 0; b < indicator->breakdowns->len; b++)
    {
      /* « chacune des modalités »: « • Par type de mesure : AED : 420 mesures ; … » */
      g_autofree char *breakdown = ic_render_format_breakdown (indicator, indicator->breakdowns->pdata[b]);
      g_autofree char *line = g_strdup_printf ("• %s", breakdown);
      append_wrapped (out, line, 2);
    }
  if (target != NULL)
    {
      /* a département's target says so itself: « nombre ≥ 65 (cible départementale) » */
      g_autofree char *line = g_strdup_printf ("  Cible%s : %s, %s", indicator->target_department ? "" : " nationale",
                                               target, ic_render_target_met_word (indicator));
      append_wrapped (out, line, 4);
    }
}

/* The heading of a fiche: « Engagement 2 — Objectif 6 — Fiche 6 », its
 * « Mesure » and « Objectif » as the form words them. */
static void
append_heading (GString *out, const IcBundleIndicator *first, GPtrArray *unnumbered)
{
  g_autoptr (GString) heading = g_string_new ("==== ");
  g_autofree char *objective = NULL;

  if (first == NULL)
    g_string_append (heading, "Hors objectif du contrat : suivi de l'ODPE (pas de fiche SOLEN) ====");
  else
    {
      if (first->solen_engagement > 0)
        g_string_append_printf (heading, "Engagement %" G_GINT64_FORMAT " — ", first->solen_engagement);
      g_string_append_printf (heading, "Objectif %" G_GINT64_FORMAT " — Fiche ", first->solen_objective);
      if (first->solen_fiche)
        g_string_append (heading, first->solen_fiche);
      else
        {
          g_string_append (heading, "n° à compléter");
          g_ptr_array_add (unnumbered, g_strdup_printf ("%" G_GINT64_FORMAT, first->solen_objective));
        }
      g_string_append (heading, " ====");
    }
  g_string_append_c (out, '\n');
  append_wrapped (out, heading->str, 5);
  if (first == NULL)
    return;
  if (first->solen_measure)
    {
      g_autofree char *line = g_strdup_printf ("Mesure : %s", first->solen_measure);
      append_wrapped (out, line, 2);
    }
  objective = g_strdup_printf ("Objectif : %s", first->solen_label);
  append_wrapped (out, objective, 2);
}

static void
append_notes (GString *out, GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("[%u] %s", i + 1, (const char *) notes->pdata[i]);
      append_wrapped (out, line, 4);
    }
}

static gboolean
same_fiche (const IcBundleIndicator *a, const IcBundleIndicator *b)
{
  if (a->has_solen != b->has_solen)
    return FALSE;
  return !a->has_solen || (a->solen_engagement == b->solen_engagement && a->solen_objective == b->solen_objective);
}

/* What the form asks that the bundle cannot give. */
static void
append_header_fields (GString *out, const IcBundleView *bundle, GPtrArray *unnumbered)
{
  g_autofree char *name = bundle->department_name ? g_strdup (bundle->department_name)
                                                  : g_strdup_printf ("département %s", bundle->department_code);
  g_autofree char *line = NULL;

  g_string_append (out, "\n==== En-tête et champs du formulaire ====\n");
  g_string_append (out, "Remplis ci-dessus :\n");
  line = g_strdup_printf ("• Nom du département : %s", name);
  append_wrapped (out, line, 2);
  g_string_append_printf (out, "• Exercice : %d\n", bundle->year);
  g_string_append (out, "• Indicateurs de chaque fiche\n");
  g_string_append (out, "À remplir à la main :\n");
  g_string_append (out, "• Année de première contractualisation\n");
  g_string_append (out, "• Collaboration avec la DPJJ et la DGESCO : OUI / NON\n");
  g_string_append (out, "• Récapitulatif synthétique (actions mises en œuvre, en retard, abandonnées) et bilan "
                        "financier\n");
  if (unnumbered->len > 0)
    {
      g_autoptr (GString) list = g_string_new (NULL);
      for (guint i = 0; i < unnumbered->len; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", (const char *) unnumbered->pdata[i]);
      g_free (line);
      line = g_strdup_printf ("• Numéro de fiche %s %s (ou dans indicore.conf, groupe [fiches %s])",
                              unnumbered->len > 1 ? "des objectifs" : "de l'objectif", list->str,
                              bundle->framework_id ? bundle->framework_id : "CADRE");
      append_wrapped (out, line, 2);
    }
  append_wrapped (out, "• Pour chaque fiche : descriptif de l'action, date de mise en place, partenaires et "
                       "cofinanceurs, durée, budget, bilan d'exécution, perspectives", 2);
}

void
ic_render_solen (const IcBundleView *bundle, GString *out)
{
  g_autofree char *department = ic_render_format_department (bundle);
  g_autofree char *when = ic_render_format_timestamp (bundle->generated_at);
  g_autofree char *title = g_strdup_printf ("Rapport d'exécution %d — %s : texte des champs « Indicateurs »",
                                            bundle->year, department);
  g_autofree char *made = g_strdup_printf ("Calculé par indicore %s le %s.", bundle->generator_version, when);
  g_autoptr (GPtrArray) unnumbered = g_ptr_array_new_with_free_func (g_free);

  append_wrapped (out, title, 2);
  if (bundle->framework_id)
    {
      g_autofree char *line = g_strdup_printf ("Cadre : %s (%s).", bundle->framework_title, bundle->framework_id);
      append_wrapped (out, line, 2);
    }
  append_wrapped (out, made, 2);
  append_wrapped (out, "Coller chaque bloc « Indicateurs » dans le champ du même nom de la fiche ; les renvois "
                       "[1], [2] sont les sources, à coller avec.", 2);

  for (guint i = 0; i < bundle->indicators->len;)
    {
      const IcBundleIndicator *first = bundle->indicators->pdata[i];
      g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

      append_heading (out, first->has_solen ? first : NULL, unnumbered);
      g_string_append (out, "Indicateurs :\n");
      for (; i < bundle->indicators->len && same_fiche (first, bundle->indicators->pdata[i]); i++)
        append_indicator (out, notes, bundle->indicators->pdata[i]);
      append_notes (out, notes);
    }
  append_header_fields (out, bundle, unnumbered);
}

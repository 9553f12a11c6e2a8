/* render-wording.c: the French words and numbers the formats share: a
 * value with its unit, a target, a change in points, a p-value, the 95 %
 * interval, dates, the département's title. */
#include "render-wording.h"

#include <string.h>

#include "french-number.h"
#include "table-registry.h"

static char *
with_unit (char *number, const char *unit)
{
  char *text = unit && *unit ? g_strdup_printf ("%s %s", number, unit) : g_strdup (number);
  g_free (number);
  return text;
}

char *
ic_render_format_value (gint64 tenths, const char *unit)
{
  return with_unit (ic_format_fr_tenths (tenths), unit);
}

/* French nouns that end in s in the singular too. */
static const char *const invariable[] = { "fois", "mois", "cas", "avis", "accès", "parcours", "recours", "secours",
                                          "temps", "pays" };

char *
ic_render_unit_for (const char *unit, gint64 count)
{
  const char *end;

  if (unit == NULL)
    return g_strdup ("");
  /* the plural from 2 on; the noun is the unit's first word */
  end = strchr (unit, ' ');
  end = end ? end : unit + strlen (unit);
  if (count >= 2 || count <= -2 || end == unit || end[-1] != 's')
    return g_strdup (unit);
  for (guint i = 0; i < G_N_ELEMENTS (invariable); i++)
    if ((gsize) (end - unit) == strlen (invariable[i]) && strncmp (unit, invariable[i], end - unit) == 0)
      return g_strdup (unit);
  return g_strdup_printf ("%.*s%s", (int) (end - unit - 1), unit, end);
}

char *
ic_render_format_figure (const IcBundleIndicator *indicator, gint64 tenths)
{
  g_autofree char *unit = NULL;

  if (indicator->kind != IC_BUNDLE_KIND_COUNT)
    return ic_render_format_value (tenths, indicator->unit);
  unit = ic_render_unit_for (indicator->unit, tenths / 10);
  return with_unit (ic_format_fr_int (tenths / 10), unit);
}

char *
ic_render_format_target_value (gint64 tenths)
{
  return tenths % 10 == 0 ? ic_format_fr_int (tenths / 10) : ic_format_fr_tenths (tenths);
}

char *
ic_render_format_target (const IcBundleIndicator *indicator)
{
  g_autofree char *target = NULL;

  switch (indicator->target)
    {
    case IC_BUNDLE_TARGET_THRESHOLD:
      {
        /* In words; « au moins 100 % » says no more than « 100 % ». A count
         * is of children, of IPs...: no unit, « en nombre » instead. */
        g_autofree char *goal = ic_render_format_target_value (indicator->target_tenths);
        const char *operator = indicator->target_operator ? indicator->target_operator : "";
        const char *words = strcmp (operator, ">=") == 0 ? "au moins "
                            : strcmp (operator, ">") == 0 ? "plus de "
                            : strcmp (operator, "<=") == 0 ? "au plus " : "moins de ";
        if (indicator->kind == IC_BUNDLE_KIND_COUNT)
          {
            g_autofree char *count = ic_render_format_figure (indicator, indicator->target_tenths);
            target = g_strdup_printf ("%s%s", words, count);
          }
        else if (indicator->target_count)
          target = g_strdup_printf ("%s%s en nombre", words, goal);
        else
          {
            goal = with_unit (g_steal_pointer (&goal), indicator->unit);
            if (strcmp (operator, ">=") == 0 && g_strcmp0 (indicator->unit, "%") == 0
                && indicator->target_tenths == 1000)
              words = "";
            target = g_strdup_printf ("%s%s", words, goal);
          }
        break;
      }
    case IC_BUNDLE_TARGET_PROGRESS:
      target = g_strdup (indicator->target_count && indicator->kind == IC_BUNDLE_KIND_RATE ? "progression du nombre"
                                                                                           : "progression");
      break;
    case IC_BUNDLE_TARGET_NONE:
    default:
      return NULL;
    }
  if (indicator->target_department)
    return g_strdup_printf ("%s (cible départementale)", target);
  return g_steal_pointer (&target);
}

const char *
ic_render_target_met_word (const IcBundleIndicator *indicator)
{
  if (indicator->target == IC_BUNDLE_TARGET_NONE)
    return NULL;
  /* « la cible » is feminine */
  return indicator->target_met == 1 ? "atteinte" : indicator->target_met == 0 ? "non atteinte" : "non déterminée";
}

char *
ic_render_format_change (gint64 change_tenths, const char *unit)
{
  guint64 magnitude = change_tenths < 0 ? -(guint64) change_tenths : (guint64) change_tenths;
  g_autofree char *number = ic_format_fr_tenths ((gint64) magnitude);
  const char *sign = change_tenths > 0 ? "+" : change_tenths < 0 ? "\u2212" : "";

  if (g_strcmp0 (unit, "%") == 0)
    /* French takes the plural from 2 on: 1,9 point, 2,0 points. */
    return g_strdup_printf ("%s%s point%s", sign, number, magnitude >= 20 ? "s" : "");
  return unit && *unit ? g_strdup_printf ("%s%s %s", sign, number, unit) : g_strdup_printf ("%s%s", sign, number);
}

char *
ic_render_format_indicator_change (const IcBundleIndicator *indicator, gint64 change_tenths)
{
  g_autofree char *magnitude = NULL;

  if (indicator->kind != IC_BUNDLE_KIND_COUNT)
    return ic_render_format_change (change_tenths, indicator->unit);
  /* a count changes by a count: « +112 mesures », « −1 mesure », « 0 mesure » */
  magnitude = ic_render_format_figure (indicator, change_tenths < 0 ? -change_tenths : change_tenths);
  return g_strdup_printf ("%s%s", change_tenths > 0 ? "+" : change_tenths < 0 ? "\u2212" : "", magnitude);
}

char *
ic_render_format_ci95 (const IcBundleIndicator *indicator)
{
  g_autofree char *low = NULL, *high = NULL;

  if (!indicator->has_ci95)
    return NULL;
  low = ic_format_fr_tenths (indicator->ci95_low_tenths);
  high = ic_format_fr_tenths (indicator->ci95_high_tenths);
  return g_strdup_printf ("%s \u2013 %s", low, high);
}

char *
ic_render_format_value_ci95 (const IcBundleIndicator *indicator)
{
  g_autofree char *value = ic_render_format_figure (indicator, indicator->value_tenths);
  g_autofree char *ci = ic_render_format_ci95 (indicator);

  return ci ? g_strdup_printf ("%s [IC à 95 %% : %s]", value, ci) : g_steal_pointer (&value);
}

char *
ic_render_format_p_value (gint64 p_value, gboolean significant)
{
  char digits[8];
  gsize len;

  if (p_value <= 0)
    return g_strdup ("< 0,0001");
  if (significant && p_value >= 500)
    return g_strdup ("< 0,05"); /* p rounded up to 0.05: below it all the same */
  if (p_value >= 1000)
    {
      gint64 hundredths = (p_value + 50) / 100; /* half up */
      return g_strdup_printf ("= %d,%02d", (int) (hundredths / 100), (int) (hundredths % 100));
    }
  /* below 0.1, the bundle's four decimals, without trailing zeros */
  g_snprintf (digits, sizeof digits, "%04d", (int) p_value);
  len = strlen (digits);
  while (len > 1 && digits[len - 1] == '0')
    digits[--len] = '\0';
  return g_strdup_printf ("= 0,%s", digits);
}

char *
ic_render_format_significance (const IcBundleIndicator *indicator, gboolean brief)
{
  const IcBundlePoint *from;
  gint64 change;
  g_autofree char *p = NULL;

  /* a count's change is not tested: nothing to say */
  if (!indicator->has_change || indicator->kind == IC_BUNDLE_KIND_COUNT
      || !ic_bundle_indicator_change (indicator, &from, &change))
    return NULL;
  if (!indicator->has_p_value)
    return brief ? NULL : g_strdup_printf ("significativité non évaluée (effectifs de %s inconnus)", from->label);
  if (brief)
    return g_strdup (indicator->significant ? "significative" : "non significative");
  p = ic_render_format_p_value (indicator->p_value, indicator->significant);
  if (indicator->significant)
    return g_strdup_printf ("significative au seuil de 5 %% (p %s)", p);
  return g_strdup_printf ("non significative au seuil de 5 %% (p %s) : l'écart peut être dû au hasard", p);
}

char *
ic_render_format_change_sentence (const IcBundleIndicator *indicator, gboolean brief)
{
  const IcBundlePoint *from;
  gint64 change;
  g_autofree char *text = NULL, *before = NULL, *significance = NULL;
  GString *sentence;

  if (!ic_bundle_indicator_change (indicator, &from, &change))
    return NULL;
  text = ic_render_format_indicator_change (indicator, change);
  significance = ic_render_format_significance (indicator, brief);
  if (brief)
    {
      sentence = g_string_new (NULL);
      g_string_append_printf (sentence, "%s depuis %s", text, from->label);
    }
  else
    {
      before = ic_render_format_figure (indicator, from->value_tenths);
      sentence = g_string_new (NULL);
      g_string_append_printf (sentence, "%s par rapport à %s (%s)", text, from->label, before);
    }
  if (significance)
    g_string_append_printf (sentence, ", %s", significance);
  if (!brief && ic_bundle_point_breaks_series (indicator, from))
    g_string_append_printf (sentence, " — définition %s en %s, %s en %s : à comparer avec prudence",
                            from->definition_version, from->label, indicator->definition_version,
                            indicator->period_label);
  return g_string_free (sentence, FALSE);
}

char *
ic_render_format_solen (const IcBundleIndicator *indicator)
{
  if (!indicator->has_solen)
    return NULL;
  /* 2025-2027 has no engagements */
  if (indicator->solen_engagement <= 0)
    return g_strdup_printf ("Objectif %" G_GINT64_FORMAT, indicator->solen_objective);
  return g_strdup_printf ("Engagement %" G_GINT64_FORMAT ", objectif %" G_GINT64_FORMAT,
                          indicator->solen_engagement, indicator->solen_objective);
}

char *
ic_render_format_date (const char *iso)
{
  if (iso != NULL && strlen (iso) == 10 && iso[4] == '-' && iso[7] == '-')
    return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
  return g_strdup (iso ? iso : "");
}

char *
ic_render_format_timestamp (const char *iso)
{
  if (iso != NULL && strlen (iso) == 20 && iso[10] == 'T' && iso[19] == 'Z')
    return g_strdup_printf ("%.2s/%.2s/%.4s à %.5s UTC", iso + 8, iso + 5, iso, iso + 11);
  return g_strdup (iso ? iso : "");
}

char *
ic_render_oneline (const char *text)
{
  char *line = g_strdup (text ? text : "");
  for (char *p = line; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return line;
}

char *
ic_render_format_suppressed_reason (const IcBundleView *bundle)
{
  if (bundle->has_small_count && bundle->small_count > 0)
    return g_strdup_printf ("effectif de 1 à %" G_GINT64_FORMAT ", ou complément d'un tel effectif",
                            bundle->small_count);
  return g_strdup ("petit effectif, ou complément d'un tel effectif");
}

const char *
ic_render_status_word (IcBundleStatus status)
{
  switch (status)
    {
    case IC_BUNDLE_STATUS_NOT_AVAILABLE:
      return "non disponible";
    case IC_BUNDLE_STATUS_ERROR:
      return "erreur de calcul";
    case IC_BUNDLE_STATUS_OK:
    default:
      return NULL;
    }
}

char *
ic_render_format_department (const IcBundleView *bundle)
{
  if (bundle->department_name != NULL && *bundle->department_name)
    return g_strdup_printf ("%s (%s)", bundle->department_name, bundle->department_code);
  return g_strdup_printf ("Département %s", bundle->department_code);
}

char *
ic_render_format_value_or_status (const IcBundleIndicator *indicator)
{
  const char *word;

  if (indicator->has_value)
    return ic_render_format_figure (indicator, indicator->value_tenths);
  word = ic_render_status_word (indicator->status);
  return g_strdup (word ? word : "sans valeur");
}

/* What an input table or a population is, in words: the "words" of its
 * schema (docs/tables.md); NULL for a name no schema gives words (then
 * printed as it is). */
const char *
ic_render_source_words (const char *name)
{
  const IcTableSpec *table = name != NULL ? ic_table_spec (name) : NULL;
  const IcPopulationSpec *population = NULL;

  if (table != NULL && table->words != NULL)
    return table->words;
  population = name != NULL ? ic_table_registry_population (ic_tables (), name, NULL) : NULL;
  return population != NULL ? population->words : NULL;
}

char *
ic_render_breakdown_title (const IcBundleBreakdown *breakdown)
{
  return g_strdup_printf ("Par %s", breakdown->label);
}

char *
ic_render_breakdown_column (const IcBundleBreakdown *breakdown)
{
  const char *rest = g_utf8_next_char (breakdown->label);
  g_autofree char *first = g_utf8_strup (breakdown->label, rest - breakdown->label);

  return g_strdup_printf ("%s%s", first, rest);
}

void
ic_render_stratum_cells (const IcBundleIndicator *indicator, const IcBundleStratum *stratum, char **numerator,
                         char **denominator, char **value)
{
  gboolean total = stratum == NULL;

  if (!total && stratum->suppressed)
    {
      *numerator = g_strdup ("—");
      *denominator = g_strdup ("—");
      *value = g_strdup (IC_RENDER_SUPPRESSED);
      return;
    }
  *numerator = (total ? indicator->has_numerator : indicator->kind == IC_BUNDLE_KIND_RATE)
                   ? ic_format_fr_int (total ? indicator->numerator : stratum->numerator) : g_strdup ("");
  *denominator = (total ? indicator->has_denominator : indicator->kind == IC_BUNDLE_KIND_RATE)
                     ? ic_format_fr_int (total ? indicator->denominator : stratum->denominator) : g_strdup ("");
  *value = ic_render_format_figure (indicator, total ? indicator->value_tenths : stratum->value_tenths);
}

char *
ic_render_format_stratum (const IcBundleIndicator *indicator, const IcBundleStratum *stratum)
{
  g_autofree char *numerator = NULL, *denominator = NULL, *value = NULL;

  ic_render_stratum_cells (indicator, stratum, &numerator, &denominator, &value);
  if ((stratum && stratum->suppressed) || indicator->kind == IC_BUNDLE_KIND_COUNT || !*numerator || !*denominator)
    return g_steal_pointer (&value);
  return g_strdup_printf ("%s (%s / %s)", value, numerator, denominator);
}

char *
ic_render_format_breakdown (const IcBundleIndicator *indicator, const IcBundleBreakdown *breakdown)
{
  g_autofree char *title = ic_render_breakdown_title (breakdown);
  GString *line = g_string_new (title);

  g_string_append (line, " :");
  for (guint i = 0; i < breakdown->strata->len; i++)
    {
      const IcBundleStratum *stratum = breakdown->strata->pdata[i];
      g_autofree char *figure = ic_render_format_stratum (indicator, stratum);
      g_string_append_printf (line, "%s %s : %s", i ? " ;" : "", stratum->code, figure);
    }
  return g_string_free (line, FALSE);
}

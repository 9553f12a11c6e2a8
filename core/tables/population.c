/* population.c: the denominator populations of spec/data.md, from the
 * reference table or derived from the table whose schema says how, and what
 * is said when the two disagree. */
#include "population.h"

#include "date.h"
#include "french-number.h"
#include "indicore/indicore-plugin.h"

/* reference[t] of a row above IC_POPULATION_MAX; -1 is "no row". */
#define IMPLAUSIBLE (-2)

static void
read_reference (IcPopulation *population, IcDataset *dataset)
{
  const IcTableSpec *spec = ic_table_registry_reference (dataset->registry);
  IcTable *table = spec != NULL ? ic_dataset_table (dataset, spec->name) : NULL;
  IcTableColumn *names, *periods, *territories, *values, *sources;

  population->reference_file = spec != NULL ? spec->file : NULL;
  population->no_reference_file = spec == NULL || !ic_dataset_present (dataset, spec->name);
  if (table == NULL)
    return;
  names = ic_table_column (table, "population");
  periods = ic_table_column (table, "period");
  territories = ic_table_column (table, "territory");
  values = ic_table_column (table, "value");
  sources = ic_table_column (table, "source");
  for (guint64 i = 0; i < table->n_rows; i++)
    {
      guint16 t = territories->codes[i];
      if (g_ascii_strcasecmp (names->texts[i], population->name) != 0
          || g_strcmp0 (periods->texts[i], population->period_label) != 0)
        continue;
      /* Not used, and not replaced by the derived count either: said. */
      if (values->integers[i] > IC_POPULATION_MAX)
        {
          population->reference[t] = IMPLAUSIBLE;
          population->implausible = TRUE;
          continue;
        }
      population->reference[t] = values->integers[i];
      population->sources[t] = sources->texts[i];
      if (t != 0)
        population->named[t] = TRUE;
    }
}

/* Counts the rows of @table dated (@column) in @year, in total and per
 * territory (added to @per_territory). */
static gint64
count_rows (IcTable *table, const char *column, int year, gint64 *per_territory)
{
  const gint32 *dates = ic_table_column (table, column)->dates;
  const IcTableColumn *territory = ic_table_column (table, "territory");
  gint32 first = ic_date_from_ymd (year, 1, 1), last = ic_date_from_ymd (year, 12, 31);
  gint64 total = 0;

  for (guint64 i = 0; i < table->n_rows; i++)
    if (dates[i] >= first && dates[i] <= last)
      {
        total++;
        if (territory != NULL && territory->codes[i] != 0)
          per_territory[territory->codes[i]]++;
      }
  return total;
}

/* Why a population counted over @years years (the last @year) cannot be,
 * some of them having no row: "naissances.csv n'a aucune ligne en 2023, alors
 * qu'il faut les naissances de 2023 et de 2024 pour compter ...". */
static char *
years_missing (const IcTableSpec *spec, const IcPopulationSpec *derived, int year, const gint64 *totals)
{
  g_autoptr (GString) missing = g_string_new (NULL);
  g_autofree char *span = derived->years == 2
                            ? g_strdup_printf ("%d et de %d", year - 1, year)
                            : g_strdup_printf ("%d à %d", year - (int) derived->years + 1, year);

  for (guint k = derived->years; k-- > 0;)
    if (totals[k] == 0)
      g_string_append_printf (missing, "%s%d", missing->len > 0 ? " ni en " : "", year - (int) k);
  return g_strdup_printf ("%s n'a aucune ligne en %s, alors qu'il faut %s de %s pour compter %s en %d", spec->file,
                          missing->str, spec->words != NULL ? spec->words : "les lignes", span, derived->words, year);
}

static void
derive (IcPopulation *population, IcDataset *dataset, const IcPeriod *period)
{
  const IcTableSpec *spec = NULL;
  const IcPopulationSpec *derived = ic_table_registry_population (dataset->registry, population->name, &spec);
  int year = period->year;
  g_autofree gint64 *counts = g_new0 (gint64, population->n_territories);
  g_autofree gint64 *totals = NULL;
  IcTable *table;
  gint64 total = 0;

  if (derived == NULL || derived->date == NULL)
    {
      population->not_derivable = g_strdup ("il ne se déduit pas des données individuelles");
      return;
    }
  population->derived_file = spec->file;
  if (period->kind != IC_PERIOD_CALENDAR_YEAR)
    {
      population->not_derivable = g_strdup_printf ("il ne se déduit de %s que pour une année civile", spec->file);
      return;
    }
  table = ic_dataset_table (dataset, spec->name);
  if (table == NULL)
    {
      population->not_derivable = g_strdup_printf ("%s, dont il se déduirait, manque aussi", spec->file);
      return;
    }

  /* The rows of each year into @counts (the years before too, which must
   * then all have rows: counted into the same array). */
  totals = g_new0 (gint64, derived->years);
  for (guint k = 0; k < derived->years; k++)
    {
      totals[k] = count_rows (table, derived->date, year - (int) k, counts);
      total += totals[k];
    }
  for (guint k = 0; derived->years > 1 && k < derived->years; k++)
    if (totals[k] == 0)
      {
        population->not_derivable = years_missing (spec, derived, year, totals);
        return;
      }
  population->derived[0] = total;
  /* Without a territory column, the table says nothing of any territory:
   * no count is derivable there (not 0, which would differ from every
   * reference row). */
  if (ic_table_column (table, "territory") == NULL || ic_table_column (table, "territory")->field < 0)
    return;
  for (guint t = 1; t < population->n_territories; t++)
    {
      population->derived[t] = counts[t];
      if (counts[t] > 0)
        population->named[t] = TRUE;
    }
}

IcPopulation *
ic_population_new (IcDataset *dataset, const char *name, const IcPeriod *period)
{
  IcPopulation *population = g_new0 (IcPopulation, 1);
  guint n = ic_interner_size (dataset->territories);

  population->name = g_strdup (name);
  population->period_label = g_strdup (period->label);
  population->n_territories = n;
  population->reference = g_new (gint64, n);
  population->derived = g_new (gint64, n);
  population->sources = g_new0 (const char *, n);
  population->named = g_new0 (gboolean, n);
  for (guint t = 0; t < n; t++)
    population->reference[t] = population->derived[t] = -1;
  read_reference (population, dataset);
  derive (population, dataset, period);
  return population;
}

void
ic_population_free (IcPopulation *population)
{
  if (population == NULL)
    return;
  g_free (population->name);
  g_free (population->period_label);
  g_free (population->reference);
  g_free (population->derived);
  g_free (population->sources);
  g_free (population->named);
  g_free (population->not_derivable);
  g_free (population);
}

gboolean
ic_population_resolve (IcPopulation *population, guint16 territory, IcPopulationValue *value)
{
  gint64 reference, derived;

  g_return_val_if_fail (territory < population->n_territories, FALSE);
  reference = population->reference[territory];
  derived = population->derived[territory];
  *value = (IcPopulationValue) { 0 };
  if (reference == IMPLAUSIBLE)
    return FALSE;
  if (reference >= 0)
    {
      value->value = reference;
      value->origin = population->reference_file;
      value->source = population->sources[territory];
      value->differs = derived >= 0 && derived != reference;
      value->derived = derived;
      return TRUE;
    }
  if (derived >= 0)
    {
      value->value = derived;
      value->origin = population->derived_file;
      return TRUE;
    }
  return FALSE;
}

char *
ic_population_french_name (const char *name)
{
  const IcPopulationSpec *spec = ic_table_registry_population (ic_tables (), name, NULL);

  if (spec != NULL)
    return g_strdup (spec->number_words);
  return g_strdup_printf ("l'effectif « %s »", name);
}

char *
ic_population_why_unavailable (IcPopulation *population)
{
  g_autofree char *what = ic_population_french_name (population->name);

  if (population->reference[0] == IMPLAUSIBLE)
    {
      g_autofree char *max = ic_format_fr_int (IC_POPULATION_MAX);
      return g_strdup_printf ("%s de %s n'est pas disponible : %s le donne au-dessus de %s, "
                              "plus qu'aucun département n'a d'habitants", what, population->period_label,
                              population->reference_file, max);
    }
  if (population->no_reference_file)
    return g_strdup_printf ("%s de %s n'est pas disponible : le fichier %s manque, et %s",
                            what, population->period_label,
                            population->reference_file ? population->reference_file : "de référence",
                            population->not_derivable ? population->not_derivable : "aucun effectif n'a pu être déduit");
  return g_strdup_printf ("%s de %s n'est pas disponible : %s n'a pas de ligne « %s » pour %s, et %s",
                          what, population->period_label, population->reference_file, population->name,
                          population->period_label,
                          population->not_derivable ? population->not_derivable : "aucun effectif n'a pu être déduit");
}

char *
ic_population_difference_warning (const IcPopulation *population, const char *territory_name,
                                  const IcPopulationValue *value)
{
  g_autofree char *what = NULL;

  if (!value->differs)
    return NULL;
  what = ic_population_french_name (population->name);
  if (territory_name != NULL)
    return g_strdup_printf ("%s de %s, territoire %s : %s et %s diffèrent ; le chiffre de %s est retenu", what,
                            population->period_label, territory_name, population->reference_file,
                            population->derived_file, population->reference_file);
  return g_strdup_printf ("%s de %s : %s donne %" G_GINT64_FORMAT " et %s %" G_GINT64_FORMAT
                          " ; le chiffre de %s est retenu", what, population->period_label, population->reference_file,
                          value->value, population->derived_file, value->derived, population->reference_file);
}

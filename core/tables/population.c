/* population.c: the denominator populations of spec/data.md, from
 * populations.csv or derived from births.csv, and what is said when the
 * two disagree. */
#include "population.h"

#include "date.h"
#include "french-number.h"
#include "indicore/indicore-plugin.h"

/* reference[t] of a row above IC_POPULATION_MAX; -1 is "no row". */
#define IMPLAUSIBLE (-2)

static void
read_reference (IcPopulation *population, IcDataset *dataset)
{
  IcTable *table = dataset->tables[IC_TABLE_POPULATIONS];
  IcTableColumn *names, *periods, *territories, *values, *sources;

  population->no_reference_file = !dataset->present[IC_TABLE_POPULATIONS];
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

/* Counts the births of [first, last], in total and per territory (added to
 * @per_territory). births.csv must be present. */
static void
count_births (IcDataset *dataset, gint32 first, gint32 last, gint64 *per_territory, gint64 *total)
{
  IcTable *births = dataset->tables[IC_TABLE_BIRTHS];
  const gint32 *dates = ic_table_column (births, "birth_date")->dates;
  const guint16 *territories = ic_table_column (births, "territory")->codes;

  *total = 0;
  for (guint64 i = 0; i < births->n_rows; i++)
    if (dates[i] >= first && dates[i] <= last)
      {
        (*total)++;
        if (territories[i] != 0)
          per_territory[territories[i]]++;
      }
}

static void
derive (IcPopulation *population, IcDataset *dataset, const IcPeriod *period)
{
  gboolean births = g_ascii_strcasecmp (population->name, "births") == 0;
  gboolean under_2 = g_ascii_strcasecmp (population->name, "children_under_2") == 0;
  int year = period->year;
  g_autofree gint64 *counts = g_new0 (gint64, population->n_territories);
  gint64 total;

  if (!births && !under_2)
    {
      population->not_derivable = g_strdup ("il ne se déduit pas des données individuelles");
      return;
    }
  if (period->kind != IC_PERIOD_CALENDAR_YEAR)
    {
      population->not_derivable = g_strdup ("il ne se déduit de births.csv que pour une année civile");
      return;
    }
  if (dataset->tables[IC_TABLE_BIRTHS] == NULL)
    {
      population->not_derivable = g_strdup ("births.csv, dont il se déduirait, manque aussi");
      return;
    }

  /* Births of Y into @counts (and, for children under 2, those of Y-1 too,
   * which must exist: counted into the same array). */
  count_births (dataset, ic_date_from_ymd (year, 1, 1), ic_date_from_ymd (year, 12, 31), counts, &total);
  if (under_2)
    {
      gint64 earlier;
      count_births (dataset, ic_date_from_ymd (year - 1, 1, 1), ic_date_from_ymd (year - 1, 12, 31), counts, &earlier);
      if (earlier == 0 || total == 0)
        {
          g_autofree char *missing = earlier == 0 && total == 0
                                       ? g_strdup_printf ("%d ni en %d", year - 1, year)
                                       : g_strdup_printf ("%d", earlier == 0 ? year - 1 : year);
          population->not_derivable = g_strdup_printf ("births.csv n'a aucune naissance en %s, alors qu'il faut "
                                                      "les naissances de %d et de %d pour compter les enfants de "
                                                      "moins de 2 ans en %d",
                                                      missing, year - 1, year, year);
          return;
        }
      total += earlier;
    }
  population->derived[0] = total;
  /* Without a territory column, births.csv says nothing of any territory:
   * no count is derivable there (not 0, which would differ from every
   * reference row). */
  if (ic_table_column (dataset->tables[IC_TABLE_BIRTHS], "territory")->field < 0)
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
      value->origin = "populations.csv";
      value->source = population->sources[territory];
      value->differs = derived >= 0 && derived != reference;
      value->derived = derived;
      return TRUE;
    }
  if (derived >= 0)
    {
      value->value = derived;
      value->origin = "births.csv";
      return TRUE;
    }
  return FALSE;
}

char *
ic_population_french_name (const char *name)
{
  if (g_ascii_strcasecmp (name, "births") == 0)
    return g_strdup ("le nombre de naissances");
  if (g_ascii_strcasecmp (name, "children_under_2") == 0)
    return g_strdup ("le nombre d'enfants de moins de 2 ans");
  if (g_ascii_strcasecmp (name, "enrolled_3_4") == 0)
    return g_strdup ("le nombre d'enfants scolarisés à 3-4 ans");
  return g_strdup_printf ("l'effectif « %s »", name);
}

char *
ic_population_why_unavailable (IcPopulation *population)
{
  g_autofree char *what = ic_population_french_name (population->name);

  if (population->reference[0] == IMPLAUSIBLE)
    {
      g_autofree char *max = ic_format_fr_int (IC_POPULATION_MAX);
      return g_strdup_printf ("%s de %s n'est pas disponible : populations.csv le donne au-dessus de %s, "
                              "plus qu'aucun département n'a d'habitants", what, population->period_label, max);
    }
  if (population->no_reference_file)
    return g_strdup_printf ("%s de %s n'est pas disponible : le fichier populations.csv manque, et %s",
                            what, population->period_label,
                            population->not_derivable ? population->not_derivable : "aucun effectif n'a pu être déduit");
  return g_strdup_printf ("%s de %s n'est pas disponible : populations.csv n'a pas de ligne « %s » pour %s, et %s",
                          what, population->period_label, population->name, population->period_label,
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
    return g_strdup_printf ("%s de %s, territoire %s : populations.csv et births.csv diffèrent ; "
                            "le chiffre de populations.csv est retenu", what, population->period_label, territory_name);
  return g_strdup_printf ("%s de %s : populations.csv donne %" G_GINT64_FORMAT
                          " et births.csv %" G_GINT64_FORMAT " ; le chiffre de populations.csv est retenu",
                          what, population->period_label, value->value, value->derived);
}

/* result-breakdown.c: the kind of a result's figure (rate or count) and
 * its breakdowns by a code column (ABI 1.2): checked in the parent as
 * everything a plugin hands back, named by their codes, valued, sorted. */
#include "result-private.h"

#include <string.h>

#include "rate.h"

gboolean
ic_result_value_tenths (const IcResult *result, gint64 numerator, gint64 denominator, gint64 *tenths)
{
  if (result->kind == IC_KIND_RATE)
    return ic_rate_tenths (numerator, denominator, tenths);
  *tenths = numerator * 10;
  return TRUE;
}

void
ic_result_clear_strata (IcResult *result)
{
  g_array_set_size (result->strata, 0);
  for (guint i = 0; i < result->breakdowns->len; i++)
    g_array_set_size (((IcBreakdown *) result->breakdowns->pdata[i])->strata, 0);
}

char *
ic_result_kind_problem (const IcResult *result)
{
  if (result->kind == IC_KIND_COUNT && result->has_denominator)
    return g_strdup ("un dénominateur pour un indicateur de type nombre");
  return NULL;
}

/* The code column a breakdown names, among the data read, or NULL. */
static IcTableColumn *
code_column (const IcResultBounds *bounds, const IcBreakdownSpec *spec)
{
  IcTable *table = bounds->dataset ? ic_dataset_table (bounds->dataset, spec->table) : NULL;
  IcTableColumn *column = table ? ic_table_column (table, spec->column) : NULL;
  return column && column->spec->kind == IC_COLUMN_KIND_CODE && column->dictionary ? column : NULL;
}

static char *
stratum_problem (const IcResult *r, const IcBreakdownStratum *s, guint n_codes, const char *column)
{
  gboolean over_population = ic_result_is_over_population (r);

  if (s->code == 0 || s->code > n_codes)
    return g_strdup_printf ("une strate de la ventilation par %s dont le code %u n'est pas dans la colonne (de 1 à %u)",
                            column, s->code, n_codes);
  if (s->numerator < 0 || s->denominator < 0)
    return g_strdup_printf ("un effectif négatif dans la strate %u de la ventilation par %s", s->code, column);
  if (r->has_numerator && s->numerator > r->numerator)
    return g_strdup_printf ("un effectif de la strate %u de la ventilation par %s supérieur à celui du total", s->code,
                            column);
  if (r->kind == IC_KIND_COUNT)
    return s->denominator == 0 ? NULL
                               : g_strdup_printf ("un dénominateur dans la ventilation par %s d'un indicateur de type nombre",
                                                  column);
  if (over_population ? s->denominator > IC_RESULT_POPULATION_MAX
                      : r->has_denominator && s->denominator > r->denominator)
    return g_strdup_printf ("un dénominateur de la strate %u de la ventilation par %s supérieur à %s", s->code, column,
                            over_population ? "tout effectif de référence possible" : "celui du total");
  if (!over_population && s->numerator > s->denominator)
    return g_strdup_printf ("un numérateur de la strate %u de la ventilation par %s supérieur à son dénominateur",
                            s->code, column);
  return NULL;
}

char *
ic_result_breakdowns_problem (const IcResult *result, const IcResultBounds *bounds)
{
  for (guint b = 0; b < result->breakdowns->len; b++)
    {
      const IcBreakdown *breakdown = result->breakdowns->pdata[b];
      IcTableColumn *column;
      guint n_codes;

      if (breakdown->strata->len == 0)
        continue;
      if ((column = code_column (bounds, breakdown->spec)) == NULL)
        return g_strdup_printf ("une ventilation par %s, qui n'est pas une colonne de codes des données lues",
                                breakdown->spec->column);
      n_codes = ic_interner_size (column->dictionary);
      for (guint i = 0; i < breakdown->strata->len; i++)
        {
          char *problem = stratum_problem (result, &g_array_index (breakdown->strata, IcBreakdownStratum, i), n_codes,
                                           breakdown->spec->column);
          if (problem != NULL)
            return problem;
        }
    }
  return NULL;
}

void
ic_result_name_codes (IcResult *result, const IcResultBounds *bounds)
{
  for (guint b = 0; b < result->breakdowns->len; b++)
    {
      IcBreakdown *breakdown = result->breakdowns->pdata[b];
      IcTableColumn *column = breakdown->strata->len ? code_column (bounds, breakdown->spec) : NULL;

      for (guint i = 0; column != NULL && i < breakdown->strata->len; i++)
        {
          IcBreakdownStratum *s = &g_array_index (breakdown->strata, IcBreakdownStratum, i);
          g_free (s->name);
          s->name = g_strdup (ic_interner_get (column->dictionary, s->code - 1u));
        }
    }
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  const IcBreakdownStratum *x = a, *y = b;
  int by_name = g_strcmp0 (x->name, y->name);
  return by_name != 0 ? by_name : (int) x->code - (int) y->code;
}

void
ic_result_finish_breakdowns (IcResult *result)
{
  for (guint b = 0; b < result->breakdowns->len; b++)
    {
      IcBreakdown *breakdown = result->breakdowns->pdata[b];
      for (guint i = 0; i < breakdown->strata->len; i++)
        {
          IcBreakdownStratum *s = &g_array_index (breakdown->strata, IcBreakdownStratum, i);
          ic_result_value_tenths (result, s->numerator, s->denominator, &s->value_tenths);
        }
      g_array_sort (breakdown->strata, compare_codes);
    }
}

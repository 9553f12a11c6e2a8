/* api-kinds.c: the IcApi members of ABI 1.2 that report figures: a count
 * and its strata, breakdown strata, and finishing an indicator from two
 * distinct counters or from a tally of records. Each checks its arguments
 * at the call, as the engine checks them again in its own process. */
#include "api-table-private.h"

struct _IcTally {
  IcContext *ctx;
  const IcBreakdownSpec *breakdown; /* the definition's, or NULL */
  guint n_territories;
  guint n_codes;                    /* codes 1..n_codes of the breakdown's column */
  gint64 numerator, denominator;
  gint64 *by_territory;             /* numerator, denominator of territory t at 2t, 2t+1 */
  gint64 *by_code;                  /* the same by code */
  gboolean broken;                  /* a call was refused: finishes nothing */
  gboolean finished;
};

void
ic_api_tally_free (IcTally *tally)
{
  g_free (tally->by_territory);
  g_free (tally->by_code);
  g_free (tally);
}

void
ic_api_set_count (IcContext *ctx, gint64 value)
{
  if (!ic_api_check_kind (ctx, "set_count", IC_KIND_COUNT) || !ic_api_check_count (ctx, "set_count", "le nombre", value))
    return;
  ctx->result->has_numerator = TRUE;
  ctx->result->numerator = value;
}

void
ic_api_add_count_stratum (IcContext *ctx, guint16 territory, gint64 value)
{
  if (!ic_api_check_kind (ctx, "add_count_stratum", IC_KIND_COUNT)
      || !ic_api_check_territory (ctx, "add_count_stratum", territory)
      || !ic_api_check_count (ctx, "add_count_stratum", "le nombre", value))
    return;
  ic_result_add_stratum (ctx->result, territory, value, 0);
}

/* The code column of the definition's breakdown by @table's @column, or
 * NULL with the call refused. */
static IcTableColumn *
find_breakdown (IcContext *ctx, const char *call, const char *table, const char *column,
                  const IcBreakdownSpec **spec)
{
  IcTableColumn *found;

  *spec = ctx->definition ? ic_definition_breakdown (ctx->definition, table, column) : NULL;
  if (*spec == NULL)
    {
      ic_api_refuse (ctx, call, "une ventilation que la définition ne déclare pas (« breakdowns »)");
      return NULL;
    }
  found = ic_api_find_column (ctx, table, column, IC_COLUMN_KIND_CODE);
  if (found == NULL || found->dictionary == NULL)
    ic_api_refuse (ctx, call, "la ventilation par %s n'est pas une colonne de codes d'une table déclarée", (*spec)->column);
  return found && found->dictionary ? found : NULL;
}

void
ic_api_add_breakdown_stratum (IcContext *ctx, const char *table, const char *column, guint16 code,
                              gint64 numerator, gint64 denominator)
{
  const char *call = "add_breakdown_stratum";
  const IcBreakdownSpec *spec = NULL;
  IcTableColumn *found = find_breakdown (ctx, call, table, column, &spec);
  guint n_codes;

  if (found == NULL)
    return;
  n_codes = ic_interner_size (found->dictionary);
  if (code == 0 || code > n_codes)
    {
      ic_api_refuse (ctx, call, "le code %u n'est pas dans la colonne %s (de 1 à %u ; 0 est une valeur manquante)",
                     code, spec->column, n_codes);
      return;
    }
  if (!ic_api_check_count (ctx, call, ctx->result->kind == IC_KIND_COUNT ? "le nombre" : "le numérateur", numerator)
      || (ctx->result->kind == IC_KIND_RATE && !ic_api_check_count (ctx, call, "le dénominateur", denominator)))
    return;
  ic_result_add_breakdown_stratum (ctx->result, spec->table, spec->column, code, numerator, denominator);
}

void
ic_api_finish_distinct (IcContext *ctx, IcDistinct *numerator, IcDistinct *denominator)
{
  const IcApi *api = ic_api_get ();
  guint n;

  if (!ic_api_check_kind (ctx, "finish_distinct", IC_KIND_RATE))
    return;
  if (numerator == NULL || denominator == NULL)
    {
      ic_api_refuse (ctx, "finish_distinct", "un compteur NULL");
      return;
    }
  api->set_counts (ctx, (gint64) ic_distinct_total (numerator), (gint64) ic_distinct_total (denominator));
  n = MIN (ic_distinct_n_territories (numerator), ic_distinct_n_territories (denominator));
  for (guint t = 1; t < n && ctx->result->status != IC_STATUS_ERROR; t++)
    {
      guint64 den = ic_distinct_in_territory (denominator, (guint16) t);
      if (den > 0)
        api->add_stratum (ctx, (guint16) t, (gint64) ic_distinct_in_territory (numerator, (guint16) t), (gint64) den);
    }
}

IcTally *
ic_api_tally_new (IcContext *ctx, const char *breakdown_table, const char *breakdown_column)
{
  IcTally *tally;
  IcTableColumn *column = NULL;
  const IcBreakdownSpec *spec = NULL;

  if ((breakdown_table != NULL || breakdown_column != NULL)
      && (column = find_breakdown (ctx, "tally_new", breakdown_table, breakdown_column, &spec)) == NULL)
    return NULL;
  tally = g_new0 (IcTally, 1);
  tally->ctx = ctx;
  tally->breakdown = spec;
  tally->n_territories = ic_api_n_territories (ctx);
  tally->n_codes = column ? ic_interner_size (column->dictionary) : 0;
  tally->by_territory = g_new0 (gint64, 2 * (gsize) tally->n_territories);
  tally->by_code = g_new0 (gint64, 2 * ((gsize) tally->n_codes + 1));
  g_ptr_array_add (ctx->tallies, tally);
  return tally;
}

void
ic_api_tally_add (IcTally *tally, guint16 territory, guint16 code, gboolean in_numerator)
{
  gint64 in = in_numerator ? 1 : 0;

  if (tally == NULL || tally->broken)
    return;
  if (territory >= tally->n_territories || code > tally->n_codes)
    {
      ic_api_refuse (tally->ctx, "tally_add", territory >= tally->n_territories
                                                ? "l'indice de territoire %u est hors limites (de 0 à %u)"
                                                : "le code %u n'est pas dans la colonne de la ventilation (de 0 à %u)",
                     territory >= tally->n_territories ? territory : code,
                     territory >= tally->n_territories ? tally->n_territories - 1 : tally->n_codes);
      tally->broken = TRUE;
      return;
    }
  tally->numerator += in;
  tally->denominator++;
  tally->by_territory[2 * territory] += in;
  tally->by_territory[2 * territory + 1]++;
  tally->by_code[2 * code] += in;
  tally->by_code[2 * code + 1]++;
}

/* A count's strata are its numerators; a rate's, numerators over
 * denominators of rows, kept when the denominator is above 0. */
void
ic_api_finish_tally (IcContext *ctx, IcTally *tally)
{
  const IcApi *api = ic_api_get ();
  gboolean count = ctx->result->kind == IC_KIND_COUNT;

  if (tally == NULL || tally->ctx != ctx || tally->finished)
    {
      ic_api_refuse (ctx, "finish_tally", tally == NULL ? "un décompte NULL" : "un décompte déjà terminé, ou d'un autre calcul");
      return;
    }
  tally->finished = TRUE;
  if (tally->broken)
    return;
  count ? api->set_count (ctx, tally->numerator) : api->set_counts (ctx, tally->numerator, tally->denominator);
  for (guint t = 1; t < tally->n_territories && ctx->result->status != IC_STATUS_ERROR; t++)
    {
      gint64 num = tally->by_territory[2 * t], den = tally->by_territory[2 * t + 1];
      if (count && num > 0)
        api->add_count_stratum (ctx, (guint16) t, num);
      else if (!count && den > 0)
        api->add_stratum (ctx, (guint16) t, num, den);
    }
  for (guint c = 1; tally->breakdown != NULL && c <= tally->n_codes && ctx->result->status != IC_STATUS_ERROR; c++)
    {
      gint64 num = tally->by_code[2 * c], den = tally->by_code[2 * c + 1];
      if (count ? num > 0 : den > 0)
        api->add_breakdown_stratum (ctx, tally->breakdown->table, tally->breakdown->column, (guint16) c, num,
                                    count ? 0 : den);
    }
}

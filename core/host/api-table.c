/* api-table.c: the engine's IcApi table: each member reads the run's
 * typed columns or records into the result of the computation at hand. */
#include "api-table.h"

#include <string.h>

#include "date.h"
#include "population.h"

/* IcDistinct of the public header is the core's distinct counter. */
struct _IcDistinct;

/* A call the plugin made with arguments no computation can give: the
 * indicator becomes an error naming the call, and the call does nothing. */
static void refuse (IcContext *ctx, const char *call, const char *format, ...) G_GNUC_PRINTF (3, 4);
static void
refuse (IcContext *ctx, const char *call, const char *format, ...)
{
  va_list args;
  g_autofree char *problem = NULL, *reason = NULL;
  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  reason = g_strdup_printf ("le module a appelé %s de façon invalide : %s", call, problem);
  /* The first misuse is the cause. */
  if (ctx->result->status != IC_STATUS_ERROR)
    ic_result_set_error (ctx->result, reason);
}

/* FALSE (and the indicator in error) when the plugin's text @text, given to
 * @call, is not fit for the bundle. */
static gboolean
check_text (IcContext *ctx, const char *call, const char *text)
{
  g_autofree char *problem = text ? ic_result_text_problem (text, IC_RESULT_TEXT_MAX) : g_strdup ("est NULL");
  if (problem != NULL)
    refuse (ctx, call, "son texte %s", problem);
  return problem == NULL;
}

static gboolean
check_key (IcContext *ctx, const char *call, const char *key)
{
  gboolean valid = key != NULL && ic_result_key_is_valid (key);
  if (!valid)
    refuse (ctx, call, "le nom n'est pas fait de [a-z0-9_], de 1 à %d octets", IC_RESULT_KEY_MAX);
  return valid;
}

/* Details are few: each key once, at most IC_RESULT_ITEMS_MAX of them. */
static gboolean
check_detail (IcContext *ctx, const char *call, const char *key)
{
  if (!check_key (ctx, call, key))
    return FALSE;
  if (ctx->result->details->len >= IC_RESULT_ITEMS_MAX)
    {
      refuse (ctx, call, "plus de %d détails", IC_RESULT_ITEMS_MAX);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_count (IcContext *ctx, const char *call, const char *what, gint64 value)
{
  IcResultBounds bounds;
  g_autofree char *problem = NULL;
  ic_result_bounds_init (&bounds, ctx->dataset);
  problem = ic_result_count_problem (what, value, bounds.max_records, IC_RESULT_ROWS_WORDS);
  if (problem != NULL)
    refuse (ctx, call, "%s", problem);
  return problem == NULL;
}

static gint
api_year (IcContext *ctx)
{
  return ctx->period.year;
}

static void
api_period (IcContext *ctx, gint32 *first_day, gint32 *last_day)
{
  *first_day = ctx->period.first;
  *last_day = ctx->period.last;
}

static gint64
api_param_int (IcContext *ctx, const char *name, gint64 fallback)
{
  const IcParameter *parameter = NULL;
  const gint64 *override = NULL;
  gint64 value;
  if (!check_key (ctx, "param_int", name))
    return fallback;
  parameter = ic_definition_parameter (ctx->definition, name);
  override = ctx->overrides ? g_hash_table_lookup (ctx->overrides, name) : NULL;
  value = override ? *override : parameter ? parameter->value : fallback;
  ic_result_use_parameter (ctx->result, name, value);
  return value;
}

/* The table @name when the plugin declared it and the run read it, else
 * NULL: a table read for another plugin is out of reach, so that a plugin
 * gives the same figures in a full run and alone (--only). */
static IcTable *
declared_table (IcContext *ctx, const char *name)
{
  if (name == NULL || ctx->tables == NULL || !g_strv_contains (ctx->tables, name))
    return NULL;
  return ic_dataset_table (ctx->dataset, name);
}

static gint64
api_table_rows (IcContext *ctx, const char *name)
{
  IcTable *table = declared_table (ctx, name);
  return table ? (gint64) table->n_rows : -1;
}

static IcTableColumn *
find_column (IcContext *ctx, const char *table_name, const char *column_name, IcColumnKind kind)
{
  IcTable *table = declared_table (ctx, table_name);
  IcTableColumn *column = table ? ic_table_column (table, column_name) : NULL;
  return column && column->spec->kind == kind ? column : NULL;
}

static const gint32 *
api_dates (IcContext *ctx, const char *table, const char *column)
{
  IcTableColumn *c = find_column (ctx, table, column, IC_COLUMN_KIND_DATE);
  return c ? c->dates : NULL;
}

static const guint16 *
api_codes (IcContext *ctx, const char *table, const char *column)
{
  IcTableColumn *c = find_column (ctx, table, column, IC_COLUMN_KIND_CODE);
  return c ? c->codes : NULL;
}

static gint
api_code_lookup (IcContext *ctx, const char *table, const char *column, const char *code)
{
  IcTableColumn *c = find_column (ctx, table, column, IC_COLUMN_KIND_CODE);
  g_autofree char *upper = g_ascii_strup (code, -1);
  gint64 found = c ? ic_interner_find (c->dictionary, upper, strlen (upper)) : -1;
  return found < 0 ? -1 : (gint) found + 1;
}

static const guint32 *
api_ids (IcContext *ctx, const char *table, const char *column, guint32 *n_distinct)
{
  IcTableColumn *c = find_column (ctx, table, column, IC_COLUMN_KIND_PERSON_ID);
  if (n_distinct)
    *n_distinct = c ? c->n_distinct : 0;
  return c ? c->ids : NULL;
}

static const guint16 *
api_territories (IcContext *ctx, const char *table)
{
  IcTableColumn *c = find_column (ctx, table, "territory", IC_COLUMN_KIND_TERRITORY);
  return c ? c->codes : NULL;
}

static guint
api_n_territories (IcContext *ctx)
{
  return ic_interner_size (ctx->dataset->territories);
}

static IcDistinct *
api_distinct_new (IcContext *ctx, guint32 n_ids)
{
  IcDistinct *distinct = ic_distinct_new (n_ids, api_n_territories (ctx));
  g_ptr_array_add (ctx->distincts, distinct);
  return distinct;
}

static void
warn_differs (IcContext *ctx, IcPopulation *population, guint16 territory, const IcPopulationValue *v)
{
  g_autofree char *message = ic_population_difference_warning (
      population, territory ? ic_interner_get (ctx->dataset->territories, territory) : NULL, v);
  if (message != NULL)
    ic_result_add_warning (ctx->result, message);
}

static void
api_finish_over_population (IcContext *ctx, IcDistinct *numerator, const char *name)
{
  g_autoptr (IcPopulation) population = NULL;
  IcResult *result = ctx->result;
  IcPopulationValue total;

  if (!check_key (ctx, "finish_over_population", name))
    return;
  population = ic_population_new (ctx->dataset, name, &ctx->period);

  result->has_numerator = TRUE;
  result->numerator = (gint64) ic_distinct_total (numerator);
  if (!ic_population_resolve (population, 0, &total))
    {
      g_autofree char *why = ic_population_why_unavailable (population);
      ic_result_set_not_available (result, why);
      return;
    }
  ic_result_add_population_source (result, name, population->period_label, total.origin, total.source, total.value);
  warn_differs (ctx, population, 0, &total);
  result->has_denominator = TRUE;
  result->denominator = total.value;
  if (total.value == 0)
    {
      g_autofree char *what = ic_population_french_name (name);
      g_autofree char *why = g_strdup_printf ("le dénominateur, %s de %s, est 0", what, population->period_label);
      ic_result_set_not_available (result, why);
      return;
    }

  for (guint t = 1; t < population->n_territories; t++)
    {
      guint64 counted = ic_distinct_in_territory (numerator, (guint16) t);
      IcPopulationValue value;
      if ((counted == 0 && !population->named[t])
          || !ic_population_resolve (population, (guint16) t, &value) || value.value == 0)
        continue;
      warn_differs (ctx, population, (guint16) t, &value);
      ic_result_add_stratum (result, (guint16) t, (gint64) counted, value.value);
    }
}

static void
api_set_counts (IcContext *ctx, gint64 numerator, gint64 denominator)
{
  if (!check_count (ctx, "set_counts", "le numérateur", numerator)
      || !check_count (ctx, "set_counts", "le dénominateur", denominator))
    return;
  /* Both counted from records: the numerator is some of the denominator's. */
  if (numerator > denominator)
    {
      refuse (ctx, "set_counts", "le numérateur %" G_GINT64_FORMAT " dépasse le dénominateur %" G_GINT64_FORMAT,
              numerator, denominator);
      return;
    }
  ctx->result->has_numerator = ctx->result->has_denominator = TRUE;
  ctx->result->numerator = numerator;
  ctx->result->denominator = denominator;
}

static void
api_add_stratum (IcContext *ctx, guint16 territory, gint64 numerator, gint64 denominator)
{
  guint n = api_n_territories (ctx);
  if (territory >= n)
    {
      refuse (ctx, "add_stratum", "l'indice de territoire %u est hors limites (de 1 à %u)", territory, n - 1);
      return;
    }
  if (!check_count (ctx, "add_stratum", "le numérateur", numerator)
      || !check_count (ctx, "add_stratum", "le dénominateur", denominator))
    return;
  ic_result_add_stratum (ctx->result, territory, numerator, denominator);
}

static void
api_detail_int (IcContext *ctx, const char *key, gint64 value)
{
  if (!check_detail (ctx, "detail_int", key))
    return;
  ic_result_add_detail (ctx->result, key, IC_DETAIL_INT, value, 0);
}

static void
api_detail_fraction (IcContext *ctx, const char *key, gint64 num, gint64 den)
{
  if (!check_detail (ctx, "detail_fraction", key))
    return;
  ic_result_add_detail (ctx->result, key, IC_DETAIL_FRACTION, num, den);
}

static void api_warning (IcContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);
static void
api_warning (IcContext *ctx, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (ctx->result->warnings->len >= IC_RESULT_ITEMS_MAX)
    refuse (ctx, "warning", "plus de %d avertissements", IC_RESULT_ITEMS_MAX);
  else if (check_text (ctx, "warning", message))
    ic_result_add_warning (ctx->result, message);
}

static void api_not_available (IcContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);
static void
api_not_available (IcContext *ctx, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (check_text (ctx, "not_available", message))
    ic_result_set_not_available (ctx->result, message);
}

/* A message call, checked against the definition before it is kept: the
 * engine writes its French text once the result is back in the parent. */
static IcMessageCall *
message_call (IcContext *ctx, const char *call_name, IcMessageKind kind, const char *id,
              const IcMessageParam *params, gsize n_params)
{
  g_autoptr (IcMessageCall) call = NULL;
  g_autofree char *problem = NULL;

  if (id == NULL || (params == NULL && n_params > 0))
    {
      refuse (ctx, call_name, "un identifiant ou un tableau de paramètres NULL");
      return NULL;
    }
  if (n_params > IC_MESSAGE_PARAMS_MAX)
    {
      refuse (ctx, call_name, "plus de %d paramètres", IC_MESSAGE_PARAMS_MAX);
      return NULL;
    }
  call = ic_message_call_new (kind, id);
  for (gsize i = 0; i < n_params; i++)
    ic_message_call_add (call, params[i].name, params[i].value);
  problem = ic_message_call_problem (ctx->definition ? ctx->definition->messages : NULL, call);
  if (problem != NULL)
    {
      refuse (ctx, call_name, "%s", problem);
      return NULL;
    }
  return g_steal_pointer (&call);
}

static guint
n_warnings (IcContext *ctx)
{
  guint n = ctx->result->warnings->len;
  for (guint i = 0; i < ctx->result->messages->len; i++)
    n += ((const IcMessageCall *) ctx->result->messages->pdata[i])->kind == IC_MESSAGE_WARNING;
  return n;
}

static void
api_warning_message (IcContext *ctx, const char *id, const IcMessageParam *params, gsize n_params)
{
  IcMessageCall *call;

  if (n_warnings (ctx) >= IC_RESULT_ITEMS_MAX)
    {
      refuse (ctx, "warning_message", "plus de %d avertissements", IC_RESULT_ITEMS_MAX);
      return;
    }
  if ((call = message_call (ctx, "warning_message", IC_MESSAGE_WARNING, id, params, n_params)) != NULL)
    ic_result_add_message (ctx->result, call);
}

static void
api_not_available_message (IcContext *ctx, const char *id, const IcMessageParam *params, gsize n_params)
{
  IcMessageCall *call = message_call (ctx, "not_available_message", IC_MESSAGE_REASON, id, params, n_params);

  /* The first reason is the cause, as with not_available(). */
  if (call == NULL || ctx->result->status != IC_STATUS_OK)
    {
      ic_message_call_free (call);
      return;
    }
  ic_result_set_not_available (ctx->result, NULL);
  ic_result_add_message (ctx->result, call);
}

/* ---- ABI 1.2 ---- */

static const gint64 *
api_integers (IcContext *ctx, const char *table, const char *column)
{
  IcTableColumn *c = find_column (ctx, table, column, IC_COLUMN_KIND_INTEGER);
  return c ? c->integers : NULL;
}

static const gint64 *
api_decimals (IcContext *ctx, const char *table, const char *column, guint *places)
{
  IcTableColumn *c = find_column (ctx, table, column, IC_COLUMN_KIND_DECIMAL);
  if (places)
    *places = c ? c->spec->places : 0;
  return c ? c->integers : NULL;
}

static const guint8 *
api_yes_no (IcContext *ctx, const char *table, const char *column)
{
  IcTableColumn *c = find_column (ctx, table, column, IC_COLUMN_KIND_YES_NO);
  return c ? c->flags : NULL;
}

static const char *
api_param_string (IcContext *ctx, const char *name, const char *fallback)
{
  (void) name;
  refuse (ctx, "param_string", "pas encore disponible");
  return fallback;
}

static guint64
api_distinct_territory (IcDistinct *distinct, guint16 territory)
{
  if (territory == IC_TERRITORY_NONE || territory >= ic_distinct_n_territories (distinct))
    return 0;
  return ic_distinct_in_territory (distinct, territory);
}

static void
api_finish_distinct (IcContext *ctx, IcDistinct *numerator, IcDistinct *denominator)
{
  (void) numerator, (void) denominator;
  refuse (ctx, "finish_distinct", "pas encore disponible");
}

static IcTally *
api_tally_new (IcContext *ctx, const char *breakdown_table, const char *breakdown_column)
{
  (void) breakdown_table, (void) breakdown_column;
  refuse (ctx, "tally_new", "pas encore disponible");
  return NULL;
}

static void
api_tally_add (IcTally *tally, guint16 territory, guint16 code, gboolean in_numerator)
{
  (void) tally, (void) territory, (void) code, (void) in_numerator;
}

static void
api_finish_tally (IcContext *ctx, IcTally *tally)
{
  (void) tally;
  refuse (ctx, "finish_tally", "pas encore disponible");
}

static void
api_set_count (IcContext *ctx, gint64 value)
{
  (void) value;
  refuse (ctx, "set_count", "pas encore disponible");
}

static void
api_add_count_stratum (IcContext *ctx, guint16 territory, gint64 value)
{
  (void) territory, (void) value;
  refuse (ctx, "add_count_stratum", "pas encore disponible");
}

static void
api_add_breakdown_stratum (IcContext *ctx, const char *table, const char *column, guint16 code,
                           gint64 numerator, gint64 denominator)
{
  (void) table, (void) column, (void) code, (void) numerator, (void) denominator;
  refuse (ctx, "add_breakdown_stratum", "pas encore disponible");
}

static const IcApi api = {
  .size = sizeof (IcApi),
  .abi_major = IC_ABI_MAJOR,
  .abi_minor = IC_ABI_MINOR,
  .year = api_year,
  .period = api_period,
  .param_int = api_param_int,
  .table_rows = api_table_rows,
  .dates = api_dates,
  .codes = api_codes,
  .code_lookup = api_code_lookup,
  .ids = api_ids,
  .territories = api_territories,
  .n_territories = api_n_territories,
  .add_months = ic_date_add_months,
  .age_months = ic_date_age_months,
  .distinct_new = api_distinct_new,
  .distinct_add = ic_distinct_add,
  .distinct_total = ic_distinct_total,
  .finish_over_population = api_finish_over_population,
  .set_counts = api_set_counts,
  .add_stratum = api_add_stratum,
  .detail_int = api_detail_int,
  .detail_fraction = api_detail_fraction,
  .warning = api_warning,
  .not_available = api_not_available,
  .warning_message = api_warning_message,
  .not_available_message = api_not_available_message,
  .integers = api_integers,
  .decimals = api_decimals,
  .yes_no = api_yes_no,
  .param_string = api_param_string,
  .distinct_territory = api_distinct_territory,
  .finish_distinct = api_finish_distinct,
  .tally_new = api_tally_new,
  .tally_add = api_tally_add,
  .finish_tally = api_finish_tally,
  .set_count = api_set_count,
  .add_count_stratum = api_add_count_stratum,
  .add_breakdown_stratum = api_add_breakdown_stratum,
};

const IcApi *
ic_api_get (void)
{
  return &api;
}

void
ic_context_init (IcContext *ctx, IcDataset *dataset, const IcDefinition *definition,
                 const char *const *tables, GHashTable *overrides, IcResult *result)
{
  ctx->tables = tables;
  ctx->overrides = overrides;
  ctx->dataset = dataset;
  ctx->definition = definition;
  ctx->period = result->period;
  ctx->result = result;
  ctx->distincts = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_distinct_free);
}

void
ic_context_clear (IcContext *ctx)
{
  g_clear_pointer (&ctx->distincts, g_ptr_array_unref);
}

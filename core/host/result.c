/* result.c: what one computation reported, checked in the parent and
 * finished into the figures the bundle publishes. */
#include "result-private.h"

#include <string.h>

#include "rate.h"

const char *
ic_status_to_string (IcStatus status)
{
  switch (status)
    {
    case IC_STATUS_OK: return "ok";
    case IC_STATUS_NOT_AVAILABLE: return "not_available";
    case IC_STATUS_ERROR: return "error";
    }
  g_return_val_if_reached ("error");
}

static void
stratum_clear (gpointer data)
{
  g_free (((IcStratum *) data)->name);
}

static void
detail_free (gpointer data)
{
  IcDetail *detail = data;
  g_free (detail->key);
  g_free (detail);
}

static void
source_free (gpointer data)
{
  IcSource *source = data;
  g_free (source->table);
  g_free (source->population);
  g_free (source->period);
  g_free (source->origin);
  g_free (source->source);
  g_free (source);
}

static void
parameter_clear (gpointer data)
{
  g_free (((IcParameter *) data)->name);
  g_free (((IcParameter *) data)->text);
}

static void
breakdown_stratum_clear (gpointer data)
{
  g_free (((IcBreakdownStratum *) data)->name);
}

static void
breakdown_free (gpointer data)
{
  IcBreakdown *breakdown = data;
  g_array_unref (breakdown->strata);
  g_free (breakdown);
}

static void
add_breakdowns (IcResult *result, const IcDefinition *definition)
{
  result->breakdowns = g_ptr_array_new_with_free_func (breakdown_free);
  for (guint i = 0; definition && i < definition->breakdowns->len; i++)
    {
      IcBreakdown *breakdown = g_new0 (IcBreakdown, 1);
      breakdown->spec = definition->breakdowns->pdata[i];
      breakdown->strata = g_array_new (FALSE, TRUE, sizeof (IcBreakdownStratum));
      g_array_set_clear_func (breakdown->strata, breakdown_stratum_clear);
      g_ptr_array_add (result->breakdowns, breakdown);
    }
}

IcResult *
ic_result_new (const char *id, const IcDefinition *definition, const IcPeriod *period)
{
  IcResult *result = g_new0 (IcResult, 1);
  result->id = g_strdup (id);
  result->definition = definition;
  result->period = *period;
  result->status = IC_STATUS_OK;
  result->kind = definition ? definition->kind : IC_KIND_RATE;
  add_breakdowns (result, definition);
  result->strata = g_array_new (FALSE, TRUE, sizeof (IcStratum));
  g_array_set_clear_func (result->strata, stratum_clear);
  result->details = g_ptr_array_new_with_free_func (detail_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_message_call_free);
  result->sources = g_ptr_array_new_with_free_func (source_free);
  result->parameters = g_array_new (FALSE, TRUE, sizeof (IcParameter));
  g_array_set_clear_func (result->parameters, parameter_clear);
  result->target_met = -1;
  ic_definition_target (definition, &result->target);
  result->trend = g_array_new (FALSE, TRUE, sizeof (IcTrendPoint));
  for (guint i = 0; definition && i < definition->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (definition->parameters, IcParameter, i);
      if (p->text != NULL)
        ic_result_use_parameter_text (result, p->name, p->text);
      else
        ic_result_use_parameter (result, p->name, p->value);
    }
  return result;
}

void
ic_result_free (IcResult *result)
{
  if (result == NULL)
    return;
  g_free (result->id);
  g_free (result->plugin_file);
  g_free (result->plugin_version);
  g_free (result->reason);
  g_array_unref (result->strata);
  g_ptr_array_unref (result->breakdowns);
  g_ptr_array_unref (result->details);
  g_ptr_array_unref (result->warnings);
  g_ptr_array_unref (result->messages);
  g_ptr_array_unref (result->sources);
  g_array_unref (result->parameters);
  g_array_unref (result->trend);
  g_free (result->text_fr);
  g_free (result);
}

void
ic_result_add_warning (IcResult *result, const char *message)
{
  for (guint i = 0; i < result->warnings->len; i++)
    if (strcmp (result->warnings->pdata[i], message) == 0)
      return;
  g_ptr_array_add (result->warnings, g_strdup (message));
}

void
ic_result_add_message (IcResult *result, IcMessageCall *call)
{
  g_ptr_array_add (result->messages, call);
}

void
ic_result_set_not_available (IcResult *result, const char *reason)
{
  /* The first reason is the cause; an error outranks it. */
  if (result->status != IC_STATUS_OK)
    return;
  result->status = IC_STATUS_NOT_AVAILABLE;
  result->reason = g_strdup (reason);
}

void
ic_result_set_error (IcResult *result, const char *reason)
{
  result->status = IC_STATUS_ERROR;
  g_free (result->reason);
  result->reason = g_strdup (reason);
}

void
ic_result_add_stratum (IcResult *result, guint16 territory, gint64 numerator, gint64 denominator)
{
  gboolean count = result->kind == IC_KIND_COUNT;
  IcStratum stratum = { territory, NULL, numerator, count ? 0 : denominator, 0, FALSE };
  if (territory == 0 || numerator < 0 || (count ? numerator <= 0 : denominator <= 0))
    return;
  denominator = stratum.denominator;
  for (guint i = 0; i < result->strata->len; i++)
    if (g_array_index (result->strata, IcStratum, i).territory == territory)
      {
        g_array_index (result->strata, IcStratum, i).numerator = numerator;
        g_array_index (result->strata, IcStratum, i).denominator = denominator;
        return;
      }
  g_array_append_val (result->strata, stratum);
}

IcBreakdown *
ic_result_breakdown (IcResult *result, const char *table, const char *column)
{
  for (guint i = 0; table != NULL && column != NULL && i < result->breakdowns->len; i++)
    {
      IcBreakdown *breakdown = result->breakdowns->pdata[i];
      if (strcmp (breakdown->spec->table, table) == 0 && strcmp (breakdown->spec->column, column) == 0)
        return breakdown;
    }
  return NULL;
}

gboolean
ic_result_add_breakdown_stratum (IcResult *result, const char *table, const char *column, guint16 code,
                                 gint64 numerator, gint64 denominator)
{
  IcBreakdown *breakdown = ic_result_breakdown (result, table, column);
  gboolean count = result->kind == IC_KIND_COUNT;
  IcBreakdownStratum stratum = { code, NULL, numerator, count ? 0 : denominator, 0, FALSE };

  if (breakdown == NULL)
    return FALSE;
  if (code == 0 || numerator < 0 || (count ? numerator <= 0 : denominator <= 0))
    return TRUE;
  for (guint i = 0; i < breakdown->strata->len; i++)
    {
      IcBreakdownStratum *s = &g_array_index (breakdown->strata, IcBreakdownStratum, i);
      if (s->code == code)
        {
          s->numerator = stratum.numerator;
          s->denominator = stratum.denominator;
          return TRUE;
        }
    }
  g_array_append_val (breakdown->strata, stratum);
  return TRUE;
}

void
ic_result_add_detail (IcResult *result, const char *key, IcDetailKind kind, gint64 a, gint64 b)
{
  IcDetail *detail;
  for (guint i = 0; i < result->details->len; i++)
    {
      detail = result->details->pdata[i];
      if (strcmp (detail->key, key) == 0)
        {
          detail->kind = kind, detail->a = a, detail->b = b;
          return;
        }
    }
  detail = g_new0 (IcDetail, 1);
  detail->key = g_strdup (key);
  detail->kind = kind, detail->a = a, detail->b = b;
  g_ptr_array_add (result->details, detail);
}

void
ic_result_add_table_source (IcResult *result, const char *table)
{
  IcSource *source = g_new0 (IcSource, 1);
  source->table = g_strdup (table);
  g_ptr_array_add (result->sources, source);
}

void
ic_result_add_population_source (IcResult *result, const char *population, const char *period,
                                 const char *origin, const char *source_text, gint64 value)
{
  IcSource *source = g_new0 (IcSource, 1);
  source->population = g_strdup (population);
  source->period = g_strdup (period);
  source->origin = g_strdup (origin);
  source->source = g_strdup (source_text);
  source->value = value;
  g_ptr_array_add (result->sources, source);
}

void
ic_result_set_parameter (IcResult *result, const char *name, gint64 value)
{
  for (guint i = 0; i < result->parameters->len; i++)
    if (strcmp (g_array_index (result->parameters, IcParameter, i).name, name) == 0)
      {
        g_array_index (result->parameters, IcParameter, i).value = value;
        g_clear_pointer (&g_array_index (result->parameters, IcParameter, i).text, g_free);
        return;
      }
  ic_result_use_parameter (result, name, value);
}

static gboolean
parameter_used (IcResult *result, const char *name)
{
  for (guint i = 0; i < result->parameters->len; i++)
    if (strcmp (g_array_index (result->parameters, IcParameter, i).name, name) == 0)
      return TRUE;
  return FALSE;
}

void
ic_result_use_parameter (IcResult *result, const char *name, gint64 value)
{
  IcParameter parameter = { g_strdup (name), value, NULL };
  if (parameter_used (result, name))
    g_free (parameter.name);
  else
    g_array_append_val (result->parameters, parameter);
}

void
ic_result_use_parameter_text (IcResult *result, const char *name, const char *text)
{
  IcParameter parameter = { g_strdup (name), 0, g_strdup (text) };
  if (parameter_used (result, name))
    parameter_clear (&parameter);
  else
    g_array_append_val (result->parameters, parameter);
}

static int
compare_strata (gconstpointer a, gconstpointer b)
{
  return strcmp (((const IcStratum *) a)->name, ((const IcStratum *) b)->name);
}

/* A count's previous count is its previous value (a bundle gives a count
 * no numerator). */
static int
decide_target (const IcResult *result)
{
  gboolean count = result->kind == IC_KIND_COUNT;
  gboolean has_previous_value = result->has_previous && result->previous_has_value;

  if (!result->has_value)
    return -1;
  return ic_target_decide (&result->target, result->numerator, result->denominator, result->value_tenths,
                           has_previous_value, result->previous_tenths,
                           count ? has_previous_value : result->has_previous && result->previous_has_count,
                           count ? result->previous_tenths / 10 : result->previous_numerator);
}

void
ic_result_finish (IcResult *result,
                  const char *const *territory_names,
                  gboolean has_previous,
                  int previous_year,
                  gboolean previous_has_value,
                  gint64 previous_tenths)
{
  gboolean count = result->kind == IC_KIND_COUNT;

  /* Nothing of a failed computation is named nor published. */
  if (result->status != IC_STATUS_OK)
    ic_result_clear_strata (result);
  for (guint i = 0; i < result->strata->len; i++)
    {
      IcStratum *stratum = &g_array_index (result->strata, IcStratum, i);
      g_free (stratum->name);
      stratum->name = g_strdup (territory_names[stratum->territory]);
      ic_result_value_tenths (result, stratum->numerator, stratum->denominator, &stratum->value_tenths);
    }
  g_array_sort (result->strata, compare_strata);
  ic_result_finish_breakdowns (result);

  /* A count needs its value only; a count of 0 is a figure. */
  if (result->status == IC_STATUS_OK && count && !result->has_numerator)
    ic_result_set_error (result, "le module a terminé sans donner son nombre");
  if (result->status == IC_STATUS_OK && !count && (!result->has_numerator || !result->has_denominator))
    ic_result_set_error (result, "le module a terminé sans donner son numérateur ni son dénominateur");
  if (result->status == IC_STATUS_OK && !count && result->denominator <= 0)
    ic_result_set_not_available (result, "le dénominateur est 0");

  if (result->status != IC_STATUS_OK)
    ic_result_clear_strata (result);
  result->has_value = result->status == IC_STATUS_OK
                      && ic_result_value_tenths (result, result->numerator, result->denominator, &result->value_tenths);
  result->has_previous = has_previous;
  result->previous_year = previous_year;
  result->previous_has_value = previous_has_value;
  result->previous_tenths = previous_tenths;
  /* A count's target is on its count, whatever the framework says. */
  if (count)
    result->target.on = IC_TARGET_ON_COUNT;
  result->target_met = decide_target (result);
  g_clear_pointer (&result->text_fr, g_free);
  if (result->has_value && result->definition)
    result->text_fr = ic_definition_expand_text (result->definition, result->numerator, result->denominator,
                                                 result->value_tenths, result->period.label, result->period.year);
}

char *
ic_result_text_problem (const char *text, gsize max_bytes)
{
  gsize length = strlen (text);
  if (length > max_bytes)
    return g_strdup_printf ("fait %" G_GSIZE_FORMAT " octets (au plus %" G_GSIZE_FORMAT ")", length, max_bytes);
  if (!g_utf8_validate (text, (gssize) length, NULL))
    return g_strdup ("n'est pas de l'UTF-8 valide");
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n')
      return g_strdup_printf ("contient le caractère de contrôle 0x%02x", (guchar) *p);
  return NULL;
}

gboolean
ic_result_key_is_valid (const char *key)
{
  gsize length = strlen (key);
  if (length == 0 || length > IC_RESULT_KEY_MAX)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

gboolean
ic_result_is_over_population (const IcResult *result)
{
  for (guint i = 0; i < result->sources->len; i++)
    if (((const IcSource *) result->sources->pdata[i])->population != NULL)
      return TRUE;
  return FALSE;
}

void
ic_result_bounds_init (IcResultBounds *bounds, IcDataset *dataset)
{
  bounds->n_territories = ic_interner_size (dataset->territories);
  bounds->dataset = dataset;
  bounds->max_records = 0;
  for (guint id = 0; id < dataset->tables->len; id++)
    if (ic_dataset_nth (dataset, id) != NULL && !ic_dataset_nth (dataset, id)->spec->populations_role)
      bounds->max_records += (gint64) ic_dataset_nth (dataset, id)->n_rows;
}

char *
ic_result_count_problem (const char *what, gint64 value, gint64 max, const char *max_what)
{
  if (value < 0)
    return g_strdup_printf ("%s %" G_GINT64_FORMAT " est négatif", what, value);
  if (value > max)
    return g_strdup_printf ("%s %" G_GINT64_FORMAT " dépasse %s (%" G_GINT64_FORMAT ")", what, value, max_what, max);
  return NULL;
}

/* The numerator counts rows or persons of the indicator's tables; the
 * denominator too, unless it is a population (from the reference table, or
 * derived by the engine). A numerator counted among its denominator's
 * records cannot exceed it; over a population it may (acts of women who
 * gave birth elsewhere), so that is not checked. */
static char *
counts_problem (const IcResult *r, const IcResultBounds *bounds)
{
  gboolean over_population = ic_result_is_over_population (r);
  gint64 den_max = over_population ? IC_RESULT_POPULATION_MAX : bounds->max_records;
  const char *den_what = over_population ? "tout effectif de référence possible" : IC_RESULT_ROWS_WORDS;
  char *problem = NULL;

  if (r->has_numerator)
    problem = ic_result_count_problem ("le numérateur", r->numerator, bounds->max_records, IC_RESULT_ROWS_WORDS);
  if (problem == NULL && r->has_denominator)
    problem = ic_result_count_problem ("le dénominateur", r->denominator, den_max, den_what);
  if (problem == NULL && r->has_numerator && r->has_denominator && !over_population && r->numerator > r->denominator)
    problem = g_strdup_printf ("le numérateur %" G_GINT64_FORMAT " dépasse son dénominateur %" G_GINT64_FORMAT
                               ", tous deux comptés sur les données", r->numerator, r->denominator);
  return problem;
}

static char *
strata_problem (const IcResult *r, const IcResultBounds *bounds)
{
  gboolean over_population = ic_result_is_over_population (r);

  for (guint i = 0; i < r->strata->len; i++)
    {
      const IcStratum *s = &g_array_index (r->strata, IcStratum, i);
      if (s->territory >= bounds->n_territories)
        return g_strdup_printf ("une strate dont l'indice de territoire %u est hors limites (de 1 à %u)", s->territory,
                                bounds->n_territories - 1);
      if (s->numerator < 0 || s->denominator < 0)
        return g_strdup_printf ("un effectif négatif dans la strate %u", s->territory);
      if (s->numerator > r->numerator)
        return g_strdup_printf ("un numérateur de la strate %u supérieur à celui du total", s->territory);
      if (r->kind == IC_KIND_COUNT)
        {
          if (s->denominator != 0)
            return g_strdup_printf ("un dénominateur dans la strate %u d'un indicateur de type nombre", s->territory);
          continue;
        }
      if (over_population ? s->denominator > IC_RESULT_POPULATION_MAX : s->denominator > r->denominator)
        return g_strdup_printf ("un dénominateur de la strate %u supérieur à %s", s->territory,
                                over_population ? "tout effectif de référence possible" : "celui du total");
      if (!over_population && s->numerator > s->denominator)
        return g_strdup_printf ("un numérateur de la strate %u supérieur à son dénominateur", s->territory);
    }
  return NULL;
}

static char *
details_problem (const IcResult *r)
{
  if (r->details->len > IC_RESULT_ITEMS_MAX)
    return g_strdup_printf ("%u détails (au plus %d)", r->details->len, IC_RESULT_ITEMS_MAX);
  for (guint i = 0; i < r->details->len; i++)
    {
      const IcDetail *d = r->details->pdata[i];
      if (!ic_result_key_is_valid (d->key))
        return g_strdup ("une clé de détail qui n'est pas faite de [a-z0-9_], de 1 à 64 octets");
      if (d->kind == IC_DETAIL_INT ? d->a < -IC_RESULT_DETAIL_MAX || d->a > IC_RESULT_DETAIL_MAX
                                   : d->a < 0 || d->b < 0 || d->a > IC_RESULT_DETAIL_MAX || d->b > IC_RESULT_DETAIL_MAX)
        return g_strdup_printf ("le détail %s hors limites", d->key);
    }
  for (guint i = 0; i < r->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (r->parameters, IcParameter, i);
      g_autofree char *text_problem = NULL;
      if (!ic_result_key_is_valid (p->name))
        return g_strdup ("un nom de paramètre qui n'est pas fait de [a-z0-9_], de 1 à 64 octets");
      if (p->text != NULL && (text_problem = ic_result_text_problem (p->text, IC_RESULT_TEXT_MAX)) != NULL)
        return g_strdup_printf ("le paramètre %s, dont le texte %s", p->name, text_problem);
      if (p->text != NULL)
        continue;
      /* A definition's or configuration's value is within these already;
       * a plugin's fallback must be too, as it is published the same way. */
      if (p->value < 0 || p->value > IC_DEFINITION_PARAMETER_MAX)
        return g_strdup_printf ("le paramètre %s à %" G_GINT64_FORMAT ", hors limites (de 0 à %" G_GINT64_FORMAT ")",
                                p->name, p->value, IC_DEFINITION_PARAMETER_MAX);
    }
  for (guint i = 0; i < r->sources->len; i++)
    {
      const IcSource *source = r->sources->pdata[i];
      if (source->population != NULL && (source->value < 0 || source->value > IC_RESULT_POPULATION_MAX))
        return g_strdup_printf ("l'effectif %s à %" G_GINT64_FORMAT ", au-delà de tout effectif possible", source->population,
                                source->value);
    }
  return NULL;
}

/* Texts come first: a reason or warning that is not valid UTF-8 cannot even
 * be quoted. The problem never quotes the text itself. */
static char *
texts_problem (const IcResult *r)
{
  g_autofree char *problem = NULL;

  if (r->reason != NULL && (problem = ic_result_text_problem (r->reason, IC_RESULT_TEXT_MAX)) != NULL)
    return g_strdup_printf ("un motif qui %s", problem);
  if (r->warnings->len > IC_RESULT_ITEMS_MAX)
    return g_strdup_printf ("%u avertissements (au plus %d)", r->warnings->len, IC_RESULT_ITEMS_MAX);
  for (guint i = 0; i < r->warnings->len; i++)
    if ((problem = ic_result_text_problem (r->warnings->pdata[i], IC_RESULT_TEXT_MAX)) != NULL)
      return g_strdup_printf ("un avertissement qui %s", problem);
  for (guint i = 0; i < r->sources->len; i++)
    {
      const IcSource *s = r->sources->pdata[i];
      const char *texts[] = { s->table, s->population, s->period, s->origin, s->source };
      for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
        if (texts[k] != NULL && (problem = ic_result_text_problem (texts[k], IC_RESULT_TEXT_MAX)) != NULL)
          return g_strdup_printf ("une source qui %s", problem);
    }
  return NULL;
}

/* The plugin's messages: each declared by the definition with its
 * parameters, 64 warnings at most with the texts, one reason at most and
 * only for a not-available indicator without a reason of its own. */
static char *
messages_problem (const IcResult *r)
{
  const GPtrArray *declared = r->definition ? r->definition->messages : NULL;
  guint n_warnings = r->warnings->len, n_reasons = 0;

  for (guint i = 0; i < r->messages->len; i++)
    {
      const IcMessageCall *call = r->messages->pdata[i];
      g_autofree char *problem = ic_message_call_problem (declared, call);
      if (problem != NULL)
        return g_steal_pointer (&problem);
      if (call->kind == IC_MESSAGE_REASON)
        n_reasons++;
      else
        n_warnings++;
    }
  if (n_warnings > IC_RESULT_ITEMS_MAX)
    return g_strdup_printf ("%u avertissements (au plus %d)", n_warnings, IC_RESULT_ITEMS_MAX);
  if (n_reasons > 1 || (n_reasons == 1 && (r->status != IC_STATUS_NOT_AVAILABLE || r->reason != NULL)))
    return g_strdup ("un motif par message pour un indicateur qui en a déjà un, ou qui est disponible");
  return NULL;
}

/* The messages' French text, by the core: warnings first, in the order the
 * plugin gave them, then the reason. */
static void
compose_messages (IcResult *result)
{
  guint position = 0;

  for (guint i = 0; i < result->messages->len; i++)
    {
      const IcMessageCall *call = result->messages->pdata[i];
      g_autofree char *text = ic_message_compose (result->definition->messages, call, result->period.label,
                                                  result->period.year);
      if (call->kind == IC_MESSAGE_REASON)
        {
          if (result->status == IC_STATUS_NOT_AVAILABLE && result->reason == NULL)
            result->reason = g_steal_pointer (&text);
          continue;
        }
      if (!g_ptr_array_find_with_equal_func (result->warnings, text, g_str_equal, NULL))
        g_ptr_array_insert (result->warnings, (gint) position++, g_steal_pointer (&text));
    }
  g_ptr_array_set_size (result->messages, 0);
}

static void
drop_numbers (IcResult *result)
{
  result->has_numerator = result->has_denominator = FALSE;
  ic_result_clear_strata (result);
  g_ptr_array_set_size (result->details, 0);
}

gboolean
ic_result_check (IcResult *result, const IcResultBounds *bounds)
{
  g_autofree char *problem = texts_problem (result);
  g_autofree char *reason = NULL;

  if (problem == NULL)
    problem = messages_problem (result);
  if (problem != NULL)
    {
      g_clear_pointer (&result->reason, g_free);
      g_ptr_array_set_size (result->warnings, 0);
      g_ptr_array_set_size (result->messages, 0);
      g_ptr_array_set_size (result->sources, 0);
    }
  if (problem == NULL)
    problem = counts_problem (result, bounds);
  if (problem == NULL)
    problem = ic_result_kind_problem (result);
  if (problem == NULL)
    problem = strata_problem (result, bounds);
  if (problem == NULL)
    problem = ic_result_breakdowns_problem (result, bounds);
  if (problem == NULL)
    problem = details_problem (result);
  if (problem == NULL)
    {
      ic_result_name_codes (result, bounds);
      compose_messages (result);
      /* A failed computation publishes none of its numbers: they are
       * whatever the plugin had set before it failed or misused the api. */
      if (result->status == IC_STATUS_ERROR)
        drop_numbers (result);
      return TRUE;
    }

  /* An error the api call already named keeps its reason: it says where. */
  reason = g_strdup_printf ("le module a rendu des chiffres ou des textes invalides : %s", problem);
  if (result->status != IC_STATUS_ERROR || result->reason == NULL)
    ic_result_set_error (result, reason);
  drop_numbers (result);
  return FALSE;
}

/* result-wire.c: the fields a computation sets on its IcResult, as a
 * GVariant and back: what crosses the pipe from the child that computes.
 * The parent reads it as untrusted data. */
#include "result-wire.h"

#define RESULT_TYPE IC_RESULT_WIRE_TYPE

GVariant *
ic_result_to_variant (const IcResult *r)
{
  GVariantBuilder strata, details, warnings, sources, parameters, messages, breakdowns;

  g_variant_builder_init (&strata, G_VARIANT_TYPE ("a(qxx)"));
  for (guint i = 0; i < r->strata->len; i++)
    {
      const IcStratum *s = &g_array_index (r->strata, IcStratum, i);
      g_variant_builder_add (&strata, "(qxx)", s->territory, s->numerator, s->denominator);
    }
  g_variant_builder_init (&details, G_VARIANT_TYPE ("a(sixx)"));
  for (guint i = 0; i < r->details->len; i++)
    {
      const IcDetail *d = r->details->pdata[i];
      g_variant_builder_add (&details, "(sixx)", d->key, (gint32) d->kind, d->a, d->b);
    }
  g_variant_builder_init (&warnings, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < r->warnings->len; i++)
    g_variant_builder_add (&warnings, "s", (const char *) r->warnings->pdata[i]);
  g_variant_builder_init (&sources, G_VARIANT_TYPE ("a(msmsmsmsmsx)"));
  for (guint i = 0; i < r->sources->len; i++)
    {
      const IcSource *s = r->sources->pdata[i];
      g_variant_builder_add (&sources, "(msmsmsmsmsx)", s->table, s->population, s->period,
                             s->origin, s->source, s->value);
    }
  g_variant_builder_init (&parameters, G_VARIANT_TYPE ("a(sxms)"));
  for (guint i = 0; i < r->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (r->parameters, IcParameter, i);
      g_variant_builder_add (&parameters, "(sxms)", p->name, p->value, p->text);
    }
  g_variant_builder_init (&breakdowns, G_VARIANT_TYPE ("a(ssqxx)"));
  for (guint b = 0; b < r->breakdowns->len; b++)
    {
      const IcBreakdown *breakdown = r->breakdowns->pdata[b];
      for (guint i = 0; i < breakdown->strata->len; i++)
        {
          const IcBreakdownStratum *s = &g_array_index (breakdown->strata, IcBreakdownStratum, i);
          g_variant_builder_add (&breakdowns, "(ssqxx)", breakdown->spec->table, breakdown->spec->column, s->code,
                                 s->numerator, s->denominator);
        }
    }
  g_variant_builder_init (&messages, G_VARIANT_TYPE ("a(bsa(sx))"));
  for (guint i = 0; i < r->messages->len; i++)
    {
      const IcMessageCall *call = r->messages->pdata[i];
      g_variant_builder_open (&messages, G_VARIANT_TYPE ("(bsa(sx))"));
      g_variant_builder_add (&messages, "b", call->kind == IC_MESSAGE_REASON);
      g_variant_builder_add (&messages, "s", call->id);
      g_variant_builder_open (&messages, G_VARIANT_TYPE ("a(sx)"));
      for (guint k = 0; k < call->values->len; k++)
        {
          const IcMessageValue *v = &g_array_index (call->values, IcMessageValue, k);
          g_variant_builder_add (&messages, "(sx)", v->name, v->value);
        }
      g_variant_builder_close (&messages);
      g_variant_builder_close (&messages);
    }
  return g_variant_new (RESULT_TYPE, (gint32) r->status, r->reason ? r->reason : "",
                        r->has_numerator, r->has_denominator, r->numerator, r->denominator,
                        &strata, &details, &warnings, &sources, &parameters, &messages, &breakdowns);
}

gboolean
ic_result_update_from_variant (IcResult *r, GVariant *variant)
{
  g_autoptr (GVariantIter) strata = NULL, details = NULL, warnings = NULL, sources = NULL, parameters = NULL;
  g_autoptr (GVariantIter) messages = NULL, values = NULL, breakdowns = NULL;
  gboolean is_reason;
  const char *reason, *key, *text;
  const char *table, *population, *period, *origin, *source, *column;
  gint32 status, kind;
  guint16 territory;
  gint64 a, b;

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (RESULT_TYPE)))
    return FALSE;
  g_variant_get (variant, "(i&sbbxxa(qxx)a(sixx)asa(msmsmsmsmsx)a(sxms)a(bsa(sx))a(ssqxx))", &status, &reason,
                 &r->has_numerator, &r->has_denominator, &r->numerator, &r->denominator, &strata, &details, &warnings,
                 &sources, &parameters, &messages, &breakdowns);
  if (status < IC_STATUS_OK || status > IC_STATUS_ERROR)
    return FALSE;
  r->status = status;
  g_free (r->reason);
  r->reason = *reason ? g_strdup (reason) : NULL;
  g_array_set_size (r->strata, 0);
  while (g_variant_iter_next (strata, "(qxx)", &territory, &a, &b))
    ic_result_add_stratum (r, territory, a, b);
  g_ptr_array_set_size (r->details, 0);
  while (g_variant_iter_next (details, "(&sixx)", &key, &kind, &a, &b))
    ic_result_add_detail (r, key, kind == IC_DETAIL_FRACTION ? IC_DETAIL_FRACTION : IC_DETAIL_INT, a, b);
  g_ptr_array_set_size (r->warnings, 0);
  while (g_variant_iter_next (warnings, "&s", &text))
    ic_result_add_warning (r, text);
  g_ptr_array_set_size (r->sources, 0);
  while (g_variant_iter_next (sources, "(m&sm&sm&sm&sm&sx)", &table, &population, &period, &origin, &source, &a))
    {
      if (table)
        ic_result_add_table_source (r, table);
      else
        ic_result_add_population_source (r, population, period, origin, source, a);
    }
  g_array_set_size (r->parameters, 0);
  while (g_variant_iter_next (parameters, "(&sxm&s)", &key, &a, &text))
    {
      if (text != NULL)
        ic_result_use_parameter_text (r, key, text);
      else
        ic_result_use_parameter (r, key, a);
    }
  /* Ids and integers only: the parent checks them against the definition
   * and writes their text (ic_result_check). */
  g_ptr_array_set_size (r->messages, 0);
  while (g_variant_iter_next (messages, "(b&sa(sx))", &is_reason, &key, &values))
    {
      IcMessageCall *call = ic_message_call_new (is_reason ? IC_MESSAGE_REASON : IC_MESSAGE_WARNING, key);
      while (g_variant_iter_next (values, "(&sx)", &text, &a))
        ic_message_call_add (call, text, a);
      g_clear_pointer (&values, g_variant_iter_free);
      ic_result_add_message (r, call);
    }
  /* A breakdown the definition does not declare: a forged answer (the
   * api refuses it in the child). Codes and counts: ic_result_check. */
  for (guint i = 0; i < r->breakdowns->len; i++)
    g_array_set_size (((IcBreakdown *) r->breakdowns->pdata[i])->strata, 0);
  while (g_variant_iter_next (breakdowns, "(&s&sqxx)", &table, &column, &territory, &a, &b))
    if (!ic_result_add_breakdown_stratum (r, table, column, territory, a, b))
      return FALSE;
  return TRUE;
}

gboolean
ic_result_update_from_wire (IcResult *r, GBytes *bytes)
{
  g_autoptr (GVariant) variant =
    g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (RESULT_TYPE), bytes, FALSE));

  return g_variant_is_normal_form (variant) && ic_result_update_from_variant (r, variant);
}

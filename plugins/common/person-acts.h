/* person-acts.h: the counting shared by the in-tree indicators of the form
 * "distinct persons with an act of one type by the PMI in the period, over a
 * population". Header-only, so that each plugin stays one self-contained
 * shared object built against the public header alone. */
#pragma once

#include <indicore/indicore-plugin.h>

typedef struct {
  guint16 act_type;        /* IC_ACT_... */
  gint64 age_max_months;   /* children: counted when younger; < 0: no age filter (women) */
  const char *population;  /* the denominator */
  const char *who;         /* for the unknown-age warning: "children visited at home" */
} IcPersonActsCount;

static inline gboolean
ic_count_persons_with_act (const IcApi *api, IcContext *ctx, const IcPersonActsCount *count, GError **error)
{
  gint64 n = api->table_rows (ctx, "pmi_acts");
  const guint16 *type = api->codes (ctx, "pmi_acts", "act_type");
  const guint16 *provider = api->codes (ctx, "pmi_acts", "provider");
  const gint32 *date = api->dates (ctx, "pmi_acts", "act_date");
  const gint32 *birth = api->dates (ctx, "pmi_acts", "person_birth_date");
  const guint16 *territory = api->territories (ctx, "pmi_acts");
  guint32 n_persons;
  const guint32 *person = api->ids (ctx, "pmi_acts", "person_id", &n_persons);
  gboolean by_age = count->age_max_months >= 0;
  IcDistinct *counted, *unknown_age = NULL;
  gint32 first, last;

  if (!type || !provider || !date || !birth || !territory || !person)
    {
      g_set_error_literal (error, g_quark_from_static_string ("ic-person-acts"), 1,
                           "pmi_acts lacks a column this plugin reads");
      return FALSE;
    }
  api->period (ctx, &first, &last);
  counted = api->distinct_new (ctx, n_persons);
  if (by_age)
    unknown_age = api->distinct_new (ctx, n_persons);
  for (gint64 i = 0; i < n; i++)
    {
      if (type[i] != count->act_type || provider[i] != IC_PROVIDER_PMI || date[i] < first || date[i] > last)
        continue;
      if (!by_age)
        api->distinct_add (counted, person[i], territory[i]);
      else if (birth[i] == IC_DATE_NONE)
        api->distinct_add (unknown_age, person[i], 0);
      else if (api->age_months (birth[i], date[i]) < count->age_max_months)
        api->distinct_add (counted, person[i], territory[i]);
    }
  if (by_age)
    {
      guint64 unknown = api->distinct_total (unknown_age);
      api->detail_int (ctx, "unknown_age", (gint64) unknown);
      if (unknown > 0)
        api->warning (ctx, "%" G_GUINT64_FORMAT " %s have no person_birth_date: their age is unknown and they are not counted",
                      unknown, count->who);
    }
  api->finish_over_population (ctx, counted, count->population);
  return TRUE;
}

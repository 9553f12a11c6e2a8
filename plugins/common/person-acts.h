/* person-acts.h: the counting shared by the in-tree indicators of the form
 * "distinct persons with an act of one type by the PMI in the period, over a
 * population" (EPP, EPNP, home visits, infant consultations). With an age
 * filter, the plugin's definition declares the message "unknown_age" ({n}:
 * children none of whose acts gives a birth date). Header-only,
 * so that each plugin stays one self-contained shared object built against
 * the public header alone. */
#pragma once

#include <indicore/indicore-plugin.h>

typedef struct {
  guint16 act_type;        /* IC_ACT_... */
  const char *age_param;   /* children: counted when younger than this parameter (months); NULL: no age filter */
  gint64 age_default;      /* the parameter's default */
  const char *population;  /* the denominator */
} IcPersonActsCount;

enum { IC_PERSON_DATED = 1, IC_PERSON_UNDATED = 2 };

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
  gboolean by_age = count->age_param != NULL;
  gint64 age_max = by_age ? api->param_int (ctx, count->age_param, count->age_default) : 0;
  g_autofree guint8 *seen = NULL;
  IcDistinct *counted;
  gint32 first, last;

  if (!type || !provider || !date || !birth || !territory || !person)
    {
      g_set_error_literal (error, g_quark_from_static_string ("ic-person-acts"), 1,
                           "il manque à pmi_acts une colonne que ce module lit");
      return FALSE;
    }
  api->period (ctx, &first, &last);
  counted = api->distinct_new (ctx, n_persons);
  /* A child whose birth date is on one of her acts has a known age, even if
   * another act lacks it: unknown_age counts only the children none of whose
   * qualifying acts carries a birth date. */
  if (by_age)
    seen = g_new0 (guint8, (gsize) n_persons + 1);
  for (gint64 i = 0; i < n; i++)
    {
      if (type[i] != count->act_type || provider[i] != IC_PROVIDER_PMI || date[i] < first || date[i] > last)
        continue;
      if (!by_age)
        api->distinct_add (counted, person[i], territory[i]);
      else if (birth[i] == IC_DATE_NONE)
        seen[person[i]] |= IC_PERSON_UNDATED;
      else
        {
          seen[person[i]] |= IC_PERSON_DATED;
          if (api->age_months (birth[i], date[i]) < age_max)
            api->distinct_add (counted, person[i], territory[i]);
        }
    }
  if (by_age)
    {
      gint64 unknown = 0;
      for (guint32 p = 0; p < n_persons; p++)
        unknown += seen[p] == IC_PERSON_UNDATED;
      api->detail_int (ctx, "unknown_age", unknown);
      if (unknown > 0)
        {
          const IcMessageParam params[] = { { "n", unknown } };
          api->warning_message (ctx, "unknown_age", params, G_N_ELEMENTS (params));
        }
    }
  api->finish_over_population (ctx, counted, count->population);
  return TRUE;
}

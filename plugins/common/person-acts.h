/* person-acts.h: the counting shared by the in-tree indicators of the form
 * "distinct persons with an act of one type by the PMI in the period, over a
 * population" (EPP, EPNP, home visits, infant consultations), and the
 * branch-free row selection and age thresholds bsem_coverage uses too. With
 * an age filter, the plugin's definition declares the message "unknown_age"
 * ({n}: children none of whose acts gives a birth date). Header-only,
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

/* Rows are filtered a block at a time, without a branch, into a list of the
 * rows that qualify (act type, provider, period): a scan of 2 million rows
 * whose conditions no branch predictor can guess cost most of a plugin's
 * time. */
#define IC_PERSON_ACTS_BLOCK 2048
/* Periods longer than this (in days) compute each age instead of reading it
 * from the table of thresholds. */
#define IC_PERSON_ACTS_MAX_SPAN 40000

/* The youngest-age threshold of each day of the period: a child born on or
 * after thresholds[at - first] is younger than @age_max months at @at. Exact,
 * by bisection on age_months() itself, which does not increase with the
 * birth date (a later birth is never older; -1 before birth). */
static inline gint64 *
ic_person_acts_thresholds (const IcApi *api, gint32 first, gint32 last, gint64 age_max)
{
  gint64 *thresholds;
  if (last < first || (gint64) last - first > IC_PERSON_ACTS_MAX_SPAN)
    return NULL;
  thresholds = g_new (gint64, (gsize) (last - first) + 1);
  for (gint32 at = first;; at++)
    {
      /* The answer is in [lo, hi]: hi = G_MAXINT32 + 1 when no birth is young enough. */
      gint64 lo = (gint64) G_MININT32 + 1, hi = (gint64) G_MAXINT32 + 1;
      while (lo < hi)
        {
          gint64 mid = lo + (hi - lo) / 2;
          if (api->age_months ((gint32) mid, at) < age_max)
            hi = mid;
          else
            lo = mid + 1;
        }
      thresholds[at - first] = lo;
      if (at == last)
        break;
    }
  return thresholds;
}

/* Whether a child born on @birth (not IC_DATE_NONE) is younger than @age_max
 * months at @at, a day of the period: from @thresholds when there are. */
static inline gboolean
ic_person_acts_younger (const IcApi *api, const gint64 *thresholds, gint32 first, gint32 birth, gint32 at,
                        gint64 age_max)
{
  return thresholds ? birth >= thresholds[at - first] : api->age_months (birth, at) < age_max;
}

/* The rows of [start, end) that qualify, into @rows; their count. */
static inline guint
ic_person_acts_select (const guint16 *type, const guint16 *provider, const gint32 *date, gint64 start, gint64 end,
                       guint16 act_type, gint32 first, guint32 span, guint32 *rows)
{
  guint k = 0;
  for (gint64 i = start; i < end; i++)
    {
      rows[k] = (guint32) i;
      k += (type[i] == act_type) & (provider[i] == IC_PROVIDER_PMI) & ((guint32) date[i] - (guint32) first <= span);
    }
  return k;
}

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
  g_autofree gint64 *thresholds = NULL;
  guint32 rows[IC_PERSON_ACTS_BLOCK];
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
  if (by_age)
    thresholds = ic_person_acts_thresholds (api, first, last, age_max);
  for (gint64 start = 0; last >= first && start < n; start += IC_PERSON_ACTS_BLOCK)
    {
      guint k = ic_person_acts_select (type, provider, date, start, MIN (start + IC_PERSON_ACTS_BLOCK, n),
                                       count->act_type, first, (guint32) last - (guint32) first, rows);
      for (guint j = 0; j < k; j++)
        {
          guint32 i = rows[j];
          if (!by_age)
            api->distinct_add (counted, person[i], territory[i]);
          else if (birth[i] == IC_DATE_NONE)
            seen[person[i]] |= IC_PERSON_UNDATED;
          else
            {
              seen[person[i]] |= IC_PERSON_DATED;
              if (ic_person_acts_younger (api, thresholds, first, birth[i], date[i], age_max))
                api->distinct_add (counted, person[i], territory[i]);
            }
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

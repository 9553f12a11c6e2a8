/* bsem_followup_rate: referrals made at a BSEM and closed in the school
 * year with care received (outcome CARE_DONE), over those closed in the
 * school year (spec/child-protection.md). */
#include "../common/delays.h"

/* bsem_referrals.outcome: its codes' values, in the schema's order. */
enum { OUTCOME_CARE_DONE = 1 };

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  gint64 n = api->table_rows (ctx, "bsem_referrals");
  const gint32 *referred = api->dates (ctx, "bsem_referrals", "referral_date");
  const gint32 *closed = api->dates (ctx, "bsem_referrals", "closed_date");
  const gint32 *care = api->dates (ctx, "bsem_referrals", "care_date");
  const guint16 *outcome = api->codes (ctx, "bsem_referrals", "outcome");
  const guint16 *territory = api->territories (ctx, "bsem_referrals");
  guint n_territories = api->n_territories (ctx);
  g_autofree gint64 *done = g_new0 (gint64, n_territories);
  g_autofree gint64 *closed_in = g_new0 (gint64, n_territories);
  g_autofree gint32 *delays = NULL;
  gint64 n_closed = 0, n_done = 0, n_open = 0, n_delays = 0;
  gint32 first, last;

  if (!referred || !closed || !care || !outcome || !territory)
    {
      g_set_error_literal (error, g_quark_from_static_string ("bsem-followup-rate"), 1,
                           "bsem_referrals lacks a column this plugin reads");
      return FALSE;
    }
  api->period (ctx, &first, &last);
  delays = g_new (gint32, n > 0 ? n : 1);
  for (gint64 i = 0; i < n; i++)
    {
      if (outcome[i] == 0 && referred[i] >= first && referred[i] <= last)
        n_open++;
      if (closed[i] == IC_DATE_NONE || closed[i] < first || closed[i] > last)
        continue;
      n_closed++;
      closed_in[territory[i]]++;
      if (outcome[i] != OUTCOME_CARE_DONE)
        continue;
      n_done++;
      done[territory[i]]++;
      if (care[i] != IC_DATE_NONE)
        delays[n_delays++] = care[i] - referred[i];
    }

  api->detail_int (ctx, "open", n_open);
  ic_delays_report (api, ctx, delays, n_delays);
  api->set_counts (ctx, n_done, n_closed);
  for (guint t = 1; t < n_territories; t++)
    api->add_stratum (ctx, (guint16) t, done[t], closed_in[t]);
  if (n_closed == 0)
    api->not_available (ctx, "no BSEM referral closed in the school year");
  return TRUE;
}

static const char *const tables[] = { "bsem_referrals", NULL };

IC_PLUGIN_DEFINE ("bsem_followup_rate", "1.0.0", tables, NULL, compute)

/* ip_eval_3m_rate: informations préoccupantes whose evaluation concluded in
 * the year within three months of reception, over those concluded in the
 * year. */
#include "../common/delays.h"

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  gint64 n = api->table_rows (ctx, "ip");
  const gint32 *received = api->dates (ctx, "ip", "received_date");
  const gint32 *ended = api->dates (ctx, "ip", "evaluation_end_date");
  const guint16 *territory = api->territories (ctx, "ip");
  gint64 limit_months = api->param_int (ctx, "delay_months", 3);
  guint n_territories = api->n_territories (ctx);
  g_autofree gint64 *within = g_new0 (gint64, n_territories);
  g_autofree gint64 *evaluated = g_new0 (gint64, n_territories);
  g_autofree gint32 *delays = NULL;
  gint64 n_received = 0, n_evaluated = 0, n_within = 0;
  gint32 first, last;

  if (!received || !ended || !territory)
    {
      g_set_error_literal (error, g_quark_from_static_string ("ip-eval-3m-rate"), 1,
                           "il manque à ip une colonne que ce module lit");
      return FALSE;
    }
  api->period (ctx, &first, &last);
  delays = g_new (gint32, n > 0 ? n : 1);
  for (gint64 i = 0; i < n; i++)
    {
      if (received[i] >= first && received[i] <= last)
        n_received++;
      if (ended[i] == IC_DATE_NONE || ended[i] < first || ended[i] > last)
        continue;
      delays[n_evaluated++] = ended[i] - received[i];
      evaluated[territory[i]]++;
      if (ended[i] <= api->add_months (received[i], (gint) limit_months))
        {
          n_within++;
          within[territory[i]]++;
        }
    }

  api->detail_int (ctx, "received", n_received);
  ic_delays_report (api, ctx, delays, n_evaluated);

  api->set_counts (ctx, n_within, n_evaluated);
  for (guint t = 1; t < n_territories; t++)
    api->add_stratum (ctx, (guint16) t, within[t], evaluated[t]);
  if (n_evaluated == 0)
    api->not_available_message (ctx, "no_evaluation", NULL, 0); /* indicators/ip_eval_3m_rate.json */
  return TRUE;
}

static const char *const tables[] = { "ip", NULL };

IC_PLUGIN_DEFINE ("ip_eval_3m_rate", "1.0.0", tables, NULL, compute)

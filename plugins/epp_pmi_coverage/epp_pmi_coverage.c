/* epp_pmi_coverage: women with an early prenatal interview (EPP) by the
 * PMI in the year, over the births of the year. */
#include <indicore/indicore-plugin.h>

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  gint64 n = api->table_rows (ctx, "pmi_acts");
  const guint16 *type = api->codes (ctx, "pmi_acts", "act_type");
  const guint16 *provider = api->codes (ctx, "pmi_acts", "provider");
  const gint32 *date = api->dates (ctx, "pmi_acts", "act_date");
  const guint16 *territory = api->territories (ctx, "pmi_acts");
  guint32 n_women;
  const guint32 *woman = api->ids (ctx, "pmi_acts", "person_id", &n_women);
  IcDistinct *women;
  gint32 first, last;

  if (!type || !provider || !date || !territory || !woman)
    {
      g_set_error_literal (error, g_quark_from_static_string ("epp-pmi-coverage"), 1,
                           "pmi_acts lacks a column this plugin reads");
      return FALSE;
    }
  api->period (ctx, &first, &last);
  women = api->distinct_new (ctx, n_women);
  for (gint64 i = 0; i < n; i++)
    if (type[i] == IC_ACT_EPP && provider[i] == IC_PROVIDER_PMI && date[i] >= first && date[i] <= last)
      api->distinct_add (women, woman[i], territory[i]);
  api->finish_over_population (ctx, women, "births");
  return TRUE;
}

static const char *const tables[] = { "pmi_acts", NULL };
static const char *const populations[] = { "births", NULL };

IC_PLUGIN_DEFINE ("epp_pmi_coverage", "1.0.0", tables, populations, compute)

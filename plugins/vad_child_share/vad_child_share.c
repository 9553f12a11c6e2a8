/* vad_child_share: children under two with a home visit by the PMI in the
 * year, over the children under two. */
#include <indicore/indicore-plugin.h>

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  gint64 n = api->table_rows (ctx, "pmi_acts");
  const guint16 *type = api->codes (ctx, "pmi_acts", "act_type");
  const guint16 *provider = api->codes (ctx, "pmi_acts", "provider");
  const gint32 *date = api->dates (ctx, "pmi_acts", "act_date");
  const gint32 *birth = api->dates (ctx, "pmi_acts", "person_birth_date");
  const guint16 *territory = api->territories (ctx, "pmi_acts");
  guint32 n_children;
  const guint32 *child = api->ids (ctx, "pmi_acts", "person_id", &n_children);
  gint64 age_max = api->param_int (ctx, "age_max_months", 24);
  IcDistinct *visited, *unknown_age;
  gint32 first, last;

  if (!type || !provider || !date || !birth || !territory || !child)
    {
      g_set_error_literal (error, g_quark_from_static_string ("vad-child-share"), 1,
                           "pmi_acts lacks a column this plugin reads");
      return FALSE;
    }
  api->period (ctx, &first, &last);
  visited = api->distinct_new (ctx, n_children);
  unknown_age = api->distinct_new (ctx, n_children);
  for (gint64 i = 0; i < n; i++)
    {
      if (type[i] != IC_ACT_VAD_CHILD || provider[i] != IC_PROVIDER_PMI || date[i] < first || date[i] > last)
        continue;
      if (birth[i] == IC_DATE_NONE)
        api->distinct_add (unknown_age, child[i], 0);
      else if (api->age_months (birth[i], date[i]) < age_max)
        api->distinct_add (visited, child[i], territory[i]);
    }
  api->detail_int (ctx, "unknown_age", (gint64) api->distinct_total (unknown_age));
  if (api->distinct_total (unknown_age) > 0)
    api->warning (ctx, "%" G_GUINT64_FORMAT " children visited at home by the PMI have no person_birth_date: their age is unknown and they are not counted",
                  api->distinct_total (unknown_age));
  api->finish_over_population (ctx, visited, "children_under_2");
  return TRUE;
}

static const char *const tables[] = { "pmi_acts", NULL };
static const char *const populations[] = { "children_under_2", NULL };

IC_PLUGIN_DEFINE ("vad_child_share", "1.0.0", tables, populations, compute)

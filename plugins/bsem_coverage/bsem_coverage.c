/* bsem_coverage: children of 3-4 seen in the kindergarten health check
 * (BSEM) by the PMI in the school year, over the children enrolled. */
#include "../common/person-acts.h"

enum { IN_BAND = 1, OUT_OF_BAND = 2, NO_BIRTH_DATE = 4 };

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
  gint64 age_min = api->param_int (ctx, "age_min_months", 36);
  gint64 age_max = api->param_int (ctx, "age_max_months", 60);
  g_autofree guint8 *seen = NULL;
  g_autofree gint64 *younger_than_min = NULL, *younger_than_max = NULL;
  guint32 rows[IC_PERSON_ACTS_BLOCK];
  IcDistinct *in_band;
  gint64 out_of_band = 0, unknown_age = 0;
  gint32 first, last;

  if (!type || !provider || !date || !birth || !territory || !child)
    {
      g_set_error_literal (error, g_quark_from_static_string ("bsem-coverage"), 1,
                           "il manque à pmi_acts une colonne que ce module lit");
      return FALSE;
    }
  api->period (ctx, &first, &last);
  in_band = api->distinct_new (ctx, n_children);
  /* A child checked in the band counts there only, even if another act of
   * hers is out of the band or lacks a birth date. */
  seen = g_new0 (guint8, (gsize) n_children + 1);
  /* The same rows and ages as one age_months() call per act (person-acts.h). */
  younger_than_min = ic_person_acts_thresholds (api, first, last, age_min);
  younger_than_max = ic_person_acts_thresholds (api, first, last, age_max);
  for (gint64 start = 0; last >= first && start < n; start += IC_PERSON_ACTS_BLOCK)
    {
      guint k = ic_person_acts_select (type, provider, date, start, MIN (start + IC_PERSON_ACTS_BLOCK, n),
                                       IC_ACT_BSEM, first, (guint32) last - (guint32) first, rows);
      for (guint j = 0; j < k; j++)
        {
          guint32 i = rows[j];
          if (birth[i] == IC_DATE_NONE)
            seen[child[i]] |= NO_BIRTH_DATE;
          else if (!ic_person_acts_younger (api, younger_than_min, first, birth[i], date[i], age_min)
                   && ic_person_acts_younger (api, younger_than_max, first, birth[i], date[i], age_max))
            {
              seen[child[i]] |= IN_BAND;
              api->distinct_add (in_band, child[i], territory[i]);
            }
          else
            seen[child[i]] |= OUT_OF_BAND;
        }
    }
  for (guint32 c = 0; c < n_children; c++)
    {
      if (seen[c] & IN_BAND)
        continue;
      if (seen[c] & OUT_OF_BAND)
        out_of_band++;
      else if (seen[c] & NO_BIRTH_DATE)
        unknown_age++;
    }
  api->detail_int (ctx, "out_of_age_band", out_of_band);
  api->detail_int (ctx, "unknown_age", unknown_age);
  if (unknown_age > 0)
    {
      /* "unknown_age" in indicators/bsem_coverage.json: the words are there. */
      const IcMessageParam params[] = { { "n", unknown_age } };
      api->warning_message (ctx, "unknown_age", params, G_N_ELEMENTS (params));
    }
  api->finish_over_population (ctx, in_band, "enrolled_3_4");
  return TRUE;
}

static const char *const tables[] = { "pmi_acts", NULL };
static const char *const populations[] = { "enrolled_3_4", NULL };

IC_PLUGIN_DEFINE ("bsem_coverage", "1.0.0", tables, populations, compute)

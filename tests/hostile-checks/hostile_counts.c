/* Test-only: a plugin that reports numbers no computation can give, one
 * case per build (HOSTILE_CASE): each must cost only its own indicator,
 * checked at the api call and again in the parent, never a crash. */
#include <indicore/indicore-plugin.h>

#define TERRITORY_END 1      /* add_stratum with index n_territories */
#define TERRITORY_FAR 2      /* add_stratum with index 60000 */
#define NEGATIVE 3           /* numerator -5 */
#define HUGE_DENOMINATOR 4   /* denominator 2^63-1 */
#define ABOVE 5              /* numerator above its denominator, both from records */

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  guint n = api->n_territories (ctx);
  (void) error;

  switch (HOSTILE_CASE)
    {
    case TERRITORY_END:
      api->set_counts (ctx, 1, 2);
      api->add_stratum (ctx, (guint16) n, 1, 2);
      break;
    case TERRITORY_FAR:
      api->set_counts (ctx, 1, 2);
      api->add_stratum (ctx, 60000, 1, 2);
      break;
    case NEGATIVE:
      api->set_counts (ctx, -5, 770);
      break;
    case HUGE_DENOMINATOR:
      api->set_counts (ctx, 51, G_MAXINT64);
      break;
    case ABOVE:
      api->set_counts (ctx, 800, 770);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static const char *const tables[] = { "pmi_acts", NULL };
IC_PLUGIN_DEFINE (HOSTILE_ID, "1.0.0", tables, NULL, compute)

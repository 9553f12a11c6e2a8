#include "suppress.h"

#include <string.h>

static gboolean
is_small (gint64 count, gint64 threshold)
{
  return count >= 1 && count <= threshold;
}

/* The stratum that reveals least when hidden as the complement: the
 * smallest numerator, then denominator, then territory name. */
static gboolean
better_complement (const IcStratum *candidate, const IcStratum *best)
{
  if (best == NULL)
    return TRUE;
  if (candidate->numerator != best->numerator)
    return candidate->numerator < best->numerator;
  if (candidate->denominator != best->denominator)
    return candidate->denominator < best->denominator;
  return g_strcmp0 (candidate->name, best->name) < 0;
}

guint
ic_suppress_strata (IcResult *result, gint64 threshold)
{
  guint n = result->strata->len, hidden = 0;
  IcStratum *complement = NULL;

  for (guint i = 0; i < n; i++)
    {
      IcStratum *s = &g_array_index (result->strata, IcStratum, i);
      s->suppressed = is_small (s->numerator, threshold) || is_small (s->denominator, threshold);
      hidden += s->suppressed;
    }
  /* One hidden stratum is the total minus the others: hide a second. */
  if (hidden == 1 && n >= 2)
    {
      for (guint i = 0; i < n; i++)
        {
          IcStratum *s = &g_array_index (result->strata, IcStratum, i);
          if (!s->suppressed && better_complement (s, complement))
            complement = s;
        }
      complement->suppressed = TRUE;
      hidden++;
    }
  return hidden;
}

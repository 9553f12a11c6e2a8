#include "distinct.h"

struct _IcDistinct {
  guint32 n_ids;
  guint n_territories;
  guint64 *seen;            /* bitset over ids */
  guint16 *first_territory; /* territory of each id's first add */
  GHashTable *extra;        /* (id, territory) pairs beyond the first, as id << 16 | territory */
  guint64 total;
  guint64 *per_territory;
};

IcDistinct *
ic_distinct_new (guint32 n_ids, guint n_territories)
{
  IcDistinct *distinct = g_new0 (IcDistinct, 1);
  distinct->n_ids = n_ids;
  distinct->n_territories = MAX (n_territories, 1);
  distinct->seen = g_new0 (guint64, (n_ids + 63) / 64 + 1);
  distinct->first_territory = g_new0 (guint16, (gsize) n_ids + 1);
  distinct->per_territory = g_new0 (guint64, distinct->n_territories);
  /* Keys are built so they never collide with NULL and fit 48 bits. */
  distinct->extra = g_hash_table_new (g_direct_hash, g_direct_equal);
  return distinct;
}

void
ic_distinct_free (IcDistinct *distinct)
{
  if (distinct == NULL)
    return;
  g_free (distinct->seen);
  g_free (distinct->first_territory);
  g_free (distinct->per_territory);
  g_hash_table_unref (distinct->extra);
  g_free (distinct);
}

void
ic_distinct_add (IcDistinct *distinct, guint32 id, guint16 territory)
{
  guint64 bit;

  g_return_if_fail (id < distinct->n_ids);
  g_return_if_fail (territory < distinct->n_territories);

  bit = G_GUINT64_CONSTANT (1) << (id % 64);
  if ((distinct->seen[id / 64] & bit) == 0)
    {
      distinct->seen[id / 64] |= bit;
      distinct->first_territory[id] = territory;
      distinct->total++;
      if (territory != 0)
        distinct->per_territory[territory]++;
      return;
    }
  if (territory == 0 || distinct->first_territory[id] == territory)
    return;

  /* A person seen in a second territory: rare, so a hash set is enough. */
  {
    G_STATIC_ASSERT (sizeof (gpointer) >= sizeof (guint64));
    gpointer key = (gpointer) (guintptr) (((guint64) id << 16 | territory) + 1);
    if (g_hash_table_add (distinct->extra, key))
      distinct->per_territory[territory]++;
  }
}

guint64
ic_distinct_total (IcDistinct *distinct)
{
  return distinct->total;
}

guint64
ic_distinct_in_territory (IcDistinct *distinct, guint16 territory)
{
  g_return_val_if_fail (territory < distinct->n_territories, 0);
  return territory == 0 ? 0 : distinct->per_territory[territory];
}

guint
ic_distinct_n_territories (IcDistinct *distinct)
{
  return distinct->n_territories;
}

#include "unique-ids.h"

#include <string.h>

void
ic_radix_sort_u64 (guint64 *keys, gsize n)
{
  g_autofree guint64 *scratch = NULL;
  g_autofree gsize *counts = NULL;
  guint64 *from = keys, *to;

  if (n < 2)
    return;
  scratch = g_new (guint64, n);
  counts = g_new (gsize, 65536);
  to = scratch;
  for (guint shift = 0; shift < 64; shift += 16)
    {
      gsize total = 0;
      memset (counts, 0, 65536 * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        counts[(from[i] >> shift) & 0xffff]++;
      for (gsize d = 0; d < 65536; d++)
        {
          gsize c = counts[d];
          counts[d] = total;
          total += c;
        }
      for (gsize i = 0; i < n; i++)
        to[counts[(from[i] >> shift) & 0xffff]++] = from[i];
      {
        guint64 *swap = from;
        from = to;
        to = swap;
      }
    }
  /* Four passes: the sorted keys are back in @keys. */
  g_assert (from == keys);
}

guint64 *
ic_unique_find_duplicates (const guint64 *hashes, gsize n, gsize *n_duplicates)
{
  g_autofree guint64 *sorted = g_memdup2 (hashes, n * sizeof (guint64));
  GArray *duplicates = NULL;

  *n_duplicates = 0;
  ic_radix_sort_u64 (sorted, n);
  for (gsize i = 1; i < n; i++)
    if (sorted[i] == sorted[i - 1] && (i < 2 || sorted[i - 1] != sorted[i - 2]))
      {
        if (duplicates == NULL)
          duplicates = g_array_new (FALSE, FALSE, sizeof (guint64));
        g_array_append_val (duplicates, sorted[i]);
      }
  if (duplicates == NULL)
    return NULL;
  *n_duplicates = duplicates->len;
  return (guint64 *) g_array_free (duplicates, FALSE);
}

gboolean
ic_unique_contains (const guint64 *duplicates, gsize n_duplicates, guint64 hash)
{
  gsize low = 0, high = n_duplicates;
  while (low < high)
    {
      gsize middle = low + (high - low) / 2;
      if (duplicates[middle] < hash)
        low = middle + 1;
      else
        high = middle;
    }
  return low < n_duplicates && duplicates[low] == hash;
}

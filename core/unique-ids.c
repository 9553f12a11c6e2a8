#include "unique-ids.h"

#include <string.h>

static void
insertion_sort (guint64 *keys, gsize n)
{
  for (gsize i = 1; i < n; i++)
    {
      guint64 key = keys[i];
      gsize j = i;
      while (j > 0 && keys[j - 1] > key)
        {
          keys[j] = keys[j - 1];
          j--;
        }
      keys[j] = key;
    }
}

/* American flag sort: an in-place most-significant-digit radix sort, so
 * that sorting a national file's hashes needs no second array of them. */
static void
flag_sort (guint64 *keys, gsize n, int shift)
{
  gsize count[256] = { 0 }, next[256], end[256], total = 0;

  if (n < 64)
    {
      insertion_sort (keys, n);
      return;
    }
  for (gsize i = 0; i < n; i++)
    count[(keys[i] >> shift) & 0xff]++;
  for (guint d = 0; d < 256; d++)
    {
      next[d] = total;
      total += count[d];
      end[d] = total;
    }
  for (guint d = 0; d < 256; d++)
    while (next[d] < end[d])
      {
        guint64 key = keys[next[d]];
        guint digit = (key >> shift) & 0xff;
        /* Carry the key to its bucket, taking the one there in its place. */
        while (digit != d)
          {
            guint64 swap = keys[next[digit]];
            keys[next[digit]++] = key;
            key = swap;
            digit = (key >> shift) & 0xff;
          }
        keys[next[d]++] = key;
      }
  if (shift == 0)
    return;
  for (guint d = 0; d < 256; d++)
    if (count[d] > 1)
      flag_sort (keys + (end[d] - count[d]), count[d], shift - 8);
}

void
ic_radix_sort_u64 (guint64 *keys, gsize n)
{
  flag_sort (keys, n, 56);
}

guint64 *
ic_unique_find_duplicates_sorted (const guint64 *a, gsize n_a, const guint64 *b, gsize n_b,
                                  gsize *n_duplicates)
{
  GArray *duplicates = NULL;
  gsize i = 0, j = 0;
  gboolean have_previous = FALSE;
  guint64 previous = 0;

  *n_duplicates = 0;
  /* The two runs merged in order: a value equal to the one before it is a
   * duplicate, recorded once however many times it repeats. */
  while (i < n_a || j < n_b)
    {
      guint64 value = j >= n_b || (i < n_a && a[i] <= b[j]) ? a[i++] : b[j++];
      if (have_previous && value == previous)
        {
          if (duplicates == NULL)
            duplicates = g_array_new (FALSE, FALSE, sizeof (guint64));
          if (duplicates->len == 0 || g_array_index (duplicates, guint64, duplicates->len - 1) != value)
            g_array_append_val (duplicates, value);
        }
      previous = value;
      have_previous = TRUE;
    }
  if (duplicates == NULL)
    return NULL;
  *n_duplicates = duplicates->len;
  return (guint64 *) g_array_free (duplicates, FALSE);
}

guint64 *
ic_unique_find_duplicates (guint64 *hashes, gsize n, gsize *n_duplicates)
{
  ic_radix_sort_u64 (hashes, n);
  return ic_unique_find_duplicates_sorted (hashes, n, NULL, 0, n_duplicates);
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

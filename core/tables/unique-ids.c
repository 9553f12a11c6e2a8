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

void
ic_unique_partition (IcHashRun *run, guint64 *keys, gsize n)
{
  gsize count[256] = { 0 }, next[256];

  run->keys = keys;
  run->n = n;
  for (gsize i = 0; i < n; i++)
    count[keys[i] >> 56]++;
  run->start[0] = 0;
  for (guint d = 0; d < 256; d++)
    {
      next[d] = run->start[d];
      run->start[d + 1] = run->start[d] + count[d];
    }
  /* One level of the American flag sort above. */
  for (guint d = 0; d < 256; d++)
    while (next[d] < run->start[d + 1])
      {
        guint64 key = keys[next[d]];
        guint digit = (guint) (key >> 56);
        while (digit != d)
          {
            guint64 swap = keys[next[digit]];
            keys[next[digit]++] = key;
            key = swap;
            digit = (guint) (key >> 56);
          }
        keys[next[d]++] = key;
      }
}

/* Buckets [first, last) of the runs: their duplicated values (a value three
 * times, twice) appended to @found. */
typedef struct {
  const IcHashRun *runs;
  guint n_runs;
  guint first, last;
  GArray *found;
} BucketRange;

static gsize
bucket_size (const IcHashRun *runs, guint n_runs, guint d)
{
  gsize size = 0;
  for (guint r = 0; r < n_runs; r++)
    size += runs[r].start[d + 1] - runs[r].start[d];
  return size;
}

static gpointer
find_in_buckets (gpointer data)
{
  BucketRange *range = data;
  g_autofree guint64 *slots = NULL;
  gsize largest = 0, n_slots;

  for (guint d = range->first; d < range->last; d++)
    largest = MAX (largest, bucket_size (range->runs, range->n_runs, d));
  /* At most half full; 0 marks an empty slot (keys are nonzero). */
  for (n_slots = 16; n_slots < largest * 2; n_slots *= 2)
    ;
  slots = g_new (guint64, n_slots);

  for (guint d = range->first; d < range->last; d++)
    {
      gsize size = bucket_size (range->runs, range->n_runs, d), mask;
      if (size < 2)
        continue;
      for (mask = 15; mask + 1 < size * 2; mask = mask * 2 + 1)
        ;
      memset (slots, 0, (mask + 1) * sizeof (guint64));
      for (guint r = 0; r < range->n_runs; r++)
        for (gsize i = range->runs[r].start[d]; i < range->runs[r].start[d + 1]; i++)
          {
            guint64 key = range->runs[r].keys[i];
            /* The top byte is the bucket's: the low bits pick the slot. */
            gsize k = (gsize) key & mask;
            while (slots[k] != 0 && slots[k] != key)
              k = (k + 1) & mask;
            if (slots[k] == key)
              g_array_append_val (range->found, key);
            else
              slots[k] = key;
          }
    }
  return NULL;
}

/* Below this many keys, one thread. */
#define BUCKETS_IN_TWO 65536

guint64 *
ic_unique_find_duplicates_in_runs (const IcHashRun *runs, guint n_runs, gsize *n_duplicates)
{
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr (GArray) found_high = g_array_new (FALSE, FALSE, sizeof (guint64));
  BucketRange low = { runs, n_runs, 0, 256, found }, high = { runs, n_runs, 128, 256, found_high };
  GThread *thread = NULL;
  gsize total = 0;
  guint64 *duplicates;
  gsize kept = 0;

  for (guint r = 0; r < n_runs; r++)
    total += runs[r].n;
  /* Half the buckets each, in two threads, for a big file. */
  if (total >= BUCKETS_IN_TWO)
    {
      low.last = 128;
      thread = g_thread_new ("indicore-unique", find_in_buckets, &high);
    }
  find_in_buckets (&low);
  if (thread != NULL)
    {
      g_thread_join (thread);
      g_array_append_vals (found, found_high->data, found_high->len);
    }

  *n_duplicates = 0;
  if (found->len == 0)
    return NULL;
  duplicates = (guint64 *) found->data;
  ic_radix_sort_u64 (duplicates, found->len);
  for (gsize i = 0; i < found->len; i++)
    if (kept == 0 || duplicates[kept - 1] != duplicates[i])
      duplicates[kept++] = duplicates[i];
  *n_duplicates = kept;
  return g_memdup2 (duplicates, kept * sizeof (guint64));
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

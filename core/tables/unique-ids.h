/* unique-ids.h: proves the row identifiers of a table unique from their
 * 64-bit hashes, appended in row order (8 bytes a row, written in sequence)
 * and checked once at the end, bucket by bucket of their top byte: cheaper
 * than a hash set probed at every row, whose every probe is a cache miss
 * on a national file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sorts @keys in place (an in-place radix sort: no extra memory). */
void ic_radix_sort_u64 (guint64 *keys, gsize n);

/* Hashes partitioned in place by their top byte: bucket d holds
 * keys[start[d]] .. keys[start[d + 1] - 1]. Each bucket of a national file
 * is small enough for the CPU's caches, where duplicates are found with a
 * small hash table instead of sorting. */
typedef struct {
  guint64 *keys;
  gsize n;
  gsize start[257];
} IcHashRun;

/* Partitions the @n nonzero @keys in place into @run (which points to
 * them: no copy is made). */
void ic_unique_partition (IcHashRun *run, guint64 *keys, gsize n);

/* The distinct values that occur more than once in the @n_runs runs taken
 * together (the parts of a file read in several threads), sorted; NULL
 * when there is none. *@n_duplicates gets their number. */
guint64 *ic_unique_find_duplicates_in_runs (const IcHashRun *runs, guint n_runs, gsize *n_duplicates);

/* TRUE when @hash is one of the sorted @duplicates. */
gboolean ic_unique_contains (const guint64 *duplicates, gsize n_duplicates, guint64 hash);

G_END_DECLS

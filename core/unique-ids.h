/* unique-ids.h: proves the row identifiers of a table unique from their
 * 64-bit hashes, appended in row order (8 bytes a row, written in sequence)
 * and sorted once at the end: cheaper than a hash set probed at every row,
 * whose every probe is a cache miss on a national file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sorts @keys in place (an in-place radix sort: no extra memory). */
void ic_radix_sort_u64 (guint64 *keys, gsize n);

/* The distinct values that occur more than once in @hashes, sorted; NULL
 * when there is none. *@n_duplicates gets their number. @hashes is sorted in
 * place: no copy of a national file's hashes is made. */
guint64 *ic_unique_find_duplicates (guint64 *hashes, gsize n, gsize *n_duplicates);

/* The same from two sorted arrays, taken together (@b may be NULL when
 * @n_b is 0): the halves of a file read in two parts, each sorted by its own
 * thread. */
guint64 *ic_unique_find_duplicates_sorted (const guint64 *a, gsize n_a, const guint64 *b, gsize n_b,
                                           gsize *n_duplicates);

/* TRUE when @hash is one of the sorted @duplicates. */
gboolean ic_unique_contains (const guint64 *duplicates, gsize n_duplicates, guint64 hash);

G_END_DECLS

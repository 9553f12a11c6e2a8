/* interner.h: maps strings to dense integers 0, 1, 2... in order of first
 * appearance, without one heap allocation per string: the bytes live in one
 * growing arena and the table holds offsets. Identifiers of a whole national
 * file go through here, so distinct counting downstream is a bitset.
 *
 * With a million persons the table and the arena are far larger than the
 * CPU's caches, and each lookup would wait twice on memory (the slot, then
 * the string). A reader that knows its next strings in advance hashes them
 * first and prefetches (ic_interner_prefetch_slot() some rows ahead, then
 * ic_interner_prefetch_entry() a few rows later), so that the waits overlap
 * with useful work. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IcInterner IcInterner;

IcInterner *ic_interner_new (void);

/* An interner whose strings cannot be got back by id (ic_interner_get()),
 * 4 bytes less each: for a file's persons, only numbered and counted. */
IcInterner *ic_interner_new_unindexed (void);
void ic_interner_free (IcInterner *interner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcInterner, ic_interner_free)

/* Forgets every string: as new. */
void ic_interner_clear (IcInterner *interner);

/* Returns the id of @text (@len bytes, need not be NUL-terminated), adding it
 * when new; *@added (may be NULL) tells which. */
guint32 ic_interner_intern (IcInterner *interner, const char *text, gsize len, gboolean *added);

/* The hash the interner files @text under: for the prefetching calls. */
guint32 ic_interner_hash (const char *text, gsize len);

/* ic_interner_intern() with @hash = ic_interner_hash (@text, @len). */
guint32 ic_interner_intern_hashed (IcInterner *interner, const char *text, gsize len, guint32 hash,
                                   gboolean *added);

/* Hints, with no effect on results: starts loading the slot where @hash
 * goes; later, once that slot is likely in cache, the string it points to. */
void ic_interner_prefetch_slot (IcInterner *interner, guint32 hash);
void ic_interner_prefetch_entry (IcInterner *interner, guint32 hash);

/* Interns every string of @from, in id order, into @into: returns a new
 * array mapping each id of @from to its id in @into (g_free). Prefetches
 * ahead: merging the dictionaries of a file read in two parts is a lookup
 * per distinct string. */
guint32 *ic_interner_merge (IcInterner *into, IcInterner *from);

/* The ids the strings of @from would get if they were interned into @into
 * in @from's id order, without interning them: those already in @into keep
 * theirs, the others are numbered from ic_interner_size (@into) up, in
 * order. A new array (g_free); *@n_distinct gets the size @into would then
 * have. Only reads @into: for a dictionary that is dropped afterwards,
 * where the union is needed as numbers, not as strings. */
guint32 *ic_interner_number_union (IcInterner *into, IcInterner *from, guint32 *n_distinct);

/* The id of @text, or -1 when it was never interned. */
gint64 ic_interner_find (IcInterner *interner, const char *text, gsize len);

/* Number of distinct strings. */
guint32 ic_interner_size (IcInterner *interner);

/* The string of @id, NUL-terminated; belongs to the interner and stays valid
 * until the next ic_interner_intern(). */
const char *ic_interner_get (IcInterner *interner, guint32 id);

G_END_DECLS

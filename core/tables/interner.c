#include "interner.h"
#include "hash.h"
#include "text.h"

#include <string.h>
#include <sys/mman.h>

/* One string in the arena, at a multiple of 4 bytes: its id, its length,
 * its bytes and a NUL. The id beside the bytes means that a lookup that
 * finds the string needs no other memory. */
typedef struct {
  guint32 id;
  guint32 len;
  char text[];
} Entry;

#define ENTRY_ALIGN 4u

/* One slot of the open-addressing table: the string's 32-bit hash in the
 * high half, the entry's offset in the arena (in ENTRY_ALIGN units) + 1 in
 * the low half (0: empty). Keeping the hash in the slot means a probe
 * touches the arena only when the hashes agree, and growing the table
 * touches only the table. */
typedef guint64 Slot;

struct _IcInterner {
  char *arena;        /* the entries, back to back */
  gsize arena_len;
  gsize arena_size;
  guint32 *offsets;   /* id -> offset of its entry, in ENTRY_ALIGN units;
                       * NULL when unindexed */
  gboolean unindexed;
  guint32 n_ids;
  guint32 offsets_size;
  Slot *slots;
  gsize n_slots;      /* power of two */
};

/* Transparent huge pages where the system allows them on request: the slot
 * table and the arena are read at random, and with 4 KiB pages most lookups
 * would also miss the TLB. */
#define HUGE_PAGE (2u << 20)

static void
advise_huge (gpointer data, gsize bytes)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) data + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr end = ((guintptr) data + bytes) & ~(guintptr) (HUGE_PAGE - 1);
  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#else
  (void) data;
  (void) bytes;
#endif
}

/* Zeroed by writing, not by calloc(): a fresh page that is read before it
 * is written maps the shared zero page, and the first write then costs a
 * second fault and a TLB flush on every core the process runs on. */
static Slot *
slots_new (gsize n_slots)
{
  gsize bytes = n_slots * sizeof (Slot);
  Slot *slots = g_malloc (bytes);
  advise_huge (slots, bytes);
  memset (slots, 0, bytes);
  return slots;
}

guint32
ic_interner_hash (const char *text, gsize len)
{
  return (guint32) ic_hash_bytes (text, len);
}

IcInterner *
ic_interner_new (void)
{
  IcInterner *interner = g_new0 (IcInterner, 1);
  interner->n_slots = 64;
  interner->slots = slots_new (interner->n_slots);
  return interner;
}

IcInterner *
ic_interner_new_unindexed (void)
{
  IcInterner *interner = ic_interner_new ();
  interner->unindexed = TRUE;
  return interner;
}

static gsize
entry_size (gsize len)
{
  return (sizeof (Entry) + len + 1 + ENTRY_ALIGN - 1) & ~(gsize) (ENTRY_ALIGN - 1);
}

void
ic_interner_free (IcInterner *interner)
{
  if (interner == NULL)
    return;
  g_free (interner->arena);
  g_free (interner->offsets);
  g_free (interner->slots);
  g_free (interner);
}

void
ic_interner_clear (IcInterner *interner)
{
  g_clear_pointer (&interner->arena, g_free);
  g_clear_pointer (&interner->offsets, g_free);
  g_free (interner->slots);
  interner->arena_len = interner->arena_size = 0;
  interner->n_ids = interner->offsets_size = 0;
  interner->n_slots = 64;
  interner->slots = slots_new (interner->n_slots);
}

static inline Entry *
slot_entry (IcInterner *interner, Slot slot)
{
  return (Entry *) (interner->arena + (gsize) ((guint32) slot - 1) * ENTRY_ALIGN);
}

static void
grow (IcInterner *interner)
{
  gsize n_slots = interner->n_slots * 2;
  Slot *slots = slots_new (n_slots);

  for (gsize k = 0; k < interner->n_slots; k++)
    {
      Slot slot = interner->slots[k];
      gsize i;
      if (slot == 0)
        continue;
      i = (slot >> 32) & (n_slots - 1);
      while (slots[i] != 0)
        i = (i + 1) & (n_slots - 1);
      slots[i] = slot;
    }
  g_free (interner->slots);
  interner->slots = slots;
  interner->n_slots = n_slots;
}

/* The slot holding @text, or the empty slot where it would go. Lengths are
 * compared before bytes: @text may hold a NUL. */
static gsize
probe (IcInterner *interner, const char *text, gsize len, guint32 hash)
{
  gsize mask = interner->n_slots - 1, i = hash & mask;
  for (;;)
    {
      Slot slot = interner->slots[i];
      if (slot == 0)
        return i;
      if ((guint32) (slot >> 32) == hash)
        {
          const Entry *entry = slot_entry (interner, slot);
          if (entry->len == len && ic_text_bytes_equal (entry->text, text, len))
            return i;
        }
      i = (i + 1) & mask;
    }
}

void
ic_interner_prefetch_slot (IcInterner *interner, guint32 hash)
{
  __builtin_prefetch (&interner->slots[hash & (interner->n_slots - 1)]);
}

void
ic_interner_prefetch_entry (IcInterner *interner, guint32 hash)
{
  Slot slot = interner->slots[hash & (interner->n_slots - 1)];
  if (slot != 0 && (guint32) (slot >> 32) == hash)
    __builtin_prefetch (slot_entry (interner, slot));
}

gint64
ic_interner_find (IcInterner *interner, const char *text, gsize len)
{
  Slot slot = interner->slots[probe (interner, text, len, ic_interner_hash (text, len))];
  return slot == 0 ? -1 : (gint64) slot_entry (interner, slot)->id;
}

/* Appends the entry of @text with the next id; returns its offset + 1 in
 * ENTRY_ALIGN units, as a slot holds it. */
static guint32
append_entry (IcInterner *interner, const char *text, gsize len)
{
  gsize size = entry_size (len);
  gsize offset = interner->arena_len;
  Entry *entry;

  if (offset + size > interner->arena_size)
    {
      interner->arena_size = MAX (interner->arena_size * 2, offset + size + 4096);
      interner->arena = g_realloc (interner->arena, interner->arena_size);
      //advise_huge (interner->arena, interner->arena_size);
    }
  if (!interner->unindexed && interner->n_ids == interner->offsets_size)
    {
      interner->offsets_size = interner->offsets_size ? interner->offsets_size * 2 : 64;
      interner->offsets = g_renew (guint32, interner->offsets, interner->offsets_size);
    }
  entry = (Entry *) (interner->arena + offset);
  entry->id = interner->n_ids;
  entry->len = (guint32) len;
  memcpy (entry->text, text, len);
  memset (entry->text + len, 0, size - sizeof (Entry) - len);
  if (!interner->unindexed)
    interner->offsets[interner->n_ids] = (guint32) (offset / ENTRY_ALIGN);
  interner->n_ids++;
  interner->arena_len += size;
  return (guint32) (offset / ENTRY_ALIGN) + 1;
}

guint32
ic_interner_intern_hashed (IcInterner *interner, const char *text, gsize len, guint32 hash,
                           gboolean *added)
{
  gsize i = probe (interner, text, len, hash);
  guint32 id;

  if (interner->slots[i] != 0)
    {
      if (added)
        *added = FALSE;
      return slot_entry (interner, interner->slots[i])->id;
    }

  /* Slots hold the entry's offset in 32 bits: 16 GiB of identifiers. */
  g_return_val_if_fail (interner->n_ids < G_MAXUINT32 - 1
                        && len < G_MAXUINT32 / 2
                        && (interner->arena_len + len) / ENTRY_ALIGN < G_MAXUINT32 - 8, 0);
  id = interner->n_ids;
  interner->slots[i] = (Slot) hash << 32 | append_entry (interner, text, len);
  /* At most half full: short probes. */
  if ((gsize) interner->n_ids * 2 > interner->n_slots)
    grow (interner);
  if (added)
    *added = TRUE;
  return id;
}

guint32
ic_interner_intern (IcInterner *interner, const char *text, gsize len, gboolean *added)
{
  return ic_interner_intern_hashed (interner, text, len, ic_interner_hash (text, len), added);
}

/* How far ahead ic_interner_merge() prefetches: the slot this many strings
 * ahead, the entry half as many. */
#define MERGE_AHEAD 16

/* The id of an entry's text in @interner, or -1; from ic_interner_find(),
 * with the hash already known. */
static gint64
find_hashed (IcInterner *interner, const Entry *entry, guint32 hash)
{
  Slot slot = interner->slots[probe (interner, entry->text, entry->len, hash)];
  return slot == 0 ? -1 : (gint64) slot_entry (interner, slot)->id;
}

/* Each string of @from, in id order, into @into (@intern) or only looked up
 * there, the strings not found numbered from *@next up: the map of @from's
 * ids. The entries of @from, in id order, are its arena read in sequence
 * (no index needed); @into's slots and entries are prefetched ahead. */
static guint32 *
map_strings (IcInterner *into, IcInterner *from, gboolean intern, guint32 *next)
{
  guint32 n = from->n_ids;
  guint32 *map = g_new (guint32, (gsize) n + 1);
  g_autofree guint32 *hashes = g_new (guint32, (gsize) n + 1);
  gsize offset = 0;

  for (guint32 i = 0; i < n; i++)
    {
      const Entry *entry = (const Entry *) (from->arena + offset);
      hashes[i] = ic_interner_hash (entry->text, entry->len);
      offset += entry_size (entry->len);
    }
  offset = 0;
  for (guint32 i = 0; i < n; i++)
    {
      const Entry *entry = (const Entry *) (from->arena + offset);
      offset += entry_size (entry->len);
      if (i + MERGE_AHEAD < n)
        ic_interner_prefetch_slot (into, hashes[i + MERGE_AHEAD]);
      if (i + MERGE_AHEAD / 2 < n)
        ic_interner_prefetch_entry (into, hashes[i + MERGE_AHEAD / 2]);
      if (intern)
        map[i] = ic_interner_intern_hashed (into, entry->text, entry->len, hashes[i], NULL);
      else
        {
          gint64 found = find_hashed (into, entry, hashes[i]);
          map[i] = found >= 0 ? (guint32) found : (*next)++;
        }
    }
  return map;
}

guint32 *
ic_interner_merge (IcInterner *into, IcInterner *from)
{
  /* Room for every string at once: the table grows now, once, rather than
   * in the middle of the loop, which would make the prefetches useless. */
  while (((gsize) into->n_ids + from->n_ids) * 2 > into->n_slots)
    grow (into);
  return map_strings (into, from, TRUE, NULL);
}

guint32 *
ic_interner_number_union (IcInterner *into, IcInterner *from, guint32 *n_distinct)
{
  guint32 *map;

  *n_distinct = into->n_ids;
  map = map_strings (into, from, FALSE, n_distinct);
  return map;
}

guint32
ic_interner_size (IcInterner *interner)
{
  return interner->n_ids;
}

const char *
ic_interner_get (IcInterner *interner, guint32 id)
{
  g_return_val_if_fail (id < interner->n_ids && !interner->unindexed, NULL);
  return ((const Entry *) (interner->arena + (gsize) interner->offsets[id] * ENTRY_ALIGN))->text;
}

#include "interner.h"

#include <string.h>

/* One slot of the open-addressing table: the string's 32-bit hash in the
 * high half, id + 1 in the low half (0: empty). Keeping the hash in the
 * slot means a probe touches the string only when the hashes agree: with a
 * national file's millions of persons, each avoided access is a cache miss. */
typedef guint64 Slot;

struct _IcInterner {
  char *arena;        /* every string, NUL-terminated, back to back */
  gsize arena_len;
  gsize arena_size;
  guint64 *offsets;   /* id -> offset of its string in the arena */
  guint32 n_ids;
  guint32 offsets_size;
  Slot *slots;
  gsize n_slots;      /* power of two */
};

/* Eight bytes at a time, then a final avalanche (from splitmix64): the
 * identifiers are short and this is the hot path. */
static guint32
hash_bytes (const char *text, gsize len)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ len;
  while (len >= 8)
    {
      guint64 word;
      memcpy (&word, text, 8);
      h = (h ^ word) * 0xbf58476d1ce4e5b9ull;
      h ^= h >> 29;
      text += 8;
      len -= 8;
    }
  if (len > 0)
    {
      guint64 word = 0;
      memcpy (&word, text, len);
      h = (h ^ word) * 0xbf58476d1ce4e5b9ull;
    }
  h ^= h >> 31;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 32;
  return (guint32) h;
}

IcInterner *
ic_interner_new (void)
{
  IcInterner *interner = g_new0 (IcInterner, 1);
  interner->n_slots = 64;
  interner->slots = g_new0 (Slot, interner->n_slots);
  return interner;
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

/* Compares lengths first, then bytes: @text may hold a NUL, and nothing is
 * read past the stored string's terminator. */
static gboolean
id_matches (IcInterner *interner, guint32 id, const char *text, gsize len)
{
  guint64 offset = interner->offsets[id];
  guint64 next = id + 1 < interner->n_ids ? interner->offsets[id + 1] : interner->arena_len;
  return next - offset - 1 == len && memcmp (interner->arena + offset, text, len) == 0;
}

static void
grow (IcInterner *interner)
{
  gsize n_slots = interner->n_slots * 2;
  Slot *slots = g_new0 (Slot, n_slots);

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

/* The slot holding @text, or the empty slot where it would go. */
static gsize
probe (IcInterner *interner, const char *text, gsize len, guint32 hash)
{
  gsize mask = interner->n_slots - 1, i = hash & mask;
  for (;;)
    {
      Slot slot = interner->slots[i];
      if (slot == 0)
        return i;
      if ((guint32) (slot >> 32) == hash && id_matches (interner, (guint32) slot - 1, text, len))
        return i;
      i = (i + 1) & mask;
    }
}

gint64
ic_interner_find (IcInterner *interner, const char *text, gsize len)
{
  Slot slot = interner->slots[probe (interner, text, len, hash_bytes (text, len))];
  return slot == 0 ? -1 : (gint64) (guint32) slot - 1;
}

guint32
ic_interner_intern (IcInterner *interner, const char *text, gsize len, gboolean *added)
{
  guint32 hash = hash_bytes (text, len);
  gsize i = probe (interner, text, len, hash);
  guint32 id;

  if (interner->slots[i] != 0)
    {
      if (added)
        *added = FALSE;
      return (guint32) interner->slots[i] - 1;
    }

  id = interner->n_ids;
  g_return_val_if_fail (id < G_MAXUINT32 - 1, 0);
  if (interner->arena_len + len + 1 > interner->arena_size)
    {
      interner->arena_size = MAX (interner->arena_size * 2, interner->arena_len + len + 1 + 4096);
      interner->arena = g_realloc (interner->arena, interner->arena_size);
    }
  if (id == interner->offsets_size)
    {
      interner->offsets_size = interner->offsets_size ? interner->offsets_size * 2 : 64;
      interner->offsets = g_renew (guint64, interner->offsets, interner->offsets_size);
    }
  interner->offsets[id] = interner->arena_len;
  memcpy (interner->arena + interner->arena_len, text, len);
  interner->arena[interner->arena_len + len] = '\0';
  interner->arena_len += len + 1;
  interner->n_ids++;
  interner->slots[i] = (Slot) hash << 32 | (id + 1);
  /* At most half full: short probes. */
  if ((gsize) interner->n_ids * 2 > interner->n_slots)
    grow (interner);
  if (added)
    *added = TRUE;
  return id;
}

guint32
ic_interner_size (IcInterner *interner)
{
  return interner->n_ids;
}

const char *
ic_interner_get (IcInterner *interner, guint32 id)
{
  g_return_val_if_fail (id < interner->n_ids, NULL);
  return interner->arena + interner->offsets[id];
}

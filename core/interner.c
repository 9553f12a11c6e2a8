#include "interner.h"

#include <string.h>

struct _IcInterner {
  GByteArray *arena;  /* every string, NUL-terminated, back to back */
  GArray *offsets;    /* id -> offset in arena (guint64) */
  guint32 *slots;     /* open addressing: id + 1, 0 = empty */
  guint32 *hashes;    /* id -> hash, to grow without rehashing strings */
  gsize n_slots;      /* power of two */
};

/* FNV-1a, 64-bit folded: identifiers are short, and this is the hot path. */
static guint32
hash_bytes (const char *text, gsize len)
{
  guint64 h = 0xcbf29ce484222325ull;
  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) text[i];
      h *= 0x100000001b3ull;
    }
  return (guint32) (h ^ (h >> 32));
}

IcInterner *
ic_interner_new (void)
{
  IcInterner *interner = g_new0 (IcInterner, 1);
  interner->arena = g_byte_array_new ();
  interner->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  interner->n_slots = 64;
  interner->slots = g_new0 (guint32, interner->n_slots);
  interner->hashes = NULL;
  return interner;
}

void
ic_interner_free (IcInterner *interner)
{
  if (interner == NULL)
    return;
  g_byte_array_unref (interner->arena);
  g_array_unref (interner->offsets);
  g_free (interner->slots);
  g_free (interner->hashes);
  g_free (interner);
}

/* Compares lengths first, then bytes: @text may hold a NUL, and nothing is
 * read past the stored string's terminator. */
static gboolean
slot_matches (IcInterner *interner, guint32 id, const char *text, gsize len)
{
  guint64 offset = g_array_index (interner->offsets, guint64, id);
  guint64 next = id + 1 < interner->offsets->len ? g_array_index (interner->offsets, guint64, id + 1)
                                                 : interner->arena->len;
  const char *stored = (const char *) interner->arena->data + offset;
  return next - offset - 1 == len && memcmp (stored, text, len) == 0;
}

static void
grow (IcInterner *interner)
{
  gsize n_slots = interner->n_slots * 2;
  guint32 *slots = g_new0 (guint32, n_slots);
  guint32 n = ic_interner_size (interner);

  for (guint32 id = 0; id < n; id++)
    {
      gsize i = interner->hashes[id] & (n_slots - 1);
      while (slots[i] != 0)
        i = (i + 1) & (n_slots - 1);
      slots[i] = id + 1;
    }
  g_free (interner->slots);
  interner->slots = slots;
  interner->n_slots = n_slots;
}

static gsize
probe (IcInterner *interner, const char *text, gsize len, guint32 hash)
{
  gsize i = hash & (interner->n_slots - 1);
  while (interner->slots[i] != 0)
    {
      guint32 id = interner->slots[i] - 1;
      if (interner->hashes[id] == hash && slot_matches (interner, id, text, len))
        return i;
      i = (i + 1) & (interner->n_slots - 1);
    }
  return i;
}

gint64
ic_interner_find (IcInterner *interner, const char *text, gsize len)
{
  gsize i = probe (interner, text, len, hash_bytes (text, len));
  return interner->slots[i] == 0 ? -1 : (gint64) interner->slots[i] - 1;
}

guint32
ic_interner_intern (IcInterner *interner, const char *text, gsize len, gboolean *added)
{
  guint32 hash = hash_bytes (text, len);
  gsize i = probe (interner, text, len, hash);
  guint32 id;
  guint64 offset;

  if (interner->slots[i] != 0)
    {
      if (added)
        *added = FALSE;
      return interner->slots[i] - 1;
    }

  id = ic_interner_size (interner);
  g_return_val_if_fail (id < G_MAXUINT32 - 1, 0);
  offset = interner->arena->len;
  g_byte_array_append (interner->arena, (const guint8 *) text, (guint) len);
  g_byte_array_append (interner->arena, (const guint8 *) "", 1);
  g_array_append_val (interner->offsets, offset);
  if ((id & (id + 1)) == 0 || interner->hashes == NULL)
    interner->hashes = g_renew (guint32, interner->hashes, (gsize) (id + 1) * 2);
  interner->hashes[id] = hash;
  interner->slots[i] = id + 1;
  if ((gsize) (id + 1) * 2 > interner->n_slots)
    grow (interner);
  if (added)
    *added = TRUE;
  return id;
}

guint32
ic_interner_size (IcInterner *interner)
{
  return interner->offsets->len;
}

const char *
ic_interner_get (IcInterner *interner, guint32 id)
{
  g_return_val_if_fail (id < ic_interner_size (interner), NULL);
  return (const char *) interner->arena->data + g_array_index (interner->offsets, guint64, id);
}

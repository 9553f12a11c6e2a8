/* hash.h: the hash of short texts (identifiers, codes) used by the
 * interner and by the uniqueness check of row identifiers. */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

static inline guint64
ic_hash_read64 (const char *p)
{
  guint64 word;
  memcpy (&word, p, 8);
  return word;
}

static inline guint64
ic_hash_read32 (const char *p)
{
  guint32 word;
  memcpy (&word, p, 4);
  return word;
}

static inline guint64
ic_hash_mix (guint64 h, guint64 word)
{
  h = (h ^ word) * 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 29);
}

/* Eight bytes at a time, then a final avalanche (from splitmix64): the
 * identifiers are short and this is the hot path of reading a file. The
 * last bytes are read as one word that may overlap the previous one, never
 * byte by byte (bytes stored one by one then read as a word stall the CPU);
 * with the length mixed in first, different texts still give different
 * word sequences. */
static inline guint64
ic_hash_bytes (const char *text, gsize len)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ len;
  if (len >= 8)
    {
      const char *last = text + len - 8;
      for (; text < last; text += 8)
        h = ic_hash_mix (h, ic_hash_read64 (text));
      h = ic_hash_mix (h, ic_hash_read64 (last));
    }
  else if (len >= 4)
    h = ic_hash_mix (h, ic_hash_read32 (text) | ic_hash_read32 (text + len - 4) << 32);
  else if (len > 0)
    h = ic_hash_mix (h, (guint64) (guchar) text[0] | (guint64) (guchar) text[len / 2] << 8
                            | (guint64) (guchar) text[len - 1] << 16);
  h ^= h >> 31;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 32;
  return h;
}

G_END_DECLS

/* table-caches.h: small caches of the values a column has taken, by their
 * text as written (codes and territories, dates), for the row loop: most
 * rows repeat a few values, and a hit skips the parse or the lookup. */
#pragma once

#include <string.h>
#include <glib.h>

#include "date.h"
#include "text.h"

G_BEGIN_DECLS

/* The values a code or territory column has taken, by their text as
 * written: most rows repeat a handful of them, and a hit here costs a few
 * byte comparisons instead of a case fold, a hash and a dictionary probe. */
#define VALUE_CACHE_SLOTS 64
#define VALUE_CACHE_TEXT 40

typedef struct {
  guint8 len;          /* 0: empty */
  char text[VALUE_CACHE_TEXT];
  guint16 value;
} CachedValue;

/* The dates a column has taken, by their ten bytes as written: a year's
 * acts fall on a few hundred days, and a hit costs a hash and a compare
 * instead of a parse and a calendar computation. Only valid dates enter;
 * len 0 marks an empty entry. A column of many more dates (mothers' birth
 * dates) would mostly miss: after DATE_CACHE_TRIAL lookups, a column with
 * less than a half of hits parses without it. */
#define DATE_CACHE_SLOTS 2048
#define DATE_CACHE_TRIAL 4096

typedef struct {
  guint64 head;        /* the first eight bytes */
  guint16 tail;        /* the last two */
  guint16 len;
  gint32 day;
} CachedDate;

typedef struct {
  guint32 lookups;     /* up to DATE_CACHE_TRIAL */
  guint32 hits;
  gboolean off;
} DateCacheUse;

static inline guint
value_cache_slot (const char *text, gsize len)
{
  guint h = (guint) len * 31u + (guchar) text[0] * 7u + (guchar) text[len - 1] * 131u + (guchar) text[len / 2];
  return h % VALUE_CACHE_SLOTS;
}

static inline gboolean
value_cache_get (const CachedValue *cache, const char *text, gsize len, guint16 *value)
{
  const CachedValue *entry = &cache[value_cache_slot (text, len)];
  if (entry->len != len || !ic_text_bytes_equal (entry->text, text, len))
    return FALSE;
  *value = entry->value;
  return TRUE;
}

static inline void
value_cache_put (CachedValue *cache, const char *text, gsize len, guint16 value)
{
  CachedValue *entry;
  if (len == 0 || len >= VALUE_CACHE_TEXT)
    return;
  entry = &cache[value_cache_slot (text, len)];
  entry->len = (guint8) len;
  memcpy (entry->text, text, len);
  entry->value = value;
}

static inline gboolean
parse_date_cached (CachedDate *cache, DateCacheUse *use, const char *text, gsize len, gint32 *day)
{
  guint64 head;
  guint16 tail;
  CachedDate *entry;

  if (len != 10 || use->off)
    return ic_date_parse (text, len, day);
  if (G_UNLIKELY (++use->lookups == DATE_CACHE_TRIAL))
    use->off = use->hits < DATE_CACHE_TRIAL / 2;
  memcpy (&head, text, 8);
  memcpy (&tail, text + 8, 2);
  entry = &cache[((head ^ tail) * 0x9e3779b97f4a7c15ull) >> (64 - 11)];
  if (entry->len == 10 && entry->head == head && entry->tail == tail)
    {
      use->hits++;
      *day = entry->day;
      return TRUE;
    }
  if (!ic_date_parse (text, len, day))
    return FALSE;
  *entry = (CachedDate) { .head = head, .tail = tail, .len = 10, .day = *day };
  return TRUE;
}

G_STATIC_ASSERT (DATE_CACHE_SLOTS == 1 << 11);

G_END_DECLS

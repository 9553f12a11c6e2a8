/* utf8-scan.h: whether a file's bytes are UTF-8, decided chunk by chunk as
 * it is read, without g_utf8_validate_len() on every byte: most bytes of an
 * export are ASCII. Used by the CSV reader's first pass and by the thread
 * that computes a file's checksum (csv-reader.c, csv-checksum.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Room needed before a chunk for the start of a UTF-8 sequence cut by the
 * end of the previous one (at most 3 bytes). */
#define IC_UTF8_CARRY 4

/* Where the bytes [@p, @end), which hold no NUL, stop being UTF-8 (what
 * g_utf8_validate_len() would say of them all), or NULL when they are. */
const char *ic_utf8_find_invalid (const char *p, const char *end);

/* The state of a scan: only the bytes before the file's first NUL count. */
typedef struct {
  gsize carry;        /* bytes of a sequence cut by the last chunk's end */
  gboolean invalid;   /* a byte that is not UTF-8, before any NUL */
  gboolean has_nul;
  guint64 nul;        /* the first NUL's file offset, when has_nul */
} IcUtf8Scan;

/* Scans @got bytes at @chunk, the bytes of the file from offset @offset;
 * @last when none follow. The IC_UTF8_CARRY bytes before @chunk must be
 * readable: with @copy_carry, the start of a sequence cut by this chunk's
 * end is copied there for the next one (into a buffer reused chunk after
 * chunk); without, they must already hold the file's bytes before @chunk
 * (a file in memory). TRUE while undecided: no invalid byte nor NUL yet,
 * and more to come. */
gboolean ic_utf8_scan_chunk (IcUtf8Scan *scan, const char *chunk, gsize got, guint64 offset,
                             gboolean last, gboolean copy_carry);

G_END_DECLS

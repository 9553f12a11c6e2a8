/* input-options.h: how the input files are read (threads, when to split a
 * file, and what the tests vary), passed from the command line through the
 * dataset to the reader. Zero-filled, every field means its default. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files with at least this many bytes left after the header are read in two
 * threads, each half into its own columns, merged in file order. */
#define IC_INPUT_SPLIT_DEFAULT (2 * 1024 * 1024)

/* Bytes per read(): large enough that system calls cost nothing, small
 * enough to stay in the CPU's caches between reading and parsing. */
#define IC_INPUT_CHUNK_DEFAULT (1024 * 1024)
#define IC_INPUT_CHUNK_MIN 16

typedef struct {
  guint threads;            /* 1: every file in one thread, none split; 0 or 2: two */
  gsize split_threshold;    /* 0: IC_INPUT_SPLIT_DEFAULT */
  /* For tests and fuzzing: */
  gsize chunk_size;         /* bytes per read (clamped to IC_INPUT_CHUNK_MIN ..
                             * IC_INPUT_CHUNK_DEFAULT), so that small data
                             * crosses many chunk boundaries; 0: the default */
  gboolean general_parse_only; /* parse every record the general way, without
                                * the fast path for plain one-line records:
                                * both must give the very same records */
  gboolean defer_checksum;  /* start the checksum's thread when the checksum is
                             * first asked for, so that a test can change the
                             * file in between */
} IcInputOptions;

/* The defaults of a zero-filled struct, for @options NULL. */
static inline gsize
ic_input_options_chunk (const IcInputOptions *options)
{
  gsize size = options != NULL ? options->chunk_size : 0;
  return size == 0 ? IC_INPUT_CHUNK_DEFAULT : CLAMP (size, IC_INPUT_CHUNK_MIN, (gsize) IC_INPUT_CHUNK_DEFAULT);
}

/* The size from which a file is split, or 0 for never (one thread). */
static inline gsize
ic_input_options_split_threshold (const IcInputOptions *options)
{
  if (options == NULL)
    return IC_INPUT_SPLIT_DEFAULT;
  if (options->threads == 1)
    return 0;
  return options->split_threshold != 0 ? options->split_threshold : IC_INPUT_SPLIT_DEFAULT;
}

G_END_DECLS

/* csv-source.c: decides how an input file is read, opens its readers, and
 * says when a reading must be done again (csv-source.h). The two ways of
 * saving time, reading at once as UTF-8 and splitting, can each be wrong
 * about a file; both are found out cheaply, and then read it again. */
#include "csv-source.h"
#include "csv-reader-private.h"

struct _IcCsvSource {
  char *path;
  char *file;             /* its base name, for the debug log */
  IcInputOptions options;
  gboolean may_split;
  gboolean assume_utf8;   /* this attempt reads at once as UTF-8 */
  IcCsvReader *reader;    /* the attempt's (first part's) reader */
  IcCsvReader *second;    /* the second part's, or NULL */
  gint64 started;
};

IcCsvSource *
ic_csv_source_new (const char *path, const IcInputOptions *options, IcCsvSourceFlags flags)
{
  IcCsvSource *source = g_new0 (IcCsvSource, 1);

  source->path = g_strdup (path);
  source->file = g_path_get_basename (path);
  if (options != NULL)
    source->options = *options;
  source->may_split = (flags & IC_CSV_SOURCE_MAY_SPLIT) != 0;
  source->assume_utf8 = (flags & IC_CSV_SOURCE_MAY_ASSUME_UTF8) != 0;
  source->started = g_get_monotonic_time ();
  return source;
}

static void
drop_readers (IcCsvSource *source)
{
  g_clear_pointer (&source->second, ic_csv_reader_free);
  g_clear_pointer (&source->reader, ic_csv_reader_free);
}

void
ic_csv_source_free (IcCsvSource *source)
{
  if (source == NULL)
    return;
  drop_readers (source);
  g_free (source->path);
  g_free (source->file);
  g_free (source);
}

IcCsvReader *
ic_csv_source_open (IcCsvSource *source, GError **error)
{
  GError *local = NULL;

  drop_readers (source);
  if (source->assume_utf8)
    {
      source->reader = ic_csv_reader_open_assuming_utf8 (source->path, &source->options, &local);
      if (source->reader != NULL)
        return source->reader;
      /* Not UTF-8, learnt already while reading the header; or a problem
       * that opening it the usual way reports as well. Nothing was handed
       * out yet: open it again at once. */
      g_debug ("%s: %s: opened again the usual way", source->file, local->message);
      g_clear_error (&local);
      source->assume_utf8 = FALSE;
    }
  source->reader = ic_csv_reader_open (source->path, &source->options, error);
  return source->reader;
}

IcCsvReader *
ic_csv_source_split (IcCsvSource *source)
{
  const gsize threshold = ic_input_options_split_threshold (&source->options);

  g_return_val_if_fail (source->reader != NULL, NULL);
  if (!source->may_split || threshold == 0
      || !ic_csv_reader_split (source->reader, threshold, &source->second))
    return NULL;
  return source->second;
}

gboolean
ic_csv_source_split_held (IcCsvSource *source)
{
  IcCsvReader *reader = source->reader;

  if (source->second == NULL)
    return TRUE;
  /* A first part that failed (a fatal error) is no sign of a bad split:
   * its error stands. Nor is anything when the encoding did not hold: the
   * file is read again anyway. */
  if (!reader->ended || !reader->part_open)
    return TRUE;
  if (source->assume_utf8 && !ic_csv_reader_assumption_held (reader))
    return TRUE;
  /* The boundary fell inside a quoted field: all again, in one part. */
  source->may_split = FALSE;
  return FALSE;
}

gboolean
ic_csv_source_encoding_held (IcCsvSource *source)
{
  if (!source->assume_utf8 || ic_csv_reader_assumption_held (source->reader))
    return TRUE;
  g_debug ("%s: not UTF-8 after %.3f s: read again as Windows-1252", source->file,
           (g_get_monotonic_time () - source->started) / 1e6);
  source->assume_utf8 = FALSE;
  return FALSE;
}

IcCsvReader *
ic_csv_source_reopen (IcCsvSource *source)
{
  return ic_csv_reader_open (source->path, &source->options, NULL);
}

const char *
ic_csv_source_get_sha256 (IcCsvSource *source, GError **error)
{
  return ic_csv_reader_get_sha256 (source->reader, error);
}

/* libFuzzer target: the CSV reader on arbitrary bytes, record by record,
 * through recoverable errors, to the end, in chunks of 16 to 63 bytes (the
 * last input byte chooses) so that records cross chunk boundaries. Then the
 * same bytes split in two parts (ic_csv_reader_split() with min_bytes 1):
 * when the first part ended cleanly, its records and errors followed by the
 * second part's are exactly those of the single reader; when it did not,
 * it gave a prefix of them. The checksum of the same bytes is the same from
 * every reader, and the two of a split share it. */
#include "csv-reader.h"
#include "csv-log.h"

#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Reads @reader to its end, appending every record (line, fields) and every
 * error (code, position) to @log. Returns TRUE when it ended on a fatal
 * error. */
int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (IcCsvReader) whole = NULL;
  g_autoptr (IcCsvReader) first = NULL;
  g_autoptr (IcCsvReader) second = NULL;
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autoptr (GString) got = g_string_new (NULL);
  gboolean expected_fatal, fatal;
  IcInputOptions options = { 0 };

  /* Small chunks, so that records cross them; or the default, so that the
   * plain record path (which needs 128 bytes of text ahead) is taken. */
  options.chunk_size = size && data[size - 1] % 4 ? 16 + data[size - 1] % 48 : 0;
  whole = ic_csv_reader_new_from_data ((const char *) data, size, &options, NULL);
  first = ic_csv_reader_new_from_data ((const char *) data, size, &options, NULL);
  if (whole == NULL)
    {
      if (first != NULL)
        g_error ("the same bytes opened once only");
      return 0;
    }
  if (first == NULL)
    g_error ("the same bytes opened once only");
  if (g_strcmp0 (ic_csv_reader_get_sha256 (whole, NULL), ic_csv_reader_get_sha256 (first, NULL)) != 0
      || ic_csv_reader_get_sha256 (whole, NULL) == NULL)
    g_error ("the same bytes gave two checksums");
  expected_fatal = csv_log (whole, expected);
  if (ic_csv_reader_part_ended_cleanly (whole) == expected_fatal)
    g_error ("a whole file ends cleanly unless on a fatal error");

  /* The general parse alone: the very same reading. */
  {
    g_autoptr (IcCsvReader) general = NULL;
    g_autoptr (GString) log = g_string_new (NULL);
    options.general_parse_only = TRUE;
    general = ic_csv_reader_new_from_data ((const char *) data, size, &options, NULL);
    options.general_parse_only = FALSE;
    if (general == NULL || csv_log (general, log) != expected_fatal || !g_string_equal (log, expected))
      g_error ("the plain record path and the general parse differ");
  }

  /* Read assuming UTF-8: when the assumption holds, the very same reading;
   * when it does not, a safe one, and a file pass 1 converts. */
  {
    g_autoptr (IcCsvReader) assumed = ic_csv_reader_new_from_data_assuming_utf8 ((const char *) data, size, &options, NULL);
    g_autoptr (GString) log = g_string_new (NULL);
    gboolean assumed_fatal = assumed != NULL ? csv_log (assumed, log) : TRUE;
    if (assumed != NULL && ic_csv_reader_assumption_held (assumed))
      {
        if (ic_csv_reader_was_converted (whole))
          g_error ("a file assumed UTF-8 rightly, yet converted by pass 1");
        if (assumed_fatal != expected_fatal || !g_string_equal (log, expected))
          g_error ("a reader assuming UTF-8 rightly differs from a single reader's records");
      }
    else if (assumed != NULL && !ic_csv_reader_was_converted (whole))
      g_error ("a file found not UTF-8 that pass 1 takes for UTF-8");
  }

  if (!ic_csv_reader_split (first, 1, &second))
    {
      /* nothing changed */
      if (second != NULL)
        g_error ("a failed split made a second reader");
      if (csv_log (first, got) != expected_fatal || !g_string_equal (got, expected))
        g_error ("a failed split changed the reading");
      return 0;
    }

  if (ic_csv_reader_get_sha256 (second, NULL) != ic_csv_reader_get_sha256 (first, NULL))
    g_error ("the two readers of a split have two checksums");
  fatal = csv_log (first, got);
  if (fatal)
    {
      /* An error before the boundary: the single reader's, and its last. */
      if (!g_string_equal (got, expected))
        g_error ("the first part's fatal error differs from a single reader's");
      return 0;
    }
  /* What the first part gave is what the single reader gives first. */
  if (got->len > expected->len || memcmp (got->str, expected->str, got->len) != 0)
    g_error ("the first part differs from the start of a single reader's records");
  if (!ic_csv_reader_part_ended_cleanly (first))
    {
      /* Unsound: the second part is thrown away, but must read safely. */
      g_string_truncate (got, 0);
      (void) csv_log (second, got);
      return 0;
    }
  fatal = csv_log (second, got);
  if (fatal != expected_fatal || !g_string_equal (got, expected))
    g_error ("a sound split's two parts differ from a single reader's records");
  if (ic_csv_reader_part_ended_cleanly (second) == fatal)
    g_error ("the second part ends cleanly unless on a fatal error");
  return 0;
}

/* csv-log.h: everything a CSV reader gives, as text: each record's line and
 * fields, each error's code and position. Two readings are the same when
 * their logs are (the fuzz target and tests/test-csv.c compare them).
 * Returns TRUE when the reading ended on a fatal error. */
#pragma once

#include <glib.h>

#include "csv-reader.h"

static inline gboolean
csv_log (IcCsvReader *reader, GString *log)
{
  const IcCsvField *fields;
  guint n_fields, column;
  guint64 line;

  for (guint records = 0; records < 1000000; records++)
    {
      g_autoptr (GError) error = NULL;

      if (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error))
        {
          /* Every byte is copied, so that ASan sees a field pointing
           * outside. */
          g_string_append_printf (log, "%" G_GUINT64_FORMAT ":%u", line, n_fields);
          for (guint i = 0; i < n_fields; i++)
            {
              g_string_append_printf (log, " %" G_GSIZE_FORMAT ":", fields[i].len);
              g_string_append_len (log, fields[i].data, (gssize) fields[i].len);
            }
          g_string_append_c (log, '\n');
          continue;
        }
      if (error == NULL)
        return FALSE;
      ic_csv_reader_get_error_position (reader, &line, &column);
      g_string_append_printf (log, "error %d %" G_GUINT64_FORMAT ":%u\n", error->code, line, column);
      if (!g_error_matches (error, IC_CSV_ERROR, IC_CSV_ERROR_BAD_QUOTE)
          && !g_error_matches (error, IC_CSV_ERROR, IC_CSV_ERROR_FIELD_TOO_LONG))
        return TRUE;
    }
  return FALSE;
}

/* libFuzzer target: the CSV reader on arbitrary bytes, record by record,
 * through recoverable errors, to the end. */
#include "csv-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = ic_csv_reader_new_from_data ((const char *) data, size, &error);
  const IcCsvField *fields;
  guint n_fields, column;
  guint64 line;
  gsize total = 0;

  if (reader == NULL)
    return 0;
  fields = ic_csv_reader_get_header (reader, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    total += fields[i].len;
  for (guint records = 0; records < 1000000; records++)
    {
      if (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error))
        {
          /* Touch every byte, so that ASan sees a field pointing outside. */
          for (guint i = 0; i < n_fields; i++)
            for (gsize k = 0; k < fields[i].len; k++)
              total += (guchar) fields[i].data[k];
          continue;
        }
      if (error == NULL)
        break;
      ic_csv_reader_get_error_position (reader, &line, &column);
      if (!g_error_matches (error, IC_CSV_ERROR, IC_CSV_ERROR_BAD_QUOTE)
          && !g_error_matches (error, IC_CSV_ERROR, IC_CSV_ERROR_FIELD_TOO_LONG))
        break;
      g_clear_error (&error);
    }
  return total == (gsize) -1;
}

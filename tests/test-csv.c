/* test-csv.c: the CSV reader, in every dialect of spec/data.md and on every
 * error it documents. Each test writes its data into a fresh temporary
 * directory, removed afterwards.
 *
 * Every test with a fixture runs twice: with the reader's own chunk size
 * (1 MiB), and under /csv/small-chunks/ with chunks of 16 bytes, so that
 * every record of every test also crosses chunk boundaries in both passes
 * (a CRLF, a doubled quote, a UTF-8 sequence, the BOM cut in two). */

#if !defined (_GNU_SOURCE) && !defined (_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "csv-reader.h"
#include "csv-source.h"
#include "../fuzz/csv-log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <time.h>
#include <utime.h>
#include <glib/gstdio.h>

#define SMALL_CHUNK 16

/* The options every reader of the test is made with: a test sets their
 * fields (chunk size, fast path, deferred checksum); tear-down resets them. */
static IcInputOptions reader_options;

typedef struct {
  char *dir;
  guint n_files;
} Fixture;

/* @data: the chunk size for the readers of the test (0: the default). */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  reader_options.chunk_size = GPOINTER_TO_SIZE (data);
  f->dir = g_dir_make_tmp ("indicore-test-csv-XXXXXX", &error);
  g_assert_no_error (error);
  f->n_files = 0;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  (void) data;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      /* a test may leave a subdirectory */
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_assert_cmpint (g_rmdir (path), ==, 0);
      else
        g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
  reader_options = (IcInputOptions) { 0 };
}

/* Writes @len bytes (-1: up to the NUL) into a new file; returns its path. */
static char *
write_file (Fixture *f, const char *data, gssize len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("t%u.csv", f->n_files++);
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static IcCsvReader *
open_data (Fixture *f, const char *data, gssize len, GError **error)
{
  g_autofree char *path = write_file (f, data, len);
  return ic_csv_reader_open (path, &reader_options, error);
}

/* Opens @data, which must succeed. */
static IcCsvReader *
open_ok (Fixture *f, const char *data, gssize len)
{
  g_autoptr (GError) error = NULL;
  IcCsvReader *reader = open_data (f, data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

/* Checks a field list against the NULL-terminated strings in @ap. */
static void
check_fields (const IcCsvField *fields, guint n_fields, va_list ap)
{
  const char *expected;
  guint i = 0;

  while ((expected = va_arg (ap, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, n_fields);
      g_assert_nonnull (fields[i].data);
      g_assert_cmpmem (fields[i].data, fields[i].len, expected, strlen (expected));
      i++;
    }
  g_assert_cmpuint (n_fields, ==, i);
}

static void
expect_header (IcCsvReader *reader, ...)
{
  guint n_fields = 0;
  const IcCsvField *fields = ic_csv_reader_get_header (reader, &n_fields);
  va_list ap;

  va_start (ap, reader);
  check_fields (fields, n_fields, ap);
  va_end (ap);
}

/* The next record starts on physical line @line and holds the strings that
 * follow, up to NULL. */
static void
expect_record (IcCsvReader *reader, guint64 line, ...)
{
  g_autoptr (GError) error = NULL;
  const IcCsvField *fields = NULL;
  guint n_fields = 0;
  guint64 got_line = 0;
  va_list ap;

  gboolean ok = ic_csv_reader_next (reader, &fields, &n_fields, &got_line, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (got_line, ==, line);
  va_start (ap, line);
  check_fields (fields, n_fields, ap);
  va_end (ap);
}

static void
expect_end (IcCsvReader *reader)
{
  g_autoptr (GError) error = NULL;
  const IcCsvField *fields = NULL;
  guint n_fields = 0;
  guint64 line = 0;

  g_assert_false (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
  g_assert_no_error (error);
  /* and it stays there */
  g_assert_false (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
  g_assert_no_error (error);
}

/* The next call fails with @code, at @line and field @column. */
static void
expect_error (IcCsvReader *reader, IcCsvError code, guint64 line, guint column)
{
  g_autoptr (GError) error = NULL;
  const IcCsvField *fields = NULL;
  guint n_fields = 0;
  guint64 got_line = 0;
  guint got_column = 0;

  g_assert_false (ic_csv_reader_next (reader, &fields, &n_fields, &got_line, &error));
  g_assert_error (error, IC_CSV_ERROR, (gint) code);
  ic_csv_reader_get_error_position (reader, &got_line, &got_column);
  g_assert_cmpuint (got_line, ==, line);
  g_assert_cmpuint (got_column, ==, column);
}

/* Opening @data fails with @code; the message starts with @prefix. */
static void
expect_open_error (Fixture *f, const char *data, gssize len, IcCsvError code, const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = open_data (f, data, len, &error);

  g_assert_null (reader);
  g_assert_error (error, IC_CSV_ERROR, (gint) code);
  if (prefix != NULL && !g_str_has_prefix (error->message, prefix))
    g_error ("message \"%s\" does not start with \"%s\"", error->message, prefix);
}

/* ---- dialects ---------------------------------------------------------- */

static void
test_dialect_semicolon_crlf (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f,
                    "birth_id;birth_date;territory\r\n"
                    "B1;2024-01-31;Nord\r\n"
                    "B2;31/01/2024;\r\n", -1);
  g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ';');
  g_assert_false (ic_csv_reader_was_converted (reader));
  expect_header (reader, "birth_id", "birth_date", "territory", NULL);
  expect_record (reader, 2, "B1", "2024-01-31", "Nord", NULL);
  /* the CR is not part of the last (empty) field */
  expect_record (reader, 3, "B2", "31/01/2024", "", NULL);
  expect_end (reader);
}

static void
test_dialect_semicolon_lf (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f, "a;b\n1;2\n3;4\n", -1);
  g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ';');
  expect_header (reader, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  expect_record (reader, 3, "3", "4", NULL);
  expect_end (reader);
}

static void
test_dialect_comma_lf (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f,
                    "act_id,act_type,provider\n"
                    "A1,EPP,PMI\n"
                    "A2,BSEM;x,LIBERAL\n", -1);
  g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ',');
  expect_header (reader, "act_id", "act_type", "provider", NULL);
  expect_record (reader, 2, "A1", "EPP", "PMI", NULL);
  /* ';' is data in a comma file */
  expect_record (reader, 3, "A2", "BSEM;x", "LIBERAL", NULL);
  expect_end (reader);
}

static void
test_dialect_comma_crlf (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f, "a,b\r\n1,2\r\n,\r\n", -1);
  g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ',');
  expect_header (reader, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  expect_record (reader, 3, "", "", NULL);
  expect_end (reader);
}

static void
test_dialect_separator_choice (Fixture *f, gconstpointer data)
{
  (void) data;

  /* 1 ';' and 1 ',': a tie goes to ';' */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a;b,c\n1;2,3\n", -1);
    g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ';');
    expect_header (reader, "a", "b,c", NULL);
    expect_record (reader, 2, "1", "2,3", NULL);
  }
  /* neither: ';' */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "birth_id\n1,2\n", -1);
    g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ';');
    expect_header (reader, "birth_id", NULL);
    expect_record (reader, 2, "1,2", NULL);
  }
  /* 2 ',' against 1 ';' */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a,b,c;d\n", -1);
    g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ',');
    expect_header (reader, "a", "b", "c;d", NULL);
    expect_end (reader);
  }
  /* separators inside quotes do not count: 0 ';' against 1 ',' */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "\"a;b;c\",d\n1,2\n", -1);
    g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ',');
    expect_header (reader, "a;b;c", "d", NULL);
    expect_record (reader, 2, "1", "2", NULL);
  }
  /* only the header line counts: the records have more ',' */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a;b\n1,1,1;2,2,2\n", -1);
    g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ';');
    expect_record (reader, 2, "1,1,1", "2,2,2", NULL);
  }
}

/* A first line `sep=;` or `sep=,` (Excel's) names the separator, against
 * the header's majority, and is not the header; line numbers count it.
 * Any other first line beginning with sep= is the header. */
static void
test_dialect_sep_line (Fixture *f, gconstpointer data)
{
  (void) data;

  /* sep=, wins over the header's 2 ';' against 1 ',' */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "sep=,\r\na;b;c,d\r\n1;2,3\r\n", -1);
    g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ',');
    g_assert_true (ic_csv_reader_had_sep_line (reader));
    expect_header (reader, "a;b;c", "d", NULL);
    expect_record (reader, 3, "1;2", "3", NULL);
    expect_end (reader);
  }
  /* SEP=; after a BOM and blank lines, padded by a spreadsheet, LF ends */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "\xEF\xBB\xBF\nSEP=;;;\na,b;c\n1,2;3\n", -1);
    g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ';');
    g_assert_true (ic_csv_reader_had_sep_line (reader));
    expect_header (reader, "a,b", "c", NULL);
    expect_record (reader, 4, "1,2", "3", NULL);
  }
  /* sep=| is not read as a separator line: it is the header */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "sep=|\n1\n", -1);
    g_assert_false (ic_csv_reader_had_sep_line (reader));
    expect_header (reader, "sep=|", NULL);
  }
  /* a sep= line and nothing else: no header */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IcCsvReader) reader = open_data (f, "sep=;\r\n", -1, &error);
    g_assert_null (reader);
    g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_EMPTY);
  }
  /* a header without sep= line */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a;b\n", -1);
    g_assert_false (ic_csv_reader_had_sep_line (reader));
  }
}

static void
test_dialect_bom (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f, "\xEF\xBB\xBF" "birth_id;territory\r\nB1;Sa\xC3\xB4ne\r\n", -1);
  g_assert_false (ic_csv_reader_was_converted (reader));
  /* the BOM is not part of the first column name */
  expect_header (reader, "birth_id", "territory", NULL);
  expect_record (reader, 2, "B1", "Sa\xC3\xB4ne", NULL);
  expect_end (reader);
}

static void
test_dialect_blank_lines (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f,
                    "\n"            /* 1: empty */
                    "\r\n"          /* 2: CR only */
                    "a;b\n"         /* 3: header */
                    "1;2\n"         /* 4 */
                    "\n"            /* 5 */
                    "\r\r\n"        /* 6: CRs only */
                    "\n"            /* 7 */
                    "3;4\r\n"       /* 8 */
                    "\n"            /* 9 */
                    "\r", -1);      /* 10: CR only, no LF */
  expect_header (reader, "a", "b", NULL);
  expect_record (reader, 4, "1", "2", NULL);
  expect_record (reader, 8, "3", "4", NULL);
  expect_end (reader);
}

static void
test_dialect_whitespace_line_is_record (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f, "a;b;c\n  \n;;\n\t\n", -1);
  expect_record (reader, 2, "  ", NULL);
  expect_record (reader, 3, "", "", "", NULL);
  expect_record (reader, 4, "\t", NULL);
  expect_end (reader);
}

static void
test_dialect_last_line_without_newline (Fixture *f, gconstpointer data)
{
  (void) data;
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a;b\n1;2", -1);
    expect_record (reader, 2, "1", "2", NULL);
    expect_end (reader);
  }
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a;b\r\n1;", -1);
    expect_record (reader, 2, "1", "", NULL);
    expect_end (reader);
  }
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a;b\n1;\"x;y\"", -1);
    expect_record (reader, 2, "1", "x;y", NULL);
    expect_end (reader);
  }
  /* a header alone, without a newline */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a;b", -1);
    expect_header (reader, "a", "b", NULL);
    expect_end (reader);
  }
}

static void
test_dialect_lone_cr (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  /* A CR belongs to the line end only right before LF or the end of the
   * file: "b\r\r\n" keeps one CR; "x\ry" keeps its CR; the final "\r" ends
   * the line. */
  reader = open_ok (f, "a;b\r\r\nx\ry;z\n1;2\r", -1);
  expect_header (reader, "a", "b\r", NULL);
  expect_record (reader, 2, "x\ry", "z", NULL);
  expect_record (reader, 3, "1", "2", NULL);
  expect_end (reader);
}

/* Line ends of CRs alone (classic Mac OS) are refused at open, with the
 * header's line: read the usual way, the whole file would be one header
 * line and no record. Whatever the chunks (the CRs fall on their ends with
 * SMALL_CHUNK), from a file or from bytes. */
static void
test_dialect_cr_only_refused (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *text;
    const char *line;
  } cases[] = {
    { "birth_id;birth_date;territory\rB1;2024-01-31;Nord\rB2;2024-02-01;Sud\r", "line 1: " },
    /* Blank lines before the header: it is on line 3. */
    { "\n\nbirth_id;birth_date\rB1;2024-01-31\r", "line 3: " },
    /* Quoted header fields, a run of CRs, no CR at the end. */
    { "\"a\";\"b\"\r\r\"1\";\"2\"", "line 1: " },
  };
  (void) data;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int from_data = 0; from_data <= 1; from_data++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (IcCsvReader) reader = NULL;

        reader = from_data ? ic_csv_reader_new_from_data (cases[i].text, strlen (cases[i].text), &reader_options, &error)
                           : open_data (f, cases[i].text, -1, &error);
        g_assert_null (reader);
        g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_CR_LINE_ENDS);
        g_assert_true (g_str_has_prefix (error->message, cases[i].line));
        g_assert_nonnull (strstr (error->message, "CR alone"));
      }

  /* Not CR-only: a CR inside a quoted header field, CRLF, a CR in a
   * record (data, as before), a lone CR at the very end; a CR run before LF
   * is /dialect/lone-cr's. */
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, "a;\"b\rc\"\r\nx\ry;z\r", -1);
    expect_header (reader, "a", "b\rc", NULL);
    expect_record (reader, 2, "x\ry", "z", NULL);
    expect_end (reader);
  }
}

static void
test_dialect_ragged_records (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  /* Field counts are the caller's business. */
  reader = open_ok (f, "a;b;c\n1\n1;2;3;4;5\n", -1);
  expect_record (reader, 2, "1", NULL);
  expect_record (reader, 3, "1", "2", "3", "4", "5", NULL);
  expect_end (reader);
}

/* ---- quoting ----------------------------------------------------------- */

static void
test_quoting_separator (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f, "id;note\n\"1\";\"a;b\"\n\"\";\";\"\n", -1);
  expect_record (reader, 2, "1", "a;b", NULL);
  expect_record (reader, 3, "", ";", NULL);
  expect_end (reader);
}

static void
test_quoting_doubled (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f,
                    "a;b;c\r\n"
                    "\"say \"\"hi\"\"\";\"\"\"\"\"\";\"x\"\"\"\r\n"
                    "\"\"\"\";plain;\"\"\"y\"\r\n", -1);
  /* "say ""hi""" -> say "hi"; """""" -> ""; "x""" -> x" */
  expect_record (reader, 2, "say \"hi\"", "\"\"", "x\"", NULL);
  /* """" -> "; """y" -> "y */
  expect_record (reader, 3, "\"", "plain", "\"y", NULL);
  expect_end (reader);
}

/* Fields unescaped into the scratch buffer before it grows must still read
 * right: the buffer moves, their pointers must follow. */
static void
test_quoting_scratch_growth (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("a;b;c\n");
  g_autoptr (GString) big = g_string_new (NULL);
  g_autoptr (GString) big_unescaped = g_string_new (NULL);
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  for (int i = 0; i < 5000; i++)
    {
      g_string_append (big, "ab\"\"");
      g_string_append (big_unescaped, "ab\"");
    }
  for (int r = 0; r < 3; r++)
    g_string_append_printf (text, "\"x\"\"1\";\"%s\";\"y\"\"2\"\n", big->str);

  reader = open_ok (f, text->str, (gssize) text->len);
  for (int r = 0; r < 3; r++)
    expect_record (reader, (guint64) r + 2, "x\"1", big_unescaped->str, "y\"2", NULL);
  expect_end (reader);
}

static void
test_quoting_embedded_newlines (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f,
                    "id;note\r\n"                   /* 1 */
                    "1;\"two\r\nlines\"\r\n"        /* 2-3 */
                    "2;\"three\nmore\nlines\"\n"    /* 4-6 */
                    "\n"                            /* 7 */
                    "3;\"\n\"\n"                    /* 8-9 */
                    "4;end\n", -1);                 /* 10 */
  expect_record (reader, 2, "1", "two\r\nlines", NULL);
  expect_record (reader, 4, "2", "three\nmore\nlines", NULL);
  expect_record (reader, 8, "3", "\n", NULL);
  expect_record (reader, 10, "4", "end", NULL);
  expect_end (reader);
}

static void
test_quoting_header_newline (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  /* A quoted header name over two lines; the ',' after it is still on the
   * header line. */
  reader = open_ok (f, "\"a\nb\",c\n1,2\n", -1);
  g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, ',');
  expect_header (reader, "a\nb", "c", NULL);
  expect_record (reader, 3, "1", "2", NULL);
  expect_end (reader);
}

/* ---- encoding ---------------------------------------------------------- */

static void
test_encoding_windows_1252 (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  /* 0xE9 é, 0xE8 è, 0x80 €, 0x9C œ, 0x81 undefined */
  reader = open_ok (f, "territoire;note\r\nS\xE8te;\x80 \x9C\x81\r\nOrl\xE9" "ans;\r\n", -1);
  g_assert_true (ic_csv_reader_was_converted (reader));
  expect_header (reader, "territoire", "note", NULL);
  /* è = U+00E8 = C3 A8; € = U+20AC = E2 82 AC; œ = U+0153 = C5 93;
   * U+FFFD = EF BF BD */
  expect_record (reader, 2, "S\xC3\xA8te", "\xE2\x82\xAC \xC5\x93\xEF\xBF\xBD", NULL);
  /* é = U+00E9 = C3 A9 */
  expect_record (reader, 3, "Orl\xC3\xA9" "ans", "", NULL);
  expect_end (reader);
}

/* The table against the system's iconv, for the 123 bytes it defines. */
static void
test_encoding_windows_1252_table (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("h\n");
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autoptr (IcCsvReader) reader = NULL;
  guint n_undefined = 0;
  (void) data;

  for (guint b = 0x80; b <= 0xFF; b++)
    {
      char byte = (char) b;
      g_autofree char *utf8 = g_convert (&byte, 1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      g_string_append_c (text, byte);
      if (utf8 != NULL)
        g_string_append (expected, utf8);
      else
        {
          g_assert_true (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D);
          g_string_append (expected, "\xEF\xBF\xBD");
          n_undefined++;
        }
    }
  /* this iconv leaves exactly the five undefined bytes out */
  g_assert_cmpuint (n_undefined, ==, 5);

  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_true (ic_csv_reader_was_converted (reader));
  expect_record (reader, 2, expected->str, NULL);
  expect_end (reader);
}

static void
test_encoding_utf8_kept (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  /* é in UTF-8, U+00A0, and a 4-byte character (U+1F600) */
  reader = open_ok (f, "a;b\nOrl\xC3\xA9" "ans;12\xC2\xA0" "345\n\xF0\x9F\x98\x80;x\n", -1);
  g_assert_false (ic_csv_reader_was_converted (reader));
  expect_record (reader, 2, "Orl\xC3\xA9" "ans", "12\xC2\xA0" "345", NULL);
  expect_record (reader, 3, "\xF0\x9F\x98\x80", "x", NULL);
  expect_end (reader);
}

static void
test_encoding_bom_then_windows_1252 (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  /* A BOM then bytes that are not UTF-8: the BOM is dropped, not converted
   * to "ï»¿". */
  reader = open_ok (f, "\xEF\xBB\xBFnom;ville\r\nR\xE9mi;S\xE8te\r\n", -1);
  g_assert_true (ic_csv_reader_was_converted (reader));
  expect_header (reader, "nom", "ville", NULL);
  expect_record (reader, 2, "R\xC3\xA9mi", "S\xC3\xA8te", NULL);
  expect_end (reader);
}

static void
test_encoding_truncated_utf8 (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  /* C3 alone at the end is not UTF-8: the whole file is Windows-1252, so the
   * earlier C3 A9 becomes "Ã©" (C3 83 C2 A9) and the last C3 "Ã". */
  reader = open_ok (f, "a\n\xC3\xA9\n\xC3", -1);
  g_assert_true (ic_csv_reader_was_converted (reader));
  expect_record (reader, 2, "\xC3\x83\xC2\xA9", NULL);
  expect_record (reader, 3, "\xC3\x83", NULL);
  expect_end (reader);
}

/* ---- checksum ---------------------------------------------------------- */

/* Opens @path with its checksum's thread started only when asked, so that
 * the test can change the file first. */
static IcCsvReader *
open_deferred (const char *path)
{
  g_autoptr (GError) error = NULL;
  IcCsvReader *reader;

  reader_options.defer_checksum = TRUE;
  reader = ic_csv_reader_open (path, &reader_options, &error);
  g_assert_no_error (error);
  return reader;
}

static void
append_line (const char *path, const char *line)
{
  FILE *file = fopen (path, "ab");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (line, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* @reader's digest is @expected, and asking again gives the same string. */
static void
expect_sha256 (IcCsvReader *reader, const char *expected)
{
  g_autoptr (GError) error = NULL;
  const char *digest = ic_csv_reader_get_sha256 (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (digest, ==, expected);
  g_assert_true (ic_csv_reader_get_sha256 (reader, &error) == digest);
  g_assert_no_error (error);
}

/* @reader's checksum fails with IC_CSV_ERROR_CHANGED, saying @how, every
 * time it is asked. */
static void
expect_sha256_changed (IcCsvReader *reader, const char *how)
{
  g_autofree char *message = g_strdup_printf ("the file changed while being read: %s", how);

  for (int i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_null (ic_csv_reader_get_sha256 (reader, &error));
      g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_CHANGED);
      g_assert_cmpstr (error->message, ==, message);
    }
}

static void
test_sha256_known (Fixture *f, gconstpointer data)
{
  (void) data;
  {
    /* printf 'birth_id;birth_date\r\nB1;2024-01-31\r\n' | sha256sum */
    g_autoptr (IcCsvReader) reader =
      open_ok (f, "birth_id;birth_date\r\nB1;2024-01-31\r\n", -1);
    expect_sha256 (reader, "b63f115b683419f6235f5ab98dee8a42f147cd7639110f12201eea5db776e581");
  }
  {
    /* The bytes on disk, BOM and Windows-1252 included, not the converted
     * text: printf '\xef\xbb\xbfnom;ville\r\nR\xe9mi;S\xe8te\r\n' | sha256sum */
    g_autoptr (IcCsvReader) reader =
      open_ok (f, "\xEF\xBB\xBFnom;ville\r\nR\xE9mi;S\xE8te\r\n", -1);
    g_assert_true (ic_csv_reader_was_converted (reader));
    expect_sha256 (reader, "82f61268ac2099ff34f731a0330247d1c96b22a218d124bf040f3c01890056d8");
  }
}

/* The BOM is part of the bytes, though not of the text:
 * printf '\xef\xbb\xbfnom;ville\r\nR\xc3\xa9mi;S\xc3\xa8te\r\n' | sha256sum */
static void
test_sha256_bom (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader =
    open_ok (f, "\xEF\xBB\xBFnom;ville\r\nR\xC3\xA9mi;S\xC3\xA8te\r\n", -1);
  (void) data;

  g_assert_false (ic_csv_reader_was_converted (reader));
  expect_header (reader, "nom", "ville", NULL);
  expect_sha256 (reader, "041d896421d3585680f7f18b23a9892f762754d4ea7135c83d3a652bdcd32b90");
}

/* The Windows-1252 bytes, not their UTF-8 conversion:
 * printf 'nom;ville\r\nR\xe9mi;S\xe8te\r\n' | sha256sum */
static void
test_sha256_windows_1252 (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = open_ok (f, "nom;ville\r\nR\xE9mi;S\xE8te\r\n", -1);
  (void) data;

  g_assert_true (ic_csv_reader_was_converted (reader));
  expect_record (reader, 2, "R\xC3\xA9mi", "S\xC3\xA8te", NULL);
  expect_end (reader);
  expect_sha256 (reader, "6f015a46c4747a663dca318c25416df5d568398a868596272eaeed0e36ef57c9");
}

/* "id;x\n" then numbered lines with an "é", cut to @size bytes. */
static GString *
numbered_text (gsize size)
{
  GString *text = g_string_new ("id;x\n");

  for (guint i = 0; text->len < size; i++)
    g_string_append_printf (text, "%07u;caf\xC3\xA9\n", i);
  g_string_truncate (text, size);
  return text;
}

/* Files of several chunks (of 16 bytes, and of the real 1 MiB), ending
 * with a whole chunk (the end is then met by a read of nothing) or not,
 * from a file and from memory: GLib's own SHA-256 of the same bytes. */
static void
test_sha256_many_chunks (Fixture *f, gconstpointer data)
{
  static const struct {
    gsize chunk, size;
  } cases[] = {
    { SMALL_CHUNK, 3 * SMALL_CHUNK },
    { SMALL_CHUNK, 100 * SMALL_CHUNK + 5 },
    { 0, 2 * 1024 * 1024 },
    { 0, 2 * 1024 * 1024 + 333 },
    { 0, 1024 * 1024 - 1 },
  };
  (void) data;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) text = numbered_text (cases[i].size);
      g_autofree char *expected =
        g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str, text->len);
      g_autoptr (IcCsvReader) from_file = NULL;
      g_autoptr (IcCsvReader) from_data = NULL;

      reader_options.chunk_size = cases[i].chunk;
      from_file = open_ok (f, text->str, (gssize) text->len);
      from_data = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, NULL);
      g_assert_nonnull (from_data);
      expect_sha256 (from_file, expected);
      expect_sha256 (from_data, expected);
    }
}

/* The second reader of a split asks first, after the first reader is
 * gone: the checksum is the whole file's, shared. */
static void
test_sha256_split_second_reader (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = numbered_text (5000);
  g_autofree char *expected =
    g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str, text->len);
  g_autoptr (IcCsvReader) second = NULL;
  IcCsvReader *first = open_ok (f, text->str, (gssize) text->len);
  (void) data;

  g_assert_true (ic_csv_reader_split (first, 1, &second));
  ic_csv_reader_free (first);
  expect_sha256 (second, expected);
}

static gpointer
get_sha256_thread (gpointer reader)
{
  return (gpointer) ic_csv_reader_get_sha256 (reader, NULL);
}

/* Both readers of a split ask at once, from two threads: the same
 * string. */
static void
test_sha256_split_both_threads (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = numbered_text (5000);
  g_autofree char *expected =
    g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str, text->len);
  g_autoptr (IcCsvReader) first = open_ok (f, text->str, (gssize) text->len);
  g_autoptr (IcCsvReader) second = NULL;
  GThread *thread;
  const char *digest;
  (void) data;

  g_assert_true (ic_csv_reader_split (first, 1, &second));
  thread = g_thread_new ("test-sha256", get_sha256_thread, second);
  digest = ic_csv_reader_get_sha256 (first, NULL);
  g_assert_true (g_thread_join (thread) == digest);
  g_assert_cmpstr (digest, ==, expected);
}

/* The file grows after the open, before the checksum's thread starts
 * (deferred for the test): it reads past the size the file had. */
static void
test_sha256_changed_grown (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = numbered_text (5000);
  g_autofree char *path = write_file (f, text->str, (gssize) text->len);
  g_autoptr (IcCsvReader) reader = open_deferred (path);
  (void) data;

  append_line (path, "9999999;x\n");
  expect_sha256_changed (reader, "it grew");
}

/* Truncated: the checksum's reading meets the end too early. */
static void
test_sha256_changed_truncated (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = numbered_text (5000);
  g_autofree char *path = write_file (f, text->str, (gssize) text->len);
  g_autoptr (IcCsvReader) reader = open_deferred (path);
  (void) data;

  g_assert_cmpint (truncate (path, (off_t) text->len / 2), ==, 0);
  expect_sha256_changed (reader, "it is shorter than when it was opened");
}

/* One byte rewritten, same size: the modification time at the end of the
 * checksum's reading tells. */
static void
test_sha256_changed_rewritten (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = numbered_text (5000);
  g_autofree char *path = write_file (f, text->str, (gssize) text->len);
  g_autoptr (IcCsvReader) reader = NULL;
  struct utimbuf an_hour_ago;
  int fd;
  (void) data;

  an_hour_ago.actime = an_hour_ago.modtime = time (NULL) - 3600;
  g_assert_cmpint (g_utime (path, &an_hour_ago), ==, 0);
  reader = open_deferred (path);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, "X", 1, 0), ==, 1);
  g_assert_true (g_close (fd, NULL));
  expect_sha256_changed (reader, "it was modified");
}

/* Every record read, the reading ended cleanly, then the file grows before
 * the checksum has read it through: only the checksum can tell, and the
 * caller asks it last for that reason. */
static void
test_sha256_changed_after_reading (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "id;x\n1;a\n2;b\n", -1);
  g_autoptr (IcCsvReader) reader = open_deferred (path);
  (void) data;

  expect_record (reader, 2, "1", "a", NULL);
  expect_record (reader, 3, "2", "b", NULL);
  expect_end (reader);
  g_assert_true (ic_csv_reader_part_ended_cleanly (reader));
  append_line (path, "3;c\n");
  expect_sha256_changed (reader, "it grew");
}

/* Readers freed without asking, with their thread hashing an 8 MiB file (it
 * stops at its next MiB), the two of a split, and one whose thread never
 * started: nothing left running, nothing leaked (ASan, valgrind). */
static void
test_sha256_free_without_asking (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = numbered_text (8 * 1024 * 1024);
  g_autofree char *path = write_file (f, text->str, (gssize) text->len);
  IcCsvReader *reader, *second = NULL;
  (void) data;

  reader = ic_csv_reader_open (path, &reader_options, NULL);
  g_assert_nonnull (reader);
  ic_csv_reader_free (reader);

  reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, NULL);
  g_assert_nonnull (reader);
  ic_csv_reader_free (reader);

  reader = ic_csv_reader_open (path, &reader_options, NULL);
  g_assert_nonnull (reader);
  g_assert_true (ic_csv_reader_split (reader, 1, &second));
  ic_csv_reader_free (reader);
  ic_csv_reader_free (second);

  ic_csv_reader_free (open_deferred (path));
}

/* ---- encoding decided by pass 1 ---------------------------------------- */

/* Bytes past the first NUL never decide the encoding; those before it
 * do, in the same chunk or earlier. */
static void
test_encoding_stops_at_nul (Fixture *f, gconstpointer data)
{
  (void) data;
  {
    static const char text[] = "a;b\n1;\xC3\xA9\n2\0\xE9\n";
    g_autoptr (IcCsvReader) reader = open_ok (f, text, sizeof text - 1);
    g_assert_false (ic_csv_reader_was_converted (reader));
    expect_record (reader, 2, "1", "\xC3\xA9", NULL);
    expect_error (reader, IC_CSV_ERROR_BINARY, 3, 1);
  }
  {
    static const char text[] = "a;b\n1;\xE9\n2\0\xC3\xA9\n";
    g_autoptr (IcCsvReader) reader = open_ok (f, text, sizeof text - 1);
    g_assert_true (ic_csv_reader_was_converted (reader));
    expect_record (reader, 2, "1", "\xC3\xA9", NULL);
    expect_error (reader, IC_CSV_ERROR_BINARY, 3, 1);
  }
}

/* A big file is scanned in two halves at once (here with 16-byte chunks,
 * from 128 bytes on): a character cut by the middle, at each of its bytes,
 * is still one character; a byte that is not UTF-8 in either half decides,
 * but not after a NUL of the first half. */
static void
test_encoding_two_halves (void)
{
  reader_options.chunk_size = 16;
  for (gsize cut = 0; cut < 4; cut++)
    {
      /* 200 bytes: the middle, byte 100, falls on byte @cut of the 4-byte
       * character (cut 0: on its lead byte). */
      g_autoptr (GString) text = g_string_new ("h\n");
      g_autoptr (GError) error = NULL;
      g_autoptr (IcCsvReader) reader = NULL;
      while (text->len < 100 - cut)
        g_string_append_c (text, 'a');
      g_string_append (text, "\xF0\x9F\x98\x80");
      while (text->len < 200)
        g_string_append_c (text, 'b');
      reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, &error);
      g_assert_no_error (error);
      g_assert_false (ic_csv_reader_was_converted (reader));
    }
  {
    /* Not UTF-8 in the second half only. */
    g_autoptr (GString) text = g_string_new ("h\n");
    g_autoptr (IcCsvReader) reader = NULL;
    while (text->len < 150)
      g_string_append_c (text, 'a');
    g_string_append (text, "\xE9\n");
    while (text->len < 200)
      g_string_append_c (text, 'b');
    reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, NULL);
    g_assert_true (ic_csv_reader_was_converted (reader));
  }
  {
    /* A NUL in the first half: what follows, in either half, is not read. */
    g_autoptr (GString) text = g_string_new ("h\nx\n");
    g_autoptr (GError) error = NULL;
    g_autoptr (IcCsvReader) reader = NULL;
    const IcCsvField *fields;
    guint n_fields;
    guint64 line;
    g_string_append_c (text, '\0');
    while (text->len < 150)
      g_string_append_c (text, '\n');
    g_string_append (text, "\xE9\n");
    while (text->len < 200)
      g_string_append_c (text, 'b');
    reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, NULL);
    g_assert_false (ic_csv_reader_was_converted (reader));
    g_assert_true (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
    g_assert_false (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
    g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_BINARY);
  }
  {
    /* Not UTF-8 in the first half, a NUL in the second: converted. */
    g_autoptr (GString) text = g_string_new ("h\n\xE9\n");
    g_autoptr (IcCsvReader) reader = NULL;
    while (text->len < 150)
      g_string_append_c (text, 'a');
    g_string_append_c (text, '\0');
    while (text->len < 200)
      g_string_append_c (text, 'b');
    reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, NULL);
    g_assert_true (ic_csv_reader_was_converted (reader));
  }
  reader_options.chunk_size = 0;
}

/* Opened assuming UTF-8, a file is read at once; the checksum's thread
 * decides, as pass 1 would: after all the records (the thread deferred
 * here), or before them, which stops the reading. */
static void
test_encoding_assumed (void)
{
  static const char cp1252[] = "a;b\n1;Gu\xE9ret\n2;x\n3;y\n4;z\n5;w\n6;v\n7;u\n8;t\n";
  static const char utf8[] = "a;b\n1;Gu\xC3\xA9ret\n2;x\n";
  static const char after_nul[] = "a;b\n1;x\n\0\xE9\n";
  const IcCsvField *fields;
  guint n_fields;
  guint64 line;

  reader_options.defer_checksum = TRUE;
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IcCsvReader) reader = ic_csv_reader_new_from_data_assuming_utf8 (cp1252, sizeof cp1252 - 1, &reader_options, &error);
    guint records = 0;
    g_assert_no_error (error);
    g_assert_false (ic_csv_reader_was_converted (reader));
    while (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error))
      records++;
    g_assert_no_error (error);
    g_assert_cmpuint (records, ==, 8);
    /* The bytes were taken as they are: to be read again. */
    g_assert_false (ic_csv_reader_assumption_held (reader));
  }
  {
    g_autoptr (IcCsvReader) reader = ic_csv_reader_new_from_data_assuming_utf8 (utf8, sizeof utf8 - 1, &reader_options, NULL);
    g_assert_true (ic_csv_reader_assumption_held (reader));
    expect_record (reader, 2, "1", "Gu\xC3\xA9ret", NULL);
  }
  {
    /* Past the first NUL, bytes never decide. */
    g_autoptr (IcCsvReader) reader = ic_csv_reader_new_from_data_assuming_utf8 (after_nul, sizeof after_nul - 1, &reader_options, NULL);
    g_assert_true (ic_csv_reader_assumption_held (reader));
  }
  {
    /* Opened the usual way: the assumption is not the reader's. */
    g_autoptr (IcCsvReader) reader = ic_csv_reader_new_from_data (cp1252, sizeof cp1252 - 1, &reader_options, NULL);
    g_assert_true (ic_csv_reader_was_converted (reader));
    g_assert_true (ic_csv_reader_assumption_held (reader));
  }
  {
    /* The thread done first (waited for once the header is read; small
     * chunks, so that reading goes on after it): the next read stops with
     * IC_CSV_ERROR_NOT_UTF8. */
    g_autoptr (GError) error = NULL;
    g_autoptr (IcCsvReader) reader = NULL;
    gboolean read = TRUE;
    reader_options.chunk_size = 16;
    reader = ic_csv_reader_new_from_data_assuming_utf8 (cp1252, sizeof cp1252 - 1, &reader_options, &error);
    g_assert_no_error (error);
    g_assert_false (ic_csv_reader_assumption_held (reader));
    while (read)
      read = ic_csv_reader_next (reader, &fields, &n_fields, &line, &error);
    g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_NOT_UTF8);
    reader_options.chunk_size = 0;
  }
  reader_options.defer_checksum = FALSE;

  {
    /* Not deferred, the thread may know before the header is read: then the
     * open itself fails with IC_CSV_ERROR_NOT_UTF8 (the caller opens the
     * file the usual way), else a read does. */
    g_autoptr (GError) error = NULL;
    g_autoptr (IcCsvReader) reader = NULL;
    gboolean read = TRUE;
    reader_options.chunk_size = 16;
    reader = ic_csv_reader_new_from_data_assuming_utf8 (cp1252, sizeof cp1252 - 1, &reader_options, &error);
    while (reader != NULL && read)
      read = ic_csv_reader_next (reader, &fields, &n_fields, &line, &error);
    if (reader == NULL || error != NULL)
      g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_NOT_UTF8);
    else
      g_assert_false (ic_csv_reader_assumption_held (reader));
    reader_options.chunk_size = 0;
  }
}

/* Random files of ASCII runs (0 to 80 bytes, so that the other bytes fall
 * at every place of the 8- and 32-byte words) between UTF-8 sequences, a
 * few invalid ones and a few NULs, read in chunks of 16 to 40 bytes or 1
 * MiB: the reader takes a file for UTF-8 exactly when GLib's validation of
 * all its bytes before the first NUL says so. */
static void
test_encoding_random_like_whole_file (void)
{
  static const char *const valid[] = { "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC2\xA0" };
  static const char *const invalid[] = { "\xE9", "\xC3", "\xED\xA0\x80", "\xC0\xAF", "\xA9",
                                         "\xF4\x90\x80\x80", "\xE2\x82" };

  for (int iteration = 0; iteration < 2000; iteration++)
    {
      g_autoptr (GString) text = g_string_new ("h\n");
      g_autoptr (GError) error = NULL;
      g_autoptr (IcCsvReader) reader = NULL;
      gint32 n_pieces = g_test_rand_int_range (1, 12);
      gsize before_nul;

      for (gint32 i = 0; i < n_pieces; i++)
        {
          gint32 run = g_test_rand_int_range (0, 81);
          gint32 kind = g_test_rand_int_range (0, 100);
          for (gint32 k = 0; k < run; k++)
            g_string_append_c (text, k % 17 == 16 ? '\n' : (char) ('a' + k % 26));
          if (kind < 4)
            g_string_append (text, invalid[g_test_rand_int_range (0, G_N_ELEMENTS (invalid))]);
          else if (kind < 7)
            g_string_append_c (text, '\0');
          else
            g_string_append (text, valid[g_test_rand_int_range (0, G_N_ELEMENTS (valid))]);
        }
      before_nul = strnlen (text->str, text->len);

      reader_options.chunk_size = g_test_rand_bit () ? 0 : (gsize) g_test_rand_int_range (16, 41);
      reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ic_csv_reader_was_converted (reader), ==,
                       !g_utf8_validate_len (text->str, before_nul, NULL));
    }
  reader_options.chunk_size = 0;
}

/* ---- the plain record path ---------------------------------------------- */

/* Every record, line, field and error of @reader as text. */
static char *
reading_log (IcCsvReader *reader)
{
  GString *log = g_string_new (NULL);
  (void) csv_log (reader, log);
  return g_string_free (log, FALSE);
}

/* Plain one-line records are read at once from bit masks of the next 128
 * bytes; everything else the general way. Random files mixing both (short,
 * empty and long fields, CR in fields and before LF, quoted fields with
 * separators, doubled quotes or line ends, stray quotes, blank lines, up to
 * 40 fields), read in chunks of several sizes: exactly what the general
 * parse alone gives, records, lines and errors. */
static void
test_plain_path_same_records (void)
{
  static const char *const pieces[] = { "", "a", "P180632869", "2024-03-01", "  x ", "x\ry",
                                        "\"q;uoted\"", "\"dou\"\"ble\"", "\"multi\nline\"", "st\"ray",
                                        "\xC3\xA9t\xC3\xA9" };

  for (int iteration = 0; iteration < 300; iteration++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      gint32 n_lines = g_test_rand_int_range (1, 200);
      char sep = g_test_rand_bit () ? ';' : ',';

      for (gint32 l = 0; l < n_lines; l++)
        {
          gint32 n_fields = g_test_rand_int_range (0, 100) < 90 ? g_test_rand_int_range (1, 12)
                                                                 : g_test_rand_int_range (1, 41);
          for (gint32 f = 0; f < n_fields; f++)
            {
              gint32 kind = g_test_rand_int_range (0, 100);
              if (f > 0)
                g_string_append_c (text, sep);
              if (kind < 80)
                g_string_append (text, pieces[g_test_rand_int_range (0, 6)]);
              else if (kind < 90)
                for (gint32 k = g_test_rand_int_range (20, 200); k > 0; k--)
                  g_string_append_c (text, (char) ('a' + k % 26));
              else
                g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
            }
          g_string_append (text, g_test_rand_int_range (0, 4) == 0 ? "\r\n" : "\n");
          if (g_test_rand_int_range (0, 20) == 0)
            g_string_append (text, "\n");
        }

      for (guint c = 0; c < 3; c++)
        {
          static const gsize chunks[] = { 0, 100, 4096 };
          g_autofree char *plain = NULL, *general = NULL;
          g_autoptr (IcCsvReader) with_plain = NULL, without = NULL;

          reader_options.chunk_size = chunks[c];
          with_plain = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, NULL);
          reader_options.general_parse_only = TRUE;
          without = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, NULL);
          reader_options.general_parse_only = FALSE;
          if (with_plain == NULL || without == NULL)
            {
              g_assert_true (with_plain == NULL && without == NULL);
              continue;
            }
          plain = reading_log (with_plain);
          general = reading_log (without);
          g_assert_cmpstr (plain, ==, general);
        }
    }
  reader_options.chunk_size = 0;
}

/* ---- from memory ------------------------------------------------------- */

static void
test_from_data (void)
{
  static const char text[] = "birth_id;birth_date\r\nB1;2024-01-31\r\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = NULL;
  char copy[sizeof text];

  /* The reader copies: the caller's buffer may change at once. */
  memcpy (copy, text, sizeof text);
  reader = ic_csv_reader_new_from_data (copy, sizeof text - 1, &reader_options, &error);
  g_assert_no_error (error);
  memset (copy, 'x', sizeof copy);

  expect_sha256 (reader, "b63f115b683419f6235f5ab98dee8a42f147cd7639110f12201eea5db776e581");
  expect_header (reader, "birth_id", "birth_date", NULL);
  expect_record (reader, 2, "B1", "2024-01-31", NULL);
  expect_end (reader);
}

static void
test_from_data_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = ic_csv_reader_new_from_data (NULL, 0, &reader_options, &error);

  g_assert_null (reader);
  g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_EMPTY);
}

/* ---- errors ------------------------------------------------------------ */

static void
test_error_empty (Fixture *f, gconstpointer data)
{
  (void) data;
  expect_open_error (f, "", 0, IC_CSV_ERROR_EMPTY, NULL);
  expect_open_error (f, "\n\r\n\r\r\n\n\r", -1, IC_CSV_ERROR_EMPTY, NULL);
  expect_open_error (f, "\xEF\xBB\xBF", -1, IC_CSV_ERROR_EMPTY, NULL);
  expect_open_error (f, "\xEF\xBB\xBF\r\n", -1, IC_CSV_ERROR_EMPTY, NULL);
}

static void
test_error_directory (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "sub.csv", NULL);
  (void) data;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_null (ic_csv_reader_open (path, &reader_options, &error));
  g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "directory"));
  g_clear_error (&error);

  /* the temporary directory itself */
  g_assert_null (ic_csv_reader_open (f->dir, &reader_options, &error));
  g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO);
}

static void
test_error_nonexistent (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "missing.csv", NULL);
  (void) data;

  g_assert_null (ic_csv_reader_open (path, &reader_options, &error));
  g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO);
  /* the caller names the file: the message does not */
  g_assert_null (strstr (error->message, "missing.csv"));
}

static void
test_error_fifo (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "pipe.csv", NULL);
  (void) data;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  /* A blocking open would wait for a writer forever: fail loudly instead. */
  alarm (20);
  g_assert_null (ic_csv_reader_open (path, &reader_options, &error));
  alarm (0);
  g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
}

static void
test_error_unterminated_quote (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f,
                    "id;name;note\n"           /* 1 */
                    "1;ok;\"a\nb\"\n"          /* 2-3 */
                    "2;x;\"never closed\n"     /* 4: field 3 opens */
                    "3;y;z\n", -1);            /* 5 */
  expect_record (reader, 2, "1", "ok", "a\nb", NULL);
  /* where the quote opens: line 4, field 3 */
  expect_error (reader, IC_CSV_ERROR_UNTERMINATED_QUOTE, 4, 3);
  /* fatal: nothing more */
  expect_end (reader);
}

static void
test_error_unterminated_quote_header (Fixture *f, gconstpointer data)
{
  (void) data;
  expect_open_error (f, "\n\"id;name\n1;2\n", -1, IC_CSV_ERROR_UNTERMINATED_QUOTE,
                     "line 2, field 1: ");
}

static void
test_error_text_after_quote (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f,
                    "id;name\r\n"          /* 1 */
                    "1;\"ab\"cd;z\r\n"     /* 2: bad, field 2 */
                    "2;ok\r\n"             /* 3 */
                    "3;\"x\"\ry\r\n"       /* 4: a CR not before LF, field 2 */
                    "4;\"last\" \r\n"      /* 5: a space after the quote */
                    "5;end", -1);          /* 6 */
  expect_error (reader, IC_CSV_ERROR_BAD_QUOTE, 2, 2);
  /* recoverable: reading goes on with the next record */
  expect_record (reader, 3, "2", "ok", NULL);
  expect_error (reader, IC_CSV_ERROR_BAD_QUOTE, 4, 2);
  expect_error (reader, IC_CSV_ERROR_BAD_QUOTE, 5, 2);
  expect_record (reader, 6, "5", "end", NULL);
  expect_end (reader);
}

static void
test_error_quote_in_unquoted_field (Fixture *f, gconstpointer data)
{
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  reader = open_ok (f, "a,b,c\n1,2,3\n4,5\"6,7\n8,9,10\n", -1);
  expect_record (reader, 2, "1", "2", "3", NULL);
  expect_error (reader, IC_CSV_ERROR_BAD_QUOTE, 3, 2);
  expect_record (reader, 4, "8", "9", "10", NULL);
  expect_end (reader);
}

static void
test_error_bad_quote_skips_whole_record (Fixture *f, gconstpointer data)
{
  (void) data;
  /* The bad record's later quoted field spans lines 2-3: both are skipped,
   * and the next record is line 4. */
  {
    g_autoptr (IcCsvReader) reader =
      open_ok (f,
               "id;name;note\n"
               "1;\"ab\"x;\"multi\nline; with \"\"quotes\"\"\"\n"
               "2;ok;y\n", -1);
    expect_error (reader, IC_CSV_ERROR_BAD_QUOTE, 2, 2);
    expect_record (reader, 4, "2", "ok", "y", NULL);
    expect_end (reader);
  }
  /* A later field opens a quote that never closes: only the bad record's
   * physical line is skipped, nothing else is lost. */
  {
    g_autoptr (IcCsvReader) reader =
      open_ok (f,
               "id;name;note\n"
               "1;a\"b;\"never closed\n"
               "2;ok;y\n"
               "3;z;w\n", -1);
    expect_error (reader, IC_CSV_ERROR_BAD_QUOTE, 2, 2);
    expect_record (reader, 3, "2", "ok", "y", NULL);
    expect_record (reader, 4, "3", "z", "w", NULL);
    expect_end (reader);
  }
  /* ... and when the open quote is on a later line, it is met and reported. */
  {
    g_autoptr (IcCsvReader) reader =
      open_ok (f,
               "id;name\n"
               "1;a\"b\n"
               "2;\"never closed\n"
               "3;z\n", -1);
    expect_error (reader, IC_CSV_ERROR_BAD_QUOTE, 2, 2);
    expect_error (reader, IC_CSV_ERROR_UNTERMINATED_QUOTE, 3, 2);
    expect_end (reader);
  }
}

static void
test_error_bad_quote_header (Fixture *f, gconstpointer data)
{
  (void) data;
  expect_open_error (f, "id;\"na\"me\n1;2\n", -1, IC_CSV_ERROR_BAD_QUOTE, "line 1, field 2: ");
}

static void
test_error_nul (Fixture *f, gconstpointer data)
{
  (void) data;
  /* in a record: the records before it are read */
  {
    static const char text[] = "a;b\n1;2\n3;x\0y\n5;6\n";
    g_autoptr (IcCsvReader) reader = open_ok (f, text, sizeof text - 1);
    expect_record (reader, 2, "1", "2", NULL);
    expect_error (reader, IC_CSV_ERROR_BINARY, 3, 2);
    /* fatal */
    expect_end (reader);
  }
  /* at the start of a record, after blank lines */
  {
    static const char text[] = "a;b\n1;2\n\n\0";
    g_autoptr (IcCsvReader) reader = open_ok (f, text, sizeof text - 1);
    expect_record (reader, 2, "1", "2", NULL);
    expect_error (reader, IC_CSV_ERROR_BINARY, 4, 1);
    expect_end (reader);
  }
  /* inside a quoted field, on its second line */
  {
    static const char text[] = "a;b\n1;\"x\ny\0\"\n";
    g_autoptr (IcCsvReader) reader = open_ok (f, text, sizeof text - 1);
    expect_error (reader, IC_CSV_ERROR_BINARY, 3, 2);
    expect_end (reader);
  }
  /* right after a separator, in a Windows-1252 file */
  {
    static const char text[] = "a;b\n\xE9;\0\n";
    g_autoptr (IcCsvReader) reader = open_ok (f, text, sizeof text - 1);
    g_assert_true (ic_csv_reader_was_converted (reader));
    expect_error (reader, IC_CSV_ERROR_BINARY, 2, 2);
    expect_end (reader);
  }
}

static void
test_error_nul_header (Fixture *f, gconstpointer data)
{
  static const char text[] = "a;\0b\n1;2\n";
  /* UTF-16LE "a;" with its BOM: what Excel's "Unicode text" writes */
  static const char utf16[] = "\xFF\xFE" "a\0;\0\n\0";
  (void) data;

  expect_open_error (f, text, sizeof text - 1, IC_CSV_ERROR_BINARY, "line 1, field 2: ");
  expect_open_error (f, utf16, sizeof utf16 - 1, IC_CSV_ERROR_BINARY, "line 1, field 1: ");
}

static void
test_error_field_too_long (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("a;b\n");
  g_autoptr (GString) max = g_string_new (NULL);
  g_autoptr (GString) doubled = g_string_new (NULL);
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  for (guint i = 0; i < IC_CSV_MAX_FIELD; i++)
    g_string_append_c (max, 'x');

  /* 2: exactly the limit, unquoted: accepted */
  g_string_append_printf (text, "%s;1\n", max->str);
  /* 3: one byte more: refused, field 2 */
  g_string_append_printf (text, "1;%sx\n", max->str);
  /* 4: reading goes on */
  g_string_append (text, "ok;2\n");
  /* 5-6: quoted, over two lines, one byte more than the limit: refused at
   * the line where the field starts */
  g_string_append_printf (text, "\"%s\n\";3\n", max->str);
  /* 7: quoted with a doubled quote: 65535 x + one quote = the limit once
   * unescaped, although 65537 bytes are written between the quotes */
  g_string_append_printf (doubled, "%.*s\"\"", IC_CSV_MAX_FIELD - 1, max->str);
  g_string_append_printf (text, "\"%s\";4\n", doubled->str);
  /* 8 */
  g_string_append (text, "end;5\n");

  reader = open_ok (f, text->str, (gssize) text->len);
  expect_record (reader, 2, max->str, "1", NULL);
  expect_error (reader, IC_CSV_ERROR_FIELD_TOO_LONG, 3, 2);
  expect_record (reader, 4, "ok", "2", NULL);
  expect_error (reader, IC_CSV_ERROR_FIELD_TOO_LONG, 5, 1);
  {
    g_autofree char *unescaped = g_strdup_printf ("%.*s\"", IC_CSV_MAX_FIELD - 1, max->str);
    g_assert_cmpuint (strlen (unescaped), ==, IC_CSV_MAX_FIELD);
    expect_record (reader, 7, unescaped, "4", NULL);
  }
  expect_record (reader, 8, "end", "5", NULL);
  expect_end (reader);
}

/* Messages describe the problem and never quote a field: fields hold
 * identifiers and dates of children. */
static void
test_error_messages_quote_nothing (Fixture *f, gconstpointer data)
{
  static const char text[] =
    "id;x\n"
    "SECRET1;\"SECRET2\"SECRET3\n"
    "SECRET4\"SECRET5;x\n"
    "SECRET6;\0SECRET7\n";
  g_autoptr (IcCsvReader) reader = open_ok (f, text, sizeof text - 1);
  const IcCsvField *fields;
  guint n_fields;
  guint64 line;
  (void) data;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_false (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
      g_assert_nonnull (error);
      g_assert_null (strstr (error->message, "SECRET"));
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IcCsvReader) unterminated = open_data (f, "id\n\"SECRET8\n", -1, &error);
    g_assert_no_error (error);
    g_assert_false (ic_csv_reader_next (unterminated, &fields, &n_fields, &line, &error));
    g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_UNTERMINATED_QUOTE);
    g_assert_null (strstr (error->message, "SECRET"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IcCsvReader) header = open_data (f, "\"SECRET9\"x\n", -1, &error);
    g_assert_null (header);
    g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_BAD_QUOTE);
    g_assert_null (strstr (error->message, "SECRET"));
  }
}

/* Many records through the same reader: the arrays are reused and every
 * record reads right. */
static void
test_many_records (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("id;name;note\r\n");
  g_autoptr (IcCsvReader) reader = NULL;
  const guint n_records = 20000;
  guint64 expected_line = 2;
  (void) data;

  for (guint i = 0; i < n_records; i++)
    {
      if (i % 3 == 0)
        g_string_append_printf (text, "%u;\"n\"\"%u\";\"a\nb\"\r\n", i, i);
      else if (i % 3 == 1)
        g_string_append_printf (text, "%u;n%u;\r\n\r\n", i, i);
      else
        g_string_append_printf (text, "%u;\"n;%u\";%*s\r\n", i, i, (int) (i % 50), "");
    }

  reader = open_ok (f, text->str, (gssize) text->len);
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      if (i % 3 == 0)
        {
          g_autofree char *name = g_strdup_printf ("n\"%u", i);
          expect_record (reader, expected_line, id, name, "a\nb", NULL);
          expected_line += 2;
        }
      else if (i % 3 == 1)
        {
          g_autofree char *name = g_strdup_printf ("n%u", i);
          expect_record (reader, expected_line, id, name, "", NULL);
          expected_line += 2; /* and a blank line */
        }
      else
        {
          g_autofree char *name = g_strdup_printf ("n;%u", i);
          g_autofree char *note = g_strnfill (i % 50, ' ');
          expect_record (reader, expected_line, id, name, note, NULL);
          expected_line += 1;
        }
    }
  expect_end (reader);
}

/* ---- chunks: records across the ends of the buffer ---------------------- */

/* The same small file in every chunk size from 16 to 80 bytes, after 0 to
 * 15 blank lines: the chunk boundaries fall at every position of every
 * record, of its CRLF, doubled quotes and multi-line quoted field. */
static void
test_chunks_records_straddle (void)
{
  static const char body[] =
    "id;name;note\r\n"                        /* k + 1 */
    "1;Orl\xC3\xA9" "ans;\"a;b\"\r\n"         /* k + 2 */
    "\r\n"                                    /* k + 3: blank */
    "22;\"x\"\"y\";\r\n"                      /* k + 4 */
    "333;plain;\"multi\r\nline\nfield\"\r\n"  /* k + 5 to k + 7 */
    "4444;;end";                              /* k + 8 */

  for (gsize chunk = 16; chunk <= 80; chunk++)
    for (guint k = 0; k < 16; k++)
      {
        g_autoptr (GString) text = g_string_new (NULL);
        g_autoptr (GError) error = NULL;
        g_autoptr (IcCsvReader) reader = NULL;

        for (guint i = 0; i < k; i++)
          g_string_append_c (text, '\n');
        g_string_append (text, body);
        reader_options.chunk_size = chunk;
        reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, &error);
        g_assert_no_error (error);
        expect_header (reader, "id", "name", "note", NULL);
        expect_record (reader, k + 2, "1", "Orl\xC3\xA9" "ans", "a;b", NULL);
        expect_record (reader, k + 4, "22", "x\"y", "", NULL);
        expect_record (reader, k + 5, "333", "plain", "multi\r\nline\nfield", NULL);
        expect_record (reader, k + 8, "4444", "", "end", NULL);
        expect_end (reader);
      }
  reader_options.chunk_size = 0;
}

/* A quoted field of 10 physical lines and about 400 bytes, with doubled
 * quotes, read from a file in small chunks: it crosses many boundaries, the
 * buffer grows for it, and the next record's line counts its 9 newlines. */
static void
test_chunks_quoted_newlines (Fixture *f, gconstpointer data)
{
  static const gsize chunks[] = { 16, 17, 31, 64, 0 };
  g_autoptr (GString) text = g_string_new ("id;note;end\n");
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autofree char *path = NULL;
  (void) data;

  g_string_append (text, "1;\"");
  for (int i = 0; i < 10; i++)
    {
      const char *eol = i == 9 ? "" : (i % 2 ? "\r\n" : "\n");
      g_string_append_printf (text, "line %d, \"\"quoted\"\"; and more text%s", i, eol);
      g_string_append_printf (expected, "line %d, \"quoted\"; and more text%s", i, eol);
    }
  g_string_append (text, "\";x\n2;after;y\n");
  path = write_file (f, text->str, (gssize) text->len);

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IcCsvReader) reader = NULL;

      reader_options.chunk_size = chunks[c];
      reader = ic_csv_reader_open (path, &reader_options, &error);
      g_assert_no_error (error);
      /* lines 2 to 11; then line 2 + 9 newlines + 1 = 12 */
      expect_record (reader, 2, "1", expected->str, "x", NULL);
      expect_record (reader, 12, "2", "after", "y", NULL);
      expect_end (reader);
    }
}

/* é (2 bytes), € (3) and U+1F600 (4) repeated: with chunk sizes 16 to 24,
 * prime to the 9 bytes of the pattern, the first pass cuts a character at
 * every possible place. Each cut must be carried to the next chunk, not
 * taken for invalid UTF-8. */
static void
test_chunks_utf8_cut (Fixture *f, gconstpointer data)
{
  static const char pattern[] = "\xC3\xA9" "\xE2\x82\xAC" "\xF0\x9F\x98\x80";
  g_autoptr (GString) field = g_string_new (NULL);
  g_autoptr (GString) text = g_string_new ("h\n");
  g_autofree char *path = NULL;
  (void) data;

  for (int i = 0; i < 20; i++)
    g_string_append (field, pattern);
  g_string_append_printf (text, "%s\n", field->str);
  path = write_file (f, text->str, (gssize) text->len);

  for (gsize chunk = 16; chunk <= 24; chunk++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IcCsvReader) reader = NULL;

      reader_options.chunk_size = chunk;
      reader = ic_csv_reader_open (path, &reader_options, &error);
      g_assert_no_error (error);
      g_assert_false (ic_csv_reader_was_converted (reader));
      expect_record (reader, 2, field->str, NULL);
      expect_end (reader);
    }
}

/* The only byte that is not UTF-8 is on the last line, 1.2 MB in, past the
 * first chunk of 1 MiB: the whole file is Windows-1252, its first lines
 * included, where the UTF-8 "é" (C3 A9) reads as "Ã©" (C3 83 C2 A9). */
static void
test_encoding_windows_1252_late (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("nom;ville\n" "Orl\xC3\xA9" "ans;1\n");
  g_autoptr (IcCsvReader) reader = NULL;
  const guint n_filler = 50000;
  (void) data;

  /* 50000 lines of 24 bytes: 1 200 000 bytes */
  for (guint i = 0; i < n_filler; i++)
    g_string_append_printf (text, "n%05u;abcdefghijklmnop\n", i);
  g_string_append (text, "S\xE8te;2\n");
  g_assert_cmpuint (text->len, >, 1024 * 1024 + 1000);

  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_true (ic_csv_reader_was_converted (reader));
  expect_record (reader, 2, "Orl\xC3\x83\xC2\xA9" "ans", "1", NULL);
  for (guint i = 0; i < n_filler; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%05u", i);
      expect_record (reader, 3 + i, name, "abcdefghijklmnop", NULL);
    }
  /* è = U+00E8 = C3 A8; line 3 + 50000 */
  expect_record (reader, 50003, "S\xC3\xA8te", "2", NULL);
  expect_end (reader);
}

/* 120 000 records of four shapes, about 3 MB: the line of each record,
 * counted by hand, after several chunks of 1 MiB (and some 200 000 chunks
 * in /csv/small-chunks). Each group of four takes 9 lines:
 *   i % 4 == 0: a quoted field over 2 lines                  2 lines
 *   i % 4 == 1: a record, then 2 blank lines (LF, CRLF)      3 lines
 *   i % 4 == 2: a quoted field over 3 lines, doubled quote   3 lines
 *   i % 4 == 3: a record with 0 to 96 trailing spaces        1 line
 * so record i starts on line 2 + 9 * (i / 4) + { 0, 2, 5, 8 }[i % 4]. */
static void
test_chunks_line_numbers (Fixture *f, gconstpointer data)
{
  static const guint64 offset[4] = { 0, 2, 5, 8 };
  g_autoptr (GString) text = g_string_new ("id;note\r\n");
  g_autoptr (IcCsvReader) reader = NULL;
  const guint n_records = 120000;
  (void) data;

  for (guint i = 0; i < n_records; i++)
    switch (i % 4)
      {
      case 0:
        g_string_append_printf (text, "%u;\"two\r\nlines\"\r\n", i);
        break;
      case 1:
        g_string_append_printf (text, "%u;plain\n\n\r\n", i);
        break;
      case 2:
        g_string_append_printf (text, "%u;\"a\"\"b\nc\nd\"\n", i);
        break;
      default:
        g_string_append_printf (text, "%u;%*s\r\n", i, (int) (i % 97), "");
        break;
      }
  g_assert_cmpuint (text->len, >, 3 * 1024 * 1024 / 2);

  reader = open_ok (f, text->str, (gssize) text->len);
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *spaces = g_strnfill (i % 97, ' ');
      const guint64 line = 2 + 9 * (guint64) (i / 4) + offset[i % 4];
      static const char *const notes[] = { "two\r\nlines", "plain", "a\"b\nc\nd", NULL };

      expect_record (reader, line, id, i % 4 == 3 ? spaces : notes[i % 4], NULL);
    }
  expect_end (reader);
}

/* ---- the file changes while being read ---------------------------------- */

/* A file of 1000 records read in small chunks, so that most of the second
 * pass happens after ic_csv_reader_open() returns. */
static char *
write_numbered_file (Fixture *f, gsize *len)
{
  g_autoptr (GString) text = g_string_new ("id;x\n");

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "%04u;abcdefgh\n", i);
  *len = text->len;
  reader_options.chunk_size = SMALL_CHUNK;
  return write_file (f, text->str, (gssize) text->len);
}

/* Reads to the end: the records that come are the file's, in order, and
 * reading ends on IC_CSV_ERROR_CHANGED, fatal, about the whole file.
 * Returns the number of records. */
static guint
expect_changed (IcCsvReader *reader)
{
  g_autoptr (GError) error = NULL;
  const IcCsvField *fields;
  guint n_fields, n = 0, column = 99;
  guint64 line = 0;

  while (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error))
    {
      g_autofree char *id = g_strdup_printf ("%04u", n);
      g_assert_cmpuint (line, ==, n + 2);
      g_assert_cmpmem (fields[0].data, fields[0].len, id, 4);
      n++;
    }
  g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_CHANGED);
  g_assert_true (g_str_has_prefix (error->message, "the file changed while being read"));
  ic_csv_reader_get_error_position (reader, &line, &column);
  g_assert_cmpuint (line, ==, 0);
  g_assert_cmpuint (column, ==, 0);
  expect_end (reader);
  return n;
}

static void
test_changed_truncated (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = NULL;
  gsize len;
  g_autofree char *path = write_numbered_file (f, &len);
  (void) data;

  reader = ic_csv_reader_open (path, &reader_options, &error);
  g_assert_no_error (error);
  /* between the two passes: the second one meets the end too early */
  g_assert_cmpint (truncate (path, (off_t) len / 2), ==, 0);
  g_assert_cmpuint (expect_changed (reader), <, 1000);
}

static void
test_changed_grown (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = NULL;
  gsize len;
  g_autofree char *path = write_numbered_file (f, &len);
  (void) data;

  reader = ic_csv_reader_open (path, &reader_options, &error);
  g_assert_no_error (error);
  append_line (path, "9999;appended\n");
  /* the 1000 records may all come: the error is at the end, where the
   * file goes on */
  g_assert_cmpuint (expect_changed (reader), <=, 1000);
}

/* Same size, one byte rewritten: only the modification time tells. */
static void
test_changed_rewritten (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = NULL;
  gsize len;
  g_autofree char *path = write_numbered_file (f, &len);
  struct utimbuf an_hour_ago;
  int fd;
  (void) data;

  /* A time clearly in the past, so that the write changes it whatever the
   * file system's timestamp granularity. */
  an_hour_ago.actime = an_hour_ago.modtime = time (NULL) - 3600;
  g_assert_cmpint (g_utime (path, &an_hour_ago), ==, 0);
  reader = ic_csv_reader_open (path, &reader_options, &error);
  g_assert_no_error (error);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  /* in the header, already read: only the end of the pass can see it */
  g_assert_cmpint (pwrite (fd, "X", 1, 0), ==, 1);
  g_assert_true (g_close (fd, NULL));
  /* seen by the fstat() at the end of the second pass, when the last read
   * meets the end of the file: with the last records still to parse */
  g_assert_cmpuint (expect_changed (reader), >, 900);
}

/* A file replaced by rename() (as g_file_set_contents() does) is not a
 * change: the reader goes on reading the file it opened, whole. */
static void
test_changed_replaced (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = NULL;
  gsize len;
  g_autofree char *path = write_numbered_file (f, &len);
  (void) data;

  reader = ic_csv_reader_open (path, &reader_options, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, "other;file\n", -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("%04u", i);
      expect_record (reader, i + 2, id, "abcdefgh", NULL);
    }
  expect_end (reader);
}

/* ---- record limits ------------------------------------------------------ */

static void
test_error_record_too_long (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("a\n");
  g_autofree char *max_1 = g_strnfill (IC_CSV_MAX_FIELD - 1, 'x');
  g_autofree char *max = g_strnfill (IC_CSV_MAX_FIELD, 'x');
  g_autoptr (IcCsvReader) reader = NULL;
  (void) data;

  /* 2: 16 fields of 65535 bytes, 15 separators and the LF:
   * 16 * 65535 + 15 + 1 = 1048576 bytes, IC_CSV_MAX_RECORD: accepted */
  G_STATIC_ASSERT (IC_CSV_MAX_RECORD == 16 * (IC_CSV_MAX_FIELD - 1) + 15 + 1);
  for (int i = 0; i < 16; i++)
    g_string_append_printf (text, "%s%c", max_1, i < 15 ? ';' : '\n');
  /* 3: the same with a first field of 65536 bytes (IC_CSV_MAX_FIELD, not
   * too long itself): 1048577 bytes, refused where the limit falls, in
   * field 16; fatal */
  g_string_append_printf (text, "%s;", max);
  for (int i = 1; i < 16; i++)
    g_string_append_printf (text, "%s%c", max_1, i < 15 ? ';' : '\n');
  g_string_append (text, "4;after\n");

  reader = open_ok (f, text->str, (gssize) text->len);
  expect_record (reader, 2, max_1, max_1, max_1, max_1, max_1, max_1, max_1, max_1,
                 max_1, max_1, max_1, max_1, max_1, max_1, max_1, max_1, NULL);
  expect_error (reader, IC_CSV_ERROR_RECORD_TOO_LONG, 3, 16);
  expect_end (reader);
}

/* A quote left open in a big file would take the rest of the file for one
 * field: reading stops at IC_CSV_MAX_RECORD, and the error points at the
 * quote. (Closer to the end of the file, the same is an
 * IC_CSV_ERROR_UNTERMINATED_QUOTE: /csv/error/unterminated-quote.) */
static void
test_error_quote_left_open_big_file (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("id;note\n1;ok\n2;\"open\n");
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  const IcCsvField *fields;
  guint n_fields, column = 0;
  guint64 line = 0;
  (void) data;

  /* 100000 lines of 11 bytes: 1.1 MB after the quote */
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "3;abcdefgh\n");

  reader = open_ok (f, text->str, (gssize) text->len);
  expect_record (reader, 2, "1", "ok", NULL);
  g_assert_false (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
  g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_RECORD_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "quote"));
  ic_csv_reader_get_error_position (reader, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 2);
  expect_end (reader);
}

/* A bad record whose later field opens a quote that does not close within
 * IC_CSV_MAX_RECORD: only the bad record's physical line is skipped, as for
 * a quote that never closes, and every later record is read. */
static void
test_error_bad_quote_then_open_quote_big_file (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("id;x;y\n1;a\"b;\"open\n");
  g_autoptr (IcCsvReader) reader = NULL;
  const guint n = 200000;
  (void) data;

  /* 200000 lines of 6 bytes: 1.2 MB */
  for (guint i = 0; i < n; i++)
    g_string_append (text, "3;c;d\n");

  reader = open_ok (f, text->str, (gssize) text->len);
  expect_error (reader, IC_CSV_ERROR_BAD_QUOTE, 2, 2);
  for (guint i = 0; i < n; i++)
    expect_record (reader, 3 + i, "3", "c", "d", NULL);
  expect_end (reader);
}

static void
test_error_too_many_fields (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("a\n");
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  const IcCsvField *fields;
  guint n_fields = 0;
  guint64 line = 0;
  (void) data;

  /* 2: 8191 separators, 8192 empty fields: IC_CSV_MAX_FIELDS, accepted */
  for (int i = 0; i < IC_CSV_MAX_FIELDS - 1; i++)
    g_string_append_c (text, ';');
  g_string_append_c (text, '\n');
  /* 3: one more: refused at field 8193; fatal */
  for (int i = 0; i < IC_CSV_MAX_FIELDS; i++)
    g_string_append_c (text, ';');
  g_string_append (text, "\nafter\n");

  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_true (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (n_fields, ==, IC_CSV_MAX_FIELDS);
  expect_error (reader, IC_CSV_ERROR_RECORD_TOO_LONG, 3, IC_CSV_MAX_FIELDS + 1);
  expect_end (reader);
}

static void
test_error_record_too_long_header (Fixture *f, gconstpointer data)
{
  g_autofree char *header = g_strnfill (IC_CSV_MAX_RECORD + 10, 'h');
  g_autoptr (GString) cr = g_string_new ("a\n");
  (void) data;

  expect_open_error (f, header, -1, IC_CSV_ERROR_RECORD_TOO_LONG, "line 1, field 1: ");

  /* A line of CRs is blank, but not beyond IC_CSV_MAX_RECORD: then it is a
   * record too long, whatever the chunks. */
  for (int i = 0; i < IC_CSV_MAX_RECORD + 1; i++)
    g_string_append_c (cr, '\r');
  g_string_append (cr, "\nb\n");
  {
    g_autoptr (IcCsvReader) reader = open_ok (f, cr->str, (gssize) cr->len);
    expect_error (reader, IC_CSV_ERROR_RECORD_TOO_LONG, 2, 1);
    expect_end (reader);
  }
}

/* ---- random ------------------------------------------------------------ */

/* A random field over characters that exercise every rule. */
static char *
random_field (void)
{
  static const char *const pieces[] = {
    "a", "b", "7", "\xC3\xA9", ";", ",", "\"", "\n", "\r\n", "\r", " ",
  };
  GString *field = g_string_new (NULL);
  gint32 n = g_test_rand_int_range (0, 6);
  for (gint32 i = 0; i < n; i++)
    g_string_append (field, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
  return g_string_free (field, FALSE);
}

/* Writes @field as a writer following RFC 4180 would, quoting when needed
 * and sometimes when not. */
static void
append_field (GString *text, const char *field, char sep, gboolean alone)
{
  gboolean quote = strchr (field, sep) != NULL || strpbrk (field, "\"\r\n") != NULL
                   || g_test_rand_bit ()
                   /* an empty record would be a blank line */
                   || (alone && field[0] == '\0');
  if (!quote)
    {
      g_string_append (text, field);
      return;
    }
  g_string_append_c (text, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (text, '"');
      g_string_append_c (text, *p);
    }
  g_string_append_c (text, '"');
}

static guint64
count_lf (const char *text)
{
  guint64 n = 0;
  for (; *text != '\0'; text++)
    n += *text == '\n';
  return n;
}

/* Random well-formed files, written then read back: every field and every
 * record's starting line come back as written. */
static void
test_random_round_trip (void)
{
  for (int iteration = 0; iteration < 300; iteration++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autoptr (GError) error = NULL;
      g_autoptr (IcCsvReader) reader = NULL;
      const char sep = g_test_rand_bit () ? ';' : ',';
      const char *eol = g_test_rand_bit () ? "\r\n" : "\n";
      gint32 n_columns = g_test_rand_int_range (2, 6);
      gint32 n_records = g_test_rand_int_range (0, 40);

      /* half of the files read in chunks of 16 to 47 bytes */
      reader_options.chunk_size = g_test_rand_bit () ? 0 : (gsize) g_test_rand_int_range (16, 48);

      if (g_test_rand_bit ())
        g_string_append (text, "\xEF\xBB\xBF");
      for (gint32 c = 0; c < n_columns; c++)
        g_string_append_printf (text, "%sc%d", c > 0 ? (sep == ';' ? ";" : ",") : "", c);
      g_string_append (text, eol);

      for (gint32 r = 0; r < n_records; r++)
        {
          gint32 n_fields = g_test_rand_int_range (1, 7);
          char **fields = g_new0 (char *, (gsize) n_fields + 1);
          guint64 line;

          while (g_test_rand_int_range (0, 4) == 0)
            g_string_append (text, g_test_rand_bit () ? eol : "\r\r\n");
          line = count_lf (text->str) + 1;
          for (gint32 i = 0; i < n_fields; i++)
            {
              fields[i] = random_field ();
              if (i > 0)
                g_string_append_c (text, sep);
              append_field (text, fields[i], sep, n_fields == 1);
            }
          /* the last line may go without its line end */
          if (r < n_records - 1 || g_test_rand_bit ())
            g_string_append (text, g_test_rand_bit () ? "\r\n" : "\n");
          g_ptr_array_add (records, fields);
          g_array_append_val (lines, line);
        }

      reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ic_csv_reader_get_separator (reader), ==, sep);
      g_assert_false (ic_csv_reader_was_converted (reader));
      for (guint r = 0; r < records->len; r++)
        {
          char **fields = records->pdata[r];
          const IcCsvField *got;
          guint n_got;
          guint64 line;

          g_assert_true (ic_csv_reader_next (reader, &got, &n_got, &line, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (line, ==, g_array_index (lines, guint64, r));
          g_assert_cmpuint (n_got, ==, g_strv_length (fields));
          for (guint i = 0; i < n_got; i++)
            g_assert_cmpmem (got[i].data, got[i].len, fields[i], strlen (fields[i]));
        }
      expect_end (reader);
    }
  reader_options.chunk_size = 0;
}

/* Random bytes, malformed on purpose: the reader never reads outside its
 * buffers (AddressSanitizer watches), always moves on, reports lines in
 * order and positions inside the file, and stops. */
static void
test_random_garbage (void)
{
  static const char alphabet[] = { 'a', ';', ',', '"', '"', '\n', '\n', '\r', ' ', '\0', '\xE9', '\xC3' };

  for (int iteration = 0; iteration < 3000; iteration++)
    {
      gint32 len = g_test_rand_int_range (0, 120);
      g_autofree char *bytes = g_malloc ((gsize) len + 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (IcCsvReader) reader = NULL;
      guint64 n_lines = 1;
      guint64 last_line = 0;

      reader_options.chunk_size = g_test_rand_bit () ? 0 : (gsize) g_test_rand_int_range (16, 48);
      for (gint32 i = 0; i < len; i++)
        {
          bytes[i] = alphabet[g_test_rand_int_range (0, sizeof alphabet)];
          n_lines += bytes[i] == '\n';
        }

      reader = ic_csv_reader_new_from_data (bytes, (gsize) len, &reader_options, &error);
      if (reader == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == IC_CSV_ERROR);
          continue;
        }
      g_assert_no_error (error);

      /* Every call moves on by a record or a line at least. */
      for (gint32 calls = 0;; calls++)
        {
          const IcCsvField *fields;
          guint n_fields;
          guint64 line = 0, error_line = 0;
          guint error_column = 0;

          g_assert_cmpint (calls, <=, len + 1);
          if (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error))
            {
              g_assert_cmpuint (line, >, last_line);
              g_assert_cmpuint (line, <=, n_lines);
              g_assert_cmpuint (n_fields, >=, 1);
              /* touch every byte */
              for (guint i = 0; i < n_fields; i++)
                g_assert_true (g_utf8_validate_len (fields[i].data, fields[i].len, NULL));
              last_line = line;
              continue;
            }
          if (error == NULL)
            break;
          ic_csv_reader_get_error_position (reader, &error_line, &error_column);
          /* a NUL may sit on the line of a bad record just skipped */
          g_assert_cmpuint (error_line, >=, last_line);
          g_assert_cmpuint (error_line, <=, n_lines);
          g_assert_cmpuint (error_column, >=, 1);
          last_line = error_line;
          g_assert_true (error->domain == IC_CSV_ERROR);
          if (error->code == IC_CSV_ERROR_BAD_QUOTE)
            {
              g_clear_error (&error);
              continue;
            }
          g_assert_true (error->code == IC_CSV_ERROR_BINARY
                         || error->code == IC_CSV_ERROR_UNTERMINATED_QUOTE);
          g_clear_error (&error);
          /* fatal: the reader stays at the end */
          g_assert_false (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
          g_assert_no_error (error);
          break;
        }
    }
  reader_options.chunk_size = 0;
}

/* ---- splitting a file in two parts -------------------------------------- */

/* What reading gives, call after call, to its end, as text: each record
 * with its line and fields, each error with its code and position. Reading
 * goes on after the recoverable errors and stops at the end or at a fatal
 * error. Returns whether it ended on a fatal error. */
static gboolean
read_log (IcCsvReader *reader, GPtrArray *log)
{
  for (;;)
    {
      g_autoptr (GError) error = NULL;
      const IcCsvField *fields;
      guint n_fields, column = 0;
      guint64 line = 0;

      if (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error))
        {
          GString *entry = g_string_new (NULL);
          g_string_append_printf (entry, "%" G_GUINT64_FORMAT ":", line);
          for (guint i = 0; i < n_fields; i++)
            {
              g_string_append_printf (entry, " %" G_GSIZE_FORMAT "[", fields[i].len);
              g_string_append_len (entry, fields[i].data, (gssize) fields[i].len);
              g_string_append_c (entry, ']');
            }
          g_ptr_array_add (log, g_string_free (entry, FALSE));
          continue;
        }
      if (error == NULL)
        return FALSE;
      ic_csv_reader_get_error_position (reader, &line, &column);
      g_ptr_array_add (log, g_strdup_printf ("error %d at %" G_GUINT64_FORMAT ":%u", error->code,
                                             line, column));
      if (error->code != IC_CSV_ERROR_BAD_QUOTE && error->code != IC_CSV_ERROR_FIELD_TOO_LONG)
        {
          /* fatal: the reader stays at the end */
          g_clear_error (&error);
          g_assert_false (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error));
          g_assert_no_error (error);
          return TRUE;
        }
    }
}

static GPtrArray *
new_log (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
assert_logs_equal (GPtrArray *got, guint from, GPtrArray *expected, guint expected_from, guint n)
{
  g_assert_cmpuint (got->len, >=, from + n);
  g_assert_cmpuint (expected->len, >=, expected_from + n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (got->pdata[from + i], ==, expected->pdata[expected_from + i]);
}

/* Opens @text from a file in @f (or from memory when @f is NULL). */
static IcCsvReader *
open_text (Fixture *f, const GString *text)
{
  g_autoptr (GError) error = NULL;
  IcCsvReader *reader;

  if (f != NULL)
    reader = open_data (f, text->str, (gssize) text->len, &error);
  else
    reader = ic_csv_reader_new_from_data (text->str, text->len, &reader_options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

/* The header of both parts is the first's; the rest of what they share. */
static void
assert_same_file (IcCsvReader *a, IcCsvReader *b)
{
  guint n_a, n_b;
  const IcCsvField *ha = ic_csv_reader_get_header (a, &n_a);
  const IcCsvField *hb = ic_csv_reader_get_header (b, &n_b);

  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    {
      g_assert_true (ha[i].data != hb[i].data);
      g_assert_cmpmem (ha[i].data, ha[i].len, hb[i].data, hb[i].len);
    }
  g_assert_cmpint (ic_csv_reader_get_separator (a), ==, ic_csv_reader_get_separator (b));
  g_assert_cmpint (ic_csv_reader_was_converted (a), ==, ic_csv_reader_was_converted (b));
  g_assert_cmpstr (ic_csv_reader_get_sha256 (a, NULL), ==, ic_csv_reader_get_sha256 (b, NULL));
}

/* Reads @reader split into up to 2^@depth parts, recursively (a part split
 * again), in order, into @log. Returns TRUE when every part but the last
 * ended cleanly (or on a fatal error, which ends the log, as a single
 * reader's would); FALSE when a split was unsound, @log then holding what
 * came before the first unsound boundary. *@n_splits: the splits made;
 * *@last_clean: whether the last part read ended cleanly. */
static gboolean
read_parts (IcCsvReader *reader, gsize min_bytes, guint depth, GPtrArray *log, guint *n_splits,
            gboolean *fatal, gboolean *last_clean)
{
  g_autoptr (IcCsvReader) second = NULL;
  gboolean clean = FALSE;

  if (depth > 0 && ic_csv_reader_split (reader, min_bytes, &second))
    {
      (*n_splits)++;
      g_assert_nonnull (second);
      assert_same_file (reader, second);
      if (!read_parts (reader, min_bytes, depth - 1, log, n_splits, fatal, &clean))
        return FALSE;
      if (*fatal)
        return TRUE;
      if (!clean)
        return FALSE;
      return read_parts (second, min_bytes, depth - 1, log, n_splits, fatal, last_clean);
    }
  g_assert_null (second);
  *fatal = read_log (reader, log);
  *last_clean = ic_csv_reader_part_ended_cleanly (reader);
  /* a part ends cleanly or on an error; an error is fatal */
  if (*fatal)
    g_assert_false (*last_clean);
  return TRUE;
}

static gboolean
read_split (IcCsvReader *reader, gsize min_bytes, guint depth, GPtrArray *log, guint *n_splits,
            gboolean *fatal)
{
  gboolean last_clean = FALSE;
  gboolean sound = read_parts (reader, min_bytes, depth, log, n_splits, fatal, &last_clean);

  /* the last part ends at the end of the file */
  if (sound)
    g_assert_true (last_clean == !*fatal);
  return sound;
}

/* A random file in the dialects of spec/data.md, made of the pieces that
 * exercise every rule (quoted separators, doubled quotes, newlines in
 * quoted fields, CRLF and LF, blank lines, BOM, Windows-1252), sometimes
 * with malformed records (stray quotes, a NUL byte, a quote left open at
 * the end). Returns the number of records written. */
static guint
random_split_text (GString *text, gboolean cp1252, gboolean malformed)
{
  static const char *const pieces[] = {
    "a", "b", "7", ";", ",", "\"", "\n", "\r\n", "\r", " ", "xyz", "0123456789",
  };
  const char sep = g_test_rand_bit () ? ';' : ',';
  const char *eol = g_test_rand_bit () ? "\r\n" : "\n";
  /* two columns at least: a header of one would make the separator ';' */
  gint32 n_columns = g_test_rand_int_range (2, 6);
  gint32 n_records = g_test_rand_int_range (0, 120);

  if (g_test_rand_bit ())
    g_string_append (text, "\xEF\xBB\xBF");
  for (gint32 c = 0; c < n_columns; c++)
    g_string_append_printf (text, "%sc%d", c > 0 ? (sep == ';' ? ";" : ",") : "", c);
  g_string_append (text, eol);

  for (gint32 r = 0; r < n_records; r++)
    {
      gint32 n_fields = g_test_rand_int_range (1, 7);

      while (g_test_rand_int_range (0, 6) == 0)
        g_string_append (text, g_test_rand_bit () ? eol : "\r\r\n");
      if (malformed && g_test_rand_int_range (0, 15) == 0)
        {
          static const char *const bad[] = {
            "x\"y", "\"a\"b", "\"a\"b;\"x\ny\"", "\"", "q\0z", "\"open\nlines\n",
          };
          const char *piece = bad[g_test_rand_int_range (0, G_N_ELEMENTS (bad))];
          /* "q\0z" holds a NUL */
          g_string_append_len (text, piece, piece[0] == 'q' ? 3 : (gssize) strlen (piece));
          g_string_append (text, eol);
          continue;
        }
      for (gint32 i = 0; i < n_fields; i++)
        {
          GString *field = g_string_new (NULL);
          gint32 n = g_test_rand_int_range (0, 6);
          for (gint32 k = 0; k < n; k++)
            {
              if (cp1252 && g_test_rand_int_range (0, 8) == 0)
                g_string_append_c (field, g_test_rand_bit () ? '\xE9' : '\x80');
              else
                g_string_append (field, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
            }
          if (i > 0)
            g_string_append_c (text, sep);
          append_field (text, field->str, sep, n_fields == 1);
          g_string_free (field, TRUE);
        }
      if (r < n_records - 1 || g_test_rand_bit ())
        g_string_append (text, g_test_rand_bit () ? "\r\n" : "\n");
    }
  return (guint) n_records;
}

/* Random files read in 1, 2 or 4 parts (parts split again), in chunks of
 * every size, from files and from memory: the records, lines and errors of
 * the parts one after the other are those of a single reader. Well-formed
 * files always split soundly; for malformed ones, a part that ended inside
 * a record gave only what a single reader gives before it. */
static void
test_split_random (Fixture *f, gconstpointer data)
{
  guint n_split = 0, n_unsound = 0, n_well_formed = 0, n_well_formed_split = 0;
  (void) data;

  for (int iteration = 0; iteration < 800; iteration++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      g_autoptr (GPtrArray) expected = new_log ();
      g_autoptr (GPtrArray) got = new_log ();
      g_autoptr (IcCsvReader) whole = NULL;
      g_autoptr (IcCsvReader) reader = NULL;
      const gboolean malformed = g_test_rand_int_range (0, 3) == 0;
      const gboolean cp1252 = g_test_rand_int_range (0, 3) == 0;
      const gboolean from_file = g_test_rand_bit ();
      const gsize min_bytes = g_test_rand_bit () ? 1 : (gsize) g_test_rand_int_range (1, 400);
      guint n_splits = 0;
      gboolean fatal = FALSE, expected_fatal, sound;
      GError *error = NULL;

      random_split_text (text, cp1252, malformed);
      /* chunks of 16 to 80 bytes, or the default */
      reader_options.chunk_size = (g_test_rand_int_range (0, 4) == 0 ? 0
                                              : (gsize) g_test_rand_int_range (16, 81));
      whole = from_file ? open_data (f, text->str, (gssize) text->len, &error)
                        : ic_csv_reader_new_from_data (text->str, text->len, &reader_options, &error);
      if (whole == NULL)
        {
          /* a malformed header */
          g_assert_true (malformed);
          g_clear_error (&error);
          continue;
        }
      expected_fatal = read_log (whole, expected);
      g_assert_true (ic_csv_reader_part_ended_cleanly (whole) == !expected_fatal);

      reader = open_text (from_file ? f : NULL, text);
      sound = read_split (reader, min_bytes, g_test_rand_bit () ? 1 : 2, got, &n_splits, &fatal);
      n_split += n_splits > 0;
      if (!malformed)
        {
          n_well_formed++;
          n_well_formed_split += n_splits > 0;
          g_assert_true (sound);
        }
      if (sound)
        {
          g_assert_cmpint (fatal, ==, expected_fatal);
          g_assert_cmpuint (got->len, ==, expected->len);
          assert_logs_equal (got, 0, expected, 0, got->len);
        }
      else
        {
          /* Up to the unsound boundary, what a single reader gives, and no
           * error for the record cut by it. */
          n_unsound++;
          g_assert_false (fatal);
          assert_logs_equal (got, 0, expected, 0, got->len);
        }
    }
  reader_options.chunk_size = 0;
  g_test_message ("%u files split, %u unsoundly; %u of %u well-formed split", n_split, n_unsound,
                  n_well_formed_split, n_well_formed);
  /* most files of more than a few records split */
  g_assert_cmpuint (n_well_formed_split, >, n_well_formed / 2);
  g_assert_cmpuint (n_unsound, >, 0);
}

/* A file of @n records of three kinds (a multi-line quoted field, doubled
 * quotes, plain), CRLF, with blank lines. */
static void
append_records (GString *text, guint first, guint n)
{
  for (guint i = first; i < first + n; i++)
    {
      if (i % 3 == 0)
        g_string_append_printf (text, "%u;\"n\"\"%u\";\"a\r\nb\"\r\n", i, i);
      else if (i % 3 == 1)
        g_string_append_printf (text, "%u;n%u;\r\n\r\n", i, i);
      else
        g_string_append_printf (text, "%u;\"n;%u\";%*s\r\n", i, i, (int) (i % 50), "");
    }
}

/* The second part's first record is on the physical line after the
 * boundary; the first part stops at the boundary, whatever the chunks. */
static void
test_split_lines (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("\xEF\xBB\xBFid;name;note\r\n");
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (IcCsvReader) second = NULL;
  g_autoptr (GPtrArray) expected = new_log ();
  g_autoptr (GPtrArray) part1 = new_log ();
  g_autoptr (GPtrArray) part2 = new_log ();
  (void) data;

  append_records (text, 0, 3000);
  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_false (read_log (reader, expected));
  g_clear_pointer (&reader, ic_csv_reader_free);

  reader = open_ok (f, text->str, (gssize) text->len);
  /* not before the end */
  g_assert_false (ic_csv_reader_part_ended_cleanly (reader));
  g_assert_true (ic_csv_reader_split (reader, 1000, &second));
  g_assert_false (read_log (reader, part1));
  g_assert_true (ic_csv_reader_part_ended_cleanly (reader));
  g_assert_false (read_log (second, part2));
  g_assert_true (ic_csv_reader_part_ended_cleanly (second));

  /* about half of the bytes each */
  g_assert_cmpuint (part1->len, >, expected->len * 2 / 5);
  g_assert_cmpuint (part2->len, >, expected->len * 2 / 5);
  g_assert_cmpuint (part1->len + part2->len, ==, expected->len);
  assert_logs_equal (part1, 0, expected, 0, part1->len);
  assert_logs_equal (part2, 0, expected, part1->len, part2->len);
}

/* A stray quote early (a bad-quote row, recoverable) inverts the balance:
 * the boundary falls inside a multi-line quoted field. The first part
 * reports the bad-quote row, its records, then ends without an error
 * (no unterminated quote), and the split is reported unsound. */
static void
test_split_stray_quote (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("id;note\n1;ab\"c\n");
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (IcCsvReader) second = NULL;
  g_autoptr (GPtrArray) expected = new_log ();
  g_autoptr (GPtrArray) part1 = new_log ();
  g_autoptr (GPtrArray) part2 = new_log ();
  (void) data;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "%04u;\"x\ny\"\n", i);
  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_false (read_log (reader, expected));
  g_assert_cmpuint (expected->len, ==, 201);
  g_assert_cmpstr (expected->pdata[0], ==, "error 4 at 2:2");
  g_clear_pointer (&reader, ic_csv_reader_free);

  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_true (ic_csv_reader_split (reader, 1, &second));
  /* no fatal error: no unterminated quote for the field cut by the
   * boundary */
  g_assert_false (read_log (reader, part1));
  g_assert_false (ic_csv_reader_part_ended_cleanly (reader));
  g_assert_cmpuint (part1->len, >, 50);
  g_assert_cmpuint (part1->len, <, 150);
  /* the bad-quote row, then records, as a single reader gives them */
  assert_logs_equal (part1, 0, expected, 0, part1->len);
  /* the second part starts inside a quoted field: whatever it reads, it
   * reads safely; its results are thrown away */
  (void) read_log (second, part2);
}

/* The same with a bad record whose skipped rest (a quoted field) runs over
 * the boundary: the first part ends there without reporting it. */
static void
test_split_stray_quote_skip (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("id;note\n1;ab\"c\n");
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (IcCsvReader) second = NULL;
  g_autoptr (GPtrArray) expected = new_log ();
  g_autoptr (GPtrArray) part1 = new_log ();
  (void) data;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (text, "%04u;plain\n", i);
  for (guint i = 0; i < 100; i++)
    g_string_append (text, "\"a\"b;\"x\ny\"\n");
  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_false (read_log (reader, expected));
  g_clear_pointer (&reader, ic_csv_reader_free);

  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_true (ic_csv_reader_split (reader, 1, &second));
  g_assert_false (read_log (reader, part1));
  g_assert_false (ic_csv_reader_part_ended_cleanly (reader));
  /* the stray row, the plain records, some bad rows */
  g_assert_cmpuint (part1->len, >, 51);
  g_assert_cmpuint (part1->len, <, expected->len);
  assert_logs_equal (part1, 0, expected, 0, part1->len);
}

/* Two stray quotes cancel out: the balance is right again, the split sound. */
static void
test_split_stray_quotes_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("id;note\n1;ab\"c\n2;d\"e\n");
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (GPtrArray) expected = new_log ();
  g_autoptr (GPtrArray) got = new_log ();
  guint n_splits = 0;
  gboolean fatal = FALSE;
  (void) data;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "%04u;\"x\ny\"\n", i);
  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_false (read_log (reader, expected));
  g_clear_pointer (&reader, ic_csv_reader_free);

  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_true (read_split (reader, 1, 1, got, &n_splits, &fatal));
  g_assert_cmpuint (n_splits, ==, 1);
  g_assert_false (fatal);
  g_assert_cmpuint (got->len, ==, expected->len);
  assert_logs_equal (got, 0, expected, 0, got->len);
}

/* Errors of the second part come at the lines and fields of a single
 * reader: a bad quote, a too long field, a NUL byte. */
static void
test_split_errors_in_second_part (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("id;name;note\r\n");
  g_autofree char *long_field = g_strnfill (IC_CSV_MAX_FIELD + 1, 'x');
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (IcCsvReader) second = NULL;
  g_autoptr (GPtrArray) expected = new_log ();
  g_autoptr (GPtrArray) part1 = new_log ();
  g_autoptr (GPtrArray) part2 = new_log ();
  (void) data;

  append_records (text, 0, 20000);
  g_string_append (text, "1;2\"3;4\r\n");
  g_string_append_printf (text, "5;%s;6\r\n", long_field);
  append_records (text, 0, 30);
  g_string_append (text, "7;\"a\"b;\"c\r\nd\"\r\n8;9\r\n");
  g_string_append_len (text, "10;\0;11\r\n", 9);
  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_true (read_log (reader, expected));
  g_clear_pointer (&reader, ic_csv_reader_free);

  reader = open_ok (f, text->str, (gssize) text->len);
  g_assert_true (ic_csv_reader_split (reader, 1, &second));
  g_assert_false (read_log (reader, part1));
  g_assert_true (ic_csv_reader_part_ended_cleanly (reader));
  g_assert_true (read_log (second, part2));
  g_assert_cmpuint (part1->len + part2->len, ==, expected->len);
  assert_logs_equal (part1, 0, expected, 0, part1->len);
  assert_logs_equal (part2, 0, expected, part1->len, part2->len);
  /* the errors are all in the second part */
  g_assert_true (g_str_has_prefix (part2->pdata[part2->len - 1], "error 2 at"));
}

/* A NUL byte is never in the first part: a file whose NUL comes early does
 * not split before it (the data left ends there), whatever the encoding. */
static void
test_split_nul (Fixture *f, gconstpointer data)
{
  for (int cp1252 = 0; cp1252 < 2; cp1252++)
    {
      g_autoptr (GString) text = g_string_new (cp1252 ? "id;n\xE9\n" : "id;name\n");
      g_autoptr (IcCsvReader) reader = NULL;
      g_autoptr (IcCsvReader) second = NULL;
      g_autoptr (GPtrArray) expected = new_log ();
      g_autoptr (GPtrArray) got = new_log ();
      guint n_splits = 0;
      gboolean fatal = FALSE;
      (void) data;

      append_records (text, 0, 10);
      g_string_append_len (text, "1;\0\n", 4);
      append_records (text, 0, 1000);
      reader = open_ok (f, text->str, (gssize) text->len);
      g_assert_true (read_log (reader, expected));
      g_clear_pointer (&reader, ic_csv_reader_free);

      /* too little before the NUL */
      reader = open_ok (f, text->str, (gssize) text->len);
      g_assert_false (ic_csv_reader_split (reader, 1000, &second));
      g_assert_null (second);
      g_assert_true (read_log (reader, got));
      g_assert_cmpuint (got->len, ==, expected->len);
      assert_logs_equal (got, 0, expected, 0, got->len);
      g_clear_pointer (&reader, ic_csv_reader_free);
      g_ptr_array_set_size (got, 0);

      /* split before the NUL, or not at all */
      reader = open_ok (f, text->str, (gssize) text->len);
      g_assert_true (read_split (reader, 1, 2, got, &n_splits, &fatal));
      g_assert_true (fatal);
      g_assert_cmpuint (got->len, ==, expected->len);
      assert_logs_equal (got, 0, expected, 0, got->len);
    }
}

/* A NUL byte in the line that holds the middle, before its end: in
 * UTF-8, pass 1 saw it and the data left ends there, so the split falls
 * before it; in Windows-1252 read in small chunks (pass 1 stopped looking in
 * the first chunk, which holds the first invalid byte), the scan meets it
 * before any line end and there is no split. Either way, the reading is a
 * single reader's. */
static void
test_split_nul_after_middle (Fixture *f, gconstpointer data)
{
  (void) data;

  for (int small = 0; small < 2; small++)
    for (int cp1252 = 0; cp1252 < 2; cp1252++)
      {
        g_autoptr (GString) text = g_string_new (cp1252 ? "id;n\xE9\n" : "id;name\n");
        g_autofree char *long_field = g_strnfill (400, 'x');
        g_autoptr (IcCsvReader) reader = NULL;
        g_autoptr (GPtrArray) expected = new_log ();
        g_autoptr (GPtrArray) got = new_log ();
        guint n_splits = 0;
        gboolean fatal = FALSE;

        reader_options.chunk_size = small ? SMALL_CHUNK : 0;
        for (guint i = 0; i < 50; i++)
          g_string_append_printf (text, "%04u;abc\n", i);
        g_string_append_printf (text, "1;%s", long_field);
        g_string_append_len (text, "\0\n", 2);
        for (guint i = 0; i < 50; i++)
          g_string_append_printf (text, "%04u;abc\n", i);
        reader = open_ok (f, text->str, (gssize) text->len);
        g_assert_true (read_log (reader, expected));
        g_clear_pointer (&reader, ic_csv_reader_free);

        reader = open_ok (f, text->str, (gssize) text->len);
        g_assert_cmpint (ic_csv_reader_was_converted (reader), ==, cp1252);
        g_assert_true (read_split (reader, 1, 1, got, &n_splits, &fatal));
        g_assert_cmpuint (n_splits, ==, cp1252 && small ? 0 : 1);
        g_assert_true (fatal);
        g_assert_cmpuint (got->len, ==, expected->len);
        assert_logs_equal (got, 0, expected, 0, got->len);
      }
}

/* A file that shrank between open and the split: no split (its second
 * half cannot be read), and the reading reports the change. */
static void
test_split_shrunk_before (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (IcCsvReader) second = NULL;
  gsize len;
  g_autofree char *path = write_numbered_file (f, &len);
  (void) data;

  reader = ic_csv_reader_open (path, &reader_options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (truncate (path, (off_t) len / 4), ==, 0);
  g_assert_false (ic_csv_reader_split (reader, 1, &second));
  g_assert_null (second);
  g_assert_cmpuint (expect_changed (reader), <, 250);
}

/* Too little data left, or no line end to split at: FALSE, nothing
 * changed. */
static void
test_split_too_small (Fixture *f, gconstpointer data)
{
  static const char *const texts[] = {
    "a;b\n",
    "a;b\n1;2\n",
    "a;b\n1;2",
    "a;b\n\"1\n2\n3\";4",
    "a;b\n\"1\n2\n3\";4\n",
  };
  (void) data;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (IcCsvReader) reader = open_ok (f, texts[i], -1);
      g_autoptr (IcCsvReader) whole = open_ok (f, texts[i], -1);
      g_autoptr (IcCsvReader) second = NULL;
      g_autoptr (GPtrArray) expected = new_log ();
      g_autoptr (GPtrArray) got = new_log ();

      g_assert_false (ic_csv_reader_split (reader, 1, &second));
      g_assert_null (second);
      g_assert_false (read_log (whole, expected));
      g_assert_false (read_log (reader, got));
      g_assert_cmpuint (got->len, ==, expected->len);
      assert_logs_equal (got, 0, expected, 0, got->len);
      g_assert_true (ic_csv_reader_part_ended_cleanly (reader));
      /* nor once at the end */
      g_assert_false (ic_csv_reader_split (reader, 1, &second));
    }

  {
    g_autoptr (GString) text = g_string_new ("id;x\n");
    g_autoptr (IcCsvReader) reader = NULL;
    g_autoptr (IcCsvReader) second = NULL;

    append_records (text, 0, 1000);
    reader = open_ok (f, text->str, (gssize) text->len);
    g_assert_false (ic_csv_reader_split (reader, text->len, &second));
    g_assert_null (second);
    g_assert_true (ic_csv_reader_split (reader, text->len - 5, &second));
    g_assert_nonnull (second);
  }
}

typedef struct {
  IcCsvReader *reader;
  GPtrArray *log;
  gboolean fatal;
} ThreadPart;

static gpointer
read_part_thread (gpointer data)
{
  ThreadPart *part = data;
  part->fatal = read_log (part->reader, part->log);
  return NULL;
}

/* Both parts read at once in two threads give the single reader's records,
 * from a file (its own descriptor each) and from memory, in UTF-8 and in
 * Windows-1252. */
static void
test_split_threads (Fixture *f, gconstpointer data)
{
  (void) data;

  for (int from_file = 0; from_file < 2; from_file++)
    for (int cp1252 = 0; cp1252 < 2; cp1252++)
      {
        g_autoptr (GString) text = g_string_new (cp1252 ? "id;n\xE9;note\r\n" : "id;name;note\r\n");
        g_autoptr (IcCsvReader) reader = NULL;
        g_autoptr (IcCsvReader) second = NULL;
        g_autoptr (GPtrArray) expected = new_log ();
        ThreadPart parts[2];
        GThread *threads[2];

        append_records (text, 0, 50000);
        reader = open_text (from_file ? f : NULL, text);
        g_assert_false (read_log (reader, expected));
        g_clear_pointer (&reader, ic_csv_reader_free);

        reader = open_text (from_file ? f : NULL, text);
        g_assert_cmpint (ic_csv_reader_was_converted (reader), ==, cp1252);
        g_assert_true (ic_csv_reader_split (reader, 1024, &second));
        parts[0] = (ThreadPart) { reader, new_log (), FALSE };
        parts[1] = (ThreadPart) { second, new_log (), FALSE };
        for (int i = 0; i < 2; i++)
          threads[i] = g_thread_new ("test-split", read_part_thread, &parts[i]);
        for (int i = 0; i < 2; i++)
          g_thread_join (threads[i]);
        g_assert_false (parts[0].fatal);
        g_assert_false (parts[1].fatal);
        g_assert_true (ic_csv_reader_part_ended_cleanly (reader));
        g_assert_cmpuint (parts[0].log->len + parts[1].log->len, ==, expected->len);
        assert_logs_equal (parts[0].log, 0, expected, 0, parts[0].log->len);
        assert_logs_equal (parts[1].log, 0, expected, parts[0].log->len, parts[1].log->len);
        g_ptr_array_unref (parts[0].log);
        g_ptr_array_unref (parts[1].log);
      }
}

/* Reads the records of a part of write_numbered_file()'s file, from @first:
 * they come in order until IC_CSV_ERROR_CHANGED. Returns their number. */
static guint
expect_part_changed (IcCsvReader *reader, guint first, guint stop_after, const char *path, off_t truncate_to)
{
  g_autoptr (GError) error = NULL;
  const IcCsvField *fields;
  guint n_fields, n = 0, column = 99;
  guint64 line = 0;

  while (ic_csv_reader_next (reader, &fields, &n_fields, &line, &error))
    {
      g_autofree char *id = g_strdup_printf ("%04u", first + n);
      g_assert_cmpuint (line, ==, first + n + 2);
      g_assert_cmpmem (fields[0].data, fields[0].len, id, 4);
      n++;
      if (n == stop_after)
        g_assert_cmpint (truncate (path, truncate_to), ==, 0);
    }
  g_assert_error (error, IC_CSV_ERROR, IC_CSV_ERROR_CHANGED);
  ic_csv_reader_get_error_position (reader, &line, &column);
  g_assert_cmpuint (line, ==, 0);
  g_assert_cmpuint (column, ==, 0);
  g_assert_false (ic_csv_reader_part_ended_cleanly (reader));
  expect_end (reader);
  return n;
}

/* A file truncated while the second part is read: IC_CSV_ERROR_CHANGED
 * there; the first part, which ends at the boundary, sees it too when it
 * ends (the size changed). */
static void
test_split_changed_truncated (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcCsvReader) reader = NULL;
  g_autoptr (IcCsvReader) second = NULL;
  gsize len;
  g_autofree char *path = write_numbered_file (f, &len);
  guint64 line = 0;
  const IcCsvField *fields;
  guint n_fields, n2;
  (void) data;

  reader = ic_csv_reader_open (path, &reader_options, &error);
  g_assert_no_error (error);
  g_assert_true (ic_csv_reader_split (reader, 1, &second));
  g_assert_true (ic_csv_reader_next (second, &fields, &n_fields, &line, &error));
  /* the middle of the records is the start of 0500: the boundary is the
   * line end that follows */
  g_assert_cmpuint (line, ==, 503);
  g_assert_cmpmem (fields[0].data, fields[0].len, "0501", 4);
  /* truncated in the second part, after 10 more of its records */
  n2 = expect_part_changed (second, 502, 10, path, (off_t) (len - len / 4));
  g_assert_cmpuint (n2, <, 498);
  g_assert_cmpuint (expect_part_changed (reader, 0, 0, path, 0), ==, 501);
}

/* The first part checks the file where it ends: truncated before the
 * boundary, it meets the end too early; rewritten (same size), its
 * modification time tells. */
static void
test_split_changed_first_part (Fixture *f, gconstpointer data)
{
  (void) data;

  for (int rewrite = 0; rewrite < 2; rewrite++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IcCsvReader) reader = NULL;
      g_autoptr (IcCsvReader) second = NULL;
      gsize len;
      g_autofree char *path = write_numbered_file (f, &len);
      struct utimbuf an_hour_ago;

      an_hour_ago.actime = an_hour_ago.modtime = time (NULL) - 3600;
      g_assert_cmpint (g_utime (path, &an_hour_ago), ==, 0);
      reader = ic_csv_reader_open (path, &reader_options, &error);
      g_assert_no_error (error);
      g_assert_true (ic_csv_reader_split (reader, 1, &second));
      if (rewrite)
        {
          int fd = g_open (path, O_WRONLY, 0);
          g_assert_cmpint (fd, >=, 0);
          /* at the end of the file, in the second part */
          g_assert_cmpint (pwrite (fd, "X", 1, (off_t) len - 2), ==, 1);
          g_assert_true (g_close (fd, NULL));
          /* every record of the first part, then the change */
          g_assert_cmpuint (expect_part_changed (reader, 0, 0, path, 0), ==, 501);
        }
      else
        {
          g_assert_cmpint (truncate (path, (off_t) len / 4), ==, 0);
          g_assert_cmpuint (expect_part_changed (reader, 0, 0, path, 0), <, 250);
        }
      g_assert_cmpuint (expect_part_changed (second, 501, 0, path, 0), <=, 499);
    }
}

/* ---- source ------------------------------------------------------------ */

/* A Windows-1252 file read at once as UTF-8: the source says afterwards
 * that the reading does not stand, and the next opening converts it. */
static void
test_source_encoding_again (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "a;b\n1;Gu\xE9ret\n", -1);
  g_autoptr (IcCsvSource) source = NULL;
  g_autoptr (GError) error = NULL;
  IcCsvReader *reader;
  const IcCsvField *fields;
  guint n_fields;
  (void) data;

  /* The checksum's thread, which decides the encoding, waits until asked:
   * the records are all read first. */
  reader_options.defer_checksum = TRUE;
  source = ic_csv_source_new (path, &reader_options, IC_CSV_SOURCE_MAY_ASSUME_UTF8);
  reader = ic_csv_source_open (source, &error);
  g_assert_no_error (error);
  g_assert_false (ic_csv_reader_was_converted (reader));
  while (ic_csv_reader_next (reader, &fields, &n_fields, NULL, &error))
    ;
  g_assert_no_error (error);
  g_assert_false (ic_csv_source_encoding_held (source));

  reader = ic_csv_source_open (source, &error);
  g_assert_no_error (error);
  g_assert_true (ic_csv_reader_was_converted (reader));
  /* é is 0xE9 in Windows-1252, U+00E9 = C3 A9 in UTF-8. */
  expect_record (reader, 2, "1", "Gu\xC3\xA9ret", NULL);
  expect_end (reader);
  g_assert_true (ic_csv_source_encoding_held (source));
  g_assert_nonnull (ic_csv_source_get_sha256 (source, NULL));
}

/* A file split when the options allow it: the two parts hold every record,
 * in order, and the split held; with one thread, no split. */
static void
test_source_split (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("a;b\n");
  g_autofree char *path = NULL;
  (void) data;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "%u;x\n", i);
  path = write_file (f, text->str, (gssize) text->len);

  for (guint threads = 1; threads <= 2; threads++)
    {
      IcInputOptions options = reader_options;
      g_autoptr (IcCsvSource) source = NULL;
      IcCsvReader *reader, *second;
      guint64 expected = 0;

      options.threads = threads;
      options.split_threshold = 16;
      source = ic_csv_source_new (path, &options, IC_CSV_SOURCE_MAY_SPLIT);
      reader = ic_csv_source_open (source, NULL);
      g_assert_nonnull (reader);
      second = ic_csv_source_split (source);
      g_assert_true ((second != NULL) == (threads == 2));
      for (IcCsvReader *part = reader; part != NULL; part = part == reader ? second : NULL)
        {
          const IcCsvField *fields;
          guint n;
          guint64 line;
          while (ic_csv_reader_next (part, &fields, &n, &line, NULL))
            {
              g_autofree char *number = g_strndup (fields[0].data, fields[0].len);
              /* record i on line i + 2 (the header is line 1) */
              g_assert_cmpuint (line, ==, expected + 2);
              g_assert_cmpuint (g_ascii_strtoull (number, NULL, 10), ==, expected);
              expected++;
            }
        }
      g_assert_cmpuint (expected, ==, 100);
      g_assert_true (ic_csv_source_split_held (source));
    }
}

/* Each test with a fixture runs with the default chunk size, then again
 * under /csv/small-chunks/ with chunks of SMALL_CHUNK bytes. */
#define ADD(path, func) \
  G_STMT_START { \
    g_test_add ("/csv" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down); \
    g_test_add ("/csv/small-chunks" path, Fixture, GSIZE_TO_POINTER (SMALL_CHUNK), \
                fixture_set_up, func, fixture_tear_down); \
  } G_STMT_END
/* A test that sets its chunk sizes itself: once. */
#define ADD_ONCE(path, func) \
  g_test_add ("/csv" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/source/encoding-again", test_source_encoding_again);
  ADD ("/source/split", test_source_split);
  ADD ("/dialect/semicolon-crlf", test_dialect_semicolon_crlf);
  ADD ("/dialect/semicolon-lf", test_dialect_semicolon_lf);
  ADD ("/dialect/comma-lf", test_dialect_comma_lf);
  ADD ("/dialect/comma-crlf", test_dialect_comma_crlf);
  ADD ("/dialect/separator-choice", test_dialect_separator_choice);
  ADD ("/dialect/bom", test_dialect_bom);
  ADD ("/dialect/sep-line", test_dialect_sep_line);
  ADD ("/dialect/blank-lines", test_dialect_blank_lines);
  ADD ("/dialect/whitespace-line-is-record", test_dialect_whitespace_line_is_record);
  ADD ("/dialect/last-line-without-newline", test_dialect_last_line_without_newline);
  ADD ("/dialect/lone-cr", test_dialect_lone_cr);
  ADD ("/dialect/cr-only-refused", test_dialect_cr_only_refused);
  ADD ("/dialect/ragged-records", test_dialect_ragged_records);
  ADD ("/quoting/separator", test_quoting_separator);
  ADD ("/quoting/doubled", test_quoting_doubled);
  ADD ("/quoting/scratch-growth", test_quoting_scratch_growth);
  ADD ("/quoting/embedded-newlines", test_quoting_embedded_newlines);
  ADD ("/quoting/header-newline", test_quoting_header_newline);
  ADD ("/encoding/windows-1252", test_encoding_windows_1252);
  ADD ("/encoding/windows-1252-table", test_encoding_windows_1252_table);
  ADD ("/encoding/utf8-kept", test_encoding_utf8_kept);
  ADD ("/encoding/bom-then-windows-1252", test_encoding_bom_then_windows_1252);
  ADD ("/encoding/truncated-utf8", test_encoding_truncated_utf8);
  ADD ("/encoding/windows-1252-late", test_encoding_windows_1252_late);
  ADD ("/sha256/known", test_sha256_known);
  ADD ("/sha256/bom", test_sha256_bom);
  ADD ("/sha256/windows-1252", test_sha256_windows_1252);
  ADD_ONCE ("/sha256/many-chunks", test_sha256_many_chunks);
  ADD ("/sha256/split-second-reader", test_sha256_split_second_reader);
  ADD ("/sha256/split-both-threads", test_sha256_split_both_threads);
  ADD ("/sha256/changed-grown", test_sha256_changed_grown);
  ADD ("/sha256/changed-truncated", test_sha256_changed_truncated);
  ADD ("/sha256/changed-rewritten", test_sha256_changed_rewritten);
  ADD ("/sha256/changed-after-reading", test_sha256_changed_after_reading);
  ADD_ONCE ("/sha256/free-without-asking", test_sha256_free_without_asking);
  ADD ("/encoding/stops-at-nul", test_encoding_stops_at_nul);
  g_test_add_func ("/csv/encoding/random-like-whole-file", test_encoding_random_like_whole_file);
  g_test_add_func ("/csv/encoding/two-halves", test_encoding_two_halves);
  g_test_add_func ("/csv/encoding/assumed", test_encoding_assumed);
  g_test_add_func ("/csv/plain-path/same-records", test_plain_path_same_records);
  g_test_add_func ("/csv/from-data/copy", test_from_data);
  g_test_add_func ("/csv/from-data/empty", test_from_data_empty);
  ADD ("/error/empty", test_error_empty);
  ADD ("/error/directory", test_error_directory);
  ADD ("/error/nonexistent", test_error_nonexistent);
  ADD ("/error/fifo", test_error_fifo);
  ADD ("/error/unterminated-quote", test_error_unterminated_quote);
  ADD ("/error/unterminated-quote-header", test_error_unterminated_quote_header);
  ADD ("/error/text-after-quote", test_error_text_after_quote);
  ADD ("/error/quote-in-unquoted-field", test_error_quote_in_unquoted_field);
  ADD ("/error/bad-quote-skips-whole-record", test_error_bad_quote_skips_whole_record);
  ADD ("/error/bad-quote-header", test_error_bad_quote_header);
  ADD ("/error/nul", test_error_nul);
  ADD ("/error/nul-header", test_error_nul_header);
  ADD ("/error/field-too-long", test_error_field_too_long);
  ADD ("/error/messages-quote-nothing", test_error_messages_quote_nothing);
  ADD ("/error/record-too-long", test_error_record_too_long);
  ADD ("/error/record-too-long-header", test_error_record_too_long_header);
  ADD ("/error/too-many-fields", test_error_too_many_fields);
  ADD ("/error/quote-left-open-big-file", test_error_quote_left_open_big_file);
  ADD ("/error/bad-quote-then-open-quote-big-file", test_error_bad_quote_then_open_quote_big_file);
  ADD ("/many-records", test_many_records);
  g_test_add_func ("/csv/chunks/records-straddle", test_chunks_records_straddle);
  ADD_ONCE ("/chunks/quoted-newlines", test_chunks_quoted_newlines);
  ADD_ONCE ("/chunks/utf8-cut", test_chunks_utf8_cut);
  ADD ("/chunks/line-numbers", test_chunks_line_numbers);
  ADD_ONCE ("/changed/truncated", test_changed_truncated);
  ADD_ONCE ("/changed/grown", test_changed_grown);
  ADD_ONCE ("/changed/rewritten", test_changed_rewritten);
  ADD_ONCE ("/changed/replaced-by-rename", test_changed_replaced);
  g_test_add_func ("/csv/random/round-trip", test_random_round_trip);
  g_test_add_func ("/csv/random/garbage", test_random_garbage);
  ADD_ONCE ("/split/random", test_split_random);
  ADD ("/split/lines", test_split_lines);
  ADD ("/split/stray-quote", test_split_stray_quote);
  ADD ("/split/stray-quote-skip", test_split_stray_quote_skip);
  ADD ("/split/stray-quotes-cancel", test_split_stray_quotes_cancel);
  ADD ("/split/errors-in-second-part", test_split_errors_in_second_part);
  ADD ("/split/nul", test_split_nul);
  ADD_ONCE ("/split/nul-after-middle", test_split_nul_after_middle);
  ADD_ONCE ("/split/shrunk-before", test_split_shrunk_before);
  ADD ("/split/too-small", test_split_too_small);
  ADD ("/split/threads", test_split_threads);
  ADD_ONCE ("/split/changed-truncated", test_split_changed_truncated);
  ADD_ONCE ("/split/changed-first-part", test_split_changed_first_part);

  return g_test_run ();
}

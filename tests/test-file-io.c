/* test-file-io.c: a whole regular file read (FIFOs, directories and missing
 * files refused without blocking) and a whole buffer written. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file-io.h"
#include "test-util.h"

static void
test_read_regular (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = ic_test_write (dir, "a.json", "{ \"year\": 2024 }");
  g_autofree char *empty = ic_test_write (dir, "empty.json", "");
  g_autofree char *contents = NULL, *nothing = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  g_assert_true (ic_file_read_regular (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{ \"year\": 2024 }");
  g_assert_cmpuint (length, ==, 16);
  g_assert_true (ic_file_read_regular (empty, &nothing, &length, &error));
  g_assert_cmpstr (nothing, ==, "");
  g_assert_cmpuint (length, ==, 0);
  ic_test_rmtree (dir);
}

static void
test_read_refused (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  /* No writer: opening it to read would wait for ever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (ic_file_read_regular (fifo, &contents, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "is not a regular file"));
  g_clear_error (&error);
  g_assert_false (ic_file_read_regular (dir, &contents, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_assert_false (ic_file_read_regular (missing, &contents, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  ic_test_rmtree (dir);
}

static void
test_write_all (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autofree char *contents = NULL;
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (ic_write_all (fd, "6,6 %\n", 6));
  g_assert_cmpint (close (fd), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "6,6 %\n");
  /* A closed descriptor: write() fails, errno says why. */
  g_assert_false (ic_write_all (fd, "x", 1));
  g_assert_cmpint (errno, ==, EBADF);
  ic_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/file-io/read/regular", test_read_regular);
  g_test_add_func ("/file-io/read/refused", test_read_refused);
  g_test_add_func ("/file-io/write-all", test_write_all);
  return g_test_run ();
}

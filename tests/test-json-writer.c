/* test-json-writer.c: tests of core/json-writer.c. Expected texts are
 * written by hand from the rules of json-writer.h. */
#ifndef _POSIX_C_SOURCE
/* setrlimit(), SIGXFSZ under -std=c11. */
#define _POSIX_C_SOURCE 200809L
#endif

#include "json-writer.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

/* ---- helpers ---- */

static char *
write_double (double value)
{
  g_autoptr (JsonNode) node = json_node_init_double (json_node_alloc (), value);

  return ic_json_write (node, NULL);
}

static char *
write_string (const char *value)
{
  g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), value);

  return ic_json_write (node, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @dir, sorted, joined by ",": shows left-over temporary files. */
static char *
list_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static char *
make_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("ic-json-writer-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and what the tests put in it (files, and one level of
 * sub-directories). */
static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* ---- doubles ---- */

static void
test_double_shortest (void)
{
  /* 6.6 is 6.5999999999999996447... in binary: %.17g shows that, %.15g
   * gives "6.6", which reads back as the same double. */
  g_autofree char *a = write_double (6.6);
  g_autofree char *b = write_double (93.2);
  g_autofree char *c = write_double (0.1);
  g_autofree char *d = write_double (14.3);

  g_assert_cmpstr (a, ==, "6.6\n");
  g_assert_cmpstr (b, ==, "93.2\n");
  g_assert_cmpstr (c, ==, "0.1\n");
  g_assert_cmpstr (d, ==, "14.3\n");
}

static void
test_double_more_digits (void)
{
  /* 1/3: %.15g gives 0.333333333333333, another double; 16 digits are
   * needed. 0.1 + 0.2 is 0.30000000000000004440...: needs all 17. */
  g_autofree char *third = write_double (1.0 / 3.0);
  g_autofree char *sum = write_double (0.1 + 0.2);

  g_assert_cmpstr (third, ==, "0.3333333333333333\n");
  g_assert_cmpstr (sum, ==, "0.30000000000000004\n");
}

static void
test_double_integral (void)
{
  g_autofree char *a = write_double (14.0);
  g_autofree char *b = write_double (20.0);
  g_autofree char *c = write_double (-3.0);
  g_autofree char *d = write_double (100.0);

  g_assert_cmpstr (a, ==, "14\n");
  g_assert_cmpstr (b, ==, "20\n");
  g_assert_cmpstr (c, ==, "-3\n");
  g_assert_cmpstr (d, ==, "100\n");
}

static void
test_double_exponent (void)
{
  /* glibc writes 1e-07; the writer drops the exponent's padding zero. */
  g_autofree char *a = write_double (1e-7);
  g_autofree char *b = write_double (-2.5e-10);
  g_autofree char *c = write_double (1e20);
  g_autofree char *d = write_double (1.5e300);
  g_autofree char *e = write_double (1e100);

  g_assert_cmpstr (a, ==, "1e-7\n");
  g_assert_cmpstr (b, ==, "-2.5e-10\n");
  g_assert_cmpstr (c, ==, "1e+20\n");
  g_assert_cmpstr (d, ==, "1.5e+300\n");
  g_assert_cmpstr (e, ==, "1e+100\n");
  g_assert_cmpfloat (g_ascii_strtod (a, NULL), ==, 1e-7);
}

static void
test_double_round_trip (void)
{
  /* Any finite double, written and read back, is the same double: 10000
   * random bit patterns (fixed seed, so a failure reproduces). */
  g_autoptr (GRand) rand = g_rand_new_with_seed (20250301);
  guint checked = 0;

  while (checked < 10000)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double value;
      g_autofree char *text = NULL;
      char *end = NULL;

      memcpy (&value, &bits, sizeof value);
      if (!isfinite (value) || value == 0.0)
        continue;
      text = write_double (value);
      g_assert_cmpfloat (g_ascii_strtod (text, &end), ==, value);
      g_assert_cmpstr (end, ==, "\n");
      checked++;
    }
}

static void
test_double_signed_zero (void)
{
  g_autofree char *a = write_double (-0.0);
  g_autofree char *b = write_double (0.0);

  g_assert_cmpstr (a, ==, "0\n");
  g_assert_cmpstr (b, ==, "0\n");
}

static void
test_double_non_finite (void)
{
  g_autofree char *a = write_double (NAN);
  g_autofree char *b = write_double (INFINITY);
  g_autofree char *c = write_double (-INFINITY);

  g_assert_cmpstr (a, ==, "null\n");
  g_assert_cmpstr (b, ==, "null\n");
  g_assert_cmpstr (c, ==, "null\n");
}

static void
test_int_extremes (void)
{
  g_autoptr (JsonNode) max = json_node_init_int (json_node_alloc (), G_MAXINT64);
  g_autoptr (JsonNode) min = json_node_init_int (json_node_alloc (), G_MININT64);
  g_autoptr (JsonNode) zero = json_node_init_int (json_node_alloc (), 0);
  g_autofree char *a = ic_json_write (max, NULL);
  g_autofree char *b = ic_json_write (min, NULL);
  g_autofree char *c = ic_json_write (zero, NULL);

  g_assert_cmpstr (a, ==, "9223372036854775807\n");
  g_assert_cmpstr (b, ==, "-9223372036854775808\n");
  g_assert_cmpstr (c, ==, "0\n");
}

/* ---- strings ---- */

static void
test_string_escapes (void)
{
  /* '"' and '\\' get a backslash; controls get their short form or
   * \u00XX; '/', DEL and non-ASCII stay as they are. */
  g_autofree char *text = write_string ("a\"b\\c\n\t\r\b\f\x01\x1f/\x7f" "é€😀");

  g_assert_cmpstr (text, ==,
                   "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f/\x7f" "é€😀\"\n");
}

static void
test_string_empty (void)
{
  g_autofree char *text = write_string ("");

  g_assert_cmpstr (text, ==, "\"\"\n");
}

static void
test_string_invalid_utf8 (void)
{
  /* \xff is no UTF-8 byte: replaced by U+FFFD (EF BF BD), so the output
   * stays valid UTF-8. */
  g_autofree char *text = write_string ("a\xff" "b");

  g_assert_cmpstr (text, ==, "\"a\xef\xbf\xbd" "b\"\n");
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
test_string_member_name (void)
{
  g_autoptr (JsonNode) root = parse ("{\"a\\\"b\\n\": true}");
  g_autofree char *text = ic_json_write (root, NULL);

  g_assert_cmpstr (text, ==, "{\n  \"a\\\"b\\n\": true\n}\n");
}

/* ---- layout ---- */

static void
test_layout_scalars (void)
{
  g_autoptr (JsonNode) t = json_node_init_boolean (json_node_alloc (), TRUE);
  g_autoptr (JsonNode) f = json_node_init_boolean (json_node_alloc (), FALSE);
  g_autoptr (JsonNode) n = json_node_init_null (json_node_alloc ());
  g_autofree char *a = ic_json_write (t, NULL);
  g_autofree char *b = ic_json_write (f, NULL);
  g_autofree char *c = ic_json_write (n, NULL);

  g_assert_cmpstr (a, ==, "true\n");
  g_assert_cmpstr (b, ==, "false\n");
  g_assert_cmpstr (c, ==, "null\n");
}

static void
test_layout_empty (void)
{
  g_autoptr (JsonObject) empty_object = json_object_new ();
  g_autoptr (JsonArray) empty_array = json_array_new ();
  g_autoptr (JsonNode) obj = json_node_init_object (json_node_alloc (), empty_object);
  g_autoptr (JsonNode) arr = json_node_init_array (json_node_alloc (), empty_array);
  g_autoptr (JsonNode) both = parse ("{\"o\":{},\"a\":[],\"n\":[[],{}]}");
  g_autofree char *a = ic_json_write (obj, NULL);
  g_autofree char *b = ic_json_write (arr, NULL);
  g_autofree char *c = ic_json_write (both, NULL);

  g_assert_cmpstr (a, ==, "{}\n");
  g_assert_cmpstr (b, ==, "[]\n");
  g_assert_cmpstr (c, ==,
                   "{\n"
                   "  \"o\": {},\n"
                   "  \"a\": [],\n"
                   "  \"n\": [\n"
                   "    [],\n"
                   "    {}\n"
                   "  ]\n"
                   "}\n");
}

static void
test_layout_nested (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "epp_pmi_coverage");
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, 6.6);
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "operator");
  json_builder_add_string_value (builder, ">=");
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, 20.0);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "strata");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "territory");
  json_builder_add_string_value (builder, "T1");
  json_builder_set_member_name (builder, "numerator");
  json_builder_add_int_value (builder, 20);
  json_builder_end_object (builder);
  json_builder_add_int_value (builder, 3);
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  text = ic_json_write (root, &length);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"id\": \"epp_pmi_coverage\",\n"
                   "  \"value\": 6.6,\n"
                   "  \"target\": {\n"
                   "    \"operator\": \">=\",\n"
                   "    \"value\": 20\n"
                   "  },\n"
                   "  \"strata\": [\n"
                   "    {\n"
                   "      \"territory\": \"T1\",\n"
                   "      \"numerator\": 20\n"
                   "    },\n"
                   "    3,\n"
                   "    null\n"
                   "  ],\n"
                   "  \"reason\": null\n"
                   "}\n");
  g_assert_cmpuint (length, ==, strlen (text));
}

static void
test_layout_key_order (void)
{
  /* Names chosen out of alphabetical order; "alpha" set again keeps its
   * place; "mid" removed and added again goes last. */
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *names[] = { "zeta", "alpha", "mid", "beta", "aa", "z", "b1", "b0" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    json_object_set_int_member (object, names[i], (gint64) i);
  json_object_set_int_member (object, "alpha", 9);
  json_object_remove_member (object, "mid");
  json_object_set_int_member (object, "mid", 7);
  root = json_node_init_object (json_node_alloc (), object);

  text = ic_json_write (root, NULL);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"zeta\": 0,\n"
                   "  \"alpha\": 9,\n"
                   "  \"beta\": 3,\n"
                   "  \"aa\": 4,\n"
                   "  \"z\": 5,\n"
                   "  \"b1\": 6,\n"
                   "  \"b0\": 7,\n"
                   "  \"mid\": 7\n"
                   "}\n");
}

static void
test_layout_parse_round_trip (void)
{
  /* A text already in the writer's layout comes back byte for byte through
   * JsonParser and the writer: the parser keeps member order too. */
  const char *text =
    "{\n"
    "  \"bundle_version\": \"1\",\n"
    "  \"year\": 2024,\n"
    "  \"indicators\": [\n"
    "    {\n"
    "      \"title\": \"Taux de couverture des EPP réalisés par la PMI\",\n"
    "      \"value\": 6.6,\n"
    "      \"strata\": [],\n"
    "      \"details\": {},\n"
    "      \"target_met\": false\n"
    "    }\n"
    "  ],\n"
    "  \"plugins_refused\": []\n"
    "}\n";
  g_autoptr (JsonNode) root = parse (text);
  g_autofree char *again = ic_json_write (root, NULL);

  g_assert_cmpstr (again, ==, text);
}

/* ---- atomic write ---- */

static JsonNode *
sample_root (void)
{
  return parse ("{\"year\": 2024, \"value\": 6.6, \"text_fr\": "
                "\"51 femmes ont bénéficié d'un EPP réalisé par la PMI\"}");
}

static const char sample_text[] =
  "{\n"
  "  \"year\": 2024,\n"
  "  \"value\": 6.6,\n"
  "  \"text_fr\": \"51 femmes ont bénéficié d'un EPP réalisé par la PMI\"\n"
  "}\n";

static void
test_atomic_replace (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "bundle.json", NULL);
  g_autoptr (JsonNode) root = sample_root ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  GStatBuf st;
  mode_t mask;

  g_file_set_contents (path, "old\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);

  g_assert_true (ic_json_write_file_atomic (root, path, &error));
  g_assert_no_error (error);

  contents = read_file (path);
  g_assert_cmpstr (contents, ==, sample_text);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "bundle.json");

  /* The replaced file's mode is kept: a bundle kept private stays so,
   * whatever the umask (0644 less it would be 0644 under 022). */
  mask = umask (022);
  g_assert_true (ic_json_write_file_atomic (root, path, &error));
  umask (mask);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  remove_tree (dir);
}

static void
test_atomic_new_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autoptr (JsonNode) root = sample_root ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  GStatBuf st;
  mode_t mask;

  g_assert_true (ic_json_write_file_atomic (root, path, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, sample_text);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "out.json");

  /* 0644 less the umask, as for any new file. */
  mask = umask (022);
  umask (mask);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644 & ~mask);

  remove_tree (dir);
}

static void
test_atomic_missing_directory (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing", "bundle.json", NULL);
  g_autoptr (JsonNode) root = sample_root ();
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_false (ic_json_write_file_atomic (root, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, path));

  /* Nothing created, neither the directory nor a temporary file. */
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  remove_tree (dir);
}

static void
test_atomic_rename_fails (void)
{
  /* We run as root in CI, so a read-only directory would not stop us.
   * A real failure that root meets too: the target is a non-empty
   * directory. The temporary file is created and fully written, then
   * rename() fails with EISDIR: the last step fails, after everything else
   * succeeded, and the temporary file must go. */
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *inside = g_build_filename (path, "keep.txt", NULL);
  g_autoptr (JsonNode) root = sample_root ();
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *kept = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_file_set_contents (inside, "kept\n", -1, &error);
  g_assert_no_error (error);

  g_assert_false (ic_json_write_file_atomic (root, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_nonnull (strstr (error->message, path));

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "bundle.json");
  inner = list_dir (path);
  g_assert_cmpstr (inner, ==, "keep.txt");
  kept = read_file (inside);
  g_assert_cmpstr (kept, ==, "kept\n");

  remove_tree (dir);
}

static void
test_atomic_disk_full (void)
{
  /* A full disk, simulated without privileges (root cannot mount a tiny
   * tmpfs in every container, and /dev/full cannot hold the temporary file
   * which must sit beside the target): RLIMIT_FSIZE limits the size of any
   * file this process writes, root included. With the limit at 16 bytes,
   * the first write() stops short at 16 bytes and the next one fails with
   * EFBIG (SIGXFSZ ignored, or it would kill us): a failure in the middle
   * of the data, as ENOSPC would be. The old target must stay whole and the
   * temporary file must go. */
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "bundle.json", NULL);
  g_autoptr (JsonNode) root = sample_root ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  struct rlimit saved, limit;
  void (*saved_handler) (int);
  gboolean ok;

  g_file_set_contents (path, "{\"old\": true}\n", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 16;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  ok = ic_json_write_file_atomic (root, path, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_FILE_ERROR);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));

  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "{\"old\": true}\n");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "bundle.json");

  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/double/shortest", test_double_shortest);
  g_test_add_func ("/json-writer/double/more-digits", test_double_more_digits);
  g_test_add_func ("/json-writer/double/integral", test_double_integral);
  g_test_add_func ("/json-writer/double/exponent", test_double_exponent);
  g_test_add_func ("/json-writer/double/round-trip", test_double_round_trip);
  g_test_add_func ("/json-writer/double/signed-zero", test_double_signed_zero);
  g_test_add_func ("/json-writer/double/non-finite", test_double_non_finite);
  g_test_add_func ("/json-writer/int/extremes", test_int_extremes);
  g_test_add_func ("/json-writer/string/escapes", test_string_escapes);
  g_test_add_func ("/json-writer/string/empty", test_string_empty);
  g_test_add_func ("/json-writer/string/invalid-utf8", test_string_invalid_utf8);
  g_test_add_func ("/json-writer/string/member-name", test_string_member_name);
  g_test_add_func ("/json-writer/layout/scalars", test_layout_scalars);
  g_test_add_func ("/json-writer/layout/empty", test_layout_empty);
  g_test_add_func ("/json-writer/layout/nested", test_layout_nested);
  g_test_add_func ("/json-writer/layout/key-order", test_layout_key_order);
  g_test_add_func ("/json-writer/layout/parse-round-trip", test_layout_parse_round_trip);
  g_test_add_func ("/json-writer/atomic/replace", test_atomic_replace);
  g_test_add_func ("/json-writer/atomic/new-file", test_atomic_new_file);
  g_test_add_func ("/json-writer/atomic/missing-directory", test_atomic_missing_directory);
  g_test_add_func ("/json-writer/atomic/rename-fails", test_atomic_rename_fails);
  g_test_add_func ("/json-writer/atomic/disk-full", test_atomic_disk_full);

  return g_test_run ();
}

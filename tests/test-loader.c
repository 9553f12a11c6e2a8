/* test-loader.c: the plugin loader. Every reason to refuse a file has its
 * fixture plugin (tests/fixtures/refuse/, one per failure mode) or a file
 * written here (garbage, empty, text, directory, a foreign library); then
 * scans, duplicates, the search order, where the definition is found, and
 * whole runs of the fixtures that load (tests/fixtures/). */

#include "loader.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "paths.h"
#include "table-registry.h"
#include "test-util.h"

/* ---- helpers ------------------------------------------------------------ */

/* build/tests/fixtures/NAME.so (g_free). */
static char *
fixture (const char *name)
{
  g_autofree char *file = g_strconcat (name, "." G_MODULE_SUFFIX, NULL);
  return g_build_filename (ic_test_fixtures_dir (), file, NULL);
}

static const char *
refuse_dir (void)
{
  static char *dir;
  if (dir == NULL)
    dir = g_build_filename (ic_test_fixtures_dir (), "refuse", NULL);
  return dir;
}

/* build/tests/fixtures/refuse/NAME.so (g_free). */
static char *
refuse_fixture (const char *name)
{
  g_autofree char *file = g_strconcat (name, "." G_MODULE_SUFFIX, NULL);
  return g_build_filename (refuse_dir (), file, NULL);
}

static const char *
source_definitions (void)
{
  static char *dir;
  if (dir == NULL)
    dir = g_build_filename (ic_test_source_dir (), "indicators", NULL);
  return dir;
}

/* Copies @from to DIR/NAME; returns the new path (g_free). */
static char *
copy_file (const char *from, const char *dir, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  char *to = g_build_filename (dir, name, NULL);

  g_file_get_contents (from, &data, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, (gssize) length, &error);
  g_assert_no_error (error);
  return to;
}

/* Copies fixture_good.so, and its definition unless @with_definition is
 * FALSE, into @dir. Returns the plugin's new path (g_free). */
static char *
copy_good (const char *dir, const char *name, gboolean with_definition)
{
  g_autofree char *so = fixture ("fixture_good");
  if (with_definition)
    {
      g_autofree char *json = g_build_filename (ic_test_fixtures_dir (), "fixture_good.json", NULL);
      g_autofree char *copy = copy_file (json, dir, "fixture_good.json");
    }
  return copy_file (so, dir, name);
}

/* fixture_good.json with another title: tells which copy was read. */
static char *
good_definition_titled (const char *title)
{
  return g_strdup_printf ("{ \"id\": \"fixture_good\", \"version\": \"1.2.3\", \"title\": \"%s\",\n"
                          "  \"solen\": { \"engagement\": 9, \"objective\": 8, \"label\": \"Test fixture\" },\n"
                          "  \"period\": \"calendar_year\", \"unit\": \"%%\", \"target\": null,\n"
                          "  \"numerator\": \"n\", \"denominator\": \"d\", \"text_fr\": \"{value} %%\" }\n",
                          title);
}

/* Asserts @haystack contains @needle, and says both when it does not. */
#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack), *n_ = (needle); \
    if (h_ == NULL || strstr (h_, n_) == NULL) \
      g_error ("\"%s\" does not contain \"%s\"", h_ ? h_ : "(null)", n_); \
  } G_STMT_END

static const IcRefusal *
find_refusal (IcPluginSet *set, const char *path)
{
  for (guint i = 0; i < set->refused->len; i++)
    {
      const IcRefusal *refusal = set->refused->pdata[i];
      if (strcmp (refusal->path, path) == 0)
        return refusal;
    }
  return NULL;
}

/* ---- refusals of the fixture plugins ------------------------------------ */

typedef struct {
  const char *path;     /* /loader/refuse/... */
  const char *fixture;  /* in build/tests/fixtures/refuse/ */
  IcLoaderError code;
  const char *phrase;   /* what the terminal's reason (C locale) must say; NULL: computed by the test */
  const char *french;   /* what the reason in bundles and reports must say, written by hand; NULL: computed */
} RefuseCase;

/* The descriptor of ABI 1.0, field by field: magic 4 + size 4 + major 2 +
 * minor 2 = 12, padded to a pointer's alignment, then five pointers (id,
 * version, tables, populations, compute). LP64: 16 + 5 × 8 = 56; ILP32:
 * 12 + 5 × 4 = 32. The header alone (fixture_too_small) is 12 bytes. */
#define SIZE_1_0 (GLIB_SIZEOF_VOID_P == 8 ? 56 : 32)

static const RefuseCase refuse_cases[] = {
  { "/loader/refuse/no-descriptor", "fixture_no_descriptor", IC_LOADER_ERROR_NO_DESCRIPTOR,
    "without the ic_plugin_descriptor symbol",
    "bibliothèque partagée sans le symbole ic_plugin_descriptor : ce n'est pas un module indicore" },
  { "/loader/refuse/bad-magic", "fixture_bad_magic", IC_LOADER_ERROR_BAD_MAGIC, "wrong magic number",
    "ic_plugin_descriptor n'est pas un descripteur de module indicore (nombre magique erroné)" },
  { "/loader/refuse/too-small", "fixture_too_small", IC_LOADER_ERROR_TOO_SMALL, NULL, NULL },
  /* magic 4 + size 4 = 8; the header adds major 2 + minor 2 = 12 */
  { "/loader/refuse/too-small-header", "fixture_too_small_header", IC_LOADER_ERROR_TOO_SMALL,
    "descriptor of 8 bytes, smaller than the 12 bytes of its header",
    "descripteur de 8 octets, plus petit que les 12 octets de son en-tête" },
  { "/loader/refuse/abi-major", "fixture_abi_major_0", IC_LOADER_ERROR_ABI_MAJOR,
    "built for plugin ABI 0.9, while this engine has ABI 1.",
    "construit pour l'ABI de module 0.9, alors que ce moteur a l'ABI 1." },
  { "/loader/refuse/abi-major-future-layout", "fixture_abi_major_2", IC_LOADER_ERROR_ABI_MAJOR,
    "built for plugin ABI 2.0, while this engine has ABI 1.",
    "construit pour l'ABI de module 2.0, alors que ce moteur a l'ABI 1." },
  { "/loader/refuse/abi-minor", "fixture_abi_minor", IC_LOADER_ERROR_ABI_MINOR, NULL, NULL },
  { "/loader/refuse/bad-id", "fixture_bad_id", IC_LOADER_ERROR_INVALID,
    "id \"Bad-Id\": the id must be 1 to 64 characters of a-z, 0-9 and _",
    "descripteur invalide : identifiant « Bad-Id » : un identifiant fait de 1 à 64 caractères parmi a-z, 0-9 et _" },
  { "/loader/refuse/no-version", "fixture_no_version", IC_LOADER_ERROR_INVALID, "no version",
    "descripteur invalide : pas de version" },
  { "/loader/refuse/no-compute", "fixture_no_compute", IC_LOADER_ERROR_INVALID, "no compute function",
    "descripteur invalide : pas de fonction de calcul" },
  { "/loader/refuse/no-tables", "fixture_no_tables", IC_LOADER_ERROR_INVALID, "no table declared",
    "descripteur invalide : aucune table déclarée" },
  { "/loader/refuse/unknown-table", "fixture_unknown_table", IC_LOADER_ERROR_INVALID, "unknown table \"nope\"",
    "descripteur invalide : table « nope » inconnue" },
  { "/loader/refuse/unknown-column", "fixture_unknown_column", IC_LOADER_ERROR_INVALID,
    "column \"pmi_acts.nope\" is no \"table.column\" of a declared table",
    "descripteur invalide : la colonne « pmi_acts.nope » n'est pas « table.colonne » d'une table déclarée" },
  { "/loader/refuse/column-undeclared-table", "fixture_column_undeclared_table", IC_LOADER_ERROR_INVALID,
    "column \"ip.received_date\" is no \"table.column\" of a declared table",
    "descripteur invalide : la colonne « ip.received_date » n'est pas « table.colonne » d'une table déclarée" },
  { "/loader/refuse/empty-population", "fixture_empty_population", IC_LOADER_ERROR_INVALID,
    "tables and populations must be NULL-terminated lists of at most 64 non-empty names",
    "les tables et les populations doivent être des listes terminées par NULL d'au plus 64 noms non vides" },
  { "/loader/refuse/no-definition", "fixture_no_definition", IC_LOADER_ERROR_NO_DEFINITION,
    "no definition file fixture_no_definition.json beside the plugin nor in ",
    "aucun fichier de définition fixture_no_definition.json ni à côté du module ni dans " },
  /* The detail of an invalid definition is for the plugin's author, in
   * the terminal; a report says which file and where to look. */
  { "/loader/refuse/definition-unknown-member", "fixture_definition_member", IC_LOADER_ERROR_BAD_DEFINITION,
    "fixture_definition_member.json: member \"threshold\": unknown member",
    "le fichier de définition fixture_definition_member.json est invalide (le détail est donné par « indicore list »)" },
  /* The comma is missing after line 4, `  "title": "...not JSON"`: 2 spaces
   * + 7 for "title" + ':' + ' ' + 40 for the quoted title = 51 characters.
   * json-glib points at the end of the token the comma should follow. */
  { "/loader/refuse/definition-syntax", "fixture_definition_syntax", IC_LOADER_ERROR_BAD_DEFINITION,
    "fixture_definition_syntax.json:4:51: Parse error",
    "le fichier de définition fixture_definition_syntax.json est invalide" },
  { "/loader/refuse/definition-other-id", "fixture_definition_other_id", IC_LOADER_ERROR_BAD_DEFINITION,
    "has id \"fixture_good\", not \"fixture_definition_other_id\"",
    "a l'identifiant « fixture_good » et non « fixture_definition_other_id »" },
};

/* The reason of @c in the terminal (C locale), or in French when @french,
 * when it depends on the build. */
static char *
refuse_phrase (const RefuseCase *c, gboolean french)
{
  if ((french ? c->french : c->phrase) != NULL)
    return g_strdup (french ? c->french : c->phrase);
  if (c->code == IC_LOADER_ERROR_TOO_SMALL)
    return g_strdup_printf (french ? "descripteur de 12 octets, plus petit que les %d octets de l'ABI 1.0"
                                   : "descriptor of 12 bytes, smaller than the %d bytes of ABI 1.0", SIZE_1_0);
  if (c->code == IC_LOADER_ERROR_ABI_MINOR)
    return g_strdup_printf (french ? "construit pour l'ABI de module %d.%d, plus récente que l'ABI %d.%d de ce moteur"
                                   : "built for plugin ABI %d.%d, newer than this engine's ABI %d.%d",
                            IC_ABI_MAJOR, IC_ABI_MINOR + 1, IC_ABI_MAJOR, IC_ABI_MINOR);
  g_assert_not_reached ();
  return NULL;
}

/* Each fixture's compute aborts: reaching the end also shows that no code
 * of the refused plugin ran. The definitions directory is the real one,
 * which holds no fixture's definition. */
static void
test_refuse (gconstpointer data)
{
  const RefuseCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = refuse_fixture (c->fixture);
  g_autofree char *phrase = refuse_phrase (c, FALSE);
  g_autofree char *french = refuse_phrase (c, TRUE);
  g_autoptr (IcPlugin) plugin = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  plugin = ic_plugin_load (path, source_definitions (), &error);
  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, (gint) c->code);
  assert_contains (error->message, phrase);
  assert_contains (ic_loader_error_french (error), french);
}

/* The whole refuse/ directory in one scan: nothing loads, each file is
 * refused for its own reason, in file-name order, and no compute ran. */
static void
test_refuse_scan_all (void)
{
  const char *dirs[] = { refuse_dir (), NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, source_definitions ());

  g_assert_cmpuint (set->plugins->len, ==, 0);
  g_assert_cmpuint (set->refused->len, ==, G_N_ELEMENTS (refuse_cases));
  for (guint i = 0; i < G_N_ELEMENTS (refuse_cases); i++)
    {
      g_autofree char *path = refuse_fixture (refuse_cases[i].fixture);
      const IcRefusal *refusal = find_refusal (set, path);
      g_autofree char *phrase = refuse_phrase (&refuse_cases[i], FALSE);
      g_autofree char *french = refuse_phrase (&refuse_cases[i], TRUE);

      g_assert_nonnull (refusal);
      g_assert_cmpint (refusal->code, ==, refuse_cases[i].code);
      assert_contains (refusal->message, phrase);
      assert_contains (refusal->reason, french);
    }
  for (guint i = 1; i < set->refused->len; i++)
    g_assert_cmpstr (((IcRefusal *) set->refused->pdata[i - 1])->path, <,
                     ((IcRefusal *) set->refused->pdata[i])->path);
}

static void
test_refuse_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "absent.so", NULL);
  g_autoptr (IcPlugin) plugin = ic_plugin_load (path, NULL, &error);

  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_NOT_A_FILE);
  assert_contains (error->message, "not a regular file");
  ic_test_rmtree (dir);
}

/* ---- refusals of files that are not plugins at all ----------------------- */

/* A temporary directory of bad files named *.so, beside a good plugin. */
typedef struct {
  char *dir;
  char *good;
  char *garbage;    /* random bytes */
  char *empty;      /* zero bytes */
  char *notes;      /* a text file */
  char *directory;  /* a directory */
  char *truncated;  /* the first 64 bytes of an ELF shared object */
  char *plain;      /* a real shared object without the descriptor */
  char *foreign;    /* the system's libm, when found */
} Garbage;

static const char *const libm_candidates[] = {
  "/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
  "/lib/aarch64-linux-gnu/libm.so.6", "/usr/lib64/libm.so.6", "/lib64/libm.so.6",
  "/usr/lib/libm.so.6", "/lib/libm.so.6", NULL
};

static void
garbage_set_up (Garbage *g, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *no_descriptor = refuse_fixture ("fixture_no_descriptor");
  g_autofree char *elf = NULL;
  guchar bytes[4096];
  gsize elf_length;
  (void) data;

  g->dir = ic_test_tmpdir ();
  g->good = copy_good (g->dir, "fixture_good.so", TRUE);

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guchar) g_test_rand_int_range (0, 256);
  bytes[0] = 'G'; /* never "\x7fELF" by chance */
  g->garbage = g_build_filename (g->dir, "garbage.so", NULL);
  g_file_set_contents (g->garbage, (const char *) bytes, sizeof bytes, &error);
  g_assert_no_error (error);

  g->empty = ic_test_write (g->dir, "empty.so", "");
  g->notes = ic_test_write (g->dir, "notes.so", "Notes on the plugins to write:\n- EPNP coverage\n");
  g->directory = g_build_filename (g->dir, "dir.so", NULL);
  g_assert_cmpint (g_mkdir (g->directory, 0755), ==, 0);

  g_file_get_contents (g->good, &elf, &elf_length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elf_length, >, 64);
  g_assert_true (memcmp (elf, "\x7f" "ELF", 4) == 0);
  g->truncated = g_build_filename (g->dir, "truncated.so", NULL);
  g_file_set_contents (g->truncated, elf, 64, &error);
  g_assert_no_error (error);

  g->plain = copy_file (no_descriptor, g->dir, "plain.so");
  for (guint i = 0; libm_candidates[i] && g->foreign == NULL; i++)
    if (g_file_test (libm_candidates[i], G_FILE_TEST_IS_REGULAR))
      g->foreign = copy_file (libm_candidates[i], g->dir, "foreign.so");
  if (g->foreign == NULL)
    g_test_message ("no libm.so.6 found: the foreign library case is left out");

  /* Not a *.so name: a scan does not even look at it. */
  g_free (ic_test_write (g->dir, "README.txt", "not a plugin"));
}

static void
garbage_tear_down (Garbage *g, gconstpointer data)
{
  (void) data;
  ic_test_rmtree (g->dir);
  g_free (g->dir);
  g_free (g->good);
  g_free (g->garbage);
  g_free (g->empty);
  g_free (g->notes);
  g_free (g->directory);
  g_free (g->truncated);
  g_free (g->plain);
  g_free (g->foreign);
}

static void
assert_refused (const char *path, IcLoaderError code, const char *phrase)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcPlugin) plugin = ic_plugin_load (path, NULL, &error);

  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, (gint) code);
  assert_contains (error->message, phrase);
}

static void
test_garbage_random (Garbage *g, gconstpointer data)
{
  (void) data;
  assert_refused (g->garbage, IC_LOADER_ERROR_NOT_A_MODULE, "not a loadable shared object: ");
}

static void
test_garbage_empty (Garbage *g, gconstpointer data)
{
  (void) data;
  assert_refused (g->empty, IC_LOADER_ERROR_NOT_A_MODULE, "not a loadable shared object: ");
}

static void
test_garbage_text (Garbage *g, gconstpointer data)
{
  (void) data;
  assert_refused (g->notes, IC_LOADER_ERROR_NOT_A_MODULE, "not a loadable shared object: ");
}

static void
test_garbage_directory (Garbage *g, gconstpointer data)
{
  (void) data;
  assert_refused (g->directory, IC_LOADER_ERROR_NOT_A_FILE, "not a regular file");
}

static void
test_garbage_truncated (Garbage *g, gconstpointer data)
{
  (void) data;
  assert_refused (g->truncated, IC_LOADER_ERROR_NOT_A_MODULE, "not a loadable shared object: ");
}

static void
test_garbage_plain_library (Garbage *g, gconstpointer data)
{
  (void) data;
  assert_refused (g->plain, IC_LOADER_ERROR_NO_DESCRIPTOR, "not an indicore plugin");
}

static void
test_garbage_foreign_library (Garbage *g, gconstpointer data)
{
  (void) data;
  if (g->foreign == NULL)
    {
      g_test_skip ("no libm.so.6 on this system");
      return;
    }
  assert_refused (g->foreign, IC_LOADER_ERROR_NO_DESCRIPTOR, "not an indicore plugin");
}

/* One scan of the whole directory: the good plugin loads, each bad file is
 * refused with its own code, in file-name order, README.txt is ignored. */
static void
test_garbage_scan (Garbage *g, gconstpointer data)
{
  const char *dirs[] = { g->dir, NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, NULL);
  struct { const char *path; IcLoaderError code; } expected[] = {
    /* strcmp order of the names */
    { g->directory, IC_LOADER_ERROR_NOT_A_FILE },     /* dir.so */
    { g->empty, IC_LOADER_ERROR_NOT_A_MODULE },       /* empty.so */
    { g->foreign, IC_LOADER_ERROR_NO_DESCRIPTOR },    /* foreign.so (fixture_good.so loads) */
    { g->garbage, IC_LOADER_ERROR_NOT_A_MODULE },     /* garbage.so */
    { g->notes, IC_LOADER_ERROR_NOT_A_MODULE },       /* notes.so */
    { g->plain, IC_LOADER_ERROR_NO_DESCRIPTOR },      /* plain.so */
    { g->truncated, IC_LOADER_ERROR_NOT_A_MODULE },   /* truncated.so */
  };
  guint k = 0;
  (void) data;

  g_assert_cmpuint (set->plugins->len, ==, 1);
  g_assert_cmpstr (((IcPlugin *) set->plugins->pdata[0])->path, ==, g->good);
  g_assert_cmpuint (set->refused->len, ==, G_N_ELEMENTS (expected) - (g->foreign ? 0 : 1));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const IcRefusal *refusal;
      if (expected[i].path == NULL)
        continue;
      refusal = set->refused->pdata[k++];
      g_assert_cmpstr (refusal->path, ==, expected[i].path);
      g_assert_cmpint (refusal->code, ==, expected[i].code);
      g_assert_cmpstr (refusal->reason, !=, "");
    }
}

/* ---- loading ------------------------------------------------------------- */

static void
test_load_good (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("fixture_good");
  g_autofree char *json = g_build_filename (ic_test_fixtures_dir (), "fixture_good.json", NULL);
  g_autoptr (IcPlugin) plugin = ic_plugin_load (path, NULL, &error);
  const IcPluginInfo *d;

  g_assert_no_error (error);
  g_assert_nonnull (plugin);
  g_assert_cmpstr (plugin->path, ==, path);
  g_assert_cmpstr (plugin->file, ==, "fixture_good.so");
  /* What the scanner copied out of the descriptor (magic, size and
   * compute were checked there). */
  d = &plugin->info;
  g_assert_cmpuint (d->abi_major, ==, IC_ABI_MAJOR);
  g_assert_cmpuint (d->abi_minor, ==, IC_ABI_MINOR);
  g_assert_cmpstr (d->id, ==, "fixture_good");
  g_assert_cmpstr (d->version, ==, "1.2.3");
  g_assert_cmpstr (d->tables[0], ==, "pmi_acts");
  g_assert_null (d->tables[1]);
  g_assert_null (d->populations);
  /* The file stays open: every process loads that very file. */
  g_assert_cmpint (plugin->fd, >, 2);
  /* The definition beside the plugin (the copy meson made). */
  g_assert_cmpstr (plugin->definition->path, ==, json);
  g_assert_cmpstr (plugin->definition->id, ==, "fixture_good");
  g_assert_cmpstr (plugin->definition->title, ==, "Fixture: persons seen by the PMI over acts");
}

/* A bare file name is the file in the current directory, as for any
 * program; dlopen() alone would search the library path instead. */
static void
test_load_relative_path (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *copy = copy_good (dir, "fixture_good.so", TRUE);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr (IcPlugin) plugin = NULL;

  g_assert_cmpint (g_chdir (dir), ==, 0);
  plugin = ic_plugin_load ("fixture_good.so", NULL, &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (plugin->path, ==, "fixture_good.so");
  g_assert_cmpstr (plugin->info.id, ==, "fixture_good");
  ic_test_rmtree (dir);
}

/* ID.json beside the plugin comes before the definitions directory; the
 * definitions directory serves when there is none beside it. */
static void
test_load_definition_beside_first (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *plugins = ic_test_tmpdir ();
  g_autofree char *definitions = ic_test_tmpdir ();
  g_autofree char *so = copy_good (plugins, "fixture_good.so", FALSE);
  g_autofree char *beside_text = good_definition_titled ("Beside");
  g_autofree char *central_text = good_definition_titled ("Central");
  g_autofree char *beside = ic_test_write (plugins, "fixture_good.json", beside_text);
  g_autofree char *central = ic_test_write (definitions, "fixture_good.json", central_text);
  IcPlugin *plugin;

  plugin = ic_plugin_load (so, definitions, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plugin->definition->title, ==, "Beside");
  g_assert_cmpstr (plugin->definition->path, ==, beside);
  ic_plugin_free (plugin);

  g_assert_cmpint (g_unlink (beside), ==, 0);
  plugin = ic_plugin_load (so, definitions, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plugin->definition->title, ==, "Central");
  g_assert_cmpstr (plugin->definition->path, ==, central);
  ic_plugin_free (plugin);

  /* Neither: the reason names both places. */
  g_assert_cmpint (g_unlink (central), ==, 0);
  plugin = ic_plugin_load (so, definitions, &error);
  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_NO_DEFINITION);
  assert_contains (error->message, "no definition file fixture_good.json beside the plugin nor in ");
  assert_contains (error->message, definitions);

  ic_test_rmtree (plugins);
  ic_test_rmtree (definitions);
}

/* Trusted paths: code is loaded only from files and directories nobody but
 * their owner (root or us) can write. */
static void
test_refuse_untrusted_mode (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *plugins = ic_test_tmpdir ();
  g_autofree char *so = copy_good (plugins, "fixture_good.so", TRUE);
  IcPlugin *plugin;

  /* The copy is trusted as it is (0644 in a 0700 directory). */
  g_assert_cmpint (g_chmod (so, 0644), ==, 0);
  plugin = ic_plugin_load (so, NULL, &error);
  g_assert_no_error (error);
  ic_plugin_free (plugin);

  g_assert_cmpint (g_chmod (so, 0666), ==, 0);
  plugin = ic_plugin_load (so, NULL, &error);
  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_UNTRUSTED);
  assert_contains (error->message, "untrusted plugin file");
  assert_contains (error->message, "writable by anyone (mode 0666)");
  assert_contains (ic_loader_error_french (error), "fichier de module ");
  assert_contains (ic_loader_error_french (error), " non sûr : tout le monde peut y écrire (mode 0666) : « chmod go-w » le corrige");
  g_clear_error (&error);

  /* A group that is not root's may not write it either. */
  g_assert_cmpint (g_chmod (so, 0664), ==, 0);
  g_assert_cmpint (chown (so, (uid_t) -1, 4242), ==, 0);
  plugin = ic_plugin_load (so, NULL, &error);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_UNTRUSTED);
  assert_contains (error->message, "writable by its group (mode 0664)");
  assert_contains (ic_loader_error_french (error), " non sûr : son groupe peut y écrire (mode 0664)");
  g_clear_error (&error);

  /* Nor a directory anyone can write into. */
  g_assert_cmpint (g_chmod (so, 0644), ==, 0);
  g_assert_cmpint (g_chmod (plugins, 0777), ==, 0);
  plugin = ic_plugin_load (so, NULL, &error);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_UNTRUSTED);
  assert_contains (error->message, "untrusted plugin directory");
  assert_contains (ic_loader_error_french (error), "dossier de modules ");
  ic_test_rmtree (plugins);
}

static void
test_refuse_untrusted_owner (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *plugins = NULL, *so = NULL, *expected = NULL;
  IcPlugin *plugin;

  if (geteuid () != 0)
    {
      /* Giving a file away takes root; the mode checks above run for anyone. */
      g_test_skip ("needs root to chown a file to another user");
      return;
    }
  plugins = ic_test_tmpdir ();
  so = copy_good (plugins, "fixture_good.so", TRUE);
  g_assert_cmpint (chown (so, 4242, (gid_t) -1), ==, 0);
  plugin = ic_plugin_load (so, NULL, &error);
  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_UNTRUSTED);
  expected = g_strdup_printf ("owned by uid 4242, neither root nor the user running indicore (uid %u)",
                              (guint) geteuid ());
  assert_contains (error->message, expected);
  g_free (expected);
  expected = g_strdup_printf (" non sûr : il appartient à l'uid 4242, qui n'est ni root ni l'utilisateur "
                              "qui lance indicore (uid %u)", (guint) geteuid ());
  assert_contains (ic_loader_error_french (error), expected);
  ic_test_rmtree (plugins);
}

static char *write_data (void);
static void assert_status (const IcResult *r, IcStatus status);

/* The path is walked from / without following links: a plugin file that
 * is a symbolic link is refused (its target could be swapped), and so is
 * a directory anyone may write into anywhere above the plugin. */
static void
test_refuse_symlink (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *plugins = ic_test_tmpdir ();
  g_autofree char *so = copy_good (plugins, "fixture_good.so", TRUE);
  g_autofree char *link = g_build_filename (plugins, "link.so", NULL);
  g_autoptr (IcPlugin) plugin = NULL;

  g_assert_cmpint (symlink (so, link), ==, 0);
  plugin = ic_plugin_load (link, NULL, &error);
  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_UNTRUSTED);
  assert_contains (error->message, "a symbolic link");
  ic_test_rmtree (plugins);
}

static void
test_refuse_untrusted_ancestor (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *top = ic_test_tmpdir ();
  g_autofree char *inner = g_build_filename (top, "a", "b", NULL);
  g_autofree char *middle = g_build_filename (top, "a", NULL);
  g_autofree char *so = NULL;
  IcPlugin *plugin;

  g_assert_cmpint (g_mkdir_with_parents (inner, 0755), ==, 0);
  so = copy_good (inner, "fixture_good.so", TRUE);
  plugin = ic_plugin_load (so, NULL, &error);
  g_assert_no_error (error);
  ic_plugin_free (plugin);

  /* Two levels above the plugin: anyone could rename b and put another in its place. */
  g_assert_cmpint (g_chmod (middle, 0777), ==, 0);
  plugin = ic_plugin_load (so, NULL, &error);
  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_UNTRUSTED);
  assert_contains (error->message, "untrusted plugin directory");
  assert_contains (error->message, "writable by anyone (mode 0777)");
  g_clear_error (&error);

  /* Sticky, as /tmp is: nobody may move what is not theirs. */
  g_assert_cmpint (g_chmod (middle, 01777), ==, 0);
  plugin = ic_plugin_load (so, NULL, &error);
  g_assert_no_error (error);
  ic_plugin_free (plugin);
  ic_test_rmtree (top);
}

/* The file checked is the file loaded: the plugin stays open from its
 * check, and a file put at its path afterwards changes nothing. */
static void
test_load_swapped_after_check (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *plugins = ic_test_tmpdir ();
  g_autofree char *so = copy_good (plugins, "fixture_good.so", TRUE);
  g_autofree char *failing = fixture ("fixture_failing");
  g_autofree char *other = copy_file (failing, plugins, "other.so");
  const char *dirs[] = { plugins, NULL };
  g_autoptr (IcPluginSet) set = NULL;
  g_autoptr (IcRun) run = NULL;
  const IcResult *r;

  g_assert_cmpint (g_unlink (other), ==, 0);
  g_free (other);
  set = ic_plugin_set_scan (dirs, NULL);
  g_assert_cmpuint (set->plugins->len, ==, 1);
  other = copy_file (failing, plugins, "swap.tmp");
  g_assert_cmpint (g_rename (other, so), ==, 0);

  data = g_strdup (plugins);
  g_free (ic_test_write (plugins, "pmi_acts.csv", "act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n"
                                                  "A01,EPP,2024-01-15,W1,,PMI,SF,Nord\n"));
  run = ic_test_run (set, data, 2024, "fixture_good", FALSE, NULL, &error);
  g_assert_no_error (error);
  r = ic_test_result (run, "fixture_good");
  /* fixture_good, not fixture_failing: 1 PMI person over 1 act. */
  assert_status (r, IC_STATUS_OK);
  g_assert_cmpint (r->numerator, ==, 1);
  g_assert_cmpint (r->denominator, ==, 1);
  ic_test_rmtree (plugins);
}

/* No plugin code in this process: neither a scan nor an isolated run
 * maps a plugin file here. */
static void
test_no_plugin_code_here (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  g_autofree char *maps = NULL;
  const char *dirs[] = { refuse_dir (), ic_test_fixtures_dir (), NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, source_definitions ());
  g_autoptr (IcRun) run = ic_test_run (set, data, 2024, NULL, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_assert_null (strstr (maps, "fixture_"));
  ic_test_rmtree (data);
}

/* An invalid definition beside the plugin is an error, not a reason to
 * fall back silently on the definitions directory. */
static void
test_load_definition_beside_invalid (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *plugins = ic_test_tmpdir ();
  g_autofree char *definitions = ic_test_tmpdir ();
  g_autofree char *so = copy_good (plugins, "fixture_good.so", FALSE);
  g_autofree char *central_text = good_definition_titled ("Central");
  g_autofree char *beside = ic_test_write (plugins, "fixture_good.json", "{ \"id\": \"fixture_good\" ");
  g_autofree char *central = ic_test_write (definitions, "fixture_good.json", central_text);
  g_autoptr (IcPlugin) plugin = ic_plugin_load (so, definitions, &error);

  g_assert_null (plugin);
  g_assert_error (error, IC_LOADER_ERROR, IC_LOADER_ERROR_BAD_DEFINITION);
  assert_contains (error->message, beside);
  ic_test_rmtree (plugins);
  ic_test_rmtree (definitions);
}

/* ---- scans --------------------------------------------------------------- */

/* build/tests/fixtures/: what `indicore list --plugins` shows of it. The
 * refuse/ sub-directory is not looked into. Plugins are sorted by id. */
static void
test_scan_fixtures (void)
{
  const char *dirs[] = { ic_test_fixtures_dir (), NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, NULL);

  g_assert_cmpuint (set->refused->len, ==, 0);
  g_assert_cmpuint (set->plugins->len, ==, 3);
  g_assert_cmpstr (((IcPlugin *) set->plugins->pdata[0])->info.id, ==, "fixture_failing");
  g_assert_cmpstr (((IcPlugin *) set->plugins->pdata[1])->info.id, ==, "fixture_good");
  g_assert_cmpstr (((IcPlugin *) set->plugins->pdata[2])->info.id, ==, "fixture_not_available");
  g_assert_true (ic_plugin_set_find (set, "fixture_good") == set->plugins->pdata[1]);
  g_assert_null (ic_plugin_set_find (set, "fixture"));
}

/* The same id in two directories (a development copy given with --plugins
 * and the installed plugin): the first in the search order wins, the second
 * is set aside with a warning naming both, and is not a refusal. */
static void
test_scan_override (void)
{
  g_autofree char *one = ic_test_tmpdir ();
  g_autofree char *two = ic_test_tmpdir ();
  g_autofree char *first = copy_good (one, "fixture_good.so", TRUE);
  g_autofree char *second = copy_good (two, "fixture_good.so", TRUE);
  g_autofree char *warning = NULL;
  const char *dirs[] = { one, two, NULL };
  const IcRefusal *overridden;
  IcPluginSet *set = ic_plugin_set_scan (dirs, NULL);

  g_assert_cmpuint (set->plugins->len, ==, 1);
  g_assert_cmpstr (((IcPlugin *) set->plugins->pdata[0])->path, ==, first);
  g_assert_cmpuint (set->refused->len, ==, 0);
  g_assert_cmpuint (set->overridden->len, ==, 1);
  overridden = set->overridden->pdata[0];
  g_assert_cmpstr (overridden->path, ==, second);
  g_assert_cmpint (overridden->code, ==, IC_LOADER_ERROR_DUPLICATE);
  warning = g_strdup_printf ("%s overrides %s, of the same id \"fixture_good\" later in the search order", first, second);
  g_assert_cmpstr (overridden->message, ==, warning);
  assert_contains (overridden->reason, " remplace ");
  ic_plugin_set_free (set);

  /* The other order, the other winner. */
  dirs[0] = two, dirs[1] = one;
  set = ic_plugin_set_scan (dirs, NULL);
  g_assert_cmpstr (((IcPlugin *) set->plugins->pdata[0])->path, ==, second);
  g_assert_cmpstr (((IcRefusal *) set->overridden->pdata[0])->path, ==, first);
  g_assert_cmpuint (set->refused->len, ==, 0);
  ic_plugin_set_free (set);

  ic_test_rmtree (one);
  ic_test_rmtree (two);
}

/* Two files of one id in one directory: the first by name wins. */
static void
test_scan_duplicate_same_directory (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *b = copy_good (dir, "b.so", TRUE);
  g_autofree char *a = copy_good (dir, "a.so", TRUE);
  const char *dirs[] = { dir, NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, NULL);

  g_assert_cmpuint (set->plugins->len, ==, 1);
  g_assert_cmpstr (((IcPlugin *) set->plugins->pdata[0])->path, ==, a);
  g_assert_cmpuint (set->refused->len, ==, 1);
  g_assert_cmpstr (((IcRefusal *) set->refused->pdata[0])->path, ==, b);
  g_assert_cmpint (((IcRefusal *) set->refused->pdata[0])->code, ==, IC_LOADER_ERROR_DUPLICATE);
  assert_contains (((IcRefusal *) set->refused->pdata[0])->message, "duplicate id \"fixture_good\"");
  assert_contains (((IcRefusal *) set->refused->pdata[0])->reason, ", trouvé avant dans l'ordre de recherche, est utilisé");
  g_assert_cmpuint (set->overridden->len, ==, 0);
  ic_test_rmtree (dir);
}

/* A directory of the search path that does not exist is listed as refused
 * (a typo in --plugins must not pass unnoticed); the others are scanned. */
static void
test_scan_missing_directory (void)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", NULL);
  const char *dirs[] = { missing, ic_test_fixtures_dir (), NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, NULL);

  g_assert_cmpuint (set->plugins->len, ==, 3);
  g_assert_cmpuint (set->refused->len, ==, 1);
  g_assert_cmpstr (((IcRefusal *) set->refused->pdata[0])->path, ==, missing);
  g_assert_cmpint (((IcRefusal *) set->refused->pdata[0])->code, ==, IC_LOADER_ERROR_NOT_A_FILE);
  ic_test_rmtree (dir);
}

/* ---- search order -------------------------------------------------------- */

static void
assert_strv (char **got, const char *const *expected)
{
  g_autofree char *got_text = g_strjoinv (" | ", got);
  g_autofree char *expected_text = g_strjoinv (" | ", (char **) expected);
  g_assert_cmpstr (got_text, ==, expected_text);
}

/* --plugins directories, then INDICORE_PLUGIN_PATH without its empty
 * entries (an empty entry must not mean the current directory), then the
 * built-in directory. */
static void
test_paths_search_order (void)
{
  const char *cli[] = { "/cli/one", "/cli/two", NULL };
  const char *builtin = ic_paths_builtin_plugins ();
  g_auto (GStrv) dirs = NULL;

  g_setenv ("INDICORE_PLUGIN_PATH", ":/env/one::/env/two:", TRUE);
  dirs = ic_paths_plugin_search (cli);
  assert_strv (dirs, (const char *const[]) { "/cli/one", "/cli/two", "/env/one", "/env/two", builtin, NULL });
  g_clear_pointer (&dirs, g_strfreev);

  dirs = ic_paths_plugin_search (NULL);
  assert_strv (dirs, (const char *const[]) { "/env/one", "/env/two", builtin, NULL });
  g_clear_pointer (&dirs, g_strfreev);

  g_setenv ("INDICORE_PLUGIN_PATH", "", TRUE);
  dirs = ic_paths_plugin_search (cli);
  assert_strv (dirs, (const char *const[]) { "/cli/one", "/cli/two", builtin, NULL });
  g_clear_pointer (&dirs, g_strfreev);

  g_setenv ("INDICORE_PLUGIN_PATH", ":::", TRUE);
  dirs = ic_paths_plugin_search (NULL);
  assert_strv (dirs, (const char *const[]) { builtin, NULL });
  g_clear_pointer (&dirs, g_strfreev);

  g_unsetenv ("INDICORE_PLUGIN_PATH");
  dirs = ic_paths_plugin_search (cli);
  assert_strv (dirs, (const char *const[]) { "/cli/one", "/cli/two", builtin, NULL });

  g_setenv ("INDICORE_PLUGIN_PATH", "", TRUE);
}

/* Whether installed or not, the built-in directories are absolute. */
static void
test_paths_builtin (void)
{
  g_assert_true (g_path_is_absolute (ic_paths_builtin_plugins ()));
  g_assert_true (g_str_has_suffix (ic_paths_builtin_plugins (), G_DIR_SEPARATOR_S "plugins"));
  g_assert_true (g_str_has_suffix (ic_paths_builtin_definitions (), G_DIR_SEPARATOR_S "indicators"));
}

/* The search order applied: a copy under --plugins beats a copy under
 * INDICORE_PLUGIN_PATH, which is set aside (overridden). */
static void
test_paths_search_order_scan (void)
{
  g_autofree char *cli_dir = ic_test_tmpdir ();
  g_autofree char *env_dir = ic_test_tmpdir ();
  g_autofree char *cli_copy = copy_good (cli_dir, "fixture_good.so", TRUE);
  g_autofree char *env_copy = copy_good (env_dir, "fixture_good.so", TRUE);
  const char *cli[] = { cli_dir, NULL };
  g_auto (GStrv) dirs = NULL;
  g_autoptr (IcPluginSet) set = NULL;
  const IcRefusal *refusal;

  g_setenv ("INDICORE_PLUGIN_PATH", env_dir, TRUE);
  dirs = ic_paths_plugin_search (cli);
  g_setenv ("INDICORE_PLUGIN_PATH", "", TRUE);
  set = ic_plugin_set_scan ((const char *const *) dirs, NULL);

  g_assert_cmpstr (ic_plugin_set_find (set, "fixture_good")->path, ==, cli_copy);
  g_assert_null (find_refusal (set, env_copy));
  g_assert_cmpuint (set->overridden->len, ==, 1);
  refusal = set->overridden->pdata[0];
  g_assert_cmpstr (refusal->path, ==, env_copy);
  assert_contains (refusal->reason, cli_copy);
  ic_test_rmtree (cli_dir);
  ic_test_rmtree (env_dir);
}

/* ---- runs of the fixtures ------------------------------------------------ */

/* Acts of 2023 to 2025 in two territories, Nord and Sud, and one act
 * without a territory. */
static const char pmi_acts_csv[] =
  "act_id,act_type,act_date,person_id,person_birth_date,provider,professional,territory\n"
  "A01,EPP,2024-01-15,W1,,PMI,SF,Nord\n"
  "A02,EPNP,2024-03-02,W1,,PMI,SF,Nord\n"
  "A03,EPP,2024-05-10,W2,,MATERNITY,SF,Nord\n"
  "A04,VAD_PRENATAL,2024-06-01,W3,,PMI,PUER,Sud\n"
  "A05,EPP,2024-12-31,W4,,PMI,SF,Sud\n"
  "A06,EPP,2023-12-31,W5,,PMI,SF,Sud\n"
  "A07,EPP,2025-01-01,W2,,PMI,SF,Nord\n"
  "A08,BSEM,2024-09-20,C1,2020-05-05,PMI,PUER,\n"
  "A09,EPP,2024-07-07,W4,,PMI,SF,Nord\n"
  "A10,EPP,2024-02-02,W6,,LIBERAL,SF,Sud\n";

static char *
write_data (void)
{
  char *dir = ic_test_tmpdir ();
  g_free (ic_test_write (dir, "pmi_acts.csv", pmi_acts_csv));
  return dir;
}

/* Asserts the status of @r, and says its reason when it is another. */
static void
assert_status (const IcResult *r, IcStatus status)
{
  if (r->status != status)
    g_error ("%s: status %s (%s), expected %s", r->id, ic_status_to_string (r->status),
             r->reason ? r->reason : "no reason", ic_status_to_string (status));
}

static const IcDetail *
find_detail (const IcResult *result, const char *key)
{
  for (guint i = 0; i < result->details->len; i++)
    if (strcmp (((IcDetail *) result->details->pdata[i])->key, key) == 0)
      return result->details->pdata[i];
  g_error ("no detail %s", key);
  return NULL;
}

static void
test_run_good (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  const char *dirs[] = { ic_test_fixtures_dir (), NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, NULL);
  g_autoptr (IcRun) run = ic_test_run (set, data, 2024, "fixture_good", FALSE, NULL, &error);
  const IcResult *r;
  const IcStratum *s;
  const IcDetail *d;
  const IcParameter *p;

  g_assert_no_error (error);
  g_assert_cmpuint (run->results->len, ==, 1);
  r = ic_test_result (run, "fixture_good");
  assert_status (r, IC_STATUS_OK);
  g_assert_cmpstr (r->plugin_file, ==, "fixture_good.so");
  g_assert_cmpstr (r->plugin_version, ==, "1.2.3");

  /* Period 2024: every act but A06 (2023-12-31) and A07 (2025-01-01).
   *   denominator = A01 A02 A03 A04 A05 A08 A09 A10 = 8 acts
   *   PMI acts: A01 A02 (W1), A04 (W3), A05 A09 (W4), A08 (C1) = 6 acts
   *   numerator = W1, W3, W4, C1 = 4 persons
   *   value = 100 × 4 / 8 = 50.0 % */
  g_assert_true (r->has_numerator && r->has_denominator);
  g_assert_cmpint (r->numerator, ==, 4);
  g_assert_cmpint (r->denominator, ==, 8);
  g_assert_true (r->has_value);
  g_assert_cmpint (r->value_tenths, ==, 500);
  /* target >= 40: 50.0 meets it */
  g_assert_cmpint (r->target_met, ==, 1);

  /* Strata, by territory name; A08 has none and counts only in the total.
   *   Nord: acts A01 A02 A03 A09 = 4; PMI persons W1 (A01 A02), W4 (A09) = 2;
   *         100 × 2 / 4 = 50.0
   *   Sud:  acts A04 A05 A10 = 3; PMI persons W3 (A04), W4 (A05) = 2;
   *         100 × 2 / 3 = 66.66... -> 66.7 */
  g_assert_cmpuint (r->strata->len, ==, 2);
  s = &g_array_index (r->strata, IcStratum, 0);
  g_assert_cmpstr (s->name, ==, "Nord");
  g_assert_cmpint (s->numerator, ==, 2);
  g_assert_cmpint (s->denominator, ==, 4);
  g_assert_cmpint (s->value_tenths, ==, 500);
  s = &g_array_index (r->strata, IcStratum, 1);
  g_assert_cmpstr (s->name, ==, "Sud");
  g_assert_cmpint (s->numerator, ==, 2);
  g_assert_cmpint (s->denominator, ==, 3);
  g_assert_cmpint (s->value_tenths, ==, 667);

  /* min_acts is 2 in fixture_good.json (the plugin's fallback is 1):
   * PMI acts per person W1 2, W3 1, W4 2, C1 1 -> W1 and W4 = 2 persons.
   * acts_per_person: 6 PMI acts / 4 persons. */
  g_assert_cmpuint (r->details->len, ==, 2);
  d = find_detail (r, "persons_with_min_acts");
  g_assert_cmpint (d->kind, ==, IC_DETAIL_INT);
  g_assert_cmpint (d->a, ==, 2);
  d = find_detail (r, "acts_per_person");
  g_assert_cmpint (d->kind, ==, IC_DETAIL_FRACTION);
  g_assert_cmpint (d->a, ==, 6);
  g_assert_cmpint (d->b, ==, 4);
  g_assert_cmpuint (r->parameters->len, ==, 1);
  p = &g_array_index (r->parameters, IcParameter, 0);
  g_assert_cmpstr (p->name, ==, "min_acts");
  g_assert_cmpint (p->value, ==, 2);

  g_assert_cmpstr (r->text_fr, ==, "4 personnes sur 8 actes en 2024, soit 50,0 %");
  g_assert_cmpuint (r->warnings->len, ==, 0);

  ic_test_rmtree (data);
}

/* Every fixture of build/tests/fixtures/ in one run: one fails, one is not
 * available, and fixture_good is computed as if alone. */
static void
test_run_failing_beside_good (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  const char *dirs[] = { ic_test_fixtures_dir (), NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, NULL);
  g_autoptr (IcRun) run = ic_test_run (set, data, 2024, NULL, FALSE, NULL, &error);
  const IcResult *r;

  g_assert_no_error (error);
  g_assert_cmpuint (run->results->len, ==, 3);
  g_assert_true (ic_run_has_error (run));

  r = ic_test_result (run, "fixture_failing");
  assert_status (r, IC_STATUS_ERROR);
  g_assert_cmpstr (r->reason, ==, "fixture_failing gives up on purpose");
  g_assert_false (r->has_value);
  g_assert_null (r->text_fr);

  r = ic_test_result (run, "fixture_not_available");
  assert_status (r, IC_STATUS_NOT_AVAILABLE);
  g_assert_cmpstr (r->reason, ==, "fixture_not_available needs 3 more years of data");
  g_assert_false (r->has_value);
  /* school_year: 1 September 2023 to 31 August 2024 */
  g_assert_cmpstr (r->period.label, ==, "2023-2024");

  /* The same figures as test_run_good. */
  r = ic_test_result (run, "fixture_good");
  assert_status (r, IC_STATUS_OK);
  g_assert_cmpint (r->numerator, ==, 4);
  g_assert_cmpint (r->denominator, ==, 8);
  g_assert_cmpint (r->value_tenths, ==, 500);
  g_assert_cmpuint (r->strata->len, ==, 2);

  ic_test_rmtree (data);
}

/* pmi_acts.csv absent: the engine says so, and fixture_good is not even
 * called. */
static void
test_run_table_absent (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = ic_test_tmpdir ();
  const char *dirs[] = { ic_test_fixtures_dir (), NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, NULL);
  g_autoptr (IcRun) run = ic_test_run (set, data, 2024, "fixture_good,fixture_failing", FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (run->results->len, ==, 2);
  for (guint i = 0; i < run->results->len; i++)
    {
      const IcResult *r = run->results->pdata[i];
      assert_status (r, IC_STATUS_NOT_AVAILABLE);
      assert_contains (r->reason, "le fichier pmi_acts.csv manque");
    }
  ic_test_rmtree (data);
}

/* The refused fixtures beside the good ones: a run computes only those
 * that loaded; none of the aborting compute functions is called. */
static void
test_run_refused_never_run (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = write_data ();
  const char *dirs[] = { refuse_dir (), ic_test_fixtures_dir (), NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, source_definitions ());
  g_autoptr (IcRun) run = NULL;

  g_assert_cmpuint (set->plugins->len, ==, 3);
  g_assert_cmpuint (set->refused->len, ==, G_N_ELEMENTS (refuse_cases));
  run = ic_test_run (set, data, 2024, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->results->len, ==, 3);
  ic_test_rmtree (data);
}

/* ---- Table schemas shipped in a plugin directory's tables/ ---- */

/* A directory holding fixture_good (it declares pmi_acts) and, in tables/,
 * the engine's pmi_acts.json, changed by @edit unless NULL. */
static char *
plugin_with_schema (gboolean changed)
{
  char *dir = ic_test_tmpdir ();
  g_autofree char *tables = g_build_filename (dir, "tables", NULL);
  g_autofree char *so = copy_good (dir, "fixture_good.so", TRUE);
  g_autofree char *engine = g_build_filename (ic_test_source_dir (), "tables", "pmi_acts.json", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (engine, &text, NULL, NULL));
  g_assert_cmpint (g_mkdir (tables, 0700), ==, 0);
  if (changed)
    {
      /* One words more: another schema of the same name. */
      char *words = strstr (text, "\"les actes de la PMI\"");
      g_assert_nonnull (words);
      memcpy (words, "\"les actes de la PMJ\"", strlen ("\"les actes de la PMJ\""));
    }
  g_free (ic_test_write (tables, "pmi_acts.json", text));
  return dir;
}

/* The engine's pmi_acts.json again, byte for byte the same: fine. */
static void
test_table_same_as_engine (void)
{
  g_autofree char *dir = plugin_with_schema (FALSE);
  const char *dirs[] = { dir, NULL };
  g_autoptr (IcPluginSet) set = ic_plugin_set_scan (dirs, source_definitions ());

  g_assert_cmpuint (set->refused->len, ==, 0);
  g_assert_cmpuint (set->plugins->len, ==, 1);
  ic_test_rmtree (dir);
}

/* Another schema of pmi_acts: the plugins declaring pmi_acts are refused,
 * the reason naming both files, in French for the bundle. In a child
 * process: the process's registry keeps the refusal. */
static void
test_table_different (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *so = NULL, *shipped = NULL, *engine = NULL, *english = NULL, *french = NULL;
  const IcRefusal *refusal;
  IcPluginSet *set;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  dir = plugin_with_schema (TRUE);
  so = g_build_filename (dir, "fixture_good.so", NULL);
  shipped = g_build_filename (dir, "tables", "pmi_acts.json", NULL);
  engine = g_strdup (ic_table_registry_path (ic_tables (), (guint) ic_table_registry_index (ic_tables (), "pmi_acts")));
  set = ic_plugin_set_scan ((const char *[]) { dir, NULL }, source_definitions ());
  g_assert_cmpuint (set->plugins->len, ==, 0);
  g_assert_cmpuint (set->refused->len, ==, 1);
  refusal = find_refusal (set, so);
  g_assert_nonnull (refusal);
  g_assert_cmpint (refusal->code, ==, IC_LOADER_ERROR_TABLE);
  english = g_strdup_printf ("two different schemas of table \"pmi_acts\": %s and %s", engine, shipped);
  french = g_strdup_printf ("deux schémas différents de la table « pmi_acts » : %s et %s", engine, shipped);
  g_assert_cmpstr (refusal->message, ==, english);
  g_assert_cmpstr (refusal->reason, ==, french);
  ic_plugin_set_free (set);
  ic_test_rmtree (dir);
}

/* An invalid schema in tables/: the folder is refused (French reason too),
 * its plugin, reading only engine tables, is not. */
static void
test_table_invalid (void)
{
  g_autofree char *dir = plugin_with_schema (FALSE);
  g_autofree char *tables = g_build_filename (dir, "tables", NULL);
  const char *dirs[] = { dir, NULL };
  g_autoptr (IcPluginSet) set = NULL;
  const IcRefusal *refusal;

  g_free (ic_test_write (tables, "zz.json", "{ \"name\": \"zz\", \"file\": \"zz.txt\" }"));
  set = ic_plugin_set_scan (dirs, source_definitions ());
  g_assert_cmpuint (set->plugins->len, ==, 1);
  refusal = find_refusal (set, tables);
  g_assert_nonnull (refusal);
  g_assert_cmpint (refusal->code, ==, IC_LOADER_ERROR_TABLE);
  g_assert_true (g_str_has_prefix (refusal->reason, "schéma de table refusé : zz.json: member \"file\""));
  g_assert_null (ic_table_spec ("zz"));
  ic_test_rmtree (dir);
}

/* ABI 1.2's columns read as data; a descriptor of ABI 1.0 (its size ending
 * with `compute`) has none read: every column of its tables is its. */
static void
test_columns_read (void)
{
  g_autofree char *with = g_build_filename (ic_test_fixtures_dir (), "declared", "fixture_columns.so", NULL);
  g_autofree char *old = g_build_filename (ic_test_fixtures_dir (), "messages", "fixture_abi_1_0.so", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcPlugin) plugin = ic_plugin_load (with, source_definitions (), &error);
  g_autoptr (IcPlugin) plugin_1_0 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (plugin->info.columns), ==, 2);
  g_assert_cmpstr (plugin->info.columns[1], ==, "pmi_acts.act_date");
  plugin_1_0 = ic_plugin_load (old, source_definitions (), &error);
  g_assert_no_error (error);
  g_assert_null (plugin_1_0->info.columns);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loader/tables/same-as-engine", test_table_same_as_engine);
  g_test_add_func ("/loader/columns/read", test_columns_read);
  g_test_add_func ("/loader/tables/different", test_table_different);
  g_test_add_func ("/loader/tables/invalid", test_table_invalid);

  for (guint i = 0; i < G_N_ELEMENTS (refuse_cases); i++)
    g_test_add_data_func (refuse_cases[i].path, &refuse_cases[i], test_refuse);
  g_test_add_func ("/loader/refuse/missing-file", test_refuse_missing_file);
  g_test_add_func ("/loader/refuse/scan-all", test_refuse_scan_all);

#define ADD_GARBAGE(path, func) \
  g_test_add (path, Garbage, NULL, garbage_set_up, func, garbage_tear_down)
  ADD_GARBAGE ("/loader/refuse/garbage", test_garbage_random);
  ADD_GARBAGE ("/loader/refuse/empty", test_garbage_empty);
  ADD_GARBAGE ("/loader/refuse/text", test_garbage_text);
  ADD_GARBAGE ("/loader/refuse/directory", test_garbage_directory);
  ADD_GARBAGE ("/loader/refuse/truncated-elf", test_garbage_truncated);
  ADD_GARBAGE ("/loader/refuse/plain-library", test_garbage_plain_library);
  ADD_GARBAGE ("/loader/refuse/foreign-library", test_garbage_foreign_library);
  ADD_GARBAGE ("/loader/scan/garbage", test_garbage_scan);

  g_test_add_func ("/loader/load/good", test_load_good);
  g_test_add_func ("/loader/refuse/untrusted-mode", test_refuse_untrusted_mode);
  g_test_add_func ("/loader/refuse/untrusted-owner", test_refuse_untrusted_owner);
  g_test_add_func ("/loader/load/relative-path", test_load_relative_path);
  g_test_add_func ("/loader/refuse/symlink", test_refuse_symlink);
  g_test_add_func ("/loader/refuse/untrusted-ancestor", test_refuse_untrusted_ancestor);
  g_test_add_func ("/loader/load/swapped-after-check", test_load_swapped_after_check);
  g_test_add_func ("/loader/run/no-plugin-code-here", test_no_plugin_code_here);
  g_test_add_func ("/loader/load/definition-beside-first", test_load_definition_beside_first);
  g_test_add_func ("/loader/load/definition-beside-invalid", test_load_definition_beside_invalid);

  g_test_add_func ("/loader/scan/fixtures", test_scan_fixtures);
  g_test_add_func ("/loader/scan/override", test_scan_override);
  g_test_add_func ("/loader/scan/duplicate-same-directory", test_scan_duplicate_same_directory);
  g_test_add_func ("/loader/scan/missing-directory", test_scan_missing_directory);

  g_test_add_func ("/loader/paths/search-order", test_paths_search_order);
  g_test_add_func ("/loader/paths/builtin", test_paths_builtin);
  g_test_add_func ("/loader/paths/search-order-scan", test_paths_search_order_scan);

  g_test_add_func ("/loader/run/good", test_run_good);
  g_test_add_func ("/loader/run/failing-beside-good", test_run_failing_beside_good);
  g_test_add_func ("/loader/run/table-absent", test_run_table_absent);
  g_test_add_func ("/loader/run/refused-never-run", test_run_refused_never_run);

  return g_test_run ();
}

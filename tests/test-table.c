/* test-table.c: the input tables of spec/data.md read into typed columns:
 * every invalid input the spec names, in strict mode (through
 * ic_table_read() and ic_dataset_load()) and with --lenient; the typed
 * values of valid input; and the privacy of the problem messages.
 *
 * Each test writes its files into a fresh temporary directory. Expected
 * messages are written out in full: `FILE:LINE:COLUMN: NAME: message`, with
 * LINE counted from 1 (header included) and COLUMN the field's position in
 * the file. The CSV reader's own wording (quotes, NUL bytes, empty files) is
 * asserted by position and a key word only, as it belongs to that module. */

#include "csv-reader.h"
#include "dataset.h"
#include "date.h"
#include "table.h"
#include "table-columns.h"
#include "table-private.h"
#include "test-util.h"
#include "indicore/indicore-plugin.h"

#include <string.h>
#include <glib/gstdio.h>

#define NBSP "\xc2\xa0"   /* U+00A0 */
#define NNBSP "\xe2\x80\xaf" /* U+202F */

#define PMI_HEADER "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\n"
#define IP_HEADER "ip_id;received_date;evaluation_end_date;territory\n"
#define BIRTHS_HEADER "birth_id;birth_date;territory\n"
#define POPULATIONS_HEADER "population;period;territory;value;source\n"

/* The messages of table.c. */
#define BAD_DATE "not a valid date (expected YYYY-MM-DD or DD/MM/YYYY, and a real day)"
#define BAD_COUNT "not a whole number (expected digits, optionally grouped by thousands with spaces; no sign)"
#define BAD_PERIOD "not a period (expected a year, 2024, or a school year, 2023-2024)"
#define DUPLICATE_ID(first) "duplicate identifier (first on line " #first ")"
#define PROVIDERS "unknown code (expected one of PMI, MATERNITY, LIBERAL, OTHER)"


/* Writes @len bytes (-1: up to the NUL) to DIR/NAME; returns the path. */
static char *
write_bytes (const char *dir, const char *name, const char *data, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* Writes the file of table @name into the fixture's directory and reads it. */
static IcTable *
read_text (IcTableFixture *f, const char *name, const char *content, gboolean lenient, GError **error)
{
  g_autofree char *path = ic_test_write (f->dir, ic_table_spec (name)->file, content);
  return ic_table_read (ic_table_spec (name), path, f->territories, lenient, NULL, f->problems, error);
}

static IcTable *
read_ok (IcTableFixture *f, const char *name, const char *content)
{
  g_autoptr (GError) error = NULL;
  IcTable *table = read_text (f, name, content, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpuint (ic_problems_count (f->problems), ==, 0);
  return table;
}

static const char *
problem (IcProblems *problems, guint i)
{
  GPtrArray *messages = ic_problems_messages (problems);
  g_assert_cmpuint (i, <, messages->len);
  return messages->pdata[i];
}

/* ------------------------------------------------------------------ */
/* Invalid input: one case a test, checked four ways. */

typedef struct {
  const char *path;
  const char *table;
  const char *content;      /* NULL: a directory stands where the file should be */
  gssize len;               /* -1: up to the NUL */
  const char *expected;     /* the whole message; its beginning when `key` is set */
  const char *key;          /* the CSV reader's wording: only this word is asserted */
  gboolean fatal;           /* the file cannot be read at all, even with --lenient */
  guint64 kept;             /* valid rows, when not fatal */
  const char *forbidden[3]; /* what the message must not quote (NULL-terminated) */
} InvalidCase;

static void
assert_message (const char *message, const InvalidCase *c)
{
  if (c->key == NULL)
    g_assert_cmpstr (message, ==, c->expected);
  else
    {
      if (!g_str_has_prefix (message, c->expected) || strstr (message, c->key) == NULL)
        g_error ("message \"%s\": expected \"%s...%s...\"", message, c->expected, c->key);
    }
  for (guint i = 0; c->forbidden[i]; i++)
    if (strstr (message, c->forbidden[i]) != NULL)
      g_error ("message \"%s\" quotes the value \"%s\"", message, c->forbidden[i]);
}

/* What a bundle keeps of the row a case's file holds, --lenient: the same
 * place, the words in French whatever the locale, written by hand. A case
 * with a `key` has the French key word here. */
#define BAD_DATE_FR "date invalide (attendu : AAAA-MM-JJ ou JJ/MM/AAAA, et un jour qui existe)"
#define BAD_COUNT_FR "nombre entier invalide (attendu : des chiffres, groupés ou non par milliers avec des espaces, sans signe)"
#define BAD_PERIOD_FR "période invalide (attendu : une année, 2024, ou une année scolaire, 2023-2024)"
#define SECOND_ROW_FR "une deuxième ligne pour la même population, la même période et le même territoire"

static const struct {
  const char *path;
  const char *french;
} lenient_french[] = {
  { "/table/invalid/impossible-date", "pmi_acts.csv:3:3: act_date: " BAD_DATE_FR },
  { "/table/invalid/impossible-date-iso", "births.csv:2:2: birth_date: " BAD_DATE_FR },
  { "/table/invalid/malformed-date", "births.csv:3:2: birth_date: " BAD_DATE_FR },
  { "/table/invalid/short-date", "ip.csv:2:2: received_date: " BAD_DATE_FR },
  { "/table/invalid/text-after-quote", "guillemet fermant" },
  { "/table/invalid/quote-inside-field", "guillemet dans un champ sans guillemets" },
  { "/table/invalid/negative-count", "populations.csv:3:4: value: " BAD_COUNT_FR },
  { "/table/invalid/plus-sign-count", "populations.csv:2:4: value: " BAD_COUNT_FR },
  { "/table/invalid/decimal-count", "populations.csv:2:4: value: " BAD_COUNT_FR },
  { "/table/invalid/decimal-point-count", "populations.csv:2:4: value: " BAD_COUNT_FR },
  { "/table/invalid/duplicate-id", "ip.csv:4:1: ip_id: identifiant en double (le premier à la ligne 2)" },
  { "/table/invalid/evaluation-before-received",
    "ip.csv:3:3: evaluation_end_date: évaluation terminée avant la réception de l'IP" },
  { "/table/invalid/child-act-before-birth", "pmi_acts.csv:3:3: act_date: acte à l'enfant daté d'avant sa naissance" },
  { "/table/invalid/missing-value", "pmi_acts.csv:3:2: act_type: valeur manquante" },
  { "/table/invalid/missing-count", "populations.csv:2:4: value: valeur manquante" },
  { "/table/invalid/unknown-provider",
    "pmi_acts.csv:3:6: provider: code inconnu (attendu : l'un de PMI, MATERNITY, LIBERAL, OTHER)" },
  { "/table/invalid/unknown-professional",
    "pmi_acts.csv:2:7: professional: code inconnu (attendu : l'un de SF, PUER, IDE, MED, OTHER)" },
  /* 7 fields, not 1: the plural */
  { "/table/invalid/too-few-fields", "pmi_acts.csv:3: 7 champs alors que l'en-tête en a 8" },
  { "/table/invalid/too-many-fields", "births.csv:3: 4 champs alors que l'en-tête en a 3" },
  { "/table/invalid/duplicate-population", "populations.csv:5: " SECOND_ROW_FR " (la première à la ligne 2)" },
  { "/table/invalid/duplicate-population-territory", "populations.csv:4: " SECOND_ROW_FR " (la première à la ligne 2)" },
  { "/table/invalid/period-short", "populations.csv:2:2: period: " BAD_PERIOD_FR },
  { "/table/invalid/period-span", "populations.csv:3:2: period: " BAD_PERIOD_FR },
  { "/table/invalid/period-text", "populations.csv:2:2: period: " BAD_PERIOD_FR },
  { "/table/field-too-long", "champ de plus de 65 536 octets" },
};

/* The reason a bundle keeps of @c's row, in French. */
static void
assert_lenient_french (const char *reason, const InvalidCase *c)
{
  for (guint i = 0; i < G_N_ELEMENTS (lenient_french); i++)
    if (strcmp (lenient_french[i].path, c->path) == 0)
      {
        if (c->key != NULL)
          {
            if (!g_str_has_prefix (reason, c->expected) || strstr (reason, lenient_french[i].french) == NULL)
              g_error ("reason \"%s\": expected \"%s...%s...\"", reason, c->expected, lenient_french[i].french);
          }
        else
          g_assert_cmpstr (reason, ==, lenient_french[i].french);
        return;
      }
  g_error ("%s: no French reason written for the case", c->path);
}

/* Every row rule of every table has its French for --lenient's reasons
 * (problems.c): a rule added without one would put English in a bundle. */
static void
test_rules_in_french (void)
{
  for (guint id = 0; id < ic_table_registry_size (ic_tables ()); id++)
    {
      const IcTableSpec *spec = ic_table_registry_nth (ic_tables (), id);
      for (guint i = 0; i < spec->n_rules; i++)
        if (ic_problems_french (spec->rules[i].message, 1) == spec->rules[i].message)
          g_error ("%s: the rule \"%s\" has no French in problems.c", spec->name, spec->rules[i].message);
    }
}

/* The same for the words the readers name in their source,
 * ic_table_words (r, N_("...")) and ic_table_words_n (r, "...", ...): each
 * has its French. */
static void
test_words_in_french (void)
{
  g_autofree char *dir = g_build_filename (ic_test_source_dir (), "core", "tables", NULL);
  g_autoptr (GDir) tables = g_dir_open (dir, 0, NULL);
  g_autoptr (GRegex) call = g_regex_new ("ic_table_words(?:_n)? \\(r, (?:N_\\()?\"([^\"\\\\]*)\"", 0, 0, NULL);
  const char *name;
  guint found = 0;

  g_assert_nonnull (tables);
  while ((name = g_dir_read_name (tables)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr (GMatchInfo) match = NULL;

      if (!g_str_has_suffix (name, ".c") || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      for (g_regex_match (call, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *words = g_match_info_fetch (match, 1);
          if (strcmp (ic_problems_french (words, 1), words) == 0)
            g_error ("%s: \"%s\" has no French in problems.c", name, words);
          found++;
        }
    }
  /* table-rows.c's 9 (missing value, date, count, period, code, 2 × more
   * than, longer than, fields), table-rules.c's 1, table-unique.c's 1. */
  g_assert_cmpuint (found, >=, 11);
}

static void
write_case (const char *dir, const InvalidCase *c)
{
  const char *file = ic_table_spec (c->table)->file;
  if (c->content == NULL)
    {
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
    }
  else
    g_free (write_bytes (dir, file, c->content, c->len));
}

static void
check_invalid (IcTableFixture *f, const InvalidCase *c)
{
  g_autofree char *path = g_build_filename (f->dir, ic_table_spec (c->table)->file, NULL);
  write_case (f->dir, c);

  /* 1. ic_table_read(), strict: one problem; the row is not kept. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IcTable) table = ic_table_read (ic_table_spec (c->table), path, f->territories, FALSE, NULL, f->problems, &error);
    g_assert_cmpuint (ic_problems_count (f->problems), ==, 1);
    assert_message (problem (f->problems, 0), c);
    if (c->fatal)
      {
        g_assert_null (table);
        g_assert_error (error, IC_TABLE_ERROR, IC_TABLE_ERROR_UNREADABLE);
        assert_message (error->message, c);
      }
    else
      {
        g_assert_no_error (error);
        g_assert_nonnull (table);
        g_assert_cmpuint (table->n_rows, ==, c->kept);
        g_assert_cmpuint (table->rejected, ==, 0);
      }
  }

  /* 2. ic_dataset_load(), strict: nothing returned, the same problem. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IcProblems) problems = ic_problems_new (50);
    g_autoptr (IcDataset) dataset = ic_dataset_load (f->dir, NULL, FALSE, NULL, problems, &error);
    g_assert_null (dataset);
    g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID);
    g_assert_cmpuint (ic_problems_count (problems), ==, 1);
    assert_message (problem (problems, 0), c);
    g_assert_true (g_str_has_prefix (error->message, "invalid input (1 problem):\n"));
    assert_message (error->message + strlen ("invalid input (1 problem):\n"), c);
  }

  /* 3. ic_table_read(), lenient: the row set aside, counted, its reason
   * kept; or, for a file that cannot be read, the same failure. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IcProblems) problems = ic_problems_new (50);
    g_autoptr (IcTable) table = ic_table_read (ic_table_spec (c->table), path, f->territories, TRUE, NULL, problems, &error);
    if (c->fatal)
      {
        g_assert_null (table);
        g_assert_error (error, IC_TABLE_ERROR, IC_TABLE_ERROR_UNREADABLE);
        g_assert_cmpuint (ic_problems_count (problems), ==, 1);
        assert_message (problem (problems, 0), c);
      }
    else
      {
        g_assert_no_error (error);
        g_assert_cmpuint (ic_problems_count (problems), ==, 0);
        g_assert_cmpuint (table->rejected, ==, 1);
        g_assert_cmpuint (table->n_rows, ==, c->kept);
        g_assert_cmpuint (table->rows_read, ==, c->kept + 1);
        g_assert_cmpuint (table->rejected_reasons->len, ==, 1);
        assert_lenient_french (table->rejected_reasons->pdata[0], c);
      }
  }

  /* 4. ic_dataset_load(), lenient. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IcProblems) problems = ic_problems_new (50);
    g_autoptr (IcDataset) dataset = ic_dataset_load (f->dir, NULL, TRUE, NULL, problems, &error);
    if (c->fatal)
      {
        g_assert_null (dataset);
        g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID);
      }
    else
      {
        g_assert_no_error (error);
        g_assert_nonnull (ic_dataset_table (dataset, c->table));
        g_assert_cmpuint (ic_dataset_table (dataset, c->table)->rejected, ==, 1);
        g_assert_cmpuint (ic_dataset_table (dataset, c->table)->n_rows, ==, c->kept);
      }
  }
}

static void
test_invalid (IcTableFixture *f, gconstpointer data)
{
  check_invalid (f, data);
}

#define BYTES(s) .content = s, .len = sizeof (s) - 1

static const InvalidCase invalid_cases[] = {
  {
    "/table/invalid/impossible-date", "pmi_acts",
    PMI_HEADER
    "A-001;EPP;2024-03-01;W-001;;PMI;SF;Nord\n"
    "A-002;EPP;31/02/2024;W-002;;PMI;SF;Nord\n",
    -1,
    /* line 3 (header is 1), field 3: act_date. February 2024 has 29 days. */
    "pmi_acts.csv:3:3: act_date: " BAD_DATE, NULL, FALSE, 1, { "31/02", "W-002", NULL },
  },
  {
    "/table/invalid/impossible-date-iso", "births",
    BIRTHS_HEADER
    "B-001;2023-02-29;Nord\n",
    -1,
    /* 2023 is not a leap year. */
    "births.csv:2:2: birth_date: " BAD_DATE, NULL, FALSE, 0, { "2023-02-29", "B-001", NULL },
  },
  {
    "/table/invalid/malformed-date", "births",
    BIRTHS_HEADER
    "B-001;2024-01-05;Nord\n"
    "B-002;2024/01/05;Nord\n"
    "B-003;05/01/2024;Nord\n",
    -1,
    "births.csv:3:2: birth_date: " BAD_DATE, NULL, FALSE, 2, { "2024/01/05", "B-002", NULL },
  },
  {
    /* A two-digit year: the century would be a guess (5/1/2024 is read). */
    "/table/invalid/short-date", "ip",
    IP_HEADER
    "IP-01;5/1/24;;Nord\n",
    -1,
    "ip.csv:2:2: received_date: " BAD_DATE, NULL, FALSE, 0, { "5/1/24", "IP-01", NULL },
  },
  {
    "/table/invalid/unterminated-quote", "ip",
    IP_HEADER
    "IP-01;2024-01-10;2024-02-01;Nord\n"
    "IP-02;\"2024-01-10;;Nord\n"
    "IP-03;2024-01-11;;Sud\n",
    -1,
    /* The quote opens on line 3, field 2, and never closes: the rest of the
     * file cannot be split into records. */
    "ip.csv:3:2: received_date: ", "unterminated", TRUE, 0, { "IP-02", NULL },
  },
  {
    "/table/invalid/text-after-quote", "ip",
    IP_HEADER
    "IP-01;2024-01-10;2024-02-01;Nord\n"
    "IP-02;\"2024-01-10\"x;;Nord\n"
    "IP-03;2024-01-11;;Sud\n",
    -1,
    /* Only that record is lost: IP-01 and IP-03 are read. */
    "ip.csv:3:2: received_date: ", "closing quote", FALSE, 2, { "IP-02", "2024-01-10", NULL },
  },
  {
    "/table/invalid/quote-inside-field", "ip",
    IP_HEADER
    "IP-01;2024-01-10;2024-02-01;Nord\n"
    "IP-02;2024\"-01-10;;Nord\n",
    -1,
    "ip.csv:3:2: received_date: ", "quote", FALSE, 1, { "IP-02", "2024\"", NULL },
  },
  {
    "/table/invalid/negative-count", "populations",
    POPULATIONS_HEADER
    "births;2024;;770;INSEE\n"
    "births;2023;;-770;INSEE\n",
    -1,
    /* value is field 4. */
    "populations.csv:3:4: value: " BAD_COUNT, NULL, FALSE, 1, { "-770", NULL },
  },
  {
    "/table/invalid/plus-sign-count", "populations",
    POPULATIONS_HEADER
    "births;2024;;+770;INSEE\n",
    -1,
    "populations.csv:2:4: value: " BAD_COUNT, NULL, FALSE, 0, { "+770", NULL },
  },
  {
    "/table/invalid/decimal-count", "populations",
    POPULATIONS_HEADER
    "births;2024;;770,5;INSEE\n",
    -1,
    "populations.csv:2:4: value: " BAD_COUNT, NULL, FALSE, 0, { "770,5", NULL },
  },
  {
    "/table/invalid/decimal-point-count", "populations",
    POPULATIONS_HEADER
    "enrolled_3_4;2023-2024;;844.0;Education nationale\n",
    -1,
    "populations.csv:2:4: value: " BAD_COUNT, NULL, FALSE, 0, { "844.0", NULL },
  },
  {
    "/table/invalid/duplicate-id", "ip",
    IP_HEADER
    "IP-0001;2024-01-10;;Nord\n"
    "IP-0002;2024-01-11;;Nord\n"
    "IP-0001;2024-02-10;;Sud\n",
    -1,
    /* The second IP-0001 (line 4) is the invalid row. */
    "ip.csv:4:1: ip_id: " DUPLICATE_ID (2), NULL, FALSE, 2, { "IP-0001", NULL },
  },
  {
    "/table/invalid/evaluation-before-received", "ip",
    IP_HEADER
    "IP-01;2024-03-10;2024-03-10;Nord\n"
    "IP-02;2024-03-10;2024-03-09;Nord\n",
    -1,
    /* Same day is fine (line 2); the day before is not (line 3). */
    "ip.csv:3:3: evaluation_end_date: evaluation ends before the IP was received", NULL, FALSE, 1,
    { "2024-03-09", "IP-02", NULL },
  },
  {
    "/table/invalid/child-act-before-birth", "pmi_acts",
    PMI_HEADER
    "A-001;BSEM;2024-05-01;C-001;2024-05-01;PMI;PUER;Nord\n"
    "A-002;BSEM;2024-04-30;C-002;2024-05-01;PMI;PUER;Nord\n",
    -1,
    /* An act on the day of birth is fine; the day before is not. */
    "pmi_acts.csv:3:3: act_date: child act dated before the child's birth date", NULL, FALSE, 1,
    { "2024-04-30", "C-002", NULL },
  },
  {
    "/table/invalid/missing-column", "pmi_acts",
    "act_id;act_type;act_date;person_id;territory\n"
    "A-001;EPP;2024-03-01;W-001;Nord\n",
    -1,
    /* A file-level problem: line 1, no column number. */
    "pmi_acts.csv:1: missing required column provider", NULL, TRUE, 0, { NULL },
  },
  {
    "/table/invalid/missing-columns", "births",
    "id;date;territory\n"
    "B-001;2024-01-05;Nord\n",
    -1,
    "births.csv:1: missing required columns birth_id, birth_date", NULL, TRUE, 0, { NULL },
  },
  {
    "/table/invalid/duplicate-column", "ip",
    "ip_id;received_date;IP_ID\n"
    "IP-01;2024-01-10;IP-01\n",
    -1,
    /* The second ip_id is field 3. */
    "ip.csv:1:3: ip_id: column appears twice in the header (first as field 1)", NULL, TRUE, 0, { NULL },
  },
  {
    "/table/invalid/missing-value", "pmi_acts",
    PMI_HEADER
    "A-001;EPP;2024-03-01;W-001;;PMI;SF;Nord\n"
    "A-002;  ;2024-03-01;W-002;;PMI;SF;Nord\n",
    -1,
    /* A blank cell is an empty one once trimmed: act_type (field 2) missing. */
    "pmi_acts.csv:3:2: act_type: missing value", NULL, FALSE, 1, { NULL },
  },
  {
    "/table/invalid/missing-count", "populations",
    POPULATIONS_HEADER
    "births;2024;;;INSEE\n",
    -1,
    /* A missing value is never read as 0. */
    "populations.csv:2:4: value: missing value", NULL, FALSE, 0, { NULL },
  },
  {
    "/table/invalid/unknown-provider", "pmi_acts",
    PMI_HEADER
    "A-001;EPP;2024-03-01;W-001;;pmi;SF;Nord\n"
    "A-002;EPP;2024-03-01;W-002;;HOSPITAL;SF;Nord\n",
    -1,
    /* provider is a closed set (field 6); act_type is open (see
     * /table/valid/codes). */
    "pmi_acts.csv:3:6: provider: " PROVIDERS, NULL, FALSE, 1, { "HOSPITAL", NULL },
  },
  {
    "/table/invalid/unknown-professional", "pmi_acts",
    PMI_HEADER
    "A-001;EPP;2024-03-01;W-001;;PMI;DOULA;Nord\n",
    -1,
    "pmi_acts.csv:2:7: professional: unknown code (expected one of SF, PUER, IDE, MED, OTHER)", NULL, FALSE, 0,
    { "DOULA", NULL },
  },
  {
    "/table/invalid/too-few-fields", "pmi_acts",
    PMI_HEADER
    "A-001;EPP;2024-03-01;W-001;;PMI;SF;Nord\n"
    "A-002;EPP;2024-03-01;W-002;;PMI;SF\n",
    -1,
    /* 7 fields under a header of 8: a problem of the whole row. */
    "pmi_acts.csv:3: 7 fields where the header has 8", NULL, FALSE, 1, { NULL },
  },
  {
    "/table/invalid/too-many-fields", "births",
    BIRTHS_HEADER
    "B-001;2024-01-05;Nord;\n"
    "B-002;2024-01-06;Nord;x\n",
    -1,
    /* A trailing empty field is tolerated (line 2); a non-empty one is not. */
    "births.csv:3: 4 fields where the header has 3", NULL, FALSE, 1, { NULL },
  },
  {
    "/table/invalid/nul-byte", "births",
    BYTES (BIRTHS_HEADER
           "B-001;2024-01-05;Nord\n"
           "B-002;2024\0-01-06;Nord\n"),
    /* Reading stops at the NUL, line 3, field 2: not a text file. */
    "births.csv:3:2: birth_date: ", "NUL", TRUE, 0, { NULL },
  },
  {
    "/table/invalid/nul-byte-first", "births",
    BYTES ("\0\x01\x02\x03garbage"),
    /* Before any header: the CSV reader says where in its message. */
    "births.csv: ", "NUL", TRUE, 0, { NULL },
  },
  {
    /* Line ends of CRs alone (classic Mac OS): refused, never read as one
     * header line and no row (which once passed as valid, 0 rows). */
    "/table/invalid/cr-line-ends-populations", "populations",
    "population;period;territory;value;source\r"
    "births;2024;;770;INSEE\r"
    "births;2023;;750;INSEE\r",
    -1,
    "populations.csv: line 1: line ends are CR alone", "LF or CRLF", TRUE, 0, { "770", NULL },
  },
  {
    "/table/invalid/cr-line-ends", "pmi_acts",
    "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\r"
    "A-001;EPP;2024-03-01;W-001;;PMI;SF;Nord\r",
    -1,
    "pmi_acts.csv: line 1: line ends are CR alone", "LF or CRLF", TRUE, 0, { "A-001", "W-001", NULL },
  },
  {
    "/table/invalid/duplicate-population", "populations",
    POPULATIONS_HEADER
    "births;2024;;770;INSEE\n"
    "births;2024;Nord;300;INSEE\n"
    "births;2023;;750;INSEE\n"
    "Births;2024;;771;INSEE\n",
    -1,
    /* Population names are compared case-insensitively: line 5 repeats
     * line 2 (same population, period, no territory). Lines 3 and 4 differ
     * by territory and by period. */
    "populations.csv:5: a second row for the same population, period and territory (first on line 2)",
    NULL, FALSE, 3, { "771", NULL },
  },
  {
    "/table/invalid/duplicate-population-territory", "populations",
    POPULATIONS_HEADER
    "enrolled_3_4;2023-2024;Nord;400;\n"
    "enrolled_3_4;2023-2024;Sud;444;\n"
    "enrolled_3_4;2023-2024;Nord;401;\n",
    -1,
    "populations.csv:4: a second row for the same population, period and territory (first on line 2)",
    NULL, FALSE, 2, { "401", NULL },
  },
  {
    "/table/invalid/period-short", "populations",
    POPULATIONS_HEADER
    "births;24;;770;INSEE\n",
    -1,
    "populations.csv:2:2: period: " BAD_PERIOD, NULL, FALSE, 0, { NULL },
  },
  {
    "/table/invalid/period-span", "populations",
    POPULATIONS_HEADER
    "enrolled_3_4;2023-2024;;844;\n"
    "enrolled_3_4;2023-2025;;844;\n",
    -1,
    /* A school year spans two consecutive years. */
    "populations.csv:3:2: period: " BAD_PERIOD, NULL, FALSE, 1, { "2023-2025", NULL },
  },
  {
    "/table/invalid/period-text", "populations",
    POPULATIONS_HEADER
    "births;année 2024;;770;\n",
    -1,
    "populations.csv:2:2: period: " BAD_PERIOD, NULL, FALSE, 0, { NULL },
  },
  {
    "/table/invalid/empty-file", "births",
    "", -1,
    "births.csv: ", "empty", TRUE, 0, { NULL },
  },
  {
    "/table/invalid/blank-file", "ip",
    "\n\r\n\n", -1,
    "ip.csv: ", "empty", TRUE, 0, { NULL },
  },
  {
    "/table/invalid/directory", "pmi_acts",
    NULL, -1,
    "pmi_acts.csv: ", "directory", TRUE, 0, { NULL },
  },
};

/* Bytes 0x80..0xFF from a fixed seed, in lines, starting with 0xFF (never
 * in UTF-8): read as Windows-1252, the header is one field of accented
 * letters and signs, and neither required column is there. */
static void
test_random_bytes (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240501);
  g_autoptr (GString) garbage = g_string_new ("\xff");
  const InvalidCase c = {
    "", "births", NULL, 0,
    "births.csv:1: missing required columns birth_id, birth_date", NULL, TRUE, 0, { NULL },
  };
  InvalidCase with_bytes = c;
  (void) data;

  for (guint i = 1; i < 2000; i++)
    g_string_append_c (garbage, i % 50 == 0 ? '\n' : (char) (0x80 + g_rand_int_range (rand, 0, 128)));
  with_bytes.content = garbage->str;
  with_bytes.len = (gssize) garbage->len;
  check_invalid (f, &with_bytes);
}

/* The CSV reader's longest field: one row lost, its column named. */
static void
test_field_too_long (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GString) content = g_string_new (IP_HEADER "IP-01;2024-01-10;;Nord\n");
  InvalidCase c = {
    "/table/field-too-long", "ip", NULL, -1, "ip.csv:3:4: territory: ", "long", FALSE, 2, { NULL },
  };
  (void) data;

  g_string_append (content, "IP-02;2024-01-10;;");
  for (guint i = 0; i < IC_CSV_MAX_FIELD + 1; i++)
    g_string_append_c (content, 'x');
  g_string_append (content, "\nIP-03;2024-01-10;;Sud\n");
  c.content = content->str;
  check_invalid (f, &c);
}

/* Every child act type, and only those, is checked against the birth date. */
static void
test_child_acts (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcTable) table = NULL;
  (void) data;

  table = read_text (f, "pmi_acts",
                     PMI_HEADER
                     "A-1;BSEM;2024-01-01;C-1;02/01/2024;PMI;PUER;\n"
                     "A-2;vad_child;2024-01-01;C-2;2024-01-02;PMI;PUER;\n"
                     "A-3;Consultation_Child;2024-01-01;C-3;2024-01-02;PMI;MED;\n"
                     /* Not child acts: the woman's birth date is not compared. */
                     "A-4;EPP;2024-01-01;W-1;2024-01-02;PMI;SF;\n"
                     "A-5;VAD_POSTNATAL;2024-01-01;W-2;2024-01-02;PMI;SF;\n"
                     /* An open code is not a child act either. */
                     "A-6;OTHER_CHILD_THING;2024-01-01;C-4;2024-01-02;PMI;;\n"
                     /* No birth date: nothing to compare (an age warning later). */
                     "A-7;VAD_CHILD;2024-01-01;C-5;;PMI;PUER;\n",
                     FALSE, &error);
  g_assert_no_error (error);
  /* Lines 2, 3, 4, field 3 (act_date); rows A-4..A-7 kept. */
  g_assert_cmpuint (ic_problems_count (f->problems), ==, 3);
  g_assert_cmpstr (problem (f->problems, 0), ==, "pmi_acts.csv:2:3: act_date: child act dated before the child's birth date");
  g_assert_cmpstr (problem (f->problems, 1), ==, "pmi_acts.csv:3:3: act_date: child act dated before the child's birth date");
  g_assert_cmpstr (problem (f->problems, 2), ==, "pmi_acts.csv:4:3: act_date: child act dated before the child's birth date");
  g_assert_cmpuint (table->n_rows, ==, 4);
}

/* Strict mode names every problem, several in one row, in file order. */
static void
test_every_problem (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcTable) table = NULL;
  (void) data;

  table = read_text (f, "pmi_acts",
                     PMI_HEADER
                     "A-1;EPP;2024-13-01;W-1;;NOBODY;SF;\n"
                     "A-2;EPP;2024-03-01;W-2;;PMI;SF;\n"
                     "A-3;;2024-03-01;;;PMI;XX;\n",
                     FALSE, &error);
  g_assert_no_error (error);
  /* Line 2: month 13 (field 3), provider (field 6). Line 4: act_type
   * (field 2), person_id (field 4) missing, professional (field 7). */
  g_assert_cmpuint (ic_problems_count (f->problems), ==, 5);
  g_assert_cmpstr (problem (f->problems, 0), ==, "pmi_acts.csv:2:3: act_date: " BAD_DATE);
  g_assert_cmpstr (problem (f->problems, 1), ==, "pmi_acts.csv:2:6: provider: " PROVIDERS);
  g_assert_cmpstr (problem (f->problems, 2), ==, "pmi_acts.csv:4:2: act_type: missing value");
  g_assert_cmpstr (problem (f->problems, 3), ==, "pmi_acts.csv:4:4: person_id: missing value");
  g_assert_cmpstr (problem (f->problems, 4), ==,
                   "pmi_acts.csv:4:7: professional: unknown code (expected one of SF, PUER, IDE, MED, OTHER)");
  g_assert_cmpuint (table->n_rows, ==, 1);
  g_assert_cmpuint (table->rows_read, ==, 3);
}

/* More problems than the limit: the first ones in full, then a count. */
static void
test_problem_limit (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (3);
  g_autoptr (IcDataset) dataset = NULL;
  g_autofree char *text = NULL;
  (void) data;

  g_free (ic_test_write (f->dir, "births.csv",
                         BIRTHS_HEADER
                         "B-1;2024-01-32;\n"
                         "B-2;2024-02-30;\n"
                         "B-3;2024-04-31;\n"
                         "B-4;2024-06-31;\n"
                         "B-5;2024-09-31;\n"
                         "B-6;2024-11-31;\n"
                         "B-7;2024-12-31;\n"));
  dataset = ic_dataset_load (f->dir, NULL, FALSE, NULL, problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID);
  /* Six impossible days (lines 2..7), three kept one by one; for a
   * person, one line of the six, its first five lines named. */
  g_assert_cmpuint (ic_problems_count (problems), ==, 6);
  g_assert_cmpuint (ic_problems_messages (problems)->len, ==, 3);
  text = ic_problems_to_string (problems);
  g_assert_cmpstr (text, ==, "births.csv: 6 rows: birth_date: " BAD_DATE " (lines 2, 3, 4, 5, 6, …)");
  g_assert_true (g_str_has_prefix (error->message, "invalid input (6 problems):\n"));
  g_assert_true (g_str_has_suffix (error->message, "(lines 2, 3, 4, 5, 6, …)"));
}

/* Tables are read at once (the biggest beside the others), yet problems
 * come in table order and territories are numbered in order of first
 * appearance across births, pmi_acts, ip: as read one after the other. */
static void
test_tables_at_once (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GString) acts = g_string_new (PMI_HEADER);
  (void) data;

  g_free (ic_test_write (f->dir, "births.csv",
                         BIRTHS_HEADER
                         "B-1;2024-01-32;Nord\n"
                         "B-2;2024-01-02;Shared\n"
                         "B-3;2024-02-30;Nord\n"));
  /* The biggest file, read while the others are. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (acts, "A-%u;EPP;2024-03-01;W-%u;;PMI;SF;%s\n", i, i,
                            i % 2 ? "Shared" : "Pmi");
  g_string_append (acts, "A-x;EPP;2024-13-01;W-1;;PMI;SF;Pmi\n"
                         "A-y;EPP;2024-00-01;W-1;;PMI;SF;Pmi\n");
  g_free (ic_test_write (f->dir, "pmi_acts.csv", acts->str));
  g_free (ic_test_write (f->dir, "ip.csv", IP_HEADER "IP-1;2024-01-02;;Ip\nIP-2;2024-01-32;;Ip\n"));

  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr (IcProblems) problems = ic_problems_new (3);
      g_autoptr (IcDataset) dataset = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;

      IcInputOptions options = { .threads = threads };

      dataset = ic_dataset_load (f->dir, NULL, FALSE, &options, problems, &error);
      g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID);
      g_assert_null (dataset);
      text = ic_problems_to_string (problems);
      /* The same problem twice in births.csv and in pmi_acts.csv, once in
       * ip.csv: three kinds, the limit. */
      g_assert_cmpstr (text, ==,
                       "births.csv: 2 rows: birth_date: " BAD_DATE " (lines 2, 4)\n"
                       "ip.csv:3:2: received_date: " BAD_DATE "\n"
                       "pmi_acts.csv: 2 rows: act_date: " BAD_DATE " (lines 3002, 3003)");

      g_clear_error (&error);
      g_clear_pointer (&problems, ic_problems_free);
      problems = ic_problems_new (3);
      dataset = ic_dataset_load (f->dir, NULL, TRUE, &options, problems, &error);
      g_assert_no_error (error);
      /* Nord only on the births set aside; in the registry's order (by
       * name): births' Shared, ip's Ip, pmi_acts' Pmi. */
      g_assert_cmpuint (ic_interner_size (dataset->territories), ==, 4);
      g_assert_cmpstr (ic_interner_get (dataset->territories, 0), ==, "");
      g_assert_cmpstr (ic_interner_get (dataset->territories, 1), ==, "Shared");
      g_assert_cmpstr (ic_interner_get (dataset->territories, 2), ==, "Ip");
      g_assert_cmpstr (ic_interner_get (dataset->territories, 3), ==, "Pmi");
      g_assert_cmpuint (ic_table_column (ic_dataset_table (dataset, "pmi_acts"), "territory")->codes[0], ==, 3);
      g_assert_cmpuint (ic_table_column (ic_dataset_table (dataset, "pmi_acts"), "territory")->codes[1], ==, 1);
      g_assert_cmpuint (ic_table_column (ic_dataset_table (dataset, "ip"), "territory")->codes[0], ==, 2);
    }
}

/* Each table numbers its territories in 16 bits; their union must fit
 * too. */
static void
test_territories_union_too_big (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GString) births = g_string_new (BIRTHS_HEADER);
  g_autoptr (GString) ip = g_string_new (IP_HEADER);
  g_autoptr (IcProblems) problems = ic_problems_new (10);
  g_autoptr (IcDataset) dataset = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  (void) data;

  for (guint i = 0; i < 40000; i++)
    {
      g_string_append_printf (births, "B-%u;2024-01-02;B%u\n", i, i);
      g_string_append_printf (ip, "IP-%u;2024-01-02;;I%u\n", i, i);
    }
  g_free (ic_test_write (f->dir, "births.csv", births->str));
  g_free (ic_test_write (f->dir, "ip.csv", ip->str));
  dataset = ic_dataset_load (f->dir, NULL, TRUE, NULL, problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID);
  text = ic_problems_to_string (problems);
  g_assert_cmpstr (text, ==, "ip.csv: more than 65534 distinct territories in the data");
}

/* 200 rows with the same problem are one line, with the first five lines
 * and the count; problems of another kind keep their own line, and a kind
 * met once is written in full. Kinds beyond the limit are counted. */
static void
test_problems_grouped (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcProblems) problems = ic_problems_new (2);
  g_autoptr (IcProblems) part = ic_problems_new (2);
  g_autofree char *text = NULL;
  (void) f;
  (void) data;

  /* Lines 2..201: act_date missing; line 50 also a bad provider. */
  for (guint64 line = 2; line <= 201; line++)
    {
      ic_problems_add (problems, "pmi_acts.csv", line, 3, "act_date", "missing value");
      if (line == 50)
        ic_problems_add (problems, "pmi_acts.csv", line, 6, "provider", "unknown code");
    }
  /* A third kind: beyond the limit of 2, counted. */
  ic_problems_add (problems, "pmi_acts.csv", 300, 2, "act_type", "missing value");
  /* A second part of the file (a split reading): 2 more of the first kind. */
  ic_problems_add (part, "pmi_acts.csv", 400, 3, "act_date", "missing value");
  ic_problems_add (part, "pmi_acts.csv", 401, 3, "act_date", "missing value");
  ic_problems_append (problems, part);
  /* 200 + 1 + 1 + 2 = 204 problems; 202 rows with act_date missing. */
  g_assert_cmpuint (ic_problems_count (problems), ==, 204);
  text = ic_problems_to_string (problems);
  g_assert_cmpstr (text, ==,
                   "pmi_acts.csv: 202 rows: act_date: missing value (lines 2, 3, 4, 5, 6, …)\n"
                   "pmi_acts.csv:50:6: provider: unknown code\n"
                   "… and 1 more problem");
}

static void
test_problem_limit_one_more (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcProblems) problems = ic_problems_new (1);
  g_autofree char *text = NULL;
  (void) f;
  (void) data;

  ic_problems_add (problems, "ip.csv", 2, 1, "ip_id", "missing value");
  ic_problems_add (problems, "ip.csv", 3, 2, "received_date", "missing value");
  text = ic_problems_to_string (problems);
  g_assert_cmpstr (text, ==, "ip.csv:2:1: ip_id: missing value\n… and 1 more problem");
}

/* A file that cannot be read fails with the message of its problem even
 * when the problem list is already full. */
static void
test_problem_limit_fatal (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (0);
  g_autofree char *path = write_bytes (f->dir, "ip.csv", IP_HEADER "IP-1;\"2024-01-10;;\n", -1);
  g_autoptr (IcTable) table = ic_table_read (ic_table_spec ("ip"), path, f->territories, FALSE, NULL, problems, &error);
  (void) data;

  g_assert_null (table);
  g_assert_error (error, IC_TABLE_ERROR, IC_TABLE_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, "ip.csv:2:2: received_date: "));
  g_assert_cmpuint (ic_problems_count (problems), ==, 1);
  g_assert_cmpuint (ic_problems_messages (problems)->len, ==, 0);

  /* The same for a missing column. */
  g_clear_error (&error);
  g_free (ic_test_write (f->dir, "ip.csv", "ip_id\nIP-1\n"));
  g_assert_null (ic_table_read (ic_table_spec ("ip"), path, f->territories, FALSE, NULL, problems, &error));
  g_assert_error (error, IC_TABLE_ERROR, IC_TABLE_ERROR_UNREADABLE);
  g_assert_cmpstr (error->message, ==, "ip.csv:1: missing required column received_date");

  /* Only counted: the count alone, on the first line. */
  {
    g_autofree char *text = ic_problems_to_string (problems);
    g_assert_cmpstr (text, ==, "… and 2 more problems");
  }
}

/* Problems of several files all reach the dataset's error. */
static void
test_dataset_all_files (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (IcDataset) dataset = NULL;
  (void) data;

  g_free (ic_test_write (f->dir, "births.csv", BIRTHS_HEADER "B-1;2024-02-30;\n"));
  g_free (ic_test_write (f->dir, "ip.csv", IP_HEADER "IP-1;2024-01-10;2024-01-09;\n"));
  g_free (ic_test_write (f->dir, "populations.csv", POPULATIONS_HEADER "births;2024;;x;\n"));
  dataset = ic_dataset_load (f->dir, NULL, FALSE, NULL, problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID);
  /* Tables are read in the spec's order: births, pmi_acts (absent), ip,
   * populations. */
  g_assert_cmpstr (error->message, ==,
                   "invalid input (3 problems):\n"
                   "births.csv:2:2: birth_date: " BAD_DATE "\n"
                   "ip.csv:2:3: evaluation_end_date: evaluation ends before the IP was received\n"
                   "populations.csv:2:4: value: " BAD_COUNT);
}

static void
test_dataset_no_directory (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autofree char *missing = g_build_filename (f->dir, "nowhere", NULL);
  g_autofree char *file = ic_test_write (f->dir, "births.csv", BIRTHS_HEADER);
  (void) data;

  g_assert_null (ic_dataset_load (missing, NULL, FALSE, NULL, problems, &error));
  g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DIRECTORY);
  g_clear_error (&error);
  g_assert_null (ic_dataset_load (file, NULL, FALSE, NULL, problems, &error));
  g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DIRECTORY);
}

/* ------------------------------------------------------------------ */
/* Valid input: typed values. */

static void
test_typed_values (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *type, *date, *person, *birth, *provider, *professional, *territory;
  (void) data;

  table = read_ok (f, "pmi_acts",
                   PMI_HEADER
                   "A-1;epp;2024-03-01;W-1;;pmi;sf;Nord\n"
                   "A-2;Epp;05/03/2024;W-2;;Maternity;;Sud\n"
                   "A-3;VAD_CHILD;2024-04-10;C-1;15/01/2024;PMI;PUER;Nord\n"
                   "A-4; BSEM ;2024-04-11;C-2; 2021-02-28 ;liberal;med;\n"
                   "A-5;CONSULTATION_CHILD;2024-12-31;W-1;2024-02-29;Other;Other; Sud \n");
  type = ic_table_column (table, "act_type");
  date = ic_table_column (table, "act_date");
  person = ic_table_column (table, "person_id");
  birth = ic_table_column (table, "person_birth_date");
  provider = ic_table_column (table, "provider");
  professional = ic_table_column (table, "professional");
  territory = ic_table_column (table, "territory");
  /* The row identifier is only checked, never kept. */
  g_assert_cmpint (ic_table_column (table, "act_id")->spec->kind, ==, IC_COLUMN_KIND_ROW_ID);
  g_assert_null (ic_table_column (table, "act_id")->texts);
  g_assert_null (ic_table_column (table, "nonsense"));

  g_assert_cmpuint (table->n_rows, ==, 5);
  g_assert_cmpuint (table->rows_read, ==, 5);

  /* Codes, upper-cased and trimmed: "epp", "Epp" -> EPP. */
  g_assert_cmpuint (type->codes[0], ==, IC_ACT_EPP);
  g_assert_cmpuint (type->codes[1], ==, IC_ACT_EPP);
  g_assert_cmpuint (type->codes[2], ==, IC_ACT_VAD_CHILD);
  g_assert_cmpuint (type->codes[3], ==, IC_ACT_BSEM);
  g_assert_cmpuint (type->codes[4], ==, IC_ACT_CONSULTATION_CHILD);
  g_assert_cmpuint (provider->codes[0], ==, IC_PROVIDER_PMI);
  g_assert_cmpuint (provider->codes[1], ==, IC_PROVIDER_MATERNITY);
  g_assert_cmpuint (provider->codes[2], ==, IC_PROVIDER_PMI);
  g_assert_cmpuint (provider->codes[3], ==, IC_PROVIDER_LIBERAL);
  g_assert_cmpuint (provider->codes[4], ==, IC_PROVIDER_OTHER);
  /* professional is optional: empty -> 0. */
  g_assert_cmpuint (professional->codes[0], ==, IC_PROFESSIONAL_SF);
  g_assert_cmpuint (professional->codes[1], ==, 0);
  g_assert_cmpuint (professional->codes[2], ==, IC_PROFESSIONAL_PUER);
  g_assert_cmpuint (professional->codes[3], ==, IC_PROFESSIONAL_MED);
  g_assert_cmpuint (professional->codes[4], ==, IC_PROFESSIONAL_OTHER);

  /* Dates in either format as day numbers; empty -> IC_DATE_NONE. */
  g_assert_cmpint (date->dates[0], ==, ic_date_from_ymd (2024, 3, 1));
  g_assert_cmpint (date->dates[1], ==, ic_date_from_ymd (2024, 3, 5));
  g_assert_cmpint (date->dates[2], ==, ic_date_from_ymd (2024, 4, 10));
  g_assert_cmpint (date->dates[3], ==, ic_date_from_ymd (2024, 4, 11));
  g_assert_cmpint (date->dates[4], ==, ic_date_from_ymd (2024, 12, 31));
  /* 2024-03-01 is day 19783 since 1970-01-01: 54 years of 365 days = 19710,
   * plus 13 leap days (1972..2020) = 19723, plus Jan (31) and Feb 2024 (29)
   * = 19783. */
  g_assert_cmpint (date->dates[0], ==, 19783);
  g_assert_cmpint (birth->dates[0], ==, IC_DATE_NONE);
  g_assert_cmpint (birth->dates[1], ==, IC_DATE_NONE);
  g_assert_cmpint (birth->dates[2], ==, ic_date_from_ymd (2024, 1, 15));
  g_assert_cmpint (birth->dates[3], ==, ic_date_from_ymd (2021, 2, 28));
  g_assert_cmpint (birth->dates[4], ==, ic_date_from_ymd (2024, 2, 29));

  /* Person ids interned densely, in order of first appearance:
   * W-1 0, W-2 1, C-1 2, C-2 3, W-1 again 0. */
  g_assert_cmpuint (person->ids[0], ==, 0);
  g_assert_cmpuint (person->ids[1], ==, 1);
  g_assert_cmpuint (person->ids[2], ==, 2);
  g_assert_cmpuint (person->ids[3], ==, 3);
  g_assert_cmpuint (person->ids[4], ==, 0);
  g_assert_cmpuint (person->n_distinct, ==, 4);
  /* No identifier is kept once the file is read. */
  g_assert_null (person->dictionary);

  /* Territories (trimmed, case kept): 0 = none; Nord 1, Sud 2. */
  g_assert_cmpuint (territory->codes[0], ==, 1);
  g_assert_cmpuint (territory->codes[1], ==, 2);
  g_assert_cmpuint (territory->codes[2], ==, 1);
  g_assert_cmpuint (territory->codes[3], ==, 0);
  g_assert_cmpuint (territory->codes[4], ==, 2);
  g_assert_cmpuint (ic_interner_size (f->territories), ==, 3);
  g_assert_cmpstr (ic_interner_get (f->territories, 1), ==, "Nord");
  g_assert_cmpstr (ic_interner_get (f->territories, 2), ==, "Sud");
}

static void
test_open_codes (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *type;
  (void) data;

  table = read_ok (f, "pmi_acts",
                   PMI_HEADER
                   "A-1;TELECONSULT;2024-03-01;W-1;;PMI;;\n"
                   "A-2;EPP;2024-03-01;W-1;;PMI;;\n"
                   "A-3;teleconsult;2024-03-02;W-2;;PMI;;\n"
                   "A-4;Atelier_Parents;2024-03-03;W-3;;PMI;;\n");
  type = ic_table_column (table, "act_type");
  /* Unknown act types are kept, numbered after the seven known ones in
   * order of first appearance, case-insensitively: TELECONSULT 8,
   * ATELIER_PARENTS 9. */
  g_assert_cmpuint (table->n_rows, ==, 4);
  g_assert_cmpuint (type->codes[0], ==, IC_ACT_FIRST_OTHER);
  g_assert_cmpuint (type->codes[1], ==, IC_ACT_EPP);
  g_assert_cmpuint (type->codes[2], ==, IC_ACT_FIRST_OTHER);
  g_assert_cmpuint (type->codes[3], ==, IC_ACT_FIRST_OTHER + 1);
  /* The dictionary holds code - 1: the diagnostics can list them. */
  g_assert_cmpuint (ic_interner_size (type->dictionary), ==, 9);
  g_assert_cmpstr (ic_interner_get (type->dictionary, IC_ACT_FIRST_OTHER - 1), ==, "TELECONSULT");
  g_assert_cmpstr (ic_interner_get (type->dictionary, IC_ACT_FIRST_OTHER), ==, "ATELIER_PARENTS");
  g_assert_cmpstr (ic_interner_get (type->dictionary, IC_ACT_EPP - 1), ==, "EPP");
  /* And the diagnostics list them, in that order; a closed set has none. */
  {
    g_auto (GStrv) other = ic_table_other_codes (table, "act_type", NULL);
    g_auto (GStrv) none = ic_table_other_codes (table, "provider", NULL);
    g_assert_cmpuint (g_strv_length (other), ==, 2);
    g_assert_cmpstr (other[0], ==, "TELECONSULT");
    g_assert_cmpstr (other[1], ==, "ATELIER_PARENTS");
    g_assert_null (none[0]);
  }
}

/* Free text in a code column (« Mme … née 12/03/1990 ») is kept as a value
 * but never listed: only [A-Z0-9_] of 1 to 32 bytes, at most 20 of them;
 * the rest is counted. */
static void
test_other_codes_not_free_text (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new (PMI_HEADER);
  g_autoptr (IcTable) table = NULL;
  g_auto (GStrv) other = NULL;
  guint unlisted = 0;
  (void) data;

  /* 25 codes C00..C24, then free text, then a 33-byte code, then lower case
   * (upper-cased by the reader, so a code). Listed: C00..C19 (20). Not
   * listed: C20..C24 (5), the free text (1), the long one (1): 7. */
  for (guint i = 0; i < 25; i++)
    g_string_append_printf (csv, "A-%u;C%02u;2024-03-01;W-1;;PMI;;\n", i, i);
  g_string_append (csv, "A-90;Mme Dupont née 12/03/1990;2024-03-01;W-1;;PMI;;\n");
  g_string_append (csv, "A-91;ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456;2024-03-01;W-1;;PMI;;\n");
  table = read_ok (f, "pmi_acts", csv->str);
  other = ic_table_other_codes (table, "act_type", &unlisted);
  g_assert_cmpuint (g_strv_length (other), ==, 20);
  g_assert_cmpstr (other[0], ==, "C00");
  g_assert_cmpstr (other[19], ==, "C19");
  g_assert_cmpuint (unlisted, ==, 7);
  for (guint i = 0; other[i]; i++)
    g_assert_null (strstr (other[i], "1990"));
}

/* One territory dictionary for the run: the same name has the same index in
 * every table, in order of first appearance across the tables read. */
static void
test_shared_territories (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (IcDataset) dataset = NULL;
  IcTable *births, *acts, *ip, *populations;
  (void) data;

  g_free (ic_test_write (f->dir, "births.csv", BIRTHS_HEADER "B-1;2024-01-05;Sud\nB-2;2024-01-06;\n"));
  g_free (ic_test_write (f->dir, "pmi_acts.csv",
                         PMI_HEADER "A-1;EPP;2024-03-01;W-1;;PMI;;Nord\nA-2;EPP;2024-03-01;W-2;;PMI;;Sud\n"));
  g_free (ic_test_write (f->dir, "ip.csv", IP_HEADER "IP-1;2024-01-10;;Est\nIP-2;2024-01-10;;Nord\n"));
  g_free (ic_test_write (f->dir, "populations.csv", POPULATIONS_HEADER "births;2024;Est;12;\nbirths;2024;;2;\n"));
  dataset = ic_dataset_load (f->dir, NULL, FALSE, NULL, problems, &error);
  g_assert_no_error (error);

  births = ic_dataset_table (dataset, "births");
  acts = ic_dataset_table (dataset, "pmi_acts");
  ip = ic_dataset_table (dataset, "ip");
  populations = ic_dataset_table (dataset, "populations");
  g_assert_null (ic_dataset_table (dataset, "nonsense"));

  /* In the registry's order (by name): births first: Sud 1; then ip:
   * Est 2, Nord 3; pmi_acts and populations add none. */
  g_assert_cmpuint (ic_interner_size (dataset->territories), ==, 4);
  g_assert_cmpstr (ic_interner_get (dataset->territories, 0), ==, "");
  g_assert_cmpuint (ic_table_column (births, "territory")->codes[0], ==, 1);
  g_assert_cmpuint (ic_table_column (births, "territory")->codes[1], ==, 0);
  g_assert_cmpuint (ic_table_column (ip, "territory")->codes[0], ==, 2);
  g_assert_cmpuint (ic_table_column (ip, "territory")->codes[1], ==, 3);
  g_assert_cmpuint (ic_table_column (acts, "territory")->codes[0], ==, 3);
  g_assert_cmpuint (ic_table_column (acts, "territory")->codes[1], ==, 1);
  g_assert_cmpuint (ic_table_column (populations, "territory")->codes[0], ==, 2);
  g_assert_cmpuint (ic_table_column (populations, "territory")->codes[1], ==, 0);
  g_assert_cmpstr (ic_interner_get (dataset->territories, 2), ==, "Est");
  /* the four files written; bsem_referrals.csv is not */
  g_assert_true (ic_dataset_present (dataset, "births"));
  g_assert_true (ic_dataset_present (dataset, "pmi_acts"));
  g_assert_true (ic_dataset_present (dataset, "ip"));
  g_assert_true (ic_dataset_present (dataset, "populations"));
  g_assert_false (ic_dataset_present (dataset, "bsem_referrals"));
}

static void
test_counts (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *value, *name, *period, *source;
  (void) data;

  table = read_ok (f, "populations",
                   POPULATIONS_HEADER
                   "births;2024;;12 345;INSEE état civil\n"
                   "births;2023;;1" NBSP "234;\n"
                   "births;2022;;1" NNBSP "234" NNBSP "567;\n"
                   "Enrolled_3_4;2023-2024;;\"844\";\"Éducation nationale; DEPP\"\n"
                   "births;2021;; 0 ;\n"
                   "births;2020;;1 000 000;\n");
  value = ic_table_column (table, "value");
  name = ic_table_column (table, "population");
  period = ic_table_column (table, "period");
  source = ic_table_column (table, "source");
  g_assert_cmpuint (table->n_rows, ==, 6);
  /* Thousands separated by a space, U+00A0 or U+202F. */
  g_assert_cmpint (value->integers[0], ==, 12345);
  g_assert_cmpint (value->integers[1], ==, 1234);
  g_assert_cmpint (value->integers[2], ==, 1234567);
  g_assert_cmpint (value->integers[3], ==, 844);
  g_assert_cmpint (value->integers[4], ==, 0);
  g_assert_cmpint (value->integers[5], ==, 1000000);
  /* Population names are compared case-insensitively: kept lower-cased. */
  g_assert_cmpstr (name->texts[3], ==, "enrolled_3_4");
  g_assert_cmpstr (period->texts[3], ==, "2023-2024");
  g_assert_cmpstr (source->texts[0], ==, "INSEE état civil");
  g_assert_cmpstr (source->texts[3], ==, "Éducation nationale; DEPP");
  g_assert_null (source->texts[1]);
}

static void
test_header (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *date, *territory;
  (void) data;

  /* Any case, any order, trimmed, unknown columns ignored. */
  table = read_ok (f, "births",
                   "Territory;Commentaire; BIRTH_DATE ;Birth_Id;x\n"
                   "Nord;né à 8h;2024-01-05;B-1;\n"
                   "Sud;;06/01/2024;B-2;1\n");
  date = ic_table_column (table, "birth_date");
  territory = ic_table_column (table, "territory");
  g_assert_cmpint (ic_table_column (table, "birth_id")->field, ==, 3);
  g_assert_cmpint (date->field, ==, 2);
  g_assert_cmpint (territory->field, ==, 0);
  g_assert_cmpuint (table->n_rows, ==, 2);
  g_assert_cmpint (date->dates[0], ==, ic_date_from_ymd (2024, 1, 5));
  g_assert_cmpint (date->dates[1], ==, ic_date_from_ymd (2024, 1, 6));
  g_assert_cmpstr (ic_interner_get (f->territories, territory->codes[0]), ==, "Nord");
  g_assert_cmpstr (ic_interner_get (f->territories, territory->codes[1]), ==, "Sud");
}

static void
test_optional_absent (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (IcTable) acts = NULL;
  g_autoptr (IcTable) ip = NULL;
  (void) data;

  acts = read_ok (f, "pmi_acts",
                  "act_id;act_type;act_date;person_id;provider\n"
                  "A-1;VAD_CHILD;2024-03-01;C-1;PMI\n");
  g_assert_cmpuint (acts->n_rows, ==, 1);
  g_assert_cmpint (ic_table_column (acts, "person_birth_date")->field, ==, -1);
  g_assert_cmpint (ic_table_column (acts, "person_birth_date")->dates[0], ==, IC_DATE_NONE);
  g_assert_cmpuint (ic_table_column (acts, "professional")->codes[0], ==, 0);
  g_assert_cmpuint (ic_table_column (acts, "territory")->codes[0], ==, 0);

  ip = read_ok (f, "ip",
                "ip_id,received_date\r\n"
                "IP-1,2024-01-10\r\n"
                "IP-2,2024-01-11\r\n");
  g_assert_cmpuint (ip->n_rows, ==, 2);
  g_assert_cmpint (ic_table_column (ip, "evaluation_end_date")->dates[1], ==, IC_DATE_NONE);
  g_assert_cmpint (ic_table_column (ip, "received_date")->dates[1], ==, ic_date_from_ymd (2024, 1, 11));
  g_assert_cmpuint (ic_table_column (ip, "territory")->codes[1], ==, 0);
}

static void
test_rows_and_sha256 (IcTableFixture *f, gconstpointer data)
{
  const char *content = "\n"
                        IP_HEADER
                        "\n"
                        "IP-1;2024-01-10;2024-02-10;Nord\n"
                        "\r\n"
                        "IP-2;2024-01-11;;\n"
                        "IP-3;\"2024-01-12\";\"\";\"Nord\"\n"
                        "\n";
  g_autoptr (IcTable) table = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  g_autofree char *path = NULL;
  (void) data;

  table = read_ok (f, "ip", content);
  /* Three data rows; the header and the blank lines are not rows. */
  g_assert_cmpuint (table->rows_read, ==, 3);
  g_assert_cmpuint (table->n_rows, ==, 3);
  g_assert_cmpuint (table->rejected, ==, 0);
  g_assert_cmpuint (table->rejected_reasons->len, ==, 0);
  g_assert_cmpstr (table->sha256, ==, sha256);
  g_assert_cmpuint (strlen (table->sha256), ==, 64);
  path = g_build_filename (f->dir, "ip.csv", NULL);
  g_assert_cmpstr (table->path, ==, path);
  g_assert_true (table->spec == ic_table_spec ("ip"));
  /* Quoted values are values: the empty quoted end date is missing. */
  g_assert_cmpint (ic_table_column (table, "evaluation_end_date")->dates[2], ==, IC_DATE_NONE);
  g_assert_cmpint (ic_table_column (table, "evaluation_end_date")->dates[0], ==, ic_date_from_ymd (2024, 2, 10));
}

static void
test_many_rows (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GString) content = g_string_new (PMI_HEADER);
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *person, *date;
  const guint n = 20000;
  (void) data;

  /* 20000 rows, past the first column capacity (4096) and the first row-id
   * table; person W-(i % 7000): 7000 distinct, ids 0..6999 in order. */
  for (guint i = 0; i < n; i++)
    g_string_append_printf (content, "A-%u;EPP;2024-01-%02u;W-%u;;PMI;;T%u\n",
                            i, 1 + i % 28, i % 7000, i % 3);
  table = read_ok (f, "pmi_acts", content->str);
  person = ic_table_column (table, "person_id");
  date = ic_table_column (table, "act_date");
  g_assert_cmpuint (table->n_rows, ==, n);
  g_assert_cmpuint (person->n_distinct, ==, 7000);
  for (guint i = 0; i < n; i += 331)
    {
      g_assert_cmpuint (person->ids[i], ==, i % 7000);
      g_assert_cmpint (date->dates[i], ==, ic_date_from_ymd (2024, 1, 1 + (int) (i % 28)));
    }
  /* T0, T1, T2 after the empty territory. */
  g_assert_cmpuint (ic_interner_size (f->territories), ==, 4);
}

/* ------------------------------------------------------------------ */
/* --lenient. */

static void
test_lenient_counts_rejected (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcTable) table = NULL;
  (void) data;

  table = read_text (f, "pmi_acts",
                     PMI_HEADER
                     "A-1;EPP;2024-03-01;W-1;;PMI;SF;Nord\n"         /* 2 kept */
                     "A-2;EPP;2024-02-30;W-2;;PMI;SF;Nord\n"         /* 3 date */
                     "A-3;EPP;2024-03-01;W-3;;NOBODY;XX;Nord\n"      /* 4 provider (and professional) */
                     "A-4;EPP;2024-03-01;W-4;;PMI;SF\n"              /* 5 fields */
                     "A-1;EPP;2024-03-02;W-1;;PMI;SF;Nord\n"         /* 6 duplicate */
                     "A-6;EPP;2024-03-01;W-6;;PMI;SF;Nord\n"         /* 7 kept */
                     "A-7;;2024-03-01;W-7;;PMI;SF;Nord\n"            /* 8 missing act_type */
                     "A-8;BSEM;2024-03-01;C-8;2024-04-01;PMI;;\n"    /* 9 before birth */
                     "A-9;EPP;2024-03-01;W-9;;PMI;SF;\"Sud\"x\n"     /* 10 quote */
                     "A-10;EPP;2024-03-01;W-10;;PMI;SF;Sud\n",       /* 11 kept */
                     TRUE, &error);
  g_assert_no_error (error);
  /* Nothing goes to the problems: the run goes on. */
  g_assert_cmpuint (ic_problems_count (f->problems), ==, 0);
  g_assert_cmpuint (table->rows_read, ==, 10);
  g_assert_cmpuint (table->rejected, ==, 7);
  g_assert_cmpuint (table->n_rows, ==, 3);
  /* The first five reasons, one a row (its first problem), with their
   * place. */
  g_assert_cmpuint (IC_TABLE_KEPT_REASONS, ==, 5);
  g_assert_cmpuint (table->rejected_reasons->len, ==, IC_TABLE_KEPT_REASONS);
  g_assert_cmpstr (table->rejected_reasons->pdata[0], ==, "pmi_acts.csv:3:3: act_date: " BAD_DATE_FR);
  g_assert_cmpstr (table->rejected_reasons->pdata[1], ==,
                   "pmi_acts.csv:4:6: provider: code inconnu (attendu : l'un de PMI, MATERNITY, LIBERAL, OTHER)");
  g_assert_cmpstr (table->rejected_reasons->pdata[2], ==, "pmi_acts.csv:5: 7 champs alors que l'en-tête en a 8");
  g_assert_cmpstr (table->rejected_reasons->pdata[3], ==,
                   "pmi_acts.csv:6:1: act_id: identifiant en double (le premier à la ligne 2)");
  g_assert_cmpstr (table->rejected_reasons->pdata[4], ==, "pmi_acts.csv:8:2: act_type: valeur manquante");

  /* The kept rows are the valid ones: W-1, W-6, W-10 -> ids 0, 1, 2. */
  g_assert_cmpint (ic_table_column (table, "act_date")->dates[1], ==, ic_date_from_ymd (2024, 3, 1));
  g_assert_cmpuint (ic_table_column (table, "person_id")->ids[0], ==, 0);
  g_assert_cmpuint (ic_table_column (table, "person_id")->ids[1], ==, 1);
  g_assert_cmpuint (ic_table_column (table, "person_id")->ids[2], ==, 2);
}

/* A set-aside row leaves nothing behind: not its person, not its
 * territory, not its unknown code. */
static void
test_lenient_no_trace (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcTable) table = NULL;
  IcTableColumn *person, *type;
  (void) data;

  table = read_text (f, "pmi_acts",
                     PMI_HEADER
                     "A-1;EPP;2024-03-01;W-1;;PMI;;Nord\n"
                     "A-2;SECRET_ACT;2024-02-30;W-SECRET;;PMI;;Secret\n"
                     "A-3;EPP;2024-03-01;W-3;;PMI;;Sud\n",
                     TRUE, &error);
  g_assert_no_error (error);
  person = ic_table_column (table, "person_id");
  type = ic_table_column (table, "act_type");
  g_assert_cmpuint (table->rejected, ==, 1);
  /* W-1 0, W-3 1: dense over the kept rows. */
  g_assert_cmpuint (person->n_distinct, ==, 2);
  g_assert_cmpuint (person->ids[1], ==, 1);
  /* "", Nord, Sud. */
  g_assert_cmpuint (ic_interner_size (f->territories), ==, 3);
  g_assert_cmpint (ic_interner_find (f->territories, "Secret", 6), ==, -1);
  g_assert_cmpuint (ic_interner_size (type->dictionary), ==, 7);
}

static void
test_lenient_duplicate_after_invalid (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcTable) table = NULL;
  (void) data;

  table = read_text (f, "ip",
                     IP_HEADER
                     "IP-1;2024-13-10;;\n"   /* 2: invalid, set aside */
                     "IP-1;2024-01-10;;\n"   /* 3: the first valid IP-1: kept */
                     "IP-1;2024-01-11;;\n",  /* 4: a duplicate of line 3 */
                     TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rejected, ==, 2);
  g_assert_cmpuint (table->n_rows, ==, 1);
  g_assert_cmpint (ic_table_column (table, "received_date")->dates[0], ==, ic_date_from_ymd (2024, 1, 10));
  g_assert_cmpstr (table->rejected_reasons->pdata[0], ==, "ip.csv:2:2: received_date: " BAD_DATE_FR);
  g_assert_cmpstr (table->rejected_reasons->pdata[1], ==,
                   "ip.csv:4:1: ip_id: identifiant en double (le premier à la ligne 3)");
}

static void
test_lenient_missing_column (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (IcDataset) dataset = NULL;
  (void) data;

  /* A missing required column is no row's problem: even --lenient fails. */
  g_assert_null (read_text (f, "ip", "ip_id;territory\nIP-1;Nord\n", TRUE, &error));
  g_assert_error (error, IC_TABLE_ERROR, IC_TABLE_ERROR_UNREADABLE);
  g_assert_cmpstr (error->message, ==, "ip.csv:1: missing required column received_date");
  g_assert_cmpuint (ic_problems_count (f->problems), ==, 1);
  g_clear_error (&error);

  dataset = ic_dataset_load (f->dir, NULL, TRUE, NULL, problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, IC_DATASET_ERROR, IC_DATASET_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "invalid input (1 problem):\nip.csv:1: missing required column received_date");
}

static void
test_lenient_dataset (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (IcDataset) dataset = NULL;
  g_autofree gboolean *wanted = g_new0 (gboolean, ic_table_registry_size (ic_tables ()));
  (void) data;

  g_free (ic_test_write (f->dir, "births.csv", BIRTHS_HEADER "B-1;2024-01-05;\nB-2;2024-01-32;\n"));
  g_free (ic_test_write (f->dir, "ip.csv", IP_HEADER "IP-1;2024-01-10;;\n"));
  dataset = ic_dataset_load (f->dir, NULL, TRUE, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_true (dataset->lenient);
  g_assert_cmpuint (ic_problems_count (problems), ==, 0);
  g_assert_cmpuint (ic_dataset_table (dataset, "births")->rejected, ==, 1);
  g_assert_cmpuint (ic_dataset_table (dataset, "births")->n_rows, ==, 1);
  g_assert_cmpuint (ic_dataset_table (dataset, "ip")->rejected, ==, 0);
  /* Absent files are no error: no table, and not present. */
  g_assert_null (ic_dataset_table (dataset, "pmi_acts"));
  g_assert_false (ic_dataset_present (dataset, "pmi_acts"));
  g_assert_false (ic_dataset_present (dataset, "populations"));
  g_clear_pointer (&dataset, ic_dataset_free);

  /* Only the wanted tables are read (a present file not wanted is not
   * checked, even strictly). */
  wanted[ic_table_registry_index (ic_tables (), "ip")] = TRUE;
  dataset = ic_dataset_load (f->dir, wanted, FALSE, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_null (ic_dataset_table (dataset, "births"));
  g_assert_true (ic_dataset_present (dataset, "births"));
  g_assert_nonnull (ic_dataset_table (dataset, "ip"));
}

/* ------------------------------------------------------------------ */
/* Privacy: no problem message quotes a value of the file. */

static void
test_privacy (IcTableFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcTable) table = NULL;
  g_autoptr (IcProblems) problems = ic_problems_new (100);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  const char *const values[] = {
    "ENFANT-DUPONT", "MERE-MARTIN", "1999-02-31", "32/01/2024", "12/31/2024", "SECRET_PROVIDER",
    "SECRET_PRO", "Quartier-Secret", "-12", "1,5", NULL
  };
  (void) data;

  path = ic_test_write (f->dir, "pmi_acts.csv",
                        PMI_HEADER
                        "A-1;EPP;1999-02-31;MERE-MARTIN;;SECRET_PROVIDER;SECRET_PRO;Quartier-Secret\n"
                        "A-2;BSEM;32/01/2024;ENFANT-DUPONT;12/31/2024;PMI;;Quartier-Secret\n"
                        "A-3;BSEM;2024-01-01;ENFANT-DUPONT;2024-06-01;PMI;;Quartier-Secret\n"
                        "A-3;EPP;2024-01-01;MERE-MARTIN;;PMI;;Quartier-Secret\n"
                        "A-5;EPP;\"2024-01-01\"MERE-MARTIN;;;PMI;;\n"
                        "A-6;EPP;2024-01-01;MERE-MARTIN;;PMI;;Quartier-Secret;ENFANT-DUPONT\n");
  table = ic_table_read (ic_table_spec ("pmi_acts"), path, f->territories, FALSE, NULL, problems, &error);
  g_assert_no_error (error);
  text = ic_problems_to_string (problems);
  g_test_message ("%s", text);
  /* Line 2: act_date, provider, professional (3); line 3: act_date,
   * person_birth_date (2); line 4: act before birth (1), so that row is not
   * kept and line 5's A-3 is no duplicate; line 6: text after a quote (1);
   * line 7: 9 fields (1). 3 + 2 + 1 + 1 + 1 = 8. */
  g_assert_cmpuint (ic_problems_count (problems), ==, 8);
  for (guint i = 0; values[i]; i++)
    if (strstr (text, values[i]) != NULL)
      g_error ("a problem message quotes \"%s\":\n%s", values[i], text);
}

/* ------------------------------------------------------------------ */
/* Two threads: a file read in two halves gives the very table read in one. */

/* A file where everything crosses the middle: persons seen in both halves,
 * a territory and an unknown act code met only in the second, a duplicate
 * identifier whose first row is in the first half, invalid rows in both. */
static char *
split_content (void)
{
  GString *text = g_string_new (PMI_HEADER);
  for (guint i = 0; i < 4000; i++)
    {
      gboolean second_half = i >= 2000;
      g_string_append_printf (text, "A-%u;%s;2024-03-%02u;W-%s%u;;%s;SF;%s\n",
                              i == 3500 ? 10u : i,                      /* A-10 twice */
                              second_half && i % 97 == 0 ? "NEW_CODE" : (i % 3 ? "EPP" : "bsem"),
                              1 + i % 28,
                              /* A fifth of the persons with identifiers
                               * longer than the reader's prefetch queue
                               * holds: interned at once, in order too. */
                              i % 1500 % 5 == 0 ? "long-identifier-of-a-person-0123456789-0123456789-" : "",
                              i % 1500,                                 /* W-0..W-1499, in both halves */
                              i % 11 ? "PMI" : "Liberal",
                              second_half && i % 7 == 0 ? "Est" : (i % 2 ? "Nord" : "Sud"));
      if (i == 500 || i == 3000)
        g_string_append (text, "A-bad;EPP;2024-02-30;W-1;;PMI;SF;Nord\n");
    }
  return g_string_free (text, FALSE);
}

static void
assert_same_tables (IcTable *a, IcTable *b, IcInterner *ta, IcInterner *tb)
{
  g_assert_cmpuint (a->n_rows, ==, b->n_rows);
  g_assert_cmpuint (a->rows_read, ==, b->rows_read);
  g_assert_cmpuint (a->rejected, ==, b->rejected);
  g_assert_cmpuint (a->rejected_reasons->len, ==, b->rejected_reasons->len);
  for (guint i = 0; i < a->rejected_reasons->len; i++)
    g_assert_cmpstr (a->rejected_reasons->pdata[i], ==, b->rejected_reasons->pdata[i]);
  for (guint c = 0; c < a->spec->n_columns; c++)
    {
      IcTableColumn *x = &a->columns[c], *y = &b->columns[c];
      g_assert_cmpuint (x->n_distinct, ==, y->n_distinct);
      for (guint64 r = 0; r < a->n_rows; r++)
        switch (x->spec->kind)
          {
          case IC_COLUMN_KIND_PERSON_ID:
            /* First appearance order is kept: the very same numbers (in
             * one thread, they are the persons' order of first appearance:
             * /table/typed-columns). */
            g_assert_cmpuint (x->ids[r], ==, y->ids[r]);
            break;
          case IC_COLUMN_KIND_DATE:
            g_assert_cmpint (x->dates[r], ==, y->dates[r]);
            break;
          case IC_COLUMN_KIND_CODE:
            g_assert_cmpuint (x->codes[r], ==, y->codes[r]);
            break;
          case IC_COLUMN_KIND_TERRITORY:
            g_assert_cmpstr (ic_interner_get (ta, x->codes[r]), ==, ic_interner_get (tb, y->codes[r]));
            break;
          default:
            break;
          }
    }
}

static IcTable *
read_with_threshold (const char *path, gsize threshold, gboolean lenient, IcInterner *territories,
                     IcProblems *problems, GError **error)
{
  /* 0: one thread. */
  IcInputOptions options = { .threads = threshold == 0 ? 1 : 2, .split_threshold = threshold };
  return ic_table_read (ic_table_spec ("pmi_acts"), path, territories, lenient, &options, problems, error);
}

/* A file is first read as UTF-8, its encoding decided beside the reading;
 * a Windows-1252 file is then read again. Nothing of the first reading is
 * left: neither its territories (bytes taken as they are) nor its problems.
 * Both ways: the encoding known after the records (the checksum's thread
 * deferred) or while they are read. */
static void
test_encoding_read_again (IcTableFixture *f, gconstpointer data)
{
  GString *text = g_string_new (BIRTHS_HEADER);
  g_autofree char *content = NULL, *path = NULL;
  (void) data;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "B-%u;2024-01-%02u;%s\n", i, 1 + i % 28, i % 2 ? "Gu\xE9ret" : "Aubusson");
  /* One invalid row (a day that does not exist): one problem, not two. */
  g_string_append (text, "B-x;2024-02-30;Gu\xE9ret\n");
  content = g_string_free (text, FALSE);
  path = ic_test_write (f->dir, "births.csv", content);

  for (int deferred = 1; deferred >= 0; deferred--)
    {
      g_autoptr (IcInterner) territories = ic_interner_new ();
      g_autoptr (IcProblems) problems = ic_problems_new (10);
      g_autoptr (IcTable) table = NULL;
      g_autoptr (GError) error = NULL;

      ic_interner_intern (territories, "", 0, NULL);
      IcInputOptions options = { .defer_checksum = deferred, .chunk_size = deferred ? 0 : 4096 };

      table = ic_table_read (ic_table_spec ("births"), path, territories, TRUE, &options, problems, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (table->n_rows, ==, 3000);
      g_assert_cmpuint (table->rejected, ==, 1);
      g_assert_cmpuint (ic_problems_count (problems), ==, 0);
      g_assert_cmpuint (table->rejected_reasons->len, ==, 1);
      /* "", Aubusson, Guéret (UTF-8): nothing else. */
      g_assert_cmpuint (ic_interner_size (territories), ==, 3);
      g_assert_cmpstr (ic_interner_get (territories, 2), ==, "Gu\xC3\xA9ret");
      g_assert_cmpuint (ic_table_column (table, "territory")->codes[1], ==, 2);
    }
}

/* The narrow dates' origin is 1900-01-01, as its comment says. */
static void
test_narrow_date_base (void)
{
  g_assert_cmpint (IC_NARROW_DATE_BASE, ==, ic_date_from_ymd (1900, 1, 1));
  g_assert_cmpint (IC_NARROW_DATE_BASE + IC_NARROW_DATE_NONE - 1, ==, ic_date_from_ymd (2079, 6, 5));
}

/* Dates and codes are held narrow while a file is read, and a column
 * widens when a value does not fit: dates before 1900 or after 2079, a
 * 256th code or territory. Here the codes outgrow 8 bits in the first half
 * only, the territories and dates in the second only: read in one thread
 * or two, the very same values. */
static void
test_narrow_columns_widen (IcTableFixture *f, gconstpointer data)
{
  GString *text = g_string_new (PMI_HEADER);
  g_autofree char *content = NULL, *path = NULL;
  g_autoptr (IcInterner) t1 = ic_interner_new (), t2 = ic_interner_new ();
  g_autoptr (IcProblems) p1 = ic_problems_new (50), p2 = ic_problems_new (50);
  g_autoptr (IcTable) one = NULL, two = NULL;
  g_autoptr (GError) error = NULL;
  IcTableColumn *type, *birth, *act, *territory;
  (void) data;

  for (guint i = 0; i < 4000; i++)
    {
      g_autofree char *code = i < 300 ? g_strdup_printf ("X%u", i) : g_strdup ("EPP");
      g_autofree char *place = i >= 3000 && i < 3300 ? g_strdup_printf ("T%u", i) : g_strdup ("Nord");
      const char *born = i == 3500 ? "1850-06-01" : i == 3600 ? "2100-01-01" : i % 2 ? "1990-05-17" : "";
      g_string_append_printf (text, "A-%u;%s;%s;W-%u;%s;PMI;SF;%s\n", i, code,
                              i == 3700 ? "2150-12-31" : "2024-03-01", i % 700, born, place);
    }
  content = g_string_free (text, FALSE);
  path = ic_test_write (f->dir, "pmi_acts.csv", content);
  ic_interner_intern (t1, "", 0, NULL);
  ic_interner_intern (t2, "", 0, NULL);
  one = read_with_threshold (path, 0, FALSE, t1, p1, &error);
  g_assert_no_error (error);
  two = read_with_threshold (path, 1, FALSE, t2, p2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ic_problems_count (p1), ==, 0);
  g_assert_cmpuint (two->n_rows, ==, 4000);
  assert_same_tables (one, two, t1, t2);

  for (IcTable *table = one; table != NULL; table = table == one ? two : NULL)
    {
      type = ic_table_column (table, "act_type");
      birth = ic_table_column (table, "person_birth_date");
      act = ic_table_column (table, "act_date");
      territory = ic_table_column (table, "territory");
      /* Read: no narrow column is left. */
      g_assert_null (type->narrow_codes);
      g_assert_null (birth->narrow_dates);
      /* X299, the 300th new code, after the 8 known ones (1..8). */
      g_assert_cmpuint (type->codes[299], ==, IC_ACT_FIRST_OTHER + 299);
      g_assert_cmpuint (type->codes[3999], ==, IC_ACT_EPP);
      g_assert_cmpint (birth->dates[3500], ==, ic_date_from_ymd (1850, 6, 1));
      g_assert_cmpint (birth->dates[3600], ==, ic_date_from_ymd (2100, 1, 1));
      g_assert_cmpint (birth->dates[3601], ==, ic_date_from_ymd (1990, 5, 17));
      g_assert_cmpint (birth->dates[3602], ==, IC_DATE_NONE);
      g_assert_cmpint (act->dates[3700], ==, ic_date_from_ymd (2150, 12, 31));
      g_assert_cmpint (act->dates[0], ==, ic_date_from_ymd (2024, 3, 1));
    }
  /* "", Nord, T3000... T3299: 302 territories. */
  g_assert_cmpuint (ic_interner_size (t2), ==, 302);
  territory = ic_table_column (two, "territory");
  g_assert_cmpstr (ic_interner_get (t2, territory->codes[3299]), ==, "T3299");
  g_assert_cmpstr (ic_interner_get (t2, territory->codes[3999]), ==, "Nord");
}

static void
test_split_same_table (IcTableFixture *f, gconstpointer data)
{
  g_autofree char *content = split_content ();
  g_autofree char *path = ic_test_write (f->dir, "pmi_acts.csv", content);
  g_autoptr (IcInterner) t1 = ic_interner_new (), t2 = ic_interner_new ();
  g_autoptr (IcProblems) p1 = ic_problems_new (50), p2 = ic_problems_new (50);
  g_autoptr (IcTable) one = NULL, two = NULL;
  g_autoptr (GError) error = NULL;
  (void) data;

  ic_interner_intern (t1, "", 0, NULL);
  ic_interner_intern (t2, "", 0, NULL);
  /* Lenient: the two invalid rows and the duplicate A-10 are set aside. */
  one = read_with_threshold (path, 0, TRUE, t1, p1, &error);
  g_assert_no_error (error);
  two = read_with_threshold (path, 1, TRUE, t2, p2, &error);
  g_assert_no_error (error);
  /* 4002 data rows; 4002 − 2 invalid − 1 duplicate = 3999 kept. */
  g_assert_cmpuint (one->rows_read, ==, 4002);
  g_assert_cmpuint (one->n_rows, ==, 3999);
  g_assert_cmpuint (ic_table_column (one, "person_id")->n_distinct, ==, 1500);
  /* Numbered in order of first appearance, long identifiers or not: each
   * row's person is one seen before or the next number. */
  {
    const guint32 *ids = ic_table_column (one, "person_id")->ids;
    guint32 next = 0;
    for (guint64 r = 0; r < one->n_rows; r++)
      {
        g_assert_cmpuint (ids[r], <=, next);
        if (ids[r] == next)
          next++;
      }
    g_assert_cmpuint (next, ==, 1500);
  }
  assert_same_tables (one, two, t1, t2);
  /* "", Nord, Sud, Est in the same order. */
  g_assert_cmpuint (ic_interner_size (t2), ==, 4);
  g_assert_cmpstr (ic_interner_get (t2, 3), ==, "Est");
  /* Row i sits on line i + 2, plus one for each invalid row written before
   * it (after i = 500 and i = 3000): A-10 first on line 12, again (i = 3500)
   * on line 3504. */
  g_assert_cmpstr (one->rejected_reasons->pdata[2], ==,
                   "pmi_acts.csv:3504:1: act_id: identifiant en double (le premier à la ligne 12)");
}

static void
test_split_same_problems (IcTableFixture *f, gconstpointer data)
{
  g_autofree char *content = split_content ();
  g_autofree char *path = ic_test_write (f->dir, "pmi_acts.csv", content);
  g_autoptr (IcInterner) t1 = ic_interner_new (), t2 = ic_interner_new ();
  g_autoptr (IcProblems) p1 = ic_problems_new (50), p2 = ic_problems_new (50);
  g_autoptr (IcTable) one = NULL, two = NULL;
  g_autoptr (GError) error = NULL;
  (void) data;

  ic_interner_intern (t1, "", 0, NULL);
  ic_interner_intern (t2, "", 0, NULL);
  one = read_with_threshold (path, 0, FALSE, t1, p1, &error);
  two = read_with_threshold (path, 1, FALSE, t2, p2, &error);
  /* Strict: the same three problems, in the order of the file. */
  g_assert_cmpuint (ic_problems_count (p1), ==, 3);
  g_assert_cmpuint (ic_problems_count (p2), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (problem (p1, i), ==, problem (p2, i));
  g_assert_cmpstr (problem (p2, 0), ==, "pmi_acts.csv:503:3: act_date: " BAD_DATE);
}

/* The schema's cross-column rules name columns of their own table, and
 * their codes are known codes: resolved, they point where the rules mean. */
static void
test_rules_resolve (void)
{
  for (guint id = 0; id < ic_table_registry_size (ic_tables ()); id++)
    {
      const IcTableSpec *spec = ic_table_registry_nth (ic_tables (), id);
      guint n = 0;
      IcResolvedRule *rules = ic_table_rules_resolve (spec, &n);

      g_assert_cmpuint (n, ==, spec->n_rules);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (rules[i].rule->column == NULL || rules[i].column >= 0);
          g_assert_true (rules[i].rule->other == NULL || rules[i].other >= 0);
          g_assert_true (rules[i].rule->when == NULL || rules[i].when >= 0);
          for (guint k = 0; rules[i].rule->key != NULL && rules[i].rule->key[k] != NULL; k++)
            g_assert_cmpint (rules[i].key[k], >=, 0);
        }
      if (strcmp (spec->name, "pmi_acts") == 0)
        {
          /* act_date (column 2) not before person_birth_date (4) for the
           * three child acts only: their public values 3, 6 and 7. */
          g_assert_cmpuint (n, ==, 1);
          g_assert_cmpint (rules[0].column, ==, 2);
          g_assert_cmpint (rules[0].other, ==, 4);
          g_assert_cmpint (rules[0].when, ==, 1);
          g_assert_cmphex (rules[0].when_codes, ==, (1u << IC_ACT_BSEM) | (1u << IC_ACT_VAD_CHILD)
                                                    | (1u << IC_ACT_CONSULTATION_CHILD));
          g_assert_cmphex (rules[0].when_codes, ==, (1u << 3) | (1u << 6) | (1u << 7));
        }
      ic_table_rules_free (rules, n);
    }
  /* The key rule keeps the population table in one part. */
  g_assert_true (ic_table_rules_need_one_part (ic_table_spec ("populations")));
  g_assert_false (ic_table_rules_need_one_part (ic_table_spec ("pmi_acts")));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    g_test_add (invalid_cases[i].path, IcTableFixture, &invalid_cases[i], ic_table_fixture_set_up, test_invalid, ic_table_fixture_tear_down);

#define ADD(path, func) g_test_add (path, IcTableFixture, NULL, ic_table_fixture_set_up, func, ic_table_fixture_tear_down)
  ADD ("/table/invalid/random-bytes", test_random_bytes);
  ADD ("/table/invalid/field-too-long", test_field_too_long);
  ADD ("/table/invalid/child-acts", test_child_acts);
  ADD ("/table/strict/every-problem", test_every_problem);
  ADD ("/table/strict/problem-limit", test_problem_limit);
  ADD ("/table/strict/problem-limit-one-more", test_problem_limit_one_more);
  ADD ("/table/strict/problems-grouped", test_problems_grouped);
  ADD ("/table/strict/problem-limit-fatal", test_problem_limit_fatal);
  ADD ("/table/strict/dataset-all-files", test_dataset_all_files);
  ADD ("/table/strict/no-directory", test_dataset_no_directory);
  ADD ("/table/valid/typed-values", test_typed_values);
  ADD ("/table/valid/codes", test_open_codes);
  ADD ("/table/valid/other-codes-not-free-text", test_other_codes_not_free_text);
  ADD ("/table/valid/shared-territories", test_shared_territories);
  ADD ("/table/valid/counts", test_counts);
  ADD ("/table/valid/header", test_header);
  ADD ("/table/valid/optional-absent", test_optional_absent);
  ADD ("/table/valid/rows-and-sha256", test_rows_and_sha256);
  ADD ("/table/valid/many-rows", test_many_rows);
  ADD ("/table/lenient/counts-rejected", test_lenient_counts_rejected);
  ADD ("/table/lenient/no-trace", test_lenient_no_trace);
  ADD ("/table/lenient/duplicate-after-invalid", test_lenient_duplicate_after_invalid);
  ADD ("/table/lenient/missing-column", test_lenient_missing_column);
  ADD ("/table/lenient/dataset", test_lenient_dataset);
  ADD ("/table/privacy/messages", test_privacy);
#undef ADD

  g_test_add ("/dataset/tables-at-once", IcTableFixture, NULL, ic_table_fixture_set_up, test_tables_at_once, ic_table_fixture_tear_down);
  g_test_add_func ("/table/lenient/rules-in-french", test_rules_in_french);
  g_test_add_func ("/table/lenient/words-in-french", test_words_in_french);
  g_test_add ("/dataset/territories-union-too-big", IcTableFixture, NULL, ic_table_fixture_set_up, test_territories_union_too_big,
              ic_table_fixture_tear_down);
  g_test_add ("/table/encoding-read-again", IcTableFixture, NULL, ic_table_fixture_set_up, test_encoding_read_again, ic_table_fixture_tear_down);
  g_test_add_func ("/table/narrow-date-base", test_narrow_date_base);
  g_test_add_func ("/table/schema/rules-resolve", test_rules_resolve);
  g_test_add ("/table/narrow-columns-widen", IcTableFixture, NULL, ic_table_fixture_set_up, test_narrow_columns_widen, ic_table_fixture_tear_down);
  g_test_add ("/table/split/same-table", IcTableFixture, NULL, ic_table_fixture_set_up, test_split_same_table, ic_table_fixture_tear_down);
  g_test_add ("/table/split/same-problems", IcTableFixture, NULL, ic_table_fixture_set_up, test_split_same_problems, ic_table_fixture_tear_down);
  return g_test_run ();
}

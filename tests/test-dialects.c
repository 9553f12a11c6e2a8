/* One small data directory written in every dialect of spec/data.md, run end
 * to end through the four real indicators: every variant must give exactly
 * the same numbers, worked out by hand once (check_figures below).
 *
 * The data is held once, in a neutral form (ISO dates, plain digits, UTF-8
 * text); each dialect renders it to bytes: separator, line ends, BOM,
 * Windows-1252, quoting, date format, thousands separators, blank lines,
 * column order, header case, unknown extra columns. */
#include <stdlib.h>
#include <string.h>

#include "bundle-writer.h"
#include "json-writer.h"
#include "test-util.h"

static IcPluginSet *plugins;

/* ------------------------------------------------------------------ */
/* The data, in neutral form.                                          */

typedef enum { TEXT, DATE, COUNT } Kind;

typedef struct {
  const char *name;
  Kind kind;
} Column;

typedef struct {
  const char *file;
  const Column *columns;
  guint n_columns;
  const char *const *cells; /* n_columns per row, row after row */
  guint n_rows;
} Table;

static const Column births_columns[] = {
  { "birth_id", TEXT }, { "birth_date", DATE }, { "territory", TEXT },
};
static const char *const births_cells[] = {
  "N-0001", "2023-03-15", "Guéret",
  "N-0002", "2023-11-30", "Aubusson",
  "N-0003", "2024-01-01", "Guéret",
  "N-0004", "2024-06-15", "Aubusson",
  "N-0005", "2024-12-31", "Guéret",
  "N-0006", "2024-07-14", "",
};

static const Column acts_columns[] = {
  { "act_id", TEXT }, { "act_type", TEXT }, { "act_date", DATE }, { "person_id", TEXT },
  { "person_birth_date", DATE }, { "provider", TEXT }, { "professional", TEXT }, { "territory", TEXT },
};
static const char *const acts_cells[] = {
  /* EPP, 2024 */
  "A01", "EPP", "2024-02-10", "W1", "", "PMI", "SF", "Guéret",
  "A02", "epp", "2024-09-01", "W1", "", "Pmi", "SF", "Aubusson",       /* W1 in two territories */
  "A03", "EPP", "2024-03-03", "W 2;b,c", "", "PMI", "sf", "Guéret",   /* an id with both separators */
  "A04", "EPP", "2024-04-04", "W3", "", "MATERNITY", "SF", "Guéret",  /* not the PMI */
  "A05", "EPP", "2023-12-31", "W4", "", "PMI", "SF", "Aubusson",      /* 2023 */
  "A06", "Epp", "2024-12-31", "W5", "", "pmi", "sf", "",              /* no territory */
  "A07", "EPNP", "2024-05-05", "W1", "", "PMI", "SF", "Guéret",       /* another act type */
  /* BSEM, school year 2023-09-01 .. 2024-08-31 */
  "B01", "BSEM", "2023-09-01", "C1", "2020-09-01", "PMI", "PUER", "Guéret",   /* 36 months: in */
  "B02", "bsem", "2024-08-31", "C2", "2019-09-01", "PMI", "PUER", "Aubusson", /* 59 months: in */
  "B03", "BSEM", "2024-03-10", "C3", "2019-03-10", "PMI", "PUER", "Guéret",   /* 60 months: out */
  "B04", "BSEM", "2024-01-15", "C4", "", "PMI", "PUER", "Guéret",             /* unknown age */
  "B05", "BSEM", "2023-08-31", "C5", "2020-01-01", "PMI", "PUER", "Guéret",   /* 2022-2023 */
  "B06", "BSEM", "2024-02-02", "C6", "2020-02-02", "OTHER", "PUER", "Guéret", /* not the PMI */
  "B07", "Bsem", "2024-05-05", "C1", "2020-09-01", "Pmi", "puer", "Guéret",   /* C1 again */
  /* VAD_CHILD, 2024 */
  "V01", "VAD_CHILD", "2024-02-27", "K1", "2022-02-28", "PMI", "PUER", "Guéret",   /* 23 months: in */
  "V02", "vad_child", "2024-04-30", "K2", "2022-04-30", "PMI", "PUER", "Aubusson", /* 24 months: out */
  "V03", "VAD_CHILD", "2024-06-01", "K3", "", "PMI", "PUER", "Guéret",             /* unknown age */
  "V04", "VAD_CHILD", "2024-01-01", "K4", "2023-12-01", "LIBERAL", "PUER", "Guéret", /* not the PMI */
  "V05", "Vad_Child", "2024-10-10", "K5", "2024-01-31", "PMI", "PUER", "",         /* 8 months: in */
  "V06", "VAD_CHILD", "2025-01-01", "K6", "2024-06-06", "PMI", "PUER", "Guéret",   /* 2025 */
  "X01", "CONSULTATION_CHILD", "2024-03-03", "K1", "2022-02-28", "PMI", "MED", "Guéret",
  "X02", "ATELIER_PARENTS", "2024-03-04", "W1", "", "PMI", "OTHER", "Guéret",      /* an unknown code */
};

static const Column ip_columns[] = {
  { "ip_id", TEXT }, { "received_date", DATE }, { "evaluation_end_date", DATE }, { "territory", TEXT },
};
static const char *const ip_cells[] = {
  "IP-01", "2023-11-30", "2024-02-29", "Guéret",   /* 91 days; add_months = 2024-02-29: within */
  "IP-02", "2023-11-30", "2024-03-01", "Guéret",   /* 92 days: late */
  "IP-03", "2024-08-31", "2024-11-30", "Aubusson", /* 91 days; add_months = 2024-11-30: within */
  "IP-04", "2024-08-31", "2024-12-02", "Aubusson", /* 93 days: late */
  "IP-05", "2024-05-10", "", "Guéret",             /* not evaluated */
  "IP-06", "2024-10-01", "2025-01-15", "Aubusson", /* evaluated in 2025 */
  "IP-07", "2024-01-02", "2024-01-02", "",         /* 0 days: within */
  "IP-08", "2022-12-01", "2023-01-10", "Guéret",   /* nothing to do with 2024 */
  "IP-09", "2024-03-01", "2024-06-01", "Aubusson", /* 31 + 30 + 31 = 92 days; on the day: within */
};

#define SOURCE_INSEE "INSEE; état civil,\nestimation \"CD\""
static const Column populations_columns[] = {
  { "population", TEXT }, { "period", TEXT }, { "territory", TEXT }, { "value", COUNT }, { "source", TEXT },
};
static const char *const populations_cells[] = {
  "births", "2024", "", "1250", SOURCE_INSEE,
  "births", "2024", "Guéret", "1000", SOURCE_INSEE,
  "births", "2024", "Aubusson", "250", SOURCE_INSEE,
  "enrolled_3_4", "2023-2024", "", "1200", "Éducation nationale",
  "enrolled_3_4", "2023-2024", "Guéret", "700", "Éducation nationale",
  "enrolled_3_4", "2023-2024", "Aubusson", "500", "Éducation nationale",
};

#define TABLE(file, name) \
  { file, name##_columns, G_N_ELEMENTS (name##_columns), name##_cells, \
    G_N_ELEMENTS (name##_cells) / G_N_ELEMENTS (name##_columns) }

static const Table tables[] = {
  TABLE ("births.csv", births),
  TABLE ("pmi_acts.csv", acts),
  TABLE ("ip.csv", ip),
  TABLE ("populations.csv", populations),
};

/* ------------------------------------------------------------------ */
/* Dialects.                                                           */

/* DATES_EXCEL: D/M/YYYY, « 00:00 » after every other one (what Excel
 * writes in France); DATES_SQL: YYYY-MM-DD 00:00:00, some at another
 * time of day, which is dropped. */
typedef enum { DATES_ISO, DATES_FRENCH, DATES_MIXED, DATES_EXCEL, DATES_SQL } Dates;

typedef struct {
  const char *path;
  char separator;
  gboolean crlf;
  gboolean bom;
  gboolean cp1252;         /* Windows-1252 bytes: Guéret as 0xE9 */
  Dates dates;
  const char *thousands;   /* NULL: 1250; else 1<thousands>250 */
  gboolean quote_all;
  gboolean blank_lines;
  gboolean reorder;        /* columns in another order, header in other case, extra columns */
  gboolean sep_line;       /* a first line sep=X, as Excel writes it */
} Dialect;

static const Dialect dialects[] = {
  { "/dialects/comma-lf", ',', FALSE, FALSE, FALSE, DATES_ISO, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/semicolon-lf", ';', FALSE, FALSE, FALSE, DATES_ISO, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/comma-crlf", ',', TRUE, FALSE, FALSE, DATES_ISO, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/semicolon-crlf", ';', TRUE, FALSE, FALSE, DATES_ISO, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/utf8-bom", ';', FALSE, TRUE, FALSE, DATES_ISO, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/utf8-bom-crlf", ',', TRUE, TRUE, FALSE, DATES_ISO, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/windows-1252-semicolon", ';', TRUE, FALSE, TRUE, DATES_FRENCH, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/windows-1252-comma", ',', FALSE, FALSE, TRUE, DATES_ISO, " ", FALSE, FALSE, FALSE, FALSE },
  { "/dialects/windows-1252-nbsp", ';', TRUE, FALSE, TRUE, DATES_FRENCH, "\u00a0", FALSE, FALSE, FALSE, FALSE },
  { "/dialects/dates-french", ';', FALSE, FALSE, FALSE, DATES_FRENCH, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/dates-mixed", ',', FALSE, FALSE, FALSE, DATES_MIXED, NULL, FALSE, FALSE, FALSE, FALSE },
  { "/dialects/thousands-space", ';', FALSE, FALSE, FALSE, DATES_ISO, " ", FALSE, FALSE, FALSE, FALSE },
  { "/dialects/thousands-nbsp", ';', FALSE, FALSE, FALSE, DATES_ISO, "\u00a0", FALSE, FALSE, FALSE, FALSE },
  { "/dialects/thousands-narrow-nbsp", ',', FALSE, FALSE, FALSE, DATES_ISO, "\u202f", FALSE, FALSE, FALSE, FALSE },
  { "/dialects/quoted-everything", ';', FALSE, FALSE, FALSE, DATES_ISO, " ", TRUE, FALSE, FALSE, FALSE },
  { "/dialects/quoted-everything-crlf", ',', TRUE, FALSE, FALSE, DATES_FRENCH, NULL, TRUE, FALSE, FALSE, FALSE },
  { "/dialects/blank-lines", ',', FALSE, FALSE, FALSE, DATES_ISO, NULL, FALSE, TRUE, FALSE, FALSE },
  { "/dialects/blank-lines-crlf", ';', TRUE, TRUE, FALSE, DATES_FRENCH, NULL, FALSE, TRUE, FALSE, FALSE },
  { "/dialects/header-order-case-extra", ',', FALSE, FALSE, FALSE, DATES_ISO, NULL, FALSE, FALSE, TRUE, FALSE },
  { "/dialects/excel-fr", ';', TRUE, TRUE, FALSE, DATES_FRENCH, "\u00a0", FALSE, TRUE, TRUE, FALSE },
  { "/dialects/excel-fr-windows-1252", ';', TRUE, FALSE, TRUE, DATES_MIXED, "\u00a0", TRUE, TRUE, TRUE, FALSE },
  { "/dialects/everything-comma", ',', TRUE, TRUE, FALSE, DATES_MIXED, "\u202f", TRUE, TRUE, TRUE, FALSE },
  { "/dialects/sep-line-semicolon", ';', TRUE, FALSE, FALSE, DATES_FRENCH, NULL, FALSE, FALSE, FALSE, TRUE },
  { "/dialects/sep-line-comma", ',', FALSE, FALSE, TRUE, DATES_ISO, NULL, FALSE, TRUE, TRUE, TRUE },
  { "/dialects/dates-excel", ';', TRUE, TRUE, FALSE, DATES_EXCEL, "\u00a0", FALSE, FALSE, FALSE, TRUE },
  { "/dialects/dates-sql", ',', FALSE, FALSE, FALSE, DATES_SQL, NULL, TRUE, FALSE, FALSE, FALSE },
};

/* Unknown columns of the reordered dialects, and their cells: separators,
 * quotes and line breaks the reader must keep inside one field. */
static const char *const extra_names[] = { "Commentaire", "export_version", "Note interne" };

static char *
extra_cell (guint extra, guint row)
{
  switch (extra)
    {
    case 0: return g_strdup_printf ("ligne %u; vue, \"revue\"\nsuite", row + 1);
    case 1: return g_strdup ("v2.3");
    default: return g_strdup (row % 2 ? "" : "a,b;c");
    }
}

/* Header names as another export might write them. */
static char *
header_name (const char *name, guint c)
{
  switch (c % 3)
    {
    case 0: return g_ascii_strup (name, -1);
    case 1:
      {
        char *s = g_strdup_printf (" %s ", name); /* trimmed by the reader */
        s[1] = g_ascii_toupper (s[1]);
        return s;
      }
    default: return g_strdup (name);
    }
}

static void
append_field (GString *out, const Dialect *dialect, const char *text)
{
  gboolean quote = dialect->quote_all || strchr (text, dialect->separator) || strchr (text, '"')
                   || strchr (text, '\n') || strchr (text, '\r');
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
render_cell (const Dialect *dialect, Kind kind, const char *text, guint row)
{
  if (*text == '\0')
    return g_strdup ("");
  if (kind == DATE && dialect->dates == DATES_EXCEL)
    {
      /* YYYY-MM-DD → D/M/YYYY, leading zeros dropped */
      return g_strdup_printf ("%d/%d/%.4s%s", atoi (text + 8), atoi (text + 5), text, row % 2 ? " 00:00" : "");
    }
  if (kind == DATE && dialect->dates == DATES_SQL)
    return g_strdup_printf ("%s %s", text, row % 3 == 2 ? "23:59:59.997" : "00:00:00");
  if (kind == DATE && (dialect->dates == DATES_FRENCH || (dialect->dates == DATES_MIXED && row % 2 == 1)))
    {
      /* YYYY-MM-DD → DD/MM/YYYY */
      g_assert_cmpuint (strlen (text), ==, 10);
      return g_strdup_printf ("%.2s/%.2s/%.4s", text + 8, text + 5, text);
    }
  if (kind == COUNT && dialect->thousands && strlen (text) > 3)
    {
      gsize head = strlen (text) - 3;
      return g_strdup_printf ("%.*s%s%s", (int) head, text, dialect->thousands, text + head);
    }
  return g_strdup (text);
}

static void
end_line (GString *out, const Dialect *dialect)
{
  g_string_append (out, dialect->crlf ? "\r\n" : "\n");
}

/* The bytes of @table in @dialect. */
static GBytes *
render (const Table *table, const Dialect *dialect)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (int));
  int minus_one = -1, minus_two = -2, minus_three = -3;

  /* Column order: the table's, or reversed with the unknown columns first,
   * in the middle and last (encoded as -1 - extra). */
  for (guint c = 0; c < table->n_columns; c++)
    {
      int index = dialect->reorder ? (int) (table->n_columns - 1 - c) : (int) c;
      if (dialect->reorder && c == 0)
        g_array_append_val (order, minus_one);
      if (dialect->reorder && c == table->n_columns / 2)
        g_array_append_val (order, minus_two);
      g_array_append_val (order, index);
    }
  if (dialect->reorder)
    g_array_append_val (order, minus_three);

  if (dialect->bom)
    g_string_append (out, "\xEF\xBB\xBF");
  if (dialect->sep_line)
    {
      g_string_append_printf (out, "sep=%c", dialect->separator);
      end_line (out, dialect);
    }
  if (dialect->blank_lines)
    end_line (out, dialect); /* the header is the first non-empty line */
  for (guint k = 0; k < order->len; k++)
    {
      int c = g_array_index (order, int, k);
      g_autofree char *name = c < 0 ? g_strdup (extra_names[-1 - c])
                                    : dialect->reorder ? header_name (table->columns[c].name, k)
                                                       : g_strdup (table->columns[c].name);
      if (k > 0)
        g_string_append_c (out, dialect->separator);
      append_field (out, dialect, name);
    }
  end_line (out, dialect);
  if (dialect->blank_lines)
    end_line (out, dialect);

  for (guint row = 0; row < table->n_rows; row++)
    {
      for (guint k = 0; k < order->len; k++)
        {
          int c = g_array_index (order, int, k);
          g_autofree char *cell = c < 0 ? extra_cell ((guint) (-1 - c), row)
                                        : render_cell (dialect, table->columns[c].kind,
                                                       table->cells[row * table->n_columns + (guint) c], row);
          if (k > 0)
            g_string_append_c (out, dialect->separator);
          append_field (out, dialect, cell);
        }
      end_line (out, dialect);
      if (dialect->blank_lines && row % 3 == 1)
        {
          end_line (out, dialect);
          end_line (out, dialect);
        }
    }
  if (dialect->blank_lines)
    end_line (out, dialect);

  if (dialect->cp1252)
    {
      g_autoptr (GError) error = NULL;
      gsize written = 0;
      char *bytes = g_convert (out->str, (gssize) out->len, "WINDOWS-1252", "UTF-8", NULL, &written, &error);
      g_assert_no_error (error);
      /* Guéret as the single byte 0xE9: not valid UTF-8 any more. */
      g_assert_false (g_utf8_validate (bytes, (gssize) written, NULL));
      g_assert_nonnull (memchr (bytes, 0xE9, written));
      return g_bytes_new_take (bytes, written);
    }
  return g_bytes_new (out->str, out->len);
}

static void
write_directory (const char *dir, const Dialect *dialect)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr (GBytes) bytes = render (&tables[t], dialect);
      g_autofree char *path = g_build_filename (dir, tables[t].file, NULL);
      g_autoptr (GError) error = NULL;
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);
      g_file_set_contents (path, data, (gssize) size, &error);
      g_assert_no_error (error);
    }
}

/* ------------------------------------------------------------------ */
/* The figures, by hand.                                               */

static IcResult *
result_ok (IcRun *run, const char *id, gint64 numerator, gint64 denominator, gint64 tenths)
{
  IcResult *r = ic_test_result (run, id);
  if (r->status != IC_STATUS_OK)
    g_test_message ("%s: %s", id, r->reason);
  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (r->numerator, ==, numerator);
  g_assert_cmpint (r->denominator, ==, denominator);
  g_assert_true (r->has_value);
  g_assert_cmpint (r->value_tenths, ==, tenths);
  return r;
}

static void
assert_strata (IcResult *r, const char *first, gint64 n1, gint64 d1, gint64 v1,
               const char *second, gint64 n2, gint64 d2, gint64 v2)
{
  const IcStratum *a, *b;
  g_assert_cmpuint (r->strata->len, ==, 2);
  a = &g_array_index (r->strata, IcStratum, 0);
  b = &g_array_index (r->strata, IcStratum, 1);
  g_assert_cmpstr (a->name, ==, first);
  g_assert_cmpint (a->numerator, ==, n1);
  g_assert_cmpint (a->denominator, ==, d1);
  g_assert_cmpint (a->value_tenths, ==, v1);
  g_assert_cmpstr (b->name, ==, second);
  g_assert_cmpint (b->numerator, ==, n2);
  g_assert_cmpint (b->denominator, ==, d2);
  g_assert_cmpint (b->value_tenths, ==, v2);
}

static gint64
detail (IcResult *r, const char *key, gint64 *b)
{
  for (guint i = 0; i < r->details->len; i++)
    {
      const IcDetail *d = r->details->pdata[i];
      if (strcmp (d->key, key) == 0)
        {
          if (b)
            *b = d->b;
          return d->a;
        }
    }
  g_error ("%s: no detail %s", r->id, key);
  return -1;
}

static void
check_figures (IcRun *run)
{
  IcResult *r;
  gint64 den;

  /* Inputs: every row of every file read, none rejected (strict run). */
  g_assert_cmpuint (ic_dataset_table (run->dataset, "births")->n_rows, ==, 6);
  g_assert_cmpuint (ic_dataset_table (run->dataset, "pmi_acts")->n_rows, ==, 22);
  g_assert_cmpuint (ic_dataset_table (run->dataset, "ip")->n_rows, ==, 9);
  g_assert_cmpuint (ic_dataset_table (run->dataset, "populations")->n_rows, ==, 6);

  /* EPP: W1 (Guéret, Aubusson), "W 2;b,c" (Guéret), W5 (no territory) =
   * 3 women over the reference 1 250 births: 100 × 3 / 1250 = 0.24 → 0.2.
   * Guéret: W1, W 2 → 2 / 1000 = 0.2; Aubusson: W1 → 1 / 250 = 0.4. */
  r = result_ok (run, "epp_pmi_coverage", 3, 1250, 2);
  assert_strata (r, "Aubusson", 1, 250, 4, "Guéret", 2, 1000, 2);
  /* births.csv gives 4 for 2024 (N-0003..N-0006), Guéret 2, Aubusson 1:
   * each differs from its reference row, one warning each. */
  g_assert_cmpuint (r->warnings->len, ==, 3);
  for (guint i = 0; i < r->warnings->len; i++)
    g_test_message ("epp warning: %s", (char *) r->warnings->pdata[i]);
  for (guint i = 0; i < r->sources->len; i++)
    {
      const IcSource *source = r->sources->pdata[i];
      if (source->population != NULL)
        g_assert_cmpstr (source->source, ==, SOURCE_INSEE);
    }

  /* BSEM 2023-2024: C1 (36 months, twice), C2 (59 months) = 2 over 1 200:
   * 100 × 2 / 1200 = 0.1667 → 0.2. Guéret C1: 1 / 700 = 0.143 → 0.1;
   * Aubusson C2: 1 / 500 = 0.2. C3 (60 months) out of the band, C4 of
   * unknown age; C5 (2022-2023) and C6 (OTHER) not counted at all. */
  r = result_ok (run, "bsem_coverage", 2, 1200, 2);
  assert_strata (r, "Aubusson", 1, 500, 2, "Guéret", 1, 700, 1);
  g_assert_cmpint (detail (r, "out_of_age_band", NULL), ==, 1);
  g_assert_cmpint (detail (r, "unknown_age", NULL), ==, 1);

  /* VAD 2024: K1 (23 months), K5 (8 months, no territory) = 2 over
   * children_under_2 derived from births.csv, 2023 + 2024 = 6:
   * 100 × 2 / 6 = 33.3. Guéret N-0001, N-0003, N-0005: K1 → 1 / 3 = 33.3;
   * Aubusson N-0002, N-0004: 0 / 2, kept. K3 of unknown age. */
  r = result_ok (run, "vad_child_share", 2, 6, 333);
  assert_strata (r, "Aubusson", 0, 2, 0, "Guéret", 1, 3, 333);
  g_assert_cmpint (detail (r, "unknown_age", NULL), ==, 1);

  /* IP 2024: evaluated IP-01, 02, 03, 04, 07, 09 = 6; within IP-01, 03, 07,
   * 09 = 4: 100 × 4 / 6 = 66.7. Guéret IP-01, 02: 1 / 2 = 50.0; Aubusson
   * IP-03, 04, 09: 2 / 3 = 66.7. Received in 2024: IP-03, 04, 05, 06, 07, 09 = 6.
   * Delays 91, 92, 91, 93, 0, 92: mean 459 / 6 = 76.5; median of
   * 0, 91, 91, 92, 92, 93 = (91 + 92) / 2 = 91.5. */
  r = result_ok (run, "ip_eval_3m_rate", 4, 6, 667);
  assert_strata (r, "Aubusson", 2, 3, 667, "Guéret", 1, 2, 500);
  g_assert_cmpint (detail (r, "received", NULL), ==, 6);
  g_assert_cmpint (detail (r, "mean_delay_days", &den), ==, 459);
  g_assert_cmpint (den, ==, 6);
  g_assert_cmpint (detail (r, "median_delay_days", &den), ==, 91 + 92);
  g_assert_cmpint (den, ==, 2);
}

/* The indicators of @run's bundle as text: what every dialect must agree on
 * (the inputs differ, by their checksums). */
static char *
indicators_text (IcRun *run)
{
  g_autoptr (JsonNode) bundle = ic_test_bundle (run);
  JsonNode *indicators = json_object_get_member (json_node_get_object (bundle), "indicators");
  return ic_json_write (indicators, NULL);
}

/* Runs the four indicators on @dialect's rendering of the data; checks the
 * figures; returns the indicators' text. */
static char *
run_dialect (const Dialect *dialect)
{
  g_autofree char *dir = ic_test_tmpdir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IcRun) run = NULL;
  char *text;

  write_directory (dir, dialect);
  run = ic_test_run (plugins, dir, 2024, "bsem_coverage,epp_pmi_coverage,ip_eval_3m_rate,vad_child_share",
                     FALSE, NULL, &error);
  g_assert_no_error (error);
  check_figures (run);
  text = indicators_text (run);
  ic_test_rmtree (dir);
  return text;
}

static void
test_dialect (gconstpointer data)
{
  g_autofree char *text = run_dialect (data);
  g_autofree char *reference = run_dialect (&dialects[0]);

  g_assert_nonnull (strstr (text, "\"text_fr\": \"3 femmes ont bénéficié d'un EPP réalisé par la PMI en 2024 sur "
                                  "1\u00a0250 naissances, soit 0,2 %\""));
  /* Beyond the figures, the whole of each indicator (sources, warnings,
   * sentences, strata names) is the same as in the plainest dialect. */
  g_assert_cmpstr (text, ==, reference);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  plugins = ic_test_real_plugins ();
  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    g_test_add_data_func (dialects[i].path, &dialects[i], test_dialect);
  status = g_test_run ();
  ic_plugin_set_free (plugins);
  return status;
}

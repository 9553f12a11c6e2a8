/* The Creuse 2024 example (examples/creuse-2024), end to end: the figures
 * Creuse published, the strata and details its README lists, the bundle's
 * schema, and that no identifier or record date of the example's CSV files
 * reaches the bundle. Every expected figure is taken from the README's
 * tables (themselves from the independent check_figures.py); the values are
 * re-derived by hand in the comments. */
#include <string.h>

#include "bundle-history.h"
#include "bundle-writer.h"
#include "json-writer.h"
#include "test-util.h"

static IcPluginSet *plugins;

#define INDICATORS "bsem_coverage,consultation_child_share,epnp_pmi_coverage,epp_pmi_coverage,ip_eval_3m_rate,vad_child_share"

static char *
example_dir (void)
{
  return g_build_filename (ic_test_source_dir (), "examples", "creuse-2024", NULL);
}

/* A strict run of the four national indicators on the example, as
 * `indicore run --department 23 --department-name Creuse` does. */
static IcRun *
run_creuse (int year, IcHistory *previous)
{
  g_autofree char *dir = example_dir ();
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) only = g_strsplit (INDICATORS, ",", -1);
  IcRunOptions options = {
    .data_dir = dir,
    .year = year,
    .department_code = "23",
    .department_name = "Creuse",
    .only = (const char *const *) only,
    .previous = previous,
  };
  IcRun *run = ic_run_execute (plugins, &options, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  /* Neither belongs to the run once it is computed. */
  run->options.data_dir = NULL;
  run->options.only = NULL;
  run->options.previous = NULL;
  return run;
}

static IcRun *creuse_2024;

static IcRun *
run_2024 (void)
{
  if (creuse_2024 == NULL)
    creuse_2024 = run_creuse (2024, NULL);
  return creuse_2024;
}

static void
assert_ok (IcResult *r, gint64 numerator, gint64 denominator, gint64 tenths)
{
  if (r->status != IC_STATUS_OK)
    g_test_message ("%s: %s", r->id, r->reason);
  g_assert_cmpint (r->status, ==, IC_STATUS_OK);
  g_assert_cmpint (r->numerator, ==, numerator);
  g_assert_cmpint (r->denominator, ==, denominator);
  g_assert_true (r->has_value);
  g_assert_cmpint (r->value_tenths, ==, tenths);
}

typedef struct {
  const char *territory;
  gint64 numerator, denominator, tenths;
} Stratum;

/* The strata are exactly @expected, in this order (by territory). */
static void
assert_strata (IcResult *r, const Stratum *expected, guint n)
{
  g_assert_cmpuint (r->strata->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const IcStratum *s = &g_array_index (r->strata, IcStratum, i);
      g_assert_cmpstr (s->name, ==, expected[i].territory);
      g_assert_cmpint (s->numerator, ==, expected[i].numerator);
      g_assert_cmpint (s->denominator, ==, expected[i].denominator);
      g_assert_cmpint (s->value_tenths, ==, expected[i].tenths);
    }
}

static gint64
strata_numerator_sum (IcResult *r)
{
  gint64 sum = 0;
  for (guint i = 0; i < r->strata->len; i++)
    sum += g_array_index (r->strata, IcStratum, i).numerator;
  return sum;
}

static const IcDetail *
detail (IcResult *r, const char *key)
{
  for (guint i = 0; i < r->details->len; i++)
    if (strcmp (((IcDetail *) r->details->pdata[i])->key, key) == 0)
      return r->details->pdata[i];
  g_error ("%s: no detail %s", r->id, key);
  return NULL;
}

static const IcSource *
population_source (IcResult *r)
{
  for (guint i = 0; i < r->sources->len; i++)
    if (((IcSource *) r->sources->pdata[i])->population != NULL)
      return r->sources->pdata[i];
  g_error ("%s: no population source", r->id);
  return NULL;
}

/* No warning that populations.csv and births.csv disagree: the README says
 * every reference row equals what births.csv gives. */
static void
assert_no_population_warning (IcResult *r)
{
  for (guint i = 0; i < r->warnings->len; i++)
    g_assert_null (strstr (r->warnings->pdata[i], "populations.csv donne"));
}

static JsonObject *
bundle_indicator (JsonNode *bundle, const char *id)
{
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (bundle), "indicators");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *o = json_array_get_object_element (indicators, i);
      if (strcmp (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

/* ------------------------------------------------------------------ */

static void
test_epp (void)
{
  IcResult *r = ic_test_result (run_2024 (), "epp_pmi_coverage");
  static const Stratum strata[] = {
    { "Aubusson", 11, 160, 69 },       /* 100 × 11 / 160 = 6.875 → 6.9 */
    { "Bourganeuf", 5, 85, 59 },       /* 5.882 → 5.9 */
    { "Boussac", 4, 85, 47 },          /* 4.706 → 4.7 */
    { "Guéret", 21, 290, 72 },         /* 7.241 → 7.2 */
    { "La Souterraine", 9, 150, 60 },  /* 6.0 */
  };

  /* « 51 en 2024 sur 770 déclarations de naissance. 6,6 % »:
   * 100 × 51 / 770 = 6.623 → 6.6 */
  assert_ok (r, 51, 770, 66);
  assert_strata (r, strata, G_N_ELEMENTS (strata));
  /* 51 − 2 (no territory) + 1 (the woman seen in Bourganeuf and Guéret) */
  g_assert_cmpint (strata_numerator_sum (r), ==, 50);
  g_assert_cmpstr (population_source (r)->origin, ==, "populations.csv");
  g_assert_cmpstr (population_source (r)->source, ==, "INSEE état civil");
  assert_no_population_warning (r);
  /* 6.6 < 20 */
  g_assert_cmpint (r->target_met, ==, 0);
  g_assert_cmpstr (r->text_fr, ==,
                   "51 femmes ont bénéficié d'un EPP réalisé par la PMI en 2024 sur 770 naissances, soit 6,6 %");
}

static void
test_bsem (void)
{
  IcResult *r = ic_test_result (run_2024 (), "bsem_coverage");
  static const Stratum strata[] = {
    { "Aubusson", 164, 176, 932 },      /* 100 × 164 / 176 = 93.18 → 93.2 */
    { "Bourganeuf", 87, 93, 935 },      /* 93.548 → 93.5 */
    { "Boussac", 83, 92, 902 },         /* 90.217 → 90.2 */
    { "Guéret", 296, 318, 931 },        /* 93.082 → 93.1 */
    { "La Souterraine", 155, 165, 939 },/* 93.939 → 93.9 */
  };

  /* « 787 sur 844 enfants de 3_4 ans »: 100 × 787 / 844 = 93.246 → 93.2 */
  assert_ok (r, 787, 844, 932);
  g_assert_cmpstr (r->period.label, ==, "2023-2024");
  assert_strata (r, strata, G_N_ELEMENTS (strata));
  /* 787 − 3 (no territory) + 1 (the child seen in Aubusson and La Souterraine) */
  g_assert_cmpint (strata_numerator_sum (r), ==, 785);
  g_assert_cmpint (detail (r, "out_of_age_band")->a, ==, 15);
  g_assert_cmpint (detail (r, "unknown_age")->a, ==, 6);
  g_assert_cmpstr (population_source (r)->source, ==, "Éducation nationale");
  /* A progress target, and no --previous: undecided. */
  g_assert_cmpint (r->target_met, ==, -1);
  g_assert_cmpstr (r->text_fr, ==,
                   "787 enfants de 3-4 ans ont bénéficié du BSEM réalisé par la PMI en 2023-2024 sur 844 enfants "
                   "scolarisés, soit 93,2 %");
}

static void
test_ip (void)
{
  IcResult *r = ic_test_result (run_2024 (), "ip_eval_3m_rate");
  static const Stratum strata[] = {
    { "Aubusson", 4, 38, 105 },         /* 100 × 4 / 38 = 10.526 → 10.5 */
    { "Bourganeuf", 1, 18, 56 },        /* 5.556 → 5.6 */
    { "Boussac", 2, 18, 111 },          /* 11.111 → 11.1 */
    { "Guéret", 11, 66, 167 },          /* 16.667 → 16.7 */
    { "La Souterraine", 5, 35, 143 },   /* 14.286 → 14.3 */
  };
  const IcDetail *mean, *median;
  g_autoptr (JsonNode) bundle = ic_test_bundle (run_2024 ());
  JsonObject *details = json_object_get_object_member (bundle_indicator (bundle, "ip_eval_3m_rate"), "details");

  /* « IP évaluées : 179 ; évaluées en moins de 3 mois : 25 ; taux 14 % »:
   * 100 × 25 / 179 = 13.966 → 14.0 */
  assert_ok (r, 25, 179, 140);
  assert_strata (r, strata, G_N_ELEMENTS (strata));
  /* « Nombre d'IP entrantes : 593 » */
  g_assert_cmpint (detail (r, "received")->a, ==, 593);
  mean = detail (r, "mean_delay_days");
  median = detail (r, "median_delay_days");
  g_assert_cmpint (mean->b, ==, 179);
  /* 179 delays: an odd count, so the median is the 90th delay itself. */
  g_assert_cmpint (median->b, ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (details, "mean_delay_days"), ==, 173.8);
  g_assert_cmpfloat (json_object_get_double_member (details, "median_delay_days"), ==, 143.0);
  /* 14.0 < 100 */
  g_assert_cmpint (r->target_met, ==, 0);
  g_assert_cmpstr (r->text_fr, ==, "25 IP évaluées dans les 3 mois suivant leur réception sur 179 IP évaluées en 2024, soit 14,0 %");
}

static void
test_vad (void)
{
  IcResult *r = ic_test_result (run_2024 (), "vad_child_share");
  static const Stratum strata[] = {
    { "Aubusson", 80, 325, 246 },       /* 100 × 80 / 325 = 24.615 → 24.6 */
    { "Bourganeuf", 42, 173, 243 },     /* 24.277 → 24.3 */
    { "Boussac", 36, 172, 209 },        /* 20.930 → 20.9 */
    { "Guéret", 132, 588, 224 },        /* 22.449 → 22.4 */
    { "La Souterraine", 74, 302, 245 }, /* 24.503 → 24.5 */
  };

  /* 368 children over the assumed 1 560: 100 × 368 / 1560 = 23.590 → 23.6 */
  assert_ok (r, 368, 1560, 236);
  assert_strata (r, strata, G_N_ELEMENTS (strata));
  g_assert_cmpint (detail (r, "unknown_age")->a, ==, 2);
  g_assert_cmpstr (population_source (r)->source, ==, "Estimation CD : naissances 2023 + 2024 ; INSEE état civil");
  assert_no_population_warning (r);
  /* 23.6 >= 15 */
  g_assert_cmpint (r->target_met, ==, 1);
  g_assert_cmpstr (r->text_fr, ==,
                   "368 enfants de moins de 2 ans ont bénéficié d'une visite à domicile de la PMI en 2024 sur "
                   "1\u00a0560 enfants de moins de 2 ans, soit 23,6 %");
}

/* The two indicators of issue 7; the example's README gives the counts:
 * 120 women with an EPNP by the PMI, 400 children under two at a PMI
 * consultation. */
static void
test_new_indicators (void)
{
  IcResult *epnp = ic_test_result (run_2024 (), "epnp_pmi_coverage");
  IcResult *consultation = ic_test_result (run_2024 (), "consultation_child_share");

  /* 100 × 120 / 770 = 15.584 → 15.6; no target yet */
  assert_ok (epnp, 120, 770, 156);
  g_assert_cmpint (epnp->target_met, ==, -1);
  /* 100 × 400 / 1560 = 25.641 → 25.6 >= 20 */
  assert_ok (consultation, 400, 1560, 256);
  g_assert_cmpint (consultation->target_met, ==, 1);
}

static void
test_inputs (void)
{
  IcRun *run = run_2024 ();
  /* Rows as the README's table gives them, none rejected. */
  static const struct { const char *name; guint64 rows; } expected[] = {
    { "births", 1560 }, { "pmi_acts", 7266 }, { "ip", 1227 }, { "populations", 24 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      IcTable *table = ic_dataset_table (run->dataset, expected[i].name);
      g_assert_nonnull (table);
      g_assert_cmpuint (table->n_rows, ==, expected[i].rows);
      g_assert_cmpuint (table->rows_read, ==, expected[i].rows);
      g_assert_cmpuint (table->rejected, ==, 0);
    }
}

static void
test_bundle_schema (void)
{
  /* ic_test_bundle fails the test when the written text does not validate. */
  g_autoptr (JsonNode) bundle = ic_test_bundle (run_2024 ());
  JsonObject *root = json_node_get_object (bundle);
  JsonObject *department = json_object_get_object_member (root, "department");
  JsonObject *epp = bundle_indicator (bundle, "epp_pmi_coverage");

  g_assert_cmpstr (json_object_get_string_member (department, "code"), ==, "23");
  g_assert_cmpstr (json_object_get_string_member (department, "name"), ==, "Creuse");
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2024);
  g_assert_cmpfloat (json_object_get_double_member (epp, "value"), ==, 6.6);
  g_assert_cmpint (json_object_get_int_member (epp, "numerator"), ==, 51);
  g_assert_cmpint (json_object_get_int_member (epp, "denominator"), ==, 770);
  g_assert_cmpfloat (json_object_get_double_member (bundle_indicator (bundle, "bsem_coverage"), "value"), ==, 93.2);
  g_assert_cmpfloat (json_object_get_double_member (bundle_indicator (bundle, "ip_eval_3m_rate"), "value"), ==, 14.0);
  g_assert_cmpfloat (json_object_get_double_member (bundle_indicator (bundle, "vad_child_share"), "value"), ==, 23.6);
}

/* ------------------------------------------------------------------ */
/* Privacy.                                                            */

/* The records of a semicolon-separated, RFC 4180-quoted file, the BOM
 * dropped: a reader of its own, sharing nothing with the engine's. */
static GPtrArray *
read_records (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) field = g_string_new (NULL);
  gsize length;
  const char *p, *end;
  gboolean quoted = FALSE;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (data, "\xEF\xBB\xBF"));
  for (p = data + 3, end = data + length; p < end; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p + 1 < end && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ';')
        {
          g_ptr_array_add (record, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\n')
        {
          g_ptr_array_add (record, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (records, record);
          record = g_ptr_array_new_with_free_func (g_free);
        }
      else if (*p != '\r')
        g_string_append_c (field, *p);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0); /* the files end with a line end */
  g_ptr_array_unref (record);
  return records;
}

/* Adds to @values every non-empty cell of the columns @names (NULL-
 * terminated) of @file; dates also in their ISO spelling. Returns the
 * number of records. */
static guint
collect (GHashTable *values, const char *file, const char *const *names, gboolean dates)
{
  g_autofree char *dir = example_dir ();
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr (GPtrArray) records = read_records (path);
  GPtrArray *header = records->pdata[0];

  for (guint n = 0; names[n]; n++)
    {
      guint c;
      for (c = 0; c < header->len && strcmp (header->pdata[c], names[n]) != 0; c++)
        ;
      g_assert_cmpuint (c, <, header->len);
      for (guint i = 1; i < records->len; i++)
        {
          GPtrArray *record = records->pdata[i];
          const char *cell = record->pdata[c];
          g_assert_cmpuint (record->len, ==, header->len);
          if (*cell == '\0')
            continue;
          g_hash_table_add (values, g_strdup (cell));
          if (dates)
            {
              /* DD/MM/YYYY, as the example writes them → YYYY-MM-DD */
              g_assert_cmpuint (strlen (cell), ==, 10);
              g_assert_true (cell[2] == '/' && cell[5] == '/');
              g_hash_table_add (values, g_strdup_printf ("%.4s-%.2s-%.2s", cell + 6, cell + 3, cell));
            }
        }
    }
  return records->len - 1;
}

static void
test_privacy (void)
{
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) forbidden = g_ptr_array_new ();
  g_autoptr (JsonNode) bundle = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "creuse-2024.json", NULL);
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer key;
  /* The bundle itself must hold the bounds of the indicators' periods
   * (period.start and period.end: calendar year 2024 and school year
   * 2023-2024). They are not record dates even when some record falls on
   * one of those days, so their ISO spelling cannot be forbidden; their
   * DD/MM/YYYY spelling, which the bundle never uses, stays forbidden. */
  static const char *const period_bounds[] = { "2024-01-01", "2024-12-31", "2023-09-01", "2024-08-31" };
  /* generated_at, chosen to be no record's date (checked below): the
   * helper's default 2025-03-01 is inside the export's range. */
  static const char generated_at[] = "1999-12-31T23:59:59Z";

  g_assert_cmpuint (collect (values, "births.csv", (const char *const[]) { "birth_id", NULL }, FALSE), ==, 1560);
  collect (values, "births.csv", (const char *const[]) { "birth_date", NULL }, TRUE);
  g_assert_cmpuint (collect (values, "pmi_acts.csv", (const char *const[]) { "act_id", "person_id", NULL }, FALSE),
                    ==, 7266);
  collect (values, "pmi_acts.csv", (const char *const[]) { "act_date", "person_birth_date", NULL }, TRUE);
  g_assert_cmpuint (collect (values, "ip.csv", (const char *const[]) { "ip_id", NULL }, FALSE), ==, 1227);
  collect (values, "ip.csv", (const char *const[]) { "received_date", "evaluation_end_date", NULL }, TRUE);

  g_assert_false (g_hash_table_contains (values, "1999-12-31"));
  for (guint i = 0; i < G_N_ELEMENTS (period_bounds); i++)
    g_hash_table_remove (values, period_bounds[i]);
  /* 1 560 birth ids + 7 266 act ids + 1 227 IP ids, at least. */
  g_assert_cmpuint (g_hash_table_size (values), >, 1560 + 7266 + 1227);

  /* The bundle as `indicore run --out` writes it, read back from disk. */
  bundle = ic_bundle_build (run_2024 (), generated_at);
  g_assert_true (ic_bundle_write (bundle, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  /* The search would find them if they were there: */
  for (guint i = 0; i < G_N_ELEMENTS (period_bounds); i++)
    g_assert_nonnull (strstr (text, period_bounds[i]));

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (forbidden, key);
  g_ptr_array_add (forbidden, NULL);
  ic_test_assert_private (text, (const char *const *) forbidden->pdata);
  ic_test_rmtree (dir);
}

/* ------------------------------------------------------------------ */
/* The previous year.                                                  */

static void
test_2023 (void)
{
  g_autoptr (IcRun) run = run_creuse (2023, NULL);
  IcResult *r;

  /* « en 2023 : 750 sur 869 »: 100 × 750 / 869 = 86.306 → 86.3 */
  assert_ok (ic_test_result (run, "bsem_coverage"), 750, 869, 863);
  /* 100 × 20 / 213 = 9.390 → 9.4; received « 424 en 2023 » */
  r = ic_test_result (run, "ip_eval_3m_rate");
  assert_ok (r, 20, 213, 94);
  g_assert_cmpint (detail (r, "received")->a, ==, 424);
  /* No births row for 2023: derived from births.csv, 790;
   * 100 × 45 / 790 = 5.696 → 5.7 */
  r = ic_test_result (run, "epp_pmi_coverage");
  assert_ok (r, 45, 790, 57);
  g_assert_cmpstr (population_source (r)->origin, ==, "births.csv");
  /* children_under_2 for 2023 needs births of 2022, and there are none. */
  r = ic_test_result (run, "vad_child_share");
  g_assert_cmpint (r->status, ==, IC_STATUS_NOT_AVAILABLE);
  g_assert_false (r->has_value);
  g_assert_nonnull (strstr (r->reason, "children_under_2"));
  g_assert_nonnull (strstr (r->reason, "2022"));
}

static void
test_previous_progress (void)
{
  g_autoptr (IcRun) run_2023 = run_creuse (2023, NULL);
  g_autoptr (JsonNode) bundle_2023 = ic_test_bundle (run_2023);
  g_autofree char *text = ic_json_write (bundle_2023, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IcHistory) previous = ic_bundle_history_from_data ("creuse-2023.json", text, -1, &error);
  g_autoptr (IcRun) run = NULL;
  IcResult *r;

  g_assert_no_error (error);
  run = run_creuse (2024, previous);
  /* 93.2 > 86.3: the BSEM progress target is met */
  r = ic_test_result (run, "bsem_coverage");
  assert_ok (r, 787, 844, 932);
  g_assert_cmpint (r->target_met, ==, 1);
  g_assert_cmpint (r->previous_year, ==, 2023);
  g_assert_cmpint (r->previous_tenths, ==, 863);
  /* Fixed targets do not look at last year: 6.6 < 20 whatever 2023 gave. */
  g_assert_cmpint (ic_test_result (run, "epp_pmi_coverage")->target_met, ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  plugins = ic_test_real_plugins ();

  g_test_add_func ("/creuse/2024/epp", test_epp);
  g_test_add_func ("/creuse/2024/bsem", test_bsem);
  g_test_add_func ("/creuse/2024/ip", test_ip);
  g_test_add_func ("/creuse/2024/vad", test_vad);
  g_test_add_func ("/creuse/2024/epnp-and-consultation", test_new_indicators);
  g_test_add_func ("/creuse/2024/inputs", test_inputs);
  g_test_add_func ("/creuse/2024/bundle-schema", test_bundle_schema);
  g_test_add_func ("/creuse/2024/privacy", test_privacy);
  g_test_add_func ("/creuse/2023/figures", test_2023);
  g_test_add_func ("/creuse/2024/previous-progress", test_previous_progress);

  status = g_test_run ();
  g_clear_pointer (&creuse_2024, ic_run_free);
  ic_plugin_set_free (plugins);
  return status;
}

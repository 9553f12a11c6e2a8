/* test-definition.c: the definition files (indicators/ID.json): every
 * member read, every invalid case with the file and the member named, the
 * French sentence, and the real files of indicators/. */

#include "definition.h"

#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "test-util.h"

/* U+00A0 NO-BREAK SPACE, in UTF-8. */
#define NBSP "\xc2\xa0"

/* Asserts @haystack contains @needle, and says both when it does not. */
#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack), *n_ = (needle); \
    if (h_ == NULL || strstr (h_, n_) == NULL) \
      g_error ("\"%s\" does not contain \"%s\"", h_ ? h_ : "(null)", n_); \
  } G_STMT_END

/* ---- a valid definition, and variations of it ---------------------------- */

typedef struct {
  const char *member;
  const char *json;
} Member;

/* Every member the format has, in file order. */
static const Member base[] = {
  { "id", "\"ip_eval_test\"" },
  { "version", "\"2.1.0\"" },
  { "title", "\"Taux d'évaluations en trois mois\"" },
  { "description", "\"Share of the IPs evaluated within three months.\"" },
  { "solen", "{ \"engagement\": 2, \"objective\": 6, \"label\": \"Délai maximal de trois mois\" }" },
  { "national_objective", "\"« 100 % des évaluations en trois mois »\"" },
  { "period", "\"school_year\"" },
  { "unit", "\"%\"" },
  { "target", "{ \"operator\": \"<=\", \"value\": 12.5 }" },
  { "parameters", "{ \"zeta\": 3, \"alpha\": 0, \"mid\": 1000000 }" },  /* 0 and 10^6: the bounds */
  { "numerator", "\"IPs evaluated within delay_months\"" },
  { "denominator", "\"IPs received\"" },
  { "text_fr", "\"{num} IP sur {den} en {period} ({Y}), soit {value} %\"" },
};

/* The base definition, with pairs (member, json) of @... (NULL-terminated)
 * replacing a member's value (json NULL: removing the member), or added at
 * the end when the member is not in the base. Newly allocated. */
static char *
definition_text (const char *first_member, ...)
{
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  GString *out = g_string_new ("{\n");
  va_list args;

  for (guint i = 0; i < G_N_ELEMENTS (base); i++)
    {
      g_ptr_array_add (members, (gpointer) base[i].member);
      g_ptr_array_add (values, (gpointer) base[i].json);
    }
  va_start (args, first_member);
  for (const char *member = first_member; member != NULL; member = va_arg (args, const char *))
    {
      const char *json = va_arg (args, const char *);
      guint index;
      if (g_ptr_array_find_with_equal_func (members, member, g_str_equal, &index))
        values->pdata[index] = (gpointer) json;
      else
        {
          g_ptr_array_add (members, (gpointer) member);
          g_ptr_array_add (values, (gpointer) json);
        }
    }
  va_end (args);

  for (guint i = 0, n = 0; i < members->len; i++)
    if (values->pdata[i] != NULL)
      g_string_append_printf (out, "%s  \"%s\": %s", n++ ? ",\n" : "",
                              (char *) members->pdata[i], (char *) values->pdata[i]);
  g_string_append (out, "\n}\n");
  return g_string_free (out, FALSE);
}

static IcDefinition *
load_text (const char *text, GError **error)
{
  return ic_definition_load_from_data ("test.json", text, -1, error);
}

/* ---- valid definitions ----------------------------------------------------- */

static void
test_valid_every_field (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = definition_text (NULL);
  g_autoptr (IcDefinition) d = load_text (text, &error);
  const IcParameter *p;

  g_assert_no_error (error);
  g_assert_cmpstr (d->path, ==, "test.json");
  g_assert_cmpstr (d->id, ==, "ip_eval_test");
  g_assert_cmpstr (d->version, ==, "2.1.0");
  g_assert_cmpstr (d->title, ==, "Taux d'évaluations en trois mois");
  g_assert_cmpstr (d->description, ==, "Share of the IPs evaluated within three months.");
  g_assert_cmpint (d->solen_engagement, ==, 2);
  g_assert_cmpint (d->solen_objective, ==, 6);
  g_assert_cmpstr (d->solen_label, ==, "Délai maximal de trois mois");
  g_assert_cmpstr (d->national_objective, ==, "« 100 % des évaluations en trois mois »");
  g_assert_cmpint (d->period, ==, IC_PERIOD_SCHOOL_YEAR);
  g_assert_cmpstr (d->unit, ==, "%");
  /* 12.5 × 10 = 125 tenths */
  g_assert_cmpint (d->target, ==, IC_TARGET_LE);
  g_assert_cmpint (d->target_tenths, ==, 125);
  g_assert_cmpstr (d->numerator, ==, "IPs evaluated within delay_months");
  g_assert_cmpstr (d->denominator, ==, "IPs received");
  g_assert_cmpstr (d->text_fr, ==, "{num} IP sur {den} en {period} ({Y}), soit {value} %");

  /* In file order, not sorted. */
  g_assert_cmpuint (d->parameters->len, ==, 3);
  p = &g_array_index (d->parameters, IcParameter, 0);
  g_assert_cmpstr (p->name, ==, "zeta");
  g_assert_cmpint (p->value, ==, 3);
  p = &g_array_index (d->parameters, IcParameter, 1);
  g_assert_cmpstr (p->name, ==, "alpha");
  g_assert_cmpint (p->value, ==, 0);
  p = &g_array_index (d->parameters, IcParameter, 2);
  g_assert_cmpstr (p->name, ==, "mid");
  g_assert_cmpint (p->value, ==, 1000000);

  g_assert_true (ic_definition_parameter (d, "alpha") == &g_array_index (d->parameters, IcParameter, 1));
  g_assert_null (ic_definition_parameter (d, "Alpha"));
  g_assert_null (ic_definition_parameter (d, "delay_months"));
}

/* Only the required members: the optional ones read as absent. */
static void
test_valid_minimal (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = definition_text ("description", NULL, "national_objective", NULL,
                                           "target", NULL, "parameters", NULL,
                                           "period", "\"calendar_year\"", NULL);
  g_autoptr (IcDefinition) d = load_text (text, &error);

  g_assert_no_error (error);
  g_assert_null (d->description);
  g_assert_null (d->national_objective);
  g_assert_cmpint (d->period, ==, IC_PERIOD_CALENDAR_YEAR);
  g_assert_cmpint (d->target, ==, IC_TARGET_NONE);
  g_assert_cmpuint (d->parameters->len, ==, 0);
  g_assert_null (ic_definition_parameter (d, "zeta"));
}

static void
test_valid_null_members (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = definition_text ("description", "null", "target", "null", "parameters", "{}", NULL);
  g_autoptr (IcDefinition) d = load_text (text, &error);

  g_assert_no_error (error);
  g_assert_null (d->description);
  g_assert_cmpint (d->target, ==, IC_TARGET_NONE);
  g_assert_null (ic_target_operator_to_string (d->target));
  g_assert_cmpuint (d->parameters->len, ==, 0);
}

static void
test_valid_target_operators (void)
{
  const struct {
    const char *json;
    IcTargetOperator op;
    gint64 tenths;
  } cases[] = {
    { "{ \"operator\": \">=\", \"value\": 20 }", IC_TARGET_GE, 200 },     /* 20 × 10 */
    { "{ \"operator\": \">\", \"value\": 0.5 }", IC_TARGET_GT, 5 },       /* 0.5 × 10 */
    { "{ \"operator\": \"<=\", \"value\": 100 }", IC_TARGET_LE, 1000 },   /* 100 × 10 */
    { "{ \"value\": 6.6, \"operator\": \"<\" }", IC_TARGET_LT, 66 },      /* 6.6 × 10, either order */
    { "{ \"operator\": \">=\", \"value\": 12.3 }", IC_TARGET_GE, 123 },   /* 12.3 × 10 = 123.000...01 in binary */
    { "{ \"operator\": \">=\", \"value\": 0 }", IC_TARGET_GE, 0 },     /* the lowest; -2.5 is refused */
    { "{ \"operator\": \"progress\" }", IC_TARGET_PROGRESS, 0 },
  };
  const char *names[] = { ">=", ">", "<=", "<", ">=", ">=", "progress" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = definition_text ("target", cases[i].json, NULL);
      g_autoptr (IcDefinition) d = load_text (text, &error);

      g_assert_no_error (error);
      g_assert_cmpint (d->target, ==, cases[i].op);
      if (cases[i].op != IC_TARGET_PROGRESS)
        g_assert_cmpint (d->target_tenths, ==, cases[i].tenths);
      g_assert_cmpstr (ic_target_operator_to_string (d->target), ==, names[i]);
    }
}

/* From a file: the path is the file's. */
static void
test_valid_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *text = definition_text (NULL);
  g_autofree char *path = ic_test_write (dir, "ip_eval_test.json", text);
  g_autoptr (IcDefinition) d = ic_definition_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (d->path, ==, path);
  g_assert_cmpstr (d->id, ==, "ip_eval_test");
  ic_test_rmtree (dir);
}

/* ---- invalid definitions ------------------------------------------------- */

typedef struct {
  const char *path;       /* /definition/invalid/... */
  const char *member;     /* the member changed */
  const char *json;       /* its new value; NULL removes it */
  const char *message;    /* the whole message, for a file named test.json */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "/definition/invalid/missing-title", "title", NULL, "test.json: member \"title\": missing" },
  { "/definition/invalid/null-title", "title", "null", "test.json: member \"title\": missing" },
  { "/definition/invalid/empty-title", "title", "\"\"",
    "test.json: member \"title\": expected a non-empty string" },
  { "/definition/invalid/title-not-string", "title", "12",
    "test.json: member \"title\": expected a non-empty string" },
  { "/definition/invalid/missing-id", "id", NULL, "test.json: member \"id\": missing" },
  { "/definition/invalid/missing-text", "text_fr", NULL, "test.json: member \"text_fr\": missing" },
  { "/definition/invalid/unknown-member", "titre", "\"Un titre\"",
    "test.json: member \"titre\": unknown member (a typo?)" },
  { "/definition/invalid/id-bad-characters", "id", "\"Bad-Id\"",
    "test.json: member \"id\": 1 to 64 characters of a-z, 0-9 and _" },
  /* 65 characters: the loader's limit now holds for definitions too. */
  { "/definition/invalid/id-too-long", "id",
    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
    "test.json: member \"id\": 1 to 64 characters of a-z, 0-9 and _" },
  { "/definition/invalid/period-unknown", "period", "\"month\"",
    "test.json: member \"period\": expected calendar_year or school_year" },
  { "/definition/invalid/solen-not-object", "solen", "\"1.1\"",
    "test.json: member \"solen\": expected an object with engagement, objective and label" },
  { "/definition/invalid/solen-engagement-text", "solen",
    "{ \"engagement\": \"2\", \"objective\": 6, \"label\": \"L\" }",
    "test.json: member \"solen.engagement\": expected an integer" },
  { "/definition/invalid/solen-label-missing", "solen", "{ \"engagement\": 2, \"objective\": 6 }",
    "test.json: member \"solen.label\": missing" },
  { "/definition/invalid/solen-unknown-member", "solen",
    "{ \"engagement\": 2, \"objective\": 6, \"label\": \"L\", \"engagment\": 3 }",
    "test.json: member \"solen.engagment\": unknown member (a typo?)" },
  { "/definition/invalid/solen-out-of-range", "solen", "{ \"engagement\": -1, \"objective\": 6, \"label\": \"L\" }",
    "test.json: member \"solen\": engagement and objective are small positive numbers" },
  /* 20.25 × 10 = 202.5: not a whole number of tenths (the one rule of
   * json-members.c, as for a bundle's figures). */
  { "/definition/invalid/target-two-decimals", "target", "{ \"operator\": \">=\", \"value\": 20.25 }",
    "test.json: member \"target.value\": more than one decimal" },
  { "/definition/invalid/target-unknown-operator", "target", "{ \"operator\": \"=>\", \"value\": 20 }",
    "test.json: member \"target.operator\": expected >=, >, <=, < or progress" },
  { "/definition/invalid/target-no-operator", "target", "{ \"value\": 20 }",
    "test.json: member \"target.operator\": missing" },
  { "/definition/invalid/target-no-value", "target", "{ \"operator\": \">=\" }",
    "test.json: member \"target.value\": missing" },
  { "/definition/invalid/target-value-text", "target", "{ \"operator\": \">=\", \"value\": \"20\" }",
    "test.json: member \"target.value\": expected a number" },
  { "/definition/invalid/target-extra-member", "target",
    "{ \"operator\": \">=\", \"value\": 20, \"unit\": \"%\" }",
    "test.json: member \"target\": expected only operator and value" },
  { "/definition/invalid/target-progress-with-value", "target", "{ \"operator\": \"progress\", \"value\": 1 }",
    "test.json: member \"target\": a progress target has no other member" },
  { "/definition/invalid/target-number", "target", "20",
    "test.json: member \"target\": expected an object or null" },
  { "/definition/invalid/text-unknown-placeholder", "text_fr", "\"{num} sur {nombre}\"",
    "test.json: member \"text_fr\": unknown placeholder {nombre} (known: {num} {den} {value} {period} {Y})" },
  { "/definition/invalid/text-placeholder-case", "text_fr", "\"en {y}\"",
    "test.json: member \"text_fr\": unknown placeholder {y} (known: {num} {den} {value} {period} {Y})" },
  { "/definition/invalid/text-unclosed-brace", "text_fr", "\"{num} sur {den\"",
    "test.json: member \"text_fr\": a '{' without its '}'" },
  { "/definition/invalid/parameter-not-integer", "parameters", "{ \"delay_months\": 2.5 }",
    "test.json: member \"parameters.delay_months\": expected an integer" },
  /* A string is a parameter (ABI 1.2); a boolean is neither. */
  { "/definition/invalid/parameter-boolean", "parameters", "{ \"delay_months\": true }",
    "test.json: member \"parameters.delay_months\": expected an integer" },
  { "/definition/invalid/parameter-empty-string", "parameters", "{ \"types\": \"\" }",
    "test.json: member \"parameters.types\": expected a non-empty string" },
  { "/definition/invalid/kind", "kind", "\"ratio\"", "test.json: member \"kind\": expected rate or count" },
  /* A rate has a denominator; a count need not. */
  { "/definition/invalid/rate-without-denominator", "denominator", NULL,
    "test.json: member \"denominator\": missing" },
  { "/definition/invalid/breakdowns-not-array", "breakdowns", "{}",
    "test.json: member \"breakdowns\": expected an array" },
  { "/definition/invalid/breakdown-without-label", "breakdowns", "[ { \"table\": \"measures\", \"column\": \"measure_type\" } ]",
    "test.json: member \"breakdowns[0].label\": missing" },
  { "/definition/invalid/breakdown-unknown-member", "breakdowns",
    "[ { \"table\": \"measures\", \"column\": \"measure_type\", \"label\": \"type\", \"colour\": \"red\" } ]",
    "test.json: member \"breakdowns[0].colour\": unknown member (a typo?)" },
  { "/definition/invalid/breakdown-twice", "breakdowns",
    "[ { \"table\": \"m\", \"column\": \"t\", \"label\": \"type\" }, { \"table\": \"m\", \"column\": \"t\", \"label\": \"autre\" } ]",
    "test.json: member \"breakdowns[1]\": a second breakdown by the same column" },
  /* {value:...} chooses a form only for a count. */
  { "/definition/invalid/rate-value-plural", "text_fr", "\"{value} {value:mesure|mesures}\"", NULL },
  /* json-glib reads 10^23 as -1: « >= -1 » would always be met. */
  { "/definition/invalid/target-beyond-int64", "target", "{ \"operator\": \">=\", \"value\": 100000000000000000000000 }",
    "test.json: member \"target.value\": a target in % is from 0 to 100" },
  { "/definition/invalid/target-above-100", "target", "{ \"operator\": \">=\", \"value\": 100.1 }",
    "test.json: member \"target.value\": a target in % is from 0 to 100" },
  { "/definition/invalid/target-negative", "target", "{ \"operator\": \">=\", \"value\": -2.5 }",
    "test.json: member \"target.value\": a target in % is from 0 to 100" },
  { "/definition/invalid/parameter-negative", "parameters", "{ \"delay_months\": -3 }",
    "test.json: member \"parameters.delay_months\": expected a whole number from 0 to 1000000" },
  { "/definition/invalid/parameter-beyond-int64", "parameters", "{ \"delay_months\": 100000000000000000000000 }",
    "test.json: member \"parameters.delay_months\": expected a whole number from 0 to 1000000" },
  { "/definition/invalid/parameters-not-object", "parameters", "[ 3 ]",
    "test.json: member \"parameters\": expected an object" },
};

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = definition_text (c->member, c->json, NULL);
  g_autoptr (IcDefinition) d = load_text (text, &error);

  g_assert_null (d);
  g_assert_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_INVALID);
  /* NULL: the template's own message, tested in test-text. */
  if (c->message != NULL)
    g_assert_cmpstr (error->message, ==, c->message);
}

/* ABI 1.2: a count with a breakdown and a string parameter, no denominator. */
static void
test_valid_count (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = definition_text (
      "kind", "\"count\"", "denominator", NULL, "unit", "\"mesures\"", "target", "null",
      "parameters", "{ \"types\": \"AED,AEMO\", \"months\": 3 }",
      "text_fr", "\"{value} {value:mesure|mesures} en {period}\"",
      "breakdowns", "[ { \"table\": \"measures\", \"column\": \"measure_type\", \"label\": \"type de mesure\" } ]",
      NULL);
  g_autoptr (IcDefinition) d = load_text (text, &error);
  const IcBreakdownSpec *b;
  g_autofree char *one = NULL, *many = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (d->kind, ==, IC_KIND_COUNT);
  g_assert_null (d->denominator);
  g_assert_cmpstr (ic_definition_parameter (d, "types")->text, ==, "AED,AEMO");
  g_assert_null (ic_definition_parameter (d, "months")->text);
  g_assert_cmpint (ic_definition_parameter (d, "months")->value, ==, 3);
  g_assert_cmpuint (d->breakdowns->len, ==, 1);
  b = ic_definition_breakdown (d, "measures", "measure_type");
  g_assert_nonnull (b);
  g_assert_cmpstr (b->label, ==, "type de mesure");
  g_assert_null (ic_definition_breakdown (d, "measures", "domain"));
  /* {value} of a count: the whole count, thousands grouped; singular for 1. */
  one = ic_definition_expand_text (d, 1, 0, 10, "2024", 2024);
  g_assert_cmpstr (one, ==, "1 mesure en 2024");
  many = ic_definition_expand_text (d, 12345, 0, 123450, "2024", 2024);
  g_assert_cmpstr (many, ==, "12" NBSP "345 mesures en 2024");
}

/* Without "kind": a rate, and no breakdown. */
static void
test_valid_default_kind (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = definition_text (NULL);
  g_autoptr (IcDefinition) d = load_text (text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (d->kind, ==, IC_KIND_RATE);
  g_assert_cmpuint (d->breakdowns->len, ==, 0);
}

static void
test_invalid_root (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcDefinition) d = load_text ("[ { \"id\": \"x\" } ]", &error);

  g_assert_null (d);
  g_assert_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "test.json: member \"(root)\": expected an object");
}

/* A file on disk: the message names the file by its path. */
static void
test_invalid_file_named (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *text = definition_text ("title", NULL, NULL);
  g_autofree char *path = ic_test_write (dir, "ip_eval_test.json", text);
  g_autofree char *expected = g_strdup_printf ("%s: member \"title\": missing", path);
  g_autoptr (IcDefinition) d = ic_definition_load (path, &error);

  g_assert_null (d);
  g_assert_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  ic_test_rmtree (dir);
}

/* ---- unreadable files ---------------------------------------------------- */

/* NAME:LINE:COLUMN: then json-glib's words. The column must be within the
 * line of the error. */
static void
assert_syntax_error (const char *text, int line, int line_length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IcDefinition) d = ic_definition_load_from_data ("broken.json", text, -1, &error);
  g_autofree char *prefix = g_strdup_printf ("broken.json:%d:", line);
  const char *column;
  char *end;
  gint64 value;

  g_assert_null (d);
  g_assert_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_READ);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("\"%s\" does not start with \"%s\"", error->message, prefix);
  column = error->message + strlen (prefix);
  value = g_ascii_strtoll (column, &end, 10);
  g_assert_true (end > column);
  g_assert_cmpint (value, >=, 1);
  g_assert_cmpint (value, <=, line_length + 1);
  g_assert_true (g_str_has_prefix (end, ": "));
}

static void
test_syntax_line_column (void)
{
  /* Line 3, `  "title": "t",,` (16 characters): a second comma. */
  assert_syntax_error ("{\n  \"id\": \"x\",\n  \"title\": \"t\",,\n  \"unit\": \"%\"\n}\n", 3, 16);
  /* Line 2, `  "id" "x",` (11 characters): no colon. */
  assert_syntax_error ("{\n  \"id\" \"x\",\n  \"unit\": \"%\"\n}\n", 2, 11);
  /* Line 1, `{ "id": "x" } }` (15 characters): text after the object. */
  assert_syntax_error ("{ \"id\": \"x\" } }", 1, 15);
}

static void
test_syntax_empty (void)
{
  const char *texts[] = { "", "  \n\n", NULL };
  for (guint i = 0; texts[i]; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IcDefinition) d = ic_definition_load_from_data ("empty.json", texts[i], -1, &error);
      g_assert_null (d);
      g_assert_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_READ);
      g_assert_cmpstr (error->message, ==, "empty.json: empty file, expected a JSON object");
    }
}

/* json-glib parses recursively: 80 000 nested arrays would overflow the
 * stack. Refused before it sees them, as for a bundle. */
static void
test_read_nested_too_deep (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strnfill (80000, '[');
  g_autoptr (IcDefinition) d = ic_definition_load_from_data ("deep.json", text, -1, &error);

  g_assert_null (d);
  g_assert_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "deep.json: nested deeper than 64 levels");
}

/* A FIFO would make the read wait for a writer for ever. */
static void
test_read_fifo (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "x.json", NULL);
  g_autoptr (IcDefinition) d = NULL;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  d = ic_definition_load (path, &error);
  g_assert_null (d);
  g_assert_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_READ);
  assert_contains (error->message, "is not a regular file");
  ic_test_rmtree (dir);
}

static void
test_read_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = ic_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "absent.json", NULL);
  g_autoptr (IcDefinition) d = ic_definition_load (path, &error);

  g_assert_null (d);
  g_assert_error (error, IC_DEFINITION_ERROR, IC_DEFINITION_ERROR_READ);
  assert_contains (error->message, path);
  ic_test_rmtree (dir);
}

/* ---- the French sentence ------------------------------------------------- */

static IcDefinition *
with_text (const char *text_fr)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("\"%s\"", text_fr);
  g_autofree char *text = definition_text ("text_fr", json, NULL);
  IcDefinition *d = load_text (text, &error);
  g_assert_no_error (error);
  return d;
}

static void
test_expand_french (void)
{
  g_autoptr (IcDefinition) d = with_text ("{num} IP sur {den} en {period} ({Y}), soit {value} %");
  g_autofree char *text = ic_definition_expand_text (d, 12345, 1234567, 66, "2023-2024", 2024);

  /* 12345 -> 12 345 and 1234567 -> 1 234 567 with no-break spaces;
   * 66 tenths -> 6,6 with a decimal comma. */
  g_assert_cmpstr (text, ==, "12" NBSP "345 IP sur 1" NBSP "234" NBSP "567 en 2023-2024 (2024), soit 6,6 %");
}

static void
test_expand_numbers (void)
{
  g_autoptr (IcDefinition) d = with_text ("{num}|{den}|{value}");
  const struct {
    gint64 num, den, tenths;
    const char *expected;
  } cases[] = {
    { 0, 1, 0, "0|1|0,0" },                                /* 0 tenths -> 0,0 */
    { 999, 1000, 999, "999|1" NBSP "000|99,9" },           /* 999 tenths -> 99,9 */
    { 1000, 999, 1000, "1" NBSP "000|999|100,0" },         /* 1000 tenths -> 100,0 */
    { 51, 770, 66, "51|770|6,6" },                         /* 100 × 51 / 770 = 6.62 -> 66 tenths */
    { 100000, 123456, 1234567, "100" NBSP "000|123" NBSP "456|123" NBSP "456,7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ic_definition_expand_text (d, cases[i].num, cases[i].den, cases[i].tenths, "2024", 2024);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Placeholders repeated, next to each other, and braces that are no
 * placeholder's. */
static void
test_expand_placeholders (void)
{
  g_autoptr (IcDefinition) d = with_text ("{Y}{Y} {period}: {num}/{num} } fin");
  g_autofree char *text = ic_definition_expand_text (d, 7, 8, 875, "2024", 2024);

  g_assert_cmpstr (text, ==, "20242024 2024: 7/7 } fin");
}

/* ---- the real definition files ------------------------------------------- */

/* Every indicators/ID.json is valid, named after its id, and its sentence
 * expands with no placeholder left. */
static void
test_real_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (ic_test_source_dir (), "indicators", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, &error);
  guint n = 0;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      g_autoptr (IcDefinition) d = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      id = g_strndup (name, strlen (name) - strlen (".json"));
      d = ic_definition_load (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (d->id, ==, id);
      /* where it sits is the frameworks' (frameworks/), not the definition's */
      g_assert_null (d->solen_label);
      text = ic_definition_expand_text (d, 1, 2, 500, "2024", 2024);
      g_assert_null (strchr (text, '{'));
      g_assert_true (g_utf8_validate (text, -1, NULL));
      n++;
    }
  /* bsem_coverage, epp_pmi_coverage, ip_eval_3m_rate, vad_child_share at
   * least. */
  g_assert_cmpuint (n, >=, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/definition/valid/every-field", test_valid_every_field);
  g_test_add_func ("/definition/valid/minimal", test_valid_minimal);
  g_test_add_func ("/definition/valid/null-members", test_valid_null_members);
  g_test_add_func ("/definition/valid/target-operators", test_valid_target_operators);
  g_test_add_func ("/definition/valid/file", test_valid_file);
  g_test_add_func ("/definition/valid/count", test_valid_count);
  g_test_add_func ("/definition/valid/default-kind", test_valid_default_kind);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    g_test_add_data_func (invalid_cases[i].path, &invalid_cases[i], test_invalid);
  g_test_add_func ("/definition/invalid/root-not-object", test_invalid_root);
  g_test_add_func ("/definition/invalid/file-named", test_invalid_file_named);

  g_test_add_func ("/definition/read/syntax-line-column", test_syntax_line_column);
  g_test_add_func ("/definition/read/empty", test_syntax_empty);
  g_test_add_func ("/definition/read/missing-file", test_read_missing_file);
  g_test_add_func ("/definition/read/nested-too-deep", test_read_nested_too_deep);
  g_test_add_func ("/definition/read/fifo", test_read_fifo);

  g_test_add_func ("/definition/expand/french", test_expand_french);
  g_test_add_func ("/definition/expand/numbers", test_expand_numbers);
  g_test_add_func ("/definition/expand/placeholders", test_expand_placeholders);

  g_test_add_func ("/definition/real/every-file", test_real_files);

  return g_test_run ();
}

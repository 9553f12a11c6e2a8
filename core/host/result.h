/* result.h: what one indicator's computation produced, before it becomes
 * JSON: counts, strata, details, warnings, and the figures the engine
 * derives from them once (value, target met, French sentence). */
#pragma once

#include <glib.h>

#include "dataset.h"
#include "definition.h"
#include "framework.h"
#include "period.h"
#include "population.h"

G_BEGIN_DECLS

typedef enum {
  IC_STATUS_OK,
  IC_STATUS_NOT_AVAILABLE,
  IC_STATUS_ERROR,
} IcStatus;

const char *ic_status_to_string (IcStatus status);

typedef struct {
  guint16 territory;
  char *name;          /* set by ic_result_finish() */
  gint64 numerator;
  gint64 denominator;
  gint64 value_tenths;
  gboolean suppressed;  /* small counts: published without counts nor value */
} IcStratum;

/* A stratum of a breakdown: the rows (or persons) of one code of the
 * breakdown's column. A count's stratum has its count as numerator and a
 * denominator of 0. */
typedef struct {
  guint16 code;        /* from 1: the code's value in the column */
  char *name;          /* the code ("AED"), set by ic_result_check() */
  gint64 numerator;
  gint64 denominator;
  gint64 value_tenths; /* a rate's, set by ic_result_finish() */
  gboolean suppressed;
} IcBreakdownStratum;

/* One breakdown of the definition, with the strata the plugin gave. */
typedef struct {
  const IcBreakdownSpec *spec; /* the definition's */
  GArray *strata;              /* IcBreakdownStratum; by code name once finished */
} IcBreakdown;

typedef enum {
  IC_DETAIL_INT,
  IC_DETAIL_FRACTION, /* a / b rounded to one decimal; null when b is 0 */
} IcDetailKind;

typedef struct {
  char *key;
  IcDetailKind kind;
  gint64 a;
  gint64 b;
} IcDetail;

/* One entry of `sources`: a table read, or a population resolved. */
typedef struct {
  char *table;        /* or NULL */
  char *population;   /* or NULL */
  char *period;
  char *origin;
  char *source;
  gint64 value;
} IcSource;

typedef struct {
  char *id;
  const IcDefinition *definition; /* belongs to the plugin set */
  char *plugin_file;
  char *plugin_version;
  IcPeriod period;
  IcStatus status;
  char *reason;
  gboolean has_numerator;  /* a count: its value is the numerator */
  gboolean has_denominator; /* a count has none */
  gint64 numerator;
  gint64 denominator;
  IcIndicatorKind kind;    /* the definition's (rate without one) */
  GArray *strata;          /* IcStratum; a count's: the count as numerator, denominator 0 */
  GPtrArray *breakdowns;   /* IcBreakdown, one per breakdown of the definition, in its order */
  GPtrArray *details;      /* IcDetail */
  GPtrArray *warnings;     /* char * */
  GPtrArray *messages;     /* IcMessageCall: a plugin's warnings and reason by id, until
                            * ic_result_check() checks and composes them in French */
  GPtrArray *sources;      /* IcSource */
  GArray *parameters;      /* IcParameter: the values used */

  /* Set by the run before ic_result_finish(): the target in force (the
   * definition's by default) and where the framework places the indicator
   * (NULL: in no framework's objective; both borrowed from the run). */
  IcTarget target;
  const IcFramework *framework;
  const IcFrameworkPlace *place;
  const char *fiche;       /* the département's fiche number of that objective, or NULL */
  gboolean previous_has_count;
  gint64 previous_numerator;

  /* Set by ic_result_finish(). */
  gboolean has_value;
  gint64 value_tenths;
  int target_met;          /* 1, 0, or -1 for null */
  char *text_fr;
  gboolean has_previous;
  int previous_year;
  gboolean previous_has_value;
  gint64 previous_tenths;

  /* Set by ic_trend_apply() (trend.h). */
  gboolean has_ci95;
  gint64 ci95_low_tenths;  /* 95 % Wilson score interval of the proportion, in tenths of % */
  gint64 ci95_high_tenths;
  gboolean has_change;     /* a previous value exists */
  gint64 change_tenths;    /* value - previous value, in tenths of a point */
  gboolean has_test;       /* both years' counts known: two-proportion z-test */
  double p_value;
  gboolean significant;    /* p < 0.05 */
  GArray *trend;           /* IcTrendPoint, by year, this year last */
} IcResult;

typedef struct {
  int year;
  gboolean has_value;
  gint64 value_tenths;
} IcTrendPoint;

IcResult *ic_result_new (const char *id, const IcDefinition *definition, const IcPeriod *period);
void ic_result_free (IcResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcResult, ic_result_free)

void ic_result_add_warning (IcResult *result, const char *message);
/* Records a plugin's message call (takes @call); composed by ic_result_check(). */
void ic_result_add_message (IcResult *result, IcMessageCall *call);
void ic_result_set_not_available (IcResult *result, const char *reason);
void ic_result_set_error (IcResult *result, const char *reason);
/* A territory stratum; dropped for territory 0, or when its denominator
 * (a count: its count) is not above 0. A count's @denominator is ignored. */
void ic_result_add_stratum (IcResult *result, guint16 territory, gint64 numerator, gint64 denominator);
/* The breakdown of @result by @table's column @column, or NULL when the
 * definition has none such. */
IcBreakdown *ic_result_breakdown (IcResult *result, const char *table, const char *column);
/* A stratum of that breakdown (replacing one of the same code), dropped for
 * code 0 or when its denominator (a count: its count) is not above 0.
 * FALSE when the definition has no such breakdown. */
gboolean ic_result_add_breakdown_stratum (IcResult *result, const char *table, const char *column, guint16 code,
                                          gint64 numerator, gint64 denominator);
void ic_result_add_detail (IcResult *result, const char *key, IcDetailKind kind, gint64 a, gint64 b);
void ic_result_add_table_source (IcResult *result, const char *table);
void ic_result_add_population_source (IcResult *result, const char *population, const char *period,
                                      const char *origin, const char *source, gint64 value);
/* Sets a parameter's value, replacing the definition's (a configured override). */
void ic_result_set_parameter (IcResult *result, const char *name, gint64 value);

/* Records a parameter value used (once per name). */
void ic_result_use_parameter (IcResult *result, const char *name, gint64 value);
/* The same for a string parameter (ABI 1.2). */
void ic_result_use_parameter_text (IcResult *result, const char *name, const char *text);

/* What a plugin may report, as seen from the run: every number and string a
 * plugin hands back is checked against these before the engine uses it. */
typedef struct {
  guint n_territories;   /* indices 1..n_territories-1 name territories */
  gint64 max_records;    /* rows of the run's record tables: no count from records exceeds it */
  IcDataset *dataset;    /* borrowed: the code columns breakdowns name (NULL: no breakdown accepted) */
} IcResultBounds;

/* The bounds of a run on @dataset. */
void ic_result_bounds_init (IcResultBounds *bounds, IcDataset *dataset);

/* The problem with count @value named @what ("le numérateur"), negative or
 * above @max (which @max_what names), or NULL, in French as every reason a
 * report may show. Newly allocated. */
char *ic_result_count_problem (const char *what, gint64 value, gint64 max, const char *max_what);

/* What bounds a count from records, in the reasons. */
#define IC_RESULT_ROWS_WORDS "le nombre de lignes des fichiers lus"

/* A denominator population is at most IC_POPULATION_MAX (population.h). */
#define IC_RESULT_POPULATION_MAX IC_POPULATION_MAX
/* Bytes of a warning or a reason; of a detail or parameter key. */
#define IC_RESULT_TEXT_MAX 1024
#define IC_RESULT_KEY_MAX 64
/* Warnings and details one indicator may carry. */
#define IC_RESULT_ITEMS_MAX 64
/* An integer detail's magnitude: 2^53, beyond which a JSON reader using
 * doubles (JavaScript, spreadsheets) no longer reads it exactly (RFC 7493). */
#define IC_RESULT_DETAIL_MAX G_GINT64_CONSTANT (9007199254740992)

/* Checks what a plugin reported in @result against @bounds: territories in
 * range, counts from 0 to their bound, a numerator counted from records at
 * most its denominator, details and texts sane, messages declared by the
 * definition with their parameters; then writes the messages' French text
 * into the warnings (first, in the order of the calls) and the reason. On the first problem, the
 * result becomes an error whose reason names it, its counts, strata and
 * details are dropped (as are its warnings when they are the problem), and
 * FALSE is returned. Run in the parent on every result, whatever the child
 * sent. */
gboolean ic_result_check (IcResult *result, const IcResultBounds *bounds);

/* The problem with @text as a text of a result (NULL when none): valid
 * UTF-8, at most @max_bytes, no control character but tab and newline. A
 * French predicate: "n'est pas de l'UTF-8 valide". Newly allocated. */
char *ic_result_text_problem (const char *text, gsize max_bytes);

/* TRUE when @key is a detail or parameter key: [a-z0-9_], 1 to
 * IC_RESULT_KEY_MAX bytes. */
gboolean ic_result_key_is_valid (const char *key);

/* TRUE when the result's denominator is a population (a population source
 * is recorded), FALSE when both counts come from records. */
gboolean ic_result_is_over_population (const IcResult *result);

/* Derives value, strata values and names (sorted by name), target_met and
 * text_fr from the counts. @territory_names maps territory indices to names.
 * @previous_* describe the same indicator in the previous bundle, if any. */
void ic_result_finish (IcResult *result,
                       const char *const *territory_names,
                       gboolean has_previous,
                       int previous_year,
                       gboolean previous_has_value,
                       gint64 previous_tenths);

G_END_DECLS

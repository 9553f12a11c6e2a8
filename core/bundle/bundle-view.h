/* bundle-view.h: a bundle as read back (bundle-reader.h): a small, read-only
 * picture of what the renderings show, every figure in integer tenths, and
 * the questions the renderings ask of it (the change, a break in the
 * series). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IC_BUNDLE_STATUS_OK,
  IC_BUNDLE_STATUS_NOT_AVAILABLE,
  IC_BUNDLE_STATUS_ERROR,
} IcBundleStatus;

/* What an indicator's value is (`kind`, bundles of version "1.1"; a
 * bundle of version "1" has rates only). */
typedef enum {
  IC_BUNDLE_KIND_RATE,  /* numerator over denominator */
  IC_BUNDLE_KIND_COUNT, /* a whole number: no denominator, no interval, no test */
} IcBundleKind;

typedef enum {
  IC_BUNDLE_TARGET_NONE,
  IC_BUNDLE_TARGET_THRESHOLD, /* value OPERATOR target */
  IC_BUNDLE_TARGET_PROGRESS,  /* higher than the year before */
} IcBundleTarget;

/* Every figure is held as integer tenths, as the bundle's numbers have at
 * most one decimal: 6.6 is 66, and a count of 412 is 4120. A stratum is a
 * territory's, or a breakdown's code's (then @territory is NULL). */
typedef struct {
  char *territory;
  char *code;          /* a breakdown's stratum: its code ("AED"), else NULL */
  gboolean suppressed; /* hidden for small counts: no counts, no value */
  gint64 numerator;    /* 0 for a count */
  gint64 denominator;  /* 0 for a count */
  gint64 value_tenths;
} IcBundleStratum;

/* Strata by the codes of a code column (bundles of version "1.1"). */
typedef struct {
  char *column;      /* "measure_type" */
  char *label;       /* "type de mesure": the report says « Par type de mesure » */
  GPtrArray *strata; /* IcBundleStratum *, code set, in the bundle's order (by code) */
} IcBundleBreakdown;

/* What an indicator read: an input table, or a population (its count and
 * where it came from). */
typedef struct {
  char *table;      /* the table's name, or NULL for a population */
  char *population; /* the population's name, or NULL for a table */
  char *period;     /* the population's period ("2024"); NULL for a table */
  char *origin;     /* the file its count came from (the reference table's, or the deriving one's) */
  char *source;     /* who counted it: "INSEE état civil"; NULL when unknown */
  gboolean has_value;
  gint64 value;
} IcBundleSource;

/* A figure of the indicator's details ("received", "mean_delay_days"),
 * in tenths like every figure; NULL ones are kept (has_value FALSE). */
typedef struct {
  char *key;
  gboolean has_value;
  gint64 tenths;
} IcBundleDetail;

/* A figure the SOLEN form asks for: "numerator", "denominator", "value" or
 * "details.KEY", and the form's words for it. */
typedef struct {
  char *figure;
  char *label;
} IcBundleField;

/* One year of an indicator's series. */
typedef struct {
  int year;
  char *label;              /* the period's label ("2024", "2023-2024"); when only the
                               bundle's `previous` or `trend` members gave the point, its
                               year, or its school year when the bundle's period is one */
  gboolean has_value;
  gint64 value_tenths;
  char *definition_version; /* NULL when unknown */
  gboolean has_counts;      /* the numerator and denominator are known (this bundle's, or an
                               earlier bundle's given with ic_bundle_view_add_previous) */
  gint64 numerator;
  gint64 denominator;
  GPtrArray *details;       /* IcBundleDetail *, or NULL when unknown */
} IcBundlePoint;

typedef struct {
  char *id;
  char *title;
  IcBundleStatus status;
  IcBundleKind kind;
  char *period_start; /* YYYY-MM-DD */
  char *period_end;
  char *period_label;
  gboolean has_numerator;
  gint64 numerator;
  gboolean has_denominator;
  gint64 denominator;
  gboolean has_value;
  gint64 value_tenths;
  char *unit;
  IcBundleTarget target;
  char *target_operator; /* ">=", "<=", ">" or "<" for a threshold, else NULL */
  gint64 target_tenths;
  int target_met;        /* 1 met, 0 not met, -1 not decided (or no target) */
  gboolean target_count; /* decided on the count (the numerator), not the value */
  gboolean target_department; /* set by the département (indicore.conf), not national */
  gboolean has_solen;
  gint64 solen_engagement; /* 0 when the framework has no engagements (2025-2027) */
  gint64 solen_objective;
  char *solen_label;
  char *solen_framework;  /* "2025-2027", or NULL (bundles written before frameworks) */
  char *solen_measure;    /* the form's « Mesure », or NULL */
  gint64 solen_rank;      /* place within the objective, from 1; 0 when unknown */
  char *solen_fiche;      /* the département's fiche number, or NULL */
  GPtrArray *solen_fields; /* IcBundleField *, the form's figures (empty for old bundles) */
  GPtrArray *details;    /* IcBundleDetail *, in the bundle's order */
  char *text_fr;         /* NULL when the bundle has none */
  char *reason;          /* NULL when the status is ok */
  char *definition_version;
  int previous_year;     /* the year of the bundle's `previous` member, 0 without one */
  gboolean has_ci95;     /* the bundle's 95 % Wilson interval, in tenths of a percent */
  gint64 ci95_low_tenths;
  gint64 ci95_high_tenths;
  gboolean has_change;   /* the bundle's `change` (from `previous`): FALSE when it is null
                            or absent (bundles written before it) */
  gint64 change_tenths;
  gboolean has_p_value;  /* the two-proportion test; FALSE when last year's counts were unknown */
  gint64 p_value;        /* in ten-thousandths: 0.3678 is 3678 */
  gboolean significant;  /* p < 0.05, as the bundle says */
  GPtrArray *warnings;   /* char * */
  GPtrArray *strata;     /* IcBundleStratum *, in the bundle's order */
  GPtrArray *breakdowns; /* IcBundleBreakdown *, in the bundle's order (empty for version "1") */
  GPtrArray *series;     /* IcBundlePoint *, by year: the bundle's `previous` and `trend`
                            merged with the earlier bundles given; the last is this bundle's */
  guint order;           /* position in the bundle */
  GPtrArray *sources;    /* IcBundleSource *, in the bundle's order */
} IcBundleIndicator;

typedef struct {
  char *table;
  char *file;
  char *sha256;
  gint64 rows;
  gint64 rejected;
} IcBundleInput;

typedef struct {
  char *file;
  char *reason;
} IcBundleRefusal;

typedef struct {
  char *name;               /* the file it was read from, for messages */
  char *generator_version;
  char *generated_at;
  char *department_code;
  char *department_name;    /* NULL when the bundle has none */
  int year;
  char *framework_id;       /* the framework in force ("2025-2027"), or NULL */
  char *framework_title;
  gboolean has_small_count; /* options.small_count, when the bundle has it */
  gint64 small_count;
  GPtrArray *indicators;    /* IcBundleIndicator *, in SOLEN order (engagement, objective,
                               rank), then the bundle's; indicators without SOLEN place last */
  GPtrArray *inputs;        /* IcBundleInput * */
  GPtrArray *refused;       /* IcBundleRefusal * */
  GArray *previous_years;   /* int: the years of the bundles added with
                               ic_bundle_view_add_previous(), in that order */
} IcBundleView;

void ic_bundle_view_free (IcBundleView *bundle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcBundleView, ic_bundle_view_free)

/* The name of @stratum's row: its territory, or its breakdown's code. */
const char *ic_bundle_stratum_name (const IcBundleStratum *stratum);

/* TRUE when some indicator of @bundle has a breakdown. */
gboolean ic_bundle_view_has_breakdowns (const IcBundleView *bundle);

/* The indicator @id of @bundle, or NULL. */
const IcBundleIndicator *ic_bundle_view_find (const IcBundleView *bundle, const char *id);

/* The point of @year in @indicator's series, or NULL. */
IcBundlePoint *ic_bundle_indicator_point (const IcBundleIndicator *indicator, int year);

/* The detail @key of @details (IcBundleDetail *), or NULL. */
const IcBundleDetail *ic_bundle_detail_find (const GPtrArray *details, const char *key);

/* The year-on-year change of @indicator: the bundle's own `change` and the
 * point of its `previous` year when it has one (has_change); otherwise,
 * when it has a value and an earlier point of its series has one, the latest
 * such point (belonging to the indicator) and the difference in tenths.
 * FALSE otherwise. */
gboolean ic_bundle_indicator_change (const IcBundleIndicator *indicator, const IcBundlePoint **from,
                                     gint64 *change_tenths);

/* TRUE when @point was computed with another definition version than the
 * indicator's (both known). */
gboolean ic_bundle_point_breaks_series (const IcBundleIndicator *indicator, const IcBundlePoint *point);

/* TRUE when some indicator of @bundle has an interval or a tested change:
 * the reports then say what they mean. */
gboolean ic_bundle_view_has_statistics (const IcBundleView *bundle);

G_END_DECLS

/* indicore-plugin.h: everything a plugin author may use.
 *
 * A plugin is a shared object that computes one indicator. It exports one
 * descriptor, `ic_plugin_descriptor`, best written with IC_PLUGIN_DEFINE().
 * The engine reads that descriptor as data before running any code of the
 * plugin: magic first, then its size, then the ABI major and minor, then the
 * required fields. When every check passes, and a definition file
 * `ID.json` for the same id is found (beside the plugin, then in the
 * engine's definitions directory), the engine calls `compute` once per run.
 *
 * The plugin never links against the engine: every service it uses comes
 * through the IcApi table handed to `compute` (the model is SQLite's
 * extension API). It may use GLib.
 *
 * ABI stability rule
 * ------------------
 * - IcPluginDescriptor and IcApi are append-only. A new field or a new
 *   function goes at the end, behind a bump of IC_ABI_MINOR.
 * - Removing, reordering or changing the meaning or signature of anything
 *   already here bumps IC_ABI_MAJOR and resets the minor to 0.
 * - The engine loads a plugin whose major equals its own and whose minor is
 *   lower or equal to its own; everything else is refused with a reason.
 *   A plugin built against minor N may use every IcApi member of minors <= N
 *   without checking; IC_API_HAS() tells whether a later member exists.
 *
 * What a plugin may do: read the columns it declared, count, report numerator,
 * denominator, strata, details and warnings through the api. Warnings and
 * reasons are message ids of the definition file with integer parameters
 * (ABI 1.1): the report is French and the plugin writes no prose.
 * What it may not do: print, exit, write files, keep pointers handed to it
 * after `compute` returns, write into the columns, or put any identifier or
 * date of an individual record into a warning, a detail or an error message.
 * Rounding, targets, French formatting, ordering and JSON belong to the engine.
 *
 * The sandbox (README, Safety: what it guarantees, on which kernels)
 * ----------------------------------------------------------------------
 * The engine never runs plugin code in its own process (but with
 * --no-isolation, for debugging, which the bundle records). The file is
 * opened once, from a path checked from / without following links, and
 * loaded only in child processes, with immediate binding: a symbol neither
 * the plugin nor its libraries define is a refusal, not a crash when
 * called. The descriptor is read in a scanner process. Constructors run
 * there and in the computing child, always confined: files read-only
 * (with Landlock, only the system's libraries and the plugin itself), no
 * write, socket, program or process.
 * `compute` runs in a child of its own that has loaded the plugin, then
 * dropped every descriptor but its result pipe, left its parent's process
 * group, and confined itself: limits on memory (--plugin-memory), CPU time
 * (--plugin-timeout), file size 0, no core dump; no new privileges;
 * Landlock without any file-system right where the kernel has it; a
 * seccomp-bpf allow-list of memory, its pipes, time, signals to itself and
 * threads. Opening a file, a socket, running a program, starting a process,
 * ptrace, signalling another process: each stops the plugin, and its
 * indicator is in error with the system call named. Printing makes it an
 * error too (its standard output and error are captured). The data are
 * the engine's memory at the fork, copy-on-write: the plugin sees them
 * read-only through the const pointers of the api, and a write would
 * change only its own copy. What it reports is checked by the engine.
 * A plugin past its deadline is killed with every process of its group.
 * None of this changes the ABI: a plugin that keeps to the rules above
 * never meets the sandbox.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IC_ABI_MAJOR 1
#define IC_ABI_MINOR 2

/* 'ICPL': catches a symbol of that name that is not a descriptor at all. */
#define IC_PLUGIN_MAGIC 0x4C504349u
#define IC_PLUGIN_DESCRIPTOR_SYMBOL "ic_plugin_descriptor"

#if defined(_WIN32)
#define IC_PLUGIN_EXPORT __declspec (dllexport)
#else
#define IC_PLUGIN_EXPORT __attribute__ ((visibility ("default")))
#endif

/* Dates are day numbers: days since 1970-01-01 (negative before). */
#define IC_DATE_NONE G_MININT32

/* Territory index 0 means "no territory": the row counts only in the
 * département total. Indices 1..n_territories-1 name territories. */
#define IC_TERRITORY_NONE 0

/* A missing value of an integer or decimal column (ABI 1.2). */
#define IC_INTEGER_NONE G_MININT64

/* Values of a yes/no column (ABI 1.2): 1 yes, 0 no, IC_YES_NO_NONE missing. */
#define IC_YES_NO_NONE 2

/* Fixed values of the coded columns (guint16). 0 is a missing value. Codes of
 * act_type not listed here get values from IC_ACT_FIRST_OTHER up; find them
 * with IcApi.code_lookup(). */
enum {
  IC_ACT_EPP = 1,
  IC_ACT_EPNP = 2,
  IC_ACT_BSEM = 3,
  IC_ACT_VAD_PRENATAL = 4,
  IC_ACT_VAD_POSTNATAL = 5,
  IC_ACT_VAD_CHILD = 6,
  IC_ACT_CONSULTATION_CHILD = 7,
  IC_ACT_FIRST_OTHER = 8
};

enum {
  IC_PROVIDER_PMI = 1,
  IC_PROVIDER_MATERNITY = 2,
  IC_PROVIDER_LIBERAL = 3,
  IC_PROVIDER_OTHER = 4
};

enum {
  IC_PROFESSIONAL_SF = 1,
  IC_PROFESSIONAL_PUER = 2,
  IC_PROFESSIONAL_IDE = 3,
  IC_PROFESSIONAL_MED = 4,
  IC_PROFESSIONAL_OTHER = 5
};

/* One computation of one indicator for one year: opaque, owned by the engine. */
typedef struct _IcContext IcContext;

/* Counts distinct persons, in total and per territory. Owned by the context:
 * freed by the engine after `compute` returns. */
typedef struct _IcDistinct IcDistinct;

/* Counts records by territory and by the code of one breakdown column
 * (ABI 1.2). Owned by the context: freed by the engine after `compute`
 * returns. */
typedef struct _IcTally IcTally;

typedef struct _IcApi IcApi;

/* A parameter of a message (ABI 1.1): a name its French forms use, as
 * "{n}", and an integer. */
typedef struct {
  const char *name;
  gint64 value;
} IcMessageParam;

struct _IcApi {
  /* sizeof (IcApi) in the engine: tells which members exist. */
  guint32 size;
  guint16 abi_major;
  guint16 abi_minor;

  /* ---- ABI 1.0 ---- */

  /* The year Y of the run. */
  gint (*year) (IcContext *ctx);

  /* The indicator's period for Y, as the definition file sets it (calendar
   * year, or school year ending in Y): first and last day, both included. */
  void (*period) (IcContext *ctx, gint32 *first_day, gint32 *last_day);

  /* A parameter of the definition file, or @fallback when the definition does
   * not set it. The value used is recorded in the bundle either way. */
  gint64 (*param_int) (IcContext *ctx, const char *name, gint64 fallback);

  /* Number of valid rows of @table ("pmi_acts", "births", "ip"), or -1 when
   * the table was not read (file absent) or is not among the descriptor's
   * `tables` (whether or not another plugin of the run reads it). Rows set
   * aside by --lenient are not counted and do not appear in the columns. */
  gint64 (*table_rows) (IcContext *ctx, const char *table);

  /* Typed columns of a table; NULL when the table or the column is unknown,
   * of another type, or the table not declared in the descriptor. The arrays have table_rows() elements and belong to
   * the engine. A missing date is IC_DATE_NONE; a missing code is 0. */
  const gint32 *(*dates) (IcContext *ctx, const char *table, const char *column);
  const guint16 *(*codes) (IcContext *ctx, const char *table, const char *column);

  /* The value of @code (compared case-insensitively) in a coded column, or
   * -1 when no row has it. */
  gint (*code_lookup) (IcContext *ctx, const char *table, const char *column, const char *code);

  /* An identifier column interned to dense integers 0..*n_distinct-1 (same
   * identifier, same integer, within one table). */
  const guint32 *(*ids) (IcContext *ctx, const char *table, const char *column, guint32 *n_distinct);

  /* The territory of each row (IC_TERRITORY_NONE when empty). Territory
   * indices are shared by every table of the run. */
  const guint16 *(*territories) (IcContext *ctx, const char *table);
  guint (*n_territories) (IcContext *ctx);

  /* Date arithmetic of the spec: the same day-of-month @months later,
   * clamped to the month's last day; completed months between @birth and @at
   * (-1 when @at is before @birth). */
  gint32 (*add_months) (gint32 day, gint months);
  gint (*age_months) (gint32 birth, gint32 at);

  /* A distinct counter over ids 0..n_ids-1. A person added several times
   * counts once in the total and once in each territory she was added with. */
  IcDistinct *(*distinct_new) (IcContext *ctx, guint32 n_ids);
  void (*distinct_add) (IcDistinct *distinct, guint32 id, guint16 territory);
  guint64 (*distinct_total) (IcDistinct *distinct);

  /* Finishes an indicator whose numerator is @numerator and whose denominator
   * is @population resolved for the indicator's period: sets both counts and
   * the strata by the spec's rules, records the source. When the population
   * cannot be resolved, or is 0, marks the indicator not available with the
   * reason. */
  void (*finish_over_population) (IcContext *ctx, IcDistinct *numerator, const char *population);

  /* Finishes an indicator whose both counts come from records. Strata are
   * added one by one (any order; a stratum whose denominator is 0 is dropped).
   * A total denominator of 0 makes the indicator not available.
   * Checked, at the call and again in the engine's process: counts from 0 to
   * the rows of the run's files, the numerator at most the denominator, a
   * stratum's territory from 1 to n_territories()-1 (0: none, dropped) and
   * its counts at most the total's. Anything else makes the indicator an
   * error naming the call and the number; the others are unaffected. */
  void (*set_counts) (IcContext *ctx, gint64 numerator, gint64 denominator);
  void (*add_stratum) (IcContext *ctx, guint16 territory, gint64 numerator, gint64 denominator);

  /* details.KEY: an integer, or the exact fraction @num / @den rounded to one
   * decimal half up (null when @den is 0). KEY is [a-z0-9_], 1 to 64 bytes;
   * an integer within ±2^53, a fraction's terms from 0 to 2^53; at most 64
   * details. */
  void (*detail_int) (IcContext *ctx, const char *key, gint64 value);
  void (*detail_fraction) (IcContext *ctx, const char *key, gint64 num, gint64 den);

  /* A warning in the bundle. Never put an identifier or a record's date in it.
   * Valid UTF-8, at most 1024 bytes, no control character but tab and
   * newline, at most 64 warnings (the same holds for not_available's
   * reason). One stating a count of a territory hidden for small counts is
   * withheld from the bundle. The text goes into the report as it is: a
   * plugin built against ABI 1.1 uses warning_message() instead, so that
   * the report stays French. */
  void (*warning) (IcContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);

  /* Marks the indicator not available, with the reason. */
  void (*not_available) (IcContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);

  /* ---- ABI 1.1 ---- */

  /* A warning, or the reason the indicator is not available, named by its
   * id in the definition file's "messages", with integer parameters. The
   * engine writes the French text from the definition, never the plugin:
   *
   *   "messages": { "unknown_age": {
   *       "one": "{n} enfant n'a pas de date de naissance",
   *       "other": "{n} enfants n'ont pas de date de naissance" } }
   *
   *   const IcMessageParam params[] = { { "n", unknown } };
   *   api->warning_message (ctx, "unknown_age", params, G_N_ELEMENTS (params));
   *
   * "one" is used when the parameter "n" (or the one the message's "count"
   * names) is 0 or 1, "other" from 2; "{n:enfant|enfants}" chooses inside
   * a form. Checked at the call, and again in the engine's process: the id
   * declared, each parameter used by the message and given once, every one
   * of them given, values within ±2^53, at most 8 parameters and 64
   * warnings. Anything else makes the indicator an error naming the call.
   * The first reason of a not-available indicator is the one kept. */
  void (*warning_message) (IcContext *ctx, const char *id, const IcMessageParam *params, gsize n_params);
  void (*not_available_message) (IcContext *ctx, const char *id, const IcMessageParam *params, gsize n_params);

  /* ---- ABI 1.2 ---- */

  /* An integer column (whole numbers >= 0) and a decimal column of a
   * declared table: table_rows() elements owned by the engine, read-only,
   * valid until `compute` returns; a missing value is IC_INTEGER_NONE. A
   * decimal is held exactly as its value times 10^places (12,5 with 2
   * places is 1250): *@places (may be NULL) receives the places, 0 when the
   * column is not found. NULL when the table was not declared or read, the
   * column is unknown, of another kind, or not among the columns the
   * plugin declared. */
  const gint64 *(*integers) (IcContext *ctx, const char *table, const char *column);
  const gint64 *(*decimals) (IcContext *ctx, const char *table, const char *column, guint *places);

  /* A yes/no column: 1 yes, 0 no, IC_YES_NO_NONE missing; NULL as above. */
  const guint8 *(*yes_no) (IcContext *ctx, const char *table, const char *column);

  /* A string parameter of the definition ("AED,AEMO"), or @fallback (may be
   * NULL) when the definition does not set it. Recorded in the bundle.
   * The string belongs to the engine (or is @fallback) and lives until
   * `compute` returns. NULL when @name is not [a-z0-9_] (the indicator is
   * then an error), or when the definition's value is an integer. */
  const char *(*param_string) (IcContext *ctx, const char *name, const char *fallback);

  /* Distinct persons added with @territory (1..n_territories()-1); 0 for
   * IC_TERRITORY_NONE or an index out of range. */
  guint64 (*distinct_territory) (IcDistinct *distinct, guint16 territory);

  /* Sets numerator, denominator and territory strata from two distinct
   * counters (kind rate): the total of each, and per territory the persons
   * of each added with it, as set_counts() and add_stratum() would. Every
   * person of @numerator must also be in @denominator (checked as with
   * set_counts()). */
  void (*finish_distinct) (IcContext *ctx, IcDistinct *numerator, IcDistinct *denominator);

  /* Record counts by territory and by the code of a breakdown column, in
   * one go. @breakdown_table and @breakdown_column name a code column of a
   * declared table, which must be one of the definition's "breakdowns"; both
   * NULL: no breakdown. NULL (and the indicator an error) when the column is
   * not found or not a breakdown of the definition.
   * tally_add(): a rate tally counts the row in the denominator and, with
   * @in_numerator, in the numerator; a count tally (kind count) counts the
   * row when @in_numerator. @territory IC_TERRITORY_NONE and @code 0 count
   * in the total only. A NULL @tally is ignored.
   * finish_tally() sets the counts, the territory strata and the breakdown
   * strata as set_counts()/add_stratum()/add_breakdown_stratum() (or
   * set_count()/add_count_stratum()) would; call it once. */
  IcTally *(*tally_new) (IcContext *ctx, const char *breakdown_table, const char *breakdown_column);
  void (*tally_add) (IcTally *tally, guint16 territory, guint16 code, gboolean in_numerator);
  void (*finish_tally) (IcContext *ctx, IcTally *tally);

  /* Kind count (the definition says "kind": "count"): the value, from 0 to
   * the rows of the run's files, and the count of a territory (1 to
   * n_territories()-1, at most the value; a territory of 0 counted is
   * dropped). Called on an indicator of kind rate, or set_counts() on one of
   * kind count, makes the indicator an error naming the call. */
  void (*set_count) (IcContext *ctx, gint64 value);
  void (*add_count_stratum) (IcContext *ctx, guint16 territory, gint64 value);

  /* A stratum of a breakdown by the code column @column of @table (rate:
   * numerator and denominator; count: @numerator is the count, @denominator
   * ignored). The breakdown must be declared in the definition's
   * "breakdowns", @code a code of the column's dictionary (from 1; code 0 is
   * refused), the counts at most the total's; a stratum whose denominator
   * (rate) or count (count) is 0 is dropped. The engine names the code,
   * sorts, suppresses small counts and writes the JSON. */
  void (*add_breakdown_stratum) (IcContext *ctx, const char *table, const char *column,
                                 guint16 code, gint64 numerator, gint64 denominator);
};

/* True when the engine's api has @member (for members of later minors). */
#define IC_API_HAS(api, member) \
  ((api)->size >= G_STRUCT_OFFSET (IcApi, member) + sizeof ((api)->member))

/* Computes the indicator. Returns FALSE and sets @error (any domain) when
 * the computation failed: the indicator then gets status "error" with the
 * error's message, and the other indicators are unaffected. Not-available is
 * not a failure: call api->not_available() and return TRUE. */
typedef gboolean (*IcComputeFunc) (const IcApi *api, IcContext *ctx, GError **error);

typedef struct {
  guint32 magic;          /* IC_PLUGIN_MAGIC */
  guint32 size;           /* sizeof (IcPluginDescriptor) where the plugin was built */
  guint16 abi_major;      /* IC_ABI_MAJOR where the plugin was built */
  guint16 abi_minor;      /* IC_ABI_MINOR where the plugin was built */

  /* ---- ABI 1.0 ---- */
  const char *id;         /* [a-z0-9_]+, the definition file's name and id */
  const char *version;    /* the plugin's version, e.g. "1.0.0" */
  /* Tables read directly, NULL-terminated: when one is absent, the indicator
   * is not available and the engine says which file is missing. */
  const char *const *tables;
  /* Populations the plugin may ask for, NULL-terminated (may be NULL): lets
   * the engine read what is needed to resolve them. */
  const char *const *populations;
  IcComputeFunc compute;
} IcPluginDescriptor;

/* Defines the exported descriptor. Use once per plugin, at file scope:
 *
 *   static const char *const tables[] = { "pmi_acts", NULL };
 *   static const char *const populations[] = { "births", NULL };
 *   IC_PLUGIN_DEFINE ("my_indicator", "1.0.0", tables, populations, compute)
 */
#define IC_PLUGIN_DEFINE(id_, version_, tables_, populations_, compute_) \
  IC_PLUGIN_EXPORT extern const IcPluginDescriptor ic_plugin_descriptor;  \
  IC_PLUGIN_EXPORT const IcPluginDescriptor ic_plugin_descriptor = {      \
    IC_PLUGIN_MAGIC, sizeof (IcPluginDescriptor), IC_ABI_MAJOR,          \
    IC_ABI_MINOR, (id_), (version_), (tables_), (populations_), (compute_) \
  };

G_END_DECLS

/* definition.h: an indicator's definition file (indicators/ID.json): what
 * the State defines and may change without recompiling the plugin. */
#pragma once

#include <glib.h>

#include "message.h"
#include "period.h"

G_BEGIN_DECLS

#define IC_DEFINITION_ERROR (ic_definition_error_quark ())
GQuark ic_definition_error_quark (void);

typedef enum {
  IC_DEFINITION_ERROR_READ,    /* cannot read, or not JSON (message has line:column) */
  IC_DEFINITION_ERROR_INVALID, /* a member missing, of the wrong type, or unknown */
} IcDefinitionError;

typedef enum {
  IC_TARGET_NONE,
  IC_TARGET_GE,
  IC_TARGET_GT,
  IC_TARGET_LE,
  IC_TARGET_LT,
  IC_TARGET_PROGRESS, /* higher than the previous year's value */
} IcTargetOperator;

/* What a target is decided on: the value (a rate, in %), or the count
 * (the numerator of a rate, the value of a count). */
typedef enum {
  IC_TARGET_ON_VALUE,
  IC_TARGET_ON_COUNT,
} IcTargetOn;

/* Who set it: the contract's framework (frameworks/ID.json, or the
 * definition when no framework names the indicator), or the département's
 * settings (indicore.conf). */
typedef enum {
  IC_TARGET_NATIONAL,
  IC_TARGET_DEPARTMENT,
} IcTargetOrigin;

/* One target as a run decides it. */
typedef struct {
  IcTargetOperator op;     /* IC_TARGET_NONE: no target */
  IcTargetOn on;
  IcTargetOrigin origin;
  gint64 tenths;           /* the threshold × 10 (a count: a whole number × 10) */
} IcTarget;

typedef struct {
  char *name;
  gint64 value;
  char *text;             /* a string parameter's value ("AED,AEMO"); NULL for an integer */
} IcParameter;

/* What an indicator's figure is: a rate (numerator over denominator, in %
 * or per thousand...) or a count (a whole number, ABI 1.2). */
typedef enum {
  IC_KIND_RATE,
  IC_KIND_COUNT,
} IcIndicatorKind;

/* "rate" or "count". */
const char *ic_indicator_kind_to_string (IcIndicatorKind kind);

/* A breakdown of the definition: strata by the codes of a code column. */
typedef struct {
  char *table;
  char *column;
  char *label;            /* how the report names it: "type de mesure" */
} IcBreakdownSpec;

/* At most this many breakdowns per definition. */
#define IC_DEFINITION_BREAKDOWNS_MAX 8

typedef struct {
  char *path;
  char *id;
  char *version;
  char *title;
  char *description;      /* optional: what it measures, in a sentence */
  int solen_engagement;   /* optional and unused since frameworks/ (kept for old files) */
  int solen_objective;
  char *solen_label;      /* NULL without a solen member */
  char *national_objective; /* optional: the contract's wording */
  IcPeriodKind period;
  char *unit;
  IcTargetOperator target;
  gint64 target_tenths;   /* the target value × 10 (at most one decimal) */
  GArray *parameters;     /* IcParameter, in file order */
  char *numerator;
  char *denominator;
  char *text_fr;          /* template with {num} {den} {value} {period} {Y}, and
                           * plurals by a count: {num:femme|femmes} (french-template.h) */
  GPtrArray *messages;    /* IcMessage: the plugin's warnings and reasons, by id */
  IcIndicatorKind kind;   /* "kind": rate by default */
  GPtrArray *breakdowns;  /* IcBreakdownSpec, in file order */
} IcDefinition;

/* Reads and checks @path. Returns a new definition, or NULL with @error
 * naming the file (and line:column for a syntax error, the member
 * otherwise). */
IcDefinition *ic_definition_load (const char *path, GError **error);

/* The same from memory; @name stands for the file in messages. */
IcDefinition *ic_definition_load_from_data (const char *name, const char *data, gssize length, GError **error);

void ic_definition_free (IcDefinition *definition);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcDefinition, ic_definition_free)

/* The parameter @name, or NULL. */
/* A parameter counts months, days or years of age: from 0 to this (a
 * million days is 2 700 years). A configured override obeys it too. */
#define IC_DEFINITION_PARAMETER_MAX G_GINT64_CONSTANT (1000000)

const IcParameter *ic_definition_parameter (const IcDefinition *definition, const char *name);

/* The breakdown of the definition by @table's column @column, or NULL. */
const IcBreakdownSpec *ic_definition_breakdown (const IcDefinition *definition, const char *table,
                                                const char *column);

/* ">=", ">", "<=", "<", "progress", or NULL for none. */
const char *ic_target_operator_to_string (IcTargetOperator op);

/* The definition's own target, as national (the fallback when no
 * framework names the indicator). */
void ic_definition_target (const IcDefinition *definition, IcTarget *out);

/* Reads a target as a département writes it in indicore.conf:
 * "[value|count] OP NUMBER" (OP one of >= > <= <; a value has at most one
 * decimal, a count none), "progress [value|count]", or "none". The origin
 * is left as it was. FALSE with a message in @error (NULL domain-free
 * text: the caller adds where) when @text is none of these. */
gboolean ic_target_parse (const char *text, IcTarget *out, char **error);

/* Whether @numerator / @denominator (the value) or @numerator (the count)
 * meets @target, on exact figures; -1 when it cannot be decided (no
 * target, progress without the previous year's figure). */
int ic_target_decide (const IcTarget *target, gint64 numerator, gint64 denominator, gint64 value_tenths,
                      gboolean has_previous_value, gint64 previous_value_tenths,
                      gboolean has_previous_count, gint64 previous_numerator);

/* "national" or "department". */
const char *ic_target_origin_to_string (IcTargetOrigin origin);

/* Fills the template with French-formatted numbers: @num and @den grouped
 * by thousands, @value_tenths with a decimal comma (for a count, {value}
 * is the whole count @num, grouped by thousands), and the singular or
 * plural each count chooses. Newly allocated. */
char *ic_definition_expand_text (const IcDefinition *definition,
                                 gint64 num, gint64 den, gint64 value_tenths,
                                 const char *period_label, int year);

G_END_DECLS

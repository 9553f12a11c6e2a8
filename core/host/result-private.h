/* result-private.h: what result.c and result-breakdown.c share: the kind
 * of figure (rate or count) and the breakdowns of a result (ABI 1.2). */
#pragma once

#include "result.h"

G_BEGIN_DECLS

/* The figure of @numerator over @denominator in tenths: a rate's value
 * (FALSE when @denominator is 0), or a count's (@numerator whole). */
gboolean ic_result_value_tenths (const IcResult *result, gint64 numerator, gint64 denominator, gint64 *tenths);

/* Drops the territory and breakdown strata. */
void ic_result_clear_strata (IcResult *result);

/* A count with a denominator, or NULL. Newly allocated, French. */
char *ic_result_kind_problem (const IcResult *result);

/* The problem with @result's breakdown strata, or NULL: the column a code
 * column of the data read, each code in its dictionary, counts from 0 to
 * the total's (a rate's numerator at most its denominator when both come
 * from records; a count's denominator 0). Never quotes a code: an open
 * column may hold free text. Newly allocated, French. */
char *ic_result_breakdowns_problem (const IcResult *result, const IcResultBounds *bounds);

/* Names each breakdown stratum by its code, once the strata are checked. */
void ic_result_name_codes (IcResult *result, const IcResultBounds *bounds);

/* Values of the breakdown strata, sorted by code. */
void ic_result_finish_breakdowns (IcResult *result);

G_END_DECLS

/* result-wire.h: the serialisation of a computation's result across the
 * pipe from the child that computes to the engine. */
#pragma once

#include "result.h"

G_BEGIN_DECLS

/* ... parameters (name, integer, string or nothing), messages, and the
 * breakdowns' strata (table, column, code, numerator, denominator). */
#define IC_RESULT_WIRE_TYPE "(isbbxxa(qxx)a(sixx)asa(msmsmsmsmsx)a(sxms)a(bsa(sx))a(ssqxx))"

/* The result fields a compute sets, as a new floating GVariant. */
GVariant *ic_result_to_variant (const IcResult *result);

/* Sets @result's computed fields from @variant; FALSE when it is not of
 * IC_RESULT_WIRE_TYPE or its status is unknown. */
gboolean ic_result_update_from_variant (IcResult *result, GVariant *variant);

/* Sets @result's computed fields from the bytes a child sent: FALSE when
 * they are not a variant of IC_RESULT_WIRE_TYPE in normal form (a
 * truncated or forged answer) or its status is unknown. The numbers are
 * not checked here: ic_result_check() does it. */
gboolean ic_result_update_from_wire (IcResult *result, GBytes *bytes);

G_END_DECLS

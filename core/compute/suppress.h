/* suppress.h: small-count suppression of territory strata, as statistical
 * offices (and OpenSAFELY) publish counts about few persons: a stratum
 * whose numerator or denominator is from 1 to the threshold is published
 * without counts nor value, and when that leaves a single stratum hidden,
 * a second one is hidden too, so that no hidden count can be recovered by
 * subtracting the other strata from the département total. The total itself
 * is never suppressed. The strata of a breakdown by codes (ABI 1.2) follow
 * the same rules, within each breakdown; a count's strata, whose count is
 * their numerator, too. */
#pragma once

#include "result.h"

G_BEGIN_DECLS

#define IC_SMALL_COUNT_DEFAULT 10

/* Marks the strata of @result to suppress under @threshold (counts 1 to
 * @threshold are small; 0 is not). Returns the number suppressed. */
guint ic_suppress_strata (IcResult *result, gint64 threshold);

/* The same over every result of a run at once (IcResult, sorted by id).
 * Indicators over the same denominator (the same population and period, or
 * the same counts from records, total and per territory) hide the same
 * territories: were EPP to hide C and A and EPNP C and B over the same
 * births, C's births would be EPP's total minus A's and B's published ones.
 * A territory small in one is hidden in all; complements are chosen until
 * none has a single hidden stratum. Returns the number suppressed. */
guint ic_suppress_results (GPtrArray *results, gint64 threshold);

G_END_DECLS

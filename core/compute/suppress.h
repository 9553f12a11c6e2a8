/* suppress.h: small-count suppression of territory strata, as statistical
 * offices (and OpenSAFELY) publish counts about few persons: a stratum
 * whose numerator or denominator is from 1 to the threshold is published
 * without counts nor value, and when that leaves a single stratum hidden,
 * a second one is hidden too, so that no hidden count can be recovered by
 * subtracting the other strata from the département total. The total itself
 * is never suppressed. */
#pragma once

#include "result.h"

G_BEGIN_DECLS

#define IC_SMALL_COUNT_DEFAULT 10

/* Marks the strata of @result to suppress under @threshold (counts 1 to
 * @threshold are small; 0 is not). Returns the number suppressed. */
guint ic_suppress_strata (IcResult *result, gint64 threshold);

G_END_DECLS

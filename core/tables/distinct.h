/* distinct.h: counts distinct persons in total and per territory, in memory
 * that grows with the persons (one bit and two bytes each), not the rows. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IcDistinct IcDistinct;

IcDistinct *ic_distinct_new (guint32 n_ids, guint n_territories);
void ic_distinct_free (IcDistinct *distinct);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcDistinct, ic_distinct_free)

/* Counts @id once in the total and once in @territory (0: total only). */
void ic_distinct_add (IcDistinct *distinct, guint32 id, guint16 territory);

guint64 ic_distinct_total (IcDistinct *distinct);

/* Distinct persons added with @territory (1..n_territories-1). */
guint64 ic_distinct_in_territory (IcDistinct *distinct, guint16 territory);

guint ic_distinct_n_territories (IcDistinct *distinct);

G_END_DECLS

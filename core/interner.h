/* interner.h: maps strings to dense integers 0, 1, 2... in order of first
 * appearance, without one heap allocation per string: the bytes live in one
 * growing arena and the table holds offsets. Identifiers of a whole national
 * file go through here, so distinct counting downstream is a bitset. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IcInterner IcInterner;

IcInterner *ic_interner_new (void);
void ic_interner_free (IcInterner *interner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcInterner, ic_interner_free)

/* Returns the id of @text (@len bytes, need not be NUL-terminated), adding it
 * when new; *@added (may be NULL) tells which. */
guint32 ic_interner_intern (IcInterner *interner, const char *text, gsize len, gboolean *added);

/* The id of @text, or -1 when it was never interned. */
gint64 ic_interner_find (IcInterner *interner, const char *text, gsize len);

/* Number of distinct strings. */
guint32 ic_interner_size (IcInterner *interner);

/* The string of @id, NUL-terminated; belongs to the interner and stays valid
 * until the next ic_interner_intern(). */
const char *ic_interner_get (IcInterner *interner, guint32 id);

G_END_DECLS

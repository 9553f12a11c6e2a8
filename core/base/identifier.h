/* identifier.h: the one rule for an indicator's id, shared by the plugin
 * loader, the definition files and `indicore new-plugin`. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rule in words, for messages. */
#define IC_ID_RULE "1 to 64 characters of a-z, 0-9 and _"

/* TRUE when @id (may be NULL) follows IC_ID_RULE: it names files
 * (ID.json, ID.so) and JSON members, so nothing else is allowed. */
gboolean ic_id_is_valid (const char *id);

G_END_DECLS

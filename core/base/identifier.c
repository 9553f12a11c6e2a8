/* identifier.c: the one rule for an indicator's id (IC_ID_RULE), written
 * once for the loader, the definitions and the plugin scaffold. */
#include "identifier.h"

#include <string.h>

gboolean
ic_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;
  return TRUE;
}

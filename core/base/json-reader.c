#include "json-reader.h"

gboolean
ic_json_parse (JsonParser *parser, const char *name, const char *data, gssize length,
               GQuark domain, gint code, GError **error)
{
  g_autoptr (GError) local = NULL;
  const char *message;

  if (json_parser_load_from_data (parser, data, length, &local))
    return TRUE;
  message = g_str_has_prefix (local->message, "<data>") ? local->message + 6 : local->message;
  g_set_error (error, domain, code, "%s%s%s", name, *message == ':' ? "" : ": ", message);
  return FALSE;
}

/* validate-bundle: checks JSON files against a JSON Schema, for tests and
 * scripts.
 *
 *   validate-bundle SCHEMA FILE...
 *
 * Exit status 0 when every FILE is valid; 1 when one is not (each problem on
 * standard error, one line per file), or when the schema itself is bad;
 * 2 on a usage error. */
#include "json-schema.h"

#include <stdio.h>

static JsonNode *
load (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "empty document");
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) schema = NULL;
  int status = 0;

  if (argc < 3)
    {
      fprintf (stderr, "Usage: %s SCHEMA FILE...\n", argc > 0 ? argv[0] : "validate-bundle");
      return 2;
    }

  /* Loaded once for every file. */
  schema = load (argv[1], &error);
  if (schema == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }

  for (int i = 2; i < argc; i++)
    {
      g_autoptr (JsonNode) instance = load (argv[i], &error);

      if (instance == NULL || !ic_json_schema_validate (schema, instance, &error))
        {
          /* A bad schema makes every file fail the same way: say it once. */
          if (g_error_matches (error, IC_JSON_SCHEMA_ERROR, IC_JSON_SCHEMA_ERROR_SCHEMA))
            {
              fprintf (stderr, "%s: %s\n", argv[1], error->message);
              return 1;
            }
          fprintf (stderr, "%s: %s\n", argv[i], error->message);
          g_clear_error (&error);
          status = 1;
        }
    }
  return status;
}

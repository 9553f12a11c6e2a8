/* dataset-names.c: a file name of the data directory against the expected
 * input names, to say « did you mean actes.csv? » or « save it as CSV »
 * rather than « actes.csv is absent ». */
#include "dataset-names.h"

#include <string.h>

static const char *const spreadsheet_extensions[] = { "xlsx", "xls", "xlsm", "ods", NULL };

/* @name up to its first dot, lower case, `-` and spaces as `_`. */
static char *
normal_stem (const char *name)
{
  const char *dot = strchr (name, '.');
  char *stem = g_ascii_strdown (name, dot != NULL ? dot - name : -1);
  for (char *p = stem; *p; p++)
    if (*p == '-' || *p == ' ')
      *p = '_';
  return stem;
}

static gboolean
is_spreadsheet (const char *name)
{
  const char *dot = strrchr (name, '.');
  for (guint i = 0; dot != NULL && spreadsheet_extensions[i]; i++)
    if (g_ascii_strcasecmp (dot + 1, spreadsheet_extensions[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The stem @stem is @expected's, or @expected's followed by `_` and more
 * (`-` and spaces were made `_`): actes_2024. */
static gboolean
stem_looks_like (const char *stem, const char *expected)
{
  size_t len = strlen (expected);
  return strncmp (stem, expected, len) == 0 && (stem[len] == '\0' || stem[len] == '_');
}

IcInputNameKind
ic_input_name_match (const char *name, const char *const *expected, guint *index)
{
  g_autofree char *stem = normal_stem (name);

  if (stem[0] == '\0')
    return IC_INPUT_NAME_OTHER;
  for (guint i = 0; expected[i]; i++)
    {
      g_autofree char *wanted = normal_stem (expected[i]);
      if (strcmp (name, expected[i]) == 0)
        return IC_INPUT_NAME_OTHER;
      if (!stem_looks_like (stem, wanted))
        continue;
      if (index != NULL)
        *index = i;
      return is_spreadsheet (name) ? IC_INPUT_NAME_SPREADSHEET : IC_INPUT_NAME_MISNAMED;
    }
  return IC_INPUT_NAME_OTHER;
}

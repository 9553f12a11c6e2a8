/* target.c: a target as a run decides it (IcTarget of definition.h): read
 * from a département's settings, taken from a definition, and decided on
 * exact figures, on the value or on the count. */
#include "definition.h"

#include <stdlib.h>
#include <string.h>

void
ic_definition_target (const IcDefinition *definition, IcTarget *out)
{
  out->op = definition ? definition->target : IC_TARGET_NONE;
  out->on = IC_TARGET_ON_VALUE;
  out->origin = IC_TARGET_NATIONAL;
  out->tenths = definition ? definition->target_tenths : 0;
}

const char *
ic_target_origin_to_string (IcTargetOrigin origin)
{
  return origin == IC_TARGET_DEPARTMENT ? "department" : "national";
}

/* "25", "12.5" (value) or "1656" (count) as tenths; FALSE otherwise. */
static gboolean
parse_number (const char *text, gboolean count, gint64 *tenths)
{
  const char *dot = strchr (text, '.');
  guint64 whole, decimal = 0;
  g_autofree char *head = dot ? g_strndup (text, dot - text) : g_strdup (text);

  if (!g_ascii_string_to_unsigned (head, 10, 0, G_GINT64_CONSTANT (1000000000), &whole, NULL))
    return FALSE;
  if (dot != NULL && (count || strlen (dot + 1) != 1 || !g_ascii_isdigit (dot[1])))
    return FALSE;
  if (dot != NULL)
    decimal = (guint64) (dot[1] - '0');
  *tenths = (gint64) (whole * 10 + decimal);
  return TRUE;
}

gboolean
ic_target_parse (const char *text, IcTarget *out, char **error)
{
  static const struct { const char *word; IcTargetOperator op; } ops[] = {
    { ">=", IC_TARGET_GE }, { ">", IC_TARGET_GT }, { "<=", IC_TARGET_LE }, { "<", IC_TARGET_LT },
  };
  g_auto (GStrv) words = g_strsplit_set (text, " \t", -1);
  g_autoptr (GPtrArray) w = g_ptr_array_new ();
  guint i = 0;

  for (guint k = 0; words[k]; k++)
    if (*words[k] != '\0')
      g_ptr_array_add (w, words[k]);
  out->on = IC_TARGET_ON_VALUE;
  out->tenths = 0;
  if (w->len == 1 && strcmp (w->pdata[0], "none") == 0)
    {
      out->op = IC_TARGET_NONE;
      return TRUE;
    }
  if (w->len >= 1 && strcmp (w->pdata[0], "progress") == 0)
    {
      out->op = IC_TARGET_PROGRESS;
      if (w->len == 1)
        return TRUE;
      if (w->len == 2 && (strcmp (w->pdata[1], "value") == 0 || strcmp (w->pdata[1], "count") == 0))
        {
          out->on = strcmp (w->pdata[1], "count") == 0 ? IC_TARGET_ON_COUNT : IC_TARGET_ON_VALUE;
          return TRUE;
        }
      *error = g_strdup ("expected progress, progress value or progress count");
      return FALSE;
    }
  if (w->len == 3 && (strcmp (w->pdata[0], "value") == 0 || strcmp (w->pdata[0], "count") == 0))
    {
      out->on = strcmp (w->pdata[0], "count") == 0 ? IC_TARGET_ON_COUNT : IC_TARGET_ON_VALUE;
      i = 1;
    }
  else if (w->len != 2)
    {
      *error = g_strdup ("expected [value|count] >= N, > N, <= N, < N, progress [value|count] or none");
      return FALSE;
    }
  out->op = IC_TARGET_NONE;
  for (guint k = 0; k < G_N_ELEMENTS (ops); k++)
    if (strcmp (w->pdata[i], ops[k].word) == 0)
      out->op = ops[k].op;
  if (out->op == IC_TARGET_NONE)
    {
      *error = g_strdup ("expected an operator: >=, >, <= or <");
      return FALSE;
    }
  if (!parse_number (w->pdata[i + 1], out->on == IC_TARGET_ON_COUNT, &out->tenths))
    {
      *error = g_strdup (out->on == IC_TARGET_ON_COUNT ? "a count target is a whole number from 0 to 1000000000"
                                                       : "a value target is a number with at most one decimal");
      return FALSE;
    }
  if (out->on == IC_TARGET_ON_VALUE && out->tenths > 1000)
    {
      *error = g_strdup ("a target on a value in % is from 0 to 100");
      return FALSE;
    }
  return TRUE;
}

/* Compares num / den with tenths / 1000 exactly: the sign of
 * 1000 num / den - tenths, with num >= 0, den > 0. */
static int
compare_rate (gint64 num, gint64 den, gint64 tenths)
{
  gint64 q = 1000 * num / den, r = 1000 * num % den;
  if (q != tenths)
    return q > tenths ? 1 : -1;
  return r > 0;
}

int
ic_target_decide (const IcTarget *target, gint64 numerator, gint64 denominator, gint64 value_tenths,
                  gboolean has_previous_value, gint64 previous_value_tenths,
                  gboolean has_previous_count, gint64 previous_numerator)
{
  gboolean count = target->on == IC_TARGET_ON_COUNT;
  int c;

  /* A fixed target is decided on the exact figure, not on the rounded
   * value: 1999 IPs evaluated in time out of 2000 show as 100.0 but do not
   * meet « every evaluation within three months », and 80 / 401 = 19.95 %
   * shows as 20.0 but is not « at least 20 % ». A count is exact. */
  if (count)
    c = numerator * 10 > target->tenths ? 1 : numerator * 10 < target->tenths ? -1 : 0;
  else
    c = compare_rate (numerator, denominator, target->tenths);
  switch (target->op)
    {
    case IC_TARGET_NONE: return -1;
    case IC_TARGET_GE: return c >= 0;
    case IC_TARGET_GT: return c > 0;
    case IC_TARGET_LE: return c <= 0;
    case IC_TARGET_LT: return c < 0;
    case IC_TARGET_PROGRESS:
      /* Against the previous bundle's figure, which is all it records: for
       * the value, the published values, both rounded the same way. */
      if (count)
        return has_previous_count ? numerator > previous_numerator : -1;
      return has_previous_value ? value_tenths > previous_value_tenths : -1;
    }
  return -1;
}

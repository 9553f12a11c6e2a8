/* suppress.c: small-count suppression, once over every result of a run, so
 * that indicators sharing a denominator hide the same territories. */
#include "suppress.h"

#include <string.h>

static gboolean
is_small (gint64 count, gint64 threshold)
{
  return count >= 1 && count <= threshold;
}

/* Whether a stratum (territory or code) reveals less than another when
 * hidden as the complement: the smaller numerator, then denominator, then
 * name. One order for both kinds of strata. */
static gboolean
reveals_less (gint64 numerator, gint64 denominator, const char *name,
              gint64 other_numerator, gint64 other_denominator, const char *other_name)
{
  if (numerator != other_numerator)
    return numerator < other_numerator;
  if (denominator != other_denominator)
    return denominator < other_denominator;
  return g_strcmp0 (name, other_name) < 0;
}

static gboolean
better_complement (const IcStratum *candidate, const IcStratum *best)
{
  return best == NULL
         || reveals_less (candidate->numerator, candidate->denominator, candidate->name,
                          best->numerator, best->denominator, best->name);
}

/* What identifies a denominator: the population and period it was resolved
 * for, or, counted from records, the total and every territory's count. */
static char *
denominator_key (const IcResult *result)
{
  GString *key = g_string_new (NULL);

  /* A count has no denominator to share: its strata are its own. */
  if (result->kind == IC_KIND_COUNT)
    {
      g_string_printf (key, "count %s", result->id);
      return g_string_free (key, FALSE);
    }

  for (guint i = 0; i < result->sources->len; i++)
    {
      const IcSource *s = result->sources->pdata[i];
      if (s->population != NULL)
        {
          g_string_printf (key, "population %s %s", s->population, s->period ? s->period : "");
          return g_string_free (key, FALSE);
        }
    }
  g_string_printf (key, "records %" G_GINT64_FORMAT, result->denominator);
  for (guint i = 0; i < result->strata->len; i++)
    {
      const IcStratum *s = &g_array_index (result->strata, IcStratum, i);
      g_string_append_printf (key, " %u:%" G_GINT64_FORMAT, s->territory, s->denominator);
    }
  return g_string_free (key, FALSE);
}

/* Marks a member's strata from the group's hidden territories; returns the
 * complement to hide when exactly one of them is hidden, or NULL. */
static IcStratum *
apply_hidden (IcResult *result, GHashTable *hidden)
{
  IcStratum *complement = NULL;
  guint n = result->strata->len, n_hidden = 0;

  for (guint i = 0; i < n; i++)
    {
      IcStratum *s = &g_array_index (result->strata, IcStratum, i);
      s->suppressed = g_hash_table_contains (hidden, GUINT_TO_POINTER (s->territory));
      n_hidden += s->suppressed;
    }
  /* One hidden stratum is the total minus the others: hide a second. */
  if (n_hidden != 1 || n < 2)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      IcStratum *s = &g_array_index (result->strata, IcStratum, i);
      if (!s->suppressed && better_complement (s, complement))
        complement = s;
    }
  return complement;
}

/* TRUE when @text names @name as a word (not inside a longer one). */
static gboolean
names (const char *text, const char *name)
{
  gsize length = strlen (name);
  for (const char *p = strstr (text, name); length > 0 && p != NULL; p = strstr (p + 1, name))
    {
      gboolean start = p == text || !(g_ascii_isalnum (p[-1]) || (guchar) p[-1] >= 0x80);
      gboolean end = !(g_ascii_isalnum (p[length]) || (guchar) p[length] >= 0x80);
      if (start && end)
        return TRUE;
    }
  return FALSE;
}

/* TRUE when @text holds @count as a number of its own. */
static gboolean
states (const char *text, gint64 count)
{
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p) && (p == text || !g_ascii_isdigit (p[-1])))
      {
        const char *end = p;
        gint64 value = 0;
        while (g_ascii_isdigit (*end) && value <= G_MAXINT64 / 10 - 9)
          value = value * 10 + (*end++ - '0');
        if (!g_ascii_isdigit (*end) && value == count)
          return TRUE;
      }
  return FALSE;
}

/* TRUE when @text names a hidden stratum @name beside one of its counts. */
static gboolean
gives_away (const char *text, gboolean suppressed, const char *name, gint64 numerator, gint64 denominator)
{
  return suppressed && name != NULL && names (text, name)
         && (states (text, numerator) || (denominator > 0 && states (text, denominator)));
}

/* TRUE when @text gives away a hidden code of one of @result's breakdowns. */
static gboolean
gives_away_code (const IcResult *result, const char *text)
{
  for (guint b = 0; b < result->breakdowns->len; b++)
    {
      const IcBreakdown *breakdown = result->breakdowns->pdata[b];
      for (guint i = 0; i < breakdown->strata->len; i++)
        {
          const IcBreakdownStratum *s = &g_array_index (breakdown->strata, IcBreakdownStratum, i);
          if (gives_away (text, s->suppressed, s->name, s->numerator, s->denominator))
            return TRUE;
        }
    }
  return FALSE;
}

/* A plugin's warning is free text: one naming a hidden territory beside
 * one of its hidden counts, in any member of the group, is withheld, and
 * the withholding said (« territory C: 5 women without a date » would give
 * away what the strata hide); so is one naming a hidden code of its own
 * breakdowns beside its count. */
static void
withhold_warnings (GPtrArray *members)
{
  for (guint m = 0; m < members->len; m++)
    {
      IcResult *result = members->pdata[m];
      for (guint w = 0; w < result->warnings->len;)
        {
          const char *text = result->warnings->pdata[w];
          gboolean reveals = FALSE, code = gives_away_code (result, text);
          for (guint o = 0; o < members->len && !reveals; o++)
            {
              const IcResult *other = members->pdata[o];
              for (guint i = 0; i < other->strata->len && !reveals; i++)
                {
                  const IcStratum *s = &g_array_index (other->strata, IcStratum, i);
                  reveals = gives_away (text, s->suppressed, s->name, s->numerator, s->denominator);
                }
            }
          if (!reveals && !code)
            {
              w++;
              continue;
            }
          g_ptr_array_remove_index (result->warnings, w);
          ic_result_add_warning (result, reveals ? "un avertissement qui donnait un effectif d'un territoire masqué par le secret statistique a été retiré"
                                                 : "un avertissement qui donnait un effectif d'une modalité masquée par le secret statistique a été retiré");
        }
    }
}

static gboolean
better_code_complement (const IcBreakdownStratum *candidate, const IcBreakdownStratum *best)
{
  return best == NULL
         || reveals_less (candidate->numerator, candidate->denominator, candidate->name,
                          best->numerator, best->denominator, best->name);
}

/* The strata of one breakdown, by the territories' rules: small counts
 * hidden, and a second stratum when that hides only one, so that no hidden
 * count is the total minus the others. Within the breakdown only: its
 * codes are no other result's. Returns the number hidden. */
static guint
suppress_breakdown (IcBreakdown *breakdown, gint64 threshold)
{
  IcBreakdownStratum *complement = NULL;
  guint n_hidden = 0;

  for (guint i = 0; i < breakdown->strata->len; i++)
    {
      IcBreakdownStratum *s = &g_array_index (breakdown->strata, IcBreakdownStratum, i);
      s->suppressed = is_small (s->numerator, threshold) || is_small (s->denominator, threshold);
      n_hidden += s->suppressed;
    }
  if (n_hidden != 1 || breakdown->strata->len < 2)
    return n_hidden;
  for (guint i = 0; i < breakdown->strata->len; i++)
    {
      IcBreakdownStratum *s = &g_array_index (breakdown->strata, IcBreakdownStratum, i);
      if (!s->suppressed && better_code_complement (s, complement))
        complement = s;
    }
  complement->suppressed = TRUE;
  return n_hidden + 1;
}

/* Suppresses within @members, which share a denominator: a territory small
 * in one is hidden in all, and complements are added until no member has a
 * single hidden stratum. Returns the number of strata hidden. */
static guint
suppress_group (GPtrArray *members, gint64 threshold)
{
  g_autoptr (GHashTable) hidden = g_hash_table_new (NULL, NULL);
  gboolean again = TRUE;
  guint n = 0;

  for (guint m = 0; m < members->len; m++)
    {
      IcResult *result = members->pdata[m];
      for (guint i = 0; i < result->strata->len; i++)
        {
          const IcStratum *s = &g_array_index (result->strata, IcStratum, i);
          if (is_small (s->numerator, threshold) || is_small (s->denominator, threshold))
            g_hash_table_add (hidden, GUINT_TO_POINTER (s->territory));
        }
    }
  /* Each turn hides one more territory, so this ends. */
  while (again)
    {
      again = FALSE;
      for (guint m = 0; m < members->len && !again; m++)
        {
          IcStratum *complement = apply_hidden (members->pdata[m], hidden);
          if (complement != NULL)
            again = g_hash_table_add (hidden, GUINT_TO_POINTER (complement->territory));
        }
    }
  for (guint m = 0; m < members->len; m++)
    {
      IcResult *result = members->pdata[m];
      apply_hidden (result, hidden);
      for (guint i = 0; i < result->strata->len; i++)
        n += g_array_index (result->strata, IcStratum, i).suppressed;
      for (guint b = 0; b < result->breakdowns->len; b++)
        n += suppress_breakdown (result->breakdowns->pdata[b], threshold);
    }
  withhold_warnings (members);
  return n;
}

guint
ic_suppress_strata (IcResult *result, gint64 threshold)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new ();
  g_ptr_array_add (one, result);
  return suppress_group (one, threshold);
}

guint
ic_suppress_results (GPtrArray *results, gint64 threshold)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  guint n = 0;

  /* Grouped in the results' order (by id), so that the complements chosen
   * do not depend on a hash table's. */
  for (guint i = 0; i < results->len; i++)
    {
      IcResult *result = results->pdata[i];
      g_autofree char *key = denominator_key (result);
      GPtrArray *members = g_hash_table_lookup (groups, key);
      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (groups, g_strdup (key), members);
          g_ptr_array_add (order, members);
        }
      g_ptr_array_add (members, result);
    }
  for (guint g = 0; g < order->len; g++)
    n += suppress_group (order->pdata[g], threshold);
  return n;
}

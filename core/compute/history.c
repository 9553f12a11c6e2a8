/* history.c: an earlier year's figures by indicator id, as the computation
 * looks them up (filled by the bundle stage's reader). */
#include "history.h"

IcHistory *
ic_history_new (const char *path, int year, const char *department_code)
{
  IcHistory *history = g_new0 (IcHistory, 1);
  history->path = g_strdup (path);
  history->year = year;
  history->department_code = g_strdup (department_code);
  history->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return history;
}

void
ic_history_free (IcHistory *history)
{
  if (history == NULL)
    return;
  g_free (history->path);
  g_free (history->department_code);
  g_clear_pointer (&history->values, g_hash_table_unref);
  g_free (history);
}

const IcHistoryValue *
ic_history_lookup (IcHistory *history, const char *id)
{
  return g_hash_table_lookup (history->values, id);
}

int
ic_history_compare_years (gconstpointer a, gconstpointer b)
{
  const IcHistory *pa = *(IcHistory *const *) a, *pb = *(IcHistory *const *) b;
  return (pa->year > pb->year) - (pa->year < pb->year);
}

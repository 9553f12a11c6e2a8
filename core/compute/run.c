#include "run.h"

#include <glib/gi18n.h>
#include <string.h>

#include "api-table.h"
#include "french-number.h"
#include "french-template.h"
#include "isolate.h"
#include "paths.h"
#include "suppress.h"
#include "trend.h"

G_DEFINE_QUARK (ic-run-error-quark, ic_run_error)

/* The tables an indicator reads: those it declares, and for its
 * populations the reference table and the tables deriving them. */
static gboolean
reads_table (const IcPluginInfo *d, const IcTableSpec *spec)
{
  for (guint k = 0; d->tables[k]; k++)
    if (strcmp (d->tables[k], spec->name) == 0)
      return TRUE;
  for (guint k = 0; d->populations != NULL && d->populations[k]; k++)
    {
      const IcTableSpec *deriving = NULL;
      const IcPopulationSpec *population = ic_table_registry_population (ic_tables (), d->populations[k], &deriving);
      if (spec->populations_role || (population != NULL && population->date != NULL && deriving == spec))
        return TRUE;
    }
  return FALSE;
}

gboolean *
ic_run_wanted_tables (GPtrArray *plugins)
{
  const IcTableRegistry *registry = ic_tables ();
  guint n = ic_table_registry_size (registry);
  gboolean *wanted = g_new0 (gboolean, MAX (n, 1u));

  for (guint id = 0; id < n; id++)
    for (guint i = 0; i < plugins->len && !wanted[id]; i++)
      wanted[id] = reads_table (&((IcPlugin *) plugins->pdata[i])->info, ic_table_registry_nth (registry, id));
  return wanted;
}

/* Keeps in @keep the columns of @spec plugin @d reads: those it declares
 * (all when it gives no list), and for its populations the reference
 * table's and the date of a population derived from @spec. */
static void
keep_plugin_columns (const IcPluginInfo *d, const IcTableSpec *spec, gboolean *keep)
{
  for (guint k = 0; d->tables[k]; k++)
    if (strcmp (d->tables[k], spec->name) == 0)
      for (guint c = 0; c < spec->n_columns; c++)
        {
          g_autofree char *name = g_strconcat (spec->name, ".", spec->columns[c].name, NULL);
          keep[c] |= d->columns == NULL || g_strv_contains ((const char *const *) d->columns, name);
        }
  for (guint k = 0; d->populations != NULL && d->populations[k]; k++)
    {
      const IcTableSpec *deriving = NULL;
      const IcPopulationSpec *population = ic_table_registry_population (ic_tables (), d->populations[k], &deriving);
      for (guint c = 0; spec->populations_role && c < spec->n_columns; c++)
        keep[c] = TRUE;
      if (population != NULL && population->date != NULL && deriving == spec)
        keep[ic_table_spec_column (spec, population->date)] = TRUE;
    }
}

GPtrArray *
ic_run_kept_columns (GPtrArray *plugins)
{
  const IcTableRegistry *registry = ic_tables ();
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  for (guint id = 0; id < ic_table_registry_size (registry); id++)
    {
      const IcTableSpec *spec = ic_table_registry_nth (registry, id);
      gboolean *keep = g_new0 (gboolean, MAX (spec->n_columns, 1u));
      int territory = ic_table_spec_column (spec, "territory");
      int dated_by = spec->dated_by != NULL ? ic_table_spec_column (spec, spec->dated_by) : -1;

      for (guint i = 0; i < plugins->len; i++)
        keep_plugin_columns (&((IcPlugin *) plugins->pdata[i])->info, spec, keep);
      /* The core's own: territories (strata), the years the data cover. */
      if (territory >= 0)
        keep[territory] = TRUE;
      if (dated_by >= 0)
        keep[dated_by] = TRUE;
      g_ptr_array_add (kept, keep);
    }
  return kept;
}

static GPtrArray *
select_plugins (IcPluginSet *set, const char *const *only, GError **error)
{
  g_autoptr (GPtrArray) selected = g_ptr_array_new ();
  if (only == NULL)
    {
      for (guint i = 0; i < set->plugins->len; i++)
        g_ptr_array_add (selected, set->plugins->pdata[i]);
      return g_steal_pointer (&selected);
    }
  for (guint i = 0; only[i]; i++)
    {
      IcPlugin *plugin = ic_plugin_set_find (set, only[i]);
      if (plugin == NULL)
        {
          g_set_error (error, IC_RUN_ERROR, IC_RUN_ERROR_USAGE, _("--only: no plugin has the id \"%s\""), only[i]);
          return NULL;
        }
      if (!g_ptr_array_find (selected, plugin, NULL))
        g_ptr_array_add (selected, plugin);
    }
  return g_steal_pointer (&selected);
}

char *
ic_run_set_aside_warning (const char *file, gint64 rows)
{
  g_autofree char *count = ic_format_fr_int (rows);
  return g_strdup_printf ("%s : %s %s (--lenient)", file, count,
                          ic_fr_plural (rows, "ligne invalide écartée", "lignes invalides écartées"));
}

/* Prepares @result and starts its computation: in a child process added to
 * @jobs, or here with --no-isolation. */
static void
start_one (IcRun *run, IcPlugin *plugin, IcResult *result, GPtrArray *jobs)
{
  const IcPluginInfo *d = &plugin->info;
  IcDataset *dataset = run->dataset;
  GHashTable *overrides = run->options.overrides ? g_hash_table_lookup (run->options.overrides, d->id) : NULL;
  GHashTableIter iter;
  gpointer name, value;

  /* The bundle records the values used: an override replaces the definition's. */
  if (overrides != NULL)
    {
      g_hash_table_iter_init (&iter, overrides);
      while (g_hash_table_iter_next (&iter, &name, &value))
        ic_result_set_parameter (result, name, *(gint64 *) value);
    }

  for (guint k = 0; d->tables[k]; k++)
    {
      ic_result_add_table_source (result, d->tables[k]);
      if (ic_dataset_table (dataset, d->tables[k]) == NULL)
        {
          g_autofree char *reason = g_strdup_printf ("le fichier %s manque dans le répertoire des données",
                                                     ic_table_spec (d->tables[k])->file);
          ic_result_set_not_available (result, reason);
        }
    }
  for (guint id = 0; id < dataset->tables->len; id++)
    if (ic_dataset_nth (dataset, id) != NULL && ic_dataset_nth (dataset, id)->rejected > 0
        && reads_table (d, ic_dataset_nth (dataset, id)->spec))
      {
        g_autofree char *warning = ic_run_set_aside_warning (ic_dataset_nth (dataset, id)->spec->file,
                                                             (gint64) ic_dataset_nth (dataset, id)->rejected);
        ic_result_add_warning (result, warning);
      }
  if (result->status != IC_STATUS_OK)
    return;

  if (run->options.no_isolation)
    ic_isolate_compute_in_process (plugin, dataset, overrides, result);
  else
    {
      IcIsolateLimits limits = {
        run->options.plugin_timeout,
        run->options.plugin_memory ? run->options.plugin_memory : IC_SANDBOX_MEMORY_DEFAULT,
      };
      IcIsolated *job = ic_isolate_start (plugin, dataset, overrides, result, &limits);
      if (job != NULL)
        g_ptr_array_add (jobs, job);
    }
}

/* The framework in force: the one given, or the one whose years hold the
 * run's. No framework for the year is not an error (nothing is placed);
 * a framework file that cannot be read is. */
static gboolean
choose_framework (IcRun *run, GError **error)
{
  g_autoptr (GError) local = NULL;

  run->framework = run->options.framework;
  if (run->framework != NULL)
    return TRUE;
  run->own_framework = ic_framework_find (ic_paths_builtin_frameworks (), NULL, run->options.year, &local);
  run->framework = run->own_framework;
  if (run->framework != NULL || g_error_matches (local, IC_FRAMEWORK_ERROR, IC_FRAMEWORK_ERROR_NONE))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* Where the framework places @result, and the target in force: the
 * département's when its settings give one for the year, else the
 * framework's for the year (none when it gives none: targets belong to
 * the framework), else, for an indicator no framework names, the
 * definition's. */
static void
place_result (IcRun *run, IcResult *result, const IcHistoryValue *previous)
{
  const IcTarget *department = run->options.department_targets
                                 ? g_hash_table_lookup (run->options.department_targets, result->id) : NULL;

  result->framework = run->framework;
  result->place = ic_framework_place (run->framework, result->id);
  if (result->place != NULL && result->place->objective > 0 && run->options.fiches != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%d", result->place->objective);
      result->fiche = g_hash_table_lookup (run->options.fiches, key);
    }
  if (result->place != NULL)
    ic_framework_target (result->place, run->options.year, &result->target);
  if (department != NULL)
    {
      result->target = *department;
      result->target.origin = IC_TARGET_DEPARTMENT;
    }
  result->previous_has_count = previous != NULL && previous->has_counts;
  result->previous_numerator = previous ? previous->numerator : 0;
}

IcRun *
ic_run_execute (IcPluginSet *plugins, const IcRunOptions *options, IcProblems *problems, GError **error)
{
  g_autoptr (IcRun) run = g_new0 (IcRun, 1);
  g_autoptr (GPtrArray) selected = NULL;
  g_autofree const char **names = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autofree gboolean *wanted = NULL;
  g_autoptr (GPtrArray) kept = NULL;
  IcResultBounds bounds;
  gint64 loading, computing, started;

  if (options->small_count < 0)
    {
      g_set_error (error, IC_RUN_ERROR, IC_RUN_ERROR_USAGE, _("--small-count: expected a count >= 0"));
      return NULL;
    }
  if (options->year < 1900 || options->year > 9998)
    {
      g_set_error (error, IC_RUN_ERROR, IC_RUN_ERROR_USAGE, _("--year: %d is not a plausible year"), options->year);
      return NULL;
    }
  run->options = *options;
  run->plugins = plugins;
  if (!options->no_isolation)
    run->isolation = *ic_sandbox_probe ();
  run->results = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_result_free);
  selected = select_plugins (plugins, options->only, error);
  if (selected == NULL || !choose_framework (run, error))
    return NULL;

  wanted = ic_run_wanted_tables (selected);
  kept = ic_run_kept_columns (selected);
  loading = g_get_monotonic_time ();
  run->dataset = ic_dataset_load_columns (options->data_dir, wanted, (gboolean *const *) kept->pdata, options->lenient,
                                          &options->input, problems, error);
  if (run->dataset == NULL || (options->check_year && !ic_dataset_check_year (run->dataset, options->year, error)))
    return NULL;
  computing = g_get_monotonic_time ();

  names = g_new0 (const char *, ic_interner_size (run->dataset->territories));
  for (guint t = 0; t < ic_interner_size (run->dataset->territories); t++)
    names[t] = ic_interner_get (run->dataset->territories, t);

  /* Every plugin's child runs at once (both cores), each within its limit. */
  jobs = g_ptr_array_new ();
  for (guint i = 0; i < selected->len; i++)
    {
      IcPlugin *plugin = selected->pdata[i];
      IcPeriod period;
      IcResult *result;

      ic_period_init (&period, plugin->definition->period, options->year);
      result = ic_result_new (plugin->info.id, plugin->definition, &period);
      result->plugin_file = g_strdup (plugin->file);
      result->plugin_version = g_strdup (plugin->info.version);
      start_one (run, plugin, result, jobs);
      g_ptr_array_add (run->results, result);
    }
  started = g_get_monotonic_time ();
  ic_isolate_wait_all (jobs);
  g_debug ("data read in %.3f s; plugins started in %.3f s, computed in %.3f s",
           (computing - loading) / 1e6, (started - computing) / 1e6, (g_get_monotonic_time () - started) / 1e6);

  /* Whatever a child sent back, or an in-process plugin left: numbers and
   * texts are checked before the engine indexes or publishes anything. */
  ic_result_bounds_init (&bounds, run->dataset);
  for (guint i = 0; i < run->results->len; i++)
    ic_result_check (run->results->pdata[i], &bounds);

  for (guint i = 0; i < run->results->len; i++)
    {
      IcResult *result = run->results->pdata[i];
      const IcHistoryValue *previous = NULL;

      if (options->previous)
        previous = ic_history_lookup (options->previous, result->id);
      place_result (run, result, previous);
      ic_result_finish (result, names, previous != NULL, options->previous ? options->previous->year : 0,
                        previous && previous->has_value, previous ? previous->value_tenths : 0);
      ic_trend_apply (result, options->previous, options->history);
      if (options->previous && options->previous->year != options->year - 1 && previous != NULL)
        {
          g_autofree char *warning = g_strdup_printf ("l'année précédente donnée (--previous) est %d, et non %d : "
                                                      "l'évolution et la cible de progression sont calculées par "
                                                      "rapport à %d",
                                                      options->previous->year, options->year - 1, options->previous->year);
          ic_result_add_warning (result, warning);
        }
    }
  /* Once over all: indicators sharing a denominator hide the same territories. */
  if (!options->no_suppression)
    ic_suppress_results (run->results, options->small_count);
  return g_steal_pointer (&run);
}

void
ic_run_free (IcRun *run)
{
  if (run == NULL)
    return;
  g_clear_pointer (&run->results, g_ptr_array_unref);
  ic_dataset_free (run->dataset);
  ic_framework_free (run->own_framework);
  g_free (run);
}

gboolean
ic_run_has_error (IcRun *run)
{
  for (guint i = 0; i < run->results->len; i++)
    if (((IcResult *) run->results->pdata[i])->status == IC_STATUS_ERROR)
      return TRUE;
  return FALSE;
}

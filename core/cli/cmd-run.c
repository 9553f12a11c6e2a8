/* cmd-run.c: `indicore run`: one département's indicators for one year,
 * from the command line or indicore.conf, with earlier bundles for targets
 * and trends; writes the bundle (and, with --config, its renderings). */
#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle-history.h"
#include "bundle-writer.h"
#include "config.h"
#include "render-formats.h"
#include "commands.h"
#include "paths.h"
#include "suppress.h"

static void
print_summary (IcRun *run, const char *out)
{
  g_printerr ("indicore: département %s, year %d: %u indicator%s\n", run->options.department_code,
              run->options.year, run->results->len, run->results->len == 1 ? "" : "s");
  for (guint i = 0; i < run->results->len; i++)
    {
      const IcResult *r = run->results->pdata[i];
      const IcDefinition *d = r->definition;
      g_autofree char *value = r->has_value
          ? g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT " %s", r->value_tenths / 10, r->value_tenths % 10, d->unit)
          : g_strdup ("-");
      g_autofree char *counts = r->has_numerator && r->has_denominator
          ? g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, r->numerator, r->denominator)
          : g_strdup ("-");
      g_autofree char *target = NULL;

      const IcTarget *t = &r->target;
      if (t->op == IC_TARGET_NONE)
        target = g_strdup ("no target");
      else if (t->op == IC_TARGET_PROGRESS)
        target = g_strdup_printf ("target progress%s: %s", t->on == IC_TARGET_ON_COUNT ? " (count)" : "",
                                  r->target_met < 0 ? "undecided" : r->target_met ? "met" : "not met");
      else
        {
          g_autofree char *goal = t->tenths % 10
              ? g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, t->tenths / 10, t->tenths % 10)
              : g_strdup_printf ("%" G_GINT64_FORMAT, t->tenths / 10);
          target = g_strdup_printf ("target %s%s %s: %s", t->on == IC_TARGET_ON_COUNT ? "count " : "",
                                    ic_target_operator_to_string (t->op), goal,
                                    r->target_met < 0 ? "undecided" : r->target_met ? "met" : "not met");
        }
      g_printerr ("  %-26s %9s  %13s  %-28s %s%s%s\n", r->id, value, counts, target,
                  ic_status_to_string (r->status), r->reason ? ": " : "", r->reason ? r->reason : "");
    }
  g_printerr ("indicore: bundle written to %s\n", out && g_strcmp0 (out, "-") != 0 ? out : "standard output");
}

/* Earlier bundles of the output directory (bundle-YYYY.json, YYYY < @year)
 * join the history, unless the same year was given with --previous. */
static void
add_output_history (const char *output_dir, int year, GPtrArray *paths)
{
  g_autoptr (GDir) dir = g_dir_open (output_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    if (g_regex_match_simple ("^bundle-[0-9]{4}\\.json$", name, 0, 0) && atoi (name + strlen ("bundle-")) < year)
      g_ptr_array_add (paths, g_build_filename (output_dir, name, NULL));
}

/* Adds the bundles found in the output directory to @history, but for a
 * year --previous already gave: @found keeps only those added. */
static gboolean
add_found_history (GPtrArray *found, int year, const char *department, GPtrArray *history, GError **error)
{
  for (guint i = 0; i < found->len;)
    {
      IcHistory *earlier = ic_bundle_history_read (found->pdata[i], error);
      gboolean given = FALSE;
      if (earlier == NULL)
        return FALSE;
      for (guint k = 0; k < history->len; k++)
        given |= ((IcHistory *) history->pdata[k])->year == earlier->year;
      if (given || earlier->year >= year)
        {
          ic_history_free (earlier);
          g_ptr_array_remove_index (found, i);
          continue;
        }
      g_ptr_array_add (history, earlier);
      if (!ic_bundle_history_check (earlier, year, department, error))
        return FALSE;
      i++;
    }
  g_ptr_array_sort (history, ic_history_compare_years);
  return TRUE;
}

/* Writes the renderings of the yearly run beside its bundle. */
static gboolean
write_renderings (const char *bundle_path, char *const *formats, GPtrArray *history_paths, GError **error)
{
  g_autoptr (IcBundleView) bundle = ic_bundle_read (bundle_path, error);

  if (bundle == NULL)
    return FALSE;
  for (guint i = 0; i < history_paths->len; i++)
    {
      g_autoptr (IcBundleView) previous = ic_bundle_read (history_paths->pdata[i], error);
      if (previous == NULL || !ic_bundle_view_add_previous (bundle, previous, error))
        return FALSE;
    }
  for (guint f = 0; formats && formats[f]; f++)
    {
      const IcRenderFormat *format = ic_render_format_find (formats[f]);
      g_autoptr (GString) text = NULL;
      g_autofree char *stem = NULL, *path = NULL;
      if (format == NULL)
        continue;
      text = ic_render (bundle, format);
      /* Beside the bundle, whatever its name: bundle-2024.json gives
       * bundle-2024.html, a name without .json keeps it whole. */
      stem = g_str_has_suffix (bundle_path, ".json")
               ? g_strndup (bundle_path, strlen (bundle_path) - strlen (".json"))
               : g_strdup (bundle_path);
      path = g_strconcat (stem, ".", format->extension, NULL);
      if (!g_file_set_contents (path, text->str, (gssize) text->len, error))
        return FALSE;
      g_printerr ("indicore: %s written\n", path);
    }
  return TRUE;
}

/* The framework the settings name (or the one of @year: none is not an
 * error), the département's targets for @year and its fiche numbers in
 * that framework, into @options. */
static gboolean
apply_config_framework (const IcConfig *config, int year, IcRunOptions *options, IcFramework **framework,
                        GHashTable **targets, GError **error)
{
  g_autoptr (GError) local = NULL;

  *framework = ic_framework_find (ic_paths_builtin_frameworks (), config->framework, year, &local);
  if (*framework == NULL && (config->framework != NULL || !g_error_matches (local, IC_FRAMEWORK_ERROR, IC_FRAMEWORK_ERROR_NONE)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: framework: ", config->path);
      return FALSE;
    }
  if (*framework != NULL && (year < (*framework)->first_year || year > (*framework)->last_year))
    g_printerr (_("indicore run: warning: the framework %s is for %d to %d, not %d: its national targets "
                  "for %d are none\n"),
                (*framework)->id, (*framework)->first_year, (*framework)->last_year, year, year);
  *targets = ic_config_targets_for_year (config, year);
  options->framework = *framework;
  options->department_targets = *targets;
  options->fiches = *framework ? g_hash_table_lookup (config->fiches, (*framework)->id) : NULL;
  return TRUE;
}

int
ic_cmd_run (int argc, char **argv)
{
  g_autofree char *data = NULL, *department = NULL, *department_name = NULL, *out = NULL;
  g_autofree char *only = NULL, *config_path = NULL;
  g_auto (GStrv) previous_paths = NULL;
  g_auto (GStrv) plugin_dirs = NULL;
  gint year = 0, plugin_timeout = -1, plugin_memory = -1, small_count = -1, threads = 2;
  gboolean lenient = FALSE, no_isolation = FALSE, no_suppression = FALSE;
  const GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, "The département's settings (indicore.conf): everything below defaults to them, the year to the last complete one, the bundle to OUTPUT/bundle-YEAR.json", "FILE" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, "Data directory holding the input files", "DIR" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "Year of the indicators", "Y" },
    { "department", 0, 0, G_OPTION_ARG_STRING, &department, "Département code (23, 2A...)", "CODE" },
    { "department-name", 0, 0, G_OPTION_ARG_STRING, &department_name, "Département name", "NAME" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Bundle file (default: standard output)", "FILE" },
    { "plugins", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_dirs, "Plugin directory, searched first (repeatable)", "DIR" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Compute only these indicators", "ID,..." },
    { "lenient", 0, 0, G_OPTION_ARG_NONE, &lenient, "Set invalid rows aside instead of stopping", NULL },
    { "previous", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &previous_paths, "An earlier year's bundle: the latest decides progress targets and changes, all give the trends (repeatable)", "BUNDLE" },
    { "plugin-timeout", 0, 0, G_OPTION_ARG_INT, &plugin_timeout, "Seconds one plugin may compute (default 60; 0: no limit)", "S" },
    { "plugin-memory", 0, 0, G_OPTION_ARG_INT, &plugin_memory, "MiB of memory one plugin may allocate (default 4096)", "MIB" },
    { "no-isolation", 0, 0, G_OPTION_ARG_NONE, &no_isolation, "Run plugins in this process, unconfined (debugging; recorded in the bundle)", NULL },
    { "small-count", 0, 0, G_OPTION_ARG_INT, &small_count, "Hide territory counts from 1 to N (default 10)", "N" },
    { "no-suppression", 0, 0, G_OPTION_ARG_NONE, &no_suppression, "Publish small counts (internal use only; recorded in the bundle)", NULL },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads reading the files: 1 or 2 (default 2: the biggest file beside the others, a big one in two halves; the figures are the same)", "N" },
    { NULL }
  };
  g_autoptr (IcConfig) config = NULL;
  g_autoptr (IcFramework) framework = NULL;
  g_autoptr (GHashTable) department_targets = NULL;
  g_autoptr (IcPluginSet) plugins = NULL;
  g_autoptr (GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_history_free);
  g_autoptr (GPtrArray) history_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) search_dirs = g_ptr_array_new ();
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (IcRun) run = NULL;
  g_autoptr (JsonNode) bundle = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) only_ids = NULL;
  g_autofree char *generated_at = NULL;
  IcRunOptions options = { 0 };

  if (!ic_cmd_parse ("run", NULL, "Computes every loaded indicator for one département and one year.",
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;
  if (argc > 1)
    {
      g_printerr ("indicore run: unexpected argument '%s'\n", argv[1]);
      return IC_EXIT_USAGE;
    }
  if (config_path != NULL)
    {
      config = ic_config_load (config_path, &error);
      if (config == NULL)
        {
          g_printerr ("indicore run: --config: %s\n", error->message);
          return IC_EXIT_USAGE;
        }
      /* The options given on the command line win over the file. */
      if (data == NULL)
        data = g_strdup (config->data_dir);
      if (department == NULL)
        department = g_strdup (config->department);
      if (department_name == NULL)
        department_name = g_strdup (config->department_name);
      lenient = lenient || config->lenient;
      if (small_count < 0)
        small_count = (gint) MIN (config->small_count, G_MAXINT);
      if (plugin_timeout < 0)
        plugin_timeout = (gint) MIN (config->plugin_timeout, G_MAXINT);
      if (plugin_memory < 0)
        plugin_memory = (gint) MIN (config->plugin_memory, G_MAXINT);
      if (year == 0)
        {
          g_autoptr (GDateTime) now = g_date_time_new_now_local ();
          year = g_date_time_get_year (now) - 1;
        }
      if (out == NULL)
        {
          g_autofree char *name = g_strdup_printf ("bundle-%d.json", year);
          if (g_mkdir_with_parents (config->output_dir, 0755) != 0)
            {
              g_printerr ("indicore run: %s: %s\n", config->output_dir, g_strerror (errno));
              return IC_EXIT_USAGE;
            }
          out = g_build_filename (config->output_dir, name, NULL);
        }
      add_output_history (config->output_dir, year, history_paths);
      if (strcmp (out, "-") == 0 && config->formats[0] != NULL)
        {
          g_printerr ("indicore run: --out -: the renderings the configuration asks for go beside the bundle, "
                      "which standard output is not\n");
          return IC_EXIT_USAGE;
        }
    }
  if (threads != 1 && threads != 2)
    {
      g_printerr ("indicore run: --threads: 1 or 2\n");
      return IC_EXIT_USAGE;
    }
  options.input.threads = (guint) threads;
  if (plugin_timeout < 0)
    plugin_timeout = 60;
  if (small_count < 0)
    small_count = IC_SMALL_COUNT_DEFAULT;
  if (data == NULL || year == 0 || department == NULL)
    {
      g_printerr ("indicore run: --data, --year and --department are required (or --config)\nTry 'indicore run --help'.\n");
      return IC_EXIT_USAGE;
    }
  if (!g_regex_match_simple ("^[0-9A-Za-z]{1,3}$", department, 0, 0))
    {
      g_printerr ("indicore run: --department: expected a département code such as 23, 974 or 2A\n");
      return IC_EXIT_USAGE;
    }
  generated_at = ic_bundle_timestamp (&error);
  if (generated_at == NULL)
    {
      g_printerr ("indicore run: %s\n", error->message);
      return IC_EXIT_USAGE;
    }
  if (!ic_bundle_history_read_all ((const char *const *) previous_paths, year, department, history, &error)
      || !add_found_history (history_paths, year, department, history, &error))
    {
      g_printerr ("indicore run: --previous: %s\n", error->message);
      return IC_EXIT_USAGE;
    }
  for (guint i = 0; previous_paths && previous_paths[i]; i++)
    g_ptr_array_add (history_paths, g_strdup (previous_paths[i]));
  if (only != NULL)
    {
      only_ids = g_strsplit (only, ",", -1);
      for (guint i = 0; only_ids[i]; i++)
        g_strstrip (only_ids[i]);
    }

  for (guint i = 0; plugin_dirs && plugin_dirs[i]; i++)
    g_ptr_array_add (search_dirs, plugin_dirs[i]);
  for (guint i = 0; config && config->plugin_dirs[i]; i++)
    g_ptr_array_add (search_dirs, config->plugin_dirs[i]);
  g_ptr_array_add (search_dirs, NULL);
  plugins = ic_cmd_scan_plugins ((const char *const *) search_dirs->pdata);
  ic_cmd_print_refusals (plugins);

  options.data_dir = data;
  options.year = year;
  options.department_code = department;
  options.department_name = department_name;
  options.lenient = lenient;
  options.only = (const char *const *) only_ids;
  options.history = history;
  options.previous = history->len ? history->pdata[history->len - 1] : NULL;
  options.overrides = config ? config->overrides : NULL;
  options.no_isolation = no_isolation;
  options.plugin_timeout = (guint) plugin_timeout;
  options.plugin_memory = plugin_memory > 0 ? (guint) plugin_memory : 0;
  options.small_count = small_count;
  options.no_suppression = no_suppression;
  if (config != NULL && !apply_config_framework (config, year, &options, &framework, &department_targets, &error))
    {
      g_printerr (_("indicore run: --config: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  run = ic_run_execute (plugins, &options, problems, &error);
  if (run == NULL)
    {
      g_printerr ("indicore run: %s\nNo bundle was written.\n", error->message);
      return IC_EXIT_USAGE;
    }

  if (run->framework == NULL)
    g_printerr (_("indicore run: warning: no contract framework covers %d: the bundle places no indicator in "
                  "the SOLEN form, and the national targets are the definitions' only\n"), year);
  bundle = ic_bundle_build (run, generated_at);
  if (!ic_bundle_write (bundle, out, &error))
    {
      g_printerr ("indicore run: cannot write the bundle: %s\n", error->message);
      return IC_EXIT_USAGE;
    }
  print_summary (run, out);
  if (config != NULL && !write_renderings (out, config->formats, history_paths, &error))
    {
      g_printerr ("indicore run: the bundle is written, but not its renderings: %s\n", error->message);
      return IC_EXIT_PARTIAL;
    }
  return ic_run_has_error (run) || plugins->refused->len > 0 ? IC_EXIT_PARTIAL : IC_EXIT_OK;
}

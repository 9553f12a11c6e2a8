/* cmd-run.c: `indicore run`: one département's indicators for one year,
 * from the command line or indicore.conf, with earlier bundles for targets
 * and trends; writes the bundle (and, with --config, its renderings). */
#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bundle-history.h"
#include "bundle-writer.h"
#include "config.h"
#include "paths.h"
#include "department.h"
#include "render-formats.h"
#include "commands.h"
#include "suppress.h"

/* The rows --lenient set aside, per file: they count in no indicator, and
 * the summary says so, not only the bundle. */
static void
print_set_aside (IcRun *run)
{
  for (guint id = 0; id < run->dataset->tables->len; id++)
    {
      const IcTable *table = ic_dataset_nth (run->dataset, id);
      if (table == NULL || table->rejected == 0)
        continue;
      g_printerr (g_dngettext (NULL, "indicore: %s: %llu invalid row of %llu set aside (--lenient): "
                                     "it counts in no indicator; the first reasons are in the bundle\n",
                               "indicore: %s: %llu invalid rows of %llu set aside (--lenient): "
                               "they count in no indicator; the first reasons are in the bundle\n",
                               table->rejected),
                  table->spec->file, (unsigned long long) table->rejected, (unsigned long long) table->rows_read);
    }
}

/* Whether @r met its target, for the terminal. */
static const char *
target_state (const IcResult *r)
{
  return r->target_met < 0 ? _("undecided") : r->target_met ? _("met") : _("not met");
}

static void
print_summary (IcRun *run, const char *out)
{
  g_printerr (g_dngettext (NULL, "indicore: département %s, year %d: %u indicator\n",
                           "indicore: département %s, year %d: %u indicators\n", run->results->len),
              run->options.department_code, run->options.year, run->results->len);
  for (guint i = 0; i < run->results->len; i++)
    {
      const IcResult *r = run->results->pdata[i];
      const IcDefinition *d = r->definition;
      /* A count is a whole number (ABI 1.2): 54 actes. */
      g_autofree char *value = !r->has_value ? g_strdup ("-")
          : r->kind == IC_KIND_COUNT ? g_strdup_printf ("%" G_GINT64_FORMAT " %s", r->value_tenths / 10, d->unit)
          /* TRANSLATORS: a value with one decimal and its unit (23.6 %), in the language's decimals. */
          : g_strdup_printf (_("%lld.%lld %s"), (long long) (r->value_tenths / 10), (long long) (r->value_tenths % 10), d->unit);
      g_autofree char *counts = r->has_numerator && r->has_denominator
          ? g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, r->numerator, r->denominator)
          : g_strdup ("-");
      g_autofree char *target = NULL;

      const IcTarget *t = &r->target;
      if (t->op == IC_TARGET_NONE)
        target = g_strdup (_("no target"));
      else if (t->op == IC_TARGET_PROGRESS)
        target = g_strdup_printf (t->on == IC_TARGET_ON_COUNT ? _("target progress (count): %s") : _("target progress: %s"),
                                  target_state (r));
      else
        {
          g_autofree char *goal = t->tenths % 10
              /* TRANSLATORS: a target with one decimal (12.5). */
              ? g_strdup_printf (_("%lld.%lld"), (long long) (t->tenths / 10), (long long) (t->tenths % 10))
              : g_strdup_printf ("%" G_GINT64_FORMAT, t->tenths / 10);
          target = g_strdup_printf (t->on == IC_TARGET_ON_COUNT ? _("target count %s %s: %s") : _("target %s %s: %s"),
                                    ic_target_operator_to_string (t->op), goal, target_state (r));
        }
      /* Padded in characters, not bytes: a translation may have accents. */
      g_printerr ("  %-26s %9s  %13s  %s%*s %s%s%s\n", r->id, value, counts, target,
                  (int) MAX (0, 28 - (glong) g_utf8_strlen (target, -1)), "",
                  ic_status_to_string (r->status), r->reason ? ": " : "", r->reason ? r->reason : "");
    }
  print_set_aside (run);
  g_printerr (_("indicore: bundle written to %s\n"), out && g_strcmp0 (out, "-") != 0 ? out : _("standard output"));
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
      g_printerr (_("indicore: %s written\n"), path);
    }
  return TRUE;
}

/* Everything `run` was given, on the command line or by indicore.conf. */
typedef struct {
  char *config_path, *data, *department, *department_name, *out, *only;
  char **previous_paths, **plugin_dirs;
  gint year, plugin_timeout, plugin_memory, small_count, threads;
  gboolean lenient, no_isolation, no_suppression;
  gboolean year_from_config; /* --config chose the year: none was given */
  gboolean department_from_config;
  IcConfig *config;          /* NULL without --config */
  GPtrArray *history_paths;  /* earlier bundles, for the renderings */
} RunArgs;

static void
run_args_clear (RunArgs *a)
{
  g_free (a->config_path);
  g_free (a->data);
  g_free (a->department);
  g_free (a->department_name);
  g_free (a->out);
  g_free (a->only);
  g_strfreev (a->previous_paths);
  g_strfreev (a->plugin_dirs);
  g_clear_pointer (&a->config, ic_config_free);
  g_clear_pointer (&a->history_paths, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunArgs, run_args_clear)

static gboolean
parse_arguments (RunArgs *a, int *argc, char ***argv)
{
  const GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &a->config_path, N_("The département's settings (indicore.conf): everything below defaults to them, the year to the last complete one, the bundle to OUTPUT/bundle-YEAR.json"), N_("FILE") },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &a->data, N_("Data directory holding the input files"), N_("DIR") },
    { "year", 0, 0, G_OPTION_ARG_INT, &a->year, N_("Year of the indicators"), N_("Y") },
    { "department", 0, 0, G_OPTION_ARG_STRING, &a->department, N_("Département code (23, 2A, 974...)"), N_("CODE") },
    { "department-name", 0, 0, G_OPTION_ARG_STRING, &a->department_name, N_("Département name (default: the official one of the code)"), N_("NAME") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &a->out, N_("Bundle file, FILE.json (default: indicore-CODE-YEAR.json in the current directory; -: standard output)"), N_("FILE") },
    { "plugins", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->plugin_dirs, N_("Plugin directory, searched first (repeatable)"), N_("DIR") },
    { "only", 0, 0, G_OPTION_ARG_STRING, &a->only, N_("Compute only these indicators"), N_("ID,...") },
    { "lenient", 0, 0, G_OPTION_ARG_NONE, &a->lenient, N_("Set invalid rows aside instead of stopping"), NULL },
    { "previous", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->previous_paths, N_("An earlier year's bundle: the latest decides progress targets and changes, all give the trends (repeatable)"), N_("BUNDLE") },
    { "plugin-timeout", 0, 0, G_OPTION_ARG_INT, &a->plugin_timeout, N_("Seconds one plugin may compute (default 60; 0: no limit)"), N_("S") },
    { "plugin-memory", 0, 0, G_OPTION_ARG_INT, &a->plugin_memory, N_("MiB of memory one plugin may allocate (default 4096)"), N_("MIB") },
    { "no-isolation", 0, 0, G_OPTION_ARG_NONE, &a->no_isolation, N_("Run plugins in this process, unconfined (debugging; recorded in the bundle)"), NULL },
    { "small-count", 0, 0, G_OPTION_ARG_INT, &a->small_count, N_("Hide territory counts from 1 to N (default 10)"), N_("N") },
    { "no-suppression", 0, 0, G_OPTION_ARG_NONE, &a->no_suppression, N_("Publish small counts (internal use only; recorded in the bundle)"), NULL },
    { "threads", 0, 0, G_OPTION_ARG_INT, &a->threads, N_("Threads reading the files: 1 or 2 (default 2: the biggest file beside the others, a big one in two halves; the figures are the same)"), N_("N") },
    { NULL }
  };

  a->plugin_timeout = a->plugin_memory = a->small_count = -1;
  a->threads = 2;
  a->history_paths = g_ptr_array_new_with_free_func (g_free);
  if (!ic_cmd_parse ("run", NULL, N_("Computes every loaded indicator for one département and one year."),
                     entries, argc, argv))
    return FALSE;
  if (*argc > 1)
    {
      g_printerr (_("indicore run: unexpected argument '%s'\n"), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

/* --config: the file's settings where the command line gave none, the
 * year to the last complete one, the bundle to OUTPUT/bundle-YEAR.json,
 * the earlier bundles of the output directory to the history. */
static gboolean
apply_config (RunArgs *a)
{
  g_autoptr (GError) error = NULL;
  IcConfig *config;

  a->config = config = ic_config_load (a->config_path, &error);
  if (config == NULL)
    {
      g_printerr (_("indicore run: --config: %s\n"), error->message);
      return FALSE;
    }
  /* The options given on the command line win over the file. */
  if (a->data == NULL)
    a->data = g_strdup (config->data_dir);
  if (a->department == NULL)
    {
      a->department = g_strdup (config->department);
      a->department_from_config = TRUE;
    }
  if (a->department_name == NULL)
    a->department_name = g_strdup (config->department_name);
  a->lenient = a->lenient || config->lenient;
  if (a->small_count < 0)
    a->small_count = (gint) MIN (config->small_count, G_MAXINT);
  if (a->plugin_timeout < 0)
    a->plugin_timeout = (gint) MIN (config->plugin_timeout, G_MAXINT);
  if (a->plugin_memory < 0)
    a->plugin_memory = (gint) MIN (config->plugin_memory, G_MAXINT);
  if (a->year == 0)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      a->year = g_date_time_get_year (now) - 1;
      a->year_from_config = TRUE;
    }
  if (a->out == NULL)
    {
      g_autofree char *name = g_strdup_printf ("bundle-%d.json", a->year);
      if (g_mkdir_with_parents (config->output_dir, 0755) != 0)
        {
          g_printerr (_("indicore run: %s: %s\n"), config->output_dir, g_strerror (errno));
          return FALSE;
        }
      a->out = g_build_filename (config->output_dir, name, NULL);
    }
  add_output_history (config->output_dir, a->year, a->history_paths);
  if (strcmp (a->out, "-") == 0 && config->formats[0] != NULL)
    {
      g_printerr ("%s", _("indicore run: --out -: the renderings the configuration asks for go beside the bundle, "
                  "which standard output is not\n"));
      return FALSE;
    }
  return TRUE;
}

/* --out: a bundle is JSON, so a name ending in another extension
 * (rapport.html, bundle.txt) is refused: renderings are `render`'s job. A
 * name without extension (/dev/null) and - (standard output) are taken. */
static gboolean
check_out (RunArgs *a)
{
  g_autofree char *base = NULL;
  const char *dot;

  if (a->out == NULL)
    {
      /* No --out: a file of the current directory named by département
       * and year, never the terminal. */
      g_autofree char *name = g_strdup_printf ("indicore-%s-%d.json", a->department, a->year);
      a->out = g_canonicalize_filename (name, NULL);
      return TRUE;
    }
  if (strcmp (a->out, "-") == 0)
    return TRUE;
  base = g_path_get_basename (a->out);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base && g_ascii_strcasecmp (dot, ".json") != 0)
    {
      g_printerr (_("indicore run: --out %s: the bundle is JSON and its name must end in .json; "
                    "for %s, write the bundle then run 'indicore render BUNDLE --format %s'\n"),
                  a->out, dot + 1, dot + 1);
      return FALSE;
    }
  return TRUE;
}

/* The checks of what was given, once the configuration is applied; the
 * département's name from the official list when not given. */
static gboolean
check_arguments (RunArgs *a)
{
  g_autoptr (GError) error = NULL;
  const IcDepartment *department;

  if (a->threads != 1 && a->threads != 2)
    {
      g_printerr ("%s", _("indicore run: --threads: 1 or 2\n"));
      return FALSE;
    }
  if (a->plugin_timeout < 0)
    a->plugin_timeout = 60;
  if (a->small_count < 0)
    a->small_count = IC_SMALL_COUNT_DEFAULT;
  if (a->data == NULL || a->year == 0 || a->department == NULL)
    {
      g_printerr ("%s", _("indicore run: --data, --year and --department are required (or --config)\nTry 'indicore run --help'.\n"));
      return FALSE;
    }
  department = ic_department_lookup (a->department, &error);
  if (department == NULL)
    {
      if (a->department_from_config)
        g_printerr (_("indicore run: %s: department: %s\n"), a->config_path, error->message);
      else
        g_printerr (_("indicore run: --department: %s\n"), error->message);
      return FALSE;
    }
  if (a->department_name == NULL)
    a->department_name = g_strdup (department->name);
  return check_out (a);
}

/* The earlier bundles: --previous, then those of the output directory
 * (--config), for a year --previous did not give. */
static gboolean
read_history (RunArgs *a, GPtrArray *history)
{
  g_autoptr (GError) error = NULL;

  if (!ic_bundle_history_read_all ((const char *const *) a->previous_paths, a->year, a->department, history, &error)
      || !add_found_history (a->history_paths, a->year, a->department, history, &error))
    {
      g_printerr (_("indicore run: --previous: %s\n"), error->message);
      return FALSE;
    }
  for (guint i = 0; a->previous_paths && a->previous_paths[i]; i++)
    g_ptr_array_add (a->history_paths, g_strdup (a->previous_paths[i]));
  return TRUE;
}

/* The plugins of --plugins, then of the configuration, then the built-in
 * ones; refused files are listed on the terminal. */
static IcPluginSet *
scan_plugins (RunArgs *a)
{
  g_autoptr (GPtrArray) search_dirs = g_ptr_array_new ();
  IcPluginSet *plugins;

  for (guint i = 0; a->plugin_dirs && a->plugin_dirs[i]; i++)
    g_ptr_array_add (search_dirs, a->plugin_dirs[i]);
  for (guint i = 0; a->config && a->config->plugin_dirs[i]; i++)
    g_ptr_array_add (search_dirs, a->config->plugin_dirs[i]);
  g_ptr_array_add (search_dirs, NULL);
  plugins = ic_cmd_scan_plugins ((const char *const *) search_dirs->pdata);
  ic_cmd_print_refusals (plugins);
  return plugins;
}

/* The engine's options from the arguments; @only_ids and @history stay the
 * caller's. */
static void
fill_options (const RunArgs *a, char **only_ids, GPtrArray *history, IcRunOptions *options)
{
  *options = (IcRunOptions) {
    .data_dir = a->data,
    .year = a->year,
    .department_code = a->department,
    .department_name = a->department_name,
    .lenient = a->lenient,
    .only = (const char *const *) only_ids,
    .history = history,
    .previous = history->len ? history->pdata[history->len - 1] : NULL,
    .overrides = a->config ? a->config->overrides : NULL,
    .no_isolation = a->no_isolation,
    .plugin_timeout = (guint) a->plugin_timeout,
    .plugin_memory = a->plugin_memory > 0 ? (guint) a->plugin_memory : 0,
    .small_count = a->small_count,
    .no_suppression = a->no_suppression,
    .input.threads = (guint) a->threads,
    .check_year = TRUE,
  };
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

/* The bundle, then (with --config) its renderings. */
static int
write_outputs (RunArgs *a, IcRun *run, const char *generated_at)
{
  g_autoptr (JsonNode) bundle = ic_bundle_build (run, generated_at);
  g_autoptr (GError) error = NULL;

  if (!ic_bundle_write (bundle, a->out, &error))
    {
      g_printerr (_("indicore run: cannot write the bundle: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  print_summary (run, a->out);
  if (a->config != NULL && !write_renderings (a->out, a->config->formats, a->history_paths, &error))
    {
      g_printerr (_("indicore run: the bundle is written, but not its renderings: %s\n"), error->message);
      return IC_EXIT_PARTIAL;
    }
  return IC_EXIT_OK;
}

int
ic_cmd_run (int argc, char **argv)
{
  g_auto (RunArgs) a = { 0 };
  g_autoptr (IcPluginSet) plugins = NULL;
  g_autoptr (IcFramework) framework = NULL;
  g_autoptr (GHashTable) department_targets = NULL;
  g_autoptr (GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_history_free);
  g_autoptr (IcProblems) problems = ic_problems_new (50);
  g_autoptr (IcRun) run = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) only_ids = NULL;
  g_autofree char *generated_at = NULL;
  IcRunOptions options;
  int status;

  if (!parse_arguments (&a, &argc, &argv)
      || (a.config_path != NULL && !apply_config (&a))
      || !check_arguments (&a))
    return IC_EXIT_USAGE;
  generated_at = ic_bundle_timestamp (&error);
  if (generated_at == NULL)
    {
      g_printerr (_("indicore run: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  if (!read_history (&a, history))
    return IC_EXIT_USAGE;
  /* The plugins first: their directories may ship the tables of the data. */
  plugins = scan_plugins (&a);
  if (!ic_dataset_check_directory (a.data, &error))
    {
      g_printerr (_("indicore run: %s\nNo bundle was written.\n"), error->message);
      return IC_EXIT_USAGE;
    }
  if (a.only != NULL)
    {
      only_ids = g_strsplit (a.only, ",", -1);
      for (guint i = 0; only_ids[i]; i++)
        g_strstrip (only_ids[i]);
    }
  fill_options (&a, only_ids, history, &options);
  if (a.config != NULL
      && !apply_config_framework (a.config, a.year, &options, &framework, &department_targets, &error))
    {
      g_printerr (_("indicore run: --config: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  run = ic_run_execute (plugins, &options, problems, &error);
  if (run == NULL)
    {
      g_printerr (_("indicore run: %s\n"), error->message);
      if (a.year_from_config && g_error_matches (error, IC_DATASET_ERROR, IC_DATASET_ERROR_NO_DATA_FOR_YEAR))
        g_printerr (_("Without --year, --config computes the last complete year, %d: give --year to compute another.\n"),
                    a.year);
      g_printerr ("%s", _("No bundle was written.\n"));
      return IC_EXIT_USAGE;
    }
  if (run->framework == NULL)
    g_printerr (_("indicore run: warning: no contract framework covers %d: the bundle places no indicator in "
                  "the SOLEN form, and the national targets are the definitions' only\n"), a.year);
  status = write_outputs (&a, run, generated_at);
  if (status != IC_EXIT_OK)
    return status;
  return ic_run_has_error (run) || plugins->refused->len > 0 ? IC_EXIT_PARTIAL : IC_EXIT_OK;
}

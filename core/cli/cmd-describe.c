/* cmd-describe.c: `indicore describe ID`: one indicator in words: what it
 * counts, over what and when, where each contract framework places it, and
 * its targets, national year by year and the département's (--config). */
#include <glib/gi18n.h>

#include "commands.h"
#include "config.h"
#include "french-number.h"
#include "framework.h"
#include "paths.h"
#include "population.h"
#include "table-registry.h"

/* ">= 20 % (value)", "count >= 1656", "progress (value)", "none". */
static char *
target_text (const IcTarget *t, const char *unit)
{
  g_autofree char *value = t->tenths % 10 ? ic_format_fr_tenths (t->tenths) : ic_format_fr_int (t->tenths / 10);
  const char *op = ic_target_operator_to_string (t->op);

  if (t->op == IC_TARGET_NONE)
    return g_strdup (_("none"));
  if (t->op == IC_TARGET_PROGRESS)
    return g_strdup (t->on == IC_TARGET_ON_COUNT
                       ? _("progress of the count (higher than last year's; give its bundle with --previous)")
                       : _("progress of the value (higher than last year's; give its bundle with --previous)"));
  if (t->on == IC_TARGET_ON_COUNT)
    return g_strdup_printf (_("count %s %lld"), op, (long long) (t->tenths / 10));
  return g_strdup_printf ("%s %s %s", op, value, unit);
}

/* Each framework: the place, then the national target, years with the same
 * target together. */
static void
print_frameworks (const IcDefinition *d, GPtrArray *frameworks)
{
  for (guint i = 0; i < frameworks->len; i++)
    {
      const IcFramework *f = frameworks->pdata[i];
      const IcFrameworkPlace *place = ic_framework_place (f, d->id);
      const IcFrameworkObjective *objective = place && place->objective ? ic_framework_objective (f, place->objective) : NULL;
      int from = f->first_year;

      if (objective != NULL && objective->engagement > 0)
        g_print (_("  SOLEN %s: engagement %d, objective %d: %s\n"), f->id, objective->engagement, objective->number,
                 objective->label);
      else if (objective != NULL)
        g_print (_("  SOLEN %s: objective %d: %s\n"), f->id, objective->number, objective->label);
      else
        g_print (_("  SOLEN %s: in no objective (reported for the ODPE only)\n"), f->id);
      for (int y = f->first_year; y <= f->last_year; y++)
        {
          IcTarget here, next;
          g_autofree char *text = NULL;
          if (place == NULL)
            ic_definition_target (d, &here);
          else
            ic_framework_target (place, y, &here);
          if (place == NULL)
            ic_definition_target (d, &next);
          else
            ic_framework_target (place, y + 1, &next);
          if (y < f->last_year && here.op == next.op && here.on == next.on && here.tenths == next.tenths)
            continue;
          text = target_text (&here, d->unit);
          if (from == y)
            g_print (_("    national target %d: %s\n"), y, text);
          else
            g_print (_("    national target %d-%d: %s\n"), from, y, text);
          from = y + 1;
        }
    }
}

/* The département's own targets (indicore.conf), year by year. */
static void
print_department_targets (const IcDefinition *d, const IcConfig *config)
{
  GHashTable *years = g_hash_table_lookup (config->targets, d->id);

  if (years == NULL || g_hash_table_size (years) == 0)
    {
      g_print (_("  Département:  no target of its own in %s\n"), config->path);
      return;
    }
  for (int y = 1900; y <= 9998; y++)
    {
      const IcTarget *t = g_hash_table_lookup (years, GINT_TO_POINTER (y));
      g_autofree char *text = t ? target_text (t, d->unit) : NULL;
      if (t != NULL)
        g_print (_("  Département:  target %d: %s (%s; it replaces the national one)\n"), y, text, config->path);
    }
}

/* The files read, and each population in words (French, as in the
 * definitions) with where it comes from. */
static void
print_inputs (const IcPluginInfo *desc)
{
  g_print ("%s", _("  Inputs:      "));
  const IcTableSpec *reference = ic_table_registry_reference (ic_tables ());

  for (guint i = 0; desc->tables[i]; i++)
    g_print (" %s%s", ic_table_spec (desc->tables[i]) ? ic_table_spec (desc->tables[i])->file : desc->tables[i],
             desc->tables[i + 1] ? "," : "");
  for (guint i = 0; desc->populations && desc->populations[i]; i++)
    {
      g_autofree char *what = ic_population_french_name (desc->populations[i]);
      const IcTableSpec *deriving = NULL;
      const IcPopulationSpec *population = ic_table_registry_population (ic_tables (), desc->populations[i], &deriving);
      const char *file = reference != NULL ? reference->file : "-";
      if (population != NULL && population->date != NULL)
        g_print (_("%s %s (row \"%s\" of %s, or derived from %s)"), i == 0 ? ";" : ",", what, desc->populations[i],
                 file, deriving->file);
      else
        g_print (_("%s %s (row \"%s\" of %s)"), i == 0 ? ";" : ",", what, desc->populations[i], file);
    }
  g_print ("\n");
}

int
ic_cmd_describe (int argc, char **argv)
{
  g_auto (GStrv) plugin_dirs = NULL;
  g_autofree char *config_path = NULL;
  const GOptionEntry entries[] = {
    { "plugins", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_dirs, N_("Plugin directory, searched first (repeatable)"), N_("DIR") },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, N_("The département's settings (indicore.conf): its own targets too"), N_("FILE") },
    { NULL }
  };
  g_autoptr (IcPluginSet) plugins = NULL;
  g_autoptr (GPtrArray) frameworks = NULL;
  g_autoptr (IcConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  const IcPlugin *plugin;
  const IcDefinition *d;
  const IcPluginInfo *desc;
  g_autofree char *example = NULL;

  if (!ic_cmd_parse ("describe", N_("ID"), N_("Explains one indicator: what is counted, over what, when, and the target."),
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("indicore describe: expected one indicator id (see 'indicore list')\n"));
      return IC_EXIT_USAGE;
    }
  if (config_path != NULL && (config = ic_config_load (config_path, &error)) == NULL)
    {
      g_printerr (_("indicore describe: --config: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  frameworks = ic_framework_load_all (ic_paths_builtin_frameworks (), &error);
  if (frameworks == NULL)
    {
      g_printerr (_("indicore describe: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  plugins = ic_cmd_scan_plugins ((const char *const *) plugin_dirs);
  plugin = ic_plugin_set_find (plugins, argv[1]);
  if (plugin == NULL)
    {
      g_printerr (_("indicore describe: no plugin has the id \"%s\" (see 'indicore list')\n"), argv[1]);
      return IC_EXIT_USAGE;
    }
  d = plugin->definition;
  desc = &plugin->info;

  /* In French, as the reports: the definition's words are French too. */
  g_print ("%s\n  %s\n\n", d->id, d->title);
  if (d->description)
    g_print ("  %s\n\n", d->description);
  if (d->national_objective)
    g_print (_("  Objective:    %s\n"), d->national_objective);
  g_print (_("  Numerator:    %s\n"), d->numerator);
  if (d->denominator != NULL)
    g_print (_("  Denominator:  %s\n"), d->denominator);
  g_print (_("  Period:       %s\n"), d->period == IC_PERIOD_SCHOOL_YEAR
                                         ? _("the school year ending in the year asked (1 September to 31 August, e.g. 2023-2024 for 2024)")
                                         : _("the calendar year asked (1 January to 31 December)"));
  if (d->kind == IC_KIND_RATE)
    g_print (_("  Value:        100 x numerator / denominator, in %s, one decimal rounded half up;\n"
               "                not available (never 0) when the denominator is 0 or unknown\n"), d->unit);
  print_frameworks (d, frameworks);
  if (config != NULL)
    print_department_targets (d, config);
  if (d->parameters->len > 0)
    g_print ("%s", _("  Parameters:  "));
  for (guint i = 0; i < d->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (d->parameters, IcParameter, i);
      if (p->text != NULL)
        g_print (" %s = \"%s\"%s", p->name, p->text, i + 1 < d->parameters->len ? "," : "\n");
      else
        g_print (" %s = %lld%s", p->name, (long long) p->value, i + 1 < d->parameters->len ? "," : "\n");
    }
  print_inputs (desc);
  /* The sentence of the reports at 1 (singular) and on Creuse's EPP. */
  example = ic_definition_expand_text (d, 1, 1, 1000, "2023-2024", 2024);
  g_print (_("\n  Sentence:     %s\n"), example);
  g_free (example);
  example = ic_definition_expand_text (d, 51, 770, 66, "2023-2024", 2024);
  g_print ("                %s\n", example);
  g_print (_("  Definition:   version %s, %s\n"), d->version, d->path);
  g_print (_("  Plugin:       %s version %s, %s\n"), desc->id, desc->version, plugin->path);
  return IC_EXIT_OK;
}

#include "commands.h"
#include "french-number.h"

static void
print_target (const IcDefinition *d)
{
  g_autofree char *value = ic_format_fr_tenths (d->target_tenths);
  switch (d->target)
    {
    case IC_TARGET_NONE:
      g_print (_("  Target:       none (no national target yet)\n"));
      break;
    case IC_TARGET_PROGRESS:
      g_print (_("  Target:       progress: met when the value is higher than last year's\n"
                 "                (give last year's bundle with --previous; undecided without it)\n"));
      break;
    default:
      g_print (_("  Target:       %s %s %s (%s)\n"), ic_target_operator_to_string (d->target), value, d->unit,
               d->target == IC_TARGET_GE ? _("at least") : d->target == IC_TARGET_GT ? _("more than")
               : d->target == IC_TARGET_LE ? _("at most") : _("less than"));
    }
}

int
ic_cmd_describe (int argc, char **argv)
{
  g_auto (GStrv) plugin_dirs = NULL;
  const GOptionEntry entries[] = {
    { "plugins", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_dirs, N_("Plugin directory, searched first (repeatable)"), N_("DIR") },
    { NULL }
  };
  g_autoptr (IcPluginSet) plugins = NULL;
  const IcPlugin *plugin;
  const IcDefinition *d;
  const IcPluginInfo *desc;

  if (!ic_cmd_parse ("describe", N_("ID"), N_("Explains one indicator: what is counted, over what, when, and the target."),
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("indicore describe: expected one indicator id (see 'indicore list')\n"));
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

  g_print ("%s\n  %s\n\n", d->id, d->title);
  if (d->description)
    g_print ("  %s\n\n", d->description);
  g_print (_("  SOLEN:        engagement %d, objective %d: %s\n"), d->solen_engagement, d->solen_objective, d->solen_label);
  if (d->national_objective)
    g_print (_("  Objective:    %s\n"), d->national_objective);
  g_print (_("  Numerator:    %s\n"), d->numerator);
  g_print (_("  Denominator:  %s\n"), d->denominator);
  g_print (_("  Period:       %s\n"), d->period == IC_PERIOD_SCHOOL_YEAR
                                         ? _("the school year ending in the year asked (1 September to 31 August, e.g. 2023-2024 for 2024)")
                                         : _("the calendar year asked (1 January to 31 December)"));
  g_print (_("  Value:        100 x numerator / denominator, in %s, one decimal rounded half up;\n"
             "                not available (never 0) when the denominator is 0 or unknown\n"), d->unit);
  print_target (d);
  if (d->parameters->len > 0)
    g_print ("%s", _("  Parameters:  "));
  for (guint i = 0; i < d->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (d->parameters, IcParameter, i);
      g_print (" %s = %lld%s", p->name, (long long) p->value, i + 1 < d->parameters->len ? "," : "\n");
    }
  g_print ("%s", _("  Inputs:      "));
  for (guint i = 0; desc->tables[i]; i++)
    g_print (" %s.csv%s", desc->tables[i], desc->tables[i + 1] ? "," : "");
  for (guint i = 0; desc->populations && desc->populations[i]; i++)
    g_print (g_strcmp0 (desc->populations[i], "births") == 0 || g_strcmp0 (desc->populations[i], "children_under_2") == 0
               ? _("%s population %s (populations.csv, or derived from births.csv)")
               : _("%s population %s (populations.csv)"),
             i == 0 ? ";" : ",", desc->populations[i]);
  g_print (_("\n  Sentence:     %s\n"), d->text_fr);
  g_print (_("  Definition:   version %s, %s\n"), d->version, d->path);
  g_print (_("  Plugin:       %s version %s, %s\n"), desc->id, desc->version, plugin->path);
  return IC_EXIT_OK;
}

#include "commands.h"
#include "french-number.h"
#include "population.h"

/* The target in words, as the reports say it. */
static void
print_target (const IcDefinition *d)
{
  g_autofree char *value = d->target_tenths % 10 == 0 ? ic_format_fr_int (d->target_tenths / 10)
                                                      : ic_format_fr_tenths (d->target_tenths);
  gboolean all = d->target == IC_TARGET_GE && d->target_tenths == 1000 && g_strcmp0 (d->unit, "%") == 0;

  switch (d->target)
    {
    case IC_TARGET_NONE:
      g_print ("  Cible :         aucune (pas encore de cible nationale)\n");
      break;
    case IC_TARGET_PROGRESS:
      g_print ("  Cible :         progression : atteinte quand la valeur dépasse celle de l'année précédente\n"
               "                  (donner le fichier JSON de l'année précédente avec --previous ; non déterminée sans lui)\n");
      break;
    default:
      g_print ("  Cible :         %s%s %s\n", all ? "" : d->target == IC_TARGET_GE ? "au moins " : d->target == IC_TARGET_GT ? "plus de "
                                               : d->target == IC_TARGET_LE ? "au plus " : "moins de ",
               value, d->unit);
    }
}

/* The files read, and each population in words with where it comes from. */
static void
print_inputs (const IcPluginInfo *desc)
{
  g_print ("  Données :      ");
  for (guint i = 0; desc->tables[i]; i++)
    g_print (" %s.csv%s", desc->tables[i], desc->tables[i + 1] ? "," : "");
  for (guint i = 0; desc->populations && desc->populations[i]; i++)
    {
      g_autofree char *what = ic_population_french_name (desc->populations[i]);
      gboolean derivable = g_strcmp0 (desc->populations[i], "births") == 0
                           || g_strcmp0 (desc->populations[i], "children_under_2") == 0;
      g_print ("%s %s (ligne « %s » de populations.csv%s)", i == 0 ? " ;" : ",", what, desc->populations[i],
               derivable ? ", ou à défaut déduit de births.csv" : "");
    }
  g_print ("\n");
}

int
ic_cmd_describe (int argc, char **argv)
{
  g_auto (GStrv) plugin_dirs = NULL;
  const GOptionEntry entries[] = {
    { "plugins", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_dirs, "Plugin directory, searched first (repeatable)", "DIR" },
    { NULL }
  };
  g_autoptr (IcPluginSet) plugins = NULL;
  const IcPlugin *plugin;
  const IcDefinition *d;
  const IcPluginInfo *desc;
  g_autofree char *example = NULL;

  if (!ic_cmd_parse ("describe", "ID", "Explains one indicator: what is counted, over what, when, and the target.",
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("indicore describe: expected one indicator id (see 'indicore list')\n");
      return IC_EXIT_USAGE;
    }
  plugins = ic_cmd_scan_plugins ((const char *const *) plugin_dirs);
  plugin = ic_plugin_set_find (plugins, argv[1]);
  if (plugin == NULL)
    {
      g_printerr ("indicore describe: no plugin has the id \"%s\" (see 'indicore list')\n", argv[1]);
      return IC_EXIT_USAGE;
    }
  d = plugin->definition;
  desc = &plugin->info;

  /* In French, as the reports: the definition's words are French too. */
  g_print ("%s\n  %s\n\n", d->id, d->title);
  if (d->description)
    g_print ("  %s\n\n", d->description);
  g_print ("  SOLEN :         engagement %d, objectif %d : %s\n", d->solen_engagement, d->solen_objective, d->solen_label);
  if (d->national_objective)
    g_print ("  Objectif :      %s\n", d->national_objective);
  g_print ("  Numérateur :    %s\n", d->numerator);
  g_print ("  Dénominateur :  %s\n", d->denominator);
  g_print ("  Période :       %s\n", d->period == IC_PERIOD_SCHOOL_YEAR
                                      ? "l'année scolaire qui finit l'année demandée (du 1er septembre au 31 août : 2023-2024 pour 2024)"
                                      : "l'année civile demandée (du 1er janvier au 31 décembre)");
  g_print ("  Valeur :        100 × numérateur / dénominateur, en %s, arrondie au dixième le plus proche (0,05 vers le haut) ;\n"
           "                  non disponible (jamais 0) quand le dénominateur est 0 ou inconnu\n", d->unit);
  print_target (d);
  if (d->parameters->len > 0)
    g_print ("  Paramètres :   ");
  for (guint i = 0; i < d->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (d->parameters, IcParameter, i);
      g_print (" %s = %" G_GINT64_FORMAT "%s", p->name, p->value, i + 1 < d->parameters->len ? "," : "\n");
    }
  print_inputs (desc);
  example = ic_definition_expand_text (d, 1, 1, 1000, "2023-2024", 2024);
  g_print ("  Phrase :        %s\n", example);
  g_free (example);
  example = ic_definition_expand_text (d, 51, 770, 66, "2023-2024", 2024);
  g_print ("                  %s\n", example);
  g_print ("  Définition :    version %s, %s\n", d->version, d->path);
  g_print ("  Module :        %s version %s, %s\n", desc->id, desc->version, plugin->path);
  return IC_EXIT_OK;
}

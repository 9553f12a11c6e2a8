/* department.c: the 101 départements of INSEE's official geographic code
 * (COG), and the lookup that refuses any other code with a suggestion. */
#include "department.h"

#include <string.h>
#include <glib/gi18n.h>

G_DEFINE_QUARK (ic-department-error-quark, ic_department_error)

static const IcDepartment departments[IC_N_DEPARTMENTS] = {
  { "01", "Ain" },
  { "02", "Aisne" },
  { "03", "Allier" },
  { "04", "Alpes-de-Haute-Provence" },
  { "05", "Hautes-Alpes" },
  { "06", "Alpes-Maritimes" },
  { "07", "Ardèche" },
  { "08", "Ardennes" },
  { "09", "Ariège" },
  { "10", "Aube" },
  { "11", "Aude" },
  { "12", "Aveyron" },
  { "13", "Bouches-du-Rhône" },
  { "14", "Calvados" },
  { "15", "Cantal" },
  { "16", "Charente" },
  { "17", "Charente-Maritime" },
  { "18", "Cher" },
  { "19", "Corrèze" },
  { "2A", "Corse-du-Sud" },
  { "2B", "Haute-Corse" },
  { "21", "Côte-d'Or" },
  { "22", "Côtes-d'Armor" },
  { "23", "Creuse" },
  { "24", "Dordogne" },
  { "25", "Doubs" },
  { "26", "Drôme" },
  { "27", "Eure" },
  { "28", "Eure-et-Loir" },
  { "29", "Finistère" },
  { "30", "Gard" },
  { "31", "Haute-Garonne" },
  { "32", "Gers" },
  { "33", "Gironde" },
  { "34", "Hérault" },
  { "35", "Ille-et-Vilaine" },
  { "36", "Indre" },
  { "37", "Indre-et-Loire" },
  { "38", "Isère" },
  { "39", "Jura" },
  { "40", "Landes" },
  { "41", "Loir-et-Cher" },
  { "42", "Loire" },
  { "43", "Haute-Loire" },
  { "44", "Loire-Atlantique" },
  { "45", "Loiret" },
  { "46", "Lot" },
  { "47", "Lot-et-Garonne" },
  { "48", "Lozère" },
  { "49", "Maine-et-Loire" },
  { "50", "Manche" },
  { "51", "Marne" },
  { "52", "Haute-Marne" },
  { "53", "Mayenne" },
  { "54", "Meurthe-et-Moselle" },
  { "55", "Meuse" },
  { "56", "Morbihan" },
  { "57", "Moselle" },
  { "58", "Nièvre" },
  { "59", "Nord" },
  { "60", "Oise" },
  { "61", "Orne" },
  { "62", "Pas-de-Calais" },
  { "63", "Puy-de-Dôme" },
  { "64", "Pyrénées-Atlantiques" },
  { "65", "Hautes-Pyrénées" },
  { "66", "Pyrénées-Orientales" },
  { "67", "Bas-Rhin" },
  { "68", "Haut-Rhin" },
  { "69", "Rhône" },
  { "70", "Haute-Saône" },
  { "71", "Saône-et-Loire" },
  { "72", "Sarthe" },
  { "73", "Savoie" },
  { "74", "Haute-Savoie" },
  { "75", "Paris" },
  { "76", "Seine-Maritime" },
  { "77", "Seine-et-Marne" },
  { "78", "Yvelines" },
  { "79", "Deux-Sèvres" },
  { "80", "Somme" },
  { "81", "Tarn" },
  { "82", "Tarn-et-Garonne" },
  { "83", "Var" },
  { "84", "Vaucluse" },
  { "85", "Vendée" },
  { "86", "Vienne" },
  { "87", "Haute-Vienne" },
  { "88", "Vosges" },
  { "89", "Yonne" },
  { "90", "Territoire de Belfort" },
  { "91", "Essonne" },
  { "92", "Hauts-de-Seine" },
  { "93", "Seine-Saint-Denis" },
  { "94", "Val-de-Marne" },
  { "95", "Val-d'Oise" },
  { "971", "Guadeloupe" },
  { "972", "Martinique" },
  { "973", "Guyane" },
  { "974", "La Réunion" },
  { "976", "Mayotte" },
};

const IcDepartment *
ic_department_list (void)
{
  return departments;
}

static const IcDepartment *
find (const char *code)
{
  for (guint i = 0; i < IC_N_DEPARTMENTS; i++)
    if (strcmp (departments[i].code, code) == 0)
      return &departments[i];
  return NULL;
}

/* What @code was likely meant to be: upper case (2a), leading zeros off
 * (023, 0971), one digit padded (1); NULL when none of these is a code. */
static const IcDepartment *
guess (const char *code)
{
  g_autofree char *upper = g_ascii_strup (code, -1);
  const char *digits = upper;
  const IcDepartment *found = find (upper);

  while (found == NULL && digits[0] == '0' && digits[1] != '\0')
    {
      digits++;
      found = find (digits);
    }
  if (found == NULL && g_ascii_isdigit (digits[0]) && digits[1] == '\0')
    {
      char padded[3] = { '0', digits[0], '\0' };
      found = find (padded);
    }
  return found;
}

const IcDepartment *
ic_department_lookup (const char *code, GError **error)
{
  const IcDepartment *found = code != NULL ? find (code) : NULL;
  const IcDepartment *meant;

  if (found != NULL)
    return found;
  if (code == NULL || code[0] == '\0')
    {
      g_set_error_literal (error, IC_DEPARTMENT_ERROR, IC_DEPARTMENT_ERROR_UNKNOWN,
                           _("no département code given"));
      return NULL;
    }
  meant = strlen (code) <= 4 ? guess (code) : NULL;
  if (meant != NULL)
    g_set_error (error, IC_DEPARTMENT_ERROR, IC_DEPARTMENT_ERROR_UNKNOWN,
                 _("“%s” is not a département code: did you mean %s (%s)?"), code, meant->code, meant->name);
  else if (strcmp (code, "20") == 0)
    g_set_error (error, IC_DEPARTMENT_ERROR, IC_DEPARTMENT_ERROR_UNKNOWN,
                 _("“%s” is no longer a département code: Corsica is 2A (Corse-du-Sud) or 2B (Haute-Corse)"), code);
  else
    g_set_error (error, IC_DEPARTMENT_ERROR, IC_DEPARTMENT_ERROR_UNKNOWN,
                 _("“%s” is not a département code (01 to 95, 2A and 2B, 971 to 974, 976)"), code);
  return NULL;
}

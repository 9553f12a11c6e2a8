/* render-html-method.c: the parts of the HTML report that say how its
 * figures were made: per indicator what is counted, over which period,
 * from which sources, by which definition; at the end, the files read and
 * their checksums. */
#include "render-html-method.h"

#include <string.h>

#include "french-number.h"
#include "render-wording.h"
#include "svg-chart.h"

void
ic_html_element (GString *out, const char *open, const char *text, const char *close)
{
  g_string_append (out, open);
  ic_svg_append_escaped (out, text);
  g_string_append (out, close);
}

static void
esc (GString *out, const char *text)
{
  ic_svg_append_escaped (out, text);
}


/* ---- methodology ------------------------------------------------------ */

/* « effectif de référence : les naissances de 2024 : 770, INSEE état civil
 * (populations.csv) » */
static void
append_source (GString *out, const IcBundleSource *source)
{
  const char *name = source->table ? source->table : source->population;
  const char *words = ic_render_source_words (name);

  g_string_append (out, "<li>");
  if (source->table)
    g_string_append (out, "relevés : ");
  else
    g_string_append (out, "effectif de référence : ");
  if (words)
    esc (out, words);
  else
    ic_html_element (out, "<code>", name, "</code>");
  if (source->period)
    {
      g_string_append (out, " de ");
      esc (out, source->period);
    }
  if (source->has_value)
    {
      g_autofree char *value = ic_format_fr_int (source->value);
      g_string_append (out, " : ");
      esc (out, value);
    }
  if (source->source)
    {
      g_string_append (out, ", ");
      esc (out, source->source);
    }
  if (source->table || source->origin)
    {
      g_autofree char *file = source->table ? g_strdup_printf ("%s.csv", source->table) : g_strdup (source->origin);
      ic_html_element (out, " (fichier <code>", file, "</code>)");
    }
  g_string_append (out, "</li>\n");
}

/* <dt>TERM</dt><dd>escaped TEXT</dd> */
static void
append_entry (GString *out, const char *term, const char *text)
{
  g_string_append_printf (out, "<dt>%s</dt>", term);
  ic_html_element (out, "<dd>", text, "</dd>\n");
}

/* What the figure counts, over which period, from which sources, by which
 * definition: the questions a reader of the figure asks first. */
void
ic_html_append_method (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator, guint index)
{
  g_autofree char *start = ic_render_format_date (indicator->period_start);
  g_autofree char *end = ic_render_format_date (indicator->period_end);
  g_autofree char *period = g_strdup_printf ("%s, du %s au %s", indicator->period_label, start, end);
  g_autofree char *definition = g_strdup_printf ("version %s, identifiant %s",
                                                 indicator->definition_version ? indicator->definition_version
                                                                               : "inconnue",
                                                 indicator->id);

  g_string_append_printf (out, "<section class=\"method\" aria-labelledby=\"h%u-method\">\n"
                               "<h3 id=\"h%u-method\">Méthode</h3>\n<dl>\n", index + 1, index + 1);
  if (indicator->text_fr)
    append_entry (out, "Ce qui est compté", indicator->text_fr);
  if (indicator->has_numerator && indicator->has_denominator)
    {
      g_autofree char *n = ic_format_fr_int (indicator->numerator), *d = ic_format_fr_int (indicator->denominator);
      g_autofree char *value = indicator->has_value ? ic_render_format_figure (indicator, indicator->value_tenths)
                                                    : g_strdup (ic_render_status_word (indicator->status));
      g_autofree char *rule = g_strdup_printf (g_strcmp0 (indicator->unit, "%") == 0
                                                 ? "numérateur %s ÷ dénominateur %s × 100 = %s, arrondi au dixième"
                                                 : "numérateur %s ÷ dénominateur %s = %s, arrondi au dixième",
                                               n, d, value);
      append_entry (out, "Calcul", rule);
    }
  else if (indicator->kind == IC_BUNDLE_KIND_COUNT)
    append_entry (out, "Calcul", "un nombre, sans dénominateur : ni intervalle de confiance, ni test de l'évolution, "
                                 "qui est un écart en nombre");
  append_entry (out, "Période", period);
  if (indicator->sources->len > 0)
    {
      g_string_append (out, "<dt>Sources</dt><dd><ul>\n");
      for (guint i = 0; i < indicator->sources->len; i++)
        append_source (out, indicator->sources->pdata[i]);
      g_string_append (out, "</ul></dd>\n");
    }
  append_entry (out, "Définition", definition);
  if (indicator->has_ci95)
    append_entry (out, "Précision", "intervalle de confiance à 95 % de Wilson, pour le département (donné par le "
                                     "calcul) et pour chaque territoire publié (tiré de ses effectifs)");
  if (indicator->strata->len > 0 && bundle->has_small_count)
    {
      g_autofree char *reason = ic_render_format_suppressed_reason (bundle);
      /* « un territoire, ou une modalité, » : the participle agrees with the first */
      g_autofree char *rule = g_strdup_printf (indicator->breakdowns->len > 0
                                                 ? "un territoire, ou une modalité, n'est pas publié quand son %s"
                                                 : "un territoire n'est pas publié quand son %s",
                                               reason);
      append_entry (out, "Secret statistique", rule);
    }
  g_string_append (out, "</dl>\n</section>\n");
}

/* The files the figures were computed from, with their SHA-256, so that a
 * reader can check a report against the files kept: an appendix, after the
 * figures. */
void
ic_html_append_appendix (GString *out, const IcBundleView *bundle)
{
  if (bundle->inputs->len == 0)
    return;
  g_string_append (out, "<section class=\"appendix\" aria-labelledby=\"annexe\">\n"
                        "<h2 id=\"annexe\">Annexe : fichiers lus</h2>\n"
                        "<p class=\"note\">L'empreinte SHA-256 de chaque fichier permet de vérifier que ce rapport "
                        "a été calculé à partir des fichiers conservés.</p>\n");
  g_string_append (out, "<div class=\"scroll\">\n<table class=\"inputs\">\n<caption>Fichiers lus</caption>\n<thead><tr>"
                        "<th scope=\"col\">Fichier</th><th scope=\"col\" class=\"num\">Lignes</th>"
                        "<th scope=\"col\" class=\"num\">Lignes écartées</th><th scope=\"col\">SHA-256</th>"
                        "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < bundle->inputs->len; i++)
    {
      const IcBundleInput *input = bundle->inputs->pdata[i];
      g_autofree char *rows = ic_format_fr_int (input->rows);
      g_autofree char *rejected = ic_format_fr_int (input->rejected);

      ic_html_element (out, "<tr><td>", input->file, "</td>");
      ic_html_element (out, "<td class=\"num\">", rows, "</td>");
      ic_html_element (out, "<td class=\"num\">", rejected, "</td>");
      ic_html_element (out, "<td><code>", input->sha256, "</code></td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n</div>\n");
  g_string_append (out, "</section>\n");
}


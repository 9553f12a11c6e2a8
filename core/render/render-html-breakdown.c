/* render-html-breakdown.c: an indicator's breakdowns in the HTML report,
 * under its territories: one table per breakdown (« Par type de mesure »),
 * the département's total first, each code as the bundle gives it, the
 * suppressed ones said as the territories' are. */
#include "render-html-method.h"

#include "render-wording.h"

/* A row: the stratum's name (the total for NULL), then its value with its
 * counts, « 80,0 % (40 / 50) », in one cell: two columns fit a phone. */
static void
append_row (GString *out, const IcBundleIndicator *indicator, const char *name, const IcBundleStratum *stratum)
{
  g_autofree char *value = ic_render_format_stratum (indicator, stratum);

  ic_html_element (out, "<tr><th scope=\"row\">", name, "</th>");
  ic_html_element (out, "<td class=\"num\">", value, "</td></tr>\n");
}

static void
append_breakdown (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator,
                  const IcBundleBreakdown *breakdown)
{
  g_autofree char *title = ic_render_breakdown_title (breakdown);
  g_autofree char *column = ic_render_breakdown_column (breakdown);
  gboolean suppressed = FALSE;

  if (breakdown->strata->len == 0)
    return;
  g_string_append (out, "<div class=\"scroll\">\n<table class=\"breakdown\">\n");
  ic_html_element (out, "<caption>", title, "</caption>\n");
  ic_html_element (out, "<thead><tr><th scope=\"col\">", column, "</th>");
  g_string_append (out, indicator->kind == IC_BUNDLE_KIND_RATE
                          ? "<th scope=\"col\" class=\"num\">Valeur (numérateur / dénominateur)</th>"
                          : "<th scope=\"col\" class=\"num\">Valeur</th>");
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  if (indicator->has_value)
    append_row (out, indicator, "Ensemble", NULL);
  for (guint s = 0; s < breakdown->strata->len; s++)
    {
      const IcBundleStratum *stratum = breakdown->strata->pdata[s];
      append_row (out, indicator, stratum->code, stratum);
      suppressed |= stratum->suppressed;
    }
  g_string_append (out, "</tbody>\n</table>\n</div>\n");
  if (suppressed)
    {
      g_autofree char *reason = ic_render_format_suppressed_reason (bundle);
      g_autofree char *note = g_strdup_printf ("Secret statistique : %s.", reason);
      ic_html_element (out, "<p class=\"note\">", note, "</p>\n");
    }
}

void
ic_html_append_breakdowns (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator)
{
  for (guint b = 0; b < indicator->breakdowns->len; b++)
    append_breakdown (out, bundle, indicator, indicator->breakdowns->pdata[b]);
}

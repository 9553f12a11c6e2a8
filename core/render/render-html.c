/* render-html.c: the bundle as one self-contained HTML page for the ODPE,
 * the préfet and the ARS: a summary table, then per indicator its value
 * against its target, its territories as a bar chart and its years as a
 * line chart (svg-chart.c).
 *
 * Self-contained: one file, inline CSS, inline SVG, no script, no font, no
 * image, no external reference; a Content-Security-Policy forbids loading
 * anything, should a reference ever slip in. Readable from a phone's 360 px
 * to a desktop: the charts reflow, the summary stacks, nothing scrolls
 * sideways. Printable: print CSS (A4, running header and page numbers, an
 * indicator not split across pages when it fits). Accessible: lang="fr", a
 * <title>, each chart with <title> and <desc> and its figures in a visually
 * hidden table, texts and marks at least 4.5:1 against white, every state
 * said in words (colour only repeats it). Every text from the bundle is
 * escaped. */
#include "render-html-method.h"
#include "render-wording.h"
#include "renderers.h"

#include <string.h>

#include "french-number.h"
#include "svg-chart.h"
#include "trend.h"

static const char style[] =
  ":root{color-scheme:light}\n"
  "*{box-sizing:border-box}\n"
  "body{margin:0 auto;max-width:62rem;padding:1.5rem;font-family:system-ui,\"Segoe UI\",\"DejaVu Sans\",Arial,sans-serif;"
  "color:#1a1a1a;background:#fff;line-height:1.45;overflow-wrap:break-word}\n"
  "h1{font-size:1.6rem;margin:0 0 .3rem}\n"
  "h2{font-size:1.3rem;margin:.15rem 0 .6rem}\n"
  "h3{font-size:1.05rem;margin:1.2rem 0 .3rem}\n"
  ".lede,.solen,.counts,.note{color:#4d4d4d}\n"
  ".solen{margin:0;font-size:.95rem}\n"
  ".alert{border:2px solid #9e1b32;padding:.5rem .75rem;margin:1rem 0}\n"
  "table{border-collapse:collapse}\n"
  ".summary{width:100%;margin:1rem 0}\n"
  ".summary caption,.inputs caption{text-align:left;font-weight:700;padding:.3rem 0}\n"
  ".summary th,.summary td,.inputs th,.inputs td{border-bottom:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}\n"
  ".summary .num,.inputs .num{text-align:right;white-space:nowrap}\n"
  ".summary .period{white-space:nowrap}\n"
  "a{color:#132f4c}\n"
  "section.indicator{border-top:3px solid #132f4c;margin-top:2rem;padding-top:.75rem}\n"
  ".headline{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;align-items:baseline;margin:.4rem 0}\n"
  ".value{font-size:2.2rem;font-weight:700;white-space:nowrap}\n"
  ".target{border:2px solid #4d4d4d;color:#4d4d4d;border-radius:4px;padding:.1rem .6rem;font-weight:600}\n"
  ".target.met{border-color:#1e6b34;color:#1e6b34}\n"
  ".target.not-met{border-color:#9e1b32;color:#9e1b32}\n"
  ".ci{color:#4d4d4d;white-space:nowrap}\n"
  ".change{margin:.2rem 0}\n"
  ".sentence{font-size:1.05rem;border-left:4px solid #2f5f8a;margin:.8rem 0;padding:.1rem 0 .1rem .75rem}\n"
  ".reason{border-left:4px solid #9e1b32;padding-left:.75rem}\n"
  ".warning{border-left:4px solid #8a5a00;padding-left:.75rem;margin:.4rem 0}\n"
  /* the charts side by side when two fit at a legible size, else one under
     the other; each drawn between 360 and 544 px wide (svg-chart.h) */
  ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr));gap:0 2rem;align-items:start}\n"
  /* the figure holds its hidden data table: a table ignores its own overflow */
  "figure{margin:0;min-width:0;position:relative;overflow:hidden}\n"
  "figcaption{font-weight:700;margin:1.1rem 0 .3rem}\n"
  "svg.chart{display:block;width:100%;max-width:34rem;height:auto}\n"
  ".method{margin-top:1rem;font-size:.92rem}\n"
  ".method dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.2rem 1rem;margin:.3rem 0}\n"
  ".method dt{font-weight:600;color:#4d4d4d}\n"
  ".method dd{margin:0}\n"
  ".method ul{margin:0;padding-left:1.1rem}\n"
  ".scroll{overflow-x:auto;max-width:100%}\n"
  ".inputs{font-size:.85rem;margin-top:.5rem}\n"
  ".inputs code{word-break:break-all}\n"
  ".appendix{margin-top:2.5rem;border-top:1px solid #bbb;padding-top:.5rem}\n"
  ".visually-hidden{position:absolute!important;top:0;left:0;width:1px;height:1px;margin:-1px;padding:0;border:0;"
  "overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}\n"
  /* a phone: the summary's rows become cards, each cell named */
  "@media (max-width:40rem){\n"
  "body{padding:1rem}\n"
  ".summary thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}\n"
  ".summary,.summary tbody,.summary tr,.summary th,.summary td{display:block;width:100%}\n"
  ".summary tr{border-bottom:1px solid #bbb;padding:.4rem 0}\n"
  ".summary th,.summary td{border:0;padding:.1rem 0}\n"
  ".summary td::before{content:attr(data-label) \" : \";color:#4d4d4d}\n"
  ".summary .num,.summary .period{text-align:left;white-space:normal}\n"
  ".method dl{grid-template-columns:1fr}\n"
  ".method dd{margin-bottom:.3rem}\n"
  "}\n"
  "@media print{\n"
  "body{max-width:none;padding:0;font-size:10pt}\n"
  "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
  "a{color:inherit;text-decoration:none}\n"
  ".value{font-size:20pt}\n"
  ".charts{grid-template-columns:1fr 1fr}\n"
  "section.indicator{break-inside:avoid;page-break-inside:avoid}\n"
  "figure,tr,.method{break-inside:avoid;page-break-inside:avoid}\n"
  "h2,h3,figcaption{break-after:avoid;page-break-after:avoid}\n"
  ".appendix{break-before:page}\n"
  "}\n";

/* The printed page: A4, the report's name at the top of each page but the
 * first, the page's number out of all at the bottom (CSS margin boxes,
 * which Chromium prints since version 131). */
static const char page_style[] =
  "@page{size:A4;margin:16mm 12mm 16mm;\n"
  "@top-left{content:%s;font:9pt system-ui,\"DejaVu Sans\",sans-serif;color:#4d4d4d}\n"
  "@bottom-right{content:\"Page \" counter(page) \" sur \" counter(pages);font:9pt system-ui,\"DejaVu Sans\",sans-serif;"
  "color:#4d4d4d}}\n"
  "@page:first{@top-left{content:none}}\n";

/* The interval's name, spelt out for screen readers and on hover. */
#define CI_ABBR "<abbr title=\"intervalle de confiance à 95 %\">IC à 95 %</abbr>"

static void
esc (GString *out, const char *text)
{
  ic_svg_append_escaped (out, text);
}


static gboolean
is_percent (const IcBundleIndicator *indicator)
{
  return g_strcmp0 (indicator->unit, "%") == 0;
}

static char *
counts_text (gboolean has_numerator, gint64 numerator, gboolean has_denominator, gint64 denominator)
{
  g_autofree char *n = NULL, *d = NULL;

  if (!has_numerator || !has_denominator)
    return NULL;
  n = ic_format_fr_int (numerator);
  d = ic_format_fr_int (denominator);
  return g_strdup_printf ("%s / %s", n, d);
}

static const char *
target_class (const IcBundleIndicator *indicator)
{
  if (indicator->target == IC_BUNDLE_TARGET_NONE)
    return "target none";
  return indicator->target_met == 1 ? "target met" : indicator->target_met == 0 ? "target not-met" : "target undecided";
}

/* « Cible : au moins 20 % — non atteinte », with a symbol that repeats the
 * word; « Cible : aucune » as in the other formats. */
static void
append_target (GString *out, const IcBundleIndicator *indicator)
{
  g_autofree char *target = ic_render_format_target (indicator);
  const char *symbol = indicator->target_met == 1 ? "✓ " : indicator->target_met == 0 ? "✗ " : "";

  g_string_append_printf (out, "<span class=\"%s\">", target_class (indicator));
  g_string_append (out, "Cible : ");
  if (target == NULL)
    g_string_append (out, IC_RENDER_NO_TARGET);
  else
    {
      esc (out, target);
      g_string_append (out, " — ");
      if (*symbol)
        g_string_append_printf (out, "<span aria-hidden=\"true\">%s</span>", symbol);
      esc (out, ic_render_target_met_word (indicator));
    }
  g_string_append (out, "</span>");
}

/* ---- head and summary ------------------------------------------------- */

/* @text as a quoted CSS string inside <style>: every ASCII character but
 * letters, digits and spaces as a hexadecimal escape, so that neither a
 * quote nor "</style>" can end it. */
static void
append_css_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80 || g_ascii_isalnum (*p) || *p == ' ')
      g_string_append_c (out, *p);
    else
      g_string_append_printf (out, "\\%x ", (guchar) *p);
  g_string_append_c (out, '"');
}

static void
append_head (GString *out, const IcBundleView *bundle)
{
  g_autofree char *department = ic_render_format_department (bundle);
  g_autofree char *title = g_strdup_printf ("Indicateurs %d — %s", bundle->year, department);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        /* nothing may be loaded: no script, font, image or frame */
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n");
  g_string_append (out, "<meta name=\"generator\" content=\"indicore ");
  esc (out, bundle->generator_version);
  g_string_append (out, "\">\n");
  g_autoptr (GString) running = g_string_new (NULL);

  ic_html_element (out, "<title>", title, "</title>\n");
  append_css_string (running, title);
  g_string_append_printf (out, "<style>\n%s", style);
  g_string_append_printf (out, page_style, running->str);
  if (ic_bundle_view_has_breakdowns (bundle))
    g_string_append (out, IC_HTML_BREAKDOWN_STYLE);
  g_string_append (out, "</style>\n</head>\n<body>\n");
}

static int
compare_years (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

/* « heure de Paris » for a zone named by its place (TZ=Europe/Paris), NULL
 * for one that names no place (UTC, a POSIX rule). */
static char *
zone_place (GTimeZone *zone)
{
  static const char *const areas[] = { "Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/",
                                       "Australia/", "Europe/", "Indian/", "Pacific/" };
  const char *id = g_time_zone_get_identifier (zone);
  const char *place = strrchr (id, '/');
  gboolean named = FALSE;
  g_autofree char *city = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    named |= g_str_has_prefix (id, areas[i]);
  if (!named || place == NULL || place[1] == '\0')
    return NULL;
  if (strcmp (place, "/Reunion") == 0)
    return g_strdup ("heure de la Réunion");
  city = g_strdelimit (g_strdup (place + 1), "_", ' ');
  return g_strdup_printf ("heure %s%s", strchr ("AEIOUY", city[0]) ? "d'" : "de ", city);
}

/* generated_at in the reader's time, with its zone: « 1er mars 2025 à
 * 10 h 00 (heure de Paris, UTC+1) ». The zone is the system's (TZ), so that
 * the same bundle gives the same page on the same machine; other text is
 * printed as it is. */
static char *
format_local_time (const char *iso)
{
  static const char *const months[] = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                        "août", "septembre", "octobre", "novembre", "décembre" };
  g_autoptr (GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr (GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *place = NULL, *offset = NULL;
  gint64 minutes;
  int day;

  if (utc == NULL)
    return g_strdup (iso ? iso : "");
  local = g_date_time_to_timezone (utc, zone);
  place = zone_place (zone);
  minutes = g_date_time_get_utc_offset (local) / G_TIME_SPAN_MINUTE;
  offset = minutes == 0 ? g_strdup ("UTC")
         : minutes % 60 ? g_strdup_printf ("UTC%c%d:%02d", minutes < 0 ? '-' : '+', (int) ABS (minutes) / 60,
                                           (int) ABS (minutes) % 60)
                        : g_strdup_printf ("UTC%c%d", minutes < 0 ? '-' : '+', (int) ABS (minutes) / 60);
  day = g_date_time_get_day_of_month (local);
  return g_strdup_printf ("%d%s %s %d à %d h %02d (%s%s%s)", day, day == 1 ? "er" : "",
                          months[g_date_time_get_month (local) - 1], g_date_time_get_year (local),
                          g_date_time_get_hour (local), g_date_time_get_minute (local), place ? place : "",
                          place ? ", " : "", offset);
}

static void
append_header (GString *out, const IcBundleView *bundle)
{
  g_autofree char *department = ic_render_format_department (bundle);
  g_autofree char *when = format_local_time (bundle->generated_at);
  g_autofree char *lede = NULL;
  g_autoptr (GString) years = g_string_new (NULL);
  g_autoptr (GArray) sorted = g_array_copy (bundle->previous_years);

  /* The earlier years this report compares with. */
  g_array_sort (sorted, compare_years);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (years, "%s%d", i ? ", " : "", g_array_index (sorted, int, i));
  lede = years->len
      ? g_strdup_printf ("%s — année %d, comparée à %s — calcul indicore %s du %s", department, bundle->year,
                         years->str, bundle->generator_version, when)
      : g_strdup_printf ("%s — année %d — calcul indicore %s du %s", department, bundle->year,
                         bundle->generator_version, when);

  g_string_append (out, "<header>\n<h1>Indicateurs de prévention et de protection de l'enfance</h1>\n");
  ic_html_element (out, "<p class=\"lede\">", lede, "</p>\n");
  for (guint i = 0; i < bundle->refused->len; i++)
    {
      const IcBundleRefusal *refusal = bundle->refused->pdata[i];
      g_string_append (out, "<p class=\"alert\" role=\"note\"><strong>Attention :</strong> module d'indicateur refusé, ");
      esc (out, refusal->file);
      g_string_append (out, " : ");
      esc (out, refusal->reason);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</header>\n");
}

static void
append_summary (GString *out, const IcBundleView *bundle)
{
  g_string_append (out, "<table class=\"summary\">\n<caption>Synthèse</caption>\n<thead><tr>"
                        "<th scope=\"col\">Indicateur</th><th scope=\"col\">Période</th>"
                        "<th scope=\"col\" class=\"num\">Valeur</th><th scope=\"col\" class=\"num\">" CI_ABBR "</th>"
                        "<th scope=\"col\">Cible</th>"
                        "<th scope=\"col\">Évolution</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < bundle->indicators->len; i++)
    {
      const IcBundleIndicator *indicator = bundle->indicators->pdata[i];
      g_autofree char *value = ic_render_format_value_or_status (indicator);
      g_autofree char *target = ic_render_format_target (indicator);
      g_autofree char *ci = ic_render_format_ci95 (indicator);
      g_autofree char *change = ic_render_format_change_sentence (indicator, TRUE);

      g_string_append (out, "<tr><th scope=\"row\"><a href=\"#ind-");
      esc (out, indicator->id);
      g_string_append (out, "\">");
      esc (out, indicator->title);
      g_string_append (out, "</a></th>");
      ic_html_element (out, "<td class=\"period\" data-label=\"Période\">", indicator->period_label, "</td>");
      ic_html_element (out, "<td class=\"num\" data-label=\"Valeur\">", value, "</td>");
      ic_html_element (out, "<td class=\"num\" data-label=\"IC à 95 %\">", ci ? ci : "—", "</td>");
      g_string_append (out, "<td data-label=\"Cible\">");
      if (target)
        {
          esc (out, target);
          g_string_append (out, " — ");
          esc (out, ic_render_target_met_word (indicator));
        }
      else
        g_string_append (out, IC_RENDER_NO_TARGET);
      g_string_append (out, "</td>");
      ic_html_element (out, "<td data-label=\"Évolution\">", change ? change : "—", "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
  if (ic_bundle_view_has_statistics (bundle))
    ic_html_element (out, "<p class=\"note\">", IC_RENDER_STATISTICS_NOTE, "</p>\n");
}

/* ---- charts ----------------------------------------------------------- */

static char *
target_reference (const IcBundleIndicator *indicator)
{
  g_autofree char *target = ic_render_format_target (indicator);
  return g_strdup_printf ("Cible : %s", target);
}

/* The frame both charts share; the target, if any, becomes a reference
 * line, said in words at the end of @desc (@direction: which way it runs). */
static void
chart_frame (IcSvgFrame *frame, const IcBundleIndicator *indicator, const char *id, const char *title,
             GString *desc, const char *direction, char **reference)
{
  g_string_append_c (desc, '.');
  /* a target on the count has no place on a chart of the value */
  if (indicator->target == IC_BUNDLE_TARGET_THRESHOLD && !indicator->target_count)
    {
      *reference = target_reference (indicator);
      g_string_append_printf (desc, " Ligne %s pointillée : %s.", direction, *reference);
    }
  frame->id = id;
  frame->title = title;
  frame->desc = desc->str;
  frame->percent = is_percent (indicator);
  frame->whole = indicator->kind == IC_BUNDLE_KIND_COUNT;
  frame->has_reference = *reference != NULL;
  frame->reference = (double) indicator->target_tenths / 10.0;
  frame->reference_text = *reference;
}

/* A territory's 95 % interval: the bundle gives the département's only, so
 * the territory's is worked out from its published counts by the engine's
 * own function (trend.h), when the indicator is a proportion that has one. */
static gboolean
stratum_interval (const IcBundleIndicator *indicator, const IcBundleStratum *stratum, gint64 *low, gint64 *high)
{
  return indicator->has_ci95 && !stratum->suppressed
      && ic_wilson_interval (stratum->numerator, stratum->denominator, low, high);
}

/* « 6,6 % (51 / 770) », or the value alone without counts (a count's). */
static char *
bar_text (const IcBundleIndicator *indicator, gint64 value_tenths, gboolean has_counts, gint64 numerator,
          gint64 denominator)
{
  g_autofree char *value = ic_render_format_figure (indicator, value_tenths);
  g_autofree char *counts = indicator->kind == IC_BUNDLE_KIND_RATE
                              ? counts_text (has_counts, numerator, has_counts, denominator) : NULL;
  return counts ? g_strdup_printf ("%s (%s)", value, counts) : g_strdup (value);
}

/* One bar, its text kept in @texts, said in @desc. */
static void
add_bar (GArray *bars, GPtrArray *texts, GString *desc, IcSvgBar bar, char *text, gboolean has_interval,
         gint64 low, gint64 high)
{
  g_ptr_array_add (texts, text);
  bar.value_text = text;
  bar.has_interval = has_interval;
  bar.low = (double) low / 10.0;
  bar.high = (double) high / 10.0;
  g_array_append_val (bars, bar);
  g_string_append_printf (desc, "%s%s %s", bars->len > 1 ? " ; " : "", bar.label, text);
  if (has_interval)
    {
      g_autofree char *l = ic_render_format_value (low, NULL), *h = ic_render_format_value (high, NULL);
      g_string_append_printf (desc, ", IC à 95 %% %s – %s", l, h);
    }
}

/* The same figures as a table, for screen readers. */
static void
append_strata_table (GString *out, const IcBundleIndicator *indicator, const char *title)
{
  gboolean rate = indicator->kind == IC_BUNDLE_KIND_RATE;

  g_string_append (out, "<table class=\"visually-hidden\">\n");
  ic_html_element (out, "<caption>", title, "</caption>\n");
  g_string_append (out, rate ? "<thead><tr><th scope=\"col\">Territoire</th><th scope=\"col\">Numérateur</th>"
                               "<th scope=\"col\">Dénominateur</th><th scope=\"col\">Valeur</th>"
                               "<th scope=\"col\">" CI_ABBR "</th></tr></thead>\n<tbody>\n"
                             : "<thead><tr><th scope=\"col\">Territoire</th><th scope=\"col\">Valeur</th></tr></thead>\n"
                               "<tbody>\n");
  for (guint s = 0; s <= indicator->strata->len; s++)
    {
      /* the département first, when it has a value */
      const IcBundleStratum *stratum = s ? indicator->strata->pdata[s - 1] : NULL;
      gboolean shown = stratum ? !stratum->suppressed : indicator->has_value;
      gint64 low = indicator->ci95_low_tenths, high = indicator->ci95_high_tenths;
      gboolean has_ci = stratum ? stratum_interval (indicator, stratum, &low, &high) : indicator->has_ci95;
      g_autofree char *value = NULL, *n = NULL, *d = NULL, *ci = NULL;

      if (stratum == NULL && !indicator->has_value)
        continue;
      value = !shown ? g_strdup (IC_RENDER_SUPPRESSED)
                     : ic_render_format_figure (indicator, stratum ? stratum->value_tenths : indicator->value_tenths);
      n = !shown || (!stratum && !indicator->has_numerator)
            ? g_strdup ("") : ic_format_fr_int (stratum ? stratum->numerator : indicator->numerator);
      d = !shown || (!stratum && !indicator->has_denominator)
            ? g_strdup ("") : ic_format_fr_int (stratum ? stratum->denominator : indicator->denominator);
      if (has_ci)
        {
          g_autofree char *l = ic_render_format_value (low, NULL), *h = ic_render_format_value (high, NULL);
          ci = g_strdup_printf ("%s – %s", l, h);
        }
      ic_html_element (out, "<tr><th scope=\"row\">", stratum ? stratum->territory : "Ensemble", "</th>");
      if (!rate)
        {
          ic_html_element (out, "<td>", value, "</td></tr>\n");
          continue;
        }
      ic_html_element (out, "<td>", n, "</td>");
      ic_html_element (out, "<td>", d, "</td>");
      ic_html_element (out, "<td>", value, "</td>");
      ic_html_element (out, "<td>", ci ? ci : "", "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_strata (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator, guint index)
{
  g_autoptr (GArray) bars = g_array_new (FALSE, TRUE, sizeof (IcSvgBar));
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) desc = g_string_new ("Barres horizontales, une par territoire");
  g_autofree char *id = g_strdup_printf ("c%u-territories", index + 1);
  g_autofree char *title = g_strdup_printf ("%s, par territoire, %s", indicator->title, indicator->period_label);
  g_autofree char *reference = NULL;
  IcSvgBarChart chart = { 0 };
  gboolean suppressed = FALSE, intervals = FALSE;

  g_string_append (out, "<figure>\n<figcaption>Par territoire</figcaption>\n");
  if (indicator->strata->len == 0)
    {
      g_string_append (out, "<p class=\"note\">Pas de résultat par territoire.</p>\n</figure>\n");
      return;
    }

  g_string_append (desc, indicator->has_value ? ", précédées de l'ensemble du département : " : " : ");
  if (indicator->has_value)
    {
      IcSvgBar bar = { "Ensemble", TRUE, (double) indicator->value_tenths / 10.0, NULL, TRUE, FALSE, 0, 0 };
      gboolean counts = indicator->has_numerator && indicator->has_denominator;
      add_bar (bars, texts, desc, bar,
               bar_text (indicator, indicator->value_tenths, counts, indicator->numerator, indicator->denominator),
               indicator->has_ci95, indicator->ci95_low_tenths, indicator->ci95_high_tenths);
      intervals |= indicator->has_ci95;
    }
  for (guint s = 0; s < indicator->strata->len; s++)
    {
      const IcBundleStratum *stratum = indicator->strata->pdata[s];
      IcSvgBar bar = { stratum->territory, !stratum->suppressed, (double) stratum->value_tenths / 10.0, NULL, FALSE,
                       FALSE, 0, 0 };
      gint64 low = 0, high = 0;
      gboolean has_ci = stratum_interval (indicator, stratum, &low, &high);

      suppressed |= stratum->suppressed;
      intervals |= has_ci;
      add_bar (bars, texts, desc, bar,
               stratum->suppressed ? g_strdup (IC_RENDER_SUPPRESSED)
                                   : bar_text (indicator, stratum->value_tenths, TRUE, stratum->numerator,
                                               stratum->denominator),
               has_ci, low, high);
    }
  chart_frame (&chart.frame, indicator, id, title, desc, "verticale", &reference);
  chart.bars = (const IcSvgBar *) bars->data;
  chart.n_bars = bars->len;
  ic_svg_bar_chart (out, &chart);
  append_strata_table (out, indicator, title);

  if (intervals)
    g_string_append (out, "<p class=\"note\">Trait noir sur chaque barre : l'intervalle de confiance à 95 % "
                          "(méthode de Wilson).</p>\n");
  if (suppressed)
    {
      g_autofree char *reason = ic_render_format_suppressed_reason (bundle);
      g_autofree char *note = g_strdup_printf ("Secret statistique : %s.", reason);
      ic_html_element (out, "<p class=\"note\">", note, "</p>\n");
    }
  g_string_append (out, "</figure>\n");
}

static void
append_trend (GString *out, const IcBundleIndicator *indicator, guint index)
{
  g_autoptr (GArray) points = g_array_new (FALSE, TRUE, sizeof (IcSvgPoint));
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) desc = g_string_new ("Courbe, un point par année : ");
  g_autofree char *id = g_strdup_printf ("c%u-trend", index + 1);
  g_autofree char *title = NULL;
  g_autofree char *reference = NULL;
  const IcBundlePoint *first = indicator->series->pdata[0];
  const IcBundlePoint *last = indicator->series->pdata[indicator->series->len - 1];
  IcSvgLineChart chart = { 0 };
  guint with_value = 0;

  for (guint i = 0; i < indicator->series->len; i++)
    with_value += ((const IcBundlePoint *) indicator->series->pdata[i])->has_value;

  g_string_append (out, "<figure>\n<figcaption>Évolution</figcaption>\n");
  if (with_value < 2)
    {
      g_string_append (out, indicator->series->len < 2
                                ? "<p class=\"note\">Pas d'année précédente dans ce rapport.</p>\n</figure>\n"
                                : "<p class=\"note\">Moins de deux années ont une valeur : pas de tendance.</p>\n</figure>\n");
      return;
    }

  title = g_strdup_printf ("%s, évolution de %s à %s", indicator->title, first->label, last->label);
  for (guint i = 0; i < indicator->series->len; i++)
    {
      const IcBundlePoint *point = indicator->series->pdata[i];
      IcSvgPoint svg = { point->label, point->has_value, (double) point->value_tenths / 10.0, NULL };
      gboolean breaks = ic_bundle_point_breaks_series (indicator, point);
      g_autofree char *value = point->has_value ? ic_render_format_figure (indicator, point->value_tenths) : NULL;
      /* a point of another definition carries the note's mark */
      char *text = g_strdup_printf ("%s%s", value ? value : "n.d.", breaks ? " *" : "");

      g_ptr_array_add (texts, text);
      svg.value_text = text;
      g_array_append_val (points, svg);
      g_string_append_printf (desc, "%s%s %s%s", i ? " ; " : "", point->label, value ? value : "non disponible",
                              breaks ? " (autre définition)" : "");
    }
  chart_frame (&chart.frame, indicator, id, title, desc, "horizontale", &reference);
  chart.points = (const IcSvgPoint *) points->data;
  chart.n_points = points->len;
  ic_svg_line_chart (out, &chart);

  g_string_append (out, "<table class=\"visually-hidden\">\n");
  ic_html_element (out, "<caption>", title, "</caption>\n");
  g_string_append (out, "<thead><tr><th scope=\"col\">Période</th><th scope=\"col\">Valeur</th>"
                        "<th scope=\"col\">Version de la définition</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < indicator->series->len; i++)
    {
      const IcBundlePoint *point = indicator->series->pdata[i];
      ic_html_element (out, "<tr><th scope=\"row\">", point->label, "</th>");
      g_autofree char *value = point->has_value ? ic_render_format_figure (indicator, point->value_tenths) : NULL;
      ic_html_element (out, "<td>", value ? value : "non disponible", "</td>");
      ic_html_element (out, "<td>", point->definition_version ? point->definition_version : "inconnue", "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");

  for (guint i = 0; i < indicator->series->len; i++)
    {
      const IcBundlePoint *point = indicator->series->pdata[i];
      if (ic_bundle_point_breaks_series (indicator, point))
        {
          g_autofree char *note = g_strdup_printf ("* Définition %s en %s, %s en %s : à comparer avec prudence.",
                                                   point->definition_version, point->label,
                                                   indicator->definition_version, indicator->period_label);
          ic_html_element (out, "<p class=\"note\">", note, "</p>\n");
        }
    }
  g_string_append (out, "</figure>\n");
}

/* ---- an indicator ----------------------------------------------------- */

static void
append_indicator (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator, guint index)
{
  g_autofree char *solen = ic_render_format_solen (indicator);
  g_autofree char *value = ic_render_format_value_or_status (indicator);
  g_autofree char *counts = counts_text (indicator->has_numerator, indicator->numerator,
                                        indicator->has_denominator, indicator->denominator);
  g_autofree char *change = ic_render_format_change_sentence (indicator, FALSE);
  g_autofree char *ci = ic_render_format_ci95 (indicator);

  g_string_append (out, "<section class=\"indicator\" id=\"ind-");
  esc (out, indicator->id);
  g_string_append_printf (out, "\" aria-labelledby=\"h%u\">\n", index + 1);
  if (solen)
    {
      g_string_append (out, "<p class=\"solen\">");
      esc (out, solen);
      g_string_append (out, " — ");
      esc (out, indicator->solen_label);
      g_string_append (out, "</p>\n");
    }
  g_string_append_printf (out, "<h2 id=\"h%u\">", index + 1);
  esc (out, indicator->title);
  g_string_append (out, "</h2>\n<div class=\"headline\">");
  ic_html_element (out, "<span class=\"value\">", value, "</span>");
  if (ci)
    ic_html_element (out, "<span class=\"ci\">[" CI_ABBR " : ", ci, "]</span>");
  if (indicator->has_value && counts)
    ic_html_element (out, "<span class=\"counts\">", counts, "</span>");
  append_target (out, indicator);
  g_string_append (out, "</div>\n");
  if (change)
    {
      g_string_append (out, "<p class=\"change\">Évolution : ");
      esc (out, change);
      g_string_append (out, "</p>\n");
    }
  if (!indicator->has_value && indicator->reason)
    {
      g_string_append (out, "<p class=\"reason\"><strong>Motif :</strong> ");
      esc (out, indicator->reason);
      g_string_append (out, "</p>\n");
    }
  if (indicator->text_fr)
    ic_html_element (out, "<p class=\"sentence\">", indicator->text_fr, "</p>\n");
  for (guint w = 0; w < indicator->warnings->len; w++)
    {
      g_string_append (out, "<p class=\"warning\" role=\"note\"><strong>Avertissement :</strong> ");
      esc (out, indicator->warnings->pdata[w]);
      g_string_append (out, "</p>\n");
    }

  g_string_append (out, "<div class=\"charts\">\n");
  append_strata (out, bundle, indicator, index);
  append_trend (out, indicator, index);
  g_string_append (out, "</div>\n");
  ic_html_append_breakdowns (out, bundle, indicator);
  ic_html_append_method (out, bundle, indicator, index);
  g_string_append (out, "</section>\n");
}

void
ic_render_html (const IcBundleView *bundle, GString *out)
{
  append_head (out, bundle);
  append_header (out, bundle);
  g_string_append (out, "<main>\n");
  append_summary (out, bundle);
  for (guint i = 0; i < bundle->indicators->len; i++)
    append_indicator (out, bundle, bundle->indicators->pdata[i], i);
  ic_html_append_appendix (out, bundle);
  g_string_append (out, "</main>\n");
  g_string_append (out, "</body>\n</html>\n");
}

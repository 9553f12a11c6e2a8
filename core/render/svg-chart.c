/* svg-chart.c: a horizontal bar chart and a small line chart written as
 * inline SVG text for the HTML report, with a title and a description for
 * screen readers. */
#include "svg-chart.h"

#include <math.h>
#include <string.h>

/* Colours, all at least 4.5:1 against white (WCAG AA for text, 3:1 for
 * graphics), so that they survive printing in grey. */
#define BAR_FILL "#2f5f8a"      /* 6.7:1 */
#define EMPHASIS_FILL "#132f4c" /* 13.6:1 */
#define REFERENCE "#9e1b32"     /* 7.9:1 */
#define TEXT "#1a1a1a"
#define MUTED "#4d4d4d"         /* 8.5:1 */
#define GRID "#cccccc"          /* decoration only: the figures are in text */

#define WIDTH 900.0 /* the page's column: drawn at its size on screen, scaled down on paper */
#define GLYPH_WIDTH 7.0       /* an average glyph at 13 px, to reserve room for labels */
#define SMALL_GLYPH_WIDTH 6.6 /* at 12 px */
#define MAX_LABEL_CHARS 28

void
ic_svg_append_escaped (GString *out, const char *text)
{
  for (const char *p = text; p && *p; p++)
    switch (*p)
      {
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      case '"':
        g_string_append (out, "&quot;");
        break;
      case '\'':
        g_string_append (out, "&#39;");
        break;
      default:
        if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
          g_string_append (out, "\uFFFD");
        else
          g_string_append_c (out, *p);
      }
}

/* A coordinate: one decimal at most, '.' whatever the locale. */
static void
append_number (GString *out, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  if (fabs (value) < 0.05)
    value = 0.0; /* no "-0" */
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  len = strlen (buffer);
  if (len > 2 && strcmp (buffer + len - 2, ".0") == 0)
    buffer[len - 2] = '\0';
  g_string_append (out, buffer);
}

/* Appends ` NAME="VALUE"` with a number. */
static void
attr_number (GString *out, const char *name, double value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_number (out, value);
  g_string_append_c (out, '"');
}

static double
text_width (const char *text, double char_width)
{
  return (double) g_utf8_strlen (text ? text : "", -1) * char_width;
}

/* An axis from 0 to a round number at or above @max, with 3 to 6 ticks:
 * steps of 1, 2, 2.5 or 5 times a power of ten. */
static void
axis_scale (double max, double *axis_max, double *step)
{
  static const double steps[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double raw, magnitude;

  if (!(max > 0.0))
    max = 1.0;
  raw = max / 5.0;
  magnitude = pow (10.0, floor (log10 (raw)));
  *step = 10.0 * magnitude;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= raw * (1.0 - 1e-9))
      {
        *step = steps[i] * magnitude;
        break;
      }
  *axis_max = ceil (max / *step - 1e-9) * *step;
}

/* A tick's label in French: 2.5 -> "2,5", 20 -> "20", with " %" when asked. */
static void
append_tick_label (GString *out, double value, gboolean percent)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  g_ascii_formatd (buffer, sizeof buffer, "%.3f", value);
  len = strlen (buffer);
  while (len > 0 && buffer[len - 1] == '0')
    buffer[--len] = '\0';
  if (len > 0 && buffer[len - 1] == '.')
    buffer[--len] = '\0';
  for (char *p = buffer; *p; p++)
    if (*p == '.')
      *p = ',';
  g_string_append (out, buffer);
  if (percent)
    g_string_append (out, " %");
}

static void
open_svg (GString *out, const char *id, const char *title, const char *desc, double width, double height)
{
  g_string_append (out, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ");
  append_number (out, width);
  g_string_append_c (out, ' ');
  append_number (out, height);
  g_string_append_c (out, '"');
  attr_number (out, "width", width);
  attr_number (out, "height", height);
  g_string_append (out, " font-size=\"13\" aria-labelledby=\"");
  ic_svg_append_escaped (out, id);
  g_string_append (out, "-title ");
  ic_svg_append_escaped (out, id);
  g_string_append (out, "-desc\">\n<title id=\"");
  ic_svg_append_escaped (out, id);
  g_string_append (out, "-title\">");
  ic_svg_append_escaped (out, title);
  g_string_append (out, "</title>\n<desc id=\"");
  ic_svg_append_escaped (out, id);
  g_string_append (out, "-desc\">");
  ic_svg_append_escaped (out, desc);
  g_string_append (out, "</desc>\n");
}

/* <text> at (@x, @y); a label longer than MAX_LABEL_CHARS is cut with an
 * ellipsis, the whole of it in a <title> (a tooltip; the data table of the
 * page has it too). */
static void
append_text (GString *out, double x, double y, const char *anchor, const char *extra, const char *text,
             gboolean may_cut)
{
  gboolean cut = may_cut && g_utf8_strlen (text, -1) > MAX_LABEL_CHARS;

  g_string_append (out, "<text");
  attr_number (out, "x", x);
  attr_number (out, "y", y);
  g_string_append_printf (out, " text-anchor=\"%s\"%s%s>", anchor, extra && *extra ? " " : "", extra ? extra : "");
  if (cut)
    {
      g_autofree char *start = g_utf8_substring (text, 0, MAX_LABEL_CHARS - 1);
      g_string_append (out, "<title>");
      ic_svg_append_escaped (out, text);
      g_string_append (out, "</title>");
      ic_svg_append_escaped (out, start);
      g_string_append (out, "…");
    }
  else
    ic_svg_append_escaped (out, text);
  g_string_append (out, "</text>\n");
}

static void
append_line (GString *out, double x1, double y1, double x2, double y2, const char *style)
{
  g_string_append (out, "<line");
  attr_number (out, "x1", x1);
  attr_number (out, "y1", y1);
  attr_number (out, "x2", x2);
  attr_number (out, "y2", y2);
  g_string_append_printf (out, " %s/>\n", style);
}

/* ---- bar chart -------------------------------------------------------- */

#define BAR_TOP 30.0     /* room for the reference's label */
#define BAR_ROW 28.0
#define BAR_HEIGHT 18.0
#define BAR_BOTTOM 30.0  /* room for the axis labels */

void
ic_svg_bar_chart (GString *out, const IcSvgBarChart *chart)
{
  double label_width = 0.0, value_width = 0.0, max = 0.0, axis_max, step;
  double plot_x, plot_width, plot_bottom, height;

  for (guint i = 0; i < chart->n_bars; i++)
    {
      const IcSvgBar *bar = &chart->bars[i];
      gsize chars = MIN ((gsize) g_utf8_strlen (bar->label, -1), MAX_LABEL_CHARS);
      label_width = MAX (label_width, (double) chars * GLYPH_WIDTH);
      value_width = MAX (value_width, text_width (bar->value_text, SMALL_GLYPH_WIDTH));
      if (bar->has_value)
        max = MAX (max, bar->value);
    }
  if (chart->frame.has_reference)
    max = MAX (max, chart->frame.reference);
  axis_scale (max, &axis_max, &step);
  plot_x = CLAMP (label_width + 16.0, 90.0, 240.0);
  value_width = CLAMP (value_width + 14.0, 60.0, 210.0);
  plot_width = WIDTH - plot_x - value_width;
  plot_bottom = BAR_TOP + BAR_ROW * chart->n_bars;
  height = plot_bottom + BAR_BOTTOM;

  open_svg (out, chart->frame.id, chart->frame.title, chart->frame.desc, WIDTH, height);

  /* Grid and axis labels: decoration, the figures are printed on the bars. */
  g_string_append (out, "<g aria-hidden=\"true\">\n");
  for (guint k = 0; k * step <= axis_max * (1.0 + 1e-9); k++)
    {
      double x = plot_x + plot_width * (k * step) / axis_max;
      GString *label = g_string_new (NULL);

      append_line (out, x, BAR_TOP - 4.0, x, plot_bottom, k == 0 ? "stroke=\"" MUTED "\"" : "stroke=\"" GRID "\"");
      append_tick_label (label, k * step, chart->frame.percent);
      append_text (out, x, plot_bottom + 18.0, "middle", "fill=\"" MUTED "\" font-size=\"12\"", label->str, FALSE);
      g_string_free (label, TRUE);
    }
  g_string_append (out, "</g>\n");

  for (guint i = 0; i < chart->n_bars; i++)
    {
      const IcSvgBar *bar = &chart->bars[i];
      double y = BAR_TOP + BAR_ROW * i;
      double length = bar->has_value && bar->value > 0.0 ? plot_width * bar->value / axis_max : 0.0;

      if (bar->has_value && bar->value > 0.0 && length < 1.0)
        length = 1.0; /* a small value stays visible */
      append_text (out, plot_x - 8.0, y + BAR_ROW / 2.0 + 4.5, "end",
                   bar->emphasis ? "font-weight=\"bold\" fill=\"" TEXT "\"" : "fill=\"" TEXT "\"", bar->label, TRUE);
      if (!bar->has_value)
        {
          append_text (out, plot_x + 6.0, y + BAR_ROW / 2.0 + 4.5, "start",
                       "font-style=\"italic\" font-size=\"12\" fill=\"" MUTED "\"", bar->value_text, FALSE);
          continue;
        }
      g_string_append (out, "<rect");
      attr_number (out, "x", plot_x);
      attr_number (out, "y", y + (BAR_ROW - BAR_HEIGHT) / 2.0);
      attr_number (out, "width", length);
      attr_number (out, "height", BAR_HEIGHT);
      g_string_append (out, bar->emphasis ? " fill=\"" EMPHASIS_FILL "\"/>\n" : " fill=\"" BAR_FILL "\"/>\n");
      append_text (out, plot_x + length + 6.0, y + BAR_ROW / 2.0 + 4.5, "start",
                   bar->emphasis ? "font-weight=\"bold\" font-size=\"12\" fill=\"" TEXT "\""
                                 : "font-size=\"12\" fill=\"" TEXT "\"",
                   bar->value_text, FALSE);
    }

  if (chart->frame.has_reference)
    {
      double x = plot_x + plot_width * chart->frame.reference / axis_max;
      double half = text_width (chart->frame.reference_text, SMALL_GLYPH_WIDTH) / 2.0;
      const char *anchor = "middle";
      double label_x = x;

      if (x + half > WIDTH - 4.0)
        anchor = "end", label_x = x + 3.0;
      else if (x - half < plot_x)
        anchor = "start", label_x = x - 3.0;
      append_line (out, x, BAR_TOP - 6.0, x, plot_bottom,
                   "stroke=\"" REFERENCE "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"");
      append_text (out, label_x, BAR_TOP - 11.0, anchor, "fill=\"" REFERENCE "\" font-size=\"12\" font-weight=\"bold\"",
                   chart->frame.reference_text, FALSE);
    }
  g_string_append (out, "</svg>\n");
}

/* ---- line chart ------------------------------------------------------- */

#define LINE_HEIGHT 230.0
#define LINE_LEFT 64.0
#define LINE_RIGHT 24.0
#define LINE_TOP 30.0
#define LINE_BOTTOM 36.0

void
ic_svg_line_chart (GString *out, const IcSvgLineChart *chart)
{
  double max = 0.0, axis_max, step;
  double plot_width = WIDTH - LINE_LEFT - LINE_RIGHT;
  double plot_bottom = LINE_HEIGHT - LINE_BOTTOM;
  double plot_height = plot_bottom - LINE_TOP;
  double band = chart->n_points ? plot_width / chart->n_points : plot_width;
  gboolean open = FALSE;

  for (guint i = 0; i < chart->n_points; i++)
    if (chart->points[i].has_value)
      max = MAX (max, chart->points[i].value);
  if (chart->frame.has_reference)
    max = MAX (max, chart->frame.reference);
  axis_scale (max, &axis_max, &step);

  open_svg (out, chart->frame.id, chart->frame.title, chart->frame.desc, WIDTH, LINE_HEIGHT);

  g_string_append (out, "<g aria-hidden=\"true\">\n");
  for (guint k = 0; k * step <= axis_max * (1.0 + 1e-9); k++)
    {
      double y = plot_bottom - plot_height * (k * step) / axis_max;
      GString *label = g_string_new (NULL);

      append_line (out, LINE_LEFT, y, WIDTH - LINE_RIGHT, y, k == 0 ? "stroke=\"" MUTED "\"" : "stroke=\"" GRID "\"");
      append_tick_label (label, k * step, chart->frame.percent);
      append_text (out, LINE_LEFT - 8.0, y + 4.0, "end", "fill=\"" MUTED "\" font-size=\"12\"", label->str, FALSE);
      g_string_free (label, TRUE);
    }
  g_string_append (out, "</g>\n");

  if (chart->frame.has_reference)
    {
      double y = plot_bottom - plot_height * chart->frame.reference / axis_max;
      append_line (out, LINE_LEFT, y, WIDTH - LINE_RIGHT, y,
                   "stroke=\"" REFERENCE "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"");
      append_text (out, WIDTH - LINE_RIGHT, y - 6.0, "end", "fill=\"" REFERENCE "\" font-size=\"12\" font-weight=\"bold\"",
                   chart->frame.reference_text, FALSE);
    }

  /* The line, broken where a year has no value. */
  for (guint i = 0; i < chart->n_points; i++)
    {
      const IcSvgPoint *point = &chart->points[i];
      double x = LINE_LEFT + band * (i + 0.5);

      if (!point->has_value)
        {
          if (open)
            g_string_append (out, "\"/>\n");
          open = FALSE;
          continue;
        }
      g_string_append (out, open ? " " : "<polyline fill=\"none\" stroke=\"" BAR_FILL "\" stroke-width=\"2.5\" points=\"");
      append_number (out, x);
      g_string_append_c (out, ',');
      append_number (out, plot_bottom - plot_height * point->value / axis_max);
      open = TRUE;
    }
  if (open)
    g_string_append (out, "\"/>\n");

  for (guint i = 0; i < chart->n_points; i++)
    {
      const IcSvgPoint *point = &chart->points[i];
      double x = LINE_LEFT + band * (i + 0.5);

      append_text (out, x, plot_bottom + 20.0, "middle", "fill=\"" TEXT "\"", point->label, TRUE);
      if (point->has_value)
        {
          double y = plot_bottom - plot_height * point->value / axis_max;
          g_string_append (out, "<circle");
          attr_number (out, "cx", x);
          attr_number (out, "cy", y);
          g_string_append (out, " r=\"5\" fill=\"" BAR_FILL "\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n");
          append_text (out, x, y - 11.0, "middle", "font-weight=\"bold\" fill=\"" TEXT "\"", point->value_text, FALSE);
        }
      else
        append_text (out, x, plot_bottom - 8.0, "middle", "font-style=\"italic\" fill=\"" MUTED "\"",
                     point->value_text, FALSE);
    }
  g_string_append (out, "</svg>\n");
}

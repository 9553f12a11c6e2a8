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

#define WIDTH ((double) IC_SVG_WIDTH)
#define GLYPH_WIDTH 7.8       /* an average glyph at 14 units, to reserve room for texts */
#define SMALL_GLYPH_WIDTH 7.2 /* at 13 */
#define SMALL "font-size=\"13\"" /* the smallest text: 10 px at 0.77 of its size */
#define MAX_LABEL_CHARS 28
/* a white outline under a text, so that the grid and the reference line
   drawn across it do not blur it */
#define HALO "stroke=\"#ffffff\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\" "

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
 * steps of 1, 2, 2.5 or 5 times a power of ten, whole with @whole (a
 * count's axis has no 2,5). */
static void
axis_scale (double max, gboolean whole, double *axis_max, double *step)
{
  static const double steps[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double raw, magnitude;

  if (!(max > 0.0))
    max = 1.0;
  raw = max / 5.0;
  magnitude = pow (10.0, floor (log10 (raw)));
  *step = 10.0 * magnitude;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= raw * (1.0 - 1e-9)
        && (!whole || fabs (steps[i] * magnitude - round (steps[i] * magnitude)) < 1e-9))
      {
        *step = steps[i] * magnitude;
        break;
      }
  *axis_max = ceil (max / *step - 1e-9) * *step;
}

/* A tick's label in French: 2.5 -> "2,5", 20 -> "20", 1500 -> "1 500" (a
 * no-break space), with " %" when asked. */
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
  /* thousands apart, as French numbers are everywhere else: 1 500 */
  len = strcspn (buffer, ",");
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0 && g_ascii_isdigit (buffer[i - 1]))
        g_string_append (out, "\u00a0");
      g_string_append_c (out, buffer[i]);
    }
  g_string_append (out, buffer + len);
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
  g_string_append (out, " font-size=\"14\" aria-labelledby=\"");
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

/* <text> at (@x, @y); a label longer than @max_chars (0: no limit) is cut
 * with an ellipsis, the whole of it in a <title> (a tooltip; the data table
 * of the page has it too). */
static void
append_text (GString *out, double x, double y, const char *anchor, const char *extra, const char *text,
             glong max_chars)
{
  gboolean cut = max_chars > 0 && g_utf8_strlen (text, -1) > max_chars;

  g_string_append (out, "<text");
  attr_number (out, "x", x);
  attr_number (out, "y", y);
  g_string_append_printf (out, " text-anchor=\"%s\"%s%s>", anchor, extra && *extra ? " " : "", extra ? extra : "");
  if (cut)
    {
      g_autofree char *start = g_utf8_substring (text, 0, max_chars - 1);
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

/* A tick's label under the axis at @x: the first starts there, the last
 * ends there, so that neither leaves the chart. */
static void
append_tick (GString *out, double x, double y, double value, gboolean percent, gboolean first, gboolean last)
{
  g_autoptr (GString) label = g_string_new (NULL);

  append_tick_label (label, value, percent);
  append_text (out, x, y, first ? "start" : last ? "end" : "middle", "fill=\"" MUTED "\" " SMALL, label->str, 0);
}

/* The reference line's label, centred on @x unless that leaves the chart. */
static void
append_reference_label (GString *out, double x, double y, const char *text)
{
  double half = text_width (text, SMALL_GLYPH_WIDTH) / 2.0;
  const char *anchor = "middle";

  if (x + half > WIDTH - 2.0)
    anchor = "end", x = MIN (x + 3.0, WIDTH - 2.0);
  else if (x - half < 2.0)
    anchor = "start", x = MAX (x - 3.0, 2.0);
  append_text (out, x, y, anchor, "fill=\"" REFERENCE "\" " SMALL " font-weight=\"bold\"", text, 0);
}

/* ---- bar chart -------------------------------------------------------- */

#define BAR_ROW 46.0    /* a label line, then the bar */
#define BAR_BASELINE 15.0
#define BAR_OFFSET 21.0 /* the bar's top in its row */
#define BAR_HEIGHT 14.0
#define BAR_BOTTOM 26.0 /* room for the axis labels */
#define PLOT_X 2.0
#define PLOT_RIGHT 8.0

/* The 95 % interval across a bar: a line from low to high with end caps
 * that stand out of the bar, in the text's colour. */
static void
append_interval (GString *out, double x_low, double x_high, double y)
{
  const char *style = "stroke=\"" TEXT "\" stroke-width=\"2\"";

  append_line (out, x_low, y + BAR_HEIGHT / 2.0, x_high, y + BAR_HEIGHT / 2.0, style);
  append_line (out, x_low, y - 4.0, x_low, y + BAR_HEIGHT + 4.0, style);
  append_line (out, x_high, y - 4.0, x_high, y + BAR_HEIGHT + 4.0, style);
}

static void
append_bar (GString *out, const IcSvgBar *bar, double y, double plot_width, double axis_max, glong label_chars)
{
  double length = bar->has_value && bar->value > 0.0 ? plot_width * bar->value / axis_max : 0.0;

  if (bar->has_value && bar->value > 0.0 && length < 1.0)
    length = 1.0; /* a small value stays visible */
  append_text (out, PLOT_X, y + BAR_BASELINE, "start",
               bar->emphasis ? HALO "font-weight=\"bold\" fill=\"" TEXT "\"" : HALO "fill=\"" TEXT "\"", bar->label,
               label_chars);
  if (!bar->has_value)
    {
      append_text (out, WIDTH, y + BAR_BASELINE, "end", HALO "font-style=\"italic\" " SMALL " fill=\"" MUTED "\"",
                   bar->value_text, 0);
      return;
    }
  append_text (out, WIDTH, y + BAR_BASELINE, "end",
               bar->emphasis ? HALO "font-weight=\"bold\" " SMALL " fill=\"" TEXT "\""
                             : HALO SMALL " fill=\"" TEXT "\"",
               bar->value_text, 0);
  g_string_append (out, "<rect");
  attr_number (out, "x", PLOT_X);
  attr_number (out, "y", y + BAR_OFFSET);
  attr_number (out, "width", length);
  attr_number (out, "height", BAR_HEIGHT);
  g_string_append (out, bar->emphasis ? " fill=\"" EMPHASIS_FILL "\"/>\n" : " fill=\"" BAR_FILL "\"/>\n");
  if (bar->has_interval)
    append_interval (out, PLOT_X + plot_width * CLAMP (bar->low, 0.0, axis_max) / axis_max,
                     PLOT_X + plot_width * CLAMP (bar->high, 0.0, axis_max) / axis_max, y + BAR_OFFSET);
}

void
ic_svg_bar_chart (GString *out, const IcSvgBarChart *chart)
{
  double value_width = 0.0, max = 0.0, axis_max, step;
  double plot_width = WIDTH - PLOT_X - PLOT_RIGHT;
  double top = chart->frame.has_reference ? 26.0 : 6.0; /* room for the reference's label */
  double plot_bottom = top + BAR_ROW * chart->n_bars;
  glong label_chars;

  for (guint i = 0; i < chart->n_bars; i++)
    {
      const IcSvgBar *bar = &chart->bars[i];
      value_width = MAX (value_width, text_width (bar->value_text, SMALL_GLYPH_WIDTH));
      if (bar->has_value)
        max = MAX (max, bar->has_interval ? MAX (bar->value, bar->high) : bar->value);
    }
  if (chart->frame.has_reference)
    max = MAX (max, chart->frame.reference);
  axis_scale (max, chart->frame.whole, &axis_max, &step);
  /* a label takes what its line leaves beside the longest value text */
  label_chars = CLAMP ((glong) ((WIDTH - value_width - 12.0) / GLYPH_WIDTH), 8, MAX_LABEL_CHARS);

  open_svg (out, chart->frame.id, chart->frame.title, chart->frame.desc, WIDTH, plot_bottom + BAR_BOTTOM);

  /* Grid and axis labels: decoration, the figures are printed on the rows. */
  g_string_append (out, "<g aria-hidden=\"true\">\n");
  for (guint k = 0; k * step <= axis_max * (1.0 + 1e-9); k++)
    {
      double x = PLOT_X + plot_width * (k * step) / axis_max;

      append_line (out, x, top, x, plot_bottom, k == 0 ? "stroke=\"" MUTED "\"" : "stroke=\"" GRID "\"");
      append_tick (out, x, plot_bottom + 18.0, k * step, chart->frame.percent, k == 0,
                   (k + 1) * step > axis_max * (1.0 + 1e-9));
    }
  g_string_append (out, "</g>\n");

  /* the reference line under the rows' texts */
  if (chart->frame.has_reference)
    {
      double x = PLOT_X + plot_width * chart->frame.reference / axis_max;

      append_line (out, x, top - 6.0, x, plot_bottom,
                   "stroke=\"" REFERENCE "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"");
      append_reference_label (out, x, top - 11.0, chart->frame.reference_text);
    }
  for (guint i = 0; i < chart->n_bars; i++)
    append_bar (out, &chart->bars[i], top + BAR_ROW * i, plot_width, axis_max, label_chars);
  g_string_append (out, "</svg>\n");
}

/* ---- line chart ------------------------------------------------------- */

#define LINE_HEIGHT 220.0
#define LINE_LEFT 52.0
#define LINE_RIGHT 8.0
#define LINE_TOP 30.0
#define LINE_BOTTOM 32.0

static void
append_line_axis (GString *out, double plot_bottom, double plot_height, double axis_max, double step,
                  gboolean percent)
{
  g_string_append (out, "<g aria-hidden=\"true\">\n");
  for (guint k = 0; k * step <= axis_max * (1.0 + 1e-9); k++)
    {
      double y = plot_bottom - plot_height * (k * step) / axis_max;
      g_autoptr (GString) label = g_string_new (NULL);

      append_line (out, LINE_LEFT, y, WIDTH - LINE_RIGHT, y, k == 0 ? "stroke=\"" MUTED "\"" : "stroke=\"" GRID "\"");
      append_tick_label (label, k * step, percent);
      append_text (out, LINE_LEFT - 6.0, y + 4.5, "end", "fill=\"" MUTED "\" " SMALL, label->str, 0);
    }
  g_string_append (out, "</g>\n");
}

void
ic_svg_line_chart (GString *out, const IcSvgLineChart *chart)
{
  double max = 0.0, axis_max, step;
  double plot_width = WIDTH - LINE_LEFT - LINE_RIGHT;
  double plot_bottom = LINE_HEIGHT - LINE_BOTTOM;
  double plot_height = plot_bottom - LINE_TOP;
  double band = chart->n_points ? plot_width / chart->n_points : plot_width;
  /* a year's label fits its band */
  glong label_chars = CLAMP ((glong) (band / GLYPH_WIDTH), 4, MAX_LABEL_CHARS);
  gboolean open = FALSE;

  for (guint i = 0; i < chart->n_points; i++)
    if (chart->points[i].has_value)
      max = MAX (max, chart->points[i].value);
  if (chart->frame.has_reference)
    max = MAX (max, chart->frame.reference);
  axis_scale (max, chart->frame.whole, &axis_max, &step);

  open_svg (out, chart->frame.id, chart->frame.title, chart->frame.desc, WIDTH, LINE_HEIGHT);
  append_line_axis (out, plot_bottom, plot_height, axis_max, step, chart->frame.percent);

  if (chart->frame.has_reference)
    {
      double y = plot_bottom - plot_height * chart->frame.reference / axis_max;
      append_line (out, LINE_LEFT, y, WIDTH - LINE_RIGHT, y,
                   "stroke=\"" REFERENCE "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"");
      append_text (out, WIDTH - LINE_RIGHT, y - 6.0, "end", "fill=\"" REFERENCE "\" " SMALL " font-weight=\"bold\"",
                   chart->frame.reference_text, 0);
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

      append_text (out, x, plot_bottom + 20.0, "middle", "fill=\"" TEXT "\"", point->label, label_chars);
      if (point->has_value)
        {
          double y = plot_bottom - plot_height * point->value / axis_max;
          g_string_append (out, "<circle");
          attr_number (out, "cx", x);
          attr_number (out, "cy", y);
          g_string_append (out, " r=\"5\" fill=\"" BAR_FILL "\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n");
          append_text (out, x, y - 11.0, "middle", HALO "font-weight=\"bold\" fill=\"" TEXT "\"", point->value_text,
                       0);
        }
      else
        append_text (out, x, plot_bottom - 8.0, "middle", "font-style=\"italic\" fill=\"" MUTED "\"",
                     point->value_text, 0);
    }
  g_string_append (out, "</svg>\n");
}

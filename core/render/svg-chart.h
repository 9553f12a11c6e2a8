/* svg-chart.h: a horizontal bar chart and a small line chart, written as
 * inline SVG text for an HTML page: no script, no external reference, no
 * font of their own (the page's). Each chart has a <title> and a <desc>
 * (role="img", aria-labelledby) and carries its figures as text beside the
 * marks, so that nothing is told by colour alone.
 *
 * The charts know nothing of bundles: they take labels, values placed on a
 * linear axis from 0, and the texts to print, already formatted by the
 * caller. Every text is escaped here. Output is deterministic: coordinates
 * are written with one decimal, independently of the locale. Both are drawn
 * IC_SVG_WIDTH units wide with text of 13 and 14 units: the page shows them
 * between 360 and 540 px wide, so that no text is drawn under 10 px. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IC_SVG_WIDTH 420

/* Appends @text with &, <, >, " and ' escaped, fit for HTML and SVG text and
 * quoted attribute values; control characters other than tab, line feed and
 * carriage return become U+FFFD. */
void ic_svg_append_escaped (GString *out, const char *text);

typedef struct {
  const char *label;      /* at the left of the bar */
  gboolean has_value;     /* FALSE: no bar, the value text in italics */
  double value;           /* where the bar ends (negative values draw nothing) */
  const char *value_text; /* printed after the bar */
  gboolean emphasis;      /* a total among parts: darker bar, bold label */
  gboolean has_interval;  /* a 95 % interval drawn across the bar's end */
  double low, high;
} IcSvgBar;

/* What every chart has: its names, its text alternative, its scale and
 * its reference line. */
typedef struct {
  const char *id;             /* unique in the page; prefixes the ids the chart defines */
  const char *title;          /* <title>: what the chart shows */
  const char *desc;           /* <desc>: its content in words */
  gboolean percent;           /* axis labels with " %" */
  gboolean whole;             /* ticks at whole numbers only (counts) */
  gboolean has_reference;     /* a reference line (the target) across the chart */
  double reference;
  const char *reference_text; /* its label: "Cible ≥ 20 %" */
} IcSvgFrame;

typedef struct {
  IcSvgFrame frame;
  const IcSvgBar *bars;
  guint n_bars;
} IcSvgBarChart;

/* Appends the bar chart as one <svg> element, laid out for a phone's
 * width: each bar on its own row under its label and its value text, so
 * that the chart's text stays at least 10 px wherever it is shown from
 * 360 px wide (the page keeps it at most 1.5 times as large). */
void ic_svg_bar_chart (GString *out, const IcSvgBarChart *chart);

typedef struct {
  const char *label;      /* on the x axis: "2023" */
  gboolean has_value;
  double value;
  const char *value_text; /* above the point, or at the axis when there is no value ("n.d.") */
} IcSvgPoint;

typedef struct {
  IcSvgFrame frame;         /* the reference line is horizontal */
  const IcSvgPoint *points; /* in order along the x axis; a point without value breaks the line */
  guint n_points;
} IcSvgLineChart;

/* Appends the line chart as one <svg> element. */
void ic_svg_line_chart (GString *out, const IcSvgLineChart *chart);

G_END_DECLS

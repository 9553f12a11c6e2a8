/* render-html-method.h: how the HTML report's figures were made
 * (render-html-method.c) and its breakdowns' tables
 * (render-html-breakdown.c), for render-html.c. */
#pragma once

#include <glib.h>

#include "bundle-view.h"

G_BEGIN_DECLS

/* Appends @open, @text escaped (svg-chart.h), then @close: an element. */
void ic_html_element (GString *out, const char *open, const char *text, const char *close);

/* Appends the method of @indicator, the @index-th of the page: a <section>
 * with a heading and a description list. */
void ic_html_append_method (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator,
                            guint index);

/* Appends the tables of @indicator's breakdowns (render-html-breakdown.c),
 * one per breakdown, under its territories; nothing without one. */
void ic_html_append_breakdowns (GString *out, const IcBundleView *bundle, const IcBundleIndicator *indicator);

/* What the breakdowns' tables look like: added to the page's style when
 * some indicator has one (a page without keeps its bytes). */
#define IC_HTML_BREAKDOWN_STYLE                                                                               \
  ".breakdown{margin:.6rem 0 1rem}\n"                                                                         \
  ".breakdown caption{text-align:left;font-weight:700;padding:.3rem 0}\n"                                     \
  ".breakdown th,.breakdown td{border-bottom:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}\n" \
  ".breakdown .num{text-align:right}\n"

/* Appends the appendix of the files read, with their SHA-256; nothing
 * when the bundle lists none. */
void ic_html_append_appendix (GString *out, const IcBundleView *bundle);

G_END_DECLS

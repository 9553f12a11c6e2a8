/* render-html-method.h: how the HTML report's figures were made
 * (render-html-method.c), for render-html.c. */
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

/* Appends the appendix of the files read, with their SHA-256; nothing
 * when the bundle lists none. */
void ic_html_append_appendix (GString *out, const IcBundleView *bundle);

G_END_DECLS

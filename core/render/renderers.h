/* renderers.h: the formats, each writing a bundle for people, appended to
 * @out; listed once in render-formats.c, which is all the rest calls. */
#pragma once

#include <glib.h>

#include "bundle-view.h"

G_BEGIN_DECLS

void ic_render_text (const IcBundleView *bundle, GString *out); /* render-text.c: sentences for the SOLEN form */
void ic_render_csv (const IcBundleView *bundle, GString *out);  /* render-csv.c: a spreadsheet for Excel (French) */
void ic_render_md (const IcBundleView *bundle, GString *out);   /* render-md.c: Markdown */
void ic_render_html (const IcBundleView *bundle, GString *out); /* render-html.c: one page with SVG charts */
void ic_render_solen (const IcBundleView *bundle, GString *out); /* render-solen.c: the SOLEN form's fields */

/* The longest line of the solen rendering, in characters. */
#define IC_RENDER_SOLEN_WIDTH 100

G_END_DECLS

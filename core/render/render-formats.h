/* render-formats.h: the one list of formats `indicore render` writes (and
 * `run --config` beside the bundle): each one's name, file extension and
 * renderer. The renderings compute nothing: every figure is the bundle's. */
#pragma once

#include <glib.h>

#include "bundle-view.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;      /* as given to --format and in indicore.conf: "text" */
  const char *extension; /* of the file beside the bundle: "txt" */
  void (*render) (const IcBundleView *bundle, GString *out);
} IcRenderFormat;

/* The format called @name, or NULL; a static entry of the list. */
const IcRenderFormat *ic_render_format_find (const char *name);

/* The names of the formats, in the list's order, joined by @separator and
 * the last two by @last: "text, csv, html or md" with ", " and " or ".
 * Newly allocated. */
char *ic_render_format_names (const char *separator, const char *last);

/* The rendering of @bundle in @format: a new string (g_string_free). */
GString *ic_render (const IcBundleView *bundle, const IcRenderFormat *format);

G_END_DECLS

/* render-formats.c: the list of formats, written once, and the dispatch to
 * their renderers; the only file that knows them all (the renderers know
 * only the bundle view and the wording). */
#include "render-formats.h"

#include "renderers.h"

static const IcRenderFormat formats[] = {
  { "text", "txt", ic_render_text },
  { "csv", "csv", ic_render_csv },
  { "html", "html", ic_render_html },
  { "md", "md", ic_render_md },
  { "solen", "solen.txt", ic_render_solen },
};

const IcRenderFormat *
ic_render_format_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (name, formats[i].name) == 0)
      return &formats[i];
  return NULL;
}

char *
ic_render_format_names (const char *separator, const char *last)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (i > 0)
        g_string_append (names, i + 1 == G_N_ELEMENTS (formats) ? last : separator);
      g_string_append (names, formats[i].name);
    }
  return g_string_free (names, FALSE);
}

GString *
ic_render (const IcBundleView *bundle, const IcRenderFormat *format)
{
  GString *out = g_string_new (NULL);
  format->render (bundle, out);
  return out;
}

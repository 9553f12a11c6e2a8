/* cmd-render.c: `indicore render BUNDLE --format text|csv|html|md
 * [--previous BUNDLE]... [--out FILE]`: the bundle for people. */
#include <stdio.h>

#include "commands.h"
#include "bundle-reader.h"
#include "render-formats.h"

static gboolean
write_output (const char *path, const GString *text, GError **error)
{
  if (path == NULL || g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (text->str, 1, text->len, stdout) != text->len || fflush (stdout) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("cannot write to standard output"));
          return FALSE;
        }
      return TRUE;
    }
  /* Atomically, as the bundle: a temporary file renamed into place. */
  return g_file_set_contents_full (path, text->str, (gssize) text->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

int
ic_cmd_render (int argc, char **argv)
{
  g_autofree char *format_name = NULL, *out = NULL;
  g_autofree char *names = ic_render_format_names (", ", _(" or "));
  g_autofree char *format_help = g_strdup_printf (_("%s (default: text)"), names);
  g_auto (GStrv) previous_paths = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, format_help, N_("FORMAT") },
    { "previous", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &previous_paths,
      N_("An earlier year's bundle, added to the trend (repeatable)"), N_("BUNDLE") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Output file (default: standard output)"), N_("FILE") },
    { NULL }
  };
  g_autoptr (IcBundleView) bundle = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = NULL;
  const IcRenderFormat *format = ic_render_format_find ("text");

  if (!ic_cmd_parse ("render", N_("BUNDLE"),
                     N_("Formats a bundle for people: text for the SOLEN form, CSV for a spreadsheet,\n"
                        "an HTML report with charts, or Markdown. Computes nothing: shows what the bundle says."),
                     entries, &argc, &argv))
    return IC_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("indicore render: %s\nTry 'indicore render --help'.\n"),
                  argc < 2 ? _("a bundle file is required") : _("one bundle only (earlier years go with --previous)"));
      return IC_EXIT_USAGE;
    }
  if (format_name != NULL && (format = ic_render_format_find (format_name)) == NULL)
    {
      g_printerr (_("indicore render: --format: expected %s\n"), names);
      return IC_EXIT_USAGE;
    }

  bundle = ic_bundle_read (argv[1], &error);
  if (bundle == NULL)
    {
      g_printerr (_("indicore render: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  for (guint i = 0; previous_paths && previous_paths[i]; i++)
    {
      g_autoptr (IcBundleView) previous = ic_bundle_read (previous_paths[i], &error);
      if (previous == NULL || !ic_bundle_view_add_previous (bundle, previous, &error))
        {
          g_printerr (_("indicore render: --previous: %s\n"), error->message);
          return IC_EXIT_USAGE;
        }
    }

  text = ic_render (bundle, format);
  if (!write_output (out, text, &error))
    {
      g_printerr (_("indicore render: %s\n"), error->message);
      return IC_EXIT_USAGE;
    }
  if (out != NULL && g_strcmp0 (out, "-") != 0)
    g_printerr (_("indicore render: %s written to %s\n"), format_name ? format_name : "text", out);
  return IC_EXIT_OK;
}

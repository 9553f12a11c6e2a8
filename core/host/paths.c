#include "paths.h"

#include "version.h"

gboolean
ic_paths_uninstalled (void)
{
  static gint cached = -1;
  if (cached < 0)
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = exe ? g_path_get_dirname (exe) : NULL;
      g_autofree char *build = g_canonicalize_filename (IC_BUILD_ROOT, NULL);
      g_autofree char *here = dir ? g_canonicalize_filename (dir, NULL) : NULL;
      cached = here != NULL && g_strcmp0 (here, build) == 0;
    }
  return cached;
}

const char *
ic_paths_builtin_plugins (void)
{
  return ic_paths_uninstalled () ? IC_BUILD_PLUGIN_DIR : IC_PLUGIN_DIR;
}

const char *
ic_paths_builtin_definitions (void)
{
  return ic_paths_uninstalled () ? IC_SOURCE_DEFINITIONS_DIR : IC_DEFINITIONS_DIR;
}

char **
ic_paths_plugin_search (const char *const *cli_dirs)
{
  g_autoptr (GStrvBuilder) dirs = g_strv_builder_new ();
  const char *env = g_getenv ("INDICORE_PLUGIN_PATH");

  for (guint i = 0; cli_dirs && cli_dirs[i]; i++)
    g_strv_builder_add (dirs, cli_dirs[i]);
  if (env != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
      for (guint i = 0; parts[i]; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (dirs, parts[i]);
    }
  g_strv_builder_add (dirs, ic_paths_builtin_plugins ());
  return g_strv_builder_end (dirs);
}

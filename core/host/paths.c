#include "paths.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
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

/* The directory $@variable names when set and not empty, else the source
 * tree's when uninstalled, else the installed one. */
static const char *
data_dir (const char *variable, const char *source, const char *installed)
{
  const char *env = g_getenv (variable);
  if (env != NULL && *env != '\0')
    return env;
  return ic_paths_uninstalled () ? source : installed;
}

const char *
ic_paths_builtin_frameworks (void)
{
  return data_dir ("INDICORE_FRAMEWORKS_DIR", IC_SOURCE_FRAMEWORKS_DIR, IC_FRAMEWORKS_DIR);
}

const char *
ic_paths_builtin_tables (void)
{
  return data_dir ("INDICORE_TABLES_DIR", IC_SOURCE_TABLES_DIR, IC_TABLES_DIR);
}

const char *
ic_paths_scaffold (void)
{
  return data_dir ("INDICORE_SCAFFOLD_DIR", IC_SOURCE_SCAFFOLD_DIR, IC_SCAFFOLD_DIR);
}

const char *
ic_paths_locale_dir (void)
{
  return ic_paths_uninstalled () ? IC_BUILD_LOCALE_DIR : IC_LOCALE_DIR;
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

/* @path cannot be opened: @errsv in the terminal's language and in French. */
static void
not_a_file (GError **error, const char *path, int errsv)
{
  g_autofree char *message = g_strdup_printf (_("not a regular file: %s: %s"), path, g_strerror (errsv));
  g_autofree char *french = g_strdup_printf ("ce n'est pas un fichier ordinaire : %s : %s", path,
                                             ic_loader_errno_french (errsv));
  ic_loader_set_error_literal (error, IC_LOADER_ERROR_NOT_A_FILE, message, french);
}

/* Nobody but root or us could have changed what @st describes. */
static gboolean
check_trusted (const struct stat *st, gboolean file, const char *path, GError **error)
{
  uid_t self = geteuid ();
  gboolean sticky = S_ISDIR (st->st_mode) && (st->st_mode & S_ISVTX);
  gboolean anyone = (st->st_mode & S_IWOTH) != 0;
  g_autofree char *message = NULL;
  g_autofree char *french = NULL;

  if (st->st_uid != 0 && st->st_uid != self)
    {
      message = g_strdup_printf (_("untrusted %s %s: owned by uid %u, neither root nor the user running indicore (uid %u)"),
                                 file ? _("plugin file") : _("plugin directory"), path, (guint) st->st_uid, (guint) self);
      french = g_strdup_printf ("%s %s non sûr : il appartient à l'uid %u, qui n'est ni root ni l'utilisateur "
                                "qui lance indicore (uid %u)", file ? "fichier de module" : "dossier de modules", path,
                                (guint) st->st_uid, (guint) self);
    }
  else if (!sticky && (anyone || ((st->st_mode & S_IWGRP) && st->st_gid != 0)))
    {
      message = g_strdup_printf (_("untrusted %s %s: writable by %s (mode %04o): chmod go-w it"),
                                 file ? _("plugin file") : _("plugin directory"), path,
                                 anyone ? _("anyone") : _("its group"), (guint) (st->st_mode & 07777));
      french = g_strdup_printf ("%s %s non sûr : %s peut y écrire (mode %04o) : « chmod go-w » le corrige",
                                file ? "fichier de module" : "dossier de modules", path,
                                anyone ? "tout le monde" : "son groupe", (guint) (st->st_mode & 07777));
    }
  else
    return TRUE;
  ic_loader_set_error_literal (error, IC_LOADER_ERROR_UNTRUSTED, message, french);
  return FALSE;
}

/* Opens @name under @dir_fd (the directory @dir_path) without following
 * a link, and checks it; -1 with @error. */
static int
open_step (int dir_fd, const char *dir_path, const char *name, gboolean last, GError **error)
{
  g_autofree char *path = g_build_filename (dir_path, name, NULL);
  int flags = last ? O_RDONLY | O_NONBLOCK | O_NOCTTY : O_PATH | O_DIRECTORY;
  int fd = openat (dir_fd, name, flags | O_NOFOLLOW | O_CLOEXEC);
  struct stat st;

  if (fd < 0)
    {
      int saved = errno;
      if (saved == ELOOP)
        ic_loader_set_error (error, IC_LOADER_ERROR_UNTRUSTED,
                             _("%s: a symbolic link, which could be made to point elsewhere: give the real path"),
                             "%s : un lien symbolique, qu'on pourrait faire pointer ailleurs : donner le vrai chemin", path);
      else
        not_a_file (error, path, saved);
      return -1;
    }
  if (fstat (fd, &st) != 0 || (last && !S_ISREG (st.st_mode)))
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_NOT_A_FILE, _("not a regular file: %s"),
                           "ce n'est pas un fichier ordinaire : %s", path);
      close (fd);
      return -1;
    }
  if (!check_trusted (&st, last, path, error))
    {
      close (fd);
      return -1;
    }
  return fd;
}

int
ic_paths_open_plugin (const char *path, GError **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *directory = g_path_get_dirname (absolute);
  g_autofree char *name = g_path_get_basename (absolute);
  /* The directory's symbolic links resolved once (/lib is often one);
   * the walk below then refuses any link that appears meanwhile. */
  g_autofree char *real = realpath (directory, NULL);
  g_auto (GStrv) parts = NULL;
  g_autofree char *walked = g_strdup ("/");
  int fd;
  struct stat st;

  if (real == NULL)
    {
      not_a_file (error, directory, errno);
      return -1;
    }
  fd = open ("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0 || !check_trusted (&st, FALSE, "/", error))
    {
      if (fd >= 0)
        close (fd);
      else
        not_a_file (error, "/", errno);
      return -1;
    }
  parts = g_strsplit (real, "/", -1);
  for (guint i = 0; parts[i]; i++)
    {
      int next;
      char *longer;
      if (*parts[i] == '\0')
        continue;
      next = open_step (fd, walked, parts[i], FALSE, error);
      close (fd);
      if (next < 0)
        return -1;
      fd = next;
      longer = g_build_filename (walked, parts[i], NULL);
      g_free (walked);
      walked = longer;
    }
  {
    int file = open_step (fd, walked, name, TRUE, error);
    close (fd);
    return file;
  }
}

/* config.c: reads a département's indicore.conf (GKeyFile) into an
 * IcConfig, paths made absolute, unknown keys and formats refused. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "render-formats.h"
#include "definition.h"
#include "suppress.h"

G_DEFINE_QUARK (ic-config-error-quark, ic_config_error)

#define MAIN_GROUP "indicore"
#define INDICATOR_PREFIX "indicator "
#define FICHES_PREFIX "fiches "
#define TARGET_PREFIX "target_"

static const char *const main_keys[] = {
  "department", "department_name", "data", "output", "plugins", "formats",
  "lenient", "small_count", "plugin_timeout", "plugin_memory", "framework", NULL
};

static gboolean
invalid (GError **error, const char *path, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError **error, const char *path, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, IC_CONFIG_ERROR, IC_CONFIG_ERROR_INVALID, "%s: %s", path, message);
  return FALSE;
}

static char *
resolve (const char *base, const char *path)
{
  if (g_path_is_absolute (path))
    return g_canonicalize_filename (path, NULL);
  return g_canonicalize_filename (path, base);
}

static gboolean
get_int (GKeyFile *file, IcConfig *config, const char *group, const char *key, gint64 fallback,
         gint64 *out, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *text = g_key_file_get_value (file, group, key, NULL);
  gint64 value;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  value = g_key_file_get_int64 (file, group, key, &local);
  if (local != NULL || value < 0)
    return invalid (error, config->path, _("[%s] %s: expected a whole number >= 0"), group, key);
  *out = value;
  return TRUE;
}

static gboolean
read_main (GKeyFile *file, IcConfig *config, const char *base, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (file, MAIN_GROUP, NULL, NULL);
  g_autofree char *data = NULL, *output = NULL;
  g_auto (GStrv) plugins = NULL;
  g_autoptr (GError) local = NULL;

  if (keys == NULL)
    return invalid (error, config->path, "%s", _("no [indicore] group"));
  for (guint i = 0; keys[i]; i++)
    if (!g_strv_contains (main_keys, keys[i]))
      return invalid (error, config->path, _("[indicore] %s: unknown key (a typo?)"), keys[i]);

  config->department = g_key_file_get_string (file, MAIN_GROUP, "department", NULL);
  data = g_key_file_get_string (file, MAIN_GROUP, "data", NULL);
  output = g_key_file_get_string (file, MAIN_GROUP, "output", NULL);
  if (config->department == NULL || data == NULL || output == NULL)
    return invalid (error, config->path, "%s", _("[indicore] needs department, data and output"));
  config->department_name = g_key_file_get_string (file, MAIN_GROUP, "department_name", NULL);
  config->framework = g_key_file_get_string (file, MAIN_GROUP, "framework", NULL);
  if (config->framework != NULL && !g_regex_match_simple ("^[0-9A-Za-z_-]+$", config->framework, 0, 0))
    return invalid (error, config->path, "%s", _("[indicore] framework: expected a framework's id, such as 2025-2027"));
  config->data_dir = resolve (base, data);
  config->output_dir = resolve (base, output);

  plugins = g_key_file_get_string_list (file, MAIN_GROUP, "plugins", NULL, NULL);
  config->plugin_dirs = g_new0 (char *, (plugins ? g_strv_length (plugins) : 0) + 1);
  for (guint i = 0; plugins && plugins[i]; i++)
    config->plugin_dirs[i] = resolve (base, plugins[i]);

  config->formats = g_key_file_get_string_list (file, MAIN_GROUP, "formats", NULL, NULL);
  if (config->formats == NULL)
    config->formats = g_new0 (char *, 1);
  for (guint i = 0; config->formats[i]; i++)
    if (ic_render_format_find (config->formats[i]) == NULL)
      {
        g_autofree char *known = ic_render_format_names (", ", ", ");
        return invalid (error, config->path, _("[indicore] formats: unknown format %s (known: %s)"),
                        config->formats[i], known);
      }

  if (g_key_file_has_key (file, MAIN_GROUP, "lenient", NULL))
    {
      config->lenient = g_key_file_get_boolean (file, MAIN_GROUP, "lenient", &local);
      if (local != NULL)
        return invalid (error, config->path, "%s", _("[indicore] lenient: expected true or false"));
    }
  return get_int (file, config, MAIN_GROUP, "small_count", IC_SMALL_COUNT_DEFAULT, &config->small_count, error)
         && get_int (file, config, MAIN_GROUP, "plugin_timeout", 60, &config->plugin_timeout, error)
         && get_int (file, config, MAIN_GROUP, "plugin_memory", 0, &config->plugin_memory, error);
}

/* target_YYYY=TARGET of [indicator ID]: the département's target. */
static gboolean
read_target (GKeyFile *file, IcConfig *config, const char *group, const char *id, const char *key, GError **error)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);
  g_autofree char *problem = NULL;
  const char *year_text = key + strlen (TARGET_PREFIX);
  GHashTable *years;
  IcTarget target;
  guint64 year;

  if (!g_ascii_string_to_unsigned (year_text, 10, 1900, 9998, &year, NULL) || strlen (year_text) != 4)
    return invalid (error, config->path, _("[%s] %s: expected target_YYYY, a year from 1900 to 9998"), group, key);
  if (text == NULL || !ic_target_parse (text, &target, &problem))
    return invalid (error, config->path, "[%s] %s: %s", group, key, problem ? problem : _("expected a target"));
  target.origin = IC_TARGET_DEPARTMENT;
  years = g_hash_table_lookup (config->targets, id);
  if (years == NULL)
    {
      years = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      g_hash_table_replace (config->targets, g_strdup (id), years);
    }
  g_hash_table_replace (years, GINT_TO_POINTER ((int) year), g_memdup2 (&target, sizeof target));
  return TRUE;
}

/* [fiches FRAMEWORK]: objective_N=FICHE. */
static gboolean
read_fiches (GKeyFile *file, IcConfig *config, const char *group, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);
  GHashTable *fiches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_replace (config->fiches, g_strdup (group + strlen (FICHES_PREFIX)), fiches);
  for (guint k = 0; keys && keys[k]; k++)
    {
      g_autofree char *fiche = g_key_file_get_string (file, group, keys[k], NULL);
      guint64 number;
      if (!g_str_has_prefix (keys[k], "objective_")
          || !g_ascii_string_to_unsigned (keys[k] + strlen ("objective_"), 10, 1, 1000, &number, NULL))
        return invalid (error, config->path, _("[%s] %s: expected objective_N=FICHE (objective_3=4-5)"), group, keys[k]);
      if (fiche == NULL || *g_strstrip (fiche) == '\0' || strlen (fiche) > 40)
        return invalid (error, config->path, _("[%s] %s: expected a fiche number of 1 to 40 characters"), group, keys[k]);
      g_hash_table_replace (fiches, g_strdup_printf ("%u", (guint) number), g_steal_pointer (&fiche));
    }
  return TRUE;
}

static gboolean
read_overrides (GKeyFile *file, IcConfig *config, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);

  for (guint g = 0; groups[g]; g++)
    {
      const char *id;
      g_auto (GStrv) keys = NULL;
      GHashTable *parameters;

      if (strcmp (groups[g], MAIN_GROUP) == 0)
        continue;
      if (g_str_has_prefix (groups[g], FICHES_PREFIX))
        {
          if (!read_fiches (file, config, groups[g], error))
            return FALSE;
          continue;
        }
      if (!g_str_has_prefix (groups[g], INDICATOR_PREFIX))
        return invalid (error, config->path,
                        _("[%s]: unknown group (expected [indicore], [indicator ID] or [fiches FRAMEWORK])"), groups[g]);
      id = groups[g] + strlen (INDICATOR_PREFIX);
      parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_replace (config->overrides, g_strdup (id), parameters);
      keys = g_key_file_get_keys (file, groups[g], NULL, NULL);
      for (guint k = 0; keys && keys[k]; k++)
        {
          gint64 value;
          if (g_str_has_prefix (keys[k], TARGET_PREFIX))
            {
              if (!read_target (file, config, groups[g], id, keys[k], error))
                return FALSE;
              continue;
            }
          if (!get_int (file, config, groups[g], keys[k], 0, &value, error))
            return FALSE;
          /* The same bound as a definition file's parameters. */
          if (value > IC_DEFINITION_PARAMETER_MAX)
            return invalid (error, config->path, _("[%s] %s: expected a whole number from 0 to %lld"),
                            groups[g], keys[k], (long long) IC_DEFINITION_PARAMETER_MAX);
          g_hash_table_replace (parameters, g_strdup (keys[k]), g_memdup2 (&value, sizeof value));
        }
    }
  return TRUE;
}

IcConfig *
ic_config_load (const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (IcConfig) config = g_new0 (IcConfig, 1);
  g_autoptr (GError) local = NULL;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *base = g_path_get_dirname (absolute);

  config->path = g_strdup (path);
  config->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_hash_table_unref);
  config->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  config->fiches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, IC_CONFIG_ERROR, IC_CONFIG_ERROR_READ, "%s: %s", path, local->message);
      return NULL;
    }
  if (!read_main (file, config, base, error) || !read_overrides (file, config, error))
    return NULL;
  return g_steal_pointer (&config);
}

void
ic_config_free (IcConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->path);
  g_free (config->department);
  g_free (config->department_name);
  g_free (config->data_dir);
  g_free (config->output_dir);
  g_strfreev (config->plugin_dirs);
  g_strfreev (config->formats);
  g_clear_pointer (&config->overrides, g_hash_table_unref);
  g_clear_pointer (&config->targets, g_hash_table_unref);
  g_clear_pointer (&config->fiches, g_hash_table_unref);
  g_free (config->framework);
  g_free (config);
}

GHashTable *
ic_config_targets_for_year (const IcConfig *config, int year)
{
  GHashTable *targets = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id, years;

  g_hash_table_iter_init (&iter, config->targets);
  while (g_hash_table_iter_next (&iter, &id, &years))
    {
      IcTarget *target = g_hash_table_lookup (years, GINT_TO_POINTER (year));
      if (target != NULL)
        g_hash_table_insert (targets, id, target);
    }
  return targets;
}

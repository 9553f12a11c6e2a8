/* config.h: a département's settings for its yearly runs, in one GKeyFile
 * (indicore.conf), so that the run needs no option at all:
 *
 *   [indicore]
 *   department=23
 *   department_name=Creuse
 *   data=exports            # relative paths are relative to the file
 *   output=bundles
 *   plugins=/opt/indicore-local/plugins
 *   formats=text;csv;html;md
 *   small_count=10
 *   lenient=false
 *   plugin_timeout=60
 *   plugin_memory=4096       # MiB one plugin may use (0: the default)
 *
 *   framework=2025-2027      # optional: the contract (default: the one of the year)
 *
 *   [indicator bsem_coverage]
 *   age_min_months=36        # overrides the definition's parameter
 *   target_2025=count >= 800 # the département's target for 2025 (see ic_target_parse)
 *
 *   [fiches 2025-2027]
 *   objective_3=4-5          # the département's fiche numbers, objective by objective
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IC_CONFIG_ERROR (ic_config_error_quark ())
GQuark ic_config_error_quark (void);

typedef enum {
  IC_CONFIG_ERROR_READ,     /* cannot read, or not a key file */
  IC_CONFIG_ERROR_INVALID,  /* a key missing, unknown, or of the wrong type */
} IcConfigError;

typedef struct {
  char *path;
  char *department;
  char *department_name;   /* or NULL */
  char *data_dir;          /* absolute */
  char *output_dir;        /* absolute */
  char **plugin_dirs;      /* absolute, NULL-terminated (may be empty) */
  char **formats;          /* renderings to write beside the bundle */
  gboolean lenient;
  gint64 small_count;
  gint64 plugin_timeout;
  gint64 plugin_memory;
  GHashTable *overrides;   /* indicator id -> GHashTable (parameter -> gint64 *) */
  char *framework;         /* the framework's id, or NULL: the one of the year */
  GHashTable *targets;     /* indicator id -> GHashTable (year as GINT_TO_POINTER -> IcTarget *) */
  GHashTable *fiches;      /* framework id -> GHashTable (objective number "3" -> fiche "4-5") */
} IcConfig;

IcConfig *ic_config_load (const char *path, GError **error);

/* The département's targets for @year: indicator id -> IcTarget * (origin
 * department), borrowed from @config; a new table (g_hash_table_unref). */
GHashTable *ic_config_targets_for_year (const IcConfig *config, int year);
void ic_config_free (IcConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcConfig, ic_config_free)

G_END_DECLS

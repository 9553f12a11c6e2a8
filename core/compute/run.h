/* run.h: one computation for one département and one year: read the data
 * once, compute every selected indicator, gather the results. */
#pragma once

#include <glib.h>

#include "dataset.h"
#include "loader.h"
#include "history.h"
#include "problems.h"
#include "result.h"
#include "sandbox.h"

G_BEGIN_DECLS

#define IC_RUN_ERROR (ic_run_error_quark ())
GQuark ic_run_error_quark (void);

typedef enum {
  IC_RUN_ERROR_USAGE,   /* an option is wrong: an unknown id in --only, a year out of range */
} IcRunError;

typedef struct {
  const char *data_dir;
  int year;
  const char *department_code;
  const char *department_name;  /* may be NULL */
  gboolean lenient;
  const char *const *only;      /* ids, or NULL for every plugin */
  IcHistory *previous;         /* the latest earlier bundle, for progress and change; may be NULL */
  GHashTable *overrides;        /* indicator id -> GHashTable (parameter -> gint64 *); may be NULL */
  GPtrArray *history;           /* every earlier bundle (IcHistory), by year, for the trends; may be NULL */
  gboolean no_isolation;        /* compute in this process (debugging) */
  guint plugin_timeout;         /* seconds a plugin may take when isolated; 0: no limit */
  guint plugin_memory;          /* MiB of address space a plugin may use when isolated; 0: the default */
  gint64 small_count;           /* strata counts from 1 to this are suppressed */
  gboolean no_suppression;      /* publish every count (internal use; recorded in the bundle) */
  IcInputOptions input;         /* how the files are read (threads) */
  const IcFramework *framework; /* the contract's framework; NULL: the one in force for the year
                                   (ic_paths_builtin_frameworks), or none when none covers it */
  GHashTable *department_targets; /* indicator id -> IcTarget * of the year, set by the
                                     département (they replace the national ones); may be NULL */
  GHashTable *fiches;           /* objective number ("3") -> the département's fiche number
                                   ("4-5"); may be NULL */
  gboolean check_year;          /* fail when no record is of @year (ic_dataset_check_year) */
} IcRunOptions;

typedef struct {
  IcRunOptions options;
  IcPluginSet *plugins;         /* borrowed */
  IcDataset *dataset;
  GPtrArray *results;           /* IcResult, sorted by id */
  IcIsolation isolation;        /* what confined the plugins (the bundle records it) */
  const IcFramework *framework; /* the framework the results are placed in, or NULL */
  IcFramework *own_framework;   /* the one the run loaded itself */
} IcRun;

/* Reads the data and computes. Returns NULL with @error when the input is
 * invalid (the problems are in @problems and in the message) or an option
 * is wrong: nothing was computed. A plugin's failure is not a run failure:
 * it is that indicator's status. */
IcRun *ic_run_execute (IcPluginSet *plugins, const IcRunOptions *options, IcProblems *problems, GError **error);
void ic_run_free (IcRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcRun, ic_run_free)

/* TRUE when some indicator has status error. */
gboolean ic_run_has_error (IcRun *run);

/* Which tables the plugins may read, directly or to derive a population:
 * a new array of one boolean per table of the registry (ic_tables()). */
gboolean *ic_run_wanted_tables (GPtrArray *plugins);

/* Which columns of each table the run stores (ic_dataset_load_columns()):
 * for each table of the registry, one boolean per column, TRUE for a
 * column some plugin declares (every column of its tables for a plugin
 * without a list), for what its populations need, and for the core's own
 * (territory, dated_by). A new array of g_free'd arrays. */
GPtrArray *ic_run_kept_columns (GPtrArray *plugins);

/* The warning of an indicator reading @file, of which --lenient set @rows
 * invalid rows aside: "actes.csv : 1 ligne invalide écartée (--lenient)".
 * Newly allocated. */
char *ic_run_set_aside_warning (const char *file, gint64 rows);

G_END_DECLS

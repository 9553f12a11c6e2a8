/* dataset.h: the département's data directory, read once: every table a
 * loaded plugin may use, and the territory dictionary they share. */
#pragma once

#include <glib.h>

#include "interner.h"
#include "problems.h"
#include "table.h"
#include "table-registry.h"

G_BEGIN_DECLS

#define IC_DATASET_ERROR (ic_dataset_error_quark ())
GQuark ic_dataset_error_quark (void);

typedef enum {
  IC_DATASET_ERROR_NO_DIRECTORY, /* the data directory does not exist or is not a directory */
  IC_DATASET_ERROR_INVALID,      /* strict mode found invalid input: see the problems */
  IC_DATASET_ERROR_NO_INPUT,     /* the directory holds none of the input files */
  IC_DATASET_ERROR_MISNAMED,     /* a file looks like an absent input file misnamed, or a spreadsheet */
  IC_DATASET_ERROR_NO_DATA_FOR_YEAR, /* no record nor population of the year asked for */
} IcDatasetError;

typedef struct {
  char *directory;
  gboolean lenient;
  IcInterner *territories;        /* id 0 is "" (no territory) */
  const IcTableRegistry *registry; /* the process's (ic_tables()) */
  GPtrArray *tables;   /* IcTable *, NULL when not read: one per table of the
                        * registry when read, in its order */
  gboolean *present;   /* tables->len: the table's file exists in the directory */
} IcDataset;

/* Reads, from @directory, the tables of the registry (ic_tables()) flagged
 * in @wanted (one boolean per table, in the registry's order; NULL: every
 * table) whose file is present. In strict mode any
 * problem fails with IC_DATASET_ERROR_INVALID and the problems in
 * @problems; with @lenient, invalid rows are set aside and counted, and only
 * a file that cannot be read at all fails. @options (may be NULL): how
 * the files are read (threads). */
IcDataset *ic_dataset_load (const char *directory,
                            const gboolean *wanted,
                            gboolean lenient,
                            const IcInputOptions *options,
                            IcProblems *problems,
                            GError **error);

/* The same, storing of each table only the columns @keep says (one array
 * per table of the registry, one boolean per column of its schema; NULL
 * arrays: every column): every column is still read and checked, the
 * others' values freed as soon as their table is read
 * (ic_table_keep_columns()). */
IcDataset *ic_dataset_load_columns (const char *directory,
                                    const gboolean *wanted,
                                    gboolean *const *keep,
                                    gboolean lenient,
                                    const IcInputOptions *options,
                                    IcProblems *problems,
                                    GError **error);

void ic_dataset_free (IcDataset *dataset);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcDataset, ic_dataset_free)

/* Before reading: FALSE with @error set when @directory is not a
 * directory (IC_DATASET_ERROR_NO_DIRECTORY), holds a file that looks like
 * an absent input file misnamed or saved as a spreadsheet
 * (IC_DATASET_ERROR_MISNAMED: « Actes.CSV: did you mean actes.csv? », one
 * line a file), or holds none of the input files
 * (IC_DATASET_ERROR_NO_INPUT). The commands call it: ic_dataset_load()
 * itself reads whatever is there, an absent file being no error. */
gboolean ic_dataset_check_directory (const char *directory, GError **error);

/* The `.csv` files of @directory (any case of the extension) that are no
 * table's file, sorted by name: read by nothing, for `validate` to warn
 * about (a file that looks like an absent table's under another name is
 * refused before, by ic_dataset_check_directory()). A new
 * NULL-terminated array (g_strfreev), empty when none. */
char **ic_dataset_unclaimed_files (const char *directory);

/* The years @dataset covers, in a new array of ints, ascending: those of
 * each table's `dated_by` column (its records' own dates, not a person's
 * birth date nor the end of an evaluation; the reference populations'
 * periods, a school year covering both its years). Only years, never a
 * record's date: the message a year outside them gets can name them. */
GArray *ic_dataset_years (IcDataset *dataset);

/* FALSE with @error set (IC_DATASET_ERROR_NO_DATA_FOR_YEAR: « no data for
 * 2042: the records run from 2022 to 2024 ») when @year is none of
 * ic_dataset_years(): the run would give « not available » everywhere. */
gboolean ic_dataset_check_year (IcDataset *dataset, int year, GError **error);

/* The table named @name, or NULL when absent or unknown. */
IcTable *ic_dataset_table (IcDataset *dataset, const char *name);

/* The @index-th table (registry order) when read, else NULL. */
static inline IcTable *
ic_dataset_nth (const IcDataset *dataset, guint index)
{
  return index < dataset->tables->len ? g_ptr_array_index (dataset->tables, index) : NULL;
}

/* Whether the file of the table named @name is in the data directory. */
gboolean ic_dataset_present (const IcDataset *dataset, const char *name);

G_END_DECLS

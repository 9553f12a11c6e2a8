/* table-schema.h: the input tables of spec/data.md as data: file name,
 * columns, types, which are required, row rules, read from the schema
 * files tables/NAME.json (docs/tables.md). The table reader, `validate`
 * and the plugin api all work from this one description. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IC_COLUMN_KIND_ROW_ID,    /* text, unique in the file, not kept */
  IC_COLUMN_KIND_PERSON_ID, /* text, interned to dense integers */
  IC_COLUMN_KIND_DATE,      /* day number */
  IC_COLUMN_KIND_CODE,      /* upper-cased, interned to guint16; closed or open set */
  IC_COLUMN_KIND_TERRITORY, /* text, interned in the run's territory dictionary */
  IC_COLUMN_KIND_INTEGER,   /* whole number >= 0, in `integers` ("integer", formerly "count") */
  IC_COLUMN_KIND_TEXT,      /* trimmed text (small tables only) */
  IC_COLUMN_KIND_DECIMAL,   /* number >= 0 of at most `places` decimals, in `integers` as
                             * the exact value x 10^places (never a float) */
  IC_COLUMN_KIND_YES_NO,    /* oui/non, o/n, 1/0, true/false, yes/no, vrai/faux, in `flags` */
  IC_COLUMN_KIND_FREE_TEXT, /* validated (UTF-8, at most IC_FREE_TEXT_MAX bytes), never kept */
} IcColumnKind;

/* The kind's former name: schema files may still say "count". */
#define IC_COLUMN_KIND_COUNT IC_COLUMN_KIND_INTEGER

/* The most decimals a DECIMAL column may have, and the longest free text. */
#define IC_DECIMAL_MAX_PLACES 6
#define IC_FREE_TEXT_MAX 4096

/* How a TEXT column's value is checked and kept. */
typedef enum {
  IC_TEXT_AS_WRITTEN,   /* trimmed */
  IC_TEXT_LOWER,        /* trimmed, ASCII letters lower-cased (a name matched without case) */
  IC_TEXT_PERIOD,       /* a year (2024) or a school year (2023-2024) */
} IcTextForm;

typedef struct {
  const char *name;
  IcColumnKind kind;
  gboolean required;
  /* CODE: the known codes in the order of their fixed values 1, 2, ...;
   * with codes_open, other codes are accepted and numbered after them. */
  const char *const *codes;
  gboolean codes_open;
  IcTextForm text_form; /* TEXT */
  guint places;         /* DECIMAL: 0 .. IC_DECIMAL_MAX_PLACES decimals */
} IcColumnSpec;

/* Rules across the columns of one row. */
typedef enum {
  /* The date in `column` is not before the date in `other` (when both are
   * set, and, with `when`, only for rows whose code column `when` holds one
   * of `when_codes`). The problem names `column`. */
  IC_ROW_RULE_NOT_BEFORE,
  /* No two rows have the same values in the `key` columns (TEXT or
   * TERRITORY): the later is a problem of the row, "(first on line N)"
   * added to the message. A table with such a rule is read in one part. */
  IC_ROW_RULE_UNIQUE_KEY,
  /* `column` and `other` (DATE or CODE) are both set or both empty: the
   * problem names the empty one. */
  IC_ROW_RULE_TOGETHER,
} IcRowRuleKind;

#define IC_ROW_RULE_MAX_KEY 4

typedef struct {
  IcRowRuleKind kind;
  const char *message; /* N_(): translated when reported */
  const char *column;
  const char *other;
  const char *when;
  const char *const *when_codes;
  const char *const *key;          /* NULL-terminated, at most IC_ROW_RULE_MAX_KEY */
} IcRowRule;

/* Read from a schema file: every string and array belongs to the spec. */
typedef struct {
  const char *name;     /* "pmi_acts" */
  const char *file;     /* "pmi_acts.csv" */
  const IcColumnSpec *columns;
  guint n_columns;
  const IcRowRule *rules;
  guint n_rules;
} IcTableSpec;

/* The built-in tables, whose schemas the engine reads at startup from
 * tables/NAME.json: still an index, the place of each in the data path
 * (populations, the lenient warnings) until tables come from plugins too. */
typedef enum {
  IC_TABLE_BIRTHS,
  IC_TABLE_PMI_ACTS,
  IC_TABLE_IP,
  IC_TABLE_POPULATIONS,
  IC_TABLE_BSEM_REFERRALS,
  IC_N_TABLES
} IcTableId;

#define IC_TABLE_SCHEMA_ERROR (ic_table_schema_error_quark ())
GQuark ic_table_schema_error_quark (void);

typedef enum {
  IC_TABLE_SCHEMA_ERROR_UNREADABLE, /* the file cannot be read */
  IC_TABLE_SCHEMA_ERROR_INVALID,    /* not JSON, or a member missing or wrong: the message names it */
} IcTableSchemaError;

/* One schema file (table-schema-file.c): a new spec, or NULL with @error
 * naming the file and the member ("pmi_acts.json: member
 * "columns[1].kind": ..."). */
IcTableSpec *ic_table_spec_load (const char *path, GError **error);
void ic_table_spec_free (IcTableSpec *spec);

/* Reads the built-in tables' schemas from @directory (NAME.json each,
 * whose "name" must be NAME), once: later calls do nothing. The program
 * calls it at startup with ic_paths_builtin_tables(); FALSE with @error
 * when a file is missing or invalid. */
gboolean ic_table_schemas_load (const char *directory, GError **error);

/* ic_table_schemas_load() from $INDICORE_TABLES_DIR, else the installed
 * directory, unless already loaded: for the library's entry points
 * (ic_dataset_load, ic_dataset_check_directory) used without the program. */
gboolean ic_table_schemas_ensure (GError **error);

/* The schema of table @id. The schemas are loaded (ic_table_schemas_ensure()
 * when not yet: a failure there is fatal, the entry points having said it
 * first). The spec belongs to the module. */
const IcTableSpec *ic_table_spec (IcTableId id);

/* The table named @name ("pmi_acts"), or -1. */
int ic_table_id_from_name (const char *name);

/* Index of column @name in @spec, or -1. */
int ic_table_spec_column (const IcTableSpec *spec, const char *name);

G_END_DECLS

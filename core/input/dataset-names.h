/* dataset-names.h: whether a file of the data directory looks like one of
 * the input files under another name (Actes.CSV, actes.txt,
 * actes_2024.csv) or saved as a spreadsheet (actes.xlsx), which the reader
 * would otherwise pass over as an unknown file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IC_INPUT_NAME_OTHER,       /* not like any expected name (or exactly one) */
  IC_INPUT_NAME_MISNAMED,    /* an expected file under another name */
  IC_INPUT_NAME_SPREADSHEET, /* an expected file saved as .xlsx, .xls, .xlsm or .ods */
} IcInputNameKind;

/* What the file named @name is, against the expected names @expected
 * (NULL-terminated, "actes.csv"...): its stem (the name up to its first dot)
 * equals an expected stem, ignoring case, `-` and spaces for `_`, or begins
 * with it followed by `_`, `-` or a space (actes_2024.csv). @index (may be
 * NULL) receives the position of the expected name it looks like. An
 * expected name itself, exactly, is IC_INPUT_NAME_OTHER. */
IcInputNameKind ic_input_name_match (const char *name, const char *const *expected, guint *index);

G_END_DECLS

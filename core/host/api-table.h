/* api-table.h: the IcApi table, through which a plugin reaches the data
 * and reports its counts, and the context of one computation it is handed. */
#pragma once

#include "dataset.h"
#include "distinct.h"
#include "indicore/indicore-plugin.h"
#include "result.h"

G_BEGIN_DECLS

struct _IcContext {
  IcDataset *dataset;         /* borrowed */
  const IcDefinition *definition;
  IcPeriod period;
  IcResult *result;           /* borrowed */
  GPtrArray *distincts;       /* IcDistinct handed out, freed with the context */
  GPtrArray *tallies;         /* IcTally handed out, freed with the context */
  GHashTable *overrides;      /* parameter -> gint64 *, from the configuration; borrowed, may be NULL */
  const char *const *tables;  /* the tables the plugin declared, NULL-terminated; borrowed, may be NULL */
  const char *const *columns; /* the "table.column" it declared (ABI 1.2), or NULL: every column; borrowed */
};

/* The engine's api table: static, never freed. */
const IcApi *ic_api_get (void);

/* @tables: the tables the plugin declared (NULL: none), the only ones its
 * calls reach, whichever others the run has read for other plugins. */
void ic_context_init (IcContext *ctx, IcDataset *dataset, const IcDefinition *definition,
                      const char *const *tables, GHashTable *overrides, IcResult *result);
void ic_context_clear (IcContext *ctx);

G_END_DECLS

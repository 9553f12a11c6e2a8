/* api-table-private.h: what the IcApi members of api-table.c and
 * api-kinds.c share: refusing a call, checking a count, a territory, the
 * kind of the indicator, and finding a declared column. */
#pragma once

#include "api-table.h"

G_BEGIN_DECLS

/* A call the plugin made with arguments no computation can give: the
 * indicator becomes an error naming the call (the first misuse only). */
void ic_api_refuse (IcContext *ctx, const char *call, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* FALSE (and the call refused) when count @value, named @what, is negative
 * or above the rows of the run's files. */
gboolean ic_api_check_count (IcContext *ctx, const char *call, const char *what, gint64 value);

/* FALSE (and the call refused) when @territory is not below n_territories(). */
gboolean ic_api_check_territory (IcContext *ctx, const char *call, guint16 territory);

/* FALSE (and the call refused) when the indicator is not of @kind. */
gboolean ic_api_check_kind (IcContext *ctx, const char *call, IcIndicatorKind kind);

/* The column @column_name of @kind of a table the plugin declared, or NULL. */
IcTableColumn *ic_api_find_column (IcContext *ctx, const char *table_name, const char *column_name, IcColumnKind kind);

guint ic_api_n_territories (IcContext *ctx);

/* The members of api-kinds.c. */
void ic_api_finish_distinct (IcContext *ctx, IcDistinct *numerator, IcDistinct *denominator);
IcTally *ic_api_tally_new (IcContext *ctx, const char *breakdown_table, const char *breakdown_column);
void ic_api_tally_add (IcTally *tally, guint16 territory, guint16 code, gboolean in_numerator);
void ic_api_finish_tally (IcContext *ctx, IcTally *tally);
void ic_api_set_count (IcContext *ctx, gint64 value);
void ic_api_add_count_stratum (IcContext *ctx, guint16 territory, gint64 value);
void ic_api_add_breakdown_stratum (IcContext *ctx, const char *table, const char *column, guint16 code,
                                   gint64 numerator, gint64 denominator);
void ic_api_tally_free (IcTally *tally);

G_END_DECLS

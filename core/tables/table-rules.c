/* table-rules.c: the rules across the columns of one row, as the table
 * schema gives them (table-schema.h): resolved to column indices once per
 * reading, then applied to each row. */
#include "table-private.h"

#include <string.h>

#include "date.h"

IcResolvedRule *
ic_table_rules_resolve (const IcTableSpec *spec, guint *n_rules)
{
  IcResolvedRule *resolved = g_new0 (IcResolvedRule, MAX (spec->n_rules, 1u));

  for (guint i = 0; i < spec->n_rules; i++)
    {
      const IcRowRule *rule = &spec->rules[i];
      IcResolvedRule *out = &resolved[i];

      out->rule = rule;
      out->column = rule->column != NULL ? ic_table_spec_column (spec, rule->column) : -1;
      out->other = rule->other != NULL ? ic_table_spec_column (spec, rule->other) : -1;
      out->when = rule->when != NULL ? ic_table_spec_column (spec, rule->when) : -1;
      /* A known code's value is its place in the spec's list, plus one. */
      if (out->when >= 0)
        {
          const char *const *codes = spec->columns[out->when].codes;
          for (guint k = 0; codes != NULL && codes[k] != NULL && k < 63; k++)
            for (guint w = 0; rule->when_codes[w] != NULL; w++)
              if (strcmp (codes[k], rule->when_codes[w]) == 0)
                out->when_codes |= G_GUINT64_CONSTANT (1) << (k + 1);
        }
      for (guint k = 0; rule->key != NULL && rule->key[k] != NULL && k < IC_ROW_RULE_MAX_KEY; k++)
        out->key[out->n_key++] = ic_table_spec_column (spec, rule->key[k]);
      if (rule->kind == IC_ROW_RULE_UNIQUE_KEY)
        out->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  *n_rules = spec->n_rules;
  return resolved;
}

void
ic_table_rules_free (IcResolvedRule *rules, guint n_rules)
{
  for (guint i = 0; i < n_rules; i++)
    g_clear_pointer (&rules[i].keys, g_hash_table_unref);
  g_free (rules);
}

static void
check_not_before (IcTableReader *r, const IcResolvedRule *rule)
{
  IcTable *table = r->table;
  gint32 date, other;

  if (rule->when >= 0)
    {
      guint16 code = ic_column_code_at (&table->columns[rule->when], table->n_rows);
      if (code >= 64 || (rule->when_codes & (G_GUINT64_CONSTANT (1) << code)) == 0)
        return;
    }
  date = ic_column_date_at (&table->columns[rule->column], table->n_rows);
  other = ic_column_date_at (&table->columns[rule->other], table->n_rows);
  if (date != IC_DATE_NONE && other != IC_DATE_NONE && date < other)
    ic_table_row_problem (r, &table->columns[rule->column], "%s", ic_table_words (r, rule->rule->message));
}

/* Whether the row's cell of @column is empty (a DATE, CODE, INTEGER,
 * DECIMAL or YES_NO). */
static gboolean
cell_empty (IcTable *table, int column)
{
  const IcTableColumn *c = &table->columns[column];
  switch (c->spec->kind)
    {
    case IC_COLUMN_KIND_DATE:
      return ic_column_date_at (c, table->n_rows) == IC_DATE_NONE;
    case IC_COLUMN_KIND_INTEGER:
    case IC_COLUMN_KIND_DECIMAL:
      return c->integers[table->n_rows] == IC_INTEGER_NONE;
    case IC_COLUMN_KIND_YES_NO:
      return c->flags[table->n_rows] == IC_YES_NO_NONE;
    default:
      return ic_column_code_at (c, table->n_rows) == 0;
    }
}

static void
check_together (IcTableReader *r, const IcResolvedRule *rule)
{
  IcTable *table = r->table;
  gboolean a = cell_empty (table, rule->column), b = cell_empty (table, rule->other);

  if (a != b)
    ic_table_row_problem (r, &table->columns[a ? rule->column : rule->other], "%s", ic_table_words (r, rule->rule->message));
}

/* The row's key: its values in the key columns, as written (territories)
 * or as kept (texts), joined by the unit separator. */
static char *
row_key (IcTableReader *r, const IcResolvedRule *rule)
{
  g_autoptr (GString) key = g_string_new (NULL);

  for (guint k = 0; k < rule->n_key; k++)
    {
      const Cell *cell = &r->cells[rule->key[k]];
      if (k > 0)
        g_string_append_c (key, '\x1f');
      if (r->kinds[rule->key[k]] == IC_COLUMN_KIND_TERRITORY)
        {
          if (cell->pending != NULL)
            g_string_append_len (key, cell->pending, (gssize) cell->pending_len);
          else
            g_string_append (key, ic_interner_get (r->territories, cell->code));
        }
      else if (cell->text != NULL)
        g_string_append (key, cell->text);
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* Off the hot path (the small populations table): not inlined, so that
 * ic_table_check_row() stays a light call for the others. */
G_GNUC_NO_INLINE static void
check_unique_key (IcTableReader *r, const IcResolvedRule *rule)
{
  char *key = row_key (r, rule);
  gpointer first = g_hash_table_lookup (rule->keys, key);

  if (first != NULL)
    {
      ic_table_row_problem (r, NULL, ic_table_words (r, N_("%s (first on line %llu)")), ic_table_words (r, rule->rule->message),
                            (unsigned long long) GPOINTER_TO_SIZE (first));
      g_free (key);
    }
  else
    g_hash_table_insert (rule->keys, key, GSIZE_TO_POINTER ((gsize) r->line));
}

void
ic_table_check_row (IcTableReader *r)
{
  for (guint i = 0; i < r->n_rules; i++)
    {
      const IcResolvedRule *rule = &r->rules[i];
      switch (rule->rule->kind)
        {
        case IC_ROW_RULE_NOT_BEFORE:
          check_not_before (r, rule);
          break;
        case IC_ROW_RULE_UNIQUE_KEY:
          check_unique_key (r, rule);
          break;
        case IC_ROW_RULE_TOGETHER:
          check_together (r, rule);
          break;
        }
    }
}

gboolean
ic_table_rules_need_one_part (const IcTableSpec *spec)
{
  for (guint i = 0; i < spec->n_rules; i++)
    if (spec->rules[i].kind == IC_ROW_RULE_UNIQUE_KEY)
      return TRUE;
  return FALSE;
}

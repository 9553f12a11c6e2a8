#include "table-schema.h"

#include <glib/gi18n.h>
#include <string.h>

static const char *const act_types[] = {
  "EPP", "EPNP", "BSEM", "VAD_PRENATAL", "VAD_POSTNATAL", "VAD_CHILD", "CONSULTATION_CHILD", NULL
};
static const char *const providers[] = { "PMI", "MATERNITY", "LIBERAL", "OTHER", NULL };
static const char *const professionals[] = { "SF", "PUER", "IDE", "MED", "OTHER", NULL };

static const IcColumnSpec births_columns[] = {
  { "birth_id", IC_COLUMN_KIND_ROW_ID, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "birth_date", IC_COLUMN_KIND_DATE, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "territory", IC_COLUMN_KIND_TERRITORY, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
};

static const IcColumnSpec pmi_acts_columns[] = {
  { "act_id", IC_COLUMN_KIND_ROW_ID, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "act_type", IC_COLUMN_KIND_CODE, TRUE, act_types, TRUE, IC_TEXT_AS_WRITTEN },
  { "act_date", IC_COLUMN_KIND_DATE, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "person_id", IC_COLUMN_KIND_PERSON_ID, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "person_birth_date", IC_COLUMN_KIND_DATE, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "provider", IC_COLUMN_KIND_CODE, TRUE, providers, FALSE, IC_TEXT_AS_WRITTEN },
  { "professional", IC_COLUMN_KIND_CODE, FALSE, professionals, FALSE, IC_TEXT_AS_WRITTEN },
  { "territory", IC_COLUMN_KIND_TERRITORY, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
};

static const IcColumnSpec ip_columns[] = {
  { "ip_id", IC_COLUMN_KIND_ROW_ID, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "received_date", IC_COLUMN_KIND_DATE, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "evaluation_end_date", IC_COLUMN_KIND_DATE, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "territory", IC_COLUMN_KIND_TERRITORY, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
};

static const IcColumnSpec populations_columns[] = {
  { "population", IC_COLUMN_KIND_TEXT, TRUE, NULL, FALSE, IC_TEXT_LOWER },
  { "period", IC_COLUMN_KIND_TEXT, TRUE, NULL, FALSE, IC_TEXT_PERIOD },
  { "territory", IC_COLUMN_KIND_TERRITORY, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "value", IC_COLUMN_KIND_COUNT, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "source", IC_COLUMN_KIND_TEXT, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
};

/* spec/child-protection.md: a referral made at a BSEM, and its follow-up. */
static const char *const referral_domains[] = {
  "VISION", "HEARING", "LANGUAGE", "DEVELOPMENT", "DENTAL", "WEIGHT", "OTHER", NULL
};
static const char *const referral_outcomes[] = { "CARE_DONE", "CARE_REFUSED", "LOST", NULL };

static const IcColumnSpec bsem_referrals_columns[] = {
  { "referral_id", IC_COLUMN_KIND_ROW_ID, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "person_id", IC_COLUMN_KIND_PERSON_ID, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "referral_date", IC_COLUMN_KIND_DATE, TRUE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "domain", IC_COLUMN_KIND_CODE, FALSE, referral_domains, TRUE, IC_TEXT_AS_WRITTEN },
  { "outcome", IC_COLUMN_KIND_CODE, FALSE, referral_outcomes, FALSE, IC_TEXT_AS_WRITTEN },
  { "closed_date", IC_COLUMN_KIND_DATE, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "care_date", IC_COLUMN_KIND_DATE, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
  { "territory", IC_COLUMN_KIND_TERRITORY, FALSE, NULL, FALSE, IC_TEXT_AS_WRITTEN },
};

static const IcRowRule bsem_referrals_rules[] = {
  { IC_ROW_RULE_TOGETHER, "an outcome and its closing date go together: one is set, the other empty",
    "outcome", "closed_date", NULL, NULL, NULL },
  { IC_ROW_RULE_NOT_BEFORE, "the file is closed before the referral", "closed_date", "referral_date", NULL, NULL,
    NULL },
  { IC_ROW_RULE_NOT_BEFORE, "care received before the referral", "care_date", "referral_date", NULL, NULL, NULL },
};

/* The acts made to the child, not to the mother (spec/data.md). */
static const char *const child_acts[] = { "BSEM", "VAD_CHILD", "CONSULTATION_CHILD", NULL };

static const IcRowRule pmi_acts_rules[] = {
  { IC_ROW_RULE_NOT_BEFORE, N_("child act dated before the child's birth date"),
    "act_date", "person_birth_date", "act_type", child_acts, NULL },
};

static const IcRowRule ip_rules[] = {
  { IC_ROW_RULE_NOT_BEFORE, N_("evaluation ends before the IP was received"),
    "evaluation_end_date", "received_date", NULL, NULL, NULL },
};

static const char *const population_key[] = { "population", "period", "territory", NULL };

static const IcRowRule populations_rules[] = {
  { IC_ROW_RULE_UNIQUE_KEY, N_("a second row for the same population, period and territory"),
    NULL, NULL, NULL, NULL, population_key },
};

static const IcTableSpec specs[IC_N_TABLES] = {
  [IC_TABLE_BIRTHS] = { "births", "births.csv", births_columns, G_N_ELEMENTS (births_columns), NULL, 0 },
  [IC_TABLE_PMI_ACTS] = { "pmi_acts", "pmi_acts.csv", pmi_acts_columns, G_N_ELEMENTS (pmi_acts_columns),
                          pmi_acts_rules, G_N_ELEMENTS (pmi_acts_rules) },
  [IC_TABLE_IP] = { "ip", "ip.csv", ip_columns, G_N_ELEMENTS (ip_columns), ip_rules, G_N_ELEMENTS (ip_rules) },
  [IC_TABLE_POPULATIONS] = { "populations", "populations.csv", populations_columns, G_N_ELEMENTS (populations_columns),
                             populations_rules, G_N_ELEMENTS (populations_rules) },
  [IC_TABLE_BSEM_REFERRALS] = { "bsem_referrals", "bsem_referrals.csv", bsem_referrals_columns,
                                G_N_ELEMENTS (bsem_referrals_columns), bsem_referrals_rules,
                                G_N_ELEMENTS (bsem_referrals_rules) },
};

const IcTableSpec *
ic_table_spec (IcTableId id)
{
  g_return_val_if_fail (id < IC_N_TABLES, NULL);
  return &specs[id];
}

int
ic_table_id_from_name (const char *name)
{
  for (int i = 0; i < IC_N_TABLES; i++)
    if (g_strcmp0 (specs[i].name, name) == 0)
      return i;
  return -1;
}

int
ic_table_spec_column (const IcTableSpec *spec, const char *name)
{
  for (guint i = 0; i < spec->n_columns; i++)
    if (strcmp (spec->columns[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* population.h: denominator populations, resolved as spec/data.md says: a
 * row of the reference table (role "reference_populations") first, else
 * derived by counting the rows of the table whose schema derives it (its
 * "denominators": rows dated in the year, or in the year and those before). */
#pragma once

#include <glib.h>

#include "dataset.h"
#include "period.h"

G_BEGIN_DECLS

/* A population above this is not one of a département (France has about
 * 68 million people): the reference table giving more is not used. Below it,
 * 1000 × any count fits in gint64, so every rate is exact. */
#define IC_POPULATION_MAX G_GINT64_CONSTANT (1000000000)

/* One population for one period, for the whole département (territory 0)
 * and every territory of the run. */
typedef struct {
  char *name;
  char *period_label;
  guint n_territories;
  const char *reference_file; /* the reference table's file, or NULL: none known */
  const char *derived_file;   /* the file of the table deriving it, or NULL: none */
  gint64 *reference;     /* the reference table's value per territory; -1: no row */
  const char **sources;  /* its `source` per territory (NULL: empty); belong to the dataset */
  gint64 *derived;       /* count derived per territory; -1: not derivable */
  gboolean *named;       /* a source row names the territory */
  char *not_derivable;   /* why the population cannot be derived, or NULL */
  gboolean no_reference_file; /* the reference table's file is absent from the data directory */
  gboolean implausible;  /* a row gives more than IC_POPULATION_MAX: that territory is not available */
} IcPopulation;

/* Gathers what the dataset says of population @name for @period. */
IcPopulation *ic_population_new (IcDataset *dataset, const char *name, const IcPeriod *period);
void ic_population_free (IcPopulation *population);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcPopulation, ic_population_free)

typedef struct {
  gint64 value;
  const char *origin;  /* the file its count came from: reference_file or derived_file */
  const char *source;  /* the reference row's `source`, or NULL */
  gboolean differs;    /* a reference row and a derived count exist and differ */
  gint64 derived;      /* the derived count when differs */
} IcPopulationValue;

/* Resolves the population in @territory (0: the whole département). FALSE
 * when it is not available. */
gboolean ic_population_resolve (IcPopulation *population, guint16 territory, IcPopulationValue *value);

/* Why the whole département's population is not available: newly allocated. */
char *ic_population_why_unavailable (IcPopulation *population);

/* The population @name in French words for a report: the "number_words"
 * of the schema naming it ("le nombre de naissances"); a name no schema
 * names quoted. Newly allocated. */
char *ic_population_french_name (const char *name);

/* The warning when the reference table and the derived count disagree on @value
 * (value->differs), newly allocated; NULL when they agree. For the whole
 * département (@territory_name NULL) it gives both counts; for a territory
 * neither: a territory's counts may be hidden for small counts, in this
 * indicator or another over the same denominator, and a warning is
 * published whole. */
char *ic_population_difference_warning (const IcPopulation *population, const char *territory_name,
                                        const IcPopulationValue *value);

G_END_DECLS

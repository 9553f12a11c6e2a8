/* framework.h: one generation of the contract (frameworks/ID.json): its
 * objectives in the SOLEN form's order, their labels as the form words
 * them, the indicators each holds and the figures the form asks for, and
 * the national targets year by year. */
#pragma once

#include <glib.h>

#include "definition.h"

G_BEGIN_DECLS

#define IC_FRAMEWORK_ERROR (ic_framework_error_quark ())
GQuark ic_framework_error_quark (void);

typedef enum {
  IC_FRAMEWORK_ERROR_READ,    /* cannot read, or not JSON */
  IC_FRAMEWORK_ERROR_INVALID, /* a member missing, of the wrong type, or unknown */
  IC_FRAMEWORK_ERROR_NONE,    /* no framework for that year, or of that id */
} IcFrameworkError;

/* One figure of the form's « Indicateurs » text: "numerator",
 * "denominator", "value" or "details.KEY", and how the form words it. */
typedef struct {
  char *figure;
  char *label;
} IcFrameworkField;

/* Where an indicator sits, and its national targets. */
typedef struct {
  char *indicator;
  int objective;          /* 0: in no objective (reported for the ODPE only) */
  int rank;               /* its place within the objective, from 1 */
  GPtrArray *fields;      /* IcFrameworkField *, in the form's order */
  GHashTable *targets;    /* year (GINT_TO_POINTER) -> IcTarget * (op NONE: null) */
} IcFrameworkPlace;

typedef struct {
  int number;
  int engagement;         /* 0 when the framework has none (2025-2027) */
  char *measure;          /* the form's « Mesure », or NULL */
  char *label;            /* the form's « Objectif » */
  GPtrArray *places;      /* IcFrameworkPlace * (borrowed from the framework's) */
} IcFrameworkObjective;

typedef struct {
  char *path;
  char *id;               /* "2025-2027" */
  char *title;
  int first_year;
  int last_year;
  GPtrArray *objectives;  /* IcFrameworkObjective *, in the form's order */
  GPtrArray *places;      /* IcFrameworkPlace *, every indicator named, placed or not */
} IcFramework;

IcFramework *ic_framework_load (const char *path, GError **error);
IcFramework *ic_framework_load_from_data (const char *name, const char *data, gssize length, GError **error);
void ic_framework_free (IcFramework *framework);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcFramework, ic_framework_free)

/* The framework of @dir whose id is @id (the file ID.json), or, when @id
 * is NULL, the one whose years hold @year. NULL with IC_FRAMEWORK_ERROR_NONE
 * when there is none. */
IcFramework *ic_framework_find (const char *dir, const char *id, int year, GError **error);

/* Every framework of @dir, by first year: a new array of IcFramework *
 * (g_ptr_array_unref frees them), or NULL with @error when one cannot be
 * read. */
GPtrArray *ic_framework_load_all (const char *dir, GError **error);

/* Where @indicator sits, or NULL when the framework does not name it. */
const IcFrameworkPlace *ic_framework_place (const IcFramework *framework, const char *indicator);

/* The objective numbered @number, or NULL. */
const IcFrameworkObjective *ic_framework_objective (const IcFramework *framework, int number);

/* The national target of @place for @year into @out: FALSE when the
 * framework gives none for that year (then @out says IC_TARGET_NONE). */
gboolean ic_framework_target (const IcFrameworkPlace *place, int year, IcTarget *out);

G_END_DECLS

/* department.h: the official list of the 101 French départements (INSEE
 * code and name), to refuse a code that is none of them (« 99 », « 023 »,
 * « 2a ») with a suggestion, and to name a département from its code. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IC_DEPARTMENT_ERROR (ic_department_error_quark ())
GQuark ic_department_error_quark (void);

typedef enum {
  IC_DEPARTMENT_ERROR_UNKNOWN, /* not a code of the list (the message may suggest one) */
} IcDepartmentError;

typedef struct {
  const char *code; /* "01" … "95", "2A", "2B", "971" … "976" */
  const char *name; /* "Ain", "Corse-du-Sud", "La Réunion" (INSEE's spelling) */
} IcDepartment;

/* How many départements the list holds: 101. */
#define IC_N_DEPARTMENTS 101

/* The list, in INSEE order (01 … 19, 2A, 2B, 21 … 95, 971 … 976). */
const IcDepartment *ic_department_list (void);

/* The département of @code, written exactly as in the list; NULL with
 * @error set (IC_DEPARTMENT_ERROR_UNKNOWN) otherwise. The message says
 * what was meant when it can be told (« 2a » → 2A, « 023 » → 23, « 1 » →
 * 01, « 20 » → 2A or 2B); it does not name the option. */
const IcDepartment *ic_department_lookup (const char *code, GError **error);

G_END_DECLS

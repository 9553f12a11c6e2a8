/* isolate.h: runs one plugin's compute in a child process, so that a
 * plugin that crashes, aborts or never returns costs only its own
 * indicator. The child inherits the data read once (copy-on-write), runs
 * the compute, and sends the result back over a pipe as a GVariant; the
 * parent enforces the time limit. GStreamer's registry scanner and
 * PostgreSQL's postmaster isolate foreign code the same way. */
#pragma once

#include "context.h"
#include "loader.h"

G_BEGIN_DECLS

/* Computes @plugin into @result in a child process; a crash, a non-zero
 * exit or the time limit (@timeout_seconds, 0 for none) makes @result an
 * error with the signal or the limit named. */
void ic_isolate_compute (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                         IcResult *result, guint timeout_seconds);

/* The same in two steps, so that several plugins compute at once: starts
 * the child and returns its handle, or NULL (and @result an error) when no
 * child could be started. */
typedef struct _IcIsolated IcIsolated;
IcIsolated *ic_isolate_start (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                              IcResult *result, guint timeout_seconds);

/* Waits for every job of @jobs (IcIsolated), each within its own time
 * limit, fills their results, frees the jobs and empties @jobs. */
void ic_isolate_wait_all (GPtrArray *jobs);

/* The same in this process (--no-isolation: for debugging a plugin). */
void ic_isolate_compute_in_process (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                                    IcResult *result);

/* The result fields a compute sets, as a GVariant, and back: what crosses
 * the pipe. Exposed for the tests. */
GVariant *ic_result_to_variant (const IcResult *result);
gboolean ic_result_update_from_variant (IcResult *result, GVariant *variant);

G_END_DECLS

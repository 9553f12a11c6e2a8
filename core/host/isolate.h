/* isolate.h: runs one plugin's compute in a sandboxed child process, so
 * that whatever the plugin does costs only its own indicator. The child
 * loads the plugin itself (no plugin code runs in the engine), inherits
 * the data read once as a private copy-on-write copy, is confined
 * (sandbox.h), computes, and sends the result back over its own pipe as a
 * GVariant (result-wire.h); the parent enforces the deadline (child.h). */
#pragma once

#include "api-table.h"
#include "loader.h"
#include "sandbox.h"

G_BEGIN_DECLS

/* The limits of one computation. */
typedef struct {
  guint timeout_seconds;   /* wall clock and CPU time; 0: none */
  guint memory_mib;        /* address space; 0: none */
} IcIsolateLimits;

/* Computes @plugin into @result in a child process; a crash, a refused
 * system call, a non-zero exit or the time limit makes @result an error
 * with what happened named. */
void ic_isolate_compute (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                         IcResult *result, const IcIsolateLimits *limits);

/* The same in two steps, so that several plugins compute at once: starts
 * the child and returns its handle, or NULL (and @result an error) when no
 * child could be started. */
typedef struct _IcIsolated IcIsolated;
IcIsolated *ic_isolate_start (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                              IcResult *result, const IcIsolateLimits *limits);

/* Waits for every job of @jobs (IcIsolated), each within its own time
 * limit, fills their results, frees the jobs and empties @jobs. */
void ic_isolate_wait_all (GPtrArray *jobs);

/* The same in this process (--no-isolation: for debugging a plugin): its
 * code is loaded here, and nothing protects the engine from it. */
void ic_isolate_compute_in_process (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                                    IcResult *result);

G_END_DECLS

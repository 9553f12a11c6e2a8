/* sandbox.h: confines a child process that runs plugin code (the scanner
 * that reads a descriptor, the child that computes): limits, no new
 * privileges, Landlock, a seccomp-bpf allow-list, every other descriptor
 * closed. Applied in the child only; the parent asks what is available. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IC_SANDBOX_ERROR (ic_sandbox_error_quark ())
GQuark ic_sandbox_error_quark (void);

typedef enum {
  IC_SANDBOX_ERROR_FAILED,   /* a confinement the kernel offers could not be applied */
} IcSandboxError;

/* What confines the children of this run, as the bundle records it. */
typedef struct {
  gboolean process;   /* plugin code runs in child processes (FALSE: --no-isolation) */
  gboolean seccomp;   /* the system call allow-list is loaded */
  int landlock;       /* the Landlock ABI applied (no file system), 0 when none */
  gboolean rlimits;   /* memory, CPU time, file size 0 and no core dump */
} IcIsolation;

/* What the kernel and this build offer, probed once (static, never
 * freed); call it in the parent, before the first child. */
const IcIsolation *ic_sandbox_probe (void);

typedef enum {
  IC_SANDBOX_SCAN,    /* while plugin code is loaded: files may be opened read-only (the dynamic
                       * loader opens the plugin's libraries), nothing else */
  IC_SANDBOX_COMPUTE, /* then, a second layer: no file may be opened at all */
} IcSandboxKind;

/* Default of --plugin-memory, in MiB: what a plugin may allocate on top of
 * the engine's memory it inherits (a national file's columns are a few
 * hundred MB; a plugin's counters are a fraction of that). */
#define IC_SANDBOX_MEMORY_DEFAULT 4096

typedef struct {
  IcSandboxKind kind;
  int report_fd;          /* kept open; a refused system call is written to it */
  guint cpu_seconds;      /* 0: no limit */
  guint64 memory_bytes;   /* address space beyond what the process holds; 0: no limit */
} IcSandboxLimits;

/* The exit code of a child stopped for a refused system call (its number
 * is on the report descriptor, after the IC_SANDBOX_TAG_REFUSED byte). */
#define IC_SANDBOX_EXIT_REFUSED 125
/* The plugin file, which the SCAN layer lets the dynamic loader read
 * (IC_CHILD_PLUGIN_FD of child.h). */
#define IC_SANDBOX_PLUGIN_FD 4
#define IC_SANDBOX_TAG_REFUSED 'S'

/* Closes every descriptor from @first up: the child moves what it keeps
 * below it first. Async-signal-safe: for use after fork(). */
void ic_sandbox_close_fds_from (int first);

/* Confines the calling process, with what ic_sandbox_probe() found. Once
 * it returns TRUE, a system call outside the allow-list stops the process
 * with IC_SANDBOX_EXIT_REFUSED after reporting the call. Call in the
 * child, after fork(): SCAN (limits, no new privileges, Landlock and
 * seccomp for loading) before the plugin is loaded, so that its
 * constructors run confined; then COMPUTE, once it is loaded, before its
 * compute runs. */
gboolean ic_sandbox_apply (const IcSandboxLimits *limits, GError **error);

/* "openat", or "system call 9999" when unknown (g_free). */
char *ic_sandbox_syscall_name (int number);

G_END_DECLS

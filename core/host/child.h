/* child.h: a child process running plugin code, seen from both sides. It
 * starts in a process group of its own with nothing open but its answer
 * pipe, its captured output and the plugin file; the parent reads both
 * pipes as they come and waits on the process itself (pidfd) until its
 * deadline, then kills the whole group. No plugin process outlives it. */
#pragma once

#include <glib.h>

#include "sandbox.h"

G_BEGIN_DECLS

/* The descriptors a child finds: 0 /dev/null, 1 and 2 its captured
 * output, IC_CHILD_ANSWER_FD its answer, IC_CHILD_PLUGIN_FD the plugin
 * file (when one was given). Nothing else is open. */
#define IC_CHILD_ANSWER_FD 3
#define IC_CHILD_PLUGIN_FD IC_SANDBOX_PLUGIN_FD

/* The first byte of an answer: what follows. */
#define IC_CHILD_TAG_ANSWER 'A'   /* the payload the caller defined */
#define IC_CHILD_TAG_ERROR 'E'    /* a message: the child could not do its job */
/* ('S' and a system call number: IC_SANDBOX_TAG_REFUSED, sandbox.h.) */

typedef struct _IcChild IcChild;

/* Runs in the child; never returns (ends with _exit). */
typedef void (*IcChildFunc) (gpointer data);

/* Forks a child that runs @func (@data), with @plugin_fd (or -1) as
 * IC_CHILD_PLUGIN_FD. @timeout_seconds (0: none) counts from now. Returns
 * NULL with @error when no process could be started. */
IcChild *ic_child_start (int plugin_fd, IcChildFunc func, gpointer data, guint timeout_seconds,
                         GError **error);

/* Waits for every child of @children (IcChild), each within its deadline:
 * reads their answers and output, kills a late one's process group, reaps
 * them all. */
void ic_child_wait_all (GPtrArray *children);

/* Once waited for: NULL when the child exited 0 with an answer; otherwise
 * why not, in words, with its output when it printed any (g_free).
 * @limit_option names the deadline's option in the message. */
char *ic_child_failure (IcChild *child, const char *limit_option);

/* The payload after IC_CHILD_TAG_ANSWER (belongs to the child). */
GBytes *ic_child_answer (IcChild *child);

void ic_child_free (IcChild *child);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IcChild, ic_child_free)

/* Child side: writes the answer (tag and payload) and leaves. */
G_GNUC_NORETURN void ic_child_reply (char tag, const void *data, gsize length);

G_END_DECLS

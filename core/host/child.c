/* child.c: starts a child running plugin code with nothing of the parent's
 * open, reads its answer and output, waits on the process with a deadline
 * and kills its whole process group. */
#include "child.h"

#include "file-io.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.h"

/* An answer larger than this is not a result (a few thousand strata are
 * a few hundred KiB). */
#define ANSWER_MAX (64u << 20)
/* The end of the output kept for the reason: a few GLib errors. */
#define OUTPUT_KEPT 2048

struct _IcChild {
  pid_t pid;               /* also its process group */
  int pidfd;               /* -1 before Linux 5.3: the parent polls */
  int answer_fd;           /* -1 once read to the end */
  int output_fd;
  gint64 deadline;         /* monotonic; 0: none */
  guint timeout_seconds;
  gboolean timed_out;
  gboolean too_big;
  gboolean reaped;
  int status;              /* as waitpid() gives it */
  GByteArray *answer;
  GByteArray *output;      /* its last OUTPUT_KEPT bytes */
  guint64 output_total;
};

static int
open_pidfd (pid_t pid)
{
#ifdef SYS_pidfd_open
  return (int) syscall (SYS_pidfd_open, pid, 0);
#else
  (void) pid;
  errno = ENOSYS;
  return -1;
#endif
}

G_GNUC_NORETURN void
ic_child_reply (char tag, const void *data, gsize length)
{
  gboolean ok = write (IC_CHILD_ANSWER_FD, &tag, 1) == 1 && ic_write_all (IC_CHILD_ANSWER_FD, data, length);

  /* _exit: the child must not run the parent's atexit handlers nor flush
   * its stdio buffers a second time. */
  _exit (ok ? 0 : 3);
}

/* In the child: the descriptors of child.h, in a process group of its
 * own, crashes left to the kernel (a sanitizer's handler would open
 * files to report them). */
G_GNUC_NORETURN static void
child_main (int answer, int output, int plugin_fd, IcChildFunc func, gpointer data)
{
  static const int crashes[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGPIPE, SIGXCPU, SIGSYS };
  int null = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  /* Above every descriptor the moves below could overwrite. */
  int high_answer = fcntl (answer, F_DUPFD, 10);
  int high_output = fcntl (output, F_DUPFD, 10);
  int high_plugin = plugin_fd >= 0 ? fcntl (plugin_fd, F_DUPFD, 10) : -1;
  int high_null = null >= 0 ? fcntl (null, F_DUPFD, 10) : -1;

  setpgid (0, 0);
  if (high_answer < 0 || high_output < 0 || high_null < 0 || (plugin_fd >= 0 && high_plugin < 0)
      || dup2 (high_null, 0) < 0 || dup2 (high_output, 1) < 0 || dup2 (high_output, 2) < 0
      || dup2 (high_answer, IC_CHILD_ANSWER_FD) != IC_CHILD_ANSWER_FD
      || (high_plugin >= 0 && dup2 (high_plugin, IC_CHILD_PLUGIN_FD) != IC_CHILD_PLUGIN_FD))
    _exit (4);
  ic_sandbox_close_fds_from (high_plugin >= 0 ? IC_CHILD_PLUGIN_FD + 1 : IC_CHILD_PLUGIN_FD);
  for (guint i = 0; i < G_N_ELEMENTS (crashes); i++)
    signal (crashes[i], SIG_DFL);
  func (data);
  _exit (5);
}

IcChild *
ic_child_start (int plugin_fd, IcChildFunc func, gpointer data, guint timeout_seconds, GError **error)
{
  IcChild *child;
  int answer[2], output[2];
  pid_t pid;

  if (pipe2 (answer, O_CLOEXEC) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "pipe: %s", g_strerror (errno));
      return NULL;
    }
  if (pipe2 (output, O_CLOEXEC) != 0)
    {
      int saved = errno;
      close (answer[0]), close (answer[1]);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "pipe: %s", g_strerror (saved));
      return NULL;
    }
  ic_sandbox_probe ();
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid < 0)
    {
      int saved = errno;
      close (answer[0]), close (answer[1]), close (output[0]), close (output[1]);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "fork: %s", g_strerror (saved));
      return NULL;
    }
  if (pid == 0)
    child_main (answer[1], output[1], plugin_fd, func, data);

  /* Both sides set the group: whichever runs first, it exists before the
   * parent may have to kill it. */
  setpgid (pid, pid);
  close (answer[1]);
  close (output[1]);
  child = g_new0 (IcChild, 1);
  child->pid = pid;
  child->pidfd = open_pidfd (pid);
  child->answer_fd = answer[0];
  child->output_fd = output[0];
  child->timeout_seconds = timeout_seconds;
  child->deadline = timeout_seconds ? g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC : 0;
  child->answer = g_byte_array_new ();
  child->output = g_byte_array_new ();
  return child;
}

static void
kill_group (IcChild *child)
{
  /* The process is not reaped yet: its pid, hence its group's id, cannot
   * have been given to another process. */
  kill (-child->pid, SIGKILL);
  kill (child->pid, SIGKILL);
}

/* Reads what @fd has into @child: the byte count, 0 at the end, -1 on
 * EAGAIN or an error (and when the answer grows too big). */
static gssize
read_some (IcChild *child, int fd)
{
  guint8 buffer[65536];
  ssize_t got;

  do
    got = read (fd, buffer, sizeof buffer);
  while (got < 0 && errno == EINTR);
  if (got <= 0)
    return got;
  if (fd == child->answer_fd)
    {
      if (child->answer->len + (gsize) got > ANSWER_MAX)
        {
          child->too_big = TRUE;
          kill_group (child);
          return -1;
        }
      g_byte_array_append (child->answer, buffer, (guint) got);
    }
  else
    {
      child->output_total += (guint64) got;
      g_byte_array_append (child->output, buffer, (guint) got);
      if (child->output->len > 2 * OUTPUT_KEPT)
        g_byte_array_remove_range (child->output, 0, child->output->len - OUTPUT_KEPT);
    }
  return got;
}

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

/* The child has exited: what is left in the pipes was written before (or
 * by a process of its group, killed now); a process that escaped the
 * group is not waited for. */
static void
reap (IcChild *child)
{
  int *fds[] = { &child->answer_fd, &child->output_fd };

  kill_group (child);
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    if (*fds[i] >= 0)
      {
        fcntl (*fds[i], F_SETFL, O_NONBLOCK);
        while (read_some (child, *fds[i]) > 0)
          ;
        close_fd (fds[i]);
      }
  while (waitpid (child->pid, &child->status, 0) < 0 && errno == EINTR)
    ;
  close_fd (&child->pidfd);
  child->reaped = TRUE;
}

/* TRUE when the child has exited (without reaping it). */
static gboolean
has_exited (IcChild *child, const struct pollfd *pidfd_poll)
{
  siginfo_t info = { 0 };
  if (child->pidfd >= 0)
    return pidfd_poll != NULL && pidfd_poll->revents != 0;
  return waitid (P_PID, (id_t) child->pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == child->pid;
}

/* One round: kills the late, polls every descriptor until something
 * happens or the next deadline, reads, reaps the exited. FALSE when no
 * child is left to wait for. */
static gboolean
wait_round (GPtrArray *children, struct pollfd *fds)
{
  gint64 now = g_get_monotonic_time (), next = 0;
  gboolean tick = FALSE;
  guint n = 0;
  int timeout;

  for (guint i = 0; i < children->len; i++)
    {
      IcChild *child = children->pdata[i];
      if (child->reaped)
        continue;
      if (child->deadline > 0 && child->deadline <= now && !child->timed_out)
        {
          child->timed_out = TRUE;
          kill_group (child);
        }
      if (child->deadline > 0 && !child->timed_out && (next == 0 || child->deadline < next))
        next = child->deadline;
      /* Slots by child: pidfd, answer, output (-1 is ignored by poll). */
      fds[n++] = (struct pollfd) { child->pidfd, POLLIN, 0 };
      fds[n++] = (struct pollfd) { child->answer_fd, POLLIN, 0 };
      fds[n++] = (struct pollfd) { child->output_fd, POLLIN, 0 };
      tick |= child->pidfd < 0;
    }
  if (n == 0)
    return FALSE;
  timeout = next ? (int) MIN ((next - now + 999) / 1000, G_MAXINT) : -1;
  /* Without pidfd, a child's end is seen by polling waitid(). */
  if (tick && (timeout < 0 || timeout > 20))
    timeout = 20;
  if (poll (fds, n, timeout) < 0 && errno != EINTR)
    g_usleep (1000);

  n = 0;
  for (guint i = 0; i < children->len; i++)
    {
      IcChild *child = children->pdata[i];
      struct pollfd *slot;
      if (child->reaped)
        continue;
      slot = &fds[n];
      n += 3;
      if (child->answer_fd >= 0 && slot[1].revents && read_some (child, child->answer_fd) <= 0)
        close_fd (&child->answer_fd);
      if (child->output_fd >= 0 && slot[2].revents && read_some (child, child->output_fd) == 0)
        close_fd (&child->output_fd);
      if (has_exited (child, slot))
        reap (child);
    }
  return TRUE;
}

void
ic_child_wait_all (GPtrArray *children)
{
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, 3 * MAX (children->len, 1));
  while (wait_round (children, fds))
    ;
}

static char *
output_excerpt (IcChild *child)
{
  g_autofree char *text = NULL;
  GString *clean;

  if (child->output_total == 0)
    return g_strdup ("");
  text = g_utf8_make_valid ((const char *) child->output->data + child->output->len - MIN (child->output->len, OUTPUT_KEPT),
                            (gssize) MIN (child->output->len, OUTPUT_KEPT));
  clean = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\n' || c == '\t')
        g_string_append_c (clean, ' ');
      else if (!g_unichar_iscntrl (c))
        g_string_append_unichar (clean, c);
    }
  g_strstrip (clean->str);
  /* French, as every reason a report may show: « octet » singular for 1. */
  return g_strdup_printf (" ; il a écrit %" G_GUINT64_FORMAT " octet%s%s : \u00ab %s \u00bb",
                          child->output_total, child->output_total > 1 ? "s" : "",
                          child->output_total > OUTPUT_KEPT ? ", dont les derniers" : "",
                          g_string_free (clean, FALSE));
}

char *
ic_child_failure (IcChild *child, const char *limit_option)
{
  g_autofree char *printed = output_excerpt (child);
  const guint8 *answer = child->answer->data;
  int status = child->status;

  if (child->timed_out)
    return g_strdup_printf ("le module n'a pas fini dans le délai de %u s (%s) et a été arrêté%s",
                            child->timeout_seconds, limit_option, printed);
  if (child->too_big)
    return g_strdup_printf ("le module a renvoyé plus de %u Mio et a été arrêté", ANSWER_MAX >> 20);
  if (WIFEXITED (status) && WEXITSTATUS (status) == IC_SANDBOX_EXIT_REFUSED
      && child->answer->len == 1 + sizeof (gint32) && answer[0] == IC_SANDBOX_TAG_REFUSED)
    {
      gint32 number;
      g_autofree char *name = NULL;
      memcpy (&number, answer + 1, sizeof number);
      name = ic_sandbox_syscall_name (number);
      return g_strdup_printf ("appel système %s refusé : le module a tenté ce que son confinement interdit "
                              "(fichiers, réseau, programmes, processus) et a été arrêté%s", name, printed);
    }
  if (WIFSIGNALED (status))
    return g_strdup_printf ("le module s'est arrêté brutalement : signal %d (SIG%s)%s%s", WTERMSIG (status),
                            sigabbrev_np (WTERMSIG (status)) ? sigabbrev_np (WTERMSIG (status)) : "?",
                            WTERMSIG (status) == SIGXCPU ? ", sa limite de temps de calcul" : "", printed);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0 && child->answer->len > 0 && answer[0] == IC_CHILD_TAG_ERROR)
    return g_strdup_printf ("%.*s%s", (int) MIN (child->answer->len - 1, 4096), answer + 1, printed);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return g_strdup_printf ("le processus du module s'est terminé avec le code %d%s",
                            WIFEXITED (status) ? WEXITSTATUS (status) : -1, printed);
  if (child->answer->len == 0 || answer[0] != IC_CHILD_TAG_ANSWER)
    return g_strdup_printf ("le processus du module n'a renvoyé aucune réponse%s", printed);
  if (child->output_total > 0)
    return g_strdup_printf ("le module a écrit sur sa sortie standard ou d'erreur, ce qu'un module ne doit pas faire%s",
                            printed);
  return NULL;
}

GBytes *
ic_child_answer (IcChild *child)
{
  g_return_val_if_fail (child->answer->len > 0, NULL);
  return g_bytes_new (child->answer->data + 1, child->answer->len - 1);
}

void
ic_child_free (IcChild *child)
{
  if (child == NULL)
    return;
  if (!child->reaped)
    reap (child);
  g_byte_array_unref (child->answer);
  g_byte_array_unref (child->output);
  g_free (child);
}

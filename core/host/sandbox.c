/* sandbox.c: the confinement of a child running plugin code: rlimits,
 * PR_SET_NO_NEW_PRIVS, Landlock without any right, and a seccomp-bpf
 * allow-list whose refusals are reported by a SIGSYS handler. */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined (__has_include)
#if __has_include (<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* AddressSanitizer reserves terabytes of address space for its shadow: a
 * limit on the address space would stop every child. */
#if defined (__SANITIZE_ADDRESS__)
#define IC_UNDER_ASAN 1
#elif defined (__has_feature)
#if __has_feature (address_sanitizer)
#define IC_UNDER_ASAN 1
#endif
#endif
#ifndef IC_UNDER_ASAN
#define IC_UNDER_ASAN 0
#endif

G_DEFINE_QUARK (ic-sandbox-error-quark, ic_sandbox_error)

/* The ruleset attribute of the latest Landlock ABI this file knows (6);
 * the size passed tells the kernel which members exist. */
typedef struct {
  guint64 handled_access_fs;
  guint64 handled_access_net;   /* ABI 4 */
  guint64 scoped;               /* ABI 6 */
} LandlockAttr;

#define LANDLOCK_NET_BIND_TCP (1ULL << 0)
#define LANDLOCK_NET_CONNECT_TCP (1ULL << 1)
#define LANDLOCK_SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define LANDLOCK_SCOPE_SIGNALS (1ULL << 1)
#define LANDLOCK_FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)

static int
landlock_abi (void)
{
#ifdef SYS_landlock_create_ruleset
  long abi = syscall (SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return abi > 0 ? (int) abi : 0;
#else
  return 0;
#endif
}

/* Every file-system right of @abi: ABI 1 has 13, 2 adds REFER, 3
 * TRUNCATE, 5 IOCTL_DEV. */
static guint64
landlock_fs_rights (int abi)
{
  guint64 rights = (1ULL << 13) - 1;
  if (abi >= 2)
    rights |= 1ULL << 13;
  if (abi >= 3)
    rights |= 1ULL << 14;
  if (abi >= 5)
    rights |= 1ULL << 15;
  return rights;
}

const IcIsolation *
ic_sandbox_probe (void)
{
  static IcIsolation isolation;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* What GLib's logging opens the first time (the local time zone
       * for its timestamps, the locale's charset), opened once here,
       * before any child: a plugin's g_warning() must reach its captured
       * output, not a refused openat. */
      tzset ();
      g_time_zone_unref (g_time_zone_new_local ());
      g_get_charset (NULL);
      isolation.process = TRUE;
      /* valgrind runs the client's system calls itself, with many the
       * allow-list does not hold. */
      isolation.seccomp = !RUNNING_ON_VALGRIND && prctl (PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
      isolation.landlock = RUNNING_ON_VALGRIND ? 0 : landlock_abi ();
      isolation.rlimits = TRUE;
      g_once_init_leave (&done, 1);
    }
  return &isolation;
}

void
ic_sandbox_close_fds_from (int first)
{
  struct rlimit limit;
  int max_fd;

#ifdef SYS_close_range
  if (syscall (SYS_close_range, (unsigned int) first, ~0U, 0) == 0)
    return;
#endif
  /* Before Linux 5.9: every descriptor up to the limit. */
  max_fd = getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
             ? (int) MIN (limit.rlim_cur, 65536) : 65536;
  for (int fd = first; fd < max_fd; fd++)
    close (fd);
}

static gboolean
fail (GError **error, const char *what, int saved)
{
  g_set_error (error, IC_SANDBOX_ERROR, IC_SANDBOX_ERROR_FAILED, "cannot confine the plugin: %s: %s",
               what, g_strerror (saved));
  return FALSE;
}

static gboolean
set_limit (int resource, guint64 value, const char *name, GError **error)
{
  struct rlimit limit = { (rlim_t) value, (rlim_t) value };
  if (setrlimit (resource, &limit) != 0)
    return fail (error, name, errno);
  return TRUE;
}

/* The address space already in use: the engine's, inherited at the fork
 * (its data, its libraries, its threads' arenas); 0 when unknown. */
static guint64
address_space_in_use (void)
{
  g_autofree char *statm = NULL;
  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  return g_ascii_strtoull (statm, NULL, 10) * (guint64) sysconf (_SC_PAGESIZE);
}

static gboolean
apply_limits (const IcSandboxLimits *limits, GError **error)
{
  /* The plugin's allowance comes on top of what the process already
   * holds: a national file's columns must not eat into it. */
  if (limits->memory_bytes > 0 && !IC_UNDER_ASAN && !RUNNING_ON_VALGRIND
      && !set_limit (RLIMIT_AS, address_space_in_use () + limits->memory_bytes, "RLIMIT_AS", error))
    return FALSE;
  if (limits->cpu_seconds > 0)
    {
      /* SIGXCPU at the soft limit, SIGKILL a second later. */
      struct rlimit cpu = { limits->cpu_seconds, (rlim_t) limits->cpu_seconds + 1 };
      if (setrlimit (RLIMIT_CPU, &cpu) != 0)
        return fail (error, "RLIMIT_CPU", errno);
    }
  return set_limit (RLIMIT_FSIZE, 0, "RLIMIT_FSIZE", error)
         && set_limit (RLIMIT_CORE, 0, "RLIMIT_CORE", error);
}

/* What the dynamic loader reads: the libraries, its cache, and the plugin
 * (IC_CHILD_PLUGIN_FD, reached through /proc/self/fd). Under
 * AddressSanitizer, /proc too: its runtime reads /proc/self/maps. */
static const char *const loading_paths[] = {
  "/usr", "/lib", "/lib64", "/lib32", "/etc/ld.so.cache",
#if IC_UNDER_ASAN
  "/proc",
#endif
};

static gboolean
allow_read (int ruleset, int fd, guint64 rights)
{
  struct landlock_path_beneath_attr beneath = { rights, fd };
  return syscall (SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0) == 0;
}

static gboolean
allow_loading (int ruleset, GError **error)
{
  struct stat st;
  for (guint i = 0; i < G_N_ELEMENTS (loading_paths); i++)
    {
      int fd = open (loading_paths[i], O_PATH | O_CLOEXEC);
      gboolean added;
      if (fd < 0)
        continue;  /* /lib32 and /lib64 are not everywhere */
      added = fstat (fd, &st) == 0
              && allow_read (ruleset, fd, S_ISDIR (st.st_mode) ? LANDLOCK_FS_READ : LANDLOCK_ACCESS_FS_READ_FILE);
      close (fd);
      if (!added)
        return fail (error, "landlock_add_rule", errno);
    }
  if (fcntl (IC_SANDBOX_PLUGIN_FD, F_GETFD) >= 0 && !allow_read (ruleset, IC_SANDBOX_PLUGIN_FD, LANDLOCK_ACCESS_FS_READ_FILE))
    return fail (error, "landlock_add_rule", errno);
  return TRUE;
}

/* No file-system right at all for COMPUTE; for SCAN, reading what the
 * dynamic loader reads, nothing else. No TCP, no abstract socket, no signal
 * out of the domain where the kernel knows how to refuse them. */
static gboolean
apply_landlock (IcSandboxKind kind, int abi, GError **error)
{
#ifdef SYS_landlock_create_ruleset
  LandlockAttr attr = { landlock_fs_rights (abi), 0, 0 };
  size_t size = sizeof (guint64);
  int ruleset;

  if (abi >= 4)
    {
      attr.handled_access_net = LANDLOCK_NET_BIND_TCP | LANDLOCK_NET_CONNECT_TCP;
      size = 2 * sizeof (guint64);
    }
  if (abi >= 6)
    {
      attr.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX | LANDLOCK_SCOPE_SIGNALS;
      size = sizeof attr;
    }
  ruleset = (int) syscall (SYS_landlock_create_ruleset, &attr, size, 0);
  if (ruleset < 0)
    return fail (error, "landlock_create_ruleset", errno);
  if (kind == IC_SANDBOX_SCAN && !allow_loading (ruleset, error))
    {
      close (ruleset);
      return FALSE;
    }
  if (syscall (SYS_landlock_restrict_self, ruleset, 0) != 0)
    {
      int saved = errno;
      close (ruleset);
      return fail (error, "landlock_restrict_self", saved);
    }
  close (ruleset);
  return TRUE;
#else
  (void) kind, (void) abi;
  return fail (error, "Landlock", ENOSYS);
#endif
}

/* A signal handler has no argument to carry it: the one mutable static of
 * the core, set once in the child before the filter is loaded. */
static int report_fd = -1;

/* Async-signal-safe: one write, then out. */
static void
on_refused_syscall (int signal_number, siginfo_t *info, void *context)
{
  char message[1 + sizeof (gint32)];
  gint32 number = info->si_syscall;
  (void) signal_number, (void) context;
  message[0] = IC_SANDBOX_TAG_REFUSED;
  memcpy (message + 1, &number, sizeof number);
  if (write (report_fd, message, sizeof message) < 0)
    _exit (IC_SANDBOX_EXIT_REFUSED);
  _exit (IC_SANDBOX_EXIT_REFUSED);
}

/* What a computation needs: memory, its pipes, signals to itself, time,
 * threads. Everything else (open, socket, execve, fork, ptrace, kill of
 * another process...) is refused and reported. */
static const char *const allowed[] = {
  "read", "readv", "pread64", "write", "writev", "close", "fstat", "newfstatat", "fstatat64", "statx",
  "lseek", "_llseek", "mmap", "mmap2", "munmap", "mremap", "mprotect", "madvise", "brk",
  "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigreturn", "sigaltstack", "exit", "exit_group",
  "futex", "futex_time64", "get_robust_list", "set_robust_list", "rseq", "restart_syscall",
  "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getpgrp",
  "clock_gettime", "clock_gettime64", "clock_getres", "gettimeofday", "time",
  "clock_nanosleep", "clock_nanosleep_time64", "nanosleep", "pause", "sched_yield",
  "getrandom", "uname", "sysinfo", "sched_getaffinity", "getrlimit", "ugetrlimit",
  "fcntl", "fcntl64", "dup", "dup3", "poll", "ppoll", "ppoll_time64", "membarrier",
};

static gboolean
add_rule (scmp_filter_ctx filter, uint32_t action, const char *name, unsigned int count,
          const struct scmp_arg_cmp *cmp)
{
  int number = seccomp_syscall_resolve_name (name);
  /* A name this architecture does not have (mmap2 on x86_64) is skipped. */
  if (number == __NR_SCMP_ERROR)
    return TRUE;
  return seccomp_rule_add_array (filter, action, number, count, cmp) == 0;
}

static const scmp_datum_t narrowing[] = {
  PR_SET_NO_NEW_PRIVS, PR_GET_NO_NEW_PRIVS, PR_SET_SECCOMP, PR_GET_SECCOMP,
};

static gboolean
build_filter (scmp_filter_ctx filter, IcSandboxKind kind)
{
  gboolean ok = TRUE;
  struct scmp_arg_cmp own_process = SCMP_A0 (SCMP_CMP_EQ, (scmp_datum_t) getpid ());
  struct scmp_arg_cmp thread = SCMP_A0 (SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
  struct scmp_arg_cmp get_only = SCMP_A2 (SCMP_CMP_EQ, 0);
  /* open(2)'s flags are its second argument, openat(2)'s its third. */
  const scmp_datum_t writing = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | __O_TMPFILE;
  struct scmp_arg_cmp open_read = SCMP_A1 (SCMP_CMP_MASKED_EQ, writing, 0);
  struct scmp_arg_cmp openat_read = SCMP_A2 (SCMP_CMP_MASKED_EQ, writing, 0);

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    ok &= add_rule (filter, SCMP_ACT_ALLOW, allowed[i], 0, NULL);
  /* Signals to itself only (abort() is tgkill of its own pid); threads,
   * not processes; limits read, not changed. */
  ok &= add_rule (filter, SCMP_ACT_ALLOW, "tgkill", 1, &own_process);
  ok &= add_rule (filter, SCMP_ACT_ALLOW, "clone", 1, &thread);
  ok &= add_rule (filter, SCMP_ACT_ALLOW, "prlimit64", 1, &get_only);
  /* glibc tries clone3 first and falls back on clone when it is missing;
   * isatty() is an ioctl: "not a terminal". */
  ok &= add_rule (filter, SCMP_ACT_ERRNO (ENOSYS), "clone3", 0, NULL);
  ok &= add_rule (filter, SCMP_ACT_ERRNO (ENOTTY), "ioctl", 0, NULL);
  /* GLib's logging asks whether stderr is the journal's socket. */
  ok &= add_rule (filter, SCMP_ACT_ERRNO (ENOTSOCK), "getpeername", 0, NULL);
  if (kind == IC_SANDBOX_SCAN)
    {
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "open", 1, &open_read);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "openat", 1, &openat_read);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "access", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "faccessat", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "faccessat2", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "readlink", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "readlinkat", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "stat", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "lstat", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "statfs", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "fstatfs", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "getdents64", 0, NULL);
      /* What applies the COMPUTE layer over this one: each call can only
       * take rights away. */
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "seccomp", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "landlock_create_ruleset", 0, NULL);
      ok &= add_rule (filter, SCMP_ACT_ALLOW, "landlock_restrict_self", 0, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (narrowing); i++)
        {
          struct scmp_arg_cmp option = SCMP_A0 (SCMP_CMP_EQ, narrowing[i]);
          ok &= add_rule (filter, SCMP_ACT_ALLOW, "prctl", 1, &option);
        }
    }
  return ok;
}

static gboolean
apply_seccomp (const IcSandboxLimits *limits, GError **error)
{
  struct sigaction action = { 0 };
  scmp_filter_ctx filter;
  int loaded;

  report_fd = limits->report_fd;
  action.sa_sigaction = on_refused_syscall;
  action.sa_flags = SA_SIGINFO;
  sigemptyset (&action.sa_mask);
  if (sigaction (SIGSYS, &action, NULL) != 0)
    return fail (error, "sigaction", errno);
  filter = seccomp_init (SCMP_ACT_TRAP);
  if (filter == NULL)
    return fail (error, "seccomp_init", ENOMEM);
  if (!build_filter (filter, limits->kind))
    {
      seccomp_release (filter);
      return fail (error, "seccomp_rule_add", EINVAL);
    }
  loaded = seccomp_load (filter);
  seccomp_release (filter);
  if (loaded != 0)
    return fail (error, "seccomp_load", -loaded);
  return TRUE;
}

gboolean
ic_sandbox_apply (const IcSandboxLimits *limits, GError **error)
{
  const IcIsolation *isolation = ic_sandbox_probe ();

  /* COMPUTE is a second layer over SCAN: the limits are set, and a
   * Landlock domain and a seccomp filter can only be narrowed (the
   * kernel applies the strictest of the stacked ones). */
  if (limits->kind == IC_SANDBOX_SCAN)
    {
      if (!apply_limits (limits, error))
        return FALSE;
      /* Also what lets an unprivileged process load Landlock and seccomp. */
      if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return fail (error, "PR_SET_NO_NEW_PRIVS", errno);
    }
  if (isolation->landlock > 0 && !apply_landlock (limits->kind, isolation->landlock, error))
    return FALSE;
  if (isolation->seccomp && !apply_seccomp (limits, error))
    return FALSE;
  return TRUE;
}

char *
ic_sandbox_syscall_name (int number)
{
  char *name = seccomp_syscall_resolve_num_arch (SCMP_ARCH_NATIVE, number);
  char *copy = name ? g_strdup (name) : g_strdup_printf ("system call %d", number);
  free (name);
  return copy;
}

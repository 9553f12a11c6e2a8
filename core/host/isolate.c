#include "isolate.h"

#include "file-io.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define RESULT_TYPE "(isbbxxa(qxx)a(sixx)asa(msmsmsmsmsx)a(sx))"

void
ic_isolate_compute_in_process (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                               IcResult *result)
{
  IcContext ctx;
  g_autoptr (GError) error = NULL;

  ic_context_init (&ctx, dataset, plugin->definition, overrides, result);
  if (!plugin->descriptor->compute (ic_api_get (), &ctx, &error))
    ic_result_set_error (result, error ? error->message : "the plugin failed without saying why");
  ic_context_clear (&ctx);
}

GVariant *
ic_result_to_variant (const IcResult *r)
{
  GVariantBuilder strata, details, warnings, sources, parameters;

  g_variant_builder_init (&strata, G_VARIANT_TYPE ("a(qxx)"));
  for (guint i = 0; i < r->strata->len; i++)
    {
      const IcStratum *s = &g_array_index (r->strata, IcStratum, i);
      g_variant_builder_add (&strata, "(qxx)", s->territory, s->numerator, s->denominator);
    }
  g_variant_builder_init (&details, G_VARIANT_TYPE ("a(sixx)"));
  for (guint i = 0; i < r->details->len; i++)
    {
      const IcDetail *d = r->details->pdata[i];
      g_variant_builder_add (&details, "(sixx)", d->key, (gint32) d->kind, d->a, d->b);
    }
  g_variant_builder_init (&warnings, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < r->warnings->len; i++)
    g_variant_builder_add (&warnings, "s", (const char *) r->warnings->pdata[i]);
  g_variant_builder_init (&sources, G_VARIANT_TYPE ("a(msmsmsmsmsx)"));
  for (guint i = 0; i < r->sources->len; i++)
    {
      const IcSource *s = r->sources->pdata[i];
      g_variant_builder_add (&sources, "(msmsmsmsmsx)", s->table, s->population, s->period,
                             s->origin, s->source, s->value);
    }
  g_variant_builder_init (&parameters, G_VARIANT_TYPE ("a(sx)"));
  for (guint i = 0; i < r->parameters->len; i++)
    {
      const IcParameter *p = &g_array_index (r->parameters, IcParameter, i);
      g_variant_builder_add (&parameters, "(sx)", p->name, p->value);
    }
  return g_variant_new (RESULT_TYPE, (gint32) r->status, r->reason ? r->reason : "",
                        r->has_numerator, r->has_denominator, r->numerator, r->denominator,
                        &strata, &details, &warnings, &sources, &parameters);
}

gboolean
ic_result_update_from_variant (IcResult *r, GVariant *variant)
{
  g_autoptr (GVariantIter) strata = NULL, details = NULL, warnings = NULL, sources = NULL, parameters = NULL;
  const char *reason, *key, *text;
  const char *table, *population, *period, *origin, *source;
  gint32 status, kind;
  guint16 territory;
  gint64 a, b;

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (RESULT_TYPE)))
    return FALSE;
  g_variant_get (variant, "(i&sbbxxa(qxx)a(sixx)asa(msmsmsmsmsx)a(sx))", &status, &reason, &r->has_numerator, &r->has_denominator,
                 &r->numerator, &r->denominator, &strata, &details, &warnings, &sources, &parameters);
  if (status < IC_STATUS_OK || status > IC_STATUS_ERROR)
    return FALSE;
  r->status = status;
  g_free (r->reason);
  r->reason = *reason ? g_strdup (reason) : NULL;
  g_array_set_size (r->strata, 0);
  while (g_variant_iter_next (strata, "(qxx)", &territory, &a, &b))
    ic_result_add_stratum (r, territory, a, b);
  g_ptr_array_set_size (r->details, 0);
  while (g_variant_iter_next (details, "(&sixx)", &key, &kind, &a, &b))
    ic_result_add_detail (r, key, kind == IC_DETAIL_FRACTION ? IC_DETAIL_FRACTION : IC_DETAIL_INT, a, b);
  g_ptr_array_set_size (r->warnings, 0);
  while (g_variant_iter_next (warnings, "&s", &text))
    ic_result_add_warning (r, text);
  g_ptr_array_set_size (r->sources, 0);
  while (g_variant_iter_next (sources, "(m&sm&sm&sm&sm&sx)", &table, &population, &period, &origin, &source, &a))
    {
      if (table)
        ic_result_add_table_source (r, table);
      else
        ic_result_add_population_source (r, population, period, origin, source, a);
    }
  g_array_set_size (r->parameters, 0);
  while (g_variant_iter_next (parameters, "(&sx)", &key, &a))
    ic_result_use_parameter (r, key, a);
  return TRUE;
}

G_GNUC_NORETURN static void
run_child (int fd, const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides, IcResult *result)
{
  GVariant *variant;
  gboolean written;

  ic_isolate_compute_in_process (plugin, dataset, overrides, result);
  variant = g_variant_ref_sink (ic_result_to_variant (result));
  written = ic_write_all (fd, g_variant_get_data (variant), g_variant_get_size (variant));
  g_variant_unref (variant);
  /* _exit: the child must not run the parent's atexit handlers nor flush
   * its stdio buffers a second time. */
  _exit (written ? 0 : 3);
}

struct _IcIsolated {
  pid_t pid;
  int fd;                  /* -1 once read to the end, or given up */
  gint64 deadline;         /* monotonic; 0: none */
  guint timeout_seconds;
  gboolean timed_out;
  GByteArray *answer;
  IcResult *result;        /* borrowed */
};

static void
isolated_free (IcIsolated *job)
{
  if (job->fd >= 0)
    close (job->fd);
  if (job->answer)
    g_byte_array_unref (job->answer);
  g_free (job);
}

IcIsolated *
ic_isolate_start (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                  IcResult *result, guint timeout_seconds)
{
  IcIsolated *job;
  int fds[2];
  pid_t pid;

  if (pipe (fds) != 0)
    {
      g_autofree char *reason = g_strdup_printf ("cannot isolate the plugin: pipe: %s", g_strerror (errno));
      ic_result_set_error (result, reason);
      return NULL;
    }
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid < 0)
    {
      g_autofree char *reason = g_strdup_printf ("cannot isolate the plugin: fork: %s", g_strerror (errno));
      close (fds[0]);
      close (fds[1]);
      ic_result_set_error (result, reason);
      return NULL;
    }
  if (pid == 0)
    {
      close (fds[0]);
      run_child (fds[1], plugin, dataset, overrides, result);
    }

  /* Allocated after the fork: the child leaves with _exit, and must not
   * carry the parent's buffers it will never free. */
  close (fds[1]);
  job = g_new0 (IcIsolated, 1);
  job->pid = pid;
  job->fd = fds[0];
  job->timeout_seconds = timeout_seconds;
  job->deadline = timeout_seconds ? g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC : 0;
  job->answer = g_byte_array_new ();
  job->result = result;
  return job;
}

/* Reads every child's answer as it comes, and stops those past their
 * deadline. */
static void
read_answers (GPtrArray *jobs)
{
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, MAX (jobs->len, 1));
  guint8 buffer[65536];

  for (;;)
    {
      guint n = 0;
      gint64 now = g_get_monotonic_time (), next_deadline = 0;
      int timeout, ready;

      for (guint i = 0; i < jobs->len; i++)
        {
          IcIsolated *job = jobs->pdata[i];
          if (job->fd < 0)
            continue;
          if (job->deadline > 0 && job->deadline <= now)
            {
              kill (job->pid, SIGKILL);
              close (job->fd);
              job->fd = -1;
              job->timed_out = TRUE;
              continue;
            }
          if (job->deadline > 0 && (next_deadline == 0 || job->deadline < next_deadline))
            next_deadline = job->deadline;
          fds[n++] = (struct pollfd) { job->fd, POLLIN, 0 };
        }
      if (n == 0)
        return;
      timeout = next_deadline ? (int) MIN ((next_deadline - now + 999) / 1000, G_MAXINT) : -1;
      ready = poll (fds, n, timeout);
      if (ready <= 0)
        continue;  /* EINTR, or a deadline reached: the loop above handles both. */
      for (guint k = 0; k < n; k++)
        {
          IcIsolated *job = NULL;
          ssize_t got;
          if (fds[k].revents == 0)
            continue;
          for (guint i = 0; i < jobs->len && job == NULL; i++)
            if (((IcIsolated *) jobs->pdata[i])->fd == fds[k].fd)
              job = jobs->pdata[i];
          got = read (job->fd, buffer, sizeof buffer);
          if (got < 0 && errno == EINTR)
            continue;
          if (got <= 0)
            {
              close (job->fd);
              job->fd = -1;
              continue;
            }
          g_byte_array_append (job->answer, buffer, (guint) got);
        }
    }
}

static void
finish_job (IcIsolated *job)
{
  IcResult *result = job->result;
  int status = 0;

  while (waitpid (job->pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (job->timed_out)
    {
      g_autofree char *reason = g_strdup_printf ("the plugin did not finish within %u s (--plugin-timeout) and was stopped",
                                                 job->timeout_seconds);
      ic_result_set_error (result, reason);
    }
  else if (WIFSIGNALED (status))
    {
      g_autofree char *reason = g_strdup_printf ("the plugin crashed: signal %d (%s)", WTERMSIG (status),
                                                 g_strsignal (WTERMSIG (status)));
      ic_result_set_error (result, reason);
    }
  else if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *reason = g_strdup_printf ("the plugin's process exited with status %d",
                                                 WIFEXITED (status) ? WEXITSTATUS (status) : -1);
      ic_result_set_error (result, reason);
    }
  else
    {
      g_autoptr (GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&job->answer));
      g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (RESULT_TYPE), bytes, FALSE));
      /* A truncated or forged answer must not pass for a result. */
      if (!g_variant_is_normal_form (variant) || !ic_result_update_from_variant (result, variant))
        ic_result_set_error (result, "the plugin's process sent back an unreadable result");
    }
}

void
ic_isolate_wait_all (GPtrArray *jobs)
{
  read_answers (jobs);
  for (guint i = 0; i < jobs->len; i++)
    {
      finish_job (jobs->pdata[i]);
      isolated_free (jobs->pdata[i]);
    }
  g_ptr_array_set_size (jobs, 0);
}

void
ic_isolate_compute (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                    IcResult *result, guint timeout_seconds)
{
  g_autoptr (GPtrArray) jobs = g_ptr_array_new ();
  IcIsolated *job = ic_isolate_start (plugin, dataset, overrides, result, timeout_seconds);
  if (job != NULL)
    g_ptr_array_add (jobs, job);
  ic_isolate_wait_all (jobs);
}

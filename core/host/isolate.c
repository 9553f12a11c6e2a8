/* isolate.c: one computation in a child that loads the plugin, confines
 * itself, computes and answers; the parent turns whatever happened into
 * the indicator's result. */
#include "isolate.h"

#include <string.h>
#include <unistd.h>

#include "child.h"
#include "result-wire.h"

static void
compute (const IcPluginDescriptor *descriptor, const IcPlugin *plugin, IcDataset *dataset,
         GHashTable *overrides, IcResult *result)
{
  IcContext ctx;
  g_autoptr (GError) error = NULL;

  ic_context_init (&ctx, dataset, plugin->definition, (const char *const *) plugin->info.tables, overrides,
                   result);
  ctx.columns = (const char *const *) plugin->info.columns;
  if (!descriptor->compute (ic_api_get (), &ctx, &error))
    ic_result_set_error (result, error ? error->message : "le module a échoué sans dire pourquoi");
  ic_context_clear (&ctx);
}

void
ic_isolate_compute_in_process (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                               IcResult *result)
{
  g_autoptr (GError) error = NULL;
  const IcPluginDescriptor *descriptor = ic_plugin_load_code (plugin, plugin->fd, &error);

  if (descriptor == NULL)
    ic_result_set_error (result, ic_loader_error_french (error));
  else
    compute (descriptor, plugin, dataset, overrides, result);
}

struct _IcIsolated {
  IcChild *child;
  IcResult *result;        /* borrowed */
};

typedef struct {
  const IcPlugin *plugin;
  IcDataset *dataset;
  GHashTable *overrides;
  IcResult *result;
  const IcIsolateLimits *limits;
} ChildJob;

G_GNUC_NORETURN static void
reply_error (const char *message)
{
  ic_child_reply (IC_CHILD_TAG_ERROR, message, strlen (message));
}

/* The child: confined for loading (its constructors run under the
 * scanner's sandbox), loads the plugin from the descriptor the parent
 * checked, closes it, closes the file system, then computes. */
G_GNUC_NORETURN static void
run_child (gpointer data)
{
  ChildJob *job = data;
  IcSandboxLimits limits = {
    IC_SANDBOX_SCAN, IC_CHILD_ANSWER_FD, job->limits->timeout_seconds,
    (guint64) job->limits->memory_mib << 20,
  };
  g_autoptr (GError) error = NULL;
  const IcPluginDescriptor *descriptor;
  GVariant *variant;

  if (!ic_sandbox_apply (&limits, &error))
    reply_error (error->message);
  descriptor = ic_plugin_load_code (job->plugin, IC_CHILD_PLUGIN_FD, &error);
  if (descriptor == NULL)
    reply_error (ic_loader_error_french (error));
  close (IC_CHILD_PLUGIN_FD);
  limits.kind = IC_SANDBOX_COMPUTE;
  if (!ic_sandbox_apply (&limits, &error))
    reply_error (error->message);
  compute (descriptor, job->plugin, job->dataset, job->overrides, job->result);
  variant = g_variant_ref_sink (ic_result_to_variant (job->result));
  ic_child_reply (IC_CHILD_TAG_ANSWER, g_variant_get_data (variant), g_variant_get_size (variant));
}

IcIsolated *
ic_isolate_start (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                  IcResult *result, const IcIsolateLimits *limits)
{
  ChildJob job = { plugin, dataset, overrides, result, limits };
  g_autoptr (GError) error = NULL;
  IcChild *child = ic_child_start (plugin->fd, run_child, &job, limits->timeout_seconds, &error);
  IcIsolated *isolated;

  if (child == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("impossible d'isoler le module : %s", error->message);
      ic_result_set_error (result, reason);
      return NULL;
    }
  isolated = g_new0 (IcIsolated, 1);
  isolated->child = child;
  isolated->result = result;
  return isolated;
}

static void
finish_job (IcIsolated *job)
{
  g_autofree char *failure = ic_child_failure (job->child, "--plugin-timeout");
  g_autoptr (GBytes) bytes = NULL;

  if (failure != NULL)
    {
      ic_result_set_error (job->result, failure);
      return;
    }
  bytes = ic_child_answer (job->child);
  if (!ic_result_update_from_wire (job->result, bytes))
    ic_result_set_error (job->result, "le processus du module a renvoyé un résultat illisible");
}

void
ic_isolate_wait_all (GPtrArray *jobs)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new ();

  for (guint i = 0; i < jobs->len; i++)
    g_ptr_array_add (children, ((IcIsolated *) jobs->pdata[i])->child);
  ic_child_wait_all (children);
  for (guint i = 0; i < jobs->len; i++)
    {
      IcIsolated *job = jobs->pdata[i];
      finish_job (job);
      ic_child_free (job->child);
      g_free (job);
    }
  g_ptr_array_set_size (jobs, 0);
}

void
ic_isolate_compute (const IcPlugin *plugin, IcDataset *dataset, GHashTable *overrides,
                    IcResult *result, const IcIsolateLimits *limits)
{
  g_autoptr (GPtrArray) jobs = g_ptr_array_new ();
  IcIsolated *job = ic_isolate_start (plugin, dataset, overrides, result, limits);
  if (job != NULL)
    g_ptr_array_add (jobs, job);
  ic_isolate_wait_all (jobs);
}

/* hostile.h: what the hostile fixtures share. Each does one thing a plugin
 * must not do, then reports counts as if nothing happened: the engine must
 * make that indicator an error naming what it tried, and nothing else. */
#pragma once

#include <indicore/indicore-plugin.h>

static const char *const hostile_tables[] = { "pmi_acts", NULL };

/* The counts a hostile plugin reports when it gets away with it. */
static inline gboolean
hostile_report (const IcApi *api, IcContext *ctx)
{
  api->set_counts (ctx, 1, 2);
  return TRUE;
}

#define HOSTILE_DEFINE(id_, compute_) IC_PLUGIN_DEFINE (id_, "1.0.0", hostile_tables, NULL, compute_)

/* scanner.h: reads a plugin's descriptor in a child process, in the manner
 * of GStreamer's gst-plugin-scanner: the file is loaded there with
 * immediate binding, its descriptor checked as data and copied, sent back
 * and checked again here. The same checks serve every process that loads
 * plugin code. */
#pragma once

#include "indicore/indicore-plugin.h"
#include "loader.h"

G_BEGIN_DECLS

/* Reads the descriptor of the plugin open as @fd in a sandboxed child
 * (constructors run there, never here) into @info. FALSE with @error in
 * IC_LOADER_ERROR when the plugin is refused. */
gboolean ic_scanner_read (int fd, IcPluginInfo *info, GError **error);

/* In the calling process: loads the plugin open as @fd (through
 * /proc/self/fd, so that the file checked is the file loaded) with
 * immediate binding, checks its descriptor as data and copies it into
 * @info. The returned descriptor belongs to the plugin, loaded for good. */
const IcPluginDescriptor *ic_scanner_load (int fd, IcPluginInfo *info, GError **error);

/* The checks of the copied fields, run on both sides of the pipe. */
gboolean ic_scanner_check_info (const IcPluginInfo *info, GError **error);

void ic_plugin_info_clear (IcPluginInfo *info);

G_END_DECLS

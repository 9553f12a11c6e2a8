/* scanner.c: loads a plugin in a child process, checks its descriptor as
 * data (each read inside what the previous check proved is there), copies
 * it, and checks the copy again in the parent. */
#include "scanner.h"

#include <glib/gi18n.h>
#include <dlfcn.h>
#include <string.h>

#include "child.h"
#include "identifier.h"
#include "sandbox.h"
#include "table-registry.h"

/* The header every ABI shares: magic, size, major, minor. Only these may be
 * read before the ABI is known. */
#define DESCRIPTOR_HEADER_SIZE (G_STRUCT_OFFSET (IcPluginDescriptor, abi_minor) + sizeof (guint16))
/* The descriptor of ABI 1.0 ends with `compute`. */
#define DESCRIPTOR_1_0_SIZE (G_STRUCT_OFFSET (IcPluginDescriptor, compute) + sizeof (IcComputeFunc))
/* ABI 1.2 appends `columns`: read only from a descriptor that big. */
#define DESCRIPTOR_1_2_SIZE (G_STRUCT_OFFSET (IcPluginDescriptor, columns) + sizeof (const char *const *))
/* Longest list of tables or populations a descriptor may declare, and
 * longest id, version or name. */
#define MAX_NAMES 64
#define MAX_TEXT 64
/* A scan is quick: loading a file and copying a few strings. */
#define SCAN_SECONDS 10
#define SCAN_MEMORY (1024u << 20)
#define INFO_TYPE "(ussmsmsasasqqbas)"
#define ACCEPTED G_MAXUINT32

/* Non-empty, at most MAX_TEXT bytes of UTF-8 without control characters. */
static gboolean
valid_text (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > MAX_TEXT || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Whether a plugin may declare the table @name: a registered table, not the
 * reference populations (declared as populations). */
static gboolean
declarable (const char *name)
{
  const IcTableSpec *spec = ic_table_spec (name);
  return spec != NULL && !spec->populations_role;
}

/* The tables a plugin may declare, "a, b, c". */
static char *
declarable_names (void)
{
  const IcTableRegistry *registry = ic_tables ();
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint id = 0; id < ic_table_registry_size (registry); id++)
    {
      const char *name = ic_table_registry_nth (registry, id)->name;
      if (!declarable (name))
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* TRUE when @names (NULL is an empty list) has at most MAX_NAMES valid names. */
static gboolean
valid_names (char **names)
{
  guint n = names ? g_strv_length (names) : 0;
  if (n > MAX_NAMES)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!valid_text (names[i]))
      return FALSE;
  return TRUE;
}

/* The descriptor's columns (ABI 1.2): "table.column" each, of a table it
 * declares and a column of its schema. */
static gboolean
check_columns (const IcPluginInfo *info, GError **error)
{
  if (!valid_names (info->columns))
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_INVALID,
                           _("invalid descriptor: columns must be a NULL-terminated list of at most %d non-empty names"),
                           "descripteur invalide : les colonnes doivent être une liste terminée par NULL d'au plus "
                           "%d noms non vides", MAX_NAMES);
      return FALSE;
    }
  for (guint i = 0; info->columns != NULL && info->columns[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (info->columns[i], ".", 2);
      const IcTableSpec *spec = parts[1] != NULL && g_strv_contains ((const char *const *) info->tables, parts[0])
                                  ? ic_table_spec (parts[0]) : NULL;
      if (spec == NULL || ic_table_spec_column (spec, parts[1]) < 0)
        {
          ic_loader_set_error (error, IC_LOADER_ERROR_INVALID,
                               _("invalid descriptor: column \"%s\" is no \"table.column\" of a declared table"),
                               "descripteur invalide : la colonne « %s » n'est pas « table.colonne » d'une table déclarée",
                               info->columns[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ic_scanner_check_info (const IcPluginInfo *info, GError **error)
{
  if (info->abi_major != IC_ABI_MAJOR || info->abi_minor > IC_ABI_MINOR)
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_ABI_MAJOR, _("built for plugin ABI %u.%u, while this engine has ABI %d.%d"),
                           "construit pour l'ABI de module %u.%u, alors que ce moteur a l'ABI %d.%d",
                           info->abi_major, info->abi_minor, IC_ABI_MAJOR, IC_ABI_MINOR);
      return FALSE;
    }
  if (!ic_id_is_valid (info->id))
    {
      g_autofree char *shown = info->id ? g_strescape (info->id, NULL) : NULL;
      g_autofree char *message = NULL;
      g_autofree char *french = NULL;
      if (shown != NULL && strlen (shown) > 80)
        strcpy (shown + 72, "...");
      message = g_strdup_printf (_("invalid descriptor: %s%s%s: the id must be 1 to %d characters of a-z, 0-9 and _"),
                                 shown ? "id \"" : _("no id"), shown ? shown : "", shown ? "\"" : "", MAX_TEXT);
      french = g_strdup_printf ("descripteur invalide : %s%s%s : un identifiant fait de 1 à %d caractères "
                                "parmi a-z, 0-9 et _", shown ? "identifiant « " : "aucun identifiant",
                                shown ? shown : "", shown ? " »" : "", MAX_TEXT);
      ic_loader_set_error_literal (error, IC_LOADER_ERROR_INVALID, message, french);
      return FALSE;
    }
  if (info->version == NULL || *info->version == '\0')
    {
      ic_loader_set_error_literal (error, IC_LOADER_ERROR_INVALID, _("invalid descriptor: no version"),
                                   "descripteur invalide : pas de version");
      return FALSE;
    }
  if (!valid_text (info->version))
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_INVALID,
                           _("invalid descriptor: the version must be 1 to %d bytes of UTF-8 without control characters"),
                           "descripteur invalide : la version doit faire de 1 à %d octets d'UTF-8 sans caractère de contrôle",
                           MAX_TEXT);
      return FALSE;
    }
  if (info->tables == NULL || info->tables[0] == NULL)
    {
      ic_loader_set_error_literal (error, IC_LOADER_ERROR_INVALID, _("invalid descriptor: no table declared"),
                                   "descripteur invalide : aucune table déclarée");
      return FALSE;
    }
  if (!valid_names (info->tables) || !valid_names (info->populations))
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_INVALID,
                           _("invalid descriptor: tables and populations must be NULL-terminated lists of at most %d non-empty names"),
                           "descripteur invalide : les tables et les populations doivent être des listes terminées par NULL "
                           "d'au plus %d noms non vides", MAX_NAMES);
      return FALSE;
    }
  if (!check_columns (info, error))
    return FALSE;
  for (guint i = 0; info->tables[i]; i++)
    if (ic_table_registry_refusal (ic_tables (), info->tables[i], FALSE) != NULL)
      {
        ic_loader_set_error_literal (error, IC_LOADER_ERROR_TABLE,
                                     ic_table_registry_refusal (ic_tables (), info->tables[i], FALSE),
                                     ic_table_registry_refusal (ic_tables (), info->tables[i], TRUE));
        return FALSE;
      }
  for (guint i = 0; info->tables[i]; i++)
    if (!declarable (info->tables[i]))
      {
        g_autofree char *known = declarable_names ();
        ic_loader_set_error (error, IC_LOADER_ERROR_INVALID,
                             _("invalid descriptor: unknown table \"%s\" (known: %s; populations are declared apart)"),
                             "descripteur invalide : table « %s » inconnue (connues : %s ; "
                             "les populations se déclarent à part)", info->tables[i], known);
        return FALSE;
      }
  return TRUE;
}

/* The header, read before anything else: the magic, the size, the ABI. */
static gboolean
check_header (const IcPluginDescriptor *d, GError **error)
{
  if (d->magic != IC_PLUGIN_MAGIC)
    ic_loader_set_error_literal (error, IC_LOADER_ERROR_BAD_MAGIC,
                                 _("ic_plugin_descriptor is not an indicore plugin descriptor (wrong magic number)"),
                                 "ic_plugin_descriptor n'est pas un descripteur de module indicore (nombre magique erroné)");
  else if (d->size < DESCRIPTOR_HEADER_SIZE)
    ic_loader_set_error (error, IC_LOADER_ERROR_TOO_SMALL, _("descriptor of %u bytes, smaller than the %u bytes of its header"),
                         "descripteur de %u octets, plus petit que les %u octets de son en-tête",
                         d->size, (guint) DESCRIPTOR_HEADER_SIZE);
  else if (d->abi_major != IC_ABI_MAJOR)
    ic_loader_set_error (error, IC_LOADER_ERROR_ABI_MAJOR,
                         _("built for plugin ABI %u.%u, while this engine has ABI %d.%d: "
                           "rebuild it with this engine's indicore-plugin.h"),
                         "construit pour l'ABI de module %u.%u, alors que ce moteur a l'ABI %d.%d : "
                         "à recompiler avec l'indicore-plugin.h de ce moteur",
                         d->abi_major, d->abi_minor, IC_ABI_MAJOR, IC_ABI_MINOR);
  else if (d->abi_minor > IC_ABI_MINOR)
    ic_loader_set_error (error, IC_LOADER_ERROR_ABI_MINOR,
                         _("built for plugin ABI %u.%u, newer than this engine's ABI %d.%d: upgrade the engine"),
                         "construit pour l'ABI de module %u.%u, plus récente que l'ABI %d.%d de ce moteur : "
                         "mettre à jour le moteur",
                         d->abi_major, d->abi_minor, IC_ABI_MAJOR, IC_ABI_MINOR);
  else if (d->size < DESCRIPTOR_1_0_SIZE)
    ic_loader_set_error (error, IC_LOADER_ERROR_TOO_SMALL, _("descriptor of %u bytes, smaller than the %u bytes of ABI 1.0"),
                         "descripteur de %u octets, plus petit que les %u octets de l'ABI 1.0",
                         d->size, (guint) DESCRIPTOR_1_0_SIZE);
  else if (d->compute == NULL)
    ic_loader_set_error_literal (error, IC_LOADER_ERROR_INVALID, _("invalid descriptor: no compute function"),
                                 "descripteur invalide : pas de fonction de calcul (compute)");
  else
    return TRUE;
  return FALSE;
}

/* At most one byte past MAX_TEXT is read, enough for the check to see
 * that a string is too long. */
static char *
copy_text (const char *text)
{
  return text ? g_strndup (text, MAX_TEXT + 1) : NULL;
}

static char **
copy_names (const char *const *names)
{
  GPtrArray *copy;
  if (names == NULL)
    return NULL;
  copy = g_ptr_array_new ();
  for (guint i = 0; i <= MAX_NAMES && names[i]; i++)
    g_ptr_array_add (copy, copy_text (names[i]));
  g_ptr_array_add (copy, NULL);
  return (char **) g_ptr_array_free (copy, FALSE);
}

/* "/proc/self/fd/4: undefined symbol: x" without the path, which is ours. */
static const char *
loader_message (const char *message, const char *path)
{
  gsize length = strlen (path);
  if (message == NULL)
    return "unknown error";
  if (strncmp (message, path, length) == 0 && strncmp (message + length, ": ", 2) == 0)
    return message + length + 2;
  return message;
}

const IcPluginDescriptor *
ic_scanner_load (int fd, IcPluginInfo *info, GError **error)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
  const IcPluginDescriptor *d;
  const char *undefined;
  void *handle;

  /* RTLD_NOW: a missing symbol is found here, not when called. */
  handle = dlopen (path, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL)
    {
      const char *message = loader_message (dlerror (), path);
      undefined = strstr (message, "undefined symbol: ");
      if (undefined != NULL)
        ic_loader_set_error (error, IC_LOADER_ERROR_UNDEFINED_SYMBOL,
                             _("undefined symbol %.*s: the plugin uses it, but neither it nor its libraries define it "
                               "(a plugin reaches the engine only through IcApi)"),
                             "le module utilise un symbole que ni lui ni ses bibliothèques ne définissent : %.*s "
                             "(un module n'atteint le moteur que par IcApi)",
                             (int) strcspn (undefined + strlen ("undefined symbol: "), " \t\n("),
                             undefined + strlen ("undefined symbol: "));
      else
        /* The loader's words are the system's, in its language: not in the French. */
        ic_loader_set_error (error, IC_LOADER_ERROR_NOT_A_MODULE, _("not a loadable shared object: %s"),
                             "ce n'est pas une bibliothèque partagée chargeable%.0s", message);
      return NULL;
    }
  d = dlsym (handle, IC_PLUGIN_DESCRIPTOR_SYMBOL);
  if (d == NULL)
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_NO_DESCRIPTOR,
                           _("a shared object without the %s symbol: not an indicore plugin (use IC_PLUGIN_DEFINE)"),
                           "bibliothèque partagée sans le symbole %s : ce n'est pas un module indicore "
                           "(utiliser IC_PLUGIN_DEFINE)", IC_PLUGIN_DESCRIPTOR_SYMBOL);
      return NULL;
    }
  if (!check_header (d, error))
    return NULL;
  info->abi_major = d->abi_major;
  info->abi_minor = d->abi_minor;
  info->id = copy_text (d->id);
  info->version = copy_text (d->version);
  info->tables = copy_names (d->tables);
  info->populations = copy_names (d->populations);
  info->columns = d->size >= DESCRIPTOR_1_2_SIZE ? copy_names (d->columns) : NULL;
  if (!ic_scanner_check_info (info, error))
    return NULL;
  return d;
}

void
ic_plugin_info_clear (IcPluginInfo *info)
{
  g_clear_pointer (&info->id, g_free);
  g_clear_pointer (&info->version, g_free);
  g_clear_pointer (&info->tables, g_strfreev);
  g_clear_pointer (&info->populations, g_strfreev);
  g_clear_pointer (&info->columns, g_strfreev);
}

G_GNUC_NORETURN static void
scan_child (gpointer data)
{
  IcSandboxLimits limits = { IC_SANDBOX_SCAN, IC_CHILD_ANSWER_FD, SCAN_SECONDS, SCAN_MEMORY };
  static const char *const no_names[] = { NULL };
  IcPluginInfo info = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) answer = NULL;
  (void) data;

  if (!ic_sandbox_apply (&limits, &error))
    ic_child_reply (IC_CHILD_TAG_ERROR, error->message, strlen (error->message));
  ic_scanner_load (IC_CHILD_PLUGIN_FD, &info, &error);
  answer = g_variant_ref_sink (g_variant_new ("(ussmsms^as^asqqb^as)", error ? (guint32) error->code : ACCEPTED,
                                              error ? error->message : "", error ? ic_loader_error_french (error) : "",
                                              info.id, info.version,
                                              info.tables ? (const char *const *) info.tables : no_names,
                                              info.populations ? (const char *const *) info.populations : no_names,
                                              info.abi_major, info.abi_minor, info.columns != NULL,
                                              info.columns ? (const char *const *) info.columns : no_names));
  ic_child_reply (IC_CHILD_TAG_ANSWER, g_variant_get_data (answer), g_variant_get_size (answer));
}

/* The child's answer: its refusal, or the copied fields, checked again. */
static gboolean
read_answer (GBytes *bytes, IcPluginInfo *info, GError **error)
{
  g_autoptr (GVariant) answer = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (INFO_TYPE), bytes, FALSE));
  const char *message, *french;
  gboolean has_columns;
  guint32 code;

  if (!g_variant_is_normal_form (answer))
    {
      ic_loader_set_error_literal (error, IC_LOADER_ERROR_SCANNER, _("the scanner process sent back an unreadable answer"),
                                   "le processus d'examen du module a renvoyé une réponse illisible");
      return FALSE;
    }
  g_variant_get (answer, "(u&s&smsms^as^asqqb^as)", &code, &message, &french, &info->id, &info->version, &info->tables,
                 &info->populations, &info->abi_major, &info->abi_minor, &has_columns, &info->columns);
  /* No population is no list at all, as in the descriptor. */
  if (info->populations[0] == NULL)
    g_clear_pointer (&info->populations, g_strfreev);
  if (!has_columns)
    g_clear_pointer (&info->columns, g_strfreev);
  if (code != ACCEPTED)
    {
      ic_loader_set_error_literal (error, code <= IC_LOADER_ERROR_TABLE ? (IcLoaderError) code : IC_LOADER_ERROR_SCANNER,
                                   message, french);
      return FALSE;
    }
  return ic_scanner_check_info (info, error);
}

gboolean
ic_scanner_read (int fd, IcPluginInfo *info, GError **error)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) ic_child_free);
  g_autoptr (GError) local = NULL;
  g_autofree char *failure = NULL;
  g_autoptr (GBytes) answer = NULL;
  IcChild *child;

  /* The tables are known before the child checks the descriptor: it could
   * not read their schemas (a failure is the entry points' to say). */
  (void) ic_table_schemas_ensure (NULL);
  child = ic_child_start (fd, scan_child, NULL, SCAN_SECONDS, &local);

  if (child == NULL)
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_SCANNER, _("cannot start the scanner process: %s"),
                           "impossible de lancer le processus d'examen du module%.0s", local->message);
      return FALSE;
    }
  g_ptr_array_add (children, child);
  ic_child_wait_all (children);
  failure = ic_child_failure (child, "la limite de l'examen");
  if (failure != NULL)
    {
      ic_loader_set_error (error, IC_LOADER_ERROR_SCANNER,
                           _("loading it in the scanner process (its load-time code, then its descriptor read as data) failed: %s"),
                           "son chargement dans le processus d'examen (son code de chargement, puis la lecture de son "
                           "descripteur) a échoué : %s", failure);
      return FALSE;
    }
  answer = ic_child_answer (child);
  return read_answer (answer, info, error);
}

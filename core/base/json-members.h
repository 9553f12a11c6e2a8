/* json-members.h: the one set of readers for the members of a JSON file the
 * core reads (bundles, indicator definitions): typed, with the member's path
 * in every message, and the parse itself, bounded in depth. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper nesting is refused before json-glib sees it: json-glib parses
 * recursively, and 80 000 levels overflow the stack. A bundle nests 5. */
#define IC_JSON_MAX_DEPTH 64

/* Loads @data (@length bytes, or NUL-terminated when -1) into @parser. On a
 * syntax error, or nesting deeper than IC_JSON_MAX_DEPTH, sets @error in
 * @domain with @code, its message naming @name (and json-glib's line:column;
 * json-glib calls in-memory data "<data>"). */
gboolean ic_json_parse (JsonParser *parser, const char *name, const char *data, gssize length,
                        GQuark domain, gint code, GError **error);

/* What reads a file's text: the `*_load_from_data` of a module. */
typedef gpointer (*IcJsonLoadFunc) (const char *name, const char *data, gssize length, GError **error);

/* The `*_load (path)` of every such module: reads @path (a regular file
 * only, see ic_file_read_regular) and hands its text to @load, @path
 * naming it. A file that cannot be read gives @error in @domain, @code. */
gpointer ic_json_load_file (const char *path, IcJsonLoadFunc load, GQuark domain, gint code, GError **error);

/* Where the readers report: a member that is missing or of the wrong type
 * sets *@error in @domain, @code, as "NAME: member "PATH": WHAT" without
 * @kind, "NAME: KIND: PATH: WHAT" with it ("not an indicore bundle"). A
 * PATH reads like JavaScript: "indicators[2].period.label". */
typedef struct {
  const char *name;
  const char *kind;
  GQuark domain;
  gint code;
  GError **error;
} IcJsonMembers;

typedef enum {
  IC_MEMBER_REQUIRED = 0,
  IC_MEMBER_NULLABLE = 1 << 0,  /* null, or absent, reads as nothing (NULL, *has FALSE) */
  IC_MEMBER_OPTIONAL = 1 << 1,  /* absent reads as nothing, null is refused (the bundle's arrays) */
  IC_MEMBER_NON_EMPTY = 1 << 2, /* a string must not be empty; a null one is missing */
} IcMemberFlags;

/* Sets the error for @path (the empty string: the file as a whole); always
 * FALSE. */
gboolean ic_members_invalid (IcJsonMembers *m, const char *path, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* "PARENT.MEMBER", or MEMBER when @parent is NULL or empty; newly allocated. */
char *ic_members_path (const char *parent, const char *member);

/* TRUE for an absent (NULL) or a null node. */
gboolean ic_members_is_null (JsonNode *node);

/* TRUE when @node is a value of @type (G_TYPE_STRING, G_TYPE_INT64...). */
gboolean ic_members_holds (JsonNode *node, GType type);

/* The member @member of @object, at "@parent.@member" for messages. Each
 * returns FALSE with the error set, or TRUE with its value in @out (and
 * TRUE in @has, when given, unless it read as nothing). */
gboolean ic_members_string (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                            IcMemberFlags flags, char **out);
gboolean ic_members_integer (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                             IcMemberFlags flags, gboolean *has, gint64 *out);
/* An integer >= 0. */
gboolean ic_members_count (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                           IcMemberFlags flags, gboolean *has, gint64 *out);
gboolean ic_members_object (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                            IcMemberFlags flags, JsonObject **out);
gboolean ic_members_array (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                           IcMemberFlags flags, JsonArray **out);

/* A number of at most @decimals decimals (1 to 4), times 10^@decimals:
 * 6.6 -> 66 with 1. More decimals are refused ("more than one decimal"),
 * never rounded (ic_decimal_scaled); so is a number beyond ±1e12. @node is
 * the member or element at @path (NULL: missing). */
gboolean ic_members_decimal (IcJsonMembers *m, JsonNode *node, const char *path, guint decimals,
                             IcMemberFlags flags, gboolean *has, gint64 *out);

/* A member with at most one decimal, as tenths: 6.6 -> 66, 14 -> 140. */
gboolean ic_members_tenths (IcJsonMembers *m, JsonObject *object, const char *parent, const char *member,
                            IcMemberFlags flags, gboolean *has, gint64 *out);

/* Element @i of @array when it is an object, else NULL with the error set
 * for @path. */
JsonObject *ic_members_element_object (IcJsonMembers *m, JsonArray *array, guint i, const char *path);

G_END_DECLS

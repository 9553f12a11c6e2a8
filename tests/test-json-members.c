/* test-json-members.c: the JSON member readers shared by the bundle reader
 * and the definitions: the depth bound, the member's path in messages, and
 * decimals refused rather than rounded. */
#include <string.h>

#include "json-members.h"

static GQuark test_error_quark (void);
G_DEFINE_QUARK (test-json-members-error-quark, test_error)

static JsonParser *
parse (const char *text)
{
  JsonParser *parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (ic_json_parse (parser, "t.json", text, -1, test_error_quark (), 1, &error));
  g_assert_no_error (error);
  return parser;
}

static char *
brackets (guint depth, const char *inside)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append (text, inside);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *deepest = brackets (IC_JSON_MAX_DEPTH, "");
  g_autofree char *too_deep = brackets (IC_JSON_MAX_DEPTH + 1, "");
  /* 64 arrays around a string of 100 brackets: the string's do not count,
   * nor those after an escaped quote inside it. */
  g_autofree char *in_string = brackets (IC_JSON_MAX_DEPTH, "\"\\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (ic_json_parse (parser, "t.json", deepest, -1, test_error_quark (), 1, &error));
  g_assert_true (ic_json_parse (parser, "t.json", in_string, -1, test_error_quark (), 1, &error));
  g_assert_no_error (error);
  g_assert_false (ic_json_parse (parser, "t.json", too_deep, -1, test_error_quark (), 1, &error));
  g_assert_error (error, test_error_quark (), 1);
  g_assert_cmpstr (error->message, ==, "t.json: nested deeper than 64 levels");
  g_clear_error (&error);
  /* a syntax error names the file and json-glib's line:column */
  g_assert_false (ic_json_parse (parser, "t.json", "{ \"a\": ", -1, test_error_quark (), 1, &error));
  g_assert_true (g_str_has_prefix (error->message, "t.json:1:"));
}

static void
test_messages (void)
{
  g_autoptr (JsonParser) parser = parse ("{ \"period\": { \"label\": 2024 }, \"unit\": \"\" }");
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonObject *period = NULL;
  g_autoptr (GError) error = NULL;
  IcJsonMembers bundle = { "b.json", "not an indicore bundle", test_error_quark (), 2, &error };
  IcJsonMembers definition = { "d.json", NULL, test_error_quark (), 3, &error };
  g_autofree char *label = NULL, *unit = NULL, *title = NULL;

  g_assert_true (ic_members_object (&bundle, root, "indicators[0]", "period", IC_MEMBER_REQUIRED, &period));
  g_assert_false (ic_members_string (&bundle, period, "indicators[0].period", "label", IC_MEMBER_REQUIRED, &label));
  g_assert_error (error, test_error_quark (), 2);
  g_assert_cmpstr (error->message, ==, "b.json: not an indicore bundle: indicators[0].period.label: expected a string");
  g_clear_error (&error);
  /* a definition's strings are not empty, and its messages quote the member */
  g_assert_false (ic_members_string (&definition, root, NULL, "unit", IC_MEMBER_NON_EMPTY, &unit));
  g_assert_error (error, test_error_quark (), 3);
  g_assert_cmpstr (error->message, ==, "d.json: member \"unit\": expected a non-empty string");
  g_clear_error (&error);
  g_assert_false (ic_members_string (&definition, root, NULL, "title", IC_MEMBER_NON_EMPTY, &title));
  g_assert_cmpstr (error->message, ==, "d.json: member \"title\": missing");
  g_clear_error (&error);
  g_assert_true (ic_members_string (&definition, root, NULL, "title", IC_MEMBER_NON_EMPTY | IC_MEMBER_NULLABLE, &title));
  g_assert_null (title);
}

static void
test_decimals (void)
{
  g_autoptr (JsonParser) parser =
    parse ("{ \"a\": 6.6, \"b\": 14, \"c\": 6.65, \"d\": 1e13, \"e\": null, \"p\": 0.0432, \"q\": 0.04321 }");
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  g_autoptr (GError) error = NULL;
  IcJsonMembers m = { "b.json", "not an indicore bundle", test_error_quark (), 2, &error };
  gboolean has = TRUE;
  gint64 tenths = -1, p = -1;

  /* 6.6 -> 66 tenths; 14 -> 140 */
  g_assert_true (ic_members_tenths (&m, root, "x", "a", IC_MEMBER_REQUIRED, NULL, &tenths));
  g_assert_cmpint (tenths, ==, 66);
  g_assert_true (ic_members_tenths (&m, root, "x", "b", IC_MEMBER_REQUIRED, NULL, &tenths));
  g_assert_cmpint (tenths, ==, 140);
  /* 6.65 is not rounded to 6.6 or 6.7: refused, with its path */
  g_assert_false (ic_members_tenths (&m, root, "x", "c", IC_MEMBER_REQUIRED, NULL, &tenths));
  g_assert_cmpstr (error->message, ==, "b.json: not an indicore bundle: x.c: more than one decimal");
  g_clear_error (&error);
  g_assert_false (ic_members_tenths (&m, root, "x", "d", IC_MEMBER_REQUIRED, NULL, &tenths));
  g_assert_cmpstr (error->message, ==, "b.json: not an indicore bundle: x.d: number out of range");
  g_clear_error (&error);
  g_assert_true (ic_members_tenths (&m, root, "x", "e", IC_MEMBER_NULLABLE, &has, &tenths));
  g_assert_false (has);
  g_assert_false (ic_members_tenths (&m, root, "x", "e", IC_MEMBER_REQUIRED, NULL, &tenths));
  g_assert_cmpstr (error->message, ==, "b.json: not an indicore bundle: x.e: expected a number");
  g_clear_error (&error);
  /* four decimals: 0.0432 -> 432 ten-thousandths; a fifth is refused */
  g_assert_true (ic_members_decimal (&m, json_object_get_member (root, "p"), "x.p", 4, IC_MEMBER_REQUIRED, NULL, &p));
  g_assert_cmpint (p, ==, 432);
  g_assert_false (ic_members_decimal (&m, json_object_get_member (root, "q"), "x.q", 4, IC_MEMBER_REQUIRED, NULL, &p));
  g_assert_cmpstr (error->message, ==, "b.json: not an indicore bundle: x.q: more than four decimals");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-members/parse/depth", test_depth);
  g_test_add_func ("/json-members/messages", test_messages);
  g_test_add_func ("/json-members/decimals", test_decimals);
  return g_test_run ();
}

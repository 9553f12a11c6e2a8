/* bundle-reader-strata.c: the strata of a bundle's indicator: its kind
 * (rate or count, bundles of version "1.1"), its territories, and its
 * breakdowns by the codes of a code column, each stratum with its counts
 * and value, or suppressed. */
#include "bundle-reader.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bundle-view-private.h"

gboolean
ic_bundle_read_count_value (IcJsonMembers *r, JsonObject *object, const char *path, const char *member,
                            gboolean *has, gint64 *tenths)
{
  if (!ic_members_tenths (r, object, path, member, IC_MEMBER_NULLABLE, has, tenths))
    return FALSE;
  if (*has && (*tenths < 0 || *tenths % 10 != 0))
    {
      g_autofree char *value_path = ic_members_path (path, member);
      return ic_members_invalid (r, value_path, _("a count is a whole number, 0 or more"));
    }
  return TRUE;
}

/* A count has no numerator nor denominator: both absent or null. */
static gboolean
check_no_counts (IcJsonMembers *r, JsonObject *object, const char *path)
{
  if (ic_members_is_null (json_object_get_member (object, "numerator"))
      && ic_members_is_null (json_object_get_member (object, "denominator")))
    return TRUE;
  return ic_members_invalid (r, path, _("a count with a numerator or a denominator"));
}

/* One stratum: its name (@name_member, "territory" or "code"), then its
 * counts and value, or none when suppressed. */
static gboolean
read_stratum (IcJsonMembers *r, JsonObject *s, const char *item, const char *name_member, IcBundleKind kind,
              IcBundleStratum *stratum)
{
  char **name = strcmp (name_member, "code") == 0 ? &stratum->code : &stratum->territory;
  JsonNode *suppressed = json_object_get_member (s, "suppressed");
  gboolean has_value;

  if (!ic_members_string (r, s, item, name_member, IC_MEMBER_REQUIRED, name))
    return FALSE;
  /* Small-count suppression: a hidden stratum has no counts nor value
   * (bundles written before it have no `suppressed` member). */
  if (suppressed != NULL && !ic_members_holds (suppressed, G_TYPE_BOOLEAN))
    {
      g_autofree char *member = ic_members_path (item, "suppressed");
      return ic_members_invalid (r, member, _("expected true or false"));
    }
  stratum->suppressed = suppressed != NULL && json_node_get_boolean (suppressed);
  if (stratum->suppressed)
    {
      if (!ic_members_is_null (json_object_get_member (s, "numerator"))
          || !ic_members_is_null (json_object_get_member (s, "denominator"))
          || !ic_members_is_null (json_object_get_member (s, "value")))
        return ic_members_invalid (r, item, _("a suppressed stratum with counts"));
      return TRUE;
    }
  if (kind == IC_BUNDLE_KIND_COUNT)
    {
      if (!check_no_counts (r, s, item)
          || !ic_bundle_read_count_value (r, s, item, "value", &has_value, &stratum->value_tenths))
        return FALSE;
      if (!has_value)
        {
          g_autofree char *value_path = ic_members_path (item, "value");
          return ic_members_invalid (r, value_path, "%s", _("missing"));
        }
      return TRUE;
    }
  return ic_members_count (r, s, item, "numerator", IC_MEMBER_REQUIRED, NULL, &stratum->numerator)
         && ic_members_count (r, s, item, "denominator", IC_MEMBER_REQUIRED, NULL, &stratum->denominator)
         && ic_members_tenths (r, s, item, "value", IC_MEMBER_REQUIRED, NULL, &stratum->value_tenths);
}

/* The array @member of @object (absent: none, unless @flags say it is
 * required), each element a stratum named by @name_member, into @strata. */
static gboolean
read_strata_array (IcJsonMembers *r, JsonObject *object, const char *path, const char *member,
                   IcMemberFlags flags, const char *name_member, IcBundleKind kind, GPtrArray *strata)
{
  JsonArray *array;

  if (!ic_members_array (r, object, path, member, flags, &array))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.%s[%u]", path, member, i);
      JsonObject *s = ic_members_element_object (r, array, i, item);
      IcBundleStratum *stratum;

      if (s == NULL)
        return FALSE;
      stratum = g_new0 (IcBundleStratum, 1);
      g_ptr_array_add (strata, stratum);
      if (!read_stratum (r, s, item, name_member, kind, stratum))
        return FALSE;
    }
  return TRUE;
}

gboolean
ic_bundle_read_kind (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  g_autofree char *kind = NULL;

  if (!ic_members_string (r, object, path, "kind", IC_MEMBER_REQUIRED, &kind))
    return FALSE;
  if (strcmp (kind, "rate") == 0)
    indicator->kind = IC_BUNDLE_KIND_RATE;
  else if (strcmp (kind, "count") == 0)
    indicator->kind = IC_BUNDLE_KIND_COUNT;
  else
    {
      g_autofree char *kind_path = ic_members_path (path, "kind");
      return ic_members_invalid (r, kind_path, _("the kind is rate or count"));
    }
  return indicator->kind == IC_BUNDLE_KIND_RATE || check_no_counts (r, object, path);
}

gboolean
ic_bundle_read_strata (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  return read_strata_array (r, object, path, "strata", IC_MEMBER_OPTIONAL, "territory", indicator->kind,
                            indicator->strata);
}

gboolean
ic_bundle_read_breakdowns (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  JsonArray *breakdowns;

  if (!ic_members_array (r, object, path, "breakdowns", IC_MEMBER_REQUIRED, &breakdowns))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (breakdowns); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.breakdowns[%u]", path, i);
      JsonObject *o = ic_members_element_object (r, breakdowns, i, item);
      IcBundleBreakdown *breakdown;

      if (o == NULL)
        return FALSE;
      breakdown = g_new0 (IcBundleBreakdown, 1);
      breakdown->strata = g_ptr_array_new_with_free_func (ic_bundle_stratum_free);
      g_ptr_array_add (indicator->breakdowns, breakdown);
      if (!ic_members_string (r, o, item, "column", IC_MEMBER_NON_EMPTY, &breakdown->column)
          || !ic_members_string (r, o, item, "label", IC_MEMBER_NON_EMPTY, &breakdown->label)
          || !read_strata_array (r, o, item, "strata", IC_MEMBER_REQUIRED, "code", indicator->kind,
                                 breakdown->strata))
        return FALSE;
    }
  return TRUE;
}

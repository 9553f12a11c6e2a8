/* bundle-reader-solen.c: the members of a bundle's indicator that the SOLEN
 * report reads: its place in the contract's framework (the shape since
 * frameworks, and the older engagement/objective/label), its details, and
 * what its target is decided on and who set it. */
#include "bundle-reader.h"

#include <string.h>

#include "bundle-view-private.h"

static gboolean
read_fields (IcJsonMembers *r, JsonObject *solen, const char *path, IcBundleIndicator *indicator)
{
  JsonArray *fields;

  if (!ic_members_array (r, solen, path, "fields", IC_MEMBER_OPTIONAL, &fields))
    return FALSE;
  for (guint i = 0; fields && i < json_array_get_length (fields); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.fields[%u]", path, i);
      JsonObject *o = ic_members_element_object (r, fields, i, item);
      IcBundleField *field;

      if (o == NULL)
        return FALSE;
      field = g_new0 (IcBundleField, 1);
      g_ptr_array_add (indicator->solen_fields, field);
      if (!ic_members_string (r, o, item, "figure", IC_MEMBER_NON_EMPTY, &field->figure)
          || !ic_members_string (r, o, item, "label", IC_MEMBER_NON_EMPTY, &field->label))
        return FALSE;
    }
  return TRUE;
}

gboolean
ic_bundle_read_solen (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  g_autofree char *solen_path = ic_members_path (path, "solen");
  JsonObject *solen;
  gboolean framed;

  indicator->solen_fields = g_ptr_array_new_with_free_func (ic_bundle_field_free);
  if (!ic_members_object (r, object, path, "solen", IC_MEMBER_NULLABLE, &solen))
    return FALSE;
  if (solen == NULL)
    return TRUE;
  indicator->has_solen = TRUE;
  /* Since frameworks, the framework names the place and 2025-2027 has no
   * engagement; before, every place had one. */
  framed = json_object_has_member (solen, "framework");
  return ic_members_integer (r, solen, solen_path, "engagement", framed ? IC_MEMBER_NULLABLE : IC_MEMBER_REQUIRED,
                             NULL, &indicator->solen_engagement)
         && ic_members_integer (r, solen, solen_path, "objective", IC_MEMBER_REQUIRED, NULL,
                                &indicator->solen_objective)
         && ic_members_string (r, solen, solen_path, "label", IC_MEMBER_REQUIRED, &indicator->solen_label)
         && ic_members_string (r, solen, solen_path, "framework", IC_MEMBER_NULLABLE, &indicator->solen_framework)
         && ic_members_string (r, solen, solen_path, "measure", IC_MEMBER_NULLABLE, &indicator->solen_measure)
         && ic_members_count (r, solen, solen_path, "rank", IC_MEMBER_NULLABLE, NULL, &indicator->solen_rank)
         && ic_members_string (r, solen, solen_path, "fiche", IC_MEMBER_NULLABLE, &indicator->solen_fiche)
         && read_fields (r, solen, solen_path, indicator);
}

gboolean
ic_bundle_read_details (IcJsonMembers *r, JsonObject *object, const char *path, IcBundleIndicator *indicator)
{
  g_autofree char *details_path = ic_members_path (path, "details");
  g_autoptr (GList) members = NULL;
  JsonObject *details;

  indicator->details = g_ptr_array_new_with_free_func (ic_bundle_detail_free);
  if (!ic_members_object (r, object, path, "details", IC_MEMBER_NULLABLE, &details))
    return FALSE;
  members = details ? json_object_get_members (details) : NULL;
  for (GList *l = members; l; l = l->next)
    {
      IcBundleDetail *detail = g_new0 (IcBundleDetail, 1);
      g_ptr_array_add (indicator->details, detail);
      detail->key = g_strdup (l->data);
      if (!ic_members_tenths (r, details, details_path, l->data, IC_MEMBER_NULLABLE, &detail->has_value,
                              &detail->tenths))
        return FALSE;
    }
  return TRUE;
}

gboolean
ic_bundle_read_target_kind (IcJsonMembers *r, JsonObject *target, const char *path, IcBundleIndicator *indicator)
{
  g_autofree char *on = NULL, *origin = NULL;

  if (!ic_members_string (r, target, path, "on", IC_MEMBER_NULLABLE, &on)
      || !ic_members_string (r, target, path, "origin", IC_MEMBER_NULLABLE, &origin))
    return FALSE;
  if (on != NULL && strcmp (on, "value") != 0 && strcmp (on, "count") != 0)
    {
      g_autofree char *on_path = ic_members_path (path, "on");
      return ic_members_invalid (r, on_path, "expected value or count");
    }
  if (origin != NULL && strcmp (origin, "national") != 0 && strcmp (origin, "department") != 0)
    {
      g_autofree char *origin_path = ic_members_path (path, "origin");
      return ic_members_invalid (r, origin_path, "expected national or department");
    }
  indicator->target_count = on != NULL && strcmp (on, "count") == 0;
  indicator->target_department = origin != NULL && strcmp (origin, "department") == 0;
  return TRUE;
}

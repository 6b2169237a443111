"""django-rules predicates and permissions built from access.py's policy.

The base predicates take a user and a Region or a region-scoped object (anything with a
REGION_FIELD): `can_view`, `can_edit`, `can_review`, `can_manage_team`, … ask access.can for the
object's region; `is_admin` is the Kominfo admin flag; `leads_team` and `reviews_as_member` ask the
user's own role in the region (its ketua, its assigned pembimbing), the admin flag aside. Each
app's rules.py composes them into its permissions; views ask `user.has_perm(perm, obj)` and
templates `{% has_perm 'masterplan.edit' user region as can_edit %}`.

This module registers the core's permissions: `masterplan.<action>` for every action of the
policy, the comment, book and workflow permissions, the admin pages' and the reviewers' pages'.
"""

import rules

from . import access
from .models import Masterplan, Region


def region_of(obj):
    """The Region of `obj` (a Region or a region-scoped object), or None."""
    if obj is None:
        return None
    if isinstance(obj, Region):
        return obj
    if hasattr(type(obj), "REGION_FIELD"):
        return access.region_of(obj)
    return None


def _action_predicate(action):
    @rules.predicate(name=f"can_{action}")
    def predicate(user, obj):
        region = region_of(obj)
        return region is not None and access.can(user, action, region)

    return predicate


def _member_predicate(action, name):
    @rules.predicate(name=name)
    def predicate(user, obj):
        region = region_of(obj)
        return region is not None and access.member_can(user, action, region)

    return predicate


ACTION_PREDICATES = {action: _action_predicate(action) for action in sorted(access.ACTIONS)}
can_view = ACTION_PREDICATES[access.VIEW]
can_edit = ACTION_PREDICATES[access.EDIT]
can_review = ACTION_PREDICATES[access.REVIEW]
can_manage_team = ACTION_PREDICATES[access.MANAGE_TEAM]
can_create_masterplan = ACTION_PREDICATES[access.CREATE_MASTERPLAN]
can_manage_region = ACTION_PREDICATES[access.MANAGE_REGION]
can_publish = ACTION_PREDICATES[access.PUBLISH]

is_admin = rules.predicate(access.is_admin, name="is_admin")

# The region's own ketua (manages the team through a membership) and assigned pembimbing.
leads_team = _member_predicate(access.MANAGE_TEAM, "leads_team")
reviews_as_member = _member_predicate(access.REVIEW, "reviews_as_member")


@rules.predicate
def reviews_any_region(user):
    """Kominfo admins and the pembimbing of at least one region."""
    ids = access.region_ids_for(user, access.REVIEW)
    return ids is None or bool(ids)


@rules.predicate
def reviews_a_region_as_member(user):
    """The assigned pembimbing of at least one region (the admin flag aside)."""
    return bool(access.member_region_ids_for(user, access.REVIEW))


@rules.predicate
def content_is_editable(user, masterplan):
    """A masterplan's content changes only in draf and perlu revisi."""
    return isinstance(masterplan, Masterplan) and masterplan.is_editable


for _action, _predicate in ACTION_PREDICATES.items():
    rules.add_perm(f"masterplan.{_action}", _predicate)

rules.add_perm("masterplan.manage_accounts", is_admin)
rules.add_perm("masterplan.manage_batches", is_admin)

# The reviewers' pages across regions (no object): the open comments inbox and the regions
# entry of the navigation.
rules.add_perm("masterplan.see_review_pages", reviews_any_region)

# Content of a masterplan (object: the Masterplan), now: the team, while its status allows.
rules.add_perm("masterplan.edit_content", can_edit & content_is_editable)

# Books: the team, the region's pembimbing and admins start renders (everyone who can see the
# region downloads finished ones).
rules.add_perm("masterplan.render_document", can_edit | can_review)

# Comments: reviewers start threads; reviewers and the region's team reply, resolve and reopen.
rules.add_perm("masterplan.comment", can_review)
rules.add_perm("masterplan.take_part_in_comments", can_review | can_edit)

# Status workflow (object: the Masterplan or its Region); workflow.py adds the status rules.
rules.add_perm("masterplan.submit", leads_team)
rules.add_perm("masterplan.request_revision", can_review)
rules.add_perm("masterplan.approve", can_review)
rules.add_perm("masterplan.continue_drafting", leads_team | is_admin)
rules.add_perm("masterplan.finalize", can_review)
rules.add_perm("masterplan.legalize", leads_team | is_admin)

# The public portal: the ketua and admins publish the region's masterplan and withdraw it
# (`masterplan.publish`, from the policy above); the portal's services check its status.

"""A region's Bimtek visits: planned and actual dates, place, the pembimbing team, attendees.

Who edits a visit (the permission `bimtek.edit_visit` of bimtek/rules.py, enforced by
`require_edit`):

- the region's assigned pembimbing and Kominfo admins (access.REVIEW): they schedule the
  sessions and run them;
- the region's ketua tim pelaksana (access.MANAGE_TEAM; admins have it too): the region hosts
  the session, books the place and knows who attended.

Anggota and Dewan read visits like everything else of their region. The team is chosen among
the accounts assigned as pembimbing of the region. A visit's data is printed in its report's
header, so it is frozen with the report: while a signature stands on the report, a change to
the visit is refused like any other change of the report (reports.lock_for_change).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from masterplan.editing import save_versioned
from masterplan.models import Role, User

from . import reports
from .models import Report, Visit

EDIT_DENIED = _("Hanya tim pembimbing wilayah ini, ketua tim pelaksana, atau admin Kominfo yang "
                "dapat mengubah data kunjungan Bimtek.")


def require_edit(user, region):
    if not user.has_perm("bimtek.edit_visit", region):
        raise PermissionDenied(EDIT_DENIED)


def pembimbing_choices(region):
    """The accounts assigned as pembimbing of the region: the team is chosen among them."""
    return User.objects.filter(memberships__region=region, memberships__role=Role.PEMBIMBING,
                               is_active=True).order_by("full_name", "username")


def visits_of(masterplan):
    """The masterplan's visits with their sessions, in session order."""
    return Visit.objects.filter(masterplan=masterplan).select_related("session").order_by(
        "session__number")


def save_visit(form, user):
    """Save a VisitForm (versioned); ReportLocked while the report carries a signature."""
    with transaction.atomic():
        report = Report.objects.filter(visit=form.instance).first()
        if report is not None:
            reports.lock_for_change(report)
        return save_versioned(form, user)

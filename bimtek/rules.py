"""Bimtek permissions, composed from the core policy's predicates (masterplan/rules.py).

- `bimtek.edit_visit` (a Region or region-scoped object): the visit data is edited by the
  region's pembimbing and admins (REVIEW) and by its ketua (MANAGE_TEAM; admins have it too).
  `bimtek.change_visit` (a Visit): that, while no signature stands on the visit's report (its
  data is printed in the report's header).
- `bimtek.write_report`: the report is written with REVIEW (the region's pembimbing, admins).
  `bimtek.change_report` (a Visit or Report): that, while no signature stands on the report.
- `bimtek.sign_report`: two sides sign, each through the signer's own role in the region: the
  Tim Pembimbing's by an assigned pembimbing (`signs_as_pembimbing`), the Ketua Tim
  Pelaksana's by the ketua (`signs_as_ketua`). Admins review every region but sign for no side.
  `bimtek.sign_as_<side>` (a Report): that side may sign now (it has not signed yet);
  `bimtek.withdraw_as_<side>`: the user's own signature of that side may be withdrawn now (the
  other side has not signed yet).
- `bimtek.see_matrix` (no object): the matrix of every region's visits is the admins'.
  `bimtek.see_my_reports` (no object): a pembimbing's own visits and reports, for the assigned
  pembimbing of at least one region (admins' reach aside: the page lists the user's own regions).
"""

import rules

from masterplan.rules import (
    can_manage_team,
    can_review,
    is_admin,
    leads_team,
    reviews_a_region_as_member,
    reviews_as_member,
)

from .models import Report, Visit

PEMBIMBING, KETUA = "pembimbing", "ketua"

signs_as_pembimbing = reviews_as_member
signs_as_ketua = leads_team
SIGNS_AS = {PEMBIMBING: signs_as_pembimbing, KETUA: signs_as_ketua}


def report_of(obj):
    """The Report of `obj` (a Report, or a Visit: None before anyone wrote its report)."""
    if isinstance(obj, Report):
        return obj
    if isinstance(obj, Visit):
        try:
            return obj.report
        except Report.DoesNotExist:
            return None
    return None


@rules.predicate
def report_unsigned(user, obj):
    """No signature stands on the report of `obj` (a Visit or Report)."""
    report = report_of(obj)
    return report is None or (report.pembimbing_signed_at is None and report.ketua_signed_at is None)


@rules.predicate
def report_fully_signed(user, obj):
    report = report_of(obj)
    return report is not None and report.is_signed


def _side_unsigned(side):
    @rules.predicate(name=f"{side}_unsigned")
    def predicate(user, obj):
        report = report_of(obj)
        return report is not None and getattr(report, f"{side}_signed_at") is None

    return predicate


def _side_signed_by_user(side):
    @rules.predicate(name=f"{side}_signed_by_user")
    def predicate(user, obj):
        report = report_of(obj)
        return (report is not None and getattr(report, f"{side}_signed_at") is not None
                and getattr(report, f"{side}_signed_by_id") == user.pk)

    return predicate


edit_visit = can_review | can_manage_team

rules.add_perm("bimtek.edit_visit", edit_visit)
rules.add_perm("bimtek.change_visit", edit_visit & report_unsigned)
rules.add_perm("bimtek.write_report", can_review)
rules.add_perm("bimtek.change_report", can_review & report_unsigned)
rules.add_perm("bimtek.sign_report", signs_as_pembimbing | signs_as_ketua)
rules.add_perm("bimtek.see_matrix", is_admin)
rules.add_perm("bimtek.see_my_reports", reviews_a_region_as_member)
for _side, _signs in SIGNS_AS.items():
    rules.add_perm(f"bimtek.sign_as_{_side}", _signs & _side_unsigned(_side) & ~report_fully_signed)
    rules.add_perm(f"bimtek.withdraw_as_{_side}",
                   _signs & _side_signed_by_user(_side) & ~report_fully_signed)

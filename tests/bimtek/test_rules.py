"""Bimtek permissions (bimtek/rules.py): role × report state tables."""

import pytest
from django.contrib.auth.models import AnonymousUser

from bimtek import reports
from masterplan.models import Role
from tests.factories import MembershipFactory, UserFactory

from .helpers import signed_report, visit_of, written_report

ROLES = ("admin", "pembimbing", "ketua", "anggota", "dewan")
VISIT_EDITORS = {"admin", "pembimbing", "ketua"}
WRITERS = {"admin", "pembimbing"}


def allowed(world, perm, obj):
    return {role for role in ROLES if world.user(role).has_perm(perm, obj)}


def report_in_state(world, state):
    """The own region's first visit with its report: none, written, signed by one side or both."""
    if state == "none":
        return visit_of(world), None
    report = written_report(world)
    if state in ("pembimbing", "both"):
        reports.sign(report, world.user("pembimbing"))
    if state in ("ketua", "both"):
        reports.sign(report, world.user("ketua"))
    report.refresh_from_db()
    visit = visit_of(world)
    return visit, report


@pytest.mark.parametrize(("state", "open_"), [
    ("none", True), ("written", True), ("pembimbing", False), ("ketua", False), ("both", False),
])
def test_visit_and_report_change_only_while_no_signature_stands(world, state, open_):
    visit, report = report_in_state(world, state)
    assert allowed(world, "bimtek.edit_visit", world.own) == VISIT_EDITORS
    assert allowed(world, "bimtek.write_report", world.own) == WRITERS
    assert allowed(world, "bimtek.change_visit", visit) == (VISIT_EDITORS if open_ else set())
    assert allowed(world, "bimtek.change_report", visit) == (WRITERS if open_ else set())
    if report is not None:
        assert allowed(world, "bimtek.change_report", report) == (WRITERS if open_ else set())


def test_another_regions_visit_is_the_admins_only(world):
    visit = visit_of(world, target="other")
    assert allowed(world, "bimtek.change_visit", visit) == {"admin"}
    assert allowed(world, "bimtek.change_report", visit) == {"admin"}
    assert allowed(world, "bimtek.sign_report", world.other) == set()


def test_the_regions_pembimbing_and_ketua_sign_admins_do_not(world):
    assert allowed(world, "bimtek.sign_report", world.own) == {"pembimbing", "ketua"}
    assert reports.signer_side(world.user("pembimbing"), world.own) == reports.PEMBIMBING
    assert reports.signer_side(world.user("ketua"), world.own) == reports.KETUA
    assert reports.signer_side(world.user("admin"), world.own) is None


def test_an_admin_assigned_as_pembimbing_signs_for_the_pembimbing_side(world):
    admin = world.user("admin")
    MembershipFactory(user=admin, region=world.other, role="pembimbing")
    assert admin.has_perm("bimtek.sign_report", world.other)
    assert reports.signer_side(admin, world.other) == reports.PEMBIMBING
    assert not admin.has_perm("bimtek.sign_report", world.own)


@pytest.mark.parametrize(("state", "sign", "withdraw"), [
    # (who may sign as which side, who may withdraw which side) in each report state
    ("none", set(), set()),
    ("written", {("pembimbing", "pembimbing"), ("ketua", "ketua")}, set()),
    ("pembimbing", {("ketua", "ketua")}, {("pembimbing", "pembimbing")}),
    ("ketua", {("pembimbing", "pembimbing")}, {("ketua", "ketua")}),
    ("both", set(), set()),
])
def test_each_side_signs_once_and_withdraws_only_its_own_before_the_other_signs(
        world, state, sign, withdraw):
    _visit, report = report_in_state(world, state)
    sides = (reports.PEMBIMBING, reports.KETUA)
    assert {(role, side) for role in ROLES for side in sides
            if world.user(role).has_perm(f"bimtek.sign_as_{side}", report)} == sign
    assert {(role, side) for role in ROLES for side in sides
            if world.user(role).has_perm(f"bimtek.withdraw_as_{side}", report)} == withdraw


def test_only_the_signer_withdraws_a_signature(world):
    report = written_report(world)
    other_pembimbing = MembershipFactory(region=world.own, role="pembimbing").user
    reports.sign(report, world.user("pembimbing"))
    report.refresh_from_db()
    assert world.user("pembimbing").has_perm("bimtek.withdraw_as_pembimbing", report)
    assert not other_pembimbing.has_perm("bimtek.withdraw_as_pembimbing", report)
    assert not other_pembimbing.has_perm("bimtek.sign_as_pembimbing", report)


def test_a_signed_report_is_frozen_for_everyone(world):
    report = signed_report(world)
    for perm in ("bimtek.change_report", "bimtek.change_visit", "bimtek.sign_as_pembimbing",
                 "bimtek.sign_as_ketua", "bimtek.withdraw_as_pembimbing", "bimtek.withdraw_as_ketua"):
        assert allowed(world, perm, report) == set(), perm


def test_the_matrix_is_the_admins(world):
    assert allowed(world, "bimtek.see_matrix", None) == {"admin"}


def test_my_reports_are_for_the_assigned_pembimbing_of_some_region(world):
    # Admins review every region but are no region's pembimbing: the page lists a user's own.
    assert allowed(world, "bimtek.see_my_reports", None) == {"pembimbing"}
    elsewhere = UserFactory(username="pembimbing.lain")
    MembershipFactory(user=elsewhere, region=world.other, role=Role.PEMBIMBING)
    assert elsewhere.has_perm("bimtek.see_my_reports")
    # A pembimbing assigned to no region (any more) is refused.
    assert not UserFactory(username="pembimbing.tanpa.wilayah").has_perm("bimtek.see_my_reports")
    assert not AnonymousUser().has_perm("bimtek.see_my_reports")

"""Readiness permissions (readiness/rules.py)."""

from django.contrib.auth.models import AnonymousUser

from tests.factories import MembershipFactory, UserFactory


def test_see_overview_is_for_admins_and_the_pembimbing_of_any_region(world):
    roles = ("admin", "pembimbing", "ketua", "anggota", "dewan")
    assert {role for role in roles if world.user(role).has_perm("readiness.see_overview")} == {
        "admin", "pembimbing"}
    # A pembimbing of another region only, and an account without any membership.
    elsewhere = MembershipFactory(region=world.other, role="pembimbing").user
    assert elsewhere.has_perm("readiness.see_overview")
    assert not UserFactory(username="tanpa.wilayah").has_perm("readiness.see_overview")
    assert not AnonymousUser().has_perm("readiness.see_overview")

"""The navigation bar: each entry is shown to whoever has its permission (templates/base.html,
masterplan/comments/_bell.html ask `{% has_perm %}`), not to a role name."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REVIEW_NAV = ("region_list", "index_overview", "comment_inbox")
ADMIN_NAV = ("account_list", "batch_list", "batch_export", "bimtek_matrix")
MY_REPORTS = "bimtek_my_reports"
EVERYONE = ("dashboard", "notifications")


def nav_links(client, user):
    """The URL names the navigation bar links for `user`."""
    client.force_login(user)
    page = client.get(reverse("password_change")).content.decode()
    nav = page[page.index("<nav"):page.index("</nav>")]
    hrefs = set(re.findall(r'class="nav-link" href="([^"]+)"', nav))
    names = EVERYONE + REVIEW_NAV + ADMIN_NAV + (MY_REPORTS,)
    return {name for name in names if reverse(name) in hrefs}


def test_an_admin_sees_the_admin_and_review_entries(client, world):
    assert nav_links(client, world.user("admin")) == set(EVERYONE + REVIEW_NAV + ADMIN_NAV)


def test_a_pembimbing_sees_the_review_entries_and_their_reports(client, world):
    assert nav_links(client, world.user("pembimbing")) == set(EVERYONE + REVIEW_NAV + (MY_REPORTS,))


@pytest.mark.parametrize("role", ["ketua", "anggota", "dewan"])
def test_the_regional_team_sees_no_review_or_admin_entry(client, world, role):
    assert nav_links(client, world.user(role)) == set(EVERYONE)


def test_a_pembimbing_assigned_to_no_region_sees_no_review_entry(client, world):
    pembimbing = world.user("pembimbing")
    pembimbing.memberships.all().delete()
    assert nav_links(client, pembimbing) == set(EVERYONE)
    assert nav_links(client, UserFactory(username="tanpa.wilayah")) == set(EVERYONE)

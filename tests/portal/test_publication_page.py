"""The region's publishing page (portal/views/publishing.py): the forms for the ketua and admins,
the explicit draft choice, withdrawing, and the log shown to everyone who reads the region."""

import pytest
from django.urls import reverse

from portal.models import Publication, PublicationEvent

pytestmark = pytest.mark.django_db


def url(world, name="publication"):
    return reverse(name, kwargs={"region_code": world.own.code})


def test_the_ketua_publishes_a_draft_only_when_choosing_it(client, world):
    client.force_login(world.user("ketua"))
    refused = client.post(url(world), {"licence": "CC-BY-4.0", "note": ""})
    assert refused.status_code == 422
    assert "centang pilihan ini" in refused.content.decode()
    assert not Publication.objects.exists()
    response = client.post(url(world), {"licence": "CC-BY-SA-4.0", "as_draft": "on",
                                        "note": "Untuk konsultasi publik"}, follow=True)
    publication = Publication.objects.get()
    assert publication.as_draft and publication.licence == "CC-BY-SA-4.0"
    page = response.content.decode()
    assert "sebagai DRAF" in page and "Untuk konsultasi publik" in page
    assert reverse("portal_region", kwargs={"region_code": world.own.code}) in page


def test_withdrawing_is_logged_and_shown(client, world):
    client.force_login(world.user("admin"))
    client.post(url(world), {"licence": "CC-BY-4.0", "as_draft": "on"})
    response = client.post(url(world, "publication_withdraw"), {"note": "Data belum valid"},
                           follow=True)
    assert not Publication.objects.exists()
    assert list(PublicationEvent.objects.values_list("action", flat=True)) == [
        "unpublished", "published"]
    page = response.content.decode()
    assert "Dicabut dari publik" in page and "Data belum valid" in page


@pytest.mark.parametrize("role", ["anggota", "dewan", "pembimbing"])
def test_other_roles_read_the_page_and_log_but_get_no_form(client, world, role):
    client.force_login(world.user(role))
    page = client.get(url(world)).content.decode()
    assert "Log publikasi" in page
    assert 'name="licence"' not in page
    assert client.post(url(world), {"licence": "CC-BY-4.0", "as_draft": "on"}).status_code == 403
    assert not Publication.objects.exists()


def test_the_page_is_in_the_workspace_navigation(client, world):
    client.force_login(world.user("dewan"))
    nav = client.get(reverse("workspace_nav", kwargs={"region_code": world.own.code}))
    assert url(world) in nav.content.decode()

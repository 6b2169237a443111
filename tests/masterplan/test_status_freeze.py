"""Content is editable only while the masterplan is a draft or needs revision."""

import pytest
from django.urls import reverse

from masterplan.models import Masterplan

from ..readiness.test_entry_views import entry_url, first_entry, row_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["diajukan", "disetujui", "final", "ditetapkan"])
def test_frozen_masterplan_refuses_content_writes_and_hides_forms(client, world, status):
    masterplan = world.masterplans["own"]
    Masterplan.objects.filter(pk=masterplan.pk).update(status=status)
    entry = first_entry(masterplan)
    client.force_login(world.user("anggota"))
    response = client.post(entry_url(entry), row_data(entry, value_text="baru"))
    assert response.status_code == 403
    assert "hanya dapat diubah saat berstatus draf atau perlu revisi" in response.content.decode()
    entry.refresh_from_db()
    assert entry.value_text == ""
    page = client.get(reverse("readiness_table", kwargs={"region_code": world.own.code,
                                                         "table": "ii-2"}))
    assert "hx-post" not in page.content.decode()


def test_revision_reopens_the_content(client, world):
    masterplan = world.masterplans["own"]
    Masterplan.objects.filter(pk=masterplan.pk).update(status="perlu_revisi")
    entry = first_entry(masterplan)
    client.force_login(world.user("anggota"))
    assert client.post(entry_url(entry), row_data(entry, value_text="revisi")).status_code == 302
    entry.refresh_from_db()
    assert entry.value_text == "revisi"

"""Visit rules: who edits dates, place, team and attendees; the team comes from the region."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bimtek import attachments, reports
from bimtek.models import Visit
from masterplan.models import Role

from ..factories import MembershipFactory, UserFactory
from .helpers import (
    HELD_ON,
    OTHER,
    fingerprint,
    pdf_upload,
    region_url,
    url,
    visit_of,
    written_report,
)

pytestmark = pytest.mark.django_db


def visit_data(**values):
    data = {"planned_date": "2026-03-09", "actual_date": "2026-03-10",
            "location": "Balai Kota Bandung", "attendees": "Sekda\nBappeda (3 orang)",
            "version": "1"}
    data.update(values)
    return data


@pytest.mark.parametrize("role", ["pembimbing", "ketua", "admin"])
def test_pembimbing_ketua_and_admins_edit_the_visit(client, world, role):
    client.force_login(world.user(role))
    assert client.get(url("bimtek_visit_edit")).status_code == 200
    response = client.post(url("bimtek_visit_edit"),
                           visit_data(pembimbing=[world.user("pembimbing").pk]))
    assert response.status_code == 302
    visit = visit_of(world)
    assert (visit.planned_date.isoformat(), visit.actual_date, visit.location) == (
        "2026-03-09", HELD_ON, "Balai Kota Bandung")
    assert list(visit.pembimbing.all()) == [world.user("pembimbing")]
    assert visit.updated_by == world.user(role)


@pytest.mark.parametrize("role", ["anggota", "dewan"])
def test_anggota_and_dewan_cannot_edit_the_visit(client, world, role):
    client.force_login(world.user(role))
    assert client.get(url("bimtek_visit_edit")).status_code == 403
    assert client.post(url("bimtek_visit_edit"), visit_data()).status_code == 403
    assert visit_of(world).location == ""


def test_the_team_is_chosen_among_the_regions_pembimbing(client, world):
    stranger = UserFactory(username="pembimbing.lain")
    MembershipFactory(user=stranger, region=world.other, role=Role.PEMBIMBING)
    client.force_login(world.user("ketua"))
    form = client.get(url("bimtek_visit_edit")).context["form"]
    assert list(form.fields["pembimbing"].queryset) == [world.user("pembimbing")]

    for account in (stranger, world.user("anggota")):
        response = client.post(url("bimtek_visit_edit"), visit_data(pembimbing=[account.pk]))
        assert response.status_code == 422
        assert "pembimbing" in response.context["form"].errors
    visit = visit_of(world)
    assert (visit.location, list(visit.pembimbing.all())) == ("", [])


def test_dates_outside_the_programme_are_refused(client, world):
    client.force_login(world.user("pembimbing"))
    response = client.post(url("bimtek_visit_edit"), visit_data(actual_date="1999-01-01"))
    assert response.status_code == 422
    assert response.context["form"].errors["actual_date"] == ["Tahun harus antara 2017 dan 2100."]
    assert visit_of(world).actual_date is None


def test_a_concurrent_visit_edit_is_refused_with_the_other_change(client, world):
    client.force_login(world.user("pembimbing"))
    seen = client.get(url("bimtek_visit_edit")).context["form"]
    visit = visit_of(world)
    Visit.objects.filter(pk=visit.pk).update(location="Diubah ketua", version=visit.version + 1)
    response = client.post(url("bimtek_visit_edit"), visit_data(
        version=seen.initial["version"], snapshot=seen.initial["snapshot"]))
    assert response.status_code == 422
    changes = response.context["form"].conflict.changes
    assert [(c.before, c.after) for c in changes if c.after == "Diubah ketua"] == [("", "Diubah ketua")]
    assert visit_of(world).location == "Diubah ketua"


def test_the_visit_is_frozen_with_its_signed_report(client, world):
    report = written_report(world)
    reports.sign(report, world.user("pembimbing"))
    before = fingerprint(report)
    client.force_login(world.user("ketua"))
    response = client.post(url("bimtek_visit_edit"), visit_data(location="Tempat lain"),
                           follow=True)
    assert "tanda tangan itu harus dibatalkan dahulu" in response.content.decode()
    assert fingerprint(report) == before


def test_another_regions_visit_is_404_and_its_pages_stay_apart(client, world):
    client.force_login(world.user("ketua"))
    assert client.get(url("bimtek_visit_edit", code=OTHER)).status_code == 404
    assert client.post(url("bimtek_visit_edit", code=OTHER), visit_data()).status_code == 404
    assert visit_of(world, target="other").location == ""


def test_overview_lists_the_four_sessions_with_agenda_and_state(client, world):
    visit = visit_of(world, 2)
    visit.planned_date = HELD_ON
    visit.save()
    client.force_login(world.user("dewan"))
    response = client.get(region_url("bimtek_overview"))
    page = response.content.decode()
    assert response.status_code == 200
    assert [v.session.number for v, _state in response.context["rows"]] == [1, 2, 3, 4]
    assert [state.state for _v, state in response.context["rows"]] == ["", "planned", "", ""]
    assert "Persiapan, Perencanaan, dan Koordinasi Penyusunan Masterplan Smart City" in page
    assert "<details" in page and "Coffee break" in page and "Kapala Daerah/ Sekda" in page
    assert "Ubah data kunjungan" not in page


def test_visit_and_overview_pages_cost_the_same_queries_however_much_is_written(
        client, world, django_assert_max_num_queries):
    report = written_report(world)
    client.force_login(world.user("pembimbing"))
    pages = [url("bimtek_visit"), region_url("bimtek_overview")]
    counts = []
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        counts.append(len(queries))
    for extra in range(3):
        member = UserFactory(username=f"pembimbing.tambahan{extra}")
        MembershipFactory(user=member, region=world.own, role=Role.PEMBIMBING)
        for number in (1, 2, 3):
            visit_of(world, number).pembimbing.add(member)
        attachments.add_attachment(report, pdf_upload(f"lampiran-{extra}.pdf"), member)
    for item in report.visit.session.report_items.all()[1:]:
        report.notes.create(item=item, held=True, notes="Terlaksana sesuai jadwal.")
    for page, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(page).status_code == 200

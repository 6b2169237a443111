"""Report rules: who writes, who signs, the lock after signatures, the notes grid, the states."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bimtek import attachments, reports, visits
from bimtek.forms import NotesForm, ReportForm, VisitForm
from bimtek.models import Report, ReportItemNote
from masterplan.models import Role

from ..factories import MembershipFactory, UserFactory
from .helpers import (
    HELD_ON,
    OTHER,
    fingerprint,
    pdf_upload,
    signed_report,
    url,
    visit_of,
    written_report,
)

pytestmark = pytest.mark.django_db

LOCKED = "Laporan sudah ditandatangani kedua pihak; tidak dapat diubah."


def notes_data(report, items, **values):
    """POST data of the notes grid as loaded now, with `values` ({item: (held, notes)}) changed."""
    form = NotesForm(instance=report, items=items)
    data = {"version": str(report.version), "snapshot": form["snapshot"].value()}
    for item in items:
        held, text = values.get(item, ("", ""))
        data[f"held_{item.pk}"] = held
        data[f"notes_{item.pk}"] = text
    return data


# --- writing the report ------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["pembimbing", "admin"])
def test_pembimbing_and_admins_write_the_report(client, world, role):
    client.force_login(world.user(role))
    response = client.post(url("bimtek_report_edit"), {
        "visit_date": "2026-03-10", "output": "Kerangka masterplan disepakati.", "version": "1"})
    assert response.status_code == 302
    report = Report.objects.get(visit=visit_of(world))
    assert (report.visit_date, report.output) == (HELD_ON, "Kerangka masterplan disepakati.")
    assert report.updated_by == world.user(role)


@pytest.mark.parametrize("role", ["ketua", "anggota", "dewan"])
def test_the_region_team_cannot_write_the_report(client, world, role):
    client.force_login(world.user(role))
    for name in ("bimtek_report_edit", "bimtek_notes"):
        assert client.get(url(name)).status_code == 403
        assert client.post(url(name), {"output": "Tidak boleh"}).status_code == 403
    assert client.post(url("bimtek_attachment_add"), {"file": pdf_upload()}).status_code == 403
    assert not Report.objects.filter(output="Tidak boleh").exists()


def test_another_regions_pembimbing_gets_404(client, world):
    other_pembimbing = UserFactory(username="pembimbing.lain")
    MembershipFactory(user=other_pembimbing, region=world.other, role=Role.PEMBIMBING)
    client.force_login(other_pembimbing)
    assert client.get(url("bimtek_visit")).status_code == 404
    assert client.post(url("bimtek_report_edit"), {"output": "x"}).status_code == 404
    assert client.get(url("bimtek_visit", code=OTHER)).status_code == 200


def test_reports_are_written_whatever_the_masterplan_status(client, world):
    world.masterplans["own"].status = "diajukan"
    world.masterplans["own"].save()
    client.force_login(world.user("pembimbing"))
    response = client.post(url("bimtek_report_edit"), {"output": "Ditulis saat diajukan",
                                                       "version": "1"})
    assert response.status_code == 302
    assert Report.objects.get(visit=visit_of(world)).output == "Ditulis saat diajukan"


def test_every_role_reads_the_report_page(client, world):
    report = written_report(world)
    for role in ("admin", "pembimbing", "ketua", "anggota", "dewan"):
        client.force_login(world.user(role))
        response = client.get(url("bimtek_visit"))
        assert response.status_code == 200
        assert report.output in response.content.decode()


def test_a_visit_number_beyond_the_sessions_is_404(client, world):
    client.force_login(world.user("pembimbing"))
    assert client.get(url("bimtek_visit", number=5)).status_code == 404


def test_report_edit_conflict_keeps_the_other_save(client, world):
    report = written_report(world)
    client.force_login(world.user("pembimbing"))
    seen = client.get(url("bimtek_report_edit")).context["form"]
    Report.objects.filter(pk=report.pk).update(output="Diubah orang lain", version=report.version + 1)
    data = {"visit_date": "2026-03-10", "output": "Versi saya",
            "version": seen.initial["version"], "snapshot": seen.initial["snapshot"]}
    response = client.post(url("bimtek_report_edit"), data)
    assert response.status_code == 422
    assert response.context["form"].conflict is not None
    assert Report.objects.get(pk=report.pk).output == "Diubah orang lain"


# --- the notes grid ---------------------------------------------------------------------------

def test_notes_grid_saves_every_item_in_one_post(client, world):
    visit = visit_of(world)
    report = reports.ensure_report(visit)
    items = list(visit.session.report_items.all())
    data = notes_data(report, items, **{})
    data.update({f"held_{items[0].pk}": "1", f"notes_{items[0].pk}": "Dibuka Sekda",
                 f"held_{items[1].pk}": "0", f"notes_{items[1].pk}": "Diundur"})
    client.force_login(world.user("pembimbing"))
    assert client.post(url("bimtek_notes"), data).status_code == 302
    notes = {n.item_id: (n.held, n.notes) for n in ReportItemNote.objects.filter(report=report)}
    assert notes == {items[0].pk: (True, "Dibuka Sekda"), items[1].pk: (False, "Diundur")}
    report.refresh_from_db()
    assert report.version == 2


def test_notes_grid_is_all_or_nothing_on_a_conflict(client, world):
    visit = visit_of(world)
    report = reports.ensure_report(visit)
    items = list(visit.session.report_items.all())
    data = notes_data(report, items)
    data.update({f"held_{items[0].pk}": "1", f"notes_{items[0].pk}": "Versi saya",
                 f"held_{items[2].pk}": "1", f"notes_{items[2].pk}": "Juga versi saya"})
    # Someone else saves item 3 in between.
    other = notes_data(report, items)
    other.update({f"held_{items[2].pk}": "0", f"notes_{items[2].pk}": "Versi orang lain"})
    client.force_login(world.user("admin"))
    assert client.post(url("bimtek_notes"), other).status_code == 302
    before = fingerprint(report)

    client.force_login(world.user("pembimbing"))
    response = client.post(url("bimtek_notes"), data)

    assert response.status_code == 422
    form = response.context["form"]
    assert [(change.after, change.clash) for change in form.conflict.changes] == [
        ("Tidak terlaksana", True), ("Versi orang lain", True)]
    assert fingerprint(report) == before  # nothing of the grid was saved
    # Both changed item 3: saving again needs a choice per field; here the user keeps theirs.
    rebased = {key: form.data[key] for key in data}
    assert client.post(url("bimtek_notes"), rebased).status_code == 422
    rebased.update({f"pilihan__held_{items[2].pk}": "anda",
                    f"pilihan__notes_{items[2].pk}": "anda"})
    assert client.post(url("bimtek_notes"), rebased).status_code == 302
    assert ReportItemNote.objects.get(report=report, item=items[2]).notes == "Juga versi saya"


def test_notes_grid_refuses_a_too_long_note_and_saves_nothing(client, world):
    visit = visit_of(world)
    report = reports.ensure_report(visit)
    items = list(visit.session.report_items.all())
    data = notes_data(report, items)
    data.update({f"notes_{items[0].pk}": "baik", f"notes_{items[1].pk}": "x" * 5001})
    client.force_login(world.user("pembimbing"))
    response = client.post(url("bimtek_notes"), data)
    assert response.status_code == 422
    assert not ReportItemNote.objects.filter(report=report).exists()


# --- signing ---------------------------------------------------------------------------------

def test_pembimbing_and_ketua_sign_and_the_time_is_recorded(client, world):
    report = written_report(world)
    for role, side in (("pembimbing", "pembimbing"), ("ketua", "ketua")):
        client.force_login(world.user(role))
        response = client.post(url("bimtek_sign"), follow=True)
        assert response.status_code == 200
        report.refresh_from_db()
        assert getattr(report, f"{side}_signed_by") == world.user(role)
        assert getattr(report, f"{side}_signed_at") is not None
    assert report.is_signed
    page = client.get(url("bimtek_visit")).content.decode()
    assert 'id="laporan-terkunci"' in page
    assert url("bimtek_notes") not in page and url("bimtek_attachment_add") not in page


@pytest.mark.parametrize("role", ["admin", "anggota", "dewan"])
def test_other_roles_cannot_sign(client, world, role):
    report = written_report(world)
    client.force_login(world.user(role))
    assert client.post(url("bimtek_sign")).status_code == 403
    with pytest.raises(PermissionDenied):
        reports.sign(report, world.user(role))
    report.refresh_from_db()
    assert reports.signed_sides(report) == []


def test_an_incomplete_report_cannot_be_signed(client, world):
    report = reports.ensure_report(visit_of(world))
    with pytest.raises(ValidationError, match="tanggal kunjungan dan output hasil Bimtek"):
        reports.sign(report, world.user("pembimbing"))
    client.force_login(world.user("ketua"))
    response = client.post(url("bimtek_sign"), follow=True)
    assert "Lengkapi tanggal kunjungan dan output hasil Bimtek" in response.content.decode()
    report.refresh_from_db()
    assert reports.signed_sides(report) == []


def test_a_side_signs_once(world):
    report = written_report(world)
    reports.sign(report, world.user("pembimbing"))
    second = UserFactory(username="pembimbing.kedua")
    MembershipFactory(user=second, region=world.own, role=Role.PEMBIMBING)
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        reports.sign(report, second)
    report.refresh_from_db()
    assert report.pembimbing_signed_by == world.user("pembimbing")


def test_a_signer_withdraws_their_own_signature_while_the_other_has_not_signed(client, world):
    report = written_report(world)
    reports.sign(report, world.user("ketua"))
    client.force_login(world.user("ketua"))
    assert client.post(url("bimtek_unsign")).status_code == 302
    report.refresh_from_db()
    assert report.ketua_signed_at is None and report.ketua_signed_by is None


def test_only_the_signer_withdraws_a_signature(world):
    report = written_report(world)
    reports.sign(report, world.user("pembimbing"))
    second = UserFactory(username="pembimbing.kedua")
    MembershipFactory(user=second, region=world.own, role=Role.PEMBIMBING)
    with pytest.raises(ValidationError, match="hanya dia yang dapat membatalkannya"):
        reports.unsign(report, second)
    with pytest.raises(ValidationError, match="Belum ada tanda tangan Ketua"):
        reports.unsign(report, world.user("ketua"))
    report.refresh_from_db()
    assert report.pembimbing_signed_by == world.user("pembimbing")


def test_no_withdrawal_once_both_have_signed(client, world):
    report = signed_report(world)
    before = fingerprint(report)
    for role in ("pembimbing", "ketua"):
        client.force_login(world.user(role))
        response = client.post(url("bimtek_unsign"), follow=True)
        assert LOCKED in response.content.decode()
    assert fingerprint(report) == before


# --- the lock ----------------------------------------------------------------------------------

def test_a_signed_report_refuses_every_change_and_nothing_changes(client, world):
    report = written_report(world)
    attachment = attachments.add_attachment(report, pdf_upload(), world.user("pembimbing"))
    reports.sign(report, world.user("pembimbing"))
    reports.sign(report, world.user("ketua"))
    report.refresh_from_db()
    items = list(report.visit.session.report_items.all())
    before = fingerprint(report)

    client.force_login(world.user("pembimbing"))
    posts = [
        (url("bimtek_report_edit"), {"visit_date": "2026-04-01", "output": "Diubah",
                                     "version": str(report.version)}),
        (url("bimtek_notes"), {**notes_data(report, items), f"notes_{items[0].pk}": "Diubah"}),
        (url("bimtek_attachment_add"), {"file": pdf_upload("baru.pdf")}),
        (url("bimtek_attachment_delete", attachment_pk=attachment.pk), {}),
        (url("bimtek_visit_edit"), {"location": "Tempat lain", "version": "1"}),
    ]
    for target, data in posts:
        response = client.post(target, data, follow=True)
        assert response.status_code == 200, target
        assert LOCKED in response.content.decode(), target
    for name in ("bimtek_report_edit", "bimtek_notes", "bimtek_visit_edit"):
        response = client.get(url(name), follow=True)
        assert LOCKED in response.content.decode()
    assert fingerprint(report) == before


def test_the_lock_is_checked_by_the_services_too(world):
    """Inside their transactions, not only by the views (a signature may land in between)."""
    report = written_report(world)
    attachment = attachments.add_attachment(report, pdf_upload(), world.user("pembimbing"))
    reports.sign(report, world.user("pembimbing"))
    reports.sign(report, world.user("ketua"))
    report.refresh_from_db()
    before = fingerprint(report)
    with pytest.raises(reports.ReportLocked, match=LOCKED):
        attachments.add_attachment(report, pdf_upload(), world.user("pembimbing"))
    form = ReportForm({"output": "Diubah", "version": str(report.version)}, instance=report)
    assert form.is_valid()
    with pytest.raises(reports.ReportLocked):
        reports.save_report(form, world.user("pembimbing"))
    items = list(report.visit.session.report_items.all())
    notes = NotesForm({**notes_data(report, items), f"notes_{items[1].pk}": "Diubah"},
                      instance=report, items=items)
    assert notes.is_valid()
    with pytest.raises(reports.ReportLocked):
        reports.save_notes(notes, world.user("pembimbing"))
    visit_form = VisitForm({"location": "Diubah", "version": "1"}, instance=report.visit,
                           region=world.own)
    assert visit_form.is_valid()
    with pytest.raises(reports.ReportLocked):
        visits.save_visit(visit_form, world.user("ketua"))
    with pytest.raises(reports.ReportLocked):
        attachments.delete_attachment(attachment)
    assert fingerprint(report) == before


def test_one_signature_freezes_the_report_until_it_is_withdrawn(client, world):
    report = written_report(world)
    reports.sign(report, world.user("ketua"))
    report.refresh_from_db()
    before = fingerprint(report)
    client.force_login(world.user("pembimbing"))
    response = client.post(url("bimtek_report_edit"), {"output": "Diubah", "version": "9"},
                           follow=True)
    assert "tanda tangan itu harus dibatalkan dahulu" in response.content.decode()
    assert fingerprint(report) == before

    reports.unsign(report, world.user("ketua"))
    report.refresh_from_db()
    response = client.post(url("bimtek_report_edit"), {
        "visit_date": "2026-03-10", "output": "Diubah", "version": str(report.version)})
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).output == "Diubah"


def test_a_form_opened_before_signing_cannot_save_after_it(client, world):
    report = written_report(world)
    client.force_login(world.user("pembimbing"))
    seen = client.get(url("bimtek_report_edit")).context["form"]
    reports.sign(report, world.user("pembimbing"))
    reports.sign(report, world.user("ketua"))
    response = client.post(url("bimtek_report_edit"), {
        "visit_date": "2026-03-10", "output": "Terlambat", "version": seen.initial["version"],
        "snapshot": seen.initial["snapshot"]}, follow=True)
    assert LOCKED in response.content.decode()
    assert Report.objects.get(pk=report.pk).output != "Terlambat"


# --- states --------------------------------------------------------------------------------------

def test_states_follow_planning_holding_reporting_and_signing(world):
    masterplan = world.masterplans["own"]

    def state(number):
        return reports.visit_states([masterplan.pk])[masterplan.pk][number].state

    assert state(1) == reports.NONE
    visit = visit_of(world)
    visit.planned_date = HELD_ON
    visit.save()
    assert state(1) == reports.PLANNED
    visit.actual_date = HELD_ON
    visit.save()
    assert state(1) == reports.HELD
    report = reports.ensure_report(visit)
    assert state(1) == reports.HELD  # an empty report is not a report yet
    ReportItemNote.objects.create(report=report, item=visit.session.report_items.first(),
                                  held=None, notes="")
    assert state(1) == reports.HELD  # nor is an empty note
    ReportItemNote.objects.filter(report=report).update(held=False)
    assert state(1) == reports.REPORTED
    ReportItemNote.objects.filter(report=report).delete()
    report.output, report.visit_date = "Output", HELD_ON
    report.save()
    assert state(1) == reports.REPORTED
    reports.sign(report, world.user("pembimbing"))
    assert state(1) == reports.REPORTED
    reports.sign(report, world.user("ketua"))
    assert state(1) == reports.SIGNED
    assert [s.state for s in reports.visit_states([masterplan.pk])[masterplan.pk].values()] == [
        reports.SIGNED, reports.NONE, reports.NONE, reports.NONE]


def test_visit_states_cost_one_query_for_many_masterplans(world, django_assert_num_queries):
    signed_report(world)
    written_report(world, 2, "other")
    ids = [world.masterplans["own"].pk, world.masterplans["other"].pk]
    with django_assert_num_queries(1):
        states = reports.visit_states(ids)
    assert states[ids[0]][1].state == reports.SIGNED
    assert states[ids[1]][2].state == reports.REPORTED

"""A masterplan's content version: bumped once by each committed change of what its figures read,
whatever wrote it (a row, a form's grid, a delete's cascade, a workbook import, a transition)."""

import pytest
from django.apps import apps
from django.db import transaction

from bimtek.models import Visit
from books.models import NarrativeSection
from masterplan import content_version, workflow
from masterplan.models import Masterplan, Membership, Role, StageCheck
from masterplan.ordering import delete_versioned
from masterplan.workbook import importer
from readiness.forms import EntryForm
from readiness.services import save_table, sub_area_by_slug, table_entries
from roadmap.models import KpiTarget, Opd, Program, ProgramKpi
from swot.models import Mission, SwotItem, Worksheet

from .workbook_helpers import edit, export_bytes, row_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

# Models with a masterplan that no figure reads: their changes leave the figures as they are.
NOT_READ_BY_FIGURES = {"masterplan.WorkbookImport", "masterplan.StatusChange",
                       "masterplan.RenderJob", "masterplan.Comment", "masterplan.Notification",
                       "masterplan.StoredFigure", "books.BookCover",
                       "portal.Publication", "portal.PublicationEvent"}


def version(masterplan):
    return Masterplan.objects.values_list("content_version", flat=True).get(pk=masterplan.pk)


class Bumps:
    """How many times each masterplan's content version moved inside the block."""

    def __init__(self, *masterplans):
        self.masterplans = masterplans

    def __enter__(self):
        self.before = [version(mp) for mp in self.masterplans]
        return self

    def __exit__(self, *exc):
        self.counts = [version(mp) - before for mp, before in zip(self.masterplans, self.before,
                                                                   strict=True)]


def _program(masterplan, region):
    element = masterplan.edition.dimensions.first().elements.first()
    return Program.objects.create(
        masterplan=masterplan, name="Satu Data", element=element, category="aplikasi",
        horizon="pendek", start_year=2026, end_year=2030,
        lead_opd=Opd.objects.create(region=region, name="Diskominfo"),
        monitoring_responsible="Bappelitbang")


def test_a_row_saved_and_deleted_bumps_its_own_masterplan_only(world):
    own, other = world.masterplans["own"], world.masterplans["other"]
    with Bumps(own, other) as saved:
        mission = Mission.objects.create(masterplan=own, text="Misi")
    assert saved.counts == [1, 0]
    with Bumps(own, other) as deleted:
        mission.delete()
    assert deleted.counts == [1, 0]


def test_a_row_below_its_parents_bumps_through_them(world):
    own = world.masterplans["own"]
    program = _program(own, world.own)
    kpi = ProgramKpi.objects.create(program=program, name="KPI")
    with Bumps(own, world.masterplans["other"]) as bumps:
        target = KpiTarget.objects.create(kpi=kpi, year=2030, value=1)
        target.value = 2
        target.save()
    assert bumps.counts == [2, 0]


def test_a_many_to_many_change_bumps(world):
    own = world.masterplans["own"]
    worksheet = Worksheet.objects.filter(masterplan=own).first()
    item = SwotItem.objects.create(worksheet=worksheet, factor="S", text="Kekuatan")
    with Bumps(own) as bumps:
        item.evidence.add(own.readiness_entries.first())
    assert bumps.counts == [1]


def test_a_grid_saved_through_the_edit_layer_bumps_once(world):
    own = world.masterplans["own"]
    sub_area = sub_area_by_slug(own.edition_id, "ii-2")
    entries = list(table_entries(own, sub_area))
    data = {}
    for number, entry in enumerate(entries):
        form = EntryForm(instance=entry)
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
        if number < 3:
            data[form.add_prefix("interpretation")] = "baik"
    with Bumps(own) as bumps:
        result = save_table(own, sub_area, data, world.user("ketua"))
    assert not result.refused and len(result.saved) == 3
    assert bumps.counts == [1]


def test_a_delete_with_its_cascade_bumps_once(world):
    own = world.masterplans["own"]
    program = _program(own, world.own)
    kpi = ProgramKpi.objects.create(program=program, name="KPI")
    for year in (2028, 2029, 2030):
        KpiTarget.objects.create(kpi=kpi, year=year, value=1)
    program.refresh_from_db()
    with Bumps(own) as bumps:
        delete_versioned(program, program.version, str(program))
    assert bumps.counts == [1]


def test_a_change_rolled_back_bumps_nothing(world):
    own = world.masterplans["own"]
    with Bumps(own) as bumps, pytest.raises(RuntimeError):
        with content_version.collecting():
            Mission.objects.create(masterplan=own, text="Misi")
            raise RuntimeError("refused")
    assert bumps.counts == [0]
    with Bumps(own) as outside, pytest.raises(RuntimeError):
        with transaction.atomic():
            Mission.objects.create(masterplan=own, text="Misi")
            raise RuntimeError("refused")
    assert outside.counts == [0]


def test_a_workbook_import_bumps_once(world):
    own = world.masterplans["own"]
    exported = export_bytes(own)

    def change(workbook):
        sheet = workbook["II.2 SDM"]
        for row in (row_of(sheet, "c1"), row_of(sheet, "c2")):
            sheet[f"E{row}"] = 7

    content = edit(exported, change)
    diff = importer.preview(own, content)
    assert not diff.is_empty
    with Bumps(own, world.masterplans["other"]) as bumps:
        importer.apply(own, content, world.user("ketua"), diff.digest)
    assert bumps.counts == [1, 0]


def test_a_status_transition_bumps(world):
    own = world.masterplans["own"]
    with Bumps(own) as bumps:
        workflow.apply(own, "submit", world.user("ketua"), bimtek_number=1)
    assert bumps.counts[0] >= 1


def test_what_the_core_and_other_apps_read_bumps_too(world):
    own, other = world.masterplans["own"], world.masterplans["other"]
    with Bumps(own, other) as bumps:
        Membership.objects.create(user=world.user("admin"), region=world.own, role=Role.ANGGOTA)
        StageCheck.objects.create(masterplan=own, number=1, done=True, note="Tim lengkap")
        NarrativeSection.objects.filter(masterplan=own).first().save()
        Visit.objects.filter(masterplan=own).first().save()
    assert bumps.counts == [4, 0]


def test_saving_a_masterplan_loaded_earlier_keeps_the_newer_content_version(world):
    own = world.masterplans["own"]
    loaded = Masterplan.objects.get(pk=own.pk)
    Mission.objects.create(masterplan=own, text="Misi")
    bumped = version(own)
    loaded.title = "Judul baru"
    loaded.save()
    assert version(own) == bumped + 1  # the save is a change too; it never goes back


def test_every_model_with_a_masterplan_is_watched_or_read_by_no_figure():
    with_masterplan = {
        model._meta.label for model in apps.get_models()
        if not model.__name__.startswith("Historical") and any(
            field.is_relation and field.many_to_one and field.related_model is Masterplan
            for field in model._meta.concrete_fields)}
    watched = {model._meta.label for model in content_version.watched_models()}
    assert with_masterplan - NOT_READ_BY_FIGURES <= watched
    assert not NOT_READ_BY_FIGURES & watched

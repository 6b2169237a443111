"""One object of every registered comment anchor kind, for a given masterplan."""

from django.urls import reverse

from bimtek.models import Report
from masterplan.models import DimensionElement
from readiness.services import sub_area_by_slug
from roadmap.models import Program
from swot.models import GapRow, Sasaran
from swot.worksheets import add_item, add_strategy


def _sheet(masterplan):
    return masterplan.worksheets.get(dimension__code="governance")


def _strategy(masterplan):
    sheet = _sheet(masterplan)
    items = [add_item(sheet, factor=factor, text=f"Butir {factor} untuk komentar")
             for factor in "SO"]
    return add_strategy(sheet, quadrant="SO", text="Strategi untuk dikomentari", items=items)


def _program(masterplan):
    element = DimensionElement.objects.filter(dimension__edition=masterplan.edition).first()
    return Program.objects.create(masterplan=masterplan, name="Perizinan daring terpadu",
                                  element=element, category="aplikasi", horizon="pendek",
                                  start_year=2026, end_year=2027)


MAKERS = {
    "readiness.subarea": lambda mp: sub_area_by_slug(mp.edition_id, "ii-2"),
    "readiness.readinessentry": lambda mp: mp.readiness_entries.filter(
        sub_area__code="human_resources", component__number=1).get(),
    "readiness.performanceassessment": lambda mp: mp.performance_assessments.first(),
    "readiness.outlookanalysis": lambda mp: mp.outlook,
    "swot.worksheet": _sheet,
    "swot.swotitem": lambda mp: add_item(_sheet(mp), factor="W", text="Kelemahan untuk komentar"),
    "swot.strategy": _strategy,
    "swot.gaprow": lambda mp: GapRow.objects.create(
        masterplan=mp, to_be="Layanan daring penuh", as_is="Sebagian daring",
        action="Integrasi", dimension=mp.edition.dimensions.first()),
    "swot.vision": lambda mp: mp.vision,
    "swot.sasaran": lambda mp: Sasaran.objects.create(
        masterplan=mp, text="Sasaran untuk komentar", dimension=mp.edition.dimensions.first()),
    "roadmap.program": _program,
    "bimtek.report": lambda mp: Report.objects.create(
        visit=mp.bimtek_visits.get(session__number=1)),
    "books.narrativesection": lambda mp: mp.narratives.first(),
    "masterplan.masterplan": lambda mp: mp,
}


def make_anchor(key, masterplan):
    return MAKERS[key](masterplan)


def anchor_url(region, key, obj):
    return reverse("comment_anchor", kwargs={"region_code": region.code, "app_model": key,
                                             "object_pk": obj.pk})

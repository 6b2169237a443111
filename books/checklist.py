"""The completeness checklist of each book: empty or incomplete sections, with where to fill them.

A final render (no DRAF watermark) is allowed only when a book's checklist is clear.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from readiness.models import SubArea

from .narrative import narratives


@dataclass(frozen=True)
class Item:
    label: str
    url: str


def _url(name, region, **kwargs):
    return reverse(name, kwargs={"region_code": region.code, **kwargs})


def _narrative_gaps(masterplan, book):
    filled = {s.key for s in masterplan.narratives.all() if s.text.strip()}
    return [Item(_("Narasi “%(title)s” belum diisi") % {"title": item.title},
                 _url("narrative_edit", masterplan.region, key=item.key))
            for item in narratives(masterplan.edition.code)
            if book in item.books and item.key not in filled]


def _book1(masterplan):
    region = masterplan.region
    items = []
    outlook = masterplan.outlook
    if not all(getattr(outlook, name).strip() for name in outlook.NARRATIVE_FIELDS):
        items.append(Item(_("Analisis masa depan belum lengkap"), _url("outlook", region)))
    unjudged = (masterplan.readiness_entries.filter(interpretation="")
                .values("sub_area__table_id", "sub_area").annotate(n=Count("id"))
                .order_by("sub_area__table_id"))
    slugs = {s.pk: s.slug for s in SubArea.objects.filter(pk__in=[u["sub_area"] for u in unjudged])}
    for row in unjudged:
        items.append(Item(_("%(table)s: %(n)s komponen belum dinilai")
                          % {"table": row["sub_area__table_id"], "n": row["n"]},
                          _url("readiness_table", region, table=slugs[row["sub_area"]])))
    if not masterplan.performance_assessments.exclude(rating="").exists():
        items.append(Item(_("Penilaian kinerja belum diisi"), _url("performance", region)))
    if not masterplan.gap_rows.exists():
        items.append(Item(_("Analisis kesenjangan belum diisi"), _url("gap_analysis", region)))
    if not masterplan.vision.statement.strip():
        items.append(Item(_("Pernyataan visi belum diisi"), _url("vision", region)))
    incomplete = masterplan.sasaran.annotate(n=Count("indicators")).filter(n=0).count()
    if not masterplan.sasaran.exists() or incomplete:
        items.append(Item(_("Sasaran tanpa indikator: %(n)s") % {"n": incomplete}
                          if incomplete else _("Sasaran belum diisi"), _url("sasaran_list", region)))
    return items


def _programs_gaps(masterplan):
    region = masterplan.region
    items = []
    programs = masterplan.programs.annotate(
        kpis_n=Count("kpis", distinct=True), financing_n=Count("financing", distinct=True))
    if not programs.exists():
        return [Item(_("Belum ada program"), _url("program_list", region))]
    incomplete = programs.filter(Q(kpis_n=0) | Q(financing_n=0) | Q(lead_opd__isnull=True)).count()
    if incomplete:
        items.append(Item(_("%(n)s program belum lengkap (KPI, pelaksana atau pembiayaan)")
                          % {"n": incomplete}, _url("program_list", region)))
    return items


def _book2(masterplan):
    region = masterplan.region
    items = _narrative_gaps(masterplan, "2")
    if not masterplan.vision.statement.strip():
        items.append(Item(_("Pernyataan visi belum diisi"), _url("vision", region)))
    if not masterplan.missions.exists():
        items.append(Item(_("Misi belum diisi"), _url("vision", region)))
    items += _programs_gaps(masterplan)
    return items


def _book3(masterplan):
    region = masterplan.region
    items = _narrative_gaps(masterplan, "3")
    if not masterplan.vision.statement.strip():
        items.append(Item(_("Pernyataan visi belum diisi"), _url("vision", region)))
    items += _programs_gaps(masterplan)
    return items


CHECKS = {"1": _book1, "2": _book2, "3": _book3}


def checklist(masterplan):
    """{book: [Item, ...]} of what is still missing per book."""
    return {book: check(masterplan) for book, check in CHECKS.items()}

"""What reviewers can comment on: the anchor kinds of every app (masterplan/comments.py).

Imported from MasterplanConfig.ready(). App models are imported inside the functions, so this
module loads before the other apps are ready. Section keys are the dashboard sections'
(masterplan.sections); counts under a key no section has yet (programs, narratives) are shown
as "other" on the region page until that section is registered.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .comments import register_anchor


def _short(text, length=90):
    return Truncator(" ".join(str(text).split())).chars(length)


def _region_url(name, masterplan, anchor="", **kwargs):
    url = reverse(name, kwargs={"region_code": masterplan.region.code, **kwargs})
    return f"{url}#{anchor}" if anchor else url


# --- readiness --------------------------------------------------------------------------------

def _sub_area_label(sub_area):
    return f"{sub_area.table_id} {sub_area.table_title}"


def _entry_label(entry):
    number = f" no. {entry.component.number}" if entry.component_id else ""
    return f"{entry.sub_area.table_id}{number}: {_short(entry.label)}"


def _same_edition(masterplan):
    return Q(element__edition_id=masterplan.edition_id)


register_anchor(
    "readiness.subarea", section="readiness", title=gettext_lazy("Tabel kesiapan"),
    label=_sub_area_label, catalogue=_same_edition,
    url=lambda obj, mp: _region_url("readiness_table", mp, table=obj.slug))
register_anchor(
    "readiness.readinessentry", section="readiness", title=gettext_lazy("Komponen kesiapan"),
    label=_entry_label, select_related=("sub_area", "component"),
    url=lambda obj, mp: _region_url("readiness_table", mp, f"isian-{obj.pk}",
                                    table=obj.sub_area.slug))
register_anchor(
    "readiness.performanceassessment", section="performance",
    title=gettext_lazy("Penilaian kinerja"),
    label=lambda obj: _("Penilaian kinerja: %(element)s") % {"element": obj.element},
    select_related=("element__dimension",),
    url=lambda obj, mp: _region_url("performance", mp, f"elemen-{obj.element.code}"))
register_anchor(
    "readiness.outlookanalysis", section="outlook", title=gettext_lazy("Analisis masa depan"),
    label=lambda obj: _("Analisis masa depan"),
    url=lambda obj, mp: _region_url("outlook", mp))

# --- strategic analysis (swot) ----------------------------------------------------------------

register_anchor(
    "swot.worksheet", section="swot", title=gettext_lazy("Kertas kerja SWOT"),
    label=lambda obj: _("Kertas kerja SWOT: %(name)s") % {"name": obj.name},
    select_related=("dimension", "readiness_element"),
    url=lambda obj, mp: _region_url("swot_worksheet", mp, worksheet_pk=obj.pk))
register_anchor(
    "swot.swotitem", section="swot", title=gettext_lazy("Butir SWOT"),
    label=lambda obj: f"{obj.worksheet.name} · {obj.code} {_short(obj.text)}",
    select_related=("worksheet__dimension", "worksheet__readiness_element"),
    url=lambda obj, mp: _region_url("swot_worksheet", mp, f"butir-{obj.pk}",
                                    worksheet_pk=obj.worksheet_id))
register_anchor(
    "swot.strategy", section="swot", title=gettext_lazy("Strategi TOWS"),
    label=lambda obj: _("Strategi %(code)s (%(sheet)s): %(text)s") % {
        "code": obj.code, "sheet": obj.worksheet.name, "text": _short(obj.text)},
    select_related=("worksheet__dimension", "worksheet__readiness_element"),
    url=lambda obj, mp: _region_url("swot_worksheet", mp, f"strategi-{obj.pk}",
                                    worksheet_pk=obj.worksheet_id))
register_anchor(
    "swot.gaprow", section="gap_analysis", title=gettext_lazy("Baris analisis kesenjangan"),
    label=lambda obj: _("Analisis kesenjangan: %(text)s") % {"text": _short(obj.to_be)},
    url=lambda obj, mp: _region_url("gap_analysis", mp, f"baris-{obj.pk}"))
register_anchor(
    "swot.vision", section="vision", title=gettext_lazy("Visi dan misi"),
    label=lambda obj: _("Visi dan misi"),
    url=lambda obj, mp: _region_url("vision", mp))
register_anchor(
    "swot.sasaran", section="sasaran", title=gettext_lazy("Sasaran"),
    label=lambda obj: _("Sasaran %(dimension)s: %(text)s") % {
        "dimension": obj.dimension.title, "text": _short(obj.text)},
    select_related=("dimension",),
    url=lambda obj, mp: _region_url("sasaran_detail", mp, sasaran_pk=obj.pk))

# --- roadmap, Bimtek, books and the masterplan itself -----------------------------------------

register_anchor(
    "roadmap.program", section="programs", title=gettext_lazy("Program"),
    label=lambda obj: _("Program: %(name)s") % {"name": _short(obj.name)},
    # The program pages are being built; until `program_detail` exists this falls back to the
    # region's page (comments.anchor_url catches NoReverseMatch).
    url=lambda obj, mp: _region_url("program_detail", mp, program_pk=obj.pk))
register_anchor(
    "bimtek.report", section="bimtek", title=gettext_lazy("Laporan Bimtek"),
    label=lambda obj: _("Laporan %(session)s") % {"session": obj.visit.session.label},
    select_related=("visit__session",),
    url=lambda obj, mp: _region_url("bimtek_visit", mp, "laporan",
                                    number=obj.visit.session.number))
register_anchor(
    "masterplan.narrativesection", section="narratives", title=gettext_lazy("Bagian naratif"),
    label=lambda obj: _("Bagian naratif: %(title)s") % {"title": obj},
    url=lambda obj, mp: _region_url("narrative_edit", mp, key=obj.key))
register_anchor(
    "masterplan.masterplan", section="masterplan", title=gettext_lazy("Masterplan"),
    label=lambda obj: _("Masterplan: %(title)s") % {"title": obj.title},
    url=lambda obj, mp: _region_url("masterplan_status", mp))

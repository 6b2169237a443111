"""Everything the strategic analysis contributes to the core's registries; imported once from
SwotConfig.ready()."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.comment_anchors import region_url, short
from masterplan.comments import register_anchor
from masterplan.services import on_masterplan_created
from masterplan.stages import register_stage_checks

from . import (  # noqa: F401  (modules that register on import)
    dashboard_sections_targets,  # gap, vision, sasaran sections
    dashboard_sections_worksheets,  # the SWOT section
    history,  # tracked content for the changes page
    navigation,  # its pages in the workspace navigation
    services,
    workbook,  # the SWOT, gap, vision and sasaran sheets
)
from .models import Mission, Vision

# --- rows every masterplan has ---------------------------------------------------------------

on_masterplan_created(services.ensure_rows)

# --- stages ----------------------------------------------------------------------------------


def _vision_and_mission(ids):
    with_vision = set(Vision.objects.filter(masterplan__in=ids).exclude(statement="")
                      .values_list("masterplan_id", flat=True))
    with_mission = set(Mission.objects.filter(masterplan__in=ids)
                       .values_list("masterplan_id", flat=True))
    return {4: with_vision & with_mission}


register_stage_checks(
    {4: gettext_lazy("Terisi bila pernyataan visi dan minimal satu misi sudah ada.")},
    _vision_and_mission)

# --- comment anchors -------------------------------------------------------------------------

register_anchor(
    "swot.worksheet", section="swot", title=gettext_lazy("Kertas kerja SWOT"),
    label=lambda obj: _("Kertas kerja SWOT: %(name)s") % {"name": obj.name},
    select_related=("dimension", "readiness_element"),
    url=lambda obj, mp: region_url("swot_worksheet", mp, worksheet_pk=obj.pk))
register_anchor(
    "swot.swotitem", section="swot", title=gettext_lazy("Butir SWOT"),
    label=lambda obj: f"{obj.worksheet.name} · {obj.code} {short(obj.text)}",
    select_related=("worksheet__dimension", "worksheet__readiness_element"),
    url=lambda obj, mp: region_url("swot_worksheet", mp, f"butir-{obj.pk}",
                                   worksheet_pk=obj.worksheet_id))
register_anchor(
    "swot.strategy", section="swot", title=gettext_lazy("Strategi TOWS"),
    label=lambda obj: _("Strategi %(code)s (%(sheet)s): %(text)s") % {
        "code": obj.code, "sheet": obj.worksheet.name, "text": short(obj.text)},
    select_related=("worksheet__dimension", "worksheet__readiness_element"),
    url=lambda obj, mp: region_url("swot_worksheet", mp, f"strategi-{obj.pk}",
                                   worksheet_pk=obj.worksheet_id))
register_anchor(
    "swot.gaprow", section="gap_analysis", title=gettext_lazy("Baris analisis kesenjangan"),
    label=lambda obj: _("Analisis kesenjangan: %(text)s") % {"text": short(obj.to_be)},
    url=lambda obj, mp: region_url("gap_analysis", mp, f"baris-{obj.pk}"))
register_anchor(
    "swot.vision", section="vision", title=gettext_lazy("Visi dan misi"),
    label=lambda obj: _("Visi dan misi"),
    url=lambda obj, mp: region_url("vision", mp))
register_anchor(
    "swot.sasaran", section="sasaran", title=gettext_lazy("Sasaran"),
    label=lambda obj: _("Sasaran %(dimension)s: %(text)s") % {
        "dimension": obj.dimension.title, "text": short(obj.text)},
    select_related=("dimension",),
    url=lambda obj, mp: region_url("sasaran_detail", mp, sasaran_pk=obj.pk))

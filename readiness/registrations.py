"""Everything readiness contributes to the core's registries; imported once from
ReadinessConfig.ready()."""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.comment_anchors import region_url, short
from masterplan.comments import register_anchor
from masterplan.reference_data import register_loader
from masterplan.services import on_masterplan_created
from masterplan.stages import register_stage_checks

from . import (  # noqa: F401  (modules that register on import)
    dashboard_sections,  # outlook, readiness tables, performance
    history,  # tracked content for the changes page
    navigation,  # its pages in the workspace navigation
    services,
    stored_figures,  # the indices stored per masterplan for the index overview
    workbook,  # the readiness sheets of the masterplan workbook
)
from .models import OutlookAnalysis, ReadinessEntry
from .reference import load_catalogue

# --- rows every masterplan has ---------------------------------------------------------------

on_masterplan_created(services.ensure_rows)

# --- reference data --------------------------------------------------------------------------


def _catalogue():
    return load_catalogue(apps.get_model("masterplan", "GuideEdition"),
                          apps.get_model("readiness", "ReadinessElement"),
                          apps.get_model("readiness", "SubArea"),
                          apps.get_model("readiness", "Component"))


register_loader("readiness", "readiness components", _catalogue)

# --- stages ----------------------------------------------------------------------------------


def _future_and_readiness_analysed(ids):
    unjudged = set(ReadinessEntry.objects.filter(masterplan__in=ids, interpretation="")
                   .values_list("masterplan_id", flat=True))
    written = {outlook.masterplan_id for outlook in OutlookAnalysis.objects.filter(masterplan__in=ids)
               if all(getattr(outlook, name).strip() for name in outlook.NARRATIVE_FIELDS)}
    return {3: written - unjudged}


register_stage_checks(
    {3: gettext_lazy("Terisi bila keempat analisis masa depan ditulis dan semua komponen kesiapan "
                     "dinilai.")}, _future_and_readiness_analysed)

# --- comment anchors -------------------------------------------------------------------------


def _sub_area_label(sub_area):
    return f"{sub_area.table_id} {sub_area.table_title}"


def _entry_label(entry):
    number = f" no. {entry.component.number}" if entry.component_id else ""
    return f"{entry.sub_area.table_id}{number}: {short(entry.label)}"


def _same_edition(masterplan):
    return Q(element__edition_id=masterplan.edition_id)


register_anchor(
    "readiness.subarea", section="readiness", title=gettext_lazy("Tabel kesiapan"),
    label=_sub_area_label, catalogue=_same_edition,
    url=lambda obj, mp: region_url("readiness_table", mp, table=obj.slug))
register_anchor(
    "readiness.readinessentry", section="readiness", title=gettext_lazy("Komponen kesiapan"),
    label=_entry_label, select_related=("sub_area", "component"),
    url=lambda obj, mp: region_url("readiness_table", mp, f"isian-{obj.pk}",
                                   table=obj.sub_area.slug))
register_anchor(
    "readiness.performanceassessment", section="performance",
    title=gettext_lazy("Penilaian kinerja"),
    label=lambda obj: _("Penilaian kinerja: %(element)s") % {"element": obj.element},
    select_related=("element__dimension",),
    url=lambda obj, mp: region_url("performance", mp, f"elemen-{obj.element.code}"))
register_anchor(
    "readiness.outlookanalysis", section="outlook", title=gettext_lazy("Analisis masa depan"),
    label=lambda obj: _("Analisis masa depan"),
    url=lambda obj, mp: region_url("outlook", mp))

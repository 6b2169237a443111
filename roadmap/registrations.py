"""Everything the roadmap contributes to the core's registries; imported once from
RoadmapConfig.ready()."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.comment_anchors import region_url, short
from masterplan.comments import register_anchor
from masterplan.services import on_masterplan_created
from masterplan.stages import register_stage_checks

from . import (  # noqa: F401  (modules that register on import)
    dashboard_sections_institutions,  # institutions, e-Gov apps
    dashboard_sections_programs,  # programs and quick wins
    history,  # tracked content for the changes page
    navigation,  # its pages in the workspace navigation
    services,
)
from .dashboard_sections_roadmap import register_sections
from .models import Program
from .monitoring import feed_performance_index
from .programs import complete_q, with_completeness
from .workbook import register_sheets

# --- rows every masterplan has ---------------------------------------------------------------

on_masterplan_created(services.ensure_rows)

# --- dashboards, performance index, workbook -------------------------------------------------

register_sections()  # "Peta jalan" and "Monitoring dan evaluasi" on the dashboards
feed_performance_index()  # KPI achievement counts in readiness' performance index
register_sheets()  # the roadmap sheets of the masterplan workbook

# --- stages ----------------------------------------------------------------------------------


def _program_stages(ids):
    """Stages 5–8 from one query; a program is complete by the roadmap's own rule (complete_q:
    a KPI with a target in the program's last year, a lead OPD and financing above Rp 0)."""
    rows = (with_completeness(Program.objects.filter(masterplan__in=ids))
            .values("masterplan_id").order_by().annotate(
                total=Count("id", distinct=True),
                incomplete=Count("id", distinct=True, filter=~complete_q()),
                quick=Count("id", distinct=True, filter=Q(is_quick_win=True)),
                horizons=Count("horizon", distinct=True),
                unmonitored=Count("id", distinct=True, filter=Q(monitoring_responsible=""))))
    result = {5: set(), 6: set(), 7: set(), 8: set()}
    for row in rows:
        pk = row["masterplan_id"]
        if row["total"] and not row["incomplete"]:
            result[5].add(pk)
        if row["quick"]:
            result[6].add(pk)
        if row["horizons"] == 3:
            result[7].add(pk)
        if row["total"] and not row["unmonitored"]:
            result[8].add(pk)
    return result


register_stage_checks({
    5: gettext_lazy("Terisi bila ada program dan semuanya memiliki KPI, pelaksana dan pembiayaan."),
    6: gettext_lazy("Terisi bila minimal satu program ditandai quick win."),
    7: gettext_lazy("Terisi bila program mencakup jangka pendek, menengah dan panjang."),
    8: gettext_lazy("Terisi bila setiap program memiliki penanggung jawab monitoring dan evaluasi."),
}, _program_stages)

# --- comment anchors -------------------------------------------------------------------------

register_anchor(
    "roadmap.program", section="programs", title=gettext_lazy("Program"),
    label=lambda obj: _("Program: %(name)s") % {"name": short(obj.name)},
    url=lambda obj, mp: region_url("program_detail", mp, program_pk=obj.pk))

"""Everything Bimtek contributes to the core's registries; imported once from
BimtekConfig.ready()."""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import content_version, documents
from masterplan.comment_anchors import region_url
from masterplan.comments import register_anchor
from masterplan.reference_data import register_loader
from masterplan.services import on_masterplan_created

from . import (  # noqa: F401  (modules that register on import)
    dashboard_sections,  # the Bimtek section
    navigation,  # its pages in the workspace navigation
    rendering,
    services,
)
from .models import Report, ReportItemNote, Session, Visit
from .reference import load_sessions

# --- rows every masterplan has ---------------------------------------------------------------

on_masterplan_created(services.ensure_rows)

# --- reference data --------------------------------------------------------------------------


def _sessions():
    return load_sessions(apps.get_model("masterplan", "GuideEdition"),
                         apps.get_model("bimtek", "Session"), apps.get_model("bimtek", "AgendaItem"),
                         apps.get_model("bimtek", "ReportItem"))


register_loader("bimtek", "bimtek sessions", _sessions)

# --- the report as a document kind of the render pipeline ------------------------------------

documents.register(rendering.KIND)

# --- comment anchors -------------------------------------------------------------------------

register_anchor(
    "bimtek.report", section="bimtek", title=gettext_lazy("Laporan Bimtek"),
    label=lambda obj: _("Laporan %(session)s") % {"session": obj.visit.session.label},
    select_related=("visit__session",),
    url=lambda obj, mp: region_url("bimtek_visit", mp, "laporan",
                                   number=obj.visit.session.number))

# --- what the Bimtek section's figures read (masterplan/content_version.py) ----------------------

content_version.watch(Visit, "masterplan")
content_version.watch(Report, "visit__masterplan")
content_version.watch(ReportItemNote, "report__visit__masterplan")
# The sessions of an edition are the section's total for every masterplan of the edition.
content_version.watch(Session, masterplans=lambda session: Q(edition_id=session.edition_id))

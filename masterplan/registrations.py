"""Everything the core contributes to its own registries; imported once from
MasterplanConfig.ready(). Each method app has a registrations.py of the same shape."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from . import (  # noqa: F401  (modules that register on import)
    comment_anchors,  # the narratives and the masterplan as comment anchors
    dashboard_sections,  # the core sections
    notifications,  # the status_changed receiver
    reference,
)
from .books import services as book_services
from .models_books import JobStatus, NarrativeSection, RenderJob
from .reference_data import register_loader
from .services import on_masterplan_created
from .stages import register_stage_checks

# --- rows every masterplan has ---------------------------------------------------------------

on_masterplan_created(book_services.ensure_rows)

# --- reference data --------------------------------------------------------------------------


def _regions():
    reference.load_editions(apps.get_model("masterplan", "GuideEdition"))
    reference.load_batches(apps.get_model("masterplan", "Batch"))
    reference.load_regions(apps.get_model("masterplan", "Region"))
    return apps.get_model("masterplan", "Region").objects.count()


def _dimensions():
    reference.load_dimensions(apps.get_model("masterplan", "GuideEdition"),
                              apps.get_model("masterplan", "Dimension"),
                              apps.get_model("masterplan", "DimensionElement"))
    return apps.get_model("masterplan", "DimensionElement").objects.count()


register_loader("masterplan", "regions", _regions)
register_loader("masterplan", "dimension elements", _dimensions)

# --- stages the books decide -----------------------------------------------------------------


def _framework_written(ids):
    return {2: set(NarrativeSection.objects.filter(masterplan__in=ids, key="kerangka_pikir")
                   .exclude(text="").values_list("masterplan_id", flat=True))}


def _books_final(ids):
    books = {}
    for masterplan_id, book in RenderJob.objects.filter(
            masterplan__in=ids, is_final=True, status=JobStatus.SUCCEEDED).values_list(
            "masterplan_id", "book"):
        books.setdefault(masterplan_id, set()).add(book)
    return {9: {pk for pk, done in books.items() if done >= {"1", "2", "3"}}}


register_stage_checks(
    {2: _("Terisi bila narasi “Kerangka pikir smart city” sudah ditulis.")}, _framework_written)
register_stage_checks(
    {9: _("Terisi bila ketiga buku sudah dibuat dalam versi final.")}, _books_final)

"""Everything the books contribute to the core's registries; imported once from
BooksConfig.ready()."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import content_version, documents
from masterplan.comment_anchors import region_url
from masterplan.comments import register_anchor
from masterplan.models import JobStatus, RenderJob
from masterplan.services import on_masterplan_created
from masterplan.stages import register_stage_checks

from . import navigation, services  # noqa: F401  (navigation registers on import)
from .documents import BOOK, KIND
from .models import Book, NarrativeSection

# --- rows every masterplan has ---------------------------------------------------------------

on_masterplan_created(services.ensure_rows)

# --- the books as a document kind of the render pipeline ---------------------------------------

documents.register(KIND)

# --- stages the books decide -----------------------------------------------------------------


def _framework_written(ids):
    return {2: set(NarrativeSection.objects.filter(masterplan__in=ids, key="kerangka_pikir")
                   .exclude(text="").values_list("masterplan_id", flat=True))}


def _books_final(ids):
    books = {}
    for masterplan_id, book in RenderJob.objects.filter(
            masterplan__in=ids, kind=BOOK, is_final=True, status=JobStatus.SUCCEEDED).values_list(
            "masterplan_id", "part"):
        books.setdefault(masterplan_id, set()).add(book)
    return {9: {pk for pk, done in books.items() if done >= set(Book.values)}}


register_stage_checks(
    {2: gettext_lazy("Terisi bila narasi “Kerangka pikir smart city” sudah ditulis.")},
    _framework_written)
register_stage_checks(
    {9: gettext_lazy("Terisi bila ketiga buku sudah dibuat dalam versi final.")}, _books_final)

# --- comment anchors -------------------------------------------------------------------------

register_anchor(
    "books.narrativesection", section="narratives", title=gettext_lazy("Bagian naratif"),
    label=lambda obj: _("Bagian naratif: %(title)s") % {"title": obj},
    url=lambda obj, mp: region_url("narrative_edit", mp, key=obj.key))

# --- what the books' stage checks read (masterplan/content_version.py) ---------------------------

content_version.watch(NarrativeSection, "masterplan")

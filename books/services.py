"""Initialising and editing the books' narrative sections and cover."""

from simple_history.utils import bulk_create_with_history

from .models import BookCover, NarrativeSection
from .narrative import initial_text, narratives


def ensure_rows(masterplan):
    """One NarrativeSection per narrative key of the edition, and the cover. Idempotent."""
    have = set(masterplan.narratives.values_list("key", flat=True))
    code = masterplan.edition.code
    bulk_create_with_history([
        NarrativeSection(masterplan=masterplan, key=item.key, text=initial_text(item.key, code))
        for item in narratives(code) if item.key not in have
    ], NarrativeSection)
    BookCover.objects.get_or_create(masterplan=masterplan,
                                    defaults={"title": masterplan.title,
                                              "year": masterplan.start_year})

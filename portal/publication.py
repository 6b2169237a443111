"""The one place that decides what is public: a masterplan with a Publication row, and only
what hangs from it. Every public page, open-data file and anonymous API answer starts here."""

from masterplan.models import Masterplan

from .models import Publication


def published_masterplans():
    """The published masterplans, each with its publication and region loaded."""
    return (Masterplan.objects.filter(publication__isnull=False)
            .select_related("publication", "region", "region__province", "region__batch",
                            "edition"))


def published_masterplan_of(region_code):
    """The region's published masterplan, or None (an unpublished one is None too)."""
    return published_masterplans().filter(region__code=region_code).first()


def is_published(masterplan):
    return Publication.objects.filter(masterplan=masterplan).exists()

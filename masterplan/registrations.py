"""Everything the core contributes to its own registries; imported once from
MasterplanConfig.ready(). Each method app has a registrations.py of the same shape."""

from django.apps import apps
from django.db.models import Q

from . import (  # noqa: F401  (modules that register on import)
    comment_anchors,  # the masterplan as a comment anchor
    content_version,
    dashboard_sections,  # the core sections
    navigation_entries,  # the core's pages in the workspace navigation
    notifications,  # the status_changed receiver
    reference,
)
from .models import Masterplan, Membership, StageCheck
from .reference_data import register_loader

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

# --- what the core's figures read (masterplan/content_version.py) ------------------------------

content_version.watch(Masterplan, masterplans=lambda masterplan: Q(pk=masterplan.pk))
content_version.watch(StageCheck, "masterplan")
# The team section counts the region's roles: a membership concerns the region's masterplans.
content_version.watch(Membership, masterplans=lambda membership: Q(region_id=membership.region_id))

"""One entry point that (re)loads every app's reference data, in dependency order.

Each app with reference data lists a loader here; data migrations call the same loaders, and
tests call this after a table flush (live_server).
"""

from django.apps import apps

from . import reference


def _core():
    reference.load_editions(apps.get_model("masterplan", "GuideEdition"))
    reference.load_batches(apps.get_model("masterplan", "Batch"))
    reference.load_regions(apps.get_model("masterplan", "Region"))
    Region = apps.get_model("masterplan", "Region")
    return Region.objects.count()


LOADERS = [
    ("regions", _core),
]


def load_reference_data():
    """Run every loader; returns [(name, row count)]."""
    return [(name, loader()) for name, loader in LOADERS]

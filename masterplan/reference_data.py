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


def _dimensions():
    reference.load_dimensions(apps.get_model("masterplan", "GuideEdition"),
                              apps.get_model("masterplan", "Dimension"),
                              apps.get_model("masterplan", "DimensionElement"))
    return apps.get_model("masterplan", "DimensionElement").objects.count()


def _readiness():
    from readiness.reference import load_catalogue

    return load_catalogue(apps.get_model("masterplan", "GuideEdition"),
                          apps.get_model("readiness", "ReadinessElement"),
                          apps.get_model("readiness", "SubArea"),
                          apps.get_model("readiness", "Component"))


def _bimtek():
    from bimtek.reference import load_sessions

    return load_sessions(apps.get_model("masterplan", "GuideEdition"),
                         apps.get_model("bimtek", "Session"), apps.get_model("bimtek", "AgendaItem"),
                         apps.get_model("bimtek", "ReportItem"))


LOADERS = [
    ("regions", _core),
    ("dimension elements", _dimensions),
    ("readiness components", _readiness),
    ("bimtek sessions", _bimtek),
]


def load_reference_data():
    """Run every loader; returns [(name, row count)]."""
    return [(name, loader()) for name, loader in LOADERS]

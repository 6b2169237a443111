"""One entry point that (re)loads every app's reference data, core first, then the apps in
dependency order (their order in INSTALLED_APPS).

Each app registers its loaders from its registrations.py. A loader takes no argument, looks its
model classes up with django.apps.apps.get_model and returns a row count. The loader functions
proper take the model classes, so data migrations call them with historical models and never go
through this registry. After the catalogues are loaded, every existing masterplan is given the
rows its edition's (possibly grown) catalogue calls for (services.initialize_masterplan).
"""

from collections import defaultdict

from django.apps import apps

from .services import initialize_all_masterplans

# {app label: [(name, loader)]} in registration order within an app.
_loaders = defaultdict(list)


def register_loader(app_label, name, loader):
    _loaders[app_label].append((name, loader))


def loaders():
    """[(name, loader)], core first, then the apps in INSTALLED_APPS order."""
    order = [config.label for config in apps.get_app_configs()]
    labels = sorted(_loaders, key=lambda label: (label != "masterplan", order.index(label)))
    return [entry for label in labels for entry in _loaders[label]]


def load_reference_data():
    """Run every loader, then complete existing masterplans' rows; returns [(name, row count)]."""
    counts = [(name, loader()) for name, loader in loaders()]
    initialize_all_masterplans()
    return counts

"""The access matrix's cases of the evaluation's URLs (evaluation/urls.py, region_urls.py): one
module per part of the evaluation, each with its CASES, gathered here into EXPECTATIONS."""

import importlib
import pkgutil


def evaluation_cases():
    cases = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if info.name != "kwargs":
            cases.update(importlib.import_module(f"{__name__}.{info.name}").CASES)
    return cases

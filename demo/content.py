"""Demo content for `manage.py seed_demo`: the single place demo data is created.

Two regions: Kota Bandung (32.73), filled as completely as the app allows and published on the
public portal as a marked draft, and Kabupaten Banyuwangi (35.10), nearly empty and unpublished. Each module fills one part of the method; every step is
idempotent, so running seed_demo twice leaves the same data.
"""

from masterplan import content_version

from . import (
    bimtek,
    books,
    core,
    evaluation,
    institutions,
    monitoring,
    programs,
    publication,
    readiness,
    review,
    risks,
    swot,
    targets,
)

DEMO_PASSWORD = core.DEMO_PASSWORD


@content_version.collecting()  # each masterplan's figures change once, with the whole seed
def seed():
    summary = core.seed()
    full, empty = summary["masterplan_objects"]
    readiness.seed(full, empty)
    swot.seed(full, empty)
    targets.seed(full, empty)
    programs.seed(full, empty)
    institutions.seed(full, empty)
    monitoring.seed(full, empty)
    risks.seed(full, empty)
    books.seed(full, empty)
    bimtek.seed(full, empty)
    evaluation.seed(full, empty)
    review.seed(full, empty)  # Bandung's submissions and reviews (now perlu revisi)
    publication.seed(full, empty)  # last: Bandung's draft books and its draft on the portal
    for masterplan in (full, empty):  # some steps write by UPDATE, which sends no signal
        content_version.masterplan_changed(masterplan.pk)
    return summary

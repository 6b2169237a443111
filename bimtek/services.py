"""Bimtek: initialising a masterplan's four visits. Visit and report logic lives beside this."""

from .models import Session, Visit


def ensure_rows(masterplan):
    have = set(masterplan.bimtek_visits.values_list("session_id", flat=True))
    Visit.objects.bulk_create([
        Visit(masterplan=masterplan, session=session)
        for session in Session.objects.filter(edition=masterplan.edition_id).exclude(pk__in=have)
    ])

"""The Bimtek section on the dashboards: signed reports of the four sessions, one part each."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from masterplan.sections import Part, Progress, Section, register

from . import reports
from .models import Session


def _session_counts(masterplans):
    editions = {mp.edition_id for mp in masterplans}
    counts = {}
    for edition_id, number in Session.objects.filter(edition__in=editions).values_list(
            "edition_id", "number"):
        counts.setdefault(edition_id, []).append(number)
    return counts


def bimtek_completion(masterplans):
    """Signed reports out of the edition's sessions (four), in two queries."""
    states = reports.visit_states([mp.pk for mp in masterplans])
    sessions = _session_counts(masterplans)
    return {mp.pk: Progress(sum(1 for state in states.get(mp.pk, {}).values()
                                if state.state == reports.SIGNED),
                            len(sessions.get(mp.edition_id, [])))
            for mp in masterplans}


def bimtek_parts(masterplans):
    """Per session its state; the progress counts the steps planned, held, reported, signed."""
    states = reports.visit_states([mp.pk for mp in masterplans])
    sessions = _session_counts(masterplans)
    steps = len(reports.STATES) - 1
    result = {}
    for mp in masterplans:
        parts = []
        for number in sorted(sessions.get(mp.edition_id, [])):
            state = states.get(mp.pk, {}).get(number)
            label = state.label if state else reports.STATE_LABELS[reports.NONE]
            parts.append(Part(
                f"Bimtek #{number}: {label}",
                reverse("bimtek_visit", kwargs={"region_code": mp.region.code, "number": number}),
                Progress(state.rank if state else 0, steps)))
        result[mp.pk] = parts
    return result


register(Section(key="bimtek", title=_("Bimtek dan laporan pembimbing"), order=90,
                 url_name="bimtek_overview", completion=bimtek_completion, parts=bimtek_parts,
                 short=_("Bimtek")))

"""Institutions, regulations and the e-Gov application inventory on the dashboards.

"Kelembagaan dan regulasi" counts, per masterplan, 3 + (number of the guide's regulations, 4)
checks:
1. the Dewan Smart City has a decree (number and date) and a ketua among its members;
2. the Tim Pelaksana has a decree (number and date);
3. at least one supporting forum is recorded;
4. each of the guide's regulations (not the ones the region added) is at least a draf, i.e. its
   status is anything but "belum ada".
An expired decree still counts here: the institutions page warns about it.
Parts: "Kelembagaan" (checks 1–3) and "Regulasi panduan" (the rest).

"Aplikasi e-Gov" counts the government functions of Tabel II.3 items 14–20 that have at least
one application in the inventory, out of 7.

Each completion costs a fixed number of queries however many masterplans (three and one).
"""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from masterplan.sections import Part, Progress, Section, register

from .applications import CORE_FUNCTIONS, covered_functions
from .models import Institution, InstitutionKind, InstitutionMember, MemberRole, Regulation, RegulationStatus

BODY_CHECKS = 3


def _institution_checks(masterplan_ids):
    """{masterplan_id: number of checks 1–3 met}."""
    chaired = set(InstitutionMember.objects.filter(
        institution__masterplan__in=masterplan_ids, institution__kind=InstitutionKind.COUNCIL,
        role=MemberRole.CHAIR).order_by().values_list("institution__masterplan_id", flat=True))
    done = defaultdict(int)
    forums = set()
    for masterplan_id, kind, number, date in Institution.objects.filter(
            masterplan__in=masterplan_ids).values_list("masterplan_id", "kind", "decree_number",
                                                       "decree_date"):
        has_decree = bool(number) and date is not None
        if kind == InstitutionKind.COUNCIL and has_decree and masterplan_id in chaired:
            done[masterplan_id] += 1
        elif kind == InstitutionKind.TEAM and has_decree:
            done[masterplan_id] += 1
        elif kind == InstitutionKind.FORUM:
            forums.add(masterplan_id)
    for masterplan_id in forums:
        done[masterplan_id] += 1
    return done


def _regulation_checks(masterplan_ids):
    """{masterplan_id: (guide regulations at least draf, guide regulations)}."""
    counts = defaultdict(lambda: [0, 0])
    for masterplan_id, status in Regulation.objects.filter(
            masterplan__in=masterplan_ids).exclude(code="").values_list("masterplan_id", "status"):
        counts[masterplan_id][1] += 1
        if status != RegulationStatus.NONE:
            counts[masterplan_id][0] += 1
    return counts


def _tables(masterplans):
    ids = [mp.pk for mp in masterplans]
    return _institution_checks(ids), _regulation_checks(ids)


def institutions_completion(masterplans):
    bodies, regulations = _tables(masterplans)
    return {mp.pk: Progress(bodies[mp.pk] + regulations[mp.pk][0],
                            BODY_CHECKS + regulations[mp.pk][1])
            for mp in masterplans}


def institutions_parts(masterplans):
    bodies, regulations = _tables(masterplans)
    result = {}
    for mp in masterplans:
        code = {"region_code": mp.region.code}
        result[mp.pk] = [
            Part(_("Kelembagaan: Dewan, Tim Pelaksana, forum"),
                 reverse("institution_overview", kwargs=code), Progress(bodies[mp.pk], BODY_CHECKS)),
            Part(_("Regulasi panduan minimal draf"), reverse("regulation_list", kwargs=code),
                 Progress(*regulations[mp.pk])),
        ]
    return result


def applications_completion(masterplans):
    covered = covered_functions([mp.pk for mp in masterplans])
    return {mp.pk: Progress(covered[mp.pk], len(CORE_FUNCTIONS)) for mp in masterplans}


register(Section(key="institutions", title=_("Kelembagaan dan regulasi"), order=70,
                 url_name="institution_overview", completion=institutions_completion,
                 parts=institutions_parts, short=_("Kelembagaan")))
register(Section(key="applications", title=_("Aplikasi e-Gov"), order=75,
                 url_name="application_list", completion=applications_completion))

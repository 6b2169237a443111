"""The core app's own dashboard section: the drafting team (tahap 1 of the guide)."""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Membership, Role
from .sections import Part, Progress, Section, register
from .stages import states

TEAM_CHECKS = (Role.KETUA, Role.ANGGOTA, Role.PEMBIMBING)


def team_completion(masterplans):
    region_ids = {mp.region_id for mp in masterplans}
    roles = defaultdict(set)
    for region_id, role in Membership.objects.filter(region_id__in=region_ids).values_list(
            "region_id", "role"):
        roles[region_id].add(role)
    return {
        mp.pk: Progress(sum(1 for role in TEAM_CHECKS if role in roles[mp.region_id]),
                        len(TEAM_CHECKS))
        for mp in masterplans
    }


register(Section(
    key="team",
    title=_("Tim penyusun (ketua, anggota, pembimbing)"),
    order=0,
    url_name="region_team",
    completion=team_completion,
    short=_("Tim"),
))


def _stage_states(masterplans):
    return states(masterplans)


def stages_completion(masterplans):
    return {pk: Progress(sum(1 for s in items if s.done), len(items))
            for pk, items in _stage_states(masterplans).items()}


def stages_parts(masterplans):
    result = {}
    for masterplan in masterplans:
        url = reverse("stages", kwargs={"region_code": masterplan.region.code})
        result[masterplan.pk] = [
            Part(f"{s.number}. {s.title}", f"{url}#tahap-{s.number}", Progress(int(s.done), 1))
            for s in _stage_states([masterplan])[masterplan.pk]]
    return result


register(Section(key="stages", title=_("Sepuluh tahapan penyusunan"), order=1,
                 url_name="stages", completion=stages_completion, parts=stages_parts,
                 short=_("Tahapan")))

"""The "Program dan quick win" dashboard section.

Completion: programs complete (at least one KPI, every KPI with a target for the program's end
year; a lead OPD; financing above zero) of all programs. Parts: the same count, and quick wins
whose six planning questions and impact analysis are all answered of the programs flagged quick
win (unflagged programs' kept answers do not count). Two queries however many masterplans.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from masterplan.sections import Part, Progress, Section, register

from .programs import summary


def program_completion(masterplans):
    return {pk: Progress(complete, total)
            for pk, (complete, total, _answered, _quick_wins) in summary(masterplans).items()}


def program_parts(masterplans):
    masterplans = list(masterplans)
    counts = summary(masterplans)
    result = {}
    for mp in masterplans:
        complete, total, answered, quick_wins = counts[mp.pk]
        url = reverse("program_list", kwargs={"region_code": mp.region.code})
        result[mp.pk] = [
            Part(str(_("Program lengkap (KPI, pelaksana, pembiayaan)")), url,
                 Progress(complete, total)),
            Part(str(_("Quick win terjawab (why, what, how, when, where, who, dampak)")),
                 f"{url}?quick_win=ya", Progress(answered, quick_wins)),
        ]
    return result


register(Section(key="programs", title=_("Program dan quick win"), order=60,
                 url_name="program_list", completion=program_completion, parts=program_parts,
                 short=_("Program")))

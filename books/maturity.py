"""Buku I's sentences on the maturity level, derived from the computed level: its label
(readiness.scoring), what it means (the guide's description of that level, masterplan.guide) and
the level after it (none after the highest), so the text never names a level other than the one
computed as the region's own."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from masterplan.guide import guide
from readiness.scoring import MATURITY_LEVELS, maturity_label

MEANING_MARK = " artinya "


@dataclass(frozen=True)
class MaturityText:
    level: str | None  # the level's code, None while an index is missing
    label: str  # "Managed"
    rank: int  # 3 (of `levels`)
    levels: int
    meaning: str  # "Artinya, secara umum daerah tersebut …"
    next_sentence: str  # the next level and its threshold, or that this is the highest
    missing: str = ""  # "indeks kinerja" when the level cannot be computed


def meaning_of(description):
    """The guide's description of a level, as what it means: its words after "artinya" (the
    guide introduces some levels relative to the one before, e.g. "Tingkat maturity
    berikutnya adalah managed, artinya …"); a description without "artinya" as it is."""
    head, mark, rest = description.partition(MEANING_MARK)
    if not mark:
        return description.strip()
    return _("Artinya, %(rest)s") % {"rest": rest.strip()}


def maturity_text(edition_code, readiness, performance, level):
    """The MaturityText of a region whose indices are `readiness` and `performance` and whose
    computed level is `level` (readiness.scoring.maturity_level)."""
    codes = [code for code, _label, _minimum in MATURITY_LEVELS]
    if level is None:
        missing = [name for name, value in ((_("indeks kesiapan"), readiness),
                                            (_("indeks kinerja"), performance)) if value is None]
        return MaturityText(None, "", 0, len(codes), "", "", _(" dan ").join(missing))
    descriptions = {item["code"]: item["description"]
                    for item in guide(edition_code)["maturity"]["levels"]}
    rank = codes.index(level) + 1
    if rank < len(codes):
        _code, next_label, next_minimum = MATURITY_LEVELS[rank]
        lower = [name for name, value in ((_("indeks kesiapan"), readiness),
                                          (_("indeks kinerja"), performance))
                 if value < next_minimum]
        next_sentence = _("Tingkat berikutnya adalah %(next)s, yang dicapai bila indeks kesiapan "
                          "dan indeks kinerja sama-sama minimal %(minimum)s; yang perlu "
                          "dinaikkan: %(lower)s.") % {
            "next": next_label, "minimum": next_minimum, "lower": _(" dan ").join(lower)}
    else:
        next_sentence = _("%(label)s adalah tingkat tertinggi model kematangan Smart Region; "
                          "tidak ada tingkat sesudahnya.") % {"label": maturity_label(level)}
    return MaturityText(level, maturity_label(level), rank, len(codes),
                        meaning_of(descriptions.get(level, "")), next_sentence)

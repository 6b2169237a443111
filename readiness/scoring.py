"""The readiness index, the performance index and the maturity level: pure functions.

Method (docs/readiness-index.md): each judged item scores its weight (baik 3, sedang 2, buruk 1
by default, settings.READINESS_WEIGHTS); a group's index is its points as a share of the most it
could score, 0-100. A sub-area (one table) is scored over its judged components; an element is the
mean of its sub-areas' indices, the overall index the mean of the elements', so a long table does
not outweigh a short one. Unjudged items are left out and counted.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings

# Maturity: a region is at the highest level whose threshold both readiness (capability) and
# performance reach, following the guide's description of the four levels.
MATURITY_LEVELS = [
    # (code, label, minimum index on both axes)
    ("initial", "Initial", 0),
    ("developing", "Developing", 50),
    ("managed", "Managed", 70),
    ("optimized", "Optimized", 85),
]


def weights():
    return settings.READINESS_WEIGHTS


@dataclass
class Score:
    """Points of the judged items of a group, and how many items are not judged yet."""

    points: int = 0
    judged: int = 0
    unjudged: int = 0
    counts: dict = field(default_factory=dict)  # judgement -> number of items

    def add(self, judgement, number=1):
        if judgement:
            self.points += weights()[judgement] * number
            self.judged += number
            self.counts[judgement] = self.counts.get(judgement, 0) + number
        else:
            self.unjudged += number

    @property
    def total(self):
        return self.judged + self.unjudged

    @property
    def index(self):
        """0-100, or None when nothing is judged."""
        if not self.judged:
            return None
        return 100 * self.points / (self.judged * max(weights().values()))


def mean_index(indices: Iterable):
    values = [value for value in indices if value is not None]
    return sum(values) / len(values) if values else None


@dataclass
class GroupIndex:
    code: str
    title: str
    index: float | None
    judged: int
    unjudged: int
    children: list = field(default_factory=list)


def tree_index(tree, judgements):
    """Index a two-level tree.

    `tree`: [(group code, group title, [(leaf code, leaf title), ...]), ...];
    `judgements`: {leaf code: [(judgement or '', count), ...]}.
    Returns (overall index or None, [GroupIndex with its leaves as children]).
    """
    groups = []
    for group_code, group_title, leaves in tree:
        children = []
        for leaf_code, leaf_title in leaves:
            score = Score()
            for judgement, number in judgements.get(leaf_code, []):
                score.add(judgement, number)
            children.append(GroupIndex(leaf_code, leaf_title, score.index, score.judged,
                                       score.unjudged))
        groups.append(GroupIndex(
            group_code, group_title, mean_index(c.index for c in children),
            sum(c.judged for c in children), sum(c.unjudged for c in children), children))
    return mean_index(g.index for g in groups), groups


def maturity_level(readiness, performance):
    """The level code both indices reach, or None while either index is missing."""
    if readiness is None or performance is None:
        return None
    reached = [code for code, _, minimum in MATURITY_LEVELS
               if readiness >= minimum and performance >= minimum]
    return reached[-1]


def maturity_label(code):
    return dict((c, label) for c, label, _ in MATURITY_LEVELS).get(code, "")

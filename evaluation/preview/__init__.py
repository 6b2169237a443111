"""The score preview: the evaluation's five components estimated from the masterplan's own data
(estimate), and the Rencana Aksi completion table the Output part and the evidence pack read
(action_plan_completion). See docs/evaluation.md, "Score preview"."""

from .completion import CATEGORIES, CompletionRow, action_plan_completion, completion_total
from .estimate import Preview, estimate
from .parts import Part

__all__ = ["CATEGORIES", "CompletionRow", "Part", "Preview", "action_plan_completion",
           "completion_total", "estimate"]

"""Readiness permissions, composed from the core policy's predicates (masterplan/rules.py).

`readiness.see_overview` (no object): the cross-region analysis pages are for Kominfo admins and
the Tim Pembimbing of any region.
"""

import rules

from masterplan.rules import reviews_any_region

rules.add_perm("readiness.see_overview", reviews_any_region)

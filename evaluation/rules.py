"""Who may do what in the yearly evaluation, composed from the core's predicates
(masterplan/rules.py). The object is a RegionEvaluation or the Region; cycles and the national
ranking have none.

- A region's team (ketua, anggota) fills its self-assessment; its dewan reads it.
- Assessors are the region's assigned pembimbing and Kominfo admins: they score.
- Admins run the cycles and record the official results.
- The ranking across regions is for admins and pembimbing; a region sees its own rank.
"""

import rules

from masterplan.rules import can_edit, can_review, can_view, is_admin, reviews_any_region

rules.add_perm("evaluation.manage_cycles", is_admin)
rules.add_perm("evaluation.record_results", is_admin)
rules.add_perm("evaluation.see_ranking", reviews_any_region)
rules.add_perm("evaluation.view", can_view)
rules.add_perm("evaluation.self_assess", can_edit)
rules.add_perm("evaluation.assess", can_review)
# The survey's link, CSV import and opening or closing: the region's team and admins.
rules.add_perm("evaluation.manage_survey", can_edit | is_admin)
rules.add_perm("evaluation.build_evidence_pack", can_edit | can_review)

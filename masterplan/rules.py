"""django-rules permissions `masterplan.<action>` on a Region, derived from access.py's policy.

Templates use them as `{% has_perm 'masterplan.edit' user region as can_edit %}`.
"""

import rules

from . import access


def _make_predicate(action):
    @rules.predicate(name=f"can_{action}")
    def predicate(user, region):
        return region is not None and access.can(user, action, region)

    return predicate


for _action in sorted(access.ACTIONS):
    rules.add_perm(f"masterplan.{_action}", _make_predicate(_action))

is_kominfo_admin = rules.predicate(access.is_admin, name="is_kominfo_admin")
rules.add_perm("masterplan.manage_accounts", is_kominfo_admin)
rules.add_perm("masterplan.manage_batches", is_kominfo_admin)

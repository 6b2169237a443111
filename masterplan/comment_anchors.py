"""What reviewers can comment on in the core: the masterplan itself (masterplan/comments.py).
Each app registers its own anchors from its registrations.py, with the helpers `short` and
`region_url` from here.

Section keys are the dashboard sections' (masterplan.sections); counts under a key no section
has yet (the books' narratives) are shown as "other" on the region page until that section is
registered.
"""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .comments import register_anchor


def short(text, length=90):
    return Truncator(" ".join(str(text).split())).chars(length)


def region_url(name, masterplan, anchor="", **kwargs):
    url = reverse(name, kwargs={"region_code": masterplan.region.code, **kwargs})
    return f"{url}#{anchor}" if anchor else url


# --- the masterplan itself -------------------------------------------------------------------

register_anchor(
    "masterplan.masterplan", section="masterplan", title=gettext_lazy("Masterplan"),
    label=lambda obj: _("Masterplan: %(title)s") % {"title": obj.title},
    url=lambda obj, mp: region_url("masterplan_status", mp))

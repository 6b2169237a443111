"""Views that change one object of a page."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class EditPageMixin:
    """A page that only shows a form (add/edit): refused (403) when the masterplan's status
    freezes its content, as its POST would be (MasterplanMixin)."""

    def get(self, request, *args, **kwargs):
        if not self.can_edit:
            raise PermissionDenied(_(
                "Masterplan berstatus “%(status)s”: isinya hanya dapat diubah saat berstatus draf "
                "atau perlu revisi.") % {"status": self.masterplan.get_status_display()})
        return super().get(request, *args, **kwargs)

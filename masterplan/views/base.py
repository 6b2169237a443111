"""View mixins shared by every app: login, region scoping and versioned editing."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from .. import access
from ..editing import VersionConflict, save_versioned
from ..services import current_masterplan


class RegionMixin(LoginRequiredMixin):
    """Resolves `region_code` through the access layer: 404 outside reach, 403 if `action` is denied."""

    action = access.VIEW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.region = access.region_for(request.user, kwargs["region_code"], self.action)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["region"] = self.region
        context["region_role"] = access.role_in(self.request.user, self.region)
        return context


class MasterplanMixin(RegionMixin):
    """A page of the region's current masterplan (`self.masterplan`); `self.can_edit` says
    whether the user may change its content now. A region without one gets an explanation (404).

    A POST changes content unless the view says otherwise (`content_write = False`, e.g. a
    comment or a status transition): it is refused while the masterplan's status freezes the
    content (submitted, approved, final, legalised)."""

    content_write = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.region = access.region_for(request.user, kwargs["region_code"], self.action)
        self.masterplan = current_masterplan(self.region)
        if self.masterplan is None:
            return TemplateResponse(request, "masterplan/no_masterplan.html",
                                    {"region": self.region}, status=404)
        may_edit = request.user.has_perm("masterplan.edit", self.region)
        self.can_edit = request.user.has_perm("masterplan.edit_content", self.masterplan)
        if request.method == "POST" and self.content_write and may_edit \
                and not self.masterplan.is_editable:
            raise PermissionDenied(_(
                "Masterplan berstatus “%(status)s”: isinya hanya dapat diubah saat berstatus "
                "draf atau perlu revisi.") % {"status": self.masterplan.get_status_display()})
        return super(RegionMixin, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(masterplan=self.masterplan, can_edit=self.can_edit)
        return context


class AdminRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not access.is_admin(request.user):
            raise PermissionDenied(_("Halaman ini hanya untuk admin Kominfo."))
        return super().dispatch(request, *args, **kwargs)


class VersionedUpdateView(UpdateView):
    """UpdateView saving through editing.save_versioned: a concurrent edit is refused, not lost."""

    success_message = _("Perubahan disimpan.")

    def save_related(self, obj):
        """Save formsets belonging to the form; runs in the same transaction."""

    def form_invalid(self, form):
        """Refused input (or a conflict's choice not made yet) answers 422, like a conflict."""
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def form_valid(self, form):
        try:
            self.object = save_versioned(form, self.request.user, save_related=self.save_related)
        except VersionConflict as conflict:
            return self.render_to_response(self.get_context_data(form=form.rebased(conflict)),
                                           status=422)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

"""The masterplan's status page: its history and the transitions the user may make."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .. import workflow
from ..forms import TransitionForm
from .base import MasterplanMixin


class StatusView(MasterplanMixin, TemplateView):
    template_name = "masterplan/status.html"
    content_write = False  # a transition is not a content edit

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failed = kwargs.get("failed")
        context["actions"] = [
            (transition, failed[1] if failed and failed[0] == transition.code
             else TransitionForm(initial={"transition": transition.code,
                                          "bimtek_number": self._next_bimtek()}))
            for transition in workflow.available(self.masterplan, self.request.user)
        ]
        context["history"] = self.masterplan.status_changes.select_related("changed_by")
        return context

    def _next_bimtek(self):
        done = self.masterplan.bimtek_number or 0
        return min(done + 1, workflow.FINAL_BIMTEK) if self.masterplan.status != "perlu_revisi" \
            else done or 1

    def post(self, request, *args, **kwargs):
        form = TransitionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(), status=422)
        data = form.cleaned_data
        try:
            change = workflow.apply(
                self.masterplan, data["transition"], request.user, comment=data["comment"],
                bimtek_number=data["bimtek_number"], legal_kind=data["legal_kind"],
                legal_number=data["legal_number"], legal_date=data["legal_date"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            messages.error(request, _("Status tidak diubah."))
            return self.render_to_response(
                self.get_context_data(failed=(data["transition"], form)), status=422)
        messages.success(request, _("Status masterplan kini “%(status)s”.")
                         % {"status": change.get_to_status_display()})
        return redirect("masterplan_status", region_code=self.region.code)

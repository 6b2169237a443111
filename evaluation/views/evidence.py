"""The evidence pack's page: what the pack holds, the button that builds it (a render job of
the core's pipeline) and the latest job's progress, polled."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from masterplan.services import current_masterplan

from .. import evidence
from .base import EvaluationMixin


class EvidencePackView(EvaluationMixin, TemplateView):
    template_name = "evaluation/evidence.html"

    def region_has_masterplan(self):
        """The pack is gathered from the region's current masterplan: without one there is
        nothing to pack (the page explains, 404)."""
        self.masterplan = current_masterplan(self.region)
        return self.masterplan is not None

    def no_masterplan(self):
        return TemplateResponse(self.request, "masterplan/no_masterplan.html",
                                {"region": self.region}, status=404)

    def get(self, request, *args, **kwargs):
        if not self.region_has_masterplan():
            return self.no_masterplan()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            masterplan=self.masterplan,
            job=evidence.latest_job(self.evaluation, self.masterplan),
            parts=[title for _path, title, _keys in evidence.WORKBOOK_PARTS],
            may_build=self.request.user.has_perm("evaluation.build_evidence_pack",
                                                 self.evaluation),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("evaluation.build_evidence_pack", self.evaluation):
            raise PermissionDenied(_("Hanya tim pelaksana, tim pembimbing wilayah ini atau admin "
                                     "Kominfo yang dapat membuat paket bukti."))
        if not self.region_has_masterplan():
            return self.no_masterplan()
        evidence.request_pack(self.evaluation, self.masterplan, request.user)
        messages.success(request, _("Paket bukti sedang dibuat. Halaman ini menampilkan "
                                    "kemajuannya."))
        return redirect("evaluation_evidence", region_code=self.region.code, year=self.cycle.year)

"""The ranking of a cycle by the published final index, for admins and pembimbing: nationally
with a summary per province, or within one province (?provinsi=<code>)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from masterplan import access

from .. import ranking, results
from ..models import Component, EvaluationCycle

PAGE_SIZE = 100


class RankingView(LoginRequiredMixin, TemplateView):
    template_name = "evaluation/ranking.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("evaluation.see_ranking"):
            raise PermissionDenied(_("Peringkat evaluasi untuk admin Kominfo dan tim pembimbing."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = get_object_or_404(EvaluationCycle, year=self.kwargs["year"])
        rows = ranking.standings(cycle)
        provinces = ranking.provinces(rows)
        code = self.request.GET.get("provinsi", "").strip()
        province = next((found for found in provinces if found.code == code), None)
        shown = ranking.in_province(rows, province) if province else rows
        page = Paginator(shown, PAGE_SIZE).get_page(self.request.GET.get("halaman"))
        visible = access.region_ids_for(self.request.user, access.VIEW)
        for row in page:
            row.linked = visible is None or row.region.pk in visible
        query = self.request.GET.copy()
        query.pop("halaman", None)
        context.update(
            cycle=cycle, page=page, query=query.urlencode(), province=province,
            unknown_province=code if code and province is None else "",
            provinces=provinces, total=len(rows),
            summaries=ranking.province_summaries(rows) if province is None else [],
            participants=cycle.participants.count(), components=list(Component),
            weights=results.weights_text(cycle),
            can_record=self.request.user.has_perm("evaluation.record_results"))
        return context

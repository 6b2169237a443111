"""The evaluation cycles: the list for admins and pembimbing, and the admins' cycle form."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from masterplan.models import Region
from masterplan.views.base import AdminRequiredMixin

from .. import services
from ..forms import CycleForm
from ..models import EvaluationCycle


class CycleListView(LoginRequiredMixin, TemplateView):
    """Every cycle, for those who see the ranking (admins, pembimbing)."""

    template_name = "evaluation/cycle_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("evaluation.see_ranking"):
            raise PermissionDenied(_("Halaman ini untuk admin Kominfo dan tim pembimbing."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cycles"] = EvaluationCycle.objects.annotate(
            participant_count=Count("participants", distinct=True),
            result_count=Count("participants__result", distinct=True))
        context["can_manage"] = self.request.user.has_perm("evaluation.manage_cycles")
        return context


class CycleFormView(AdminRequiredMixin, FormView):
    form_class = CycleForm
    template_name = "evaluation/cycle_form.html"

    def get_object(self):
        if "year" not in self.kwargs:
            return None
        return get_object_or_404(EvaluationCycle, year=self.kwargs["year"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_object()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = context["form"].instance
        context["cycle"] = cycle if cycle.pk else None
        if cycle.pk:
            context["participants"] = cycle.participants.select_related("region").order_by(
                "region__code")
        return context

    def form_valid(self, form):
        cycle, (added, removed, kept) = services.save_cycle(form, self.request.user)
        messages.success(self.request, _(
            "Siklus evaluasi %(year)s disimpan: %(count)s wilayah peserta (%(added)s baru, "
            "%(removed)s dikeluarkan).") % {"year": cycle.year,
                                            "count": cycle.participants.count(),
                                            "added": len(added), "removed": len(removed)})
        if kept:
            names = ", ".join(str(region) for region in Region.objects.filter(pk__in=kept))
            messages.warning(self.request, _(
                "Wilayah ini tidak lagi termasuk peserta tetapi tetap dipertahankan karena sudah "
                "memiliki nilai, tanggapan survei atau hasil: %(names)s.") % {"names": names})
        return redirect("evaluation_cycle_edit", year=cycle.year)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)

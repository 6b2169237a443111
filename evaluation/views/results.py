"""The admins' pages of the published results of a cycle: the participants with their published
and recomputed final index, one region's result form, and the CSV upload of a whole cycle."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from masterplan import access
from masterplan.numbers import format_number

from .. import results, services
from ..models import EvaluationCycle, RegionEvaluation
from ..result_forms import ResultForm, ResultsFileForm

MAX_ERRORS_SHOWN = 50


class ResultsMixin(LoginRequiredMixin):
    """A cycle's results pages: admins (`evaluation.record_results`) only."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("evaluation.record_results"):
            raise PermissionDenied(_("Hasil resmi evaluasi dicatat oleh admin Kominfo."))
        self.cycle = get_object_or_404(EvaluationCycle, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cycle=self.cycle, tolerance=results.tolerance_text())
        return context


def difference_message(line):
    return _("Indeks akhir terbit %(published)s berbeda %(difference)s dari jumlah tertimbang "
             "komponennya dengan bobot siklus (%(computed)s): periksa salah ketik, atau bobot "
             "yang dipakai Kementerian berbeda.") % {
        "published": format_number(line.published), "computed": format_number(line.computed),
        "difference": format_number(line.difference)}


class ResultListView(ResultsMixin, TemplateView):
    """Every participant with its published final, the recomputed one and the difference."""

    template_name = "evaluation/results.html"

    def get_context_data(self, upload_form=None, errors=None, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluations = list(self.cycle.participants.select_related(
            "region__province", "result", "cycle").order_by("region__code"))
        rows = []
        for evaluation in evaluations:
            result = getattr(evaluation, "result", None)
            rows.append((evaluation, result, results.result_line(result) if result else None))
        errors = errors or []
        context.update(
            rows=rows, published=sum(result is not None for _e, result, _l in rows),
            flagged=sum(bool(line and line.flagged) for _e, _r, line in rows),
            upload_form=upload_form or ResultsFileForm(), errors=errors[:MAX_ERRORS_SHOWN],
            more_errors=max(0, len(errors) - MAX_ERRORS_SHOWN),
            weights=results.weights_text(self.cycle))
        return context


class ResultImportView(ResultListView):
    """POST: a CSV file of the cycle's results, saved whole or refused whole (422, the list
    page with every error)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ResultsFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(upload_form=form), status=422)
        uploaded = form.cleaned_data["file"]
        source = form.cleaned_data["source"] or _("Impor CSV %(name)s") % {"name": uploaded.name}
        try:
            rows = results.read_results_csv(uploaded)
            report = results.import_results(self.cycle.year, rows, request.user, source=source)
        except results.ResultsRefused as refused:
            return self.render_to_response(
                self.get_context_data(upload_form=form, errors=refused.errors), status=422)
        messages.success(request, _("%(count)s hasil resmi dari %(name)s disimpan.") % {
            "count": len(report.lines), "name": uploaded.name})
        if report.added:
            messages.info(request, _("Ditambahkan sebagai peserta siklus %(year)s: %(regions)s.")
                          % {"year": self.cycle.year,
                             "regions": ", ".join(f"{region.code} {region.display_name}"
                                                  for region in report.added)})
        if report.flagged:
            messages.warning(request, _(
                "%(count)s wilayah selisih > %(tolerance)s antara indeks akhir terbit dan hasil "
                "hitung: %(codes)s.") % {
                "count": len(report.flagged), "tolerance": results.tolerance_text(),
                "codes": ", ".join(line.region.code for line in report.flagged)})
        return redirect("evaluation_results", year=self.cycle.year)


class ResultFormView(ResultsMixin, TemplateView):
    """One participant's published result."""

    template_name = "evaluation/result_form.html"

    def get_evaluation(self):
        # Through the access layer like every region's row (404: not a participant).
        return access.scoped_get(
            RegionEvaluation.objects.select_related("cycle", "region", "result")
            .filter(cycle=self.cycle), self.request.user, access.MANAGE_REGION,
            region__code=self.kwargs["region_code"])

    def get_form(self, evaluation, data=None):
        return ResultForm(data, cycle=self.cycle, dimensions=services.evaluation_dimensions(),
                          result=getattr(evaluation, "result", None))

    def get_context_data(self, evaluation=None, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = evaluation or self.get_evaluation()
        result = getattr(evaluation, "result", None)
        line = results.result_line(result) if result else None
        context.update(evaluation=evaluation, region=evaluation.region, result=result,
                       line=line, difference=difference_message(line) if line and line.flagged
                       else "", form=form or self.get_form(evaluation),
                       weights=results.weights_text(self.cycle))
        return context

    def post(self, request, *args, **kwargs):
        evaluation = self.get_evaluation()
        form = self.get_form(evaluation, request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(evaluation=evaluation, form=form), status=422)
        line = results.record_result(evaluation, form.values(), request.user,
                                     source=form.cleaned_data["source"])
        messages.success(request, _("Hasil resmi %(region)s %(year)s disimpan.") % {
            "region": evaluation.region.display_name, "year": self.cycle.year})
        if line.flagged:
            messages.warning(request, difference_message(line))
        url = reverse("evaluation_results", kwargs={"year": self.cycle.year})
        return redirect(f"{url}#wilayah-{evaluation.region.code}")

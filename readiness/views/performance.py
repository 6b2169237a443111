"""Performance self-assessment of the 18 dimension elements: one grid, saved all or nothing."""

from itertools import groupby

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from masterplan import access
from masterplan.editing import FormsetConflict, save_versioned_rows
from masterplan.views.base import MasterplanMixin

from ..forms import PerformanceForm


class PerformanceView(MasterplanMixin, TemplateView):
    template_name = "readiness/performance.html"

    def assessments(self):
        return list(self.masterplan.performance_assessments.select_related("element__dimension"))

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        forms = forms or [PerformanceForm(instance=a) for a in self.assessments()]
        context["dimensions"] = [
            (dimension, list(rows))
            for dimension, rows in groupby(forms, key=lambda f: f.instance.element.dimension)
        ]
        context["judged"] = sum(1 for form in forms if form.instance.rating)
        context["total"] = len(forms)
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        forms = [PerformanceForm(request.POST, instance=a) for a in self.assessments()]
        if all([form.is_valid() for form in forms]):
            try:
                save_versioned_rows(forms, request.user)
            except FormsetConflict as error:
                rebased = {form.instance.pk: form.rebased(conflict)
                           for form, conflict in error.conflicts}
                forms = [rebased.get(f.instance.pk) or PerformanceForm(request.POST, instance=a)
                         for f, a in zip(forms, self.assessments(), strict=True)]
                messages.error(request, _("Sebagian penilaian sudah diubah orang lain; tidak ada "
                                          "yang disimpan. Periksa baris yang ditandai."))
            else:
                messages.success(request, _("Penilaian kinerja disimpan."))
                return redirect("performance", region_code=self.region.code)
        return self.render_to_response(self.get_context_data(forms=forms), status=422)

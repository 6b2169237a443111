"""Outlook analysis (Analisis Masa Depan): four narratives and the competitiveness table."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from masterplan import access
from masterplan.editing import VersionConflict
from masterplan.views.base import MasterplanMixin, VersionedUpdateView

from .. import services
from ..forms import CompetitivenessForm, OutlookForm


class OutlookView(MasterplanMixin, VersionedUpdateView):
    form_class = OutlookForm
    template_name = "readiness/outlook.html"
    success_message = _("Analisis masa depan disimpan.")

    def get_object(self, queryset=None):
        services.ensure_rows(self.masterplan)
        return self.masterplan.outlook

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cities, indicators, cells = services.competitiveness_table(self.masterplan)
        context.update(cities=cities, table=[
            (indicator, [cells.get((indicator.pk, column))
                         for column in ["own"] + [str(city.pk) for city in cities]])
            for indicator in indicators])
        return context

    def get_success_url(self):
        return reverse("outlook", kwargs={"region_code": self.region.code})


class CompetitivenessView(MasterplanMixin, FormView):
    template_name = "readiness/competitiveness.html"

    def get_form(self, form_class=None):
        services.ensure_rows(self.masterplan)
        cities, indicators, cells = services.competitiveness_table(self.masterplan)
        data = self.request.POST if self.request.method == "POST" else None
        return CompetitivenessForm(data, cities=cities, indicators=indicators, cells=cells,
                                   initial={"version": self.masterplan.outlook.version})

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        try:
            services.save_competitiveness(self.masterplan, form, request.user)
        except VersionConflict as conflict:
            # Keep the input, now based on the current version: saving again overwrites.
            data = request.POST.copy()
            data["version"] = str(conflict.current.version)
            form = self.get_form()
            form.data = data
            form.full_clean()
            form.add_error(None, conflict.message)
            return self.render_to_response(self.get_context_data(form=form), status=422)
        messages.success(request, _("Tabel daya saing disimpan."))
        return redirect("competitiveness", region_code=self.region.code)

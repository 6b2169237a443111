"""Outlook analysis (Analisis Masa Depan): four narratives and the competitiveness table."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from masterplan import access
from masterplan.editing import VersionConflict, merge_plain, sign_base
from masterplan.views.base import MasterplanMixin, VersionedUpdateView

from .. import services
from ..forms import CompetitivenessForm, OutlookForm
from ..models import OutlookAnalysis


class OutlookView(MasterplanMixin, VersionedUpdateView):
    form_class = OutlookForm
    template_name = "readiness/outlook.html"
    success_message = _("Analisis masa depan disimpan.")

    def get_object(self, queryset=None):
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

    def build_form(self, data=None):
        cities, indicators, cells = services.competitiveness_table(self.masterplan)
        outlook = OutlookAnalysis.objects.get(masterplan=self.masterplan)
        return CompetitivenessForm(data, cities=cities, indicators=indicators, cells=cells,
                                   initial={"version": outlook.version}), outlook

    def get_form(self, form_class=None):
        return self.build_form()[0]

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        form, outlook = self.build_form(request.POST)
        if request.POST.get("version") != str(outlook.version):
            return self.conflict(VersionConflict(outlook, []))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        try:
            services.save_competitiveness(self.masterplan, form, request.user)
        except VersionConflict as conflict:
            return self.conflict(conflict)
        messages.success(request, _("Tabel daya saing disimpan."))
        return redirect("competitiveness", region_code=self.region.code)

    def conflict(self, conflict):
        """The current table merged with the user's input (editing.merge_plain): cells only the
        other person changed show theirs, cells only the user changed keep the user's, and cells
        both changed show theirs and are named, so the user retypes theirs on purpose."""
        fresh, outlook = self.build_form()
        posted, _outlook = self.build_form(self.request.POST)
        data, clashes = merge_plain(posted, fresh)
        data.update(version=str(outlook.version), snapshot=sign_base(fresh))
        form, _outlook = self.build_form(data)
        form.is_valid()
        form.add_error(None, conflict.message)
        if clashes:
            form.add_error(None, _(
                "Isian ini diubah oleh kalian berdua; isian mereka ditampilkan, ketik lagi isian "
                "Anda bila ingin menggantinya: %(fields)s.") % {"fields": ", ".join(clashes)})
        return self.render_to_response(self.get_context_data(form=form), status=422)

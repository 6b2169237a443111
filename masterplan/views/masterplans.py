from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from .. import access, services
from ..forms import MasterplanCreateForm, MasterplanForm
from ..models import Masterplan
from .base import RegionMixin, VersionedUpdateView


class MasterplanCreateView(RegionMixin, FormView):
    action = access.CREATE_MASTERPLAN
    form_class = MasterplanCreateForm
    template_name = "masterplan/masterplan_create.html"

    def get_initial(self):
        return {"start_year": timezone.localdate().year, "period_years": 10, "make_current": True}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.create_masterplan(
                region=self.region, user=self.request.user, start_year=data["start_year"],
                period_years=data["period_years"], title=data["title"],
                make_current=data["make_current"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Masterplan dibuat."))
        return redirect("region_detail", region_code=self.region.code)


class MasterplanEditView(RegionMixin, VersionedUpdateView):
    action = access.EDIT
    form_class = MasterplanForm
    template_name = "masterplan/masterplan_form.html"

    def get_object(self, queryset=None):
        return access.scoped_get(Masterplan.objects.filter(region=self.region),
                                 self.request.user, access.EDIT, pk=self.kwargs["masterplan_pk"])

    def get_success_url(self):
        return reverse("region_detail", kwargs={"region_code": self.region.code})


class MasterplanSetCurrentView(RegionMixin, View):
    action = access.CREATE_MASTERPLAN

    def post(self, request, region_code, masterplan_pk):
        masterplan = access.scoped_get(Masterplan.objects.filter(region=self.region),
                                       request.user, access.CREATE_MASTERPLAN, pk=masterplan_pk)
        services.set_current_masterplan(masterplan, request.user)
        messages.success(request, _("%(title)s kini menjadi masterplan aktif.")
                         % {"title": masterplan.title})
        return redirect("region_detail", region_code=self.region.code)

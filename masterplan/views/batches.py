"""Kominfo admin pages: batches of the Gerakan Menuju 100 Smart City."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import CreateView, ListView

from ..forms import BatchForm, BatchRegionsForm
from ..models import Batch, Region
from .base import AdminRequiredMixin, VersionedUpdateView


class BatchListView(AdminRequiredMixin, ListView):
    template_name = "masterplan/batch_list.html"
    context_object_name = "batches"

    def get_queryset(self):
        return Batch.objects.annotate(region_count=Count("regions"))


class BatchCreateView(AdminRequiredMixin, CreateView):
    model = Batch
    form_class = BatchForm
    template_name = "masterplan/batch_form.html"
    success_url = reverse_lazy("batch_list")

    def form_valid(self, form):
        form.instance.updated_by = self.request.user
        messages.success(self.request, _("Angkatan dibuat."))
        return super().form_valid(form)


class BatchEditView(AdminRequiredMixin, VersionedUpdateView):
    form_class = BatchForm
    template_name = "masterplan/batch_form.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Batch, pk=self.kwargs["batch_pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = self.object.regions.order_by("code").values_list("code", flat=True)
        context["regions_form"] = kwargs.get("regions_form") or BatchRegionsForm(
            initial={"codes": ", ".join(codes)})
        context["regions"] = self.object.regions.order_by("code")
        return context

    def post(self, request, *args, **kwargs):
        if "codes" not in request.POST:
            return super().post(request, *args, **kwargs)
        self.object = self.get_object()
        regions_form = BatchRegionsForm(request.POST)
        if not regions_form.is_valid():
            return self.render_to_response(self.get_context_data(regions_form=regions_form))
        with transaction.atomic():
            codes = regions_form.cleaned_data["codes"]
            # Bump versions so an open region form notices the change.
            self.object.regions.exclude(code__in=codes).update(batch=None, version=F("version") + 1)
            Region.objects.filter(code__in=codes).exclude(batch=self.object).update(
                batch=self.object, version=F("version") + 1)
        messages.success(request, _("Anggota angkatan disimpan (%(count)s wilayah).")
                         % {"count": len(codes)})
        return redirect("batch_edit", batch_pk=self.object.pk)

    def get_success_url(self):
        return reverse("batch_edit", kwargs={"batch_pk": self.object.pk})

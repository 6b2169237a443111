"""The ten stages tracker: derived states, and the team's ticks for the stages data cannot show."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .. import access, stages
from ..models_stages import StageCheck
from .base import MasterplanMixin


class StagesView(MasterplanMixin, TemplateView):
    template_name = "masterplan/stages.html"
    content_write = False  # stage 10 (sosialisasi, legalisasi) comes after the content is final

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stages"] = stages.states([self.masterplan])[self.masterplan.pk]
        context["may_tick"] = access.can(self.request.user, access.EDIT, self.region)
        context["error"] = kwargs.get("error")
        return context

    def post(self, request, *args, **kwargs):
        if not access.can(request.user, access.EDIT, self.region):
            raise PermissionDenied(_("Hanya tim pelaksana yang dapat mencentang tahapan."))
        try:
            number = int(request.POST.get("number", ""))
        except ValueError:
            number = 0
        if number not in stages.MANUAL:
            return self.render_to_response(self.get_context_data(
                error=_("Tahap ini dihitung otomatis dari isi masterplan.")), status=422)
        done = request.POST.get("done") == "on"
        note = request.POST.get("note", "").strip()
        if done and not note:
            return self.render_to_response(self.get_context_data(
                error=_("Tuliskan catatan singkat sebagai bukti tahap ini selesai.")), status=422)
        limit = StageCheck._meta.get_field("note").max_length
        if len(note) > limit:
            return self.render_to_response(self.get_context_data(
                error=_("Catatan paling banyak %(limit)s karakter.") % {"limit": limit}), status=422)
        check, _created = StageCheck.objects.get_or_create(masterplan=self.masterplan,
                                                           number=number)
        check.done, check.note = done, note
        check.checked_by, check.checked_at = request.user, timezone.now()
        check.updated_by = request.user
        check.version += 1
        check.save()
        messages.success(request, _("Tahap %(n)s disimpan.") % {"n": number})
        return redirect("stages", region_code=self.region.code)

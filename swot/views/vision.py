"""Vision and mission pages: the vision form with its references, the ordered missions, and the
checklist grid. Plain posts: success redirects; refused input answers 422 with the page."""

from itertools import chain

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from masterplan import access, ordering
from masterplan.editing import FormsetConflict, VersionConflict
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin

from .. import vision
from ..models import Mission


class VisionPageMixin(MasterplanMixin):
    def page_url(self, anchor=""):
        url = reverse("vision", kwargs={"region_code": self.region.code})
        return f"{url}#{anchor}" if anchor else url

    def get_mission(self, action):
        return access.scoped_get(Mission.objects.filter(masterplan=self.masterplan),
                                 self.request.user, action, pk=self.kwargs["mission_pk"])

    def page_context(self, vision_form=None, mission_form=None, error=None):
        current = vision.vision_of(self.masterplan)
        missions = list(vision.missions_of(self.masterplan))
        checks = [form for _label, forms in vision.check_forms(self.masterplan) for form in forms]
        done = sum(1 for form in checks
                   if vision.check_done(form.instance.met, form.instance.justification))
        values = {name: getattr(current, name) for name in current.TEXT_FIELDS}
        return {
            "region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
            "vision": current, "form": vision_form or vision.VisionForm(instance=current),
            "missions": missions, "mission_form": mission_form or vision.MissionForm(),
            "checks_done": done, "checks_total": len(checks),
            "completeness": vision.completeness_items(values, len(missions), len(checks), done),
            "guide": vision.guide_text(self.masterplan.edition.code), "error": error,
        }

    def render_page(self, status=422, **kwargs):
        return TemplateResponse(self.request, "swot/vision.html", self.page_context(**kwargs),
                                status=status)


class VisionView(VisionPageMixin, TemplateView):
    """The vision page; its own form (statement, explanation, references) posts here."""

    template_name = "swot/vision.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.page_context())
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        form = vision.VisionForm(request.POST, instance=vision.vision_of(self.masterplan))
        if form.is_valid():
            try:
                vision.save_vision(form, request.user)
            except VersionConflict as conflict:
                form = form.rebased(conflict)
            else:
                messages.success(request, _("Visi dan rujukannya disimpan."))
                return redirect(self.page_url("visi"))
        return self.render_page(vision_form=form)


class MissionAddView(VisionPageMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        form = vision.MissionForm(request.POST, instance=Mission())
        if form.is_valid():
            mission = vision.save_mission(form, self.masterplan, request.user)
            messages.success(request, _("Misi ditambahkan."))
            return redirect(self.page_url(f"misi-{mission.pk}"))
        return self.render_page(mission_form=form)


class MissionEditView(EditPageMixin, VisionPageMixin, TemplateView):
    action = access.EDIT
    template_name = "swot/vision_mission_form.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or vision.MissionForm(instance=self.get_mission(access.EDIT)),
                       cancel_url=self.page_url("misi"))
        return context

    def post(self, request, *args, **kwargs):
        form = vision.MissionForm(request.POST, instance=self.get_mission(access.EDIT))
        if form.is_valid():
            try:
                mission = vision.save_mission(form, self.masterplan, request.user)
            except VersionConflict as conflict:
                form = form.rebased(conflict)
            else:
                messages.success(request, _("Misi disimpan."))
                return redirect(self.page_url(f"misi-{mission.pk}"))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class MissionDeleteView(VisionPageMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        mission = self.get_mission(access.EDIT)
        try:
            vision.delete_mission(mission, ordering.posted_version(request.POST))
        except ValidationError as error:
            return self.render_page(error=" ".join(error.messages))
        except ordering.RowChanged as changed:
            return self.render_page(error=changed.message)
        messages.success(request, _("Misi dihapus."))
        return redirect(self.page_url("misi"))


class MissionMoveView(VisionPageMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        mission = self.get_mission(access.EDIT)
        try:
            vision.move_mission(mission, request.POST.get("arah", ""))
        except ValidationError as error:
            return self.render_page(error=" ".join(error.messages))
        return redirect(self.page_url(f"misi-{mission.pk}"))


class VisionChecksView(VisionPageMixin, TemplateView):
    """The two checklists as one grid, saved all or nothing."""

    template_name = "swot/vision_checks.html"

    def get_context_data(self, groups=None, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = groups or vision.check_forms(self.masterplan)
        context.update(groups=groups, page_url=self.page_url(),
                       statement=vision.vision_of(self.masterplan).statement,
                       guide=vision.guide_text(self.masterplan.edition.code))
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        groups = vision.check_forms(self.masterplan, request.POST)
        forms = list(chain.from_iterable(forms for _label, forms in groups))
        if all([form.is_valid() for form in forms]):
            try:
                vision.save_checks(forms, request.user)
            except FormsetConflict as error:
                rebased = {form.instance.pk: form.rebased(conflict)
                           for form, conflict in error.conflicts}
                groups = [(label, [rebased.get(form.instance.pk, form) for form in group])
                          for label, group in groups]
                messages.error(request, _("Sebagian butir sudah diubah orang lain; tidak ada yang "
                                          "disimpan. Periksa butir yang ditandai."))
            else:
                messages.success(request, _("Daftar periksa visi disimpan."))
                return redirect("vision_checks", region_code=self.region.code)
        else:
            messages.error(request, _("Periksa butir yang ditandai; tidak ada yang disimpan."))
        return self.render_to_response(self.get_context_data(groups=groups), status=422)

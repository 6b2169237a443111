"""Vision and mission pages: the vision form with its references, the ordered missions, and the
checklist grid. Plain posts: success redirects; refused input answers 422 with the page."""

from itertools import chain

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from masterplan import access
from masterplan.editing import FormsetConflict
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin, ObjectDeleteView, ObjectFormView, ObjectMoveView

from .. import vision
from ..models import Mission


class VisionPageMixin(MasterplanMixin):
    def page_url(self, anchor=""):
        url = reverse("vision", kwargs={"region_code": self.region.code})
        return f"{url}#{anchor}" if anchor else url

    def get_mission(self, action):
        return access.scoped_get(Mission.objects.filter(masterplan=self.masterplan),
                                 self.request.user, action, pk=self.kwargs["mission_pk"])

    def get_object(self):
        return self.get_mission(access.EDIT)

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

    def render_refused(self, error):
        return self.render_page(error=error)

    def get_success_url(self, mission):
        return self.page_url(f"misi-{mission.pk}")


class VisionView(VisionPageMixin, ObjectFormView, TemplateView):
    """The vision page; its own form (statement, explanation, references) posts here."""

    template_name = "swot/vision.html"
    form_class = vision.VisionForm
    success_message = gettext_lazy("Visi dan rujukannya disimpan.")

    def get_object(self):
        return vision.vision_of(self.masterplan)

    def save(self, form):
        return vision.save_vision(form, self.request.user)

    def get_success_url(self, current):
        return self.page_url("visi")

    def form_refused(self, form):
        return self.render_page(vision_form=form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.page_context())
        return context


class MissionAddView(VisionPageMixin, ObjectFormView):
    action = access.EDIT
    form_class = vision.MissionForm
    success_message = gettext_lazy("Misi ditambahkan.")

    def get_object(self):
        return Mission()

    def save(self, form):
        return vision.save_mission(form, self.masterplan, self.request.user)

    def form_refused(self, form):
        return self.render_page(mission_form=form)


class MissionEditView(EditPageMixin, VisionPageMixin, ObjectFormView, TemplateView):
    action = access.EDIT
    template_name = "swot/vision_mission_form.html"
    form_class = vision.MissionForm
    success_message = gettext_lazy("Misi disimpan.")

    def save(self, form):
        return vision.save_mission(form, self.masterplan, self.request.user)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or self.get_form(), cancel_url=self.page_url("misi"))
        return context


class MissionDeleteView(VisionPageMixin, ObjectDeleteView):
    action = access.EDIT
    success_message = gettext_lazy("Misi dihapus.")

    def delete(self, mission, seen_version):
        vision.delete_mission(mission, seen_version)

    def get_success_url(self, mission):
        return self.page_url("misi")


class MissionMoveView(VisionPageMixin, ObjectMoveView):
    action = access.EDIT

    def move(self, mission, direction):
        return vision.move_mission(mission, direction)


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

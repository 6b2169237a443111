"""The e-Gov application inventory: the list with its summary, an application's add/edit page
and delete. Plain posts: success redirects to the inventory; refused input answers 422."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from masterplan import access, ordering
from masterplan.editing import VersionConflict
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin

from .. import applications
from ..models import Application


class ApplicationPageMixin(MasterplanMixin):
    def list_url(self, app=None):
        url = reverse("application_list", kwargs={"region_code": self.region.code})
        return f"{url}#aplikasi-{app.pk}" if app is not None else url

    def get_application(self, action):
        return access.scoped_get(Application.objects.filter(masterplan=self.masterplan),
                                 self.request.user, action, pk=self.kwargs["application_pk"])

    def list_context(self, error=None):
        apps = list(applications.applications_of(self.masterplan))
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "applications": apps, "summary": applications.summary(apps),
                "standards": guide(self.masterplan.edition.code).get("application_standards", {}),
                "error": error}

    def render_list(self, error, status=422):
        return TemplateResponse(self.request, "roadmap/application_list.html",
                                self.list_context(error), status=status)


class ApplicationListView(ApplicationPageMixin, TemplateView):
    template_name = "roadmap/application_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.list_context())
        return context


class ApplicationFormView(EditPageMixin, ApplicationPageMixin, TemplateView):
    """Add an application (no application_pk) or edit one; only the team reaches it."""

    action = access.EDIT
    template_name = "roadmap/application_form.html"

    def get_object(self):
        if "application_pk" in self.kwargs:
            return self.get_application(access.EDIT)
        return Application(masterplan=self.masterplan)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or applications.ApplicationForm(instance=self.get_object(),
                                                    masterplan=self.masterplan)
        context.update(form=form, application=form.instance, list_url=self.list_url())
        return context

    def post(self, request, *args, **kwargs):
        form = applications.ApplicationForm(request.POST, instance=self.get_object(),
                                            masterplan=self.masterplan)
        if form.is_valid():
            try:
                app = applications.save_application(form, request.user)
            except VersionConflict as conflict:
                form = form.rebased(conflict)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Aplikasi “%(name)s” disimpan.") % {"name": app.name})
                return redirect(self.list_url(app))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class ApplicationDeleteView(ApplicationPageMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        app = self.get_application(access.EDIT)
        try:
            applications.delete_application(app, ordering.posted_version(request.POST),
                                            request.user)
        except ValidationError as error:
            return self.render_list(" ".join(error.messages))
        except ordering.RowChanged as changed:
            return self.render_list(changed.message)
        messages.success(request, _("Aplikasi “%(name)s” dihapus.") % {"name": app.name})
        return redirect(self.list_url())

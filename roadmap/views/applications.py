"""The e-Gov application inventory: the list with its summary, an application's add/edit page
and delete. Plain posts: success redirects to the inventory; refused input answers 422."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from masterplan import access
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin, ObjectDeleteView, ObjectFormView

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

    def render_refused(self, error):
        return TemplateResponse(self.request, "roadmap/application_list.html",
                                self.list_context(error), status=422)


class ApplicationListView(ApplicationPageMixin, TemplateView):
    template_name = "roadmap/application_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.list_context())
        return context


class ApplicationFormView(EditPageMixin, ApplicationPageMixin, ObjectFormView, TemplateView):
    """Add an application (no application_pk) or edit one; only the team reaches it."""

    action = access.EDIT
    template_name = "roadmap/application_form.html"
    form_class = applications.ApplicationForm
    success_message = gettext_lazy("Aplikasi “%(name)s” disimpan.")

    def get_object(self):
        if "application_pk" in self.kwargs:
            return self.get_application(access.EDIT)
        return Application(masterplan=self.masterplan)

    def get_form_kwargs(self):
        return {"masterplan": self.masterplan}

    def save(self, form):
        return applications.save_application(form, self.request.user)

    def get_success_url(self, app):
        return self.list_url(app)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(form=form, application=form.instance, list_url=self.list_url())
        return context


class ApplicationDeleteView(ApplicationPageMixin, ObjectDeleteView):
    action = access.EDIT
    success_message = gettext_lazy("Aplikasi “%(name)s” dihapus.")

    def get_object(self):
        return self.get_application(access.EDIT)

    def delete(self, app, seen_version):
        applications.delete_application(app, seen_version, self.request.user)

    def get_success_url(self, app):
        return self.list_url()

"""Regulation pages: the list (the guide's four and the region's others), a regulation's edit
page with its document, adding and deleting other regulations, uploading, removing and
downloading a document. Plain posts: success redirects; refused input answers 422 with the page.
The download goes through access.scoped_get on this masterplan's regulations: another region's
(or another masterplan's) document answers 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from masterplan import access, ordering
from masterplan.file_storage import download_response
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin, ObjectDeleteView, ObjectFormView

from .. import regulations
from ..models import Regulation


class RegulationPageMixin(MasterplanMixin):
    def list_url(self, regulation=None):
        url = reverse("regulation_list", kwargs={"region_code": self.region.code})
        return f"{url}#regulasi-{regulation.pk}" if regulation is not None else url

    def edit_url(self, regulation):
        return reverse("regulation_edit", kwargs={"region_code": self.region.code,
                                                  "regulation_pk": regulation.pk})

    def get_regulation(self, action):
        return access.scoped_get(
            Regulation.objects.filter(masterplan=self.masterplan).select_related("updated_by"),
            self.request.user, action, pk=self.kwargs["regulation_pk"])

    def list_context(self, error=None):
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "regulations": list(regulations.regulations_of(self.masterplan)),
                "guide": guide(self.masterplan.edition.code).get("regulations", {}),
                "error": error}

    def render_refused(self, error):
        return TemplateResponse(self.request, "roadmap/regulation_list.html",
                                self.list_context(error), status=422)


class RegulationListView(RegulationPageMixin, TemplateView):
    template_name = "roadmap/regulation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.list_context())
        return context


class RegulationFormView(EditPageMixin, RegulationPageMixin, ObjectFormView, TemplateView):
    """Edit a regulation (with its document section) or, without regulation_pk, add another."""

    action = access.EDIT
    template_name = "roadmap/regulation_form.html"
    form_class = regulations.RegulationForm
    success_message = gettext_lazy("Regulasi “%(title)s” disimpan.")

    def get_object(self):
        if "regulation_pk" in self.kwargs:
            return self.get_regulation(access.EDIT)
        return Regulation(masterplan=self.masterplan)

    def get_form_kwargs(self):
        return {"masterplan": self.masterplan}

    def save(self, form):
        return regulations.save_regulation(form, self.request.user)

    def get_success_url(self, regulation):
        return self.list_url(regulation)

    def get_context_data(self, form=None, document_form=None, document_error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        regulation = form.instance
        if regulation.pk is not None and document_form is None:
            document_form = regulations.DocumentForm(initial={"version": regulation.version})
        context.update(form=form, regulation=regulation, document_form=document_form,
                       document_error=document_error, list_url=self.list_url(),
                       is_guide_item=regulations.is_guide_item(regulation),
                       document_name=regulations.document_name(regulation),
                       max_mb=regulations.MAX_DOCUMENT_BYTES // regulations.MB)
        return context


class RegulationDeleteView(RegulationPageMixin, ObjectDeleteView):
    action = access.EDIT
    success_message = gettext_lazy("Regulasi “%(title)s” dihapus.")

    def get_object(self):
        return self.get_regulation(access.EDIT)

    def delete(self, regulation, seen_version):
        regulations.delete_regulation(regulation, seen_version)

    def get_success_url(self, regulation):
        return self.list_url()


class DocumentUploadView(RegulationFormView):
    """Upload (or replace) the document; a refused file shows the edit page with the message."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        regulation = self.get_regulation(access.EDIT)
        document_form = regulations.DocumentForm(request.POST, request.FILES)
        document_error = None
        if document_form.is_valid():
            try:
                regulations.replace_document(regulation, document_form.cleaned_data["document"],
                                             request.user, document_form.cleaned_data["version"])
            except regulations.DocumentRefused as error:
                document_form.add_error("document", error)
            except regulations.DocumentChanged as changed:
                document_error = changed.message
                regulation = changed.current
                document_form = regulations.DocumentForm(initial={"version": regulation.version})
            else:
                messages.success(request, _("Dokumen “%(name)s” diunggah.")
                                 % {"name": regulations.document_name(regulation)})
                return redirect(self.edit_url(regulation))
        form = regulations.RegulationForm(instance=regulation, masterplan=self.masterplan)
        return self.render_to_response(self.get_context_data(
            form=form, document_form=document_form, document_error=document_error), status=422)


class DocumentRemoveView(RegulationFormView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        regulation = self.get_regulation(access.EDIT)
        try:
            regulations.remove_document(regulation, request.user,
                                        ordering.posted_version(request.POST))
        except ValidationError as error:
            message = " ".join(error.messages)
        except regulations.DocumentChanged as changed:
            message, regulation = changed.message, changed.current
        else:
            messages.success(request, _("Dokumen regulasi dihapus."))
            return redirect(self.edit_url(regulation))
        form = regulations.RegulationForm(instance=regulation, masterplan=self.masterplan)
        return self.render_to_response(self.get_context_data(form=form, document_error=message),
                                       status=422)


class DocumentDownloadView(RegulationPageMixin, View):
    def get(self, request, *args, **kwargs):
        regulation = self.get_regulation(access.VIEW)
        if not regulation.document:
            raise Http404(_("Regulasi ini belum memiliki dokumen."))
        return download_response(regulation.document, regulations.document_name(regulation),
                                 regulations.PDF_CONTENT_TYPE,
                                 _("Berkas dokumen tidak ditemukan."))

"""The masterplan workbook pages: download, upload, preview and confirm (logic in ..workbook)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from .. import access
from ..models import WorkbookImport
from ..workbook import export, importer
from ..workbook.base import Context
from ..workbook.errors import WorkbookError
from ..workbook.forms import WorkbookUploadForm
from ..workbook.registry import grouped, sheets_for
from .base import MasterplanMixin


class WorkbookView(MasterplanMixin, TemplateView):
    """What the workbook holds (its sheets, from the registry) and the download link, for everyone
    who sees the region; the upload form for the team."""

    template_name = "masterplan/workbook.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheets = sheets_for(self.masterplan, Context(self.masterplan))
        context.update(sheet_groups=grouped(sheets), sheet_count=len(sheets) + 1)  # + "Info"
        if self.can_edit:
            context.setdefault("form", WorkbookUploadForm())
            context["imports"] = (
                WorkbookImport.objects.restrict(self.request.user, access.EDIT)
                .filter(masterplan=self.masterplan).select_related("uploaded_by")[:10])
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        form = WorkbookUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            workbook_import, _diff = importer.start_import(self.masterplan, request.user,
                                                           form.cleaned_data["file"])
        except WorkbookError as error:
            return self.render_to_response(self.get_context_data(
                form=form, upload_errors=error.messages("id")))
        if workbook_import is None:
            messages.info(request, _("Buku kerja sama dengan isi masterplan saat ini; tidak ada "
                                     "perubahan untuk diterapkan."))
            return redirect("workbook", region_code=self.region.code)
        return redirect("workbook_import", region_code=self.region.code,
                        import_pk=workbook_import.pk)


class WorkbookDownloadView(MasterplanMixin, View):
    def get(self, request, *args, **kwargs):
        try:
            exported = export.export_current(self.region)
        except export.NoCurrentMasterplan:
            raise Http404(_("Wilayah ini belum memiliki masterplan aktif.")) from None
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = content_disposition_header(True, exported.filename)
        response["Cache-Control"] = "private, no-store"
        return response


class WorkbookImportView(MasterplanMixin, TemplateView):
    """Preview of an upload (GET); Terapkan or Batal (POST)."""

    action = access.EDIT
    template_name = "masterplan/workbook_import.html"

    def get_import(self):
        return access.scoped_get(
            WorkbookImport.objects.filter(masterplan=self.masterplan)
            .select_related("uploaded_by", "decided_by"),
            self.request.user, access.EDIT, pk=self.kwargs["import_pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["workbook_import"] = self.workbook_import
        return context

    def get(self, request, *args, **kwargs):
        self.workbook_import = self.get_import()
        context = {}
        if self.workbook_import.status == WorkbookImport.Status.PENDING:
            try:
                diff, changed = importer.refresh_preview(self.workbook_import)
            except WorkbookError as error:
                context["import_errors"] = error.messages("id")
            else:
                context["diff"] = diff
                if changed:
                    context["notice"] = _("Isi masterplan berubah sejak berkas diunggah; pratinjau "
                                          "di bawah sudah disesuaikan dengan data terbaru.")
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request, *args, **kwargs):
        self.workbook_import = workbook_import = self.get_import()
        action = request.POST.get("action")
        if action == "cancel":
            if importer.cancel_import(workbook_import, request.user):
                messages.info(request, _("Impor dibatalkan; tidak ada yang diubah."))
            return redirect("workbook", region_code=self.region.code)
        if action != "apply":
            messages.error(request, _("Pilih Terapkan atau Batal."))
            return redirect("workbook_import", region_code=self.region.code,
                            import_pk=workbook_import.pk)
        try:
            outcome = importer.confirm_import(workbook_import, request.user,
                                              request.POST.get("digest"))
        except WorkbookError as error:
            return self.render_to_response(self.get_context_data(
                import_errors=error.messages("id")))
        if outcome.already_decided:
            messages.info(request, _("Impor ini sudah %(status)s.")
                          % {"status": workbook_import.get_status_display().lower()})
            return redirect("workbook_import", region_code=self.region.code,
                            import_pk=workbook_import.pk)
        if not outcome.applied:
            return self.render_to_response(self.get_context_data(
                diff=outcome.diff,
                notice=_("Isi masterplan berubah sejak pratinjau ditampilkan, jadi perubahan belum "
                         "diterapkan. Periksa pratinjau terbaru di bawah, lalu terapkan lagi.")))
        messages.success(request, _("%(count)s perubahan dari buku kerja diterapkan.")
                         % {"count": outcome.diff.total})
        return redirect("workbook", region_code=self.region.code)

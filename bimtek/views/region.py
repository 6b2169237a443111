"""A region's Bimtek pages: the four sessions, one visit with its report, and their edit forms.

Bimtek pages are not masterplan content (`content_write = False`): visits and reports are written
whatever the masterplan's status. Access (bimtek/rules.py): every role of the region reads; visit
data is edited by pembimbing, ketua and admins; reports by pembimbing and admins (REVIEW);
signatures by the region's pembimbing and ketua. A refusal because the report is
signed is shown as a message on the visit page, and nothing is changed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from masterplan import access
from masterplan.file_storage import download_response
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import ObjectFormView

from .. import attachments, rendering, reports, visits
from ..forms import AttachmentForm, NotesForm, ReportForm, VisitForm
from ..models import Attachment, Visit


class BimtekMixin(MasterplanMixin):
    # Visits and reports are not masterplan content: written whatever the masterplan's status.
    content_write = False

    def get_visit(self):
        number = self.kwargs["number"]
        visits.visits_of(self.masterplan)  # creates the rows of an older masterplan
        self.visit = access.scoped_get(
            Visit.objects.filter(masterplan=self.masterplan)
            .select_related("session", "masterplan__region"),
            self.request.user, access.VIEW, session__number=number)
        self.report = reports.report_of(self.visit)
        return self.visit

    def visit_url(self, anchor=""):
        url = reverse("bimtek_visit", kwargs={"region_code": self.region.code,
                                              "number": self.visit.session.number})
        return f"{url}#{anchor}" if anchor else url

    def refuse(self, error, anchor=""):
        """Show a refusal (e.g. the report is signed) on the visit page."""
        for message in getattr(error, "messages", [str(error)]):
            messages.error(self.request, message)
        return redirect(self.visit_url(anchor))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if getattr(self, "visit", None) is not None:
            context.update(visit=self.visit, session=self.visit.session, report=self.report)
        return context


class OverviewView(BimtekMixin, TemplateView):
    """The four sessions with their agenda (collapsible), visit data and report state."""

    template_name = "bimtek/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(reports.annotate_states(visits.visits_of(self.masterplan))
                    .prefetch_related("pembimbing", "session__agenda"))
        context["rows"] = [(visit, reports.visit_state(visit)) for visit in rows]
        context["can_edit_visits"] = self.request.user.has_perm("bimtek.edit_visit", self.region)
        return context


class VisitView(BimtekMixin, TemplateView):
    """One visit and its report (the form of Lampiran V–VIII), with attachments and sign-off."""

    template_name = "bimtek/visit.html"

    def get_context_data(self, **kwargs):
        self.get_visit()
        context = super().get_context_data(**kwargs)
        user, visit, report = self.request.user, self.visit, self.report
        lock = reports.lock_message(report) if report else ""
        context.update(
            team=list(visit.pembimbing.all()),
            lines=reports.report_lines(visit.session, report),
            agenda=list(visit.session.agenda.all()),
            attachments=list(report.attachments.select_related("uploaded_by")) if report else [],
            state=reports.visit_state(reports.annotate_states(
                Visit.objects.filter(pk=visit.pk).select_related("session")).get()),
            can_edit_visit=user.has_perm("bimtek.change_visit", visit),
            can_write=user.has_perm("bimtek.change_report", visit),
            lock_message=lock,
            is_signed=bool(report and report.is_signed),
            may_sign=user.has_perm("bimtek.sign_report", self.region),
            attachment_form=kwargs.get("attachment_form") or AttachmentForm(),
            signatures=self.signatures(report),
            pdf_job=rendering.latest_job(visit),
        )
        return context

    def signatures(self, report):
        """Both sides' signatures and what the user may do with each."""
        rows = []
        user = self.request.user
        for key in (reports.PEMBIMBING, reports.KETUA):
            rows.append({
                "key": key, "label": reports.SIDE_LABELS[key],
                "by": getattr(report, f"{key}_signed_by", None) if report else None,
                "at": getattr(report, f"{key}_signed_at", None) if report else None,
                "can_sign": user.has_perm(f"bimtek.sign_as_{key}", report),
                "can_unsign": user.has_perm(f"bimtek.withdraw_as_{key}", report),
            })
        return rows


class VisitEditView(BimtekMixin, ObjectFormView, TemplateView):
    template_name = "bimtek/visit_form.html"
    form_class = VisitForm

    def setup_visit(self):
        self.get_visit()
        visits.require_edit(self.request.user, self.region)
        if self.report is not None and reports.lock_message(self.report):
            raise reports.ReportLocked(reports.lock_message(self.report))

    def check_permission(self):
        """setup_visit checked it (visits.require_edit)."""

    def get_object(self):
        return self.visit

    def get_form_kwargs(self):
        return {"region": self.region}

    def save(self, form):
        return visits.save_visit(form, self.request.user)

    def save_refused(self, form, error):
        if isinstance(error, reports.ReportLocked):
            return self.refuse(error)
        return super().save_refused(form, error)

    def get_success_message(self, visit):
        return _("Data kunjungan %(label)s disimpan.") % {"label": self.visit.session.label}

    def get_success_url(self, visit):
        return self.visit_url("kunjungan")

    def get(self, request, *args, **kwargs):
        try:
            self.setup_visit()
        except reports.ReportLocked as error:
            return self.refuse(error)
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        try:
            self.setup_visit()
        except reports.ReportLocked as error:
            return self.refuse(error)
        return super().post(request, *args, **kwargs)


class ReportWriteMixin(BimtekMixin):
    """Pages that write the report: REVIEW (pembimbing, admins); refused while signed."""

    action = access.REVIEW

    def setup_report(self):
        self.get_visit()
        # GET only reads: a report not written yet is shown unsaved; POST creates it.
        self.report = (reports.ensure_report(self.visit) if self.request.method == "POST"
                       else reports.report_or_new(self.visit))
        message = reports.lock_message(self.report)
        if message:
            raise reports.ReportLocked(message)


class ReportFormView(ReportWriteMixin, ObjectFormView, TemplateView):
    """A form on the report, saved under its version while the report is not locked."""

    def make_form(self, data=None):
        raise NotImplementedError

    def check_permission(self):
        """The view's action (REVIEW) and setup_report checked it."""

    def get_form(self, data=None):
        return self.make_form(data)

    def save_refused(self, form, error):
        if isinstance(error, reports.ReportLocked):
            transaction.set_rollback(True)
            return self.refuse(error)
        return super().save_refused(form, error)

    def get_success_url(self, report):
        return self.visit_url("laporan")

    def get(self, request, *args, **kwargs):
        try:
            self.setup_report()
        except reports.ReportLocked as error:
            return self.refuse(error)
        form = self.make_form()
        if self.report.pk is None:
            # The version the report will have when the first save creates it.
            form.initial.setdefault("version", self.report.version)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        # One transaction: the report a first POST creates is undone when the input is refused.
        with transaction.atomic():
            try:
                self.setup_report()
            except reports.ReportLocked as error:
                return self.refuse(error)
            response = super().post(request, *args, **kwargs)
            if response.status_code == 422:
                response.render()  # while the refused report still exists, then undo it
                transaction.set_rollback(True)
            return response


class ReportEditView(ReportFormView):
    """The report's tanggal kunjungan and output text."""

    template_name = "bimtek/report_form.html"
    success_message = gettext_lazy("Laporan disimpan.")

    def make_form(self, data=None):
        initial = {}
        if self.report.visit_date is None and self.visit.actual_date:
            initial["visit_date"] = self.visit.actual_date
        return ReportForm(data, instance=self.report, initial=initial)

    def save(self, form):
        return reports.save_report(form, self.request.user)


class NotesView(ReportFormView):
    """Keterangan of every activity in one form (all or nothing, under the report's version)."""

    template_name = "bimtek/notes_form.html"
    success_message = gettext_lazy("Keterangan kegiatan disimpan.")

    def make_form(self, data=None):
        return NotesForm(data, instance=self.report, items=self.visit.session.report_items.all())

    def save(self, form):
        return reports.save_notes(form, self.request.user)


class SignView(BimtekMixin, View):
    """Sign (or, with `withdraw`, withdraw) the user's side; roles are checked by reports.sign."""

    withdraw = False

    def post(self, request, *args, **kwargs):
        self.get_visit()
        if not request.user.has_perm("bimtek.sign_report", self.region):
            raise PermissionDenied(reports.SIGN_DENIED)
        if self.report is None:
            messages.error(request, _("Laporan ini belum ditulis."))
            return redirect(self.visit_url("tanda-tangan"))
        action = reports.unsign if self.withdraw else reports.sign
        try:
            side = action(self.report, request.user)
        except ValidationError as error:
            return self.refuse(error, "tanda-tangan")
        if self.withdraw:
            messages.success(request, _("Tanda tangan %(side)s dibatalkan.")
                             % {"side": reports.SIDE_LABELS[side]})
        else:
            messages.success(request, _("Laporan ditandatangani sebagai %(side)s.")
                             % {"side": reports.SIDE_LABELS[side]})
        return redirect(self.visit_url("tanda-tangan"))


class ReportPdfView(BimtekMixin, View):
    """Start rendering the report in the Lampiran layout (before anyone wrote it: the blank
    form) as a RenderJob of the masterplan, like the books; the visit page polls it. Everyone who
    may view the region may ask for it."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.get_visit()
        rendering.request_render(self.visit, request.user)
        messages.success(request, _("Pembuatan PDF laporan dimulai."))
        return redirect(self.visit_url("laporan-pdf"))


class AttachmentAddView(ReportWriteMixin, VisitView):
    """Upload an attachment; a refused file shows the visit page again with the message (422)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            self.setup_report()
        except reports.ReportLocked as error:
            return self.refuse(error, "lampiran")
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = attachments.add_attachment(self.report, form.cleaned_data["file"],
                                                        request.user)
            except reports.ReportLocked as error:
                return self.refuse(error, "lampiran")
            except attachments.AttachmentRefused as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("Lampiran “%(name)s” diunggah.")
                                 % {"name": attachment.original_name})
                return redirect(self.visit_url("lampiran"))
        return self.render_to_response(self.get_context_data(attachment_form=form), status=422)


class AttachmentMixin(BimtekMixin):
    def get_attachment(self, action):
        """The attachment of this visit's report, through the access layer: another region's
        (or another visit's) attachment id answers 404."""
        self.get_visit()
        return access.scoped_get(
            Attachment.objects.filter(report__visit__masterplan=self.masterplan,
                                      report__visit=self.visit).select_related("report"),
            self.request.user, action, pk=self.kwargs["attachment_pk"])


class AttachmentDownloadView(AttachmentMixin, View):
    def get(self, request, *args, **kwargs):
        attachment = self.get_attachment(access.VIEW)
        return download_response(attachment.file, attachment.original_name,
                                 attachment.content_type, _("Berkas lampiran tidak ditemukan."))


class AttachmentDeleteView(AttachmentMixin, View):
    action = access.REVIEW

    def post(self, request, *args, **kwargs):
        attachment = self.get_attachment(access.REVIEW)
        try:
            attachments.delete_attachment(attachment)
        except reports.ReportLocked as error:
            return self.refuse(error, "lampiran")
        messages.success(request, _("Lampiran “%(name)s” dihapus.") % {"name": attachment.original_name})
        return redirect(self.visit_url("lampiran"))

"""Gap analysis pages (Tabel II.11): the table, a row's add/edit page, delete and move.

Plain posts: success redirects to the table (at the row); refused input answers 422 with the
form or the table and the message."""

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

from .. import gap
from ..models import GapRow


class GapPageMixin(MasterplanMixin):
    def table_url(self, row=None):
        url = reverse("gap_analysis", kwargs={"region_code": self.region.code})
        return f"{url}#baris-{row.pk}" if row is not None else url

    def get_row(self, action):
        return access.scoped_get(GapRow.objects.filter(masterplan=self.masterplan),
                                 self.request.user, action, pk=self.kwargs["row_pk"])

    def table_context(self, error=None):
        rows = list(gap.rows_of(self.masterplan))
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "rows": rows, "coverage": gap.coverage(self.masterplan, rows),
                "guide": guide(self.masterplan.edition.code)["gap_analysis"], "error": error}

    def render_table(self, error, status=422):
        return TemplateResponse(self.request, "swot/gap_analysis.html", self.table_context(error),
                                status=status)


class GapAnalysisView(GapPageMixin, TemplateView):
    template_name = "swot/gap_analysis.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.table_context())
        return context


class GapRowFormView(EditPageMixin, GapPageMixin, TemplateView):
    """Add a row (no row_pk) or edit one; only the team reaches it."""

    action = access.EDIT
    template_name = "swot/gap_row_form.html"

    def get_object(self):
        return self.get_row(access.EDIT) if "row_pk" in self.kwargs else GapRow()

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or gap.GapRowForm(instance=self.get_object(), masterplan=self.masterplan)
        subject = self.request.GET.get("subjek", "")
        if form.instance.pk is None and not form.is_bound and subject:
            form.initial["subject"] = subject
        context.update(form=form, row=form.instance, table_url=self.table_url())
        return context

    def post(self, request, *args, **kwargs):
        form = gap.GapRowForm(request.POST, instance=self.get_object(), masterplan=self.masterplan)
        if form.is_valid():
            try:
                row = gap.save_row(form, request.user)
            except VersionConflict as conflict:
                form = form.rebased(conflict)
            else:
                messages.success(request, _("Baris analisis kesenjangan disimpan."))
                return redirect(self.table_url(row))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class GapRowDeleteView(GapPageMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        row = self.get_row(access.EDIT)
        try:
            gap.delete_row(row, ordering.posted_version(request.POST))
        except ValidationError as error:
            return self.render_table(" ".join(error.messages))
        except ordering.RowChanged as changed:
            return self.render_table(changed.message)
        messages.success(request, _("Baris analisis kesenjangan dihapus."))
        return redirect(self.table_url())


class GapRowMoveView(GapPageMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        row = self.get_row(access.EDIT)
        try:
            gap.move_row(row, request.POST.get("arah", ""))
        except ValidationError as error:
            return self.render_table(" ".join(error.messages))
        return redirect(self.table_url(row))

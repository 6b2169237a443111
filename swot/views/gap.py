"""Gap analysis pages (Tabel II.11): the table, a row's add/edit page, delete and move.

Plain posts: success redirects to the table (at the row); refused input answers 422 with the
form or the table and the message."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from masterplan import access
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin, ObjectDeleteView, ObjectFormView, ObjectMoveView

from .. import gap
from ..models import GapRow


class GapPageMixin(MasterplanMixin):
    def table_url(self, row=None):
        url = reverse("gap_analysis", kwargs={"region_code": self.region.code})
        return f"{url}#baris-{row.pk}" if row is not None else url

    def get_row(self, action):
        return access.scoped_get(GapRow.objects.filter(masterplan=self.masterplan),
                                 self.request.user, action, pk=self.kwargs["row_pk"])

    def get_object(self):
        return self.get_row(access.EDIT)

    def table_context(self, error=None):
        rows = list(gap.rows_of(self.masterplan))
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "rows": rows, "coverage": gap.coverage(self.masterplan, rows),
                "guide": guide(self.masterplan.edition.code)["gap_analysis"], "error": error}

    def render_refused(self, error):
        return TemplateResponse(self.request, "swot/gap_analysis.html", self.table_context(error),
                                status=422)


class GapAnalysisView(GapPageMixin, TemplateView):
    template_name = "swot/gap_analysis.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.table_context())
        return context


class GapRowFormView(EditPageMixin, GapPageMixin, ObjectFormView, TemplateView):
    """Add a row (no row_pk) or edit one; only the team reaches it."""

    action = access.EDIT
    template_name = "swot/gap_row_form.html"
    form_class = gap.GapRowForm
    success_message = gettext_lazy("Baris analisis kesenjangan disimpan.")

    def get_object(self):
        return self.get_row(access.EDIT) if "row_pk" in self.kwargs else GapRow()

    def get_form_kwargs(self):
        return {"masterplan": self.masterplan}

    def save(self, form):
        return gap.save_row(form, self.request.user)

    def get_success_url(self, row):
        return self.table_url(row)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        subject = self.request.GET.get("subjek", "")
        if form.instance.pk is None and not form.is_bound and subject:
            form.initial["subject"] = subject
        context.update(form=form, row=form.instance, table_url=self.table_url())
        return context


class GapRowDeleteView(GapPageMixin, ObjectDeleteView):
    action = access.EDIT
    success_message = gettext_lazy("Baris analisis kesenjangan dihapus.")

    def delete(self, row, seen_version):
        gap.delete_row(row, seen_version)

    def get_success_url(self, row):
        return self.table_url()


class GapRowMoveView(GapPageMixin, ObjectMoveView):
    action = access.EDIT

    def move(self, row, direction):
        return gap.move_row(row, direction)

    def get_success_url(self, row):
        return self.table_url(row)

"""Readiness entry pages: the tables (Tabel II.2–II.10), saved row by row (htmx or plain post)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from masterplan import access
from masterplan.editing import VersionConflict, save_versioned
from masterplan.views.base import MasterplanMixin

from .. import services
from ..forms import EntryForm, ExtraComponentForm
from ..models import ReadinessEntry


class OverviewView(MasterplanMixin, TemplateView):
    """The nine tables with their progress, and the indices so far."""

    template_name = "readiness/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        progress = services.table_progress([self.masterplan])[self.masterplan.pk]
        overall, elements = services.readiness_indices([self.masterplan])[self.masterplan.pk]
        index_by_sub_area = {child.code: child for element in elements
                             for child in element.children}
        context["tables"] = [
            (sub_area, progress.get(sub_area.pk, (0, 0)), index_by_sub_area.get(sub_area.pk))
            for sub_area in services.sub_areas(self.masterplan.edition_id)
        ]
        context["overall"] = overall
        return context


class TableMixin(MasterplanMixin):
    def setup_table(self):
        self.sub_area = services.sub_area_by_slug(self.masterplan.edition_id, self.kwargs["table"])
        if self.sub_area is None:
            raise Http404(_("Tabel tidak ditemukan."))

    def table_url(self, anchor=""):
        url = reverse("readiness_table", kwargs={"region_code": self.region.code,
                                                 "table": self.sub_area.slug})
        return f"{url}#{anchor}" if anchor else url

    def get_entry(self, action):
        self.setup_table()
        return access.scoped_get(
            ReadinessEntry.objects.filter(masterplan=self.masterplan, sub_area=self.sub_area)
            .select_related("component"),
            self.request.user, action, pk=self.kwargs["entry_pk"])


    def table_status(self):
        """Judged/total of this table, its index and the overall readiness index."""
        overall, elements = services.readiness_indices([self.masterplan])[self.masterplan.pk]
        table = next(child for element in elements for child in element.children
                     if child.code == self.sub_area.pk)
        return {"judged": table.judged, "total": table.judged + table.unjudged,
                "index": table.index, "overall": overall}

    def table_context(self, bound_form=None):
        """The table page's rows (one form each; `bound_form` replaces its row's form)."""
        rows = [
            bound_form if bound_form is not None and bound_form.instance.pk == entry.pk
            else EntryForm(instance=entry)
            for entry in services.table_entries(self.masterplan, self.sub_area)
        ]
        tables = list(services.sub_areas(self.masterplan.edition_id))
        position = [t.pk for t in tables].index(self.sub_area.pk)
        return {
            "region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
            "sub_area": self.sub_area, "rows": rows, "status": self.table_status(),
            "extra_form": ExtraComponentForm(),
            "previous_table": tables[position - 1] if position > 0 else None,
            "next_table": tables[position + 1] if position + 1 < len(tables) else None,
        }


class TableView(TableMixin, TemplateView):
    template_name = "readiness/table.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.setup_table()
        context.update(self.table_context())
        return context


class EntrySaveView(TableMixin, View):
    """Save one row. htmx gets the row back (saved, invalid or in conflict); a plain post is
    redirected to the table, or sees the table again with the row's errors."""

    action = access.EDIT

    def post(self, request, *args, **kwargs):
        entry = self.get_entry(access.EDIT)
        form = EntryForm(request.POST, instance=entry)
        saved = False
        if form.is_valid():
            try:
                save_versioned(form, request.user)
                saved = True
            except VersionConflict as conflict:
                form = form.rebased(conflict)
        if request.headers.get("HX-Request") == "true":
            if saved:
                form = EntryForm(instance=form.instance)
            return render(request, "readiness/_entry_row.html", {
                "form": form, "saved": saved, "can_edit": True, "region": self.region,
                "sub_area": self.sub_area, "oob": True, "status": self.table_status(),
            }, status=200 if saved else 422)
        if saved:
            messages.success(request, _("Isian “%(label)s” disimpan.") % {"label": entry.label})
            return redirect(self.table_url(f"isian-{entry.pk}"))
        return render(request, TableView.template_name, self.table_context(bound_form=form),
                      status=422)


class ExtraAddView(TableMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        self.setup_table()
        form = ExtraComponentForm(request.POST)
        if form.is_valid():
            try:
                entry = services.add_extra_component(
                    masterplan=self.masterplan, sub_area=self.sub_area,
                    text=form.cleaned_data["text"], user=request.user)
            except ValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(request, _("Komponen tambahan ditambahkan."))
                return redirect(self.table_url(f"isian-{entry.pk}"))
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(self.table_url("tambah"))


class ExtraDeleteView(TableMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        entry = self.get_entry(access.EDIT)
        try:
            services.delete_extra_component(entry)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Komponen “%(label)s” dihapus.") % {"label": entry.label})
        return redirect(self.table_url())

"""Readiness entry pages: the tables (Tabel II.2–II.10), saved row by row or all changed rows at
once ("Simpan semua"), by htmx or a plain post."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from masterplan import access
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import ObjectDeleteView, ObjectFormView

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

    def table_context(self, bound_form=None, rows=None):
        """The table page's rows (one form each; `bound_form` replaces its row's form, `rows`
        are all of them)."""
        if rows is None:
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


class EntrySaveView(TableMixin, ObjectFormView):
    """Save one row. htmx gets the row back (saved, invalid or in conflict); a plain post is
    redirected to the table, or sees the table again with the row's errors."""

    action = access.EDIT
    form_class = EntryForm
    success_message = gettext_lazy("Isian “%(label)s” disimpan.")

    def get_object(self):
        return self.get_entry(access.EDIT)

    def get_success_url(self, entry):
        return self.table_url(f"isian-{entry.pk}")

    def is_htmx(self):
        return self.request.headers.get("HX-Request") == "true"

    def render_row(self, form, saved):
        return render(self.request, "readiness/_entry_row.html", {
            "form": form, "saved": saved, "can_edit": True, "region": self.region,
            "sub_area": self.sub_area, "oob": True, "status": self.table_status(),
        }, status=200 if saved else 422)

    def succeeded(self, entry):
        if self.is_htmx():
            return self.render_row(EntryForm(instance=entry), saved=True)
        return super().succeeded(entry)

    def form_refused(self, form):
        if self.is_htmx():
            return self.render_row(form, saved=False)
        return render(self.request, TableView.template_name, self.table_context(bound_form=form),
                      status=422)


class TableSaveView(TableMixin, View):
    """"Simpan semua": every changed row of the table in one post, all or nothing
    (services.save_table). htmx gets the rows back (saved, or the refused rows with their
    messages, 422); a plain post is redirected to the table, or sees it again (422)."""

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        self.setup_table()
        result = services.save_table(self.masterplan, self.sub_area, request.POST, request.user)
        message = self.outcome_message(result)
        status = 422 if result.refused else 200
        if request.headers.get("HX-Request") == "true":
            return render(request, "readiness/_table_rows.html", {
                "region": self.region, "masterplan": self.masterplan, "can_edit": True,
                "sub_area": self.sub_area, "rows": result.forms, "saved_ids": result.saved,
                "table_message": message, "refused": result.refused, "oob": True,
                "status": self.table_status(),
            }, status=status)
        if not result.refused:
            (messages.success if result.saved else messages.info)(request, message)
            return redirect(self.table_url())
        context = self.table_context(rows=result.forms)
        context.update(table_message=message, refused=True)
        return render(request, TableView.template_name, context, status=status)

    @staticmethod
    def outcome_message(result):
        if result.invalid:
            return _("%(n)s baris belum benar; tidak ada yang disimpan. Perbaiki baris yang "
                     "ditandai, lalu simpan lagi.") % {"n": result.invalid}
        if result.conflicts:
            return _("%(n)s baris sudah diubah orang lain sejak halaman ini dibuka; tidak ada yang "
                     "disimpan. Periksa baris yang ditandai, lalu simpan lagi.") % {
                         "n": result.conflicts}
        if result.saved:
            return _("%(n)s baris disimpan.") % {"n": len(result.saved)}
        return _("Tidak ada perubahan untuk disimpan.")


class ExtraAddView(TableMixin, ObjectFormView):
    """Add a component of the region's own; a refusal is a message on the table."""

    action = access.EDIT
    success_message = gettext_lazy("Komponen tambahan ditambahkan.")

    def get_form(self, data=None):
        self.setup_table()
        return ExtraComponentForm(data)

    def save(self, form):
        return services.add_extra_component(
            masterplan=self.masterplan, sub_area=self.sub_area,
            text=form.cleaned_data["text"], user=self.request.user)

    def save_refused(self, form, error):
        form.add_error("text", error)
        return self.form_refused(form)

    def form_refused(self, form):
        messages.error(self.request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(self.table_url("tambah"))

    def get_success_url(self, entry):
        return self.table_url(f"isian-{entry.pk}")


class ExtraDeleteView(TableMixin, ObjectDeleteView):
    """Delete a component of the region's own (not versioned); a refusal is a message."""

    action = access.EDIT
    success_message = gettext_lazy("Komponen “%(label)s” dihapus.")

    def get_object(self):
        return self.get_entry(access.EDIT)

    def seen_version(self):
        return None

    def delete(self, entry, seen_version):
        services.delete_extra_component(entry)

    def delete_refused(self, entry, message):
        messages.error(self.request, message)
        return redirect(self.table_url())

    def get_success_url(self, entry):
        return self.table_url()

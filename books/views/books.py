"""Rendering the books: the render page with its checklist, narrative sections and the cover.
A job's progress and download are the core's (masterplan/views/render_jobs.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from masterplan import access
from masterplan.editing import VersionConflict, save_versioned
from masterplan.models import MasterplanStatus
from masterplan.views.base import MasterplanMixin

from ..checklist import checklist
from ..cover import save_cover
from ..documents import BOOK, request_render
from ..forms import CoverForm, NarrativeForm
from ..models import Book
from ..narrative import narratives


class BooksView(MasterplanMixin, TemplateView):
    template_name = "books/pages/render.html"
    content_write = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        missing = checklist(self.masterplan)
        jobs = list(self.masterplan.render_jobs.filter(kind=BOOK)
                    .select_related("requested_by")[:30])
        latest = {}
        for job in jobs:
            latest.setdefault(job.part, job)
        context.update(
            books=[(value, label, missing[value], latest.get(value)) for value, label in Book.choices],
            jobs=jobs,
            final_status=self.masterplan.status in (MasterplanStatus.FINAL,
                                                    MasterplanStatus.DITETAPKAN),
            may_render=self.request.user.has_perm("masterplan.render_document", self.region),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("masterplan.render_document", self.region):
            raise PermissionDenied(_("Hanya tim daerah, tim pembimbing, atau admin yang dapat "
                                     "membuat buku."))
        choice = request.POST.get("book", "")
        books = list(Book.values) if choice == "all" else [choice]
        if not set(books) <= set(Book.values):
            messages.error(request, _("Pilih buku yang akan dibuat."))
            return redirect("books", region_code=self.region.code)
        final = self.masterplan.status in (MasterplanStatus.FINAL, MasterplanStatus.DITETAPKAN)
        if final:
            missing = checklist(self.masterplan)
            blocked = [book for book in books if missing[book]]
            if blocked:
                messages.error(request, _("Buku final hanya dapat dibuat bila daftar periksa "
                                          "sudah kosong. Lengkapi dulu: %(books)s.")
                               % {"books": ", ".join(str(Book(b).label) for b in blocked)})
                return redirect("books", region_code=self.region.code)
        for book in books:
            request_render(self.masterplan, book, request.user, final=final)
        messages.success(request, _("Pembuatan buku dimulai."))
        return redirect("books", region_code=self.region.code)


class NarrativeListView(MasterplanMixin, TemplateView):
    template_name = "books/pages/narratives.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        texts = {s.key: s for s in self.masterplan.narratives.all()}
        context["items"] = [(item, texts.get(item.key))
                            for item in narratives(self.masterplan.edition.code)]
        return context


class NarrativeEditView(MasterplanMixin, TemplateView):
    template_name = "books/pages/narrative_form.html"

    def get_section(self):
        known = {item.key: item for item in narratives(self.masterplan.edition.code)}
        if self.kwargs["key"] not in known:
            raise Http404(_("Bagian narasi tidak dikenal."))
        section = access.scoped_get(self.masterplan.narratives.all(), self.request.user,
                                    access.VIEW, key=self.kwargs["key"])
        return known[self.kwargs["key"]], section

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        item, section = self.get_section()
        context.update(item=item, section=section, form=form or NarrativeForm(instance=section))
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        _item, section = self.get_section()
        form = NarrativeForm(request.POST, instance=section)
        if form.is_valid():
            try:
                save_versioned(form, request.user)
            except VersionConflict as conflict:
                form = form.rebased(conflict)
            else:
                messages.success(request, _("Narasi disimpan."))
                return redirect("narratives", region_code=self.region.code)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class CoverView(MasterplanMixin, TemplateView):
    template_name = "books/pages/cover.html"

    def cover(self):
        return self.masterplan.cover

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        cover = self.cover()
        context.update(cover=cover, form=form or CoverForm(instance=cover))
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        form = CoverForm(request.POST, request.FILES, instance=self.cover())
        if form.is_valid():
            try:
                save_cover(form, request.user)
            except VersionConflict as conflict:
                form = form.rebased(conflict)
            except ValidationError as error:
                form.add_error("logo", error)
            else:
                messages.success(request, _("Sampul disimpan."))
                return redirect(reverse("book_cover", kwargs={"region_code": self.region.code}))
        return self.render_to_response(self.get_context_data(form=form), status=422)

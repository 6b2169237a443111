"""Program pages of a region's current masterplan: the list grouped by dimension with filters,
a program's detail (read-only for non-editors), its add/edit page (program, partners, KPI grid,
financing grid in one form), delete, and the quick-win questions. Plain posts: success
redirects; refused input answers 422 with the page and the messages."""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from masterplan import access
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import (
    EditorFormView,
    EditPageMixin,
    ObjectDeleteView,
    ObjectFormView,
)

from .. import program_editor, program_forms, program_rules, programs, risks
from ..models import Category, FundingSource, Horizon, Program, QuickWin
from ..opds import opds_of

YES, NO = "ya", "tidak"
COMPLETE, INCOMPLETE = "lengkap", "belum"


class ProgramFilterForm(forms.Form):
    dimensi = forms.ChoiceField(label=gettext_lazy("Dimensi"), required=False)
    kategori = forms.ChoiceField(label=gettext_lazy("Kategori"), required=False)
    jangka = forms.ChoiceField(label=gettext_lazy("Jangka"), required=False)
    opd = forms.ChoiceField(label=gettext_lazy("OPD"), required=False)
    quick_win = forms.ChoiceField(label=gettext_lazy("Quick win"), required=False)
    egov = forms.ChoiceField(label=gettext_lazy("Integrasi Smart e-Gov"), required=False)
    kelengkapan = forms.ChoiceField(label=gettext_lazy("Kelengkapan"), required=False)

    def __init__(self, data, *, dimensions, opds):
        super().__init__(data)
        every = ("", _("Semua"))
        self.fields["dimensi"].choices = [every, *((d.code, d.title) for d in dimensions)]
        self.fields["kategori"].choices = [every, *Category.choices]
        self.fields["jangka"].choices = [every, *Horizon.choices]
        self.fields["opd"].choices = [every, *((str(opd.pk), str(opd)) for opd in opds)]
        self.fields["quick_win"].choices = [every, (YES, _("Quick win")), (NO, _("Bukan quick win"))]
        self.fields["egov"].choices = [every, (YES, _("Integrasi Smart e-Gov")),
                                       (NO, _("Bukan integrasi e-Gov"))]
        self.fields["kelengkapan"].choices = [every, (COMPLETE, _("Lengkap")),
                                              (INCOMPLETE, _("Belum lengkap"))]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def value(self, name):
        """The cleaned value of a filter; an invalid value counts as no filter."""
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name) or ""

    def apply(self, queryset):
        filters = {"dimensi": lambda v: Q(element__dimension__code=v),
                   "kategori": lambda v: Q(category=v),
                   "jangka": lambda v: Q(horizon=v),
                   "opd": lambda v: Q(lead_opd=v) | Q(pk__in=Program.supporting_opds.through.objects
                                                       .filter(opd=v).values("program_id")),
                   "quick_win": lambda v: Q(is_quick_win=(v == YES)),
                   "egov": lambda v: Q(is_egov_integration=(v == YES)),
                   "kelengkapan": lambda v: programs.complete_q() if v == COMPLETE
                   else ~programs.complete_q()}
        for name, make in filters.items():
            value = self.value(name)
            if value:
                queryset = queryset.filter(make(value))
        return queryset

    @property
    def active(self):
        return any(self.value(name) for name in self.fields)


class ProgramMixin(MasterplanMixin):
    def list_url(self, program=None):
        """The program list, or the page of it that shows `program`, at its row."""
        url = reverse("program_list", kwargs={"region_code": self.region.code})
        if program is None:
            return url
        number = programs.list_page_number(program)
        return f"{url}{f'?halaman={number}' if number > 1 else ''}#program-{program.pk}"

    def detail_url(self, program):
        return reverse("program_detail", kwargs={"region_code": self.region.code,
                                                 "program_pk": program.pk})

    def get_program(self, action):
        program = access.scoped_get(
            Program.objects.filter(masterplan=self.masterplan)
            .select_related("element__dimension", "readiness_element", "lead_opd", "updated_by"),
            self.request.user, action, pk=self.kwargs["program_pk"])
        program.masterplan = self.masterplan
        return program

    def program_context(self, program):
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "program": program, "list_url": self.list_url(program),
                "detail_url": self.detail_url(program)}


class ProgramListView(ProgramMixin, TemplateView):
    """The filtered programs a page at a time (`halaman`), grouped by dimension on the page; the
    counts per dimension are of every program the filters keep."""

    template_name = "roadmap/program_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dimensions = programs.dimensions_of(self.masterplan)
        opds = list(opds_of(self.region))
        filters = ProgramFilterForm(self.request.GET or None, dimensions=dimensions, opds=opds)
        matching = filters.apply(programs.programs_of(self.masterplan))
        page = Paginator(matching, programs.PAGE_SIZE).get_page(self.request.GET.get("halaman"))
        counts = programs.dimension_counts(matching)
        by_dimension = defaultdict(list)
        for program in page:
            program.state = programs.completeness(program)
            program.visible_quick_win = programs.visible_quick_win(program)
            by_dimension[program.element.dimension_id].append(program)
        chosen = filters.value("dimensi")
        groups = [(dimension, by_dimension[dimension.pk], counts.get(dimension.pk, 0))
                  for dimension in dimensions if by_dimension[dimension.pk]]
        query = self.request.GET.copy()
        query.pop("halaman", None)
        other_filters = query.copy()
        other_filters.pop("dimensi", None)
        overview = [(dimension, counts.get(dimension.pk, 0),
                     f"?{other_filters.urlencode()}&dimensi={dimension.code}".replace("?&", "?"))
                    for dimension in dimensions if not chosen or dimension.code == chosen]
        overall = programs.summary([self.masterplan])[self.masterplan.pk]
        context.update(
            groups=groups, overview=overview, page=page, query=query.urlencode(),
            filters=filters, shown=page.paginator.count, opd_count=len(opds),
            complete=overall[0], total=overall[1], quick_wins=overall[3],
            has_egov=Program.objects.filter(masterplan=self.masterplan,
                                            is_egov_integration=True).exists(),
            budget=programs.budget(self.masterplan),
            egov_text=guide(self.masterplan.edition.code)["roadmap"]["smart_egov_integration"]
            ["priority_text"])
        return context


class ProgramDetailView(ProgramMixin, TemplateView):
    template_name = "roadmap/program_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.get_program(access.VIEW)
        annotated = programs.with_completeness(Program.objects.filter(pk=program.pk)).get()
        years = list(range(program.start_year, program.end_year + 1))
        kpis = list(program.kpis.order_by("position", "pk").prefetch_related("targets"))
        for kpi in kpis:
            values = {target.year: target.value for target in kpi.targets.all()}
            kpi.grid = [(year, values.get(year)) for year in years]
        financing = defaultdict(dict)
        for row in program.financing.all():
            financing[row.year][row.source] = row.amount
        financing_years = sorted(set(years) | set(financing))
        sources = [(source, label) for source, label in FundingSource.choices
                   if any(source in financing[year] for year in financing_years)]
        financing_rows = [(year, [financing[year].get(source) for source, _label in sources],
                           sum(financing[year].values())) for year in financing_years]
        context.update(self.program_context(program))
        context.update(
            state=programs.completeness(annotated), years=years, kpis=kpis,
            timeline=program_rules.timeline_text(program),
            financing_sources=sources, financing_rows=financing_rows,
            financing_total=sum(sum(cells.values()) for cells in financing.values()),
            partners=program.partners.order_by("kind", "name"),
            supporting=program.supporting_opds.order_by("position", "name"),
            sasaran=program.sasaran.select_related("dimension").order_by("dimension__number",
                                                                         "position"),
            strategies=program.strategies.select_related("worksheet__dimension",
                                                         "worksheet__readiness_element"),
            gap_rows=program.gap_rows.order_by("position", "pk"),
            quick_win=programs.visible_quick_win(program),
            risks=risks.program_rows(program),
            warnings=program_rules.horizon_warnings(program, self.masterplan))
        return context


class ProgramFormView(EditPageMixin, ProgramMixin, EditorFormView, TemplateView):
    """Add (no program_pk) or edit a program with its partners, KPIs and financing; team only."""

    action = access.EDIT
    template_name = "roadmap/program_form.html"
    success_message = gettext_lazy("Program “%(name)s” disimpan.")

    def get_form(self, data=None):
        """The program's form with its grids (program_editor.ProgramEditor)."""
        instance = self.get_program(access.EDIT) if "program_pk" in self.kwargs else None
        return program_editor.ProgramEditor(self.masterplan, data, instance=instance)

    def succeeded(self, program):
        response = super().succeeded(program)
        for warning in program_rules.horizon_warnings(program, self.masterplan):
            messages.warning(self.request, warning)
        return response

    def get_success_url(self, program):
        return self.detail_url(program)

    def get_context_data(self, editor=None, **kwargs):
        context = super().get_context_data(**kwargs)
        editor = editor or self.get_form()
        program = editor.program
        try:
            start, end = (int(editor.form[name].value()) for name in ("start_year", "end_year"))
            active_years = list(range(start, end + 1))
        except (TypeError, ValueError):
            active_years = editor.years
        context.update(
            editor=editor, form=editor.form, program=program, years=editor.years,
            active_years=active_years,
            sources=FundingSource.choices, opd_count=opds_of(self.region).count(),
            cancel_url=self.detail_url(program) if program.pk else self.list_url())
        return context


class ProgramDeleteView(EditPageMixin, ProgramMixin, ObjectDeleteView, TemplateView):
    """Confirm (GET) and delete (POST, with the version the page showed) a program."""

    action = access.EDIT
    template_name = "roadmap/program_delete.html"
    success_message = gettext_lazy("Program “%(name)s” dihapus.")

    def get_object(self):
        return self.get_program(access.EDIT)

    def delete(self, program, seen_version):
        program_editor.delete_program(program, seen_version)

    def get_success_url(self, program):
        return self.list_url()

    def render_refused(self, error):
        return self.render_to_response(self.get_context_data(error=error), status=422)

    def get_context_data(self, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.get_program(access.EDIT)
        context.update(self.program_context(program))
        context.update(error=error, kpi_count=program.kpis.count(),
                       financing_count=program.financing.count(),
                       partner_count=program.partners.count(),
                       monitoring_count=program.monitoring_records.count(),
                       risk_count=program.risks.count(),
                       application_count=program.integrated_applications.count())
        return context


class QuickWinView(ProgramMixin, ObjectFormView, TemplateView):
    """The guide's quick-win questions, impact analysis and status of a flagged program: a form
    for the team, read-only for everyone else. An unflagged program has none to show (404)."""

    template_name = "roadmap/program_quick_win.html"
    form_class = program_forms.QuickWinForm
    success_message = gettext_lazy("Jawaban quick win disimpan.")

    def get_program(self, action):
        program = super().get_program(action)
        if not program.is_quick_win:
            raise Http404(_("Program ini tidak ditandai quick win."))
        return program

    def check_permission(self):
        """Fetching the program for EDIT checks it (an unknown program answers 404 first)."""

    def get_object(self):
        self.program = self.get_program(access.EDIT)
        return program_editor.quick_win_of(self.program)

    def save(self, form):
        return program_editor.save_quick_win(form, self.request.user)

    def get_success_url(self, quick_win):
        return self.detail_url(self.program)

    def form_refused(self, form):
        return self.render_to_response(self.get_context_data(form=form, program=self.program),
                                       status=422)

    def get_context_data(self, form=None, program=None, **kwargs):
        context = super().get_context_data(**kwargs)
        program = program or self.get_program(access.VIEW)
        quick_win = form.instance if form is not None else (
            programs.visible_quick_win(program) or QuickWin(program=program))
        if form is None and self.can_edit:
            form = program_forms.QuickWinForm(instance=quick_win)
        context.update(self.program_context(program))
        guide_quick_wins = guide(self.masterplan.edition.code)["roadmap"]["quick_wins"]
        context.update(form=form, quick_win=quick_win, guide_text=guide_quick_wins["text"],
                       answers=[(QuickWin._meta.get_field(name).verbose_name,
                                 getattr(quick_win, name)) for name in program_rules.QUICK_WIN_FIELDS])
        return context

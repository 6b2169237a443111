"""Monitoring and evaluation pages of a region's current masterplan: the region-wide Lampiran III
worksheet for a chosen quarter (with the KPI achievement per dimension), a program's records,
and adding, changing and deleting a record with its KPI actuals. Read by everyone who may see
the region; written by the region's team while the masterplan's content may change
(MasterplanMixin). Plain posts: success redirects; refused input answers 422 with the page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from masterplan import access, clock
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin, ObjectDeleteView, ObjectFormView
from readiness import services as readiness_services

from .. import monitoring
from ..charts import ROMAN
from ..models import MonitoringRecord, Program
from ..programs import PAGE_SIZE


class MonitoringMixin(MasterplanMixin):
    def worksheet_url(self, year=None, quarter=None):
        url = reverse("monitoring_worksheet", kwargs={"region_code": self.region.code})
        return f"{url}?tahun={year}&triwulan={quarter}" if year else url

    def program_url(self, program, anchor=""):
        url = reverse("monitoring_program", kwargs={"region_code": self.region.code,
                                                    "program_pk": program.pk})
        return f"{url}#{anchor}" if anchor else url

    def get_program(self, action):
        program = access.scoped_get(
            Program.objects.filter(masterplan=self.masterplan)
            .select_related("element__dimension", "lead_opd"),
            self.request.user, action, pk=self.kwargs["program_pk"])
        program.masterplan = self.masterplan
        return program

    def get_record(self, program, action):
        record = access.scoped_get(MonitoringRecord.objects.filter(program=program),
                                   self.request.user, action, pk=self.kwargs["record_pk"])
        record.program = program
        return record


def chosen_period(request, masterplan):
    """(year, quarter) from ?tahun=&triwulan=, or the default when missing or invalid."""
    try:
        period = (int(request.GET["tahun"]), int(request.GET["triwulan"]))
    except (KeyError, ValueError):
        return monitoring.default_period(masterplan), False
    if period not in monitoring.period_choices(masterplan):
        return monitoring.default_period(masterplan), True
    return period, False


class WorksheetView(MonitoringMixin, TemplateView):
    """Lampiran III: the evaluation worksheet of every program running in the chosen quarter,
    PAGE_SIZE programs a page (`halaman`); the counts and achievements are of them all."""

    template_name = "roadmap/monitoring_worksheet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        masterplan = self.masterplan
        (year, quarter), invalid = chosen_period(self.request, masterplan)
        rows = monitoring.worksheet(masterplan, year, quarter)
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("halaman"))
        page.object_list = monitoring.with_kpis(page.object_list, year)
        query = self.request.GET.copy()
        query.pop("halaman", None)
        if not invalid:
            query["tahun"], query["triwulan"] = year, quarter
        achievement = monitoring.kpi_achievement([masterplan], until=(year, quarter))[masterplan.pk]
        own = readiness_services.performance_indices([masterplan], with_evidence=False)
        combined = readiness_services.performance_indices([masterplan])
        own_overall, own_groups = own[masterplan.pk]
        combined_overall, combined_groups = combined[masterplan.pk]
        latest = monitoring.kpi_achievement([masterplan])[masterplan.pk]
        dimensions = [
            (group.title, group.index, achievement.dimensions.get(group.code),
             latest.dimensions.get(group.code), combined_group.index)
            for group, combined_group in zip(own_groups, combined_groups, strict=True)]
        years = list(masterplan.years)
        context.update(
            year=year, quarter=quarter, quarter_roman=ROMAN[quarter],
            period_label=monitoring.period_label(year, quarter), invalid_period=invalid,
            years=years, quarters=list(ROMAN.items()),
            rows=rows, page=page, query=query.urlencode(),
            recorded=sum(1 for row in rows if row.record),
            due=sum(1 for row in rows if row.due),
            achievement=achievement,
            latest_achievement=latest,
            dimensions=dimensions,
            self_assessment=own_overall,
            performance=combined_overall,
            previous=self._step(year, quarter, -1),
            next=self._step(year, quarter, 1),
        )
        return context

    def _step(self, year, quarter, direction):
        index = (year * 4 + quarter - 1) + direction
        period = (index // 4, index % 4 + 1)
        if period not in monitoring.period_choices(self.masterplan):
            return None
        return {"label": monitoring.period_label(*period),
                "url": self.worksheet_url(*period)}


class ProgramMonitoringView(MonitoringMixin, TemplateView):
    """A program's monitoring schedule, its records with KPI actuals, and its KPI achievement."""

    template_name = "roadmap/monitoring_program.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.get_program(access.VIEW)
        records = monitoring.program_records(program)
        kpis = monitoring.program_kpis(program)
        achievement = monitoring.kpi_achievement([self.masterplan])[self.masterplan.pk]
        names = {kpi.pk: kpi for kpi in kpis}
        for record in records:
            record.actual_rows = [(names[actual.kpi_id], actual.value)
                                  for actual in sorted(record.actuals.all(),
                                                       key=lambda a: (names[a.kpi_id].position,
                                                                      a.kpi_id))
                                  if actual.kpi_id in names]
            record.label = monitoring.period_label(record.year, record.quarter)
            record.due = monitoring.is_due(program, record.year, record.quarter)
        for kpi in kpis:
            kpi.score = achievement.kpis.get(kpi.pk)
            kpi.target_list = sorted(kpi.targets.all(), key=lambda target: target.year)
        context.update(
            program=program, records=records, kpis=kpis,
            schedule=monitoring.schedule(program, records, clock.today(self.region)),
            program_achievement=achievement.programs.get(program.pk),
            run=monitoring.program_period_text(program),
            frequency=program.get_monitoring_frequency_display(),
        )
        return context


class RecordFormView(EditPageMixin, MonitoringMixin, ObjectFormView, TemplateView):
    """Add (no record_pk) or change a record with its KPI actuals; the region's team only."""

    action = access.EDIT
    template_name = "roadmap/monitoring_record_form.html"
    form_class = monitoring.RecordForm

    def get_object(self):
        self.program = self.get_program(access.EDIT)
        if "record_pk" in self.kwargs:
            return self.get_record(self.program, access.EDIT)
        return MonitoringRecord(program=self.program)

    def get_form(self, data=None):
        instance = self.get_object()
        if instance.pk is None and data is None:
            instance.year, instance.quarter = monitoring.next_period(
                self.program, monitoring.program_records(self.program), clock.today(self.region))
        return monitoring.RecordForm(data, instance=instance, program=self.program)

    def save(self, form):
        return monitoring.save_record(form, self.request.user)

    def get_success_message(self, record):
        return _("Catatan monev %(period)s disimpan.") % {
            "period": monitoring.period_label(record.year, record.quarter)}

    def get_success_url(self, record):
        return self.program_url(self.program, f"catatan-{record.pk}")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(form=form, program=self.program, record=form.instance,
                       run=monitoring.program_period_text(self.program),
                       frequency=self.program.get_monitoring_frequency_display(),
                       cancel_url=self.program_url(self.program, "catatan"))
        return context


class RecordDeleteView(MonitoringMixin, ObjectDeleteView):
    """A refused delete is shown as a message on the program's page, at the record."""

    action = access.EDIT

    def get_object(self):
        self.program = self.get_program(access.EDIT)
        return self.get_record(self.program, access.EDIT)

    def delete(self, record, seen_version):
        monitoring.delete_record(record, seen_version)

    def delete_refused(self, record, message):
        messages.error(self.request, message)
        return redirect(self.program_url(self.program, f"catatan-{record.pk}"))

    def get_success_message(self, record):
        return _("Catatan monev %(period)s dihapus.") % {
            "period": monitoring.period_label(record.year, record.quarter)}

    def get_success_url(self, record):
        return self.program_url(self.program, "catatan")

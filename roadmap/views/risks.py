"""The risk register pages of a region's current masterplan: the register (every program's risks
grouped by program, with the heat map) and adding, changing and deleting a risk of a program.
Read by everyone who may see the region; written by the region's team while the masterplan's
content may change (MasterplanMixin). Plain posts: success redirects to the register at the
risk; refused input answers 422 with the page and nothing saved. Programs and risks are fetched
through access.scoped_get on this masterplan's rows: another region's answer 404."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from masterplan import access
from masterplan.comment_anchors import short
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin, ObjectDeleteView, ObjectFormView

from .. import risks
from ..charts import risk_heat_map_svg
from ..models import Program, ProgramRisk


class RiskPageMixin(MasterplanMixin):
    def register_url(self, program=None, risk=None):
        url = reverse("risk_register", kwargs={"region_code": self.region.code})
        if risk is not None:
            return f"{url}#risiko-{risk.pk}"
        return f"{url}#program-{program.pk}" if program is not None else url

    def get_program(self, action):
        program = access.scoped_get(Program.objects.filter(masterplan=self.masterplan),
                                    self.request.user, action, pk=self.kwargs["program_pk"])
        program.masterplan = self.masterplan
        return program

    def get_risk(self, action):
        risk = access.scoped_get(
            ProgramRisk.objects.filter(program__masterplan=self.masterplan)
            .select_related("program", "updated_by"),
            self.request.user, action, pk=self.kwargs["risk_pk"])
        risk.program.masterplan = self.masterplan
        return risk

    def register_context(self, error=None):
        rows = risks.register_rows(self.masterplan)
        counts = risks.heat_map_counts(self.masterplan)
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "groups": risks.by_program(rows), "risk_count": len(rows),
                "without_risks": risks.programs_without_risks(self.masterplan),
                "heat_map": risk_heat_map_svg(counts, described_by="peta-risiko-keterangan"),
                "levels": risks.level_counts(counts), "mapped": sum(counts.values()),
                "error": error}

    def render_refused(self, error):
        return TemplateResponse(self.request, "roadmap/risk_register.html",
                                self.register_context(error), status=422)


class RegisterView(RiskPageMixin, TemplateView):
    template_name = "roadmap/risk_register.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.register_context())
        return context


class RiskFormView(EditPageMixin, RiskPageMixin, ObjectFormView, TemplateView):
    """Add a risk to a program (program_pk) or change one (risk_pk); the region's team only."""

    action = access.EDIT
    template_name = "roadmap/risk_form.html"
    form_class = risks.RiskForm

    def get_object(self):
        if "risk_pk" in self.kwargs:
            risk = self.get_risk(access.EDIT)
            self.program = risk.program
            return risk
        self.program = self.get_program(access.EDIT)
        return ProgramRisk(program=self.program)

    def get_form_kwargs(self):
        return {"program": self.program}

    def save(self, form):
        return risks.save_risk(form, self.request.user)

    def get_success_message(self, risk):
        return _("Risiko “%(risk)s” disimpan.") % {"risk": short(risk.risk, 60)}

    def get_success_url(self, risk):
        return self.register_url(risk=risk)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(form=form, risk=form.instance, program=self.program,
                       cancel_url=self.register_url(program=self.program),
                       program_url=reverse("program_detail", kwargs={
                           "region_code": self.region.code, "program_pk": self.program.pk}))
        return context


class RiskDeleteView(RiskPageMixin, ObjectDeleteView):
    """A refused delete shows the register again with the message."""

    action = access.EDIT

    def get_object(self):
        return self.get_risk(access.EDIT)

    def delete(self, risk, seen_version):
        risks.delete_risk(risk, seen_version)

    def get_success_message(self, risk):
        return _("Risiko “%(risk)s” dihapus.") % {"risk": short(risk.risk, 60)}

    def get_success_url(self, risk):
        return self.register_url(program=risk.program)

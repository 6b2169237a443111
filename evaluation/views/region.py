"""A region's evaluation pages: its cycles with their indices, one cycle's scores, and the
forms of a component's self-assessment (the team) and assessor's scores (pembimbing, admins)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from masterplan import access
from masterplan.views.base import RegionMixin

from .. import history, overview, ranking, services
from ..forms import ScoreRowsForm
from .base import ComponentMixin, EvaluationMixin


class RegionEvaluationsView(RegionMixin, TemplateView):
    """The region's evaluations, newest first, with their indices."""

    template_name = "evaluation/region.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = overview.region_rows(self.region)
        context["history"] = history.region_history(context["rows"])
        return context


class EvaluationDetailView(EvaluationMixin, TemplateView):
    template_name = "evaluation/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            table=overview.score_table(self.evaluation),
            may_self_assess=user.has_perm("evaluation.self_assess", self.evaluation),
            may_assess=user.has_perm("evaluation.assess", self.evaluation),
            rank=ranking.region_rank(self.evaluation),
        )
        return context


class ScoreFormView(ComponentMixin, TemplateView):
    """One component's scores in the six dimensions, for the team or for the assessor."""

    template_name = "evaluation/score_form.html"
    assessor = False

    def get_form(self, data=None):
        scores = [score for score in services.scores_of(self.evaluation)
                  if score.component == self.component]
        return ScoreRowsForm(data, scores=scores, scale_max=self.cycle.scale_max,
                             assessor=self.assessor)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or self.get_form(), component=self.component,
                       assessor=self.assessor)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        save = services.save_assessor_scores if self.assessor else services.save_self_assessment
        save(self.evaluation, self.component, form.rows(), request.user)
        messages.success(request, self.saved_message % {"component": self.component.label})
        url = reverse("evaluation_detail", kwargs={"region_code": self.region.code,
                                                    "year": self.cycle.year})
        return redirect(f"{url}#komponen-{self.component.value}")


class SelfAssessmentView(ScoreFormView):
    permission = "evaluation.self_assess"
    denied_message = _("Hanya tim pelaksana wilayah ini yang mengisi penilaian mandiri.")
    saved_message = _("Penilaian mandiri komponen %(component)s disimpan.")


class AssessView(ScoreFormView):
    permission = "evaluation.assess"
    denied_message = access.DENIED_MESSAGES[access.REVIEW]
    saved_message = _("Nilai penilai komponen %(component)s disimpan.")
    assessor = True

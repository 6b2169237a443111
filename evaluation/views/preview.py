"""The score preview page: the five components estimated from the masterplan's own data,
labelled an estimate (evaluation/preview/)."""

from django.views.generic import TemplateView

from .. import preview
from .base import EvaluationMixin


class PreviewView(EvaluationMixin, TemplateView):
    """Every role of the region reads it, admins too (evaluation.view)."""

    template_name = "evaluation/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = preview.estimate(self.evaluation)
        return context

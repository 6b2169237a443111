"""The mixin of a region's evaluation pages: the region through the access layer, then the
region's evaluation of the cycle of `year` (404 if the region does not take part), then the
page's permission on it (403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from masterplan import access
from masterplan.views.base import RegionMixin

from ..models import Component, RegionEvaluation


class EvaluationMixin(RegionMixin):
    permission = "evaluation.view"
    denied_message = access.DENIED_MESSAGES[access.VIEW]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.region = access.region_for(request.user, kwargs["region_code"], access.VIEW)
        self.evaluation = access.scoped_get(
            RegionEvaluation.objects.select_related("cycle", "region"), request.user,
            access.VIEW, region=self.region, cycle__year=kwargs["year"])
        self.cycle = self.evaluation.cycle
        if not request.user.has_perm(self.permission, self.evaluation):
            raise PermissionDenied(self.denied_message)
        return super(RegionMixin, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(evaluation=self.evaluation, cycle=self.cycle)
        return context


class ComponentMixin(EvaluationMixin):
    """A page of one component (`component` in the URL: baseline, output, …)."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["component"] not in Component.values:
            raise Http404
        self.component = Component(kwargs["component"])
        return super().dispatch(request, *args, **kwargs)


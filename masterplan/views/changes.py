"""What changed in the masterplan since a point in its review history (default: the last
submission), section by section, so the pembimbing reviews only what changed."""

from datetime import datetime

from django.utils import timezone
from django.views.generic import TemplateView

from .. import changes
from .base import MasterplanMixin


class ChangesView(MasterplanMixin, TemplateView):
    template_name = "masterplan/changes.html"

    def since(self):
        raw = self.request.GET.get("sejak", "")
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return changes.default_since(self.masterplan)
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since = self.since()
        result = changes.changes(self.masterplan, since)
        context.update(
            since=since, sections=result, total=sum(len(items) for items in result.values()),
            points=changes.history_points(self.masterplan),
            start=self.masterplan.created_at,
        )
        return context

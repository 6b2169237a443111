"""What changed in the masterplan since a point in its review history, so the pembimbing reviews
only what changed. By default since the last submission the content differs from.

The page counts the changes per section; a section's changes are listed on a page of their own,
paginated, which the summary loads into the section when it is opened (htmx)."""

from datetime import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from .. import changes, sections
from .base import MasterplanMixin
from .comments import is_htmx

PAGE_SIZE = 20


class ChangesMixin(MasterplanMixin):
    def since(self):
        """The moment asked for (`sejak`, ISO 8601), else the default comparison point."""
        raw = self.request.GET.get("sejak", "")
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return changes.default_since(self.masterplan)
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["since"] = self.since()
        return context


class ChangesView(ChangesMixin, TemplateView):
    template_name = "masterplan/changes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = changes.summary(self.masterplan, context["since"])
        context.update(
            sections=summary, total=sum(section.total for section in summary),
            points=changes.history_points(self.masterplan), start=self.masterplan.created_at,
        )
        return context


class ChangesSectionView(ChangesMixin, TemplateView):
    """One section's changes, a page at a time (`halaman`): a fragment for htmx, else a page."""

    def get_template_names(self):
        if is_htmx(self.request):
            return ["masterplan/_changes_section.html"]
        return ["masterplan/changes_section.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = self.kwargs["section"]
        if key not in changes.section_keys():
            raise Http404
        items = changes.section_changes(self.masterplan, key, context["since"])
        page = Paginator(items, PAGE_SIZE).get_page(self.request.GET.get("halaman"))
        context.update(section=sections.get(key), section_key=key, page=page, total=len(items))
        return context

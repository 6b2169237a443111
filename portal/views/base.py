"""What every public page shares: rendered without the request (so without the user, the session,
messages or a CSRF token: the same HTML for everyone), answered with `Cache-Control: public`, and
described for search engines and link previews (title, description, Open Graph)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.generic import View

from masterplan.security_headers import cache_publicly

from .. import pages
from ..publication import published_masterplan_of

# Seconds a browser or a CDN may keep a public page; a withdrawn masterplan disappears from
# shared caches within this time.
MAX_AGE = 300


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


class PublicPage(View):
    """A GET-only page of the portal: `get_context_data` gathers, `template_name` lays out."""

    template_name = None
    title = ""
    og_type = "website"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return {}

    def canonical_path(self):
        return self.request.path

    def page_title(self, context):
        return str(self.title)

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        context.setdefault("og_type", self.og_type)
        context["page_title"] = self.page_title(context)
        context["canonical_url"] = absolute(self.canonical_path())
        context["site_url"] = settings.SITE_URL.rstrip("/")
        return cache_publicly(HttpResponse(render_to_string(self.template_name, context)), MAX_AGE)


class RegionPage(PublicPage):
    """A page of one region's published masterplan: 404 for a region without one."""

    og_type = "article"
    section = ""  # which tab of the region's pages is current

    def dispatch(self, request, *args, **kwargs):
        self.masterplan = published_masterplan_of(kwargs["region_code"])
        if self.masterplan is None:
            raise Http404(_("Masterplan wilayah ini tidak diterbitkan."))
        return super().dispatch(request, *args, **kwargs)

    def page_title(self, context):
        title = _("%(page)s – Masterplan Smart City %(region)s") % {
            "page": self.title, "region": self.masterplan.region.display_name}
        return title + (" " + _("(DRAF)") if self.masterplan.publication.as_draft else "")

    def get_context_data(self, **kwargs):
        context = pages.header(self.masterplan)
        context.update(section=self.section, description=pages.description(self.masterplan))
        return context

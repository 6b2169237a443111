"""sitemap.xml of the portal (django.contrib.sitemaps): the national page and the public pages
of every published masterplan, nothing else; absolute URLs on settings.SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from masterplan.models import Dimension
from masterplan.security_headers import cache_publicly

from .publication import published_masterplans
from .views.base import MAX_AGE

REGION_PAGES = ("portal_region", "portal_roadmap", "portal_institutions")
DIMENSION_PAGES = ("portal_programs", "portal_kpi")  # one page per dimension


class PortalSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path.rstrip("/")

    def items(self):
        codes = {}
        for edition_id, code in Dimension.objects.order_by("number").values_list("edition_id", "code"):
            codes.setdefault(edition_id, []).append(code)
        result = [(reverse("portal_national"), None)]
        for masterplan in published_masterplans().order_by("region__code"):
            region = {"region_code": masterplan.region.code}
            moment = masterplan.publication.published_at
            result += [(reverse(name, kwargs=region), moment) for name in REGION_PAGES]
            result += [(f"{reverse(name, kwargs=region)}?{urlencode({'dimensi': code})}", moment)
                       for name in DIMENSION_PAGES for code in codes.get(masterplan.edition_id, [])]
        return result

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


def sitemap_view(request):
    """Rendered without the request, like the pages, so it is the same for everyone."""
    urls = PortalSitemap().get_urls()
    response = HttpResponse(render_to_string("sitemap.xml", {"urlset": urls}),
                            content_type="application/xml")
    return cache_publicly(response, MAX_AGE)

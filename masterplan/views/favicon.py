"""`/favicon.ico`, which browsers and feed readers ask for without reading the page's
`<link rel="icon">`: a redirect to the icon among the static files (served by nginx)."""

from django.templatetags.static import static
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    permanent = False  # the static URL may change (e.g. hashed file names); do not pin it

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.ico")

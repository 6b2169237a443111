"""The OpenAPI schema (/api/schema/) and its documentation page (/api/docs/): Swagger UI from
drf-spectacular-sidecar's files, served as our own static files, its start-up script a file of
its own (?script) and its few styles in static/css/api-docs.css, so the page keeps the site's
Content-Security-Policy (no CDN, no inline script or style)."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class SchemaView(SpectacularAPIView):
    pass


class DocsView(SpectacularSwaggerSplitView):
    template_name = "opendata/api_docs.html"
    url_name = "api_schema"
    title = "API Masterplan Smart City Daerah"

"""Strategic analysis pages of a region's current masterplan (under wilayah/<region_code>/)."""

from django.urls import include, path

urlpatterns = [
    path("", include("swot.worksheet_urls")),
    path("", include("swot.strategy_urls")),
]

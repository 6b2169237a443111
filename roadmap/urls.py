"""Roadmap pages of a region's current masterplan (under wilayah/<region_code>/).

One include per module so each part adds its own line."""

from django.urls import include, path

urlpatterns = [
    path("", include("roadmap.program_urls")),
    path("", include("roadmap.institution_urls")),
    path("", include("roadmap.roadmap_urls")),
]

"""Readiness summary, maturity and the cross-region index pages.

`region_urlpatterns` are included under wilayah/<region_code>/ (masterplan/urls.py's
region_patterns); `urlpatterns` are top-level.
"""

from django.urls import path

from .views import cross_region, summary

region_urlpatterns = [
    path("kesiapan/ringkasan/", summary.ReadinessSummaryView.as_view(), name="readiness_summary"),
    path("kematangan/", summary.MaturityView.as_view(), name="maturity"),
]

urlpatterns = [
    path("analisis/indeks/", cross_region.IndexOverviewView.as_view(), name="index_overview"),
    path("analisis/indeks/unduh/", cross_region.IndexExportView.as_view(),
         name="index_overview_export"),
]

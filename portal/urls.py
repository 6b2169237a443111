"""The public portal's pages, under /publik/ (no login). The region's publishing page is in
region_urls.py, under wilayah/<region_code>/."""

from django.urls import path

from .sitemaps import sitemap_view
from .views import public

urlpatterns = [
    path("", public.NationalView.as_view(), name="portal_national"),
    path("sitemap.xml", sitemap_view, name="portal_sitemap"),
    path("<str:region_code>/", public.RegionOverviewView.as_view(), name="portal_region"),
    path("<str:region_code>/program/", public.ProgramsView.as_view(), name="portal_programs"),
    path("<str:region_code>/peta-jalan/", public.RoadmapView.as_view(), name="portal_roadmap"),
    path("<str:region_code>/kpi/", public.KpiView.as_view(), name="portal_kpi"),
    path("<str:region_code>/kelembagaan/", public.InstitutionsView.as_view(),
         name="portal_institutions"),
    path("<str:region_code>/buku/<int:job_pk>/", public.BookDownloadView.as_view(),
         name="portal_book"),
]

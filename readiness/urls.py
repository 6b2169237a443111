"""Readiness, performance and outlook pages of a region's current masterplan.

Included under wilayah/<region_code>/ by masterplan/urls.py.
"""

from django.urls import path

from .views import entry, outlook, performance

urlpatterns = [
    path("kesiapan/", entry.OverviewView.as_view(), name="readiness_overview"),
    path("kesiapan/tabel/<slug:table>/", entry.TableView.as_view(), name="readiness_table"),
    path("kesiapan/tabel/<slug:table>/isian/<int:entry_pk>/", entry.EntrySaveView.as_view(),
         name="readiness_entry"),
    path("kesiapan/tabel/<slug:table>/simpan-semua/", entry.TableSaveView.as_view(),
         name="readiness_table_save"),
    path("kesiapan/tabel/<slug:table>/tambah/", entry.ExtraAddView.as_view(),
         name="readiness_extra_add"),
    path("kesiapan/tabel/<slug:table>/isian/<int:entry_pk>/hapus/",
         entry.ExtraDeleteView.as_view(), name="readiness_extra_delete"),
    path("kinerja/", performance.PerformanceView.as_view(), name="performance"),
    path("analisis-masa-depan/", outlook.OutlookView.as_view(), name="outlook"),
    path("analisis-masa-depan/daya-saing/", outlook.CompetitivenessView.as_view(),
         name="competitiveness"),
]

"""The books' URLs. `region_urlpatterns` are included under wilayah/<region_code>/ and
`admin_urlpatterns` under kelola/ (masterplan/urls.py)."""

from django.urls import path

from .views import batch_export, books

region_urlpatterns = [
    path("buku/", books.BooksView.as_view(), name="books"),
    path("narasi/", books.NarrativeListView.as_view(), name="narratives"),
    path("narasi/<slug:key>/", books.NarrativeEditView.as_view(), name="narrative_edit"),
    path("sampul/", books.CoverView.as_view(), name="book_cover"),
]

admin_urlpatterns = [
    path("ekspor-buku/", batch_export.BatchExportView.as_view(), name="batch_export"),
    path("ekspor-buku/<int:batch_pk>/", batch_export.BatchExportDetailView.as_view(),
         name="batch_export_detail"),
    path("ekspor-buku/<int:batch_pk>/unduh/", batch_export.BatchExportDownloadView.as_view(),
         name="batch_export_download"),
]

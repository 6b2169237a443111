"""Bimtek URLs. `region_urlpatterns` are included under wilayah/<region_code>/ (masterplan/urls.py's
region_patterns); `urlpatterns` are top-level: the admins' matrix and a pembimbing's reports."""

from django.urls import include, path

from .views import overview, region

visit_patterns = [
    path("", region.VisitView.as_view(), name="bimtek_visit"),
    path("kunjungan/", region.VisitEditView.as_view(), name="bimtek_visit_edit"),
    path("laporan/", region.ReportEditView.as_view(), name="bimtek_report_edit"),
    path("laporan/keterangan/", region.NotesView.as_view(), name="bimtek_notes"),
    path("laporan/pdf/", region.ReportPdfView.as_view(), name="bimtek_report_pdf"),
    path("laporan/tanda-tangan/", region.SignView.as_view(), name="bimtek_sign"),
    path("laporan/tanda-tangan/batal/", region.SignView.as_view(withdraw=True),
         name="bimtek_unsign"),
    path("laporan/lampiran/", region.AttachmentAddView.as_view(), name="bimtek_attachment_add"),
    path("laporan/lampiran/<int:attachment_pk>/", region.AttachmentDownloadView.as_view(),
         name="bimtek_attachment"),
    path("laporan/lampiran/<int:attachment_pk>/hapus/", region.AttachmentDeleteView.as_view(),
         name="bimtek_attachment_delete"),
]

region_urlpatterns = [
    path("bimtek/", region.OverviewView.as_view(), name="bimtek_overview"),
    path("bimtek/<int:number>/", include(visit_patterns)),
]

urlpatterns = [
    path("kelola/bimtek/", overview.MatrixView.as_view(), name="bimtek_matrix"),
    path("kelola/bimtek/unduh/", overview.MatrixExportView.as_view(), name="bimtek_matrix_export"),
    path("bimtek/laporan-saya/", overview.MyReportsView.as_view(), name="bimtek_my_reports"),
]

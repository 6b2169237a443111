"""Institutions, regulations and the e-Gov application inventory of a region's current
masterplan. Included under wilayah/<region_code>/ through roadmap/urls.py."""

from django.urls import path

from .models import InstitutionKind
from .views import applications, institutions, regulations

urlpatterns = [
    # Dewan Smart City, Tim Pelaksana and supporting forums.
    path("kelembagaan/", institutions.InstitutionOverviewView.as_view(),
         name="institution_overview"),
    path("kelembagaan/dewan/ubah/",
         institutions.InstitutionEditView.as_view(kind=InstitutionKind.COUNCIL),
         name="institution_council_edit"),
    path("kelembagaan/tim-pelaksana/ubah/",
         institutions.InstitutionEditView.as_view(kind=InstitutionKind.TEAM),
         name="institution_team_edit"),
    path("kelembagaan/forum/tambah/",
         institutions.InstitutionEditView.as_view(kind=InstitutionKind.FORUM),
         name="institution_forum_add"),
    path("kelembagaan/forum/<int:forum_pk>/ubah/",
         institutions.InstitutionEditView.as_view(kind=InstitutionKind.FORUM),
         name="institution_forum_edit"),
    path("kelembagaan/forum/<int:forum_pk>/hapus/", institutions.ForumDeleteView.as_view(),
         name="institution_forum_delete"),
    # Regulations and their documents.
    path("regulasi/", regulations.RegulationListView.as_view(), name="regulation_list"),
    path("regulasi/tambah/", regulations.RegulationFormView.as_view(), name="regulation_add"),
    path("regulasi/<int:regulation_pk>/ubah/", regulations.RegulationFormView.as_view(),
         name="regulation_edit"),
    path("regulasi/<int:regulation_pk>/hapus/", regulations.RegulationDeleteView.as_view(),
         name="regulation_delete"),
    path("regulasi/<int:regulation_pk>/dokumen/", regulations.DocumentUploadView.as_view(),
         name="regulation_document_upload"),
    path("regulasi/<int:regulation_pk>/dokumen/hapus/", regulations.DocumentRemoveView.as_view(),
         name="regulation_document_remove"),
    path("regulasi/<int:regulation_pk>/dokumen/unduh/", regulations.DocumentDownloadView.as_view(),
         name="regulation_document"),
    # The e-Gov application inventory.
    path("aplikasi/", applications.ApplicationListView.as_view(), name="application_list"),
    path("aplikasi/tambah/", applications.ApplicationFormView.as_view(), name="application_add"),
    path("aplikasi/<int:application_pk>/ubah/", applications.ApplicationFormView.as_view(),
         name="application_edit"),
    path("aplikasi/<int:application_pk>/hapus/", applications.ApplicationDeleteView.as_view(),
         name="application_delete"),
]

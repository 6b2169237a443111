"""Programs, quick wins and the region's OPD list. Included under wilayah/<region_code>/ through
roadmap/urls.py."""

from django.urls import path

from .views import opds, programs

urlpatterns = [
    path("program/", programs.ProgramListView.as_view(), name="program_list"),
    path("program/baru/", programs.ProgramFormView.as_view(), name="program_add"),
    path("program/<int:program_pk>/", programs.ProgramDetailView.as_view(), name="program_detail"),
    path("program/<int:program_pk>/ubah/", programs.ProgramFormView.as_view(), name="program_edit"),
    path("program/<int:program_pk>/hapus/", programs.ProgramDeleteView.as_view(),
         name="program_delete"),
    path("program/<int:program_pk>/quick-win/", programs.QuickWinView.as_view(),
         name="program_quick_win"),
    path("opd/", opds.OpdListView.as_view(), name="opd_list"),
    path("opd/<int:opd_pk>/ubah/", opds.OpdEditView.as_view(), name="opd_edit"),
    path("opd/<int:opd_pk>/hapus/", opds.OpdDeleteView.as_view(), name="opd_delete"),
    path("opd/<int:opd_pk>/pindah/", opds.OpdMoveView.as_view(), name="opd_move"),
]

"""Gap analysis, vision and mission, and sasaran pages of a region's current masterplan.

Included under wilayah/<region_code>/ through swot/urls.py."""

from django.urls import path

from .views import gap, targets, vision

urlpatterns = [
    # Gap analysis (Tabel II.11).
    path("kesenjangan/", gap.GapAnalysisView.as_view(), name="gap_analysis"),
    path("kesenjangan/tambah/", gap.GapRowFormView.as_view(), name="gap_row_add"),
    path("kesenjangan/<int:row_pk>/ubah/", gap.GapRowFormView.as_view(), name="gap_row_edit"),
    path("kesenjangan/<int:row_pk>/hapus/", gap.GapRowDeleteView.as_view(), name="gap_row_delete"),
    path("kesenjangan/<int:row_pk>/pindah/", gap.GapRowMoveView.as_view(), name="gap_row_move"),
    # Vision, mission and the vision checklists.
    path("visi-misi/", vision.VisionView.as_view(), name="vision"),
    path("visi-misi/daftar-periksa/", vision.VisionChecksView.as_view(), name="vision_checks"),
    path("visi-misi/misi/tambah/", vision.MissionAddView.as_view(), name="mission_add"),
    path("visi-misi/misi/<int:mission_pk>/ubah/", vision.MissionEditView.as_view(),
         name="mission_edit"),
    path("visi-misi/misi/<int:mission_pk>/hapus/", vision.MissionDeleteView.as_view(),
         name="mission_delete"),
    path("visi-misi/misi/<int:mission_pk>/pindah/", vision.MissionMoveView.as_view(),
         name="mission_move"),
    # Sasaran, indicators and yearly targets.
    path("sasaran/", targets.SasaranListView.as_view(), name="sasaran_list"),
    path("sasaran/tambah/", targets.SasaranAddView.as_view(), name="sasaran_add"),
    path("sasaran/<int:sasaran_pk>/", targets.SasaranDetailView.as_view(), name="sasaran_detail"),
    path("sasaran/<int:sasaran_pk>/hapus/", targets.SasaranDeleteView.as_view(),
         name="sasaran_delete"),
    path("sasaran/<int:sasaran_pk>/indikator/tambah/", targets.IndicatorFormView.as_view(),
         name="indicator_add"),
    path("sasaran/<int:sasaran_pk>/indikator/<int:indicator_pk>/ubah/",
         targets.IndicatorFormView.as_view(), name="indicator_edit"),
    path("sasaran/<int:sasaran_pk>/indikator/<int:indicator_pk>/hapus/",
         targets.IndicatorDeleteView.as_view(), name="indicator_delete"),
]

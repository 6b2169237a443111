"""The roadmap, monitoring & evaluation and risk register pages of a region's current masterplan.

Included under wilayah/<region_code>/ through roadmap/urls.py."""

from django.urls import path

from .views import monitoring, risks, roadmap

urlpatterns = [
    # Peta jalan: per horizon and dimension, budget, incomplete programs; a group's programs
    # and timeline a page at a time; .xlsx.
    path("peta-jalan/", roadmap.RoadmapView.as_view(), name="roadmap"),
    path("peta-jalan/program/", roadmap.RoadmapProgramsView.as_view(), name="roadmap_programs"),
    path("peta-jalan/unduh/", roadmap.RoadmapExportView.as_view(), name="roadmap_export"),
    # Monitoring dan evaluasi: the Lampiran III worksheet and a program's records.
    path("monev/", monitoring.WorksheetView.as_view(), name="monitoring_worksheet"),
    path("monev/program/<int:program_pk>/", monitoring.ProgramMonitoringView.as_view(),
         name="monitoring_program"),
    path("monev/program/<int:program_pk>/catatan/tambah/", monitoring.RecordFormView.as_view(),
         name="monitoring_record_add"),
    path("monev/program/<int:program_pk>/catatan/<int:record_pk>/ubah/",
         monitoring.RecordFormView.as_view(), name="monitoring_record_edit"),
    path("monev/program/<int:program_pk>/catatan/<int:record_pk>/hapus/",
         monitoring.RecordDeleteView.as_view(), name="monitoring_record_delete"),
    # Register risiko: every program's risks with the heat map; a risk added to a program,
    # changed or deleted.
    path("risiko/", risks.RegisterView.as_view(), name="risk_register"),
    path("risiko/program/<int:program_pk>/tambah/", risks.RiskFormView.as_view(), name="risk_add"),
    path("risiko/<int:risk_pk>/ubah/", risks.RiskFormView.as_view(), name="risk_edit"),
    path("risiko/<int:risk_pk>/hapus/", risks.RiskDeleteView.as_view(), name="risk_delete"),
]

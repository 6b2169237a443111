"""The published results (admins) and the ranking (admins, pembimbing) of a cycle; mounted at the
site root by evaluation/urls.py."""

from django.urls import path

from .views import ranking, results

urlpatterns = [
    path("kelola/evaluasi/<int:year>/hasil/", results.ResultListView.as_view(),
         name="evaluation_results"),
    path("kelola/evaluasi/<int:year>/hasil/impor/", results.ResultImportView.as_view(),
         name="evaluation_results_import"),
    path("kelola/evaluasi/<int:year>/hasil/<str:region_code>/", results.ResultFormView.as_view(),
         name="evaluation_result_edit"),
    path("evaluasi/<int:year>/peringkat/", ranking.RankingView.as_view(),
         name="evaluation_ranking"),
]

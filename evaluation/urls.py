"""The evaluation's pages outside a region: the cycles (admins, pembimbing) and the admins'
cycle forms; the survey's public page and the results' and ranking's pages come from their own
modules. The region's pages are in region_urls.py."""

from django.urls import include, path

from . import results_urls, survey_urls
from .views import cycles

urlpatterns = [
    path("evaluasi/", cycles.CycleListView.as_view(), name="evaluation_cycles"),
    path("kelola/evaluasi/baru/", cycles.CycleFormView.as_view(), name="evaluation_cycle_create"),
    path("kelola/evaluasi/<int:year>/", cycles.CycleFormView.as_view(),
         name="evaluation_cycle_edit"),
    path("", include(results_urls.urlpatterns)),
    path("", include(survey_urls.urlpatterns)),
]

"""A region's evaluation pages, included under wilayah/<region_code>/ by masterplan/urls.py."""

from django.urls import include, path

from . import evidence_urls, preview_urls, survey_urls
from .views import region

urlpatterns = [
    path("evaluasi/", region.RegionEvaluationsView.as_view(), name="evaluation_region"),
    path("evaluasi/<int:year>/", region.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path("evaluasi/<int:year>/mandiri/<slug:component>/", region.SelfAssessmentView.as_view(),
         name="evaluation_self"),
    path("evaluasi/<int:year>/penilaian/<slug:component>/", region.AssessView.as_view(),
         name="evaluation_assess"),
    path("evaluasi/<int:year>/", include(survey_urls.region_urlpatterns)),
    path("evaluasi/<int:year>/", include(preview_urls.urlpatterns)),
    path("evaluasi/<int:year>/", include(evidence_urls.urlpatterns)),
]

"""The evidence pack's page, under /wilayah/<region_code>/evaluasi/<year>/."""

from django.urls import path

from .views import evidence

urlpatterns = [
    path("bukti/", evidence.EvidencePackView.as_view(), name="evaluation_evidence"),
]

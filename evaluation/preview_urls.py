"""The score preview of a region's evaluation, included under
wilayah/<region_code>/evaluasi/<int:year>/ by region_urls.py."""

from django.urls import path

from .views import preview

urlpatterns = [
    path("perkiraan/", preview.PreviewView.as_view(), name="evaluation_preview"),
]

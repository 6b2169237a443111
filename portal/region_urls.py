"""The region's publishing page, included under wilayah/<region_code>/ by masterplan/urls.py."""

from django.urls import path

from .views import publishing

urlpatterns = [
    path("publikasi/", publishing.PublicationView.as_view(), name="publication"),
    path("publikasi/cabut/", publishing.UnpublishView.as_view(), name="publication_withdraw"),
]

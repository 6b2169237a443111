"""Strategic analysis pages of a region's current masterplan (under wilayah/<region_code>/)."""

urlpatterns = [
]

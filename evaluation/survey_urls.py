"""placeholder"""

urlpatterns = []
region_urlpatterns = []

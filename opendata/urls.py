"""Open data files (/data/...) and the REST API (/api/...)."""

urlpatterns = []

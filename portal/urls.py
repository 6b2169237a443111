"""The public portal's pages, under /publik/ (no login)."""

urlpatterns = []

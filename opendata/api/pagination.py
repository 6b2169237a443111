"""Lists come a page at a time: ?halaman=2&ukuran=50 (settings API_PAGE_SIZE, API_MAX_PAGE_SIZE)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_query_param = "halaman"
    page_query_description = _("Nomor halaman (mulai dari 1).")
    page_size_query_param = "ukuran"
    page_size_query_description = _("Jumlah baris per halaman.")
    invalid_page_message = _("Halaman tidak ditemukan.")

    @property
    def page_size(self):
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

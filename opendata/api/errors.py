"""Errors answered in Indonesian: DRF's own messages are translated (LANGUAGE_CODE id), the
access layer's and ours are Indonesian already; every error body is {"detail": ...} or, for
refused input, {"detail": ..., "kesalahan": {field: [messages]}}."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError) and not (
            isinstance(response.data, dict) and "detail" in response.data):
        response.data = {"detail": _("Isian ditolak; periksa kesalahan per isian."),
                         "kesalahan": response.data}
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
        wait = getattr(exc, "wait", None)
        response.data = {"detail": _("Terlalu banyak permintaan; coba lagi dalam %(seconds)s "
                                     "detik.") % {"seconds": int(wait or 1) or 1}}
    return response

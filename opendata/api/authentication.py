"""Who is asking: a personal API token (`Authorization: Token …` or `Bearer …`), else the
browser's session (DRF's SessionAuthentication, with CSRF on writes), else nobody (published
data only)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .. import tokens

KEYWORDS = ("token", "bearer")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_(
                "Header Authorization harus berbentuk “Bearer <token>” atau “Token <token>”."))
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Token API tidak valid.")) from None
        token = tokens.authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Token API tidak valid atau sudah dicabut."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Akun pemilik token ini tidak aktif."))
        tokens.note_use(token)
        return token.user, token

    def authenticate_header(self, request):
        return "Bearer"

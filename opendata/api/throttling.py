"""Requests per anonymous address, per token and per signed-in session (settings
API_THROTTLE_RATES, read on every request), counted in Django's cache; over the rate: 429."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from masterplan.client_ip import client_ip

from ..models import ApiToken


class _Throttle(SimpleRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]

    def ident(self, request):
        """The request's key within the scope, or None when this throttle does not apply."""
        raise NotImplementedError

    def get_cache_key(self, request, view):
        ident = self.ident(request)
        if ident is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousThrottle(_Throttle):
    scope = "anon"

    def ident(self, request):
        if request.user and request.user.is_authenticated:
            return None
        return client_ip(request) or "unknown"


class TokenThrottle(_Throttle):
    scope = "token"

    def ident(self, request):
        return request.auth.pk if isinstance(request.auth, ApiToken) else None


class SessionThrottle(_Throttle):
    scope = "session"

    def ident(self, request):
        if isinstance(request.auth, ApiToken) or not (request.user and request.user.is_authenticated):
            return None
        return request.user.pk

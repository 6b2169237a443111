"""Response headers that Django does not set by itself (docs/deploy.md, "Security headers").

* `Permissions-Policy` (settings.PERMISSIONS_POLICY) on every response: the app uses no camera,
  microphone, location, payment or device API, so the browser refuses them to the page and to
  anything injected into it.
* `Cache-Control: private, no-store` on every response to a logged-in user, pages and downloads
  alike: neither a shared cache nor the browser's back button may show a private page after
  logout. The one exception is a response its view marked with `cache_publicly`: a page of the
  public portal, rendered the same for everyone (without the request's user, session or cookies),
  keeps its `public, max-age=…` for a signed-in reader too, and the middleware does not even look
  at the user for it (reading the session would make Django add `Vary: Cookie`).

The Content-Security-Policy itself comes from django-csp (settings.CONTENT_SECURITY_POLICY).
"""

from django.conf import settings

PRIVATE_CACHE_CONTROL = "private, no-store"


def permissions_policy(features):
    """The header value for {feature: [allowed origins]}: an empty list denies the feature."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


def cache_publicly(response, max_age):
    """Mark `response` as the same for everyone, cacheable by browsers and shared caches (a CDN)
    for `max_age` seconds. Only for a response whose content does not depend on who asks: its
    view must not read the user, the session or cookies, nor set any."""
    response["Cache-Control"] = f"public, max-age={int(max_age)}"
    response.cached_publicly = True
    return response


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy, and Cache-Control for logged-in users. Must come after
    AuthenticationMiddleware (it reads request.user)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.setdefault("Permissions-Policy", self.permissions_policy)
        if getattr(response, "cached_publicly", False):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Replaces whatever a view set: nothing shown to a logged-in user is cacheable.
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

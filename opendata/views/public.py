"""What every public open-data answer shares: a shared cache (a CDN) may keep it for
OPEN_DATA_MAX_AGE seconds, so it carries no cookie. A signed-in user's answer is made private
by masterplan/security_headers.py whatever this sets."""

from django.conf import settings
from django.utils.cache import patch_cache_control


def make_public(request, response, max_age=None):
    """Mark an answer to an anonymous request cacheable by shared caches, without a cookie (the
    page template reads a CSRF token for htmx, which anonymous pages never post)."""
    if request.user.is_authenticated:
        return response
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    patch_cache_control(response, public=True,
                        max_age=settings.OPEN_DATA_MAX_AGE if max_age is None else max_age)
    return response


class PublicPageMixin:
    """A TemplateView whose page is public: made cacheable once rendered."""

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response.add_post_render_callback(lambda rendered: make_public(self.request, rendered))
        return response

from django.utils.functional import SimpleLazyObject

from . import access
from .models import Notification


def navigation(request):
    """Which navigation entries the signed-in user gets."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_is_admin": access.is_admin(user),
        "nav_roles": set(access.region_roles(user).values()),
        # The bell's unread count: one query, made only when a page renders the bell.
        "nav_unread": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()),
    }

from django.utils.functional import SimpleLazyObject

from .models import Notification


def navigation(request):
    """The navigation's unread notification count (templates ask `{% has_perm %}` which entries
    the signed-in user gets)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        # The bell's unread count: one query, made only when a page renders the bell.
        "nav_unread": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()),
    }

from django.conf import settings


def client_ip(request):
    """The client address for django-axes: the proxy's header if configured, else the socket's."""
    return request.META.get(settings.AXES_CLIENT_IP_META) or request.META.get("REMOTE_ADDR")

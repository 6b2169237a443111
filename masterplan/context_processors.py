from . import access


def navigation(request):
    """Which navigation entries the signed-in user gets."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_is_admin": access.is_admin(user),
        "nav_roles": set(access.region_roles(user).values()),
    }

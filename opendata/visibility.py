"""Which masterplans and regions a request may read through the API: the published ones
(portal/publication.py decides) for everyone, and for a signed-in user or a token's owner also
the current masterplans of the regions the access layer lets them view (masterplan/access.py).
A region outside both is unknown (404), never refused (403)."""

from django.db.models import Q

from masterplan import access
from masterplan.models import Masterplan, Region
from portal.publication import published_masterplans

MASTERPLAN_RELATED = ("region", "region__province", "region__batch", "edition")


def visible_masterplans(user):
    """A queryset of the masterplans `user` may read (anonymous: the published ones)."""
    published = published_masterplans()
    if not user.is_authenticated:
        return published.order_by("region__code", "pk")
    own = Masterplan.objects.restrict(user, access.VIEW).filter(is_current=True)
    return (Masterplan.objects.filter(Q(pk__in=published.values("pk")) | Q(pk__in=own.values("pk")))
            .select_related("publication", *MASTERPLAN_RELATED).order_by("region__code", "pk"))


def visible_regions(user):
    """A queryset of the regions `user` may read: with a published masterplan, or (signed in)
    in reach of the access layer."""
    published = Region.objects.filter(masterplans__publication__isnull=False)
    if user.is_authenticated:
        regions = Region.objects.filter(Q(pk__in=published.values("pk")) |
                                        Q(pk__in=Region.objects.restrict(user, access.VIEW).values("pk")))
    else:
        regions = Region.objects.filter(pk__in=published.values("pk"))
    return regions.select_related("province").order_by("code")


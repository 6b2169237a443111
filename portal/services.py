"""Publishing a region's masterplan on the public portal, and withdrawing it.

Rules:
* who: `masterplan.publish` on the region (its ketua, Kominfo admins; masterplan/access.py);
  anyone else is refused (PermissionDenied);
* what: the region's current masterplan. One masterplan per region is public at a time:
  publishing it withdraws any other masterplan of the region (logged too);
* a masterplan with status "ditetapkan" is published as it is; in any other status it is
  published only when the publisher chose explicitly to publish a draft (`as_draft=True`), and
  it is then marked DRAF wherever it is shown (pages, books, sitemap titles). Publishing a
  ditetapkan masterplan never marks it DRAF;
* publishing again updates the publication (licence, draft or not, when, by whom); withdrawing
  deletes it, so nothing of the masterplan is public any more (portal/publication.py);
* every publish and withdrawal is logged (PublicationEvent: action, who, when, draft or not,
  licence, note), in the same transaction; the log is kept when the masterplan is withdrawn.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from masterplan import access
from masterplan.models import Masterplan, MasterplanStatus

from .models import DEFAULT_LICENCE, LICENCES, Publication, PublicationEvent

LICENCE_CODES = {code for code, _label in LICENCES}
EVENTS_SHOWN = 50


def may_publish(user, region):
    return user.has_perm("masterplan.publish", region)


def is_ready(masterplan):
    """May `masterplan` be published as it is, without the DRAF mark?"""
    return masterplan.status == MasterplanStatus.DITETAPKAN


def _require(user, masterplan):
    if not may_publish(user, masterplan.region):
        raise PermissionDenied(_(access.DENIED_MESSAGES[access.PUBLISH]))


def _log(masterplan, action, user, *, as_draft=False, licence="", note=""):
    return PublicationEvent.objects.create(masterplan=masterplan, action=action, by=user,
                                           as_draft=as_draft, licence=licence, note=note)


def publication_of(masterplan):
    """The masterplan's Publication, or None."""
    return Publication.objects.filter(masterplan=masterplan).select_related("published_by").first()


def events_of(region, limit=EVENTS_SHOWN):
    """The region's publication log, newest first (every masterplan of the region)."""
    return list(PublicationEvent.objects.filter(masterplan__region=region)
                .select_related("by", "masterplan")[:limit])


@transaction.atomic
def publish(masterplan, user, *, as_draft=False, licence=DEFAULT_LICENCE, note=""):
    """Publish `masterplan` (see the module's rules); answers its Publication."""
    _require(user, masterplan)
    masterplan = Masterplan.objects.select_for_update().select_related("region").get(
        pk=masterplan.pk)
    if licence not in LICENCE_CODES:
        raise ValidationError(_("Lisensi tidak dikenal."), code="licence")
    if is_ready(masterplan):
        as_draft = False
    elif not as_draft:
        raise ValidationError(
            _("Masterplan berstatus “%(status)s”, belum ditetapkan: pilih “terbitkan sebagai "
              "draf” untuk menerbitkannya dengan tanda DRAF.")
            % {"status": masterplan.get_status_display()}, code="not_ready")
    for other in (Publication.objects.filter(masterplan__region=masterplan.region_id)
                  .exclude(masterplan=masterplan).select_related("masterplan")):
        _log(other.masterplan, PublicationEvent.Action.UNPUBLISHED, user,
             as_draft=other.as_draft, licence=other.licence,
             note=_("Diganti oleh masterplan “%(title)s”.") % {"title": masterplan.title})
        other.delete()
    publication, _created = Publication.objects.update_or_create(
        masterplan=masterplan,
        defaults={"as_draft": as_draft, "licence": licence, "published_at": timezone.now(),
                  "published_by": user})
    _log(masterplan, PublicationEvent.Action.PUBLISHED, user, as_draft=as_draft,
         licence=licence, note=note)
    return publication


@transaction.atomic
def unpublish(masterplan, user, *, note=""):
    """Withdraw `masterplan` from the portal; answers the logged event."""
    _require(user, masterplan)
    publication = (Publication.objects.select_for_update().filter(masterplan=masterplan)
                   .first())
    if publication is None:
        raise ValidationError(_("Masterplan ini tidak sedang diterbitkan."), code="not_published")
    event = _log(masterplan, PublicationEvent.Action.UNPUBLISHED, user,
                 as_draft=publication.as_draft, licence=publication.licence, note=note)
    publication.delete()
    return event

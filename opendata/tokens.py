"""Personal API tokens: created and revoked by their owner on the profile page, checked by the
API's authentication (opendata/api/authentication.py).

A token reads "mpsc_" and 40 random URL-safe characters. Only its SHA-256 digest is stored, so a
copy of the database lets no one use the API; the first characters are kept as `prefix` to
tell tokens apart. A token acts as its owner: it reaches exactly what the owner may see and
change through the access layer (masterplan/access.py), no more.

`last_used_at` is written at most once every LAST_USED_EVERY, by a single UPDATE: a burst of API
reads writes one row once an hour, not once a request."""

import datetime
import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken

TOKEN_PREFIX = "mpsc_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
LAST_USED_EVERY = datetime.timedelta(hours=1)
MAX_ACTIVE_TOKENS = 10


def digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(user, name):
    """(ApiToken, the raw token): the raw token is returned once and never stored."""
    name = " ".join(str(name or "").split())
    if not name:
        raise ValidationError(_("Beri nama token, mis. “Dasbor Bappeda”."))
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError(_("Nama token paling panjang 100 karakter."))
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("Anda sudah memiliki %(count)s token aktif; cabut token yang tidak "
                                "dipakai lagi sebelum membuat yang baru.") % {"count": MAX_ACTIVE_TOKENS})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:PREFIX_LENGTH],
                                    key_hash=digest(raw))
    return token, raw


def revoke_token(user, token_pk):
    """Revoke one of `user`'s own tokens; answers the token, or None when it is not theirs (or
    revoked already)."""
    token = ApiToken.objects.filter(user=user, pk=token_pk, revoked_at__isnull=True).first()
    if token is not None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def tokens_of(user):
    return list(ApiToken.objects.filter(user=user))


def authenticate(raw):
    """The active token `raw` stands for (with its user loaded), or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    key_hash = digest(raw)
    token = (ApiToken.objects.filter(key_hash=key_hash, revoked_at__isnull=True)
             .select_related("user").first())
    if token is None or not hmac.compare_digest(token.key_hash, key_hash):
        return None
    return token


def note_use(token, now=None):
    """Record that the token was used, at most once every LAST_USED_EVERY (one UPDATE)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_EVERY:
        return False
    updated = ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_EVERY)
    ).update(last_used_at=now)
    token.last_used_at = now
    return bool(updated)

"""Personal API tokens (opendata/tokens.py creates, checks and revokes them).

The token itself is shown once, when it is created; only its SHA-256 digest is stored, with its
first characters (`prefix`) so its owner can tell their tokens apart. A revoked token is kept
(with `revoked_at`) so the profile page can say when it stopped working."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("akun"))
    name = models.CharField(_("nama token"), max_length=100)
    prefix = models.CharField(_("awalan"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    # Written at most once an hour (tokens.LAST_USED_EVERY), so reading the API stays cheap.
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None

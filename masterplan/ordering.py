"""Ordered, versioned rows (gap rows, missions, sasaran, indicators): add at the end, move,
delete only the version the person saw.

Content edits go through masterplan.editing (save_versioned). Two actions happen outside a form:

* Deleting checks the version the page showed: a row someone changed meanwhile is not deleted
  (RowChanged), so nobody deletes content they have not seen.
* Moving a row up or down is a relative operation on the current order: the list is locked and
  renumbered 0..n-1, so two concurrent moves both apply and no content can be lost. Moves do not
  bump the row's version (the order is not part of the row's content), so an open edit form of
  the row stays valid.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from . import content_version

UP, DOWN = "naik", "turun"


class RowChanged(Exception):
    """The row was changed by someone else since the page was loaded; it was not deleted."""

    def __init__(self, current, label):
        super().__init__("row changed")
        self.current = current
        self.label = label

    @property
    def message(self):
        who = getattr(self.current, "updated_by", None)
        return _("“%(label)s” sudah diubah oleh %(who)s sejak Anda membuka halaman ini, jadi belum "
                 "dihapus. Periksa isinya sekarang; hapus lagi bila memang tidak diperlukan.") % {
            "label": self.label, "who": str(who) if who else _("pengguna lain")}


def next_position(queryset):
    last = queryset.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def posted_version(data):
    """The `version` a delete form carried; a ValidationError if it is missing or not a number."""
    try:
        version = int(data.get("version", ""))
    except (TypeError, ValueError):
        raise ValidationError(_("Versi data tidak terbaca; muat ulang halaman lalu coba lagi.")) from None
    if version < 1:
        raise ValidationError(_("Versi data tidak terbaca; muat ulang halaman lalu coba lagi."))
    return version


def delete_versioned(instance, seen_version, label):
    """Delete `instance` (with its cascade) if it is still at `seen_version`, else RowChanged."""
    model = type(instance)
    with content_version.collecting():  # the cascade's rows bump the masterplan once
        deleted, _counts = model._default_manager.filter(pk=instance.pk, version=seen_version).delete()
        if not deleted:
            current = model._default_manager.filter(pk=instance.pk).select_related("updated_by").first()
            if current is not None:
                raise RowChanged(current, label)
    return deleted


def move(queryset, instance, direction):
    """Swap `instance` with its neighbour in `queryset` (its ordered siblings) and renumber.

    Returns True if the row moved (False at either end of the list)."""
    if direction not in (UP, DOWN):
        raise ValidationError(_("Arah pemindahan tidak dikenal."))
    with transaction.atomic():
        rows = list(queryset.select_for_update().order_by("position", "pk"))
        ids = [row.pk for row in rows]
        if instance.pk not in ids:
            return False
        here = ids.index(instance.pk)
        there = here - 1 if direction == UP else here + 1
        moved = 0 <= there < len(rows)
        if moved:
            rows[here], rows[there] = rows[there], rows[here]
        for position, row in enumerate(rows):
            if row.position != position:
                row.position = position
                row.save(update_fields=["position"])  # one by one, so model history sees it
    return moved

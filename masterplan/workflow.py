"""The review workflow of a masterplan's status.

    draf ──submit──▶ diajukan ──approve──▶ disetujui ──finalize (Bimtek #4)──▶ final ──legalize──▶ ditetapkan
      ▲                 │                      │
      │              revise                 continue (Bimtek #1–#3)
      │                 ▼                      │
      └──── perlu_revisi ◀────(submit again)   └────────────▶ draf

Each transition names the statuses it starts from, who may make it (a permission of
masterplan/rules.py, asked of the masterplan) and what it needs; `apply` checks all of that, then
records a StatusChange in the same transaction. The content is editable only in draf and
perlu_revisi (Masterplan.is_editable).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from .editing import bump_version
from .models import Masterplan, MasterplanStatus, StatusChange

S = MasterplanStatus
FINAL_BIMTEK = 4

# Sent after a transition is committed: sender=Masterplan, masterplan=…, change=StatusChange.
status_changed = Signal()


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    sources: tuple
    target: str
    permission: str  # masterplan/rules.py
    who: str  # for the refusal message
    consequence: str = ""  # what happens, said before the user confirms
    needs_bimtek: bool = False
    needs_comment: bool = False
    needs_legal: bool = False


TRANSITIONS = {
    t.code: t for t in [
        Transition("submit", _("Ajukan untuk ditinjau"), (S.DRAF, S.PERLU_REVISI), S.DIAJUKAN,
                   "masterplan.submit", _("ketua tim pelaksana"),
                   _("Masterplan diajukan kepada Tim Pembimbing untuk ditinjau pada Bimtek yang "
                     "dipilih. Selama ditinjau, isinya tidak dapat diubah sampai pembimbing "
                     "meminta revisi atau menyetujuinya."), needs_bimtek=True),
        Transition("revise", _("Minta revisi"), (S.DIAJUKAN,), S.PERLU_REVISI,
                   "masterplan.request_revision",
                   _("tim pembimbing wilayah ini"),
                   _("Masterplan dikembalikan kepada tim daerah dengan status Perlu revisi, "
                     "sehingga isinya dapat diubah lagi. Catatan Anda dikirim kepada tim."),
                   needs_comment=True),
        Transition("approve", _("Setujui"), (S.DIAJUKAN,), S.DISETUJUI, "masterplan.approve",
                   _("tim pembimbing wilayah ini"),
                   _("Masterplan disetujui untuk Bimtek ini. Isinya tetap terkunci sampai ketua "
                     "tim melanjutkan penyusunan atau masterplan ditetapkan final.")),
        Transition("continue", _("Lanjutkan penyusunan"), (S.DISETUJUI,), S.DRAF,
                   "masterplan.continue_drafting", _("ketua tim pelaksana"),
                   _("Masterplan kembali berstatus Draf, sehingga tim dapat melanjutkan "
                     "penyusunan untuk Bimtek berikutnya.")),
        Transition("finalize", _("Tetapkan sebagai final"), (S.DISETUJUI,), S.FINAL,
                   "masterplan.finalize", _("tim pembimbing wilayah ini atau admin Kominfo"),
                   _("Masterplan ditetapkan sebagai final; isinya tidak dapat diubah lagi.")),
        Transition("legalize", _("Catat penetapan (Perda/Perkada)"), (S.FINAL,), S.DITETAPKAN,
                   "masterplan.legalize", _("ketua tim pelaksana atau admin Kominfo"),
                   _("Penetapan dengan Perda atau Perkada dicatat dan masterplan berstatus "
                     "Ditetapkan."), needs_legal=True),
    ]
}


def available(masterplan, user):
    """The transitions `user` may make on `masterplan` now."""
    return [t for t in TRANSITIONS.values()
            if masterplan.status in t.sources and user.has_perm(t.permission, masterplan)
            and _blocker(t, masterplan) is None]


def _blocker(transition, masterplan):
    """Why the transition cannot happen to this masterplan now (None if it can)."""
    if transition.code == "finalize" and masterplan.bimtek_number != FINAL_BIMTEK:
        return _("Masterplan hanya dapat difinalkan setelah disetujui pada Bimtek #4.")
    if transition.code == "continue" and masterplan.bimtek_number == FINAL_BIMTEK:
        return _("Persetujuan Bimtek #4 dilanjutkan dengan finalisasi, bukan penyusunan ulang.")
    return None


def apply(masterplan, code, user, *, comment="", bimtek_number=None, legal_kind="",
          legal_number="", legal_date=None):
    """Make transition `code`; raises PermissionDenied (wrong role) or ValidationError (wrong
    status or missing input). Nothing changes unless the whole transition succeeds."""
    transition = TRANSITIONS.get(code)
    if transition is None:
        raise ValidationError(_("Tindakan tidak dikenal."))
    if not user.has_perm(transition.permission, masterplan):
        raise PermissionDenied(_("Tindakan “%(action)s” hanya dapat dilakukan oleh %(who)s.")
                               % {"action": transition.label, "who": transition.who})
    with transaction.atomic():
        # Lock the row so two reviewers cannot act on the same submission at once.
        current = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
        if current.status not in transition.sources:
            raise ValidationError(
                _("Tindakan “%(action)s” tidak dapat dilakukan pada masterplan berstatus "
                  "“%(status)s”.") % {"action": transition.label,
                                      "status": current.get_status_display()})
        blocker = _blocker(transition, current)
        if blocker:
            raise ValidationError(blocker)
        errors = {}
        if transition.needs_bimtek and bimtek_number not in (1, 2, 3, 4):
            errors["bimtek_number"] = _("Pilih Bimtek yang dituju (1–4).")
        if transition.needs_comment and not comment.strip():
            errors["comment"] = _("Tuliskan apa yang perlu direvisi.")
        if transition.needs_legal:
            if legal_kind not in ("perda", "perkada"):
                errors["legal_kind"] = _("Pilih Perda atau Perkada.")
            if not legal_number.strip():
                errors["legal_number"] = _("Isi nomor penetapan.")
            if legal_date is None:
                errors["legal_date"] = _("Isi tanggal penetapan.")
        if errors:
            raise ValidationError(errors)
        fields = {"status": transition.target}
        if transition.needs_bimtek:
            fields["bimtek_number"] = bimtek_number
        if transition.needs_legal:
            fields.update(legal_kind=legal_kind, legal_number=legal_number.strip(),
                          legal_date=legal_date)
        Masterplan.objects.filter(pk=current.pk).update(**fields)
        bump_version(current, user)
        change = StatusChange.objects.create(
            masterplan=current, transition=code, from_status=current.status,
            to_status=transition.target, bimtek_number=fields.get("bimtek_number",
                                                                  current.bimtek_number),
            comment=comment.strip(), changed_by=user)
    for name, value in fields.items():
        setattr(masterplan, name, value)
    masterplan.version = current.version
    transaction.on_commit(lambda: status_changed.send(sender=Masterplan, masterplan=masterplan,
                                                      change=change))
    return change


# Why the content is locked in each status that locks it, and what opens it again.
LOCK_EXPLANATIONS = {
    S.DIAJUKAN: _("Masterplan sedang ditinjau Tim Pembimbing (status Diajukan), sehingga isinya "
                  "tidak dapat diubah. Isi dapat diubah lagi bila pembimbing meminta revisi."),
    S.DISETUJUI: _("Masterplan telah disetujui (status Disetujui), sehingga isinya tidak dapat "
                   "diubah. Ketua tim dapat membukanya kembali dengan “Lanjutkan penyusunan” di "
                   "halaman Status."),
    S.FINAL: _("Masterplan sudah final (status Final): isinya tidak dapat diubah lagi. Langkah "
               "berikutnya adalah mencatat penetapannya dengan Perda atau Perkada."),
    S.DITETAPKAN: _("Masterplan telah ditetapkan (status Ditetapkan): isinya tidak dapat diubah "
                    "lagi. Untuk periode atau revisi berikutnya, buat masterplan baru."),
}


# Who acts next in each status, for the region's overview.
NEXT_ACTOR = {
    S.DRAF: _("Tim daerah menyusun isi; ketua tim mengajukannya untuk ditinjau bila siap."),
    S.DIAJUKAN: _("Tim Pembimbing meninjau, lalu menyetujui atau meminta revisi."),
    S.PERLU_REVISI: _("Tim daerah merevisi sesuai komentar pembimbing, lalu ketua tim mengajukan "
                      "kembali."),
    S.DISETUJUI: _("Ketua tim melanjutkan penyusunan untuk Bimtek berikutnya; setelah Bimtek #4 "
                   "pembimbing atau admin Kominfo menetapkannya final."),
    S.FINAL: _("Ketua tim atau admin Kominfo mencatat penetapan dengan Perda atau Perkada."),
    S.DITETAPKAN: _("Tidak ada: masterplan telah ditetapkan."),
}


def lock_explanation(masterplan):
    """Why `masterplan`'s content cannot be changed now and what unlocks it; "" when it can."""
    if masterplan is None or masterplan.is_editable:
        return ""
    return LOCK_EXPLANATIONS.get(masterplan.status, "")


def last_submission(masterplan):
    return masterplan.status_changes.filter(transition="submit").order_by("-changed_at").first()

"""Tim Pembimbing reports (Lampiran V–VIII): who writes and signs them, when they are locked,
and the state of each visit for the overviews.

Rules (the access layer decides the roles, this module the report's own life):

- A report is read by everyone who can VIEW its region. It is written (tanggal kunjungan,
  output text, keterangan per activity, attachments) with REVIEW: the region's assigned
  pembimbing and Kominfo admins.
- Two signatures confirm it, each recording who and when: the Tim Pembimbing's, by an account
  assigned as pembimbing of the region, and the Ketua Tim Pelaksana's, by the region's ketua.
  Admins review every region but are no region's Tim Pembimbing, so they do not sign.
- A report can be signed once its tanggal kunjungan and output text are written.
- A signature covers the report as it was signed. Once both sides have signed, every change
  (report fields, notes, attachments, the visit data printed in the header) is refused with
  LOCKED_MESSAGE. While only one side has signed, changes are refused too, naming who signed:
  that signer withdraws first (so the other side never confirms a text its partner did not
  see). A signer may withdraw only their own signature, and only while the other side has not
  signed yet.
- Every refusal happens before anything is written: nothing changes.

States for the overviews, the highest that applies: planned (planned_date set), held
(actual_date set), reported (output written or any keterangan), signed (both signatures).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import content_version
from masterplan.editing import save_versioned

from .models import Report, ReportItemNote, Visit
from .rules import KETUA, PEMBIMBING, SIGNS_AS

LOCKED_MESSAGE = gettext_lazy("Laporan sudah ditandatangani kedua pihak; tidak dapat diubah.")

SIDE_LABELS = {PEMBIMBING: gettext_lazy("Tim Pembimbing"),
               KETUA: gettext_lazy("Ketua Tim Pelaksana")}

NONE, PLANNED, HELD, REPORTED, SIGNED = "", "planned", "held", "reported", "signed"
STATES = (NONE, PLANNED, HELD, REPORTED, SIGNED)
STATE_LABELS = {
    NONE: gettext_lazy("Belum direncanakan"),
    PLANNED: gettext_lazy("Direncanakan"),
    HELD: gettext_lazy("Terlaksana"),
    REPORTED: gettext_lazy("Dilaporkan"),
    SIGNED: gettext_lazy("Ditandatangani"),
}


class ReportLocked(ValidationError):
    """A change refused because a signature stands on the report."""


# --- signatures and the lock -------------------------------------------------------------------

def signed_sides(report):
    return [side for side in (PEMBIMBING, KETUA) if getattr(report, f"{side}_signed_at")]


def lock_message(report):
    """Why `report` cannot change now, or "" if it can."""
    sides = signed_sides(report)
    if len(sides) == 2:
        return str(LOCKED_MESSAGE)
    if sides:
        side = sides[0]
        return _("Laporan sudah ditandatangani %(side)s (%(name)s); tanda tangan itu harus "
                 "dibatalkan dahulu sebelum laporan diubah.") % {
            "side": SIDE_LABELS[side], "name": getattr(report, f"{side}_signed_by")}
    return ""


def lock_for_change(report):
    """Inside a transaction: lock the report's row, re-read its signatures and raise
    ReportLocked if one stands. Returns the current row."""
    current = (Report.objects.select_for_update(of=("self",))
               .select_related("pembimbing_signed_by", "ketua_signed_by").get(pk=report.pk))
    message = lock_message(current)
    if message:
        raise ReportLocked(message)
    return current


def signer_side(user, region):
    """The side `user` signs for in `region` (PEMBIMBING, KETUA) or None (bimtek/rules.py)."""
    for side, signs in SIGNS_AS.items():
        if signs.test(user, region):
            return side
    return None


SIGN_DENIED = gettext_lazy("Hanya tim pembimbing wilayah ini atau ketua tim pelaksana yang dapat "
                           "menandatangani laporan Bimtek.")


def sign(report, user):
    """Sign `report` for the user's side; PermissionDenied for other roles, ValidationError when
    the report is incomplete or the side has signed already."""
    side = signer_side(user, report.visit.masterplan.region)
    if side is None:
        raise PermissionDenied(SIGN_DENIED)
    with transaction.atomic():
        current = (Report.objects.select_for_update(of=("self",))
                   .select_related("pembimbing_signed_by", "ketua_signed_by").get(pk=report.pk))
        if len(signed_sides(current)) == 2:
            raise ReportLocked(LOCKED_MESSAGE)
        if getattr(current, f"{side}_signed_at"):
            raise ValidationError(_("Laporan ini sudah ditandatangani %(side)s (%(name)s).") % {
                "side": SIDE_LABELS[side], "name": getattr(current, f"{side}_signed_by")})
        missing = [label for label, value in ((_("tanggal kunjungan"), current.visit_date),
                                              (_("output hasil Bimtek"), current.output.strip()))
                   if not value]
        if missing:
            raise ValidationError(_("Lengkapi %(fields)s sebelum menandatangani laporan.")
                                  % {"fields": _(" dan ").join(missing)})
        now = timezone.now()
        Report.objects.filter(pk=report.pk).update(**{
            f"{side}_signed_by": user, f"{side}_signed_at": now,
            "version": F("version") + 1, "updated_by": user, "updated_at": now})
        content_version.changed(current)  # an UPDATE sends no signal
    report.refresh_from_db()
    return side


def unsign(report, user):
    """Withdraw the user's own signature while the other side has not signed."""
    side = signer_side(user, report.visit.masterplan.region)
    if side is None:
        raise PermissionDenied(SIGN_DENIED)
    with transaction.atomic():
        current = (Report.objects.select_for_update(of=("self",))
                   .select_related("pembimbing_signed_by", "ketua_signed_by").get(pk=report.pk))
        if len(signed_sides(current)) == 2:
            raise ReportLocked(LOCKED_MESSAGE)
        if getattr(current, f"{side}_signed_at") is None:
            raise ValidationError(_("Belum ada tanda tangan %(side)s pada laporan ini.")
                                  % {"side": SIDE_LABELS[side]})
        if getattr(current, f"{side}_signed_by_id") != user.pk:
            raise ValidationError(_("Tanda tangan %(side)s dibuat oleh %(name)s; hanya dia yang "
                                    "dapat membatalkannya.") % {
                "side": SIDE_LABELS[side], "name": getattr(current, f"{side}_signed_by")})
        Report.objects.filter(pk=report.pk).update(**{
            f"{side}_signed_by": None, f"{side}_signed_at": None,
            "version": F("version") + 1, "updated_by": user, "updated_at": timezone.now()})
        content_version.changed(current)  # an UPDATE sends no signal
    report.refresh_from_db()
    return side


# --- writing ---------------------------------------------------------------------------------

def report_of(visit):
    """The visit's report, or None before anyone wrote it."""
    try:
        return visit.report
    except Report.DoesNotExist:
        return None


def pdf_filename(visit):
    """The download name of the visit's report as PDF."""
    return (f"laporan-bimtek-{visit.session.number}-"
            f"{visit.masterplan.region.code.replace('.', '')}.pdf")


def report_or_new(visit):
    """The visit's report, or an unsaved one as ensure_report would create it (for GET pages,
    which only read; the first save creates it)."""
    return report_of(visit) or Report(visit=visit, visit_date=visit.actual_date)


def ensure_report(visit):
    """The visit's report, created (tanggal kunjungan = the visit's actual date) if missing."""
    report = report_of(visit)
    if report is None:
        report, _created = Report.objects.get_or_create(
            visit=visit, defaults={"visit_date": visit.actual_date})
        visit.report = report
    return report


def save_report(form, user):
    """Save the header/output form (a VersionedFormMixin form of the report): refused with
    ReportLocked if signed, VersionConflict if someone else saved first."""
    with transaction.atomic():
        lock_for_change(form.instance)
        return save_versioned(form, user)


def save_notes(form, user):
    """Save the keterangan grid (bimtek.forms.NotesForm) all or nothing, under the report's
    version check and lock."""
    with transaction.atomic():
        lock_for_change(form.instance)
        return save_versioned(form, user, save_related=form.save_notes)


def notes_by_item(report):
    """{report item id: ReportItemNote} of a report (empty before any note is written)."""
    if report is None or report.pk is None:
        return {}
    return {note.item_id: note for note in report.notes.all()}


@dataclass(frozen=True)
class ReportLine:
    """One activity row of the report form: its day, time, text and keterangan."""

    item: object  # ReportItem
    time: str
    note: object  # ReportItemNote or None
    day_rows: int  # rows of this day when this is the day's first row, else 0

    @property
    def day(self):
        return self.item.day

    @property
    def held(self):
        return None if self.note is None else self.note.held

    @property
    def notes(self):
        return "" if self.note is None else self.note.notes


def report_lines(session, report):
    """The report form's rows in order, the time taken from the session's agenda."""
    items = list(session.report_items.all())
    times = {(agenda.day, agenda.seq): agenda.time_printed for agenda in session.agenda.all()}
    notes = notes_by_item(report)
    per_day = {}
    for item in items:
        per_day[item.day] = per_day.get(item.day, 0) + 1
    lines, seen_days = [], set()
    for item in items:
        first = item.day not in seen_days
        seen_days.add(item.day)
        lines.append(ReportLine(item, times.get((item.day, item.agenda_seq), ""),
                                notes.get(item.pk), per_day[item.day] if first else 0))
    return lines


# --- states ----------------------------------------------------------------------------------

def state_of(planned_date, actual_date, has_content, pembimbing_signed, ketua_signed):
    if pembimbing_signed and ketua_signed:
        return SIGNED
    if has_content:
        return REPORTED
    if actual_date:
        return HELD
    if planned_date:
        return PLANNED
    return NONE


@dataclass(frozen=True)
class VisitState:
    number: int
    state: str
    planned_date: object
    actual_date: object
    pembimbing_signed: bool
    ketua_signed: bool

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def rank(self):
        return STATES.index(self.state)

    @property
    def date(self):
        return self.actual_date or self.planned_date


def content_exists():
    """Exists(): the outer Visit's report has an output text or a keterangan."""
    notes = ReportItemNote.objects.filter(report__visit=OuterRef("pk")).exclude(held=None, notes="")
    outputs = Report.objects.filter(visit=OuterRef("pk")).exclude(output="")
    return ExpressionWrapper(Q(Exists(notes)) | Q(Exists(outputs)), output_field=BooleanField())


def annotate_states(visits):
    """Visits with what state_of needs, in the same query."""
    return visits.annotate(
        has_content=content_exists(),
        pembimbing_signed=Exists(Report.objects.filter(visit=OuterRef("pk"),
                                                       pembimbing_signed_at__isnull=False)),
        ketua_signed=Exists(Report.objects.filter(visit=OuterRef("pk"),
                                                  ketua_signed_at__isnull=False)),
    )


def visit_state(visit):
    """VisitState of an annotated visit (annotate_states)."""
    return VisitState(visit.session.number, state_of(visit.planned_date, visit.actual_date,
                                                      visit.has_content, visit.pembimbing_signed,
                                                      visit.ketua_signed),
                      visit.planned_date, visit.actual_date, visit.pembimbing_signed,
                      visit.ketua_signed)


def visit_states(masterplan_ids):
    """{masterplan id: {session number: VisitState}}, one query however many masterplans."""
    result = {mp_id: {} for mp_id in masterplan_ids}
    rows = annotate_states(Visit.objects.filter(masterplan_id__in=list(masterplan_ids))).values_list(
        "masterplan_id", "session__number", "planned_date", "actual_date", "has_content",
        "pembimbing_signed", "ketua_signed")
    for mp_id, number, planned, actual, content, by_pembimbing, by_ketua in rows:
        result.setdefault(mp_id, {})[number] = VisitState(
            number, state_of(planned, actual, content, by_pembimbing, by_ketua), planned, actual,
            by_pembimbing, by_ketua)
    return result

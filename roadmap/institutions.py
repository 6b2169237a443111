"""Smart city institutions (the guide's Panduan Pembentukan Kelembagaan): the Dewan Smart City
Daerah, the Tim Pelaksana and any number of supporting forums, each with its members.

Rules:
* one edit saves the body's decree fields and its whole members grid in ONE transaction, guarded
  by the body's version (masterplan.editing.save_versioned): a concurrent edit of either the
  decree or the members is refused with the other person's changes listed, nothing is saved;
* the decree number and date go together; the date cannot lie in the future;
* validity: the Dewan is valid for 5 years and the Tim Pelaksana for 1 year from the decree date
  (Institution.VALID_YEARS): the decree is `expired` from the anniversary on (decree 1 March
  2025, Tim: valid up to 28 February 2026, expired from 1 March 2026) and `expires_soon` in the
  EXPIRES_SOON_DAYS before that;
* Dewan members need an unsur; a Dewan with members has exactly one ketua and at most one
  sekretaris (a Dewan without members may be saved, e.g. the decree first);
* Tim Pelaksana members need an OPD of the masterplan's region; the Tim has at most one ketua;
* a forum has a name, optionally a managing OPD of the region, and members or a contact;
  forums can be added and deleted (the version seen), the Dewan and the Tim cannot.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import clock, ordering
from masterplan.editing import FieldChange, VersionedFormMixin, rows_input_changed, rows_values, save_versioned

from .models import Institution, InstitutionKind, InstitutionMember, MemberRole, Opd

COUNCIL, TEAM, FORUM = InstitutionKind.COUNCIL, InstitutionKind.TEAM, InstitutionKind.FORUM
EXPIRES_SOON_DAYS = 60
MAX_MEMBERS = 60
EXTRA_ROWS = 3  # empty rows below the members
MIN_ROWS = 12  # rows of the grid of a body without members
_MEMBERS_SALT = "roadmap.institutions.members"

OPD_INVALID = gettext_lazy("OPD yang dipilih bukan OPD wilayah ini.")


# --- validity ----------------------------------------------------------------------------------

def add_years(date, years):
    """The same day `years` later (29 February becomes 1 March in a common year)."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, month=3, day=1)


@dataclass(frozen=True)
class Validity:
    """How long a body's decree holds: from the decree date for `years` years."""

    years: int
    decree_date: datetime.date | None
    today: datetime.date

    @property
    def known(self):
        return self.decree_date is not None

    @property
    def ends_on(self):
        """The first day the decree no longer holds."""
        return add_years(self.decree_date, self.years) if self.known else None

    @property
    def valid_until(self):
        """The last day the decree holds."""
        return self.ends_on - datetime.timedelta(days=1) if self.known else None

    @property
    def expired(self):
        return self.known and self.today >= self.ends_on

    @property
    def days_left(self):
        return (self.ends_on - self.today).days if self.known else None

    @property
    def expires_soon(self):
        return self.known and not self.expired and self.days_left <= EXPIRES_SOON_DAYS


def validity(institution, today=None):
    """The Validity of a Dewan or Tim decree; None for forums (no term in the guide)."""
    years = Institution.VALID_YEARS.get(institution.kind)
    if years is None:
        return None
    return Validity(years, institution.decree_date,
                    today or clock.today(institution.masterplan.region))


# --- reading -----------------------------------------------------------------------------------

def opds_of(region):
    return Opd.objects.filter(region=region).order_by("position", "name")


def institutions_of(masterplan):
    """The masterplan's bodies with their members (and the members' OPDs): two queries."""
    members = InstitutionMember.objects.select_related("opd").order_by("position", "pk")
    return (Institution.objects.filter(masterplan=masterplan)
            .select_related("managing_opd", "updated_by")
            .prefetch_related(Prefetch("members", queryset=members)))


@dataclass(frozen=True)
class Overview:
    council: Institution | None
    team: Institution | None
    forums: list
    council_validity: Validity | None
    team_validity: Validity | None

    @property
    def council_chair(self):
        return chair_of(self.council)

    @property
    def warnings(self):
        """Messages about expired or soon-expiring decrees, Dewan first."""
        result = []
        for body, valid in ((self.council, self.council_validity), (self.team, self.team_validity)):
            if body is None or valid is None or not valid.known:
                continue
            values = {"body": body.get_kind_display(), "date": _date(valid.valid_until)}
            if valid.expired:
                result.append(("danger", _(
                    "Keputusan %(body)s sudah tidak berlaku sejak %(next)s (berlaku sampai "
                    "%(date)s). Perbarui keputusannya.") % {**values, "next": _date(valid.ends_on)}))
            elif valid.expires_soon:
                result.append(("warning", _(
                    "Keputusan %(body)s berlaku sampai %(date)s (%(days)s hari lagi). Siapkan "
                    "pembaruannya.") % {**values, "days": valid.days_left}))
        return result


def _date(value):
    return clock.format_date(value)


def chair_of(institution):
    if institution is None:
        return None
    return next((m for m in institution.members.all() if m.role == MemberRole.CHAIR), None)


def overview(masterplan, today=None):
    today = today or clock.today(masterplan.region)
    bodies = list(institutions_of(masterplan))
    council = next((body for body in bodies if body.kind == COUNCIL), None)
    team = next((body for body in bodies if body.kind == TEAM), None)
    return Overview(
        council=council, team=team, forums=[body for body in bodies if body.kind == FORUM],
        council_validity=validity(council, today) if council else None,
        team_validity=validity(team, today) if team else None)


# --- forms -------------------------------------------------------------------------------------

BODY_FIELDS = {
    COUNCIL: ["decree_number", "decree_date", "selection_process"],
    TEAM: ["decree_number", "decree_date"],
    FORUM: ["name", "managing_opd", "contact"],
}
MEMBER_FIELDS = {
    COUNCIL: ["name", "unsur", "role", "position_title"],
    TEAM: ["name", "opd", "position_title", "eselon", "role"],
    FORUM: ["name", "position_title"],
}
DECREE_LABELS = {
    COUNCIL: (gettext_lazy("Nomor keputusan kepala daerah"),
              gettext_lazy("Tanggal keputusan kepala daerah")),
    TEAM: (gettext_lazy("Nomor keputusan Kepala Dinas Kominfo"),
           gettext_lazy("Tanggal keputusan Kepala Dinas Kominfo")),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class InstitutionForm(VersionedFormMixin, forms.ModelForm):
    """The decree (Dewan, Tim) or the forum's name, OPD and contact. The members the editor saw
    are signed into the form, so a concurrent change of the members is listed in a conflict."""

    members_snapshot = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Institution
        fields = ["name", "decree_number", "decree_date", "selection_process", "managing_opd",
                  "contact"]
        widgets = {"decree_date": DateInput, "contact": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"managing_opd": {"invalid_choice": OPD_INVALID},
                          "decree_date": {"invalid": gettext_lazy(
                              "Tanggal tidak terbaca; gunakan pemilih tanggal.")}}

    def __init__(self, *args, kind, region, **kwargs):
        self.kind, self.region = kind, region
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:
            if name not in BODY_FIELDS[kind]:
                del self.fields[name]
        if "managing_opd" in self.fields:
            self.fields["managing_opd"].queryset = opds_of(region)
        if kind == FORUM:
            self.fields["name"].required = True
            self.fields["name"].label = _("Nama forum")
            self.fields["name"].error_messages["required"] = _("Tuliskan nama forum.")
            self.fields["contact"].help_text = _(
                "Narahubung, surel atau akun media sosial forum; isi bila anggotanya tidak dicatat.")
        else:
            number, date = DECREE_LABELS[kind]
            self.fields["decree_number"].label = number
            self.fields["decree_date"].label = date

    def tracked_fields(self):
        return [name for name in super().tracked_fields() if name in BODY_FIELDS[self.kind]]

    def rebase_kwargs(self):
        return {"kind": self.kind, "region": self.region}

    def clean_decree_date(self):
        date = self.cleaned_data.get("decree_date")
        if date is not None and date > clock.today(self.region):
            raise ValidationError(_("Tanggal keputusan tidak boleh di masa depan."))
        return date

    def clean(self):
        cleaned = super().clean()
        if self.kind == FORUM:
            return cleaned
        number, date = cleaned.get("decree_number"), cleaned.get("decree_date")
        if number and date is None and "decree_date" not in self.errors:
            self.add_error("decree_date", _("Isi tanggal keputusan bersama nomornya."))
        if date is not None and not number:
            self.add_error("decree_number", _("Isi nomor keputusan bersama tanggalnya."))
        return cleaned

    # InstitutionEditor signs {"lines": member_lines, "rows": the member rows as loaded} into it.
    def loaded_members(self):
        try:
            loaded = signing.loads(self.data.get(self.add_prefix("members_snapshot"), ""),
                                   salt=_MEMBERS_SALT)
        except signing.BadSignature:
            return {}
        return loaded if isinstance(loaded, dict) and "lines" in loaded else {}

    def members_changed_by_others(self, current):
        return self.loaded_members().get("lines") != member_lines(current)

    def conflict_changes(self, current):
        changes = super().conflict_changes(current)
        seen = self.loaded_members().get("lines", [])
        now = member_lines(current)
        if seen != now:
            changes.append(FieldChange(_("Anggota"), "; ".join(seen), "; ".join(now)))
        return changes

    def rebased(self, conflict, related=None, members_snapshot=None):
        if members_snapshot is not None:
            self.data = self.data.copy()
            self.data[self.add_prefix("members_snapshot")] = members_snapshot
        return super().rebased(conflict, related=related)


def member_line(member):
    parts = [member.name, member.get_role_display()]
    parts += [value for value in (member.get_unsur_display(), str(member.opd or ""),
                                  member.position_title, member.eselon) if value]
    return " — ".join(parts)


def member_lines(institution):
    return [member_line(member) for member in
            InstitutionMember.objects.filter(institution=institution).select_related("opd")
            .order_by("position", "pk")]


def sign_members(institution, members_formset):
    """The members as loaded: lines to list a concurrent change, and the rows as posted, to tell
    whether the editor changed them."""
    return signing.dumps({"lines": member_lines(institution), "rows": rows_values(
        [members_formset.management_form, *members_formset.forms])}, salt=_MEMBERS_SALT)


class MemberForm(forms.ModelForm):
    class Meta:
        model = InstitutionMember
        fields = ["name", "role", "unsur", "opd", "position_title", "eselon"]
        error_messages = {"opd": {"invalid_choice": OPD_INVALID},
                          "name": {"required": gettext_lazy("Tuliskan nama anggota.")}}

    def __init__(self, *args, kind, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if "opd" in self.fields:
            self.fields["opd"].queryset = opds_of(region)
            if kind == TEAM:
                self.fields["opd"].required = True
                self.fields["opd"].error_messages["required"] = _(
                    "Pilih OPD anggota Tim Pelaksana.")
        if "unsur" in self.fields and kind == COUNCIL:
            self.fields["unsur"].required = True
            self.fields["unsur"].error_messages["required"] = _("Pilih unsur anggota Dewan.")
        if "position_title" in self.fields and kind == FORUM:
            self.fields["position_title"].label = _("Keterangan / asal")
        if "eselon" in self.fields:
            self.fields["eselon"].widget.attrs["list"] = "eselon-pilihan"
        row = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")
            if row.isdigit():  # the grid shows the labels once, in the header
                widget.attrs["aria-label"] = f"{field.label} {int(row) + 1}"


class MemberFormSet(BaseInlineFormSet):
    kind = None

    GONE = gettext_lazy("Anggota ini sudah dihapus oleh pengguna lain atau bukan anggota "
                        "lembaga ini; muat ulang halaman.")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields and index is not None:
            form.fields["DELETE"].widget.attrs.update({
                "class": "form-check-input",
                "aria-label": _("Hapus baris %(row)s") % {"row": index + 1}})
        form.fields["id"].error_messages["invalid_choice"] = self.GONE

    def kept(self):
        """Cleaned data of the rows that stay (filled and not marked for deletion)."""
        return [form.cleaned_data for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")]

    def clean(self):
        super().clean()
        # A row posted as an existing member that is not one of this body's members (deleted
        # meanwhile, or an id of another body): Django would quietly treat it as a new row.
        for form in self.forms[:self.initial_form_count()]:
            if form.instance.pk is None and "id" not in form.errors:
                form.add_error("id", self.GONE)
        if any(self.errors):
            return
        roles = [row.get("role") for row in self.kept()]
        chairs, secretaries = roles.count(MemberRole.CHAIR), roles.count(MemberRole.SECRETARY)
        if self.kind == COUNCIL and roles and chairs != 1:
            raise ValidationError(_(
                "Dewan Smart City harus memiliki tepat satu ketua; sekarang %(count)s.")
                % {"count": chairs})
        if self.kind == COUNCIL and secretaries > 1:
            raise ValidationError(_(
                "Dewan Smart City paling banyak memiliki satu sekretaris; sekarang %(count)s.")
                % {"count": secretaries})
        if self.kind == TEAM and chairs > 1:
            raise ValidationError(_(
                "Tim Pelaksana paling banyak memiliki satu ketua; sekarang %(count)s.")
                % {"count": chairs})


def member_formset_class(kind, extra=EXTRA_ROWS):
    return inlineformset_factory(
        Institution, InstitutionMember, form=MemberForm, formset=type(
            "MemberFormSet", (MemberFormSet,), {"kind": kind}),
        fields=MEMBER_FIELDS[kind], extra=extra, can_delete=True, max_num=MAX_MEMBERS,
        validate_max=True, absolute_max=MAX_MEMBERS + MIN_ROWS)


def forum_contact_error(kind, has_members, contact):
    """A forum records its members or a contact."""
    if kind == FORUM and not has_members and not (contact or "").strip():
        return _("Catat anggota forum atau kontaknya.")
    return None


class InstitutionEditor:
    """The body form and its members grid, validated and saved together."""

    prefix = "anggota"

    def __init__(self, institution, masterplan, data=None):
        self.institution, self.masterplan = institution, masterplan
        self.kind = institution.kind
        region = masterplan.region
        self.form = InstitutionForm(data, instance=institution, kind=self.kind, region=region)
        queryset = (InstitutionMember.objects.filter(institution=institution.pk)
                    .select_related("opd").order_by("position", "pk"))
        # A bound grid has as many rows as were posted; an empty body starts with MIN_ROWS.
        extra = EXTRA_ROWS if data is not None else max(EXTRA_ROWS, MIN_ROWS - queryset.count())
        self.members = member_formset_class(self.kind, extra)(
            data, instance=institution, prefix=self.prefix, queryset=queryset,
            form_kwargs={"kind": self.kind, "region": region})
        self.errors = []  # messages about the body as a whole
        if data is None and institution.pk is not None:
            self.form.initial["members_snapshot"] = sign_members(institution, self.members)

    def is_valid(self):
        if self.form.keeps_theirs():  # after a conflict: the other person's members stay
            return self.form.is_valid()
        valid = self.form.is_valid() & self.members.is_valid()
        if valid:
            message = forum_contact_error(self.kind, bool(self.members.kept()),
                                          self.form.cleaned_data.get("contact", ""))
            if message:
                self.errors.append(message)
                valid = False
        return valid

    @property
    def has_errors(self):
        return bool(self.errors or self.form.errors or self.members.total_error_count())

    def save(self, user):
        """Save the body and its members in one transaction; VersionConflict saves nothing."""
        form = self.form
        if form.instance.pk is None:
            form.instance.masterplan = self.masterplan
            form.instance.kind = self.kind
        if form.keeps_theirs():  # after a conflict the editor kept the other person's members
            return save_versioned(form, user)
        return save_versioned(form, user, save_related=self._save_members)

    def _save_members(self, institution):
        formset = self.members
        formset.instance = institution
        formset.save(commit=False)
        for member in formset.deleted_objects:
            member.delete()
        deleted = set(formset.deleted_forms)
        position = 0
        for form in formset.forms:
            if form in deleted or (form.instance.pk is None and not form.has_changed()):
                continue
            if form.instance.pk is None and form in formset.initial_forms:
                continue  # refused by clean(); never saved as a new row
            member = form.instance
            if member.pk is None or form.has_changed() or member.position != position:
                member.institution = institution
                member.position = position
                member.save()
            position += 1

    def rebased(self, conflict):
        """The merged input on the current version. The members are merged as one block:
        changed by the other person only -> theirs are shown; changed by both (to something
        else) -> the editor must choose; changed by the editor only -> kept."""
        current = conflict.current
        theirs = InstitutionEditor(current, self.masterplan)
        related = None
        if self.form.members_changed_by_others(current):
            rows = [self.members.management_form, *self.members.forms]
            if not rows_input_changed(rows, self.form.loaded_members().get("rows")):
                self.members = theirs.members
            elif self.members.has_changed():
                related = (_("Anggota"), _("tabel anggota di halaman ini"),
                           "; ".join(member_lines(current)))
        self.form = self.form.rebased(conflict, related=related,
                                      members_snapshot=sign_members(current, theirs.members))
        self.members.instance = current
        return self


def new_forum(masterplan):
    return Institution(masterplan=masterplan, kind=FORUM)


def delete_forum(forum, seen_version):
    """Delete a forum (with its members) if still at the version seen; the Dewan and the Tim
    Pelaksana stay (the guide requires them)."""
    if forum.kind != FORUM:
        raise ValidationError(_("Dewan Smart City dan Tim Pelaksana tidak dapat dihapus."))
    return ordering.delete_versioned(forum, seen_version, str(forum))

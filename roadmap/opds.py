"""The region's list of OPDs (Organisasi Perangkat Daerah), the offices that carry out programs,
manage institutions and own e-Gov applications.

Rules:
* the list belongs to the region, not to one masterplan: every masterplan of the region picks its
  pelaksana from it;
* a name is required; names and singkatan are unique in the region ignoring case and surrounding
  spaces ("Diskominfo" and " diskominfo " are the same OPD), checked by the form and again by
  the service under a lock on the region, so two people adding the same OPD at once get one;
* the list is ordered: new OPDs go to the end, moving swaps with the neighbour (masterplan.ordering);
* an OPD still used — lead or supporting OPD of a program (of any masterplan of the region),
  managing OPD of an institution, OPD of an institution member, owner of an e-Gov application —
  cannot be deleted; the message names where it is used. Deleting carries the version the page
  showed (a row someone changed meanwhile is not deleted);
* edits are versioned (masterplan.editing); the list is changed only while the region's current
  masterplan (if any) is a draft or needs revision, as its programs show the OPDs' names.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import ordering
from masterplan.editing import VersionedFormMixin, save_versioned
from masterplan.models import Region

from .models import Application, Institution, InstitutionMember, Opd, Program


def opds_of(region):
    return Opd.objects.filter(region=region).order_by("position", "name", "pk")


def opds_with_usage(region):
    """The region's OPDs with `led` and `supported`: programs (any masterplan) they lead or
    support."""
    return opds_of(region).annotate(
        led=Count("led_programs", distinct=True),
        supported=Count("supported_programs", distinct=True))


def _normal(text):
    return " ".join((text or "").split()).casefold()


def duplicate_errors(region, name, short_name, exclude_pk=None):
    """{field: message} for a name or singkatan another OPD of the region already has."""
    errors = {}
    others = Opd.objects.filter(region=region)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    names, shorts = {}, {}
    for other in others.only("name", "short_name"):
        names[_normal(other.name)] = other
        if other.short_name.strip():
            shorts[_normal(other.short_name)] = other
    if _normal(name) in names:
        errors["name"] = _("OPD “%(name)s” sudah ada di daftar OPD wilayah ini.") % {
            "name": names[_normal(name)].name}
    if short_name and short_name.strip() and _normal(short_name) in shorts:
        errors["short_name"] = _("Singkatan “%(short)s” sudah dipakai oleh %(name)s.") % {
            "short": shorts[_normal(short_name)].short_name, "name": shorts[_normal(short_name)].name}
    return errors


class OpdForm(VersionedFormMixin, forms.ModelForm):
    """One OPD of the list; prefixed by its id (or "baru") so every row has its own form."""

    class Meta:
        model = Opd
        fields = ["name", "short_name"]
        labels = {"name": gettext_lazy("Nama OPD"), "short_name": gettext_lazy("Singkatan")}
        error_messages = {"name": {"required": gettext_lazy("Tuliskan nama OPD.")}}

    def __init__(self, *args, region, **kwargs):
        self.region = region
        instance = kwargs.get("instance")
        kwargs.setdefault("prefix", f"opd{instance.pk}" if instance and instance.pk else "baru")
        super().__init__(*args, **kwargs)

    def rebase_kwargs(self):
        return {"region": self.region, "prefix": self.prefix}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_short_name(self):
        return " ".join(self.cleaned_data["short_name"].split())

    def clean(self):
        cleaned = super().clean()
        for field, message in duplicate_errors(self.region, cleaned.get("name", ""),
                                               cleaned.get("short_name", ""),
                                               exclude_pk=self.instance.pk).items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def validate_unique(self):
        """Uniqueness is checked case-insensitively in clean(); the database constraint stays."""


def save_opd(form, user):
    """Add (at the end of the list) or update an OPD from a valid OpdForm. Raises
    ValidationError for a duplicate (checked again under a lock on the region) and
    VersionConflict if someone else changed the OPD since the form was loaded."""
    region = form.region
    name, short_name = form.cleaned_data["name"], form.cleaned_data.get("short_name", "")
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=region.pk).first()
        errors = duplicate_errors(region, name, short_name, exclude_pk=form.instance.pk)
        if errors:
            raise ValidationError(errors)
        if form.instance.pk is None:
            form.instance.region = region
            form.instance.position = ordering.next_position(Opd.objects.filter(region=region))
        return save_versioned(form, user)


def usage(opd, shown_programs=5):
    """Where `opd` is used, as phrases naming each place (empty list: free to delete). Programs
    past the first `shown_programs` are counted, not named; a program of a masterplan other than
    the region's current one names its masterplan."""
    places = []
    used_by = list(Program.objects.filter(Q(lead_opd=opd) | Q(supporting_opds=opd))
                   .select_related("masterplan").distinct()
                   .order_by("-masterplan__is_current", "masterplan__start_year", "position", "pk"))
    for program in used_by[:shown_programs]:
        role = _("pelaksana utama") if program.lead_opd_id == opd.pk else _("OPD pendukung")
        if not program.masterplan.is_current:
            role = f"{role}, {program.masterplan.title}"
        places.append(_("program “%(program)s” (%(role)s)") % {"program": program.name, "role": role})
    if len(used_by) > shown_programs:
        places.append(_("%(count)s program lainnya") % {"count": len(used_by) - shown_programs})
    for institution in Institution.objects.filter(managing_opd=opd).order_by("pk"):
        places.append(_("kelembagaan “%(institution)s” (OPD pengelola)") % {"institution": institution})
    for member in (InstitutionMember.objects.filter(opd=opd).select_related("institution")
                   .order_by("pk")):
        places.append(_("anggota “%(member)s” di %(institution)s") % {
            "member": member.name, "institution": member.institution})
    for application in Application.objects.filter(owner_opd=opd).order_by("pk"):
        places.append(_("aplikasi “%(application)s” (OPD pemilik)") % {"application": application.name})
    return places


def delete_opd(opd, seen_version):
    """Delete an unused OPD still at `seen_version`; ValidationError naming where it is used,
    masterplan.ordering.RowChanged if someone changed it meanwhile."""
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=opd.region_id).first()
        places = usage(opd)
        if places:
            raise ValidationError(
                _("OPD “%(opd)s” tidak dapat dihapus karena masih dipakai: %(places)s. Ganti OPD "
                  "di tempat-tempat itu dulu.") % {"opd": opd.name, "places": "; ".join(places)})
        return ordering.delete_versioned(opd, seen_version, opd.name)


def move_opd(opd, direction):
    return ordering.move(Opd.objects.filter(region=opd.region_id), opd, direction)

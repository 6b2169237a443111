"""Writing M&E records and KPI actuals through the API with the pages' own form and service
(roadmap.monitoring.RecordForm, save_record, delete_record): the same validation, the same
version check, one transaction (nothing half-saved). Only the region's team may write (the
access layer's EDIT), and only while the masterplan's content may change, as on the pages.

The API names its fields as the monev dataset names its columns; the form's names are read from
the dataset's definition (the model field each column reads), so the two cannot drift apart."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from masterplan import access
from masterplan.editing import VersionConflict, data_value
from masterplan.ordering import RowChanged
from roadmap import monitoring
from roadmap.models import MonitoringRecord, Program

from ..datasets import DATASETS

ACTUALS = "realisasi"
GENERAL = "umum"


def form_fields():
    """{API name: form field name} of the record's own fields, from the monev dataset."""
    fields = set(monitoring.RecordForm.Meta.fields)
    return {column.name: column.value.path for column in DATASETS["monev"].columns
            if getattr(column.value, "path", None) in fields}


class Conflict(Exception):
    """The record changed since the version the client sent; nothing was saved."""

    def __init__(self, current, changes):
        super().__init__("conflict")
        self.current = current
        self.changes = changes

    @property
    def message(self):
        who = getattr(self.current, "updated_by", None)
        return _("Catatan monev ini sudah diubah oleh %(who)s sejak versi yang Anda kirim; "
                 "versinya sekarang %(version)s. Tidak ada yang disimpan: ambil catatan "
                 "terbaru, periksa perubahannya, lalu kirim lagi dengan versi itu.") % {
            "who": str(who) if who else _("pengguna lain"), "version": self.current.version}


class Refused(Exception):
    """The input was refused: {API field: [messages]}; nothing was saved."""

    def __init__(self, errors):
        super().__init__("refused")
        self.errors = errors


def writable_program(user, program_pk):
    """The program (of its region's current masterplan) if the user may change its content:
    404 outside their regions, 403 for a role that may not edit or a frozen masterplan."""
    program = access.scoped_get(
        Program.objects.filter(masterplan__is_current=True)
        .select_related("masterplan__region", "element__dimension"),
        user, access.EDIT, pk=program_pk)
    require_editable(program.masterplan)
    return program


def writable_record(user, record_pk):
    record = access.scoped_get(
        MonitoringRecord.objects.filter(program__masterplan__is_current=True)
        .select_related("program__masterplan__region", "updated_by"),
        user, access.EDIT, pk=record_pk)
    require_editable(record.program.masterplan)
    return record


def readable_record(user, record_pk, masterplans):
    """A record of a masterplan the request may read (the published ones, the user's own)."""
    record = (MonitoringRecord.objects.filter(program__masterplan__in=masterplans, pk=record_pk)
              .select_related("program__masterplan__region").first())
    if record is None:
        raise Http404(_("Catatan monev tidak ditemukan."))
    return record


def require_editable(masterplan):
    if not masterplan.is_editable:
        raise PermissionDenied(_(
            "Masterplan berstatus “%(status)s”: isinya hanya dapat diubah saat berstatus draf atau "
            "perlu revisi.") % {"status": masterplan.get_status_display()})


def form_number(value):
    """A Decimal as the form reads it (decimal comma, no grouping): "1234,5"."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def _form_data(form, values, actuals, version):
    """The form's posted data: the current values of every field (an update changes only what
    the client sent), overridden by `values` (API names) and `actuals` ({kpi id: Decimal or
    None}), with the version the client saw."""
    data = {name: data_value(form[name]) for name in form.merge_fields()}
    names = form_fields()
    for api_name, value in values.items():
        if api_name in names:
            data[names[api_name]] = "" if value is None else str(value)
    for kpi_pk, value in actuals.items():
        data[monitoring.actual_field_name(kpi_pk)] = form_number(value)
    data["version"] = "" if version is None else str(version)
    return data


def _api_errors(form):
    """The form's errors by API field name."""
    names = {form_name: api_name for api_name, form_name in form_fields().items()}
    errors = {}
    for name, messages in form.errors.items():
        if name.startswith(monitoring.ACTUAL_PREFIX):
            key = ACTUALS
        elif name == "__all__":
            key = GENERAL
        else:
            key = names.get(name, name)
        errors.setdefault(key, []).extend(str(message) for message in messages)
    return errors


def save(user, program, record, values, actuals, version):
    """Create (`record` None) or change a record with its actuals through the pages' form and
    service. Raises Refused (400) or Conflict (409); answers the saved record."""
    instance = record or MonitoringRecord(program=program)
    kpis = monitoring.program_kpis(program)
    known = {kpi.pk for kpi in kpis}
    foreign = sorted(set(actuals) - known)
    if foreign:
        raise Refused({ACTUALS: [_("KPI %(ids)s bukan KPI program ini; realisasi hanya dapat "
                                   "dicatat untuk KPI program “%(program)s”.")
                                 % {"ids": ", ".join(map(str, foreign)), "program": program}]})
    unbound = monitoring.RecordForm(instance=instance, program=program, kpis=kpis)
    form = monitoring.RecordForm(_form_data(unbound, values, actuals, version), instance=instance,
                                 program=program, kpis=kpis)
    if not form.is_valid():
        raise Refused(_api_errors(form))
    try:
        with transaction.atomic():
            return monitoring.save_record(form, user)
    except VersionConflict as conflict:
        raise Conflict(conflict.current, conflict.changes) from None
    except ValidationError as error:
        raise Refused({GENERAL: [str(message) for message in error.messages]}) from None


def delete(record, version):
    """Delete the record (and its actuals) if it is still at `version`, else Conflict."""
    try:
        deleted = monitoring.delete_record(record, version)
    except RowChanged as changed:
        raise Conflict(changed.current, []) from None
    if not deleted:
        raise Http404(_("Catatan monev tidak ditemukan."))


def actuals_of(record):
    """[{kpi, nama_kpi, nilai}] of the record's KPI actuals, in the KPIs' order."""
    rows = (record.actuals.select_related("kpi").order_by("kpi__position", "kpi_id"))
    return [{"kpi": actual.kpi_id, "nama_kpi": actual.kpi.name,
             "nilai": format(actual.value.normalize(), "f")} for actual in rows]

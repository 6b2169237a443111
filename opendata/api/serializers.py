"""The API's serializers. A dataset's row serializer is derived from its definition (one field
per column, typed, described, with the code list's choices as an enum), so the schema, the API
and the files can never disagree; a row is written exactly as the JSON files write it."""

from functools import cache
from types import SimpleNamespace

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..datasets import CODE_LISTS, DATASETS
from ..datasets.base import BOOLEAN, DATE, DATETIME, INTEGER, NUMBER
from ..services import json_rows


def column_field(column):
    """A read-only serializer field describing `column` (for the schema)."""
    help_text = str(column.description)
    if column.unit:
        help_text += f" Satuan: {column.unit}."
    code_list = CODE_LISTS.get(column.codes)
    options = {"read_only": True, "allow_null": True, "help_text": help_text}
    if code_list is not None and not callable(code_list.choices) and not code_list.external \
            and column.type != INTEGER:  # quarters stay integers, their list in the description
        return serializers.ChoiceField(choices=[code for code, _label in code_list.codes()]
                                       + [""], **options)
    if code_list is not None:
        options["help_text"] += f" Daftar kode: {code_list.name}."
    if column.type == INTEGER:
        return serializers.IntegerField(**options)
    if column.type == NUMBER:
        return serializers.DecimalField(max_digits=24, decimal_places=4, coerce_to_string=True,
                                        **options)
    if column.type == BOOLEAN:
        return serializers.BooleanField(**options)
    if column.type == DATE:
        return serializers.DateField(**options)
    if column.type == DATETIME:
        return serializers.DateTimeField(**options)
    return serializers.CharField(**options)


class RowSerializer(serializers.Serializer):
    dataset = None

    def to_representation(self, row):
        values = json_rows(self.dataset, [row])[0]
        extra = {name: row.extra.get(name) for name, _description in self.dataset.api_fields}
        return {"id": row.pk, "masterplan": row.masterplan_id, **values, **extra}


def _class_name(name):
    return "".join(part.capitalize() for part in name.split("_"))


@cache
def row_serializer(dataset_name):
    """The serializer class of a dataset's rows: id, masterplan, the columns, the API fields."""
    dataset = DATASETS[dataset_name]
    fields = {
        "id": serializers.IntegerField(read_only=True, help_text=str(_("Id baris di API."))),
        "masterplan": serializers.IntegerField(read_only=True,
                                               help_text=str(_("Id masterplan di API."))),
    }
    for column in dataset.columns:
        fields[column.name] = column_field(column)
    for name, description in dataset.api_fields:
        fields[name] = serializers.IntegerField(read_only=True, help_text=str(description))
    return type(f"{_class_name(dataset.name)}Baris", (RowSerializer,),
                {"dataset": dataset, **fields, "__doc__": str(dataset.description)})


REGION_COLUMNS = ("kode_wilayah", "nama_wilayah", "jenis_wilayah", "kode_provinsi")


class RegionSerializer(serializers.Serializer):
    """A region: the columns of the masterplan dataset that describe it, and the ids of its
    masterplans the request may read."""

    kode_wilayah = serializers.CharField(read_only=True)
    nama_wilayah = serializers.CharField(read_only=True)
    jenis_wilayah = serializers.CharField(read_only=True)
    kode_provinsi = serializers.CharField(read_only=True)
    masterplan = serializers.ListField(child=serializers.IntegerField(), read_only=True,
                                       help_text=_("Id masterplan wilayah ini yang dapat dibaca."))
    diterbitkan = serializers.BooleanField(read_only=True,
                                           help_text=_("Wilayah ini menerbitkan masterplannya."))

    def to_representation(self, region):
        dataset = DATASETS["masterplan"]
        item = SimpleNamespace(masterplan=SimpleNamespace(region=region))
        values = {name: dataset.column(name).value(item, None) for name in REGION_COLUMNS}
        return {**values, "masterplan": region.visible_masterplans,
                "diterbitkan": region.published}


# --- writing M&E records and KPI actuals -----------------------------------------------------

DECIMAL_OPTIONS = {"max_digits": 20, "decimal_places": 4, "allow_null": True, "required": False}


class ActualSerializer(serializers.Serializer):
    kpi = serializers.IntegerField(help_text=_("Id KPI program catatan ini (kolom id dataset kpi)."))
    nilai = serializers.DecimalField(help_text=_("Realisasi (titik sebagai pemisah desimal); "
                                                 "null menghapusnya."), **DECIMAL_OPTIONS)


class RecordWriteSerializer(serializers.Serializer):
    """A monitoring record to create (program, tahun, triwulan, kemajuan required) or change
    (versi required, only the fields sent change)."""

    program = serializers.IntegerField(required=False, help_text=_("Id program (saat membuat)."))
    versi = serializers.IntegerField(required=False, min_value=1,
                                     help_text=_("Versi catatan yang Anda ubah (saat mengubah)."))
    tahun = serializers.IntegerField(required=False)
    triwulan = serializers.IntegerField(required=False, min_value=1, max_value=4)
    kemajuan = serializers.IntegerField(required=False, help_text=_("Kemajuan program, 0–100 %."))
    berjalan_baik = serializers.CharField(required=False, allow_blank=True)
    belum_berjalan = serializers.CharField(required=False, allow_blank=True)
    perlu_perbaikan = serializers.CharField(required=False, allow_blank=True)
    tindak_lanjut_apa = serializers.CharField(required=False, allow_blank=True)
    tindak_lanjut_kapan = serializers.CharField(required=False, allow_blank=True)
    tindak_lanjut_siapa = serializers.CharField(required=False, allow_blank=True)
    realisasi = ActualSerializer(many=True, required=False)


class ActualWriteSerializer(serializers.Serializer):
    versi = serializers.IntegerField(min_value=1, help_text=_("Versi catatan monev yang Anda ubah."))
    nilai = serializers.DecimalField(help_text=_("Realisasi (titik sebagai pemisah desimal); "
                                                 "null menghapusnya."), **DECIMAL_OPTIONS)


class ActualReadSerializer(serializers.Serializer):
    kpi = serializers.IntegerField()
    nama_kpi = serializers.CharField()
    nilai = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)


@cache
def record_serializer():
    """A monitoring record as the monev dataset writes it, with its KPI actuals."""
    base = row_serializer("monev")
    return type("CatatanMonev", (base,), {
        "realisasi": ActualReadSerializer(many=True, read_only=True),
        "to_representation": lambda self, row: {
            **base.to_representation(self, row), "realisasi": row.extra.get("realisasi", [])},
    })


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    versi_sekarang = serializers.IntegerField()
    perubahan = serializers.ListField(child=serializers.DictField())


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    kesalahan = serializers.DictField(required=False)

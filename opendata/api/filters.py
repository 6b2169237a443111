"""The API's filters: which masterplans (django-filter on the masterplans: region, province, kind
of region, masterplan) and, for a dataset, its rows by the columns its definition marks as
filters (dimension, year, category, ...), each checked against the column's type and code
list. A value that cannot match is refused with 400 and an Indonesian message."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError

from masterplan.models import Masterplan, RegionKind

from ..datasets import CODE_LISTS
from ..datasets.base import BOOLEAN, INTEGER, encode

MASTERPLAN_LEVEL = {"kode_wilayah", "kode_provinsi", "jenis_wilayah"}


class MasterplanFilter(django_filters.FilterSet):
    kode_wilayah = django_filters.CharFilter(
        field_name="region__code", label=gettext_lazy("Kode wilayah Kemendagri, mis. 32.73."))
    kode_provinsi = django_filters.CharFilter(
        method="filter_province", label=gettext_lazy("Kode provinsi Kemendagri, mis. 32."))
    jenis_wilayah = django_filters.ChoiceFilter(
        field_name="region__kind", choices=RegionKind.choices,
        label=gettext_lazy("Provinsi, kabupaten atau kota."))
    masterplan = django_filters.NumberFilter(field_name="pk",
                                             label=gettext_lazy("Id masterplan."))

    class Meta:
        model = Masterplan
        fields = []

    def filter_province(self, queryset, name, value):
        return queryset.filter(Q(region__code=value) | Q(region__code__startswith=f"{value}."))


class ColumnFilterBackend:
    """Filters a dataset's built rows by its filter columns; documents them in the schema."""

    def filter_queryset(self, request, queryset, view):
        return queryset  # the rows are filtered once built (filter_rows)

    @staticmethod
    def columns(view):
        dataset = getattr(view, "dataset", None)
        if dataset is None:
            return []
        return [column for column in dataset.filters() if column.name not in MASTERPLAN_LEVEL]

    def filter_rows(self, request, view, rows):
        for column in self.columns(view):
            raw = request.query_params.get(column.name)
            if raw is None or raw == "":
                continue
            wanted = self.parse(column, raw.strip())
            rows = [row for row in rows
                    if encode(column, row.values[column.name]) == wanted]
        return rows

    @staticmethod
    def parse(column, raw):
        if column.type == INTEGER:
            try:
                value = int(raw)
            except ValueError:
                raise ValidationError({column.name: [_("Harus bilangan bulat, mis. 2027.")]}) from None
        elif column.type == BOOLEAN:
            if raw.lower() not in {"true", "false"}:
                raise ValidationError({column.name: [_("Isi true atau false.")]})
            value = raw.lower() == "true"
        else:
            value = raw
        code_list = CODE_LISTS.get(column.codes)
        if code_list is not None and not code_list.external \
                and str(value) not in code_list.code_set():
            raise ValidationError({column.name: [
                _("“%(value)s” bukan kode daftar %(codes)s; lihat kamus data.")
                % {"value": raw, "codes": code_list.name}]})
        return value

    def get_schema_operation_parameters(self, view):
        parameters = []
        for column in self.columns(view):
            schema = {"type": {INTEGER: "integer", BOOLEAN: "boolean"}.get(column.type, "string")}
            code_list = CODE_LISTS.get(column.codes)
            if code_list is not None and not callable(code_list.choices):
                schema["enum"] = [int(code) if column.type == INTEGER else code
                                  for code, _label in code_list.codes()]
            parameters.append({"name": column.name, "in": "query", "required": False,
                               "description": str(column.description), "schema": schema})
        return parameters

"""The REST API (/api/...): read endpoints for the regions, the masterplans and every open
dataset (flat, filtered, and per region), and write endpoints for M&E records and their KPI
actuals. Anonymous requests read the published masterplans; a token or a session reads what its
user may see through the access layer (opendata/visibility.py): a region outside that is 404."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from .. import visibility
from ..datasets import DATASETS, build_rows
from . import writing
from .filters import ColumnFilterBackend, MasterplanFilter
from .serializers import (
    ActualReadSerializer,
    ActualWriteSerializer,
    ConflictSerializer,
    ErrorSerializer,
    RecordWriteSerializer,
    RegionSerializer,
    record_serializer,
    row_serializer,
)

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Tidak ditemukan (atau bukan wilayah Anda).")
REFUSED = OpenApiResponse(ErrorSerializer, description="Isian ditolak; tidak ada yang disimpan.")
DENIED = OpenApiResponse(ErrorSerializer, description="Peran Anda tidak boleh mengubah data ini.")
CONFLICT = OpenApiResponse(ConflictSerializer,
                           description="Versi yang dikirim bukan versi sekarang; tidak ada yang disimpan.")


class TaggedSchema(AutoSchema):
    def get_operation_id(self):
        """Unique per path and method: a list and one object of it differ (`_list`, `_detail`)."""
        words = [part for part in self.path.strip("/").split("/")[1:] if not part.startswith("{")]
        scope = "wilayah_" if "{region_code}" in self.path and words[-1:] != ["wilayah"] \
            and len(words) > 1 else ""
        words = words[1:] if scope else words
        kind = "detail" if self.path.rstrip("/").endswith("}") else "list"
        if self.method != "GET":
            kind = {"POST": "create", "PATCH": "update", "PUT": "set", "DELETE": "delete"}[self.method]
        return "_".join([scope.rstrip("_")] * bool(scope) + (words or ["root"]) + [kind])

    def get_tags(self):
        return [getattr(self.view, "schema_tag", None) or "api"]

    def get_description(self):
        dataset = getattr(self.view, "dataset", None)
        if dataset is not None and self.method == "GET":
            return str(dataset.description)
        return super().get_description()


class ApiView(GenericAPIView):
    schema = TaggedSchema()
    schema_tag = "api"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Authorization"])
        if request.method == "GET" and response.status_code == 200 \
                and not request.user.is_authenticated:
            patch_cache_control(response, public=True, max_age=settings.API_PUBLIC_MAX_AGE)
        return response


def region_or_404(request, region_code):
    region = visibility.visible_regions(request.user).filter(code=region_code).first()
    if region is None:
        raise Http404(_("Wilayah tidak ditemukan."))
    return region


class ApiRootView(ApiView):
    """Where everything is: the resources, the schema and the documentation."""

    @extend_schema(responses={200: dict}, summary="Daftar sumber daya API")
    def get(self, request):
        def url(name, **kwargs):
            return request.build_absolute_uri(reverse(name, kwargs=kwargs))
        return Response({
            "wilayah": url("api_region_list"),
            "masterplan": url("api_masterplan_list"),
            **{name: url(f"api_{name}_list") for name in DATASETS if name != "masterplan"},
            "skema": url("api_schema"),
            "dokumentasi": url("api_docs"),
            "data_terbuka": url("opendata_index"),
        })


# --- regions ---------------------------------------------------------------------------------

class RegionMixin:
    schema_tag = "wilayah"
    serializer_class = RegionSerializer

    def get_queryset(self):
        return visibility.visible_regions(self.request.user)

    def annotate(self, regions):
        """Each region's readable masterplans and whether it published one (one query)."""
        regions = list(regions)
        masterplans = visibility.visible_masterplans(self.request.user).filter(
            region__in=regions).values_list("region_id", "pk", "publication")
        by_region, published = {}, set()
        for region_id, pk, publication in masterplans:
            by_region.setdefault(region_id, []).append(pk)
            if publication is not None:
                published.add(region_id)
        for region in regions:
            region.visible_masterplans = by_region.get(region.pk, [])
            region.published = region.pk in published
        return regions


class RegionListView(RegionMixin, ApiView):
    """The regions the request may read: with a published masterplan (anonymous), or in the
    user's reach."""

    @extend_schema(summary="Daftar wilayah", parameters=[
        OpenApiParameter("kode_provinsi", str, description="Kode provinsi Kemendagri, mis. 32."),
        OpenApiParameter("jenis_wilayah", str, enum=["provinsi", "kabupaten", "kota"])])
    def get(self, request):
        regions = self.get_queryset()
        province = request.query_params.get("kode_provinsi")
        if province:
            regions = regions.filter(code__startswith=f"{province}.") | regions.filter(code=province)
        kind = request.query_params.get("jenis_wilayah")
        if kind:
            regions = regions.filter(kind=kind)
        page = self.paginate_queryset(regions)
        return self.get_paginated_response(RegionSerializer(self.annotate(page), many=True).data)


class RegionDetailView(RegionMixin, ApiView):
    @extend_schema(summary="Satu wilayah", responses={200: RegionSerializer, 404: NOT_FOUND})
    def get(self, request, region_code):
        region = region_or_404(request, region_code)
        return Response(RegionSerializer(self.annotate([region])[0]).data)


# --- masterplans and datasets ----------------------------------------------------------------

class DatasetMixin:
    dataset = None
    region_scoped = False
    filter_backends = [DjangoFilterBackend, ColumnFilterBackend]
    filterset_class = MasterplanFilter

    @property
    def schema_tag(self):
        return self.dataset.name

    def get_serializer_class(self):
        return row_serializer(self.dataset.name)

    def get_queryset(self):
        masterplans = visibility.visible_masterplans(self.request.user)
        if self.region_scoped and "region_code" in self.kwargs:
            masterplans = masterplans.filter(region=region_or_404(self.request,
                                                                  self.kwargs["region_code"]))
        return masterplans


class DatasetListView(DatasetMixin, ApiView):
    """A dataset's rows of the masterplans the request may read, filtered, a page at a time."""

    def get(self, request, region_code=None):
        masterplans = list(self.filter_queryset(self.get_queryset()))
        if self.dataset.name == "masterplan":  # one row per masterplan: page before building
            page = self.paginate_queryset(masterplans)
            rows = build_rows(self.dataset, page)
        else:
            rows = ColumnFilterBackend().filter_rows(request, self, build_rows(self.dataset,
                                                                              masterplans))
            rows = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer_class()(rows, many=True).data)


class MasterplanDetailView(DatasetMixin, ApiView):
    dataset = DATASETS["masterplan"]
    filter_backends = []

    @extend_schema(summary="Satu masterplan", responses={404: NOT_FOUND})
    def get(self, request, pk):
        masterplan = self.get_queryset().filter(pk=pk).first()
        if masterplan is None:
            raise Http404(_("Masterplan tidak ditemukan."))
        row = build_rows(self.dataset, [masterplan])[0]
        return Response(self.get_serializer_class()(row).data)


# --- M&E records and KPI actuals ---------------------------------------------------------------

def record_response(request, record, status_code=status.HTTP_200_OK):
    masterplan = record.program.masterplan
    row = next(row for row in build_rows(DATASETS["monev"], [masterplan]) if row.pk == record.pk)
    row.extra["realisasi"] = writing.actuals_of(record)
    return Response(record_serializer()(row).data, status=status_code)


def refused(error):
    return Response({"detail": _("Isian ditolak; tidak ada yang disimpan."),
                     "kesalahan": error.errors}, status=status.HTTP_400_BAD_REQUEST)


def conflict(error):
    return Response({"detail": error.message, "versi_sekarang": error.current.version,
                     "perubahan": [{"isian": change.label, "sebelum": change.before,
                                    "sesudah": change.after} for change in error.changes]},
                    status=status.HTTP_409_CONFLICT)


def require_user(request):
    if not request.user.is_authenticated:
        raise NotAuthenticated(_("Menulis data memerlukan token API atau login."))


def valid(serializer_class, request, partial=False):
    serializer = serializer_class(data=request.data, partial=partial)
    if not serializer.is_valid():
        raise ValidationError(serializer.errors)
    return serializer.validated_data


def split_actuals(data):
    actuals = {}
    for entry in data.pop("realisasi", []):
        if entry["kpi"] in actuals:
            raise ValidationError({"realisasi": [_("KPI %(kpi)s disebut dua kali.")
                                                 % {"kpi": entry["kpi"]}]})
        actuals[entry["kpi"]] = entry.get("nilai")
    return actuals


class MonitoringListView(DatasetListView):
    """GET: the monev dataset. POST: a new M&E record with its KPI actuals (the region's team)."""

    dataset = DATASETS["monev"]

    @extend_schema(summary="Buat catatan monev", request=RecordWriteSerializer,
                   responses={201: record_serializer(), 400: REFUSED, 401: ErrorSerializer,
                              403: DENIED, 404: NOT_FOUND})
    def post(self, request, region_code=None):
        require_user(request)
        data = dict(valid(RecordWriteSerializer, request))
        missing = [name for name in ("program", "tahun", "triwulan", "kemajuan") if name not in data]
        if missing:
            raise ValidationError({name: [_("Isian ini wajib diisi.")] for name in missing})
        program = writing.writable_program(request.user, data.pop("program"))
        data.pop("versi", None)
        actuals = split_actuals(data)
        try:
            record = writing.save(request.user, program, None, data, actuals, None)
        except writing.Refused as error:
            return refused(error)
        return record_response(request, record, status.HTTP_201_CREATED)


class RecordDetailView(ApiView):
    """One M&E record: read it, change it (PATCH, with the version you read), delete it."""

    schema_tag = "monev"
    serializer_class = RecordWriteSerializer

    @extend_schema(summary="Satu catatan monev", responses={200: record_serializer(),
                                                            404: NOT_FOUND})
    def get(self, request, pk):
        record = writing.readable_record(request.user, pk,
                                         visibility.visible_masterplans(request.user))
        return record_response(request, record)

    @extend_schema(summary="Ubah catatan monev", request=RecordWriteSerializer,
                   responses={200: record_serializer(), 400: REFUSED, 401: ErrorSerializer,
                              403: DENIED, 404: NOT_FOUND, 409: CONFLICT})
    def patch(self, request, pk):
        require_user(request)
        data = dict(valid(RecordWriteSerializer, request, partial=True))
        record = writing.writable_record(request.user, pk)
        if "versi" not in data:
            raise ValidationError({"versi": [_("Sertakan versi catatan yang Anda ubah (kolom "
                                               "versi saat Anda membacanya).")]})
        if "program" in data and data.pop("program") != record.program_id:
            raise ValidationError({"program": [_("Program catatan monev tidak dapat diubah.")]})
        version = data.pop("versi")
        actuals = split_actuals(data)
        try:
            record = writing.save(request.user, record.program, record, data, actuals, version)
        except writing.Refused as error:
            return refused(error)
        except writing.Conflict as error:
            return conflict(error)
        return record_response(request, record)

    @extend_schema(summary="Hapus catatan monev", parameters=[
        OpenApiParameter("versi", int, required=True, description="Versi catatan yang Anda hapus.")],
        responses={204: None, 401: ErrorSerializer, 403: DENIED, 404: NOT_FOUND, 409: CONFLICT})
    def delete(self, request, pk):
        require_user(request)
        record = writing.writable_record(request.user, pk)
        try:
            version = int(request.query_params.get("versi", ""))
        except ValueError:
            raise ValidationError({"versi": [_("Sertakan versi catatan yang Anda hapus, mis. "
                                               "?versi=3.")]}) from None
        try:
            writing.delete(record, version)
        except writing.Conflict as error:
            return conflict(error)
        return Response(status=status.HTTP_204_NO_CONTENT)


class KpiActualView(ApiView):
    """One KPI's actual in an M&E record: read it, or set it (null removes it) with the record's
    version; saved through the record's form like the page's grid."""

    schema_tag = "monev"
    serializer_class = ActualWriteSerializer

    def kpi_of(self, record, kpi_pk):
        kpi = record.program.kpis.filter(pk=kpi_pk).first()
        if kpi is None:
            raise Http404(_("KPI tidak ditemukan pada program catatan monev ini."))
        return kpi

    @extend_schema(summary="Realisasi satu KPI", responses={200: ActualReadSerializer,
                                                            404: NOT_FOUND})
    def get(self, request, pk, kpi_pk):
        record = writing.readable_record(request.user, pk,
                                         visibility.visible_masterplans(request.user))
        kpi = self.kpi_of(record, kpi_pk)
        actual = record.actuals.filter(kpi=kpi).first()
        return Response({"kpi": kpi.pk, "nama_kpi": kpi.name,
                         "nilai": format(actual.value.normalize(), "f") if actual else None})

    @extend_schema(summary="Catat realisasi satu KPI", request=ActualWriteSerializer,
                   responses={200: record_serializer(), 400: REFUSED, 401: ErrorSerializer,
                              403: DENIED, 404: NOT_FOUND, 409: CONFLICT})
    def put(self, request, pk, kpi_pk):
        require_user(request)
        data = valid(ActualWriteSerializer, request)
        record = writing.writable_record(request.user, pk)
        kpi = self.kpi_of(record, kpi_pk)
        try:
            record = writing.save(request.user, record.program, record, {},
                                  {kpi.pk: data.get("nilai")}, data["versi"])
        except writing.Refused as error:
            return refused(error)
        except writing.Conflict as error:
            return conflict(error)
        return record_response(request, record)

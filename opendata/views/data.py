"""The open-data pages and files under /data/: an index (national and per region), the data
dictionary, and each dataset as CSV or JSON, of the published masterplans only. Public: the
same answer for everyone, cacheable by a CDN (views/public.py)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from masterplan import clock
from masterplan.models import Region

from .. import services
from ..datasets import CODE_LISTS, DATASETS, build_rows
from ..datasets.base import TYPES
from .public import PublicPageMixin, make_public

FORMATS = ("csv", "json")


def published_region(region_code):
    """The region if it has a published masterplan, else 404 (unpublished is unknown)."""
    region = get_object_or_404(Region.objects.select_related("province"), code=region_code)
    masterplans = services.public_masterplans(region)
    if not masterplans:
        raise Http404(_("Wilayah ini belum menerbitkan masterplannya."))
    return region, masterplans


def dataset_or_404(name):
    if name not in DATASETS:
        raise Http404(_("Dataset tidak ditemukan."))
    return DATASETS[name]


def file_name(dataset_name, fmt, region=None):
    place = region.code.replace(".", "") if region is not None else "nasional"
    return f"masterplan-smart-city-{place}-{dataset_name}.{fmt}"


def download(request, content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return make_public(request, response)


class IndexView(PublicPageMixin, TemplateView):
    """/data/: the national files, the published regions, the dictionary and the licence."""

    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        masterplans = services.public_masterplans()
        context.update(datasets=list(DATASETS.values()), masterplans=masterplans,
                       licences=services.licences(masterplans), region=None, formats=FORMATS)
        return context


class RegionIndexView(PublicPageMixin, TemplateView):
    """/data/wilayah/<kode>/: one published region's files."""

    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region, masterplans = published_region(self.kwargs["region_code"])
        context.update(datasets=list(DATASETS.values()), masterplans=masterplans,
                       licences=services.licences(masterplans), data_region=region,
                       formats=FORMATS, published_at=[
                           clock.format_datetime(mp.publication.published_at, region)
                           for mp in masterplans])
        return context


class DictionaryView(PublicPageMixin, TemplateView):
    template_name = "opendata/dictionary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(datasets=list(DATASETS.values()), types=TYPES,
                       code_lists=list(CODE_LISTS.values()))
        return context


class DictionaryFileView(View):
    """The dictionary as JSON (every column and every code list) or CSV (the columns)."""

    fmt = "json"

    def get(self, request):
        if self.fmt == "csv":
            return download(request, services.dictionary_csv(), services.CSV_TYPE,
                            "masterplan-smart-city-kamus-data.csv")
        return download(request, services.json_bytes(services.dictionary()), services.JSON_TYPE,
                        "masterplan-smart-city-kamus-data.json")


class DownloadView(View):
    """One dataset as CSV or JSON, nationally or of one region (`region_code`)."""

    def get(self, request, dataset, fmt, region_code=None):
        dataset = dataset_or_404(dataset)
        region = None
        if region_code is not None:
            region, masterplans = published_region(region_code)
        else:
            masterplans = services.public_masterplans()
        name = file_name(dataset.name, fmt, region)
        if fmt == "csv":
            return download(request, services.csv_bytes(dataset, build_rows(dataset, masterplans)),
                            services.CSV_TYPE, name)
        document = services.dataset_document(dataset, masterplans, region)
        return download(request, services.json_bytes(document), services.JSON_TYPE, name)


class BundleView(View):
    """Every dataset in one JSON file (what `manage.py import_open_data` reads back)."""

    def get(self, request, region_code=None):
        region = None
        if region_code is not None:
            region, masterplans = published_region(region_code)
        else:
            masterplans = services.public_masterplans()
        document = services.bundle_document(masterplans, region)
        return download(request, services.json_bytes(document), services.JSON_TYPE,
                        file_name("semua", "json", region))

"""The national page's filters (django-filter): province, batch, kind and status of the
published masterplans. Field names are the query parameters."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from masterplan.models import Batch, Region, RegionKind

LEGALISED, DRAFT = "ditetapkan", "draf"


class PublishedFilter(django_filters.FilterSet):
    provinsi = django_filters.ModelChoiceFilter(
        label=_("Provinsi"), queryset=Region.objects.filter(kind=RegionKind.PROVINSI).order_by("name"),
        to_field_name="code", method="filter_province", empty_label=_("Semua provinsi"))
    angkatan = django_filters.ModelChoiceFilter(
        label=_("Angkatan"), queryset=Batch.objects.order_by("year", "name"),
        field_name="region__batch", empty_label=_("Semua angkatan"))
    jenis = django_filters.ChoiceFilter(label=_("Jenis daerah"), choices=RegionKind.choices,
                                        field_name="region__kind", empty_label=_("Semua jenis"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[(LEGALISED, _("Ditetapkan")), (DRAFT, _("Draf"))],
        method="filter_status", empty_label=_("Semua status"))

    def filter_province(self, queryset, name, value):
        return queryset.filter(Q(region__province=value) | Q(region=value))

    def filter_status(self, queryset, name, value):
        return queryset.filter(publication__as_draft=value == DRAFT)

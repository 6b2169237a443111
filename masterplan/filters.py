import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Batch, MasterplanStatus, Region, RegionKind

NO_MASTERPLAN = "none"

SORTS = {
    "kode": ("code",),
    "nama": ("name",),
    "provinsi": ("province__code", "code"),
    "angkatan": ("batch__year", "code"),
    "status": ("current_status", "code"),
}


class RegionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari nama atau kode"), method="filter_text")
    province = django_filters.ModelChoiceFilter(
        label=_("Provinsi"), queryset=Region.objects.filter(kind=RegionKind.PROVINSI),
        to_field_name="code", method="filter_province", empty_label=_("Semua"))
    batch = django_filters.ModelChoiceFilter(label=_("Angkatan"), queryset=Batch.objects.all(),
                                             empty_label=_("Semua"))
    kind = django_filters.ChoiceFilter(label=_("Jenis"), choices=RegionKind.choices,
                                       empty_label=_("Semua"))
    status = django_filters.ChoiceFilter(
        label=_("Status masterplan"),
        choices=[(NO_MASTERPLAN, _("Belum ada masterplan"))] + list(MasterplanStatus.choices),
        method="filter_status", empty_label=_("Semua"))

    class Meta:
        model = Region
        fields = ["q", "province", "batch", "kind", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = hasattr(field, "choices")
            field.widget.attrs["class"] = "form-select form-select-sm" if is_select else \
                "form-control form-control-sm"

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))

    def filter_province(self, queryset, name, value):
        return queryset.filter(Q(province=value) | Q(pk=value.pk))

    def filter_status(self, queryset, name, value):
        if value == NO_MASTERPLAN:
            return queryset.filter(current_status__isnull=True)
        return queryset.filter(current_status=value)

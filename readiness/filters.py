"""Filters of the cross-region index overview."""

from masterplan.filters import RegionFilter


class IndexRegionFilter(RegionFilter):
    """The region list's filters (name or code, province, batch, kind) without the masterplan
    status: the overview lists only regions with a current masterplan."""

    status = None

    class Meta(RegionFilter.Meta):
        fields = ["q", "province", "batch", "kind"]

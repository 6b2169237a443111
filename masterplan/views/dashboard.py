from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from .. import access
from ..filters import SORTS, RegionFilter
from ..models import Masterplan, Region
from ..sections import completion_table, open_comment_counts, overall_percent
from ..services import annotate_current_status


@login_required
def dashboard(request):
    """Admins and pembimbing get their region list; a regional account goes to its region."""
    user = request.user
    if not access.is_admin(user):
        roles = access.region_roles(user)
        if not roles:
            return render(request, "masterplan/no_region.html")
        if len(roles) == 1 and not user.has_perm("masterplan.see_review_pages"):
            code = Region.objects.values_list("code", flat=True).get(pk=next(iter(roles)))
            return redirect("region_detail", region_code=code)
    return region_list(request)


@login_required
def region_list(request):
    """Every region the user may see, filterable, sortable and paginated, with progress."""
    regions = annotate_current_status(
        Region.objects.restrict(request.user, access.VIEW).select_related("province", "batch"))
    region_filter = RegionFilter(request.GET, queryset=regions)
    sort_key = request.GET.get("urut", "kode")
    descending = sort_key.startswith("-")
    order = SORTS.get(sort_key.lstrip("-"), SORTS["kode"])
    rows = region_filter.qs.order_by(*(f"-{f}" if descending else f for f in order))
    page = Paginator(rows, settings.REGION_PAGE_SIZE).get_page(request.GET.get("halaman"))

    masterplan_ids = [r.current_masterplan_id for r in page if r.current_masterplan_id]
    masterplans = list(Masterplan.objects.filter(pk__in=masterplan_ids))
    table = completion_table(masterplans)
    comment_counts = open_comment_counts(masterplans)
    for region in page:
        sections = table.get(region.current_masterplan_id)
        region.progress = overall_percent(sections) if sections else None
        region.sections = sections or []
        region.open_comments = sum(comment_counts.get(region.current_masterplan_id, {}).values())

    query = request.GET.copy()
    query.pop("halaman", None)
    sort_query = query.copy()
    sort_query.pop("urut", None)
    return render(request, "masterplan/region_list.html", {
        "filter": region_filter,
        "page": page,
        "sort": sort_key,
        "query": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        "is_admin": access.is_admin(request.user),
    })

"""Review comments on content pages.

    {% load comment_tags %}
    {% comment_thread masterplan anchor %}   the anchor's threads and the forms (one query)
    {% comment_badge masterplan anchor %}    "2 komentar terbuka", linking to the anchor's page
    {% comment_link masterplan anchor %}     "Komentar (2)", the same link as a button
    {% open_comment_counts masterplan as counts %}   {section key: open threads} (one query)
    {{ counts|open_in:section.key }}

Badges and links count every anchor of the same kind in the masterplan at once and keep the
result on the request, so a table with a badge per row costs one query, not one per row. `masterplan` may be
empty (a row re-rendered by htmx): it is then taken from the anchor.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from .. import comments
from ..models import Masterplan
from ..sections import open_comment_counts as open_comment_counts_of
from ..views.comments import block_context

register = template.Library()

_CACHE = "_comment_anchor_counts"


def _masterplan_for(context, masterplan, anchor):
    if masterplan:
        return masterplan
    if isinstance(anchor, Masterplan):
        return anchor
    return Masterplan.objects.select_related("region").get(pk=comments.masterplan_id_of(anchor))


def _region(context, masterplan):
    region = context.get("region")
    if region is not None and getattr(region, "pk", None) == masterplan.region_id:
        return region
    return masterplan.region


@register.simple_tag(takes_context=True)
def comment_thread(context, masterplan, anchor):
    """The comment block of `anchor`: its threads, reply/resolve forms, a new-comment form."""
    request = context["request"]
    kind = comments.kind_of(anchor)
    if kind is None or anchor is None or anchor.pk is None:
        return ""
    masterplan = _masterplan_for(context, masterplan, anchor)
    block = block_context(request, masterplan=masterplan, region=_region(context, masterplan),
                          kind=kind, anchor=anchor)
    return render_to_string("masterplan/comments/_block.html", block, request=request)


def _anchor_link(context, masterplan, anchor):
    """(open threads, all threads, may start one, the anchor's comment page) of `anchor`, or
    None when there is nothing to show: not an anchor, or no thread and the user may not start
    one. The counts of every anchor of the kind are read at once and kept on the request."""
    request = context["request"]
    if anchor is None or anchor.pk is None:
        return None
    kind = comments.kind_of(anchor)
    if kind is None:
        return None
    masterplan = _masterplan_for(context, masterplan, anchor)
    cache = getattr(request, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE, cache)
    key = (masterplan.pk, kind.key)
    if key not in cache:
        cache[key] = comments.anchor_counts(masterplan.pk, kind.model)
    open_, total = cache[key].get(anchor.pk, (0, 0))
    region = _region(context, masterplan)
    can_comment = request.user.has_perm("masterplan.comment", region)
    if not total and not can_comment:
        return None
    url = reverse("comment_anchor", kwargs={"region_code": region.code, "app_model": kind.key,
                                            "object_pk": anchor.pk})
    return {"open": open_, "total": total, "can_comment": can_comment, "url": url}


@register.simple_tag(takes_context=True)
def comment_badge(context, masterplan, anchor):
    """The anchor's open (or resolved) thread count, linking to its comment page; for a
    reviewer with nothing there yet, a link to write one. For a row of a list."""
    link = _anchor_link(context, masterplan, anchor)
    if link is None:
        return ""
    return render_to_string("masterplan/comments/_badge.html", link)


@register.simple_tag(takes_context=True)
def comment_link(context, masterplan, anchor):
    """"Komentar (n)": a button to the anchor's comment page with its open threads, for the
    page of the object itself. Shown to reviewers (who may start a thread) and, once there is a
    thread, to everyone who reads the page."""
    link = _anchor_link(context, masterplan, anchor)
    if link is None:
        return ""
    return render_to_string("masterplan/comments/_link.html", link)


@register.simple_tag
def open_comment_counts(masterplan):
    """{section key: open threads} of one masterplan."""
    if not masterplan:
        return {}
    return open_comment_counts_of([masterplan]).get(masterplan.pk, {})


@register.filter
def open_in(counts, key):
    return (counts or {}).get(key, 0)


@register.filter
def open_total(counts):
    return sum((counts or {}).values())

from django import template

from .. import navigation, workflow
from .masterplan_tags import status_label

register = template.Library()


@register.inclusion_tag("includes/workspace_nav.html", takes_context=True)
def workspace_nav(context):
    """The side navigation of the region page being rendered: links only, no query (the
    figures arrive afterwards from the workspace_nav view)."""
    request = context["request"]
    current = request.resolver_match.url_name if request.resolver_match else ""
    region = context["region"]
    return {"region": region, "current": current, "measured": False,
            "groups": navigation.workspace(region, context.get("masterplan", navigation.UNKNOWN), current)}


@register.inclusion_tag("includes/status_badge.html")
def status_badge(status, element_id=""):
    """A masterplan status as a badge: a colour per status (static/css/workspace.css) and always
    its name, so the colour is never the only sign."""
    return {"status": status, "label": status_label(status), "element_id": element_id}


@register.inclusion_tag("includes/lock_banner.html")
def lock_banner(masterplan, region_code):
    """On a content page of a masterplan whose status locks its content: why, and what opens it."""
    return {"explanation": workflow.lock_explanation(masterplan), "region_code": region_code}

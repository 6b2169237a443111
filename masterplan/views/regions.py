from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from .. import access, navigation, services, workflow
from ..forms import AccountCreateForm, RegionForm
from ..models import Membership
from ..sections import completion_table, next_steps, overall_percent, parts_table
from .base import RegionMixin, VersionedUpdateView


class RegionDetailView(RegionMixin, TemplateView):
    template_name = "masterplan/region_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, region = self.request.user, self.region
        masterplan = services.current_masterplan(region)
        sections = completion_table([masterplan])[masterplan.pk] if masterplan else []
        parts = parts_table(masterplan) if masterplan else {}
        sections = [(section, progress, parts.get(section.key, []))
                    for section, progress in sections]
        context.update(
            masterplan=masterplan,
            sections=sections,
            overall=overall_percent([(section, progress) for section, progress, _ in sections]),
            masterplans=region.masterplans.select_related("edition"),
            team=services.team_of(region),
            can_edit=access.can(user, access.EDIT, region),
            can_manage_team=access.can(user, access.MANAGE_TEAM, region),
            can_create_masterplan=access.can(user, access.CREATE_MASTERPLAN, region),
            can_manage_region=access.can(user, access.MANAGE_REGION, region),
            next_steps=next_steps([(section, progress) for section, progress, _ in sections]),
            next_actor=workflow.NEXT_ACTOR.get(masterplan.status, "") if masterplan else "",
            transitions=workflow.available(masterplan, user) if masterplan else [],
        )
        return context


class RegionEditView(RegionMixin, VersionedUpdateView):
    action = access.MANAGE_REGION
    form_class = RegionForm
    template_name = "masterplan/region_form.html"

    def get_object(self, queryset=None):
        return self.region

    def get_success_url(self):
        return reverse("region_detail", kwargs={"region_code": self.region.code})


class TeamView(RegionMixin, TemplateView):
    """The region's accounts; ketua and admins add new accounts here."""

    template_name = "masterplan/team.html"

    def get_form(self):
        roles = services.grantable_roles(self.request.user, self.region)
        return AccountCreateForm(self.request.POST or None, regions=None, roles=roles,
                                 allow_admin=False, fixed_region=self.region)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_manage = access.can(self.request.user, access.MANAGE_TEAM, self.region)
        grantable = set(services.grantable_roles(self.request.user, self.region))
        context.update(
            team=services.team_of(self.region),
            can_manage=can_manage,
            grantable=grantable,
            form=kwargs.get("form") or (self.get_form() if can_manage else None),
        )
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.MANAGE_TEAM, self.region)
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            try:
                account = services.create_account(
                    created_by=request.user, username=data["username"], password=data["password1"],
                    full_name=data["full_name"], email=data.get("email", ""),
                    region=self.region, role=data["role"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Akun %(name)s dibuat.") % {"name": account})
                return redirect("region_team", region_code=self.region.code)
        return self.render_to_response(self.get_context_data(form=form))


class TeamRemoveView(RegionMixin, View):
    action = access.MANAGE_TEAM

    def post(self, request, region_code, membership_pk):
        membership = access.scoped_get(
            Membership.objects.select_related("user", "region").filter(region=self.region),
            request.user, access.MANAGE_TEAM, pk=membership_pk)
        try:
            services.remove_membership(removed_by=request.user, membership=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Peran %(user)s dicabut.") % {"user": membership.user})
        return redirect("region_team", region_code=self.region.code)


class WorkspaceNavView(RegionMixin, TemplateView):
    """The region's side navigation with each entry's completion and open comments, fetched by
    the navigation of every region page once it has loaded (masterplan/navigation.py)."""

    template_name = "includes/workspace_nav.html"

    def get_context_data(self, **kwargs):
        masterplan = services.current_masterplan(self.region)
        current = self.request.GET.get("aktif", "")
        return {"region": self.region, "current": current, "measured": True,
                "groups": navigation.workspace(self.region, masterplan, current, measured=True)}

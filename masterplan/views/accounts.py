"""Kominfo admin pages: accounts and their region roles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from .. import services
from ..forms import AccountCreateForm, AccountEditForm, MembershipForm
from ..models import Membership, Region, Role, User
from .base import AdminRequiredMixin, VersionedUpdateView


class AccountListView(AdminRequiredMixin, TemplateView):
    template_name = "masterplan/account_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accounts = User.objects.order_by("username").prefetch_related("memberships__region")
        text = self.request.GET.get("q", "").strip()
        if text:
            accounts = accounts.filter(Q(username__icontains=text) | Q(full_name__icontains=text)
                                       | Q(email__icontains=text))
        context["q"] = text
        context["page"] = Paginator(accounts, 50).get_page(self.request.GET.get("halaman"))
        return context


class AccountCreateView(AdminRequiredMixin, FormView):
    template_name = "masterplan/account_form.html"

    def get_form(self, form_class=None):
        return AccountCreateForm(self.request.POST or None, regions=Region.objects.all(),
                                 roles=list(Role), allow_admin=True)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            account = services.create_account(
                created_by=self.request.user, username=data["username"],
                password=data["password1"], full_name=data["full_name"],
                email=data.get("email", ""), is_kominfo_admin=data.get("is_kominfo_admin", False),
                region=data.get("region"), role=data.get("role") or None)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Akun %(name)s dibuat.") % {"name": account})
        return redirect("account_edit", account_pk=account.pk)


class AccountEditView(AdminRequiredMixin, VersionedUpdateView):
    form_class = AccountEditForm
    template_name = "masterplan/account_edit.html"

    def get_object(self, queryset=None):
        return get_object_or_404(User, pk=self.kwargs["account_pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.object.memberships.select_related("region")
        context["membership_form"] = kwargs.get("membership_form") or MembershipForm()
        return context

    def get_success_url(self):
        return reverse("account_edit", kwargs={"account_pk": self.object.pk})


class AccountMembershipAddView(AdminRequiredMixin, View):
    def post(self, request, account_pk):
        account = get_object_or_404(User, pk=account_pk)
        form = MembershipForm(request.POST)
        if form.is_valid():
            try:
                services.set_membership(granted_by=request.user, user_account=account,
                                        region=form.cleaned_data["region"],
                                        role=form.cleaned_data["role"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Peran disimpan."))
        else:
            errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
            messages.error(request, " ".join(errors))
        return redirect("account_edit", account_pk=account.pk)


class AccountMembershipRemoveView(AdminRequiredMixin, View):
    def post(self, request, account_pk, membership_pk):
        membership = get_object_or_404(Membership, pk=membership_pk, user_id=account_pk)
        try:
            services.remove_membership(removed_by=request.user, membership=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Peran dicabut."))
        return redirect("account_edit", account_pk=account_pk)

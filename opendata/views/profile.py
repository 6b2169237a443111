"""The profile page (/profil/): the account, a link to change the password, and the personal
API tokens: created (the token is shown once, on the answer to that post) and revoked by their
owner only; another account's token is not found."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from masterplan import access

from .. import tokens


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama token"), max_length=100,
                           help_text=gettext_lazy("Untuk apa token ini, mis. “Dasbor Bappeda”."),
                           error_messages={"required": gettext_lazy("Beri nama token."),
                                           "max_length": gettext_lazy(
                                               "Nama token paling panjang 100 karakter.")})


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "opendata/profile.html"

    def get_context_data(self, form=None, created=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            form=form or TokenForm(), created=created, tokens=tokens.tokens_of(user),
            memberships=list(user.memberships.select_related("region").order_by("region__code")),
            is_admin=access.is_admin(user),
        )
        return context

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, raw = tokens.create_token(request.user, form.cleaned_data["name"])
            except ValidationError as error:
                form.add_error("name", error)
            else:
                # Shown on this answer only: never stored, never put in a message or a redirect.
                return self.render_to_response(self.get_context_data(
                    created={"token": token, "raw": raw}))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, token_pk):
        token = tokens.revoke_token(request.user, token_pk)
        if token is None:
            raise Http404(_("Token tidak ditemukan."))
        messages.success(request, _("Token “%(name)s” dicabut; aplikasi yang memakainya tidak "
                                    "dapat mengakses API lagi.") % {"name": token.name})
        return redirect("profile")

"""The region's publishing page (workspace): whether and how its masterplan is public, the
publish and withdraw forms for those who may (masterplan.publish), and the publication log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from masterplan import access
from masterplan.views.base import MasterplanMixin

from .. import services
from ..forms import PublishForm, UnpublishForm
from ..publication import published_masterplan_of


class PublicationMixin(MasterplanMixin):
    content_write = False  # publishing changes no content, in any status

    def published(self):
        """The region's published masterplan (the current one or an earlier one), or None."""
        return published_masterplan_of(self.region.code)

    def refused(self, form, error):
        form.add_error(None, error.messages)
        return self.render_to_response(self.get_context_data(**{self.form_name: form}), status=422)


class PublicationView(PublicationMixin, TemplateView):
    template_name = "portal/publication.html"
    form_name = "publish_form"

    def get_context_data(self, publish_form=None, unpublish_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        published = self.published()
        context.update(
            published=published,
            current_published=published is not None and published.pk == self.masterplan.pk,
            ready=services.is_ready(self.masterplan),
            may_publish=services.may_publish(self.request.user, self.region),
            publish_form=publish_form or PublishForm(masterplan=self.masterplan),
            unpublish_form=unpublish_form or UnpublishForm(),
            events=services.events_of(self.region),
        )
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.PUBLISH, self.region)
        form = PublishForm(request.POST, masterplan=self.masterplan)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(publish_form=form), status=422)
        data = form.cleaned_data
        try:
            publication = services.publish(self.masterplan, request.user,
                                           as_draft=data.get("as_draft", False),
                                           licence=data["licence"], note=data["note"])
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(request, _("Masterplan diterbitkan di portal publik sebagai draf (DRAF).")
                         if publication.as_draft else
                         _("Masterplan diterbitkan di portal publik."))
        return redirect("publication", region_code=self.region.code)


class UnpublishView(PublicationView):
    form_name = "unpublish_form"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.PUBLISH, self.region)
        form = UnpublishForm(request.POST)
        published = self.published()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(unpublish_form=form), status=422)
        try:
            if published is None:
                raise ValidationError(_("Masterplan wilayah ini tidak sedang diterbitkan."))
            services.unpublish(published, request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(request, _("Masterplan dicabut dari portal publik."))
        return redirect("publication", region_code=self.region.code)

"""The region's OPD list: everyone with a role reads it; the region's team adds, renames,
reorders and deletes OPDs while the current masterplan (if any) is a draft or needs revision.
Plain posts: success redirects to the list; refused input answers 422 with the list and the
messages."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from masterplan import access
from masterplan.services import current_masterplan
from masterplan.views.base import RegionMixin
from masterplan.views.editing import ObjectDeleteView, ObjectFormView, ObjectMoveView

from .. import opds
from ..models import Opd


class OpdMixin(RegionMixin):
    def setup_region(self):
        self.current = current_masterplan(self.region)
        may_edit = access.can(self.request.user, access.EDIT, self.region)
        self.frozen = self.current is not None and not self.current.is_editable
        self.can_edit = may_edit and not self.frozen

    def refuse_if_frozen(self):
        """Writes need EDIT, and are refused while the current masterplan freezes content."""
        access.require(self.request.user, access.EDIT, self.region)
        self.setup_region()
        if self.frozen:
            raise PermissionDenied(_(
                "Masterplan berstatus “%(status)s”: daftar OPD hanya dapat diubah saat "
                "masterplan berstatus draf atau perlu revisi.")
                % {"status": self.current.get_status_display()})

    def check_permission(self):
        self.refuse_if_frozen()

    def list_url(self, opd=None):
        url = reverse("opd_list", kwargs={"region_code": self.region.code})
        return f"{url}#opd-{opd.pk}" if opd is not None else url

    def get_opd(self, action):
        return access.scoped_get(Opd.objects.filter(region=self.region), self.request.user, action,
                                 pk=self.kwargs["opd_pk"])

    def get_object(self):
        return self.get_opd(access.EDIT)

    def get_success_url(self, opd):
        return self.list_url(opd)

    def list_context(self, add_form=None, row_form=None, error=None):
        if not hasattr(self, "can_edit"):
            self.setup_region()
        rows = []
        for opd in opds.opds_with_usage(self.region):
            form = None
            if self.can_edit:
                form = row_form if row_form is not None and row_form.instance.pk == opd.pk \
                    else opds.OpdForm(instance=opd, region=self.region)
            rows.append((opd, form))
        if self.can_edit and add_form is None:
            add_form = opds.OpdForm(region=self.region)
        return {"region": self.region, "masterplan": self.current, "can_edit": self.can_edit,
                "frozen": self.frozen, "rows": rows, "add_form": add_form, "error": error,
                "region_role": access.role_in(self.request.user, self.region)}

    def render_list(self, status=422, **kwargs):
        return TemplateResponse(self.request, "roadmap/opd_list.html", self.list_context(**kwargs),
                                status=status)

    def render_refused(self, error):
        return self.render_list(error=error)


class OpdListView(OpdMixin, ObjectFormView, TemplateView):
    """The list (GET); adding an OPD posts here."""

    template_name = "roadmap/opd_list.html"
    success_message = gettext_lazy("OPD “%(name)s” ditambahkan.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.list_context())
        return context

    def get_form(self, data=None):
        return opds.OpdForm(data, region=self.region)

    def save(self, form):
        return opds.save_opd(form, self.request.user)

    def form_refused(self, form):
        return self.render_list(add_form=form)


class OpdEditView(OpdMixin, ObjectFormView):
    action = access.EDIT
    form_class = opds.OpdForm
    success_message = gettext_lazy("OPD “%(name)s” disimpan.")

    def get_form_kwargs(self):
        return {"region": self.region}

    def save(self, form):
        return opds.save_opd(form, self.request.user)

    def form_refused(self, form):
        return self.render_list(row_form=form)


class OpdDeleteView(OpdMixin, ObjectDeleteView):
    action = access.EDIT
    success_message = gettext_lazy("OPD “%(name)s” dihapus.")

    def delete(self, opd, seen_version):
        opds.delete_opd(opd, seen_version)

    def get_success_url(self, opd):
        return self.list_url()


class OpdMoveView(OpdMixin, ObjectMoveView):
    action = access.EDIT

    def move(self, opd, direction):
        return opds.move_opd(opd, direction)

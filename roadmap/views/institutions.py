"""Institution pages: the overview of the Dewan, the Tim Pelaksana and the forums (with validity
warnings), the edit page of each body (decree and members grid saved together), forum add and
delete. Plain posts: success redirects to the overview; refused input answers 422 with the page."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from masterplan import access, clock
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditorFormView, EditPageMixin, ObjectDeleteView

from .. import institutions
from ..models import Institution, InstitutionKind, MemberUnsur

ANCHORS = {InstitutionKind.COUNCIL: "dewan", InstitutionKind.TEAM: "tim-pelaksana"}


def guide_notes(masterplan):
    """The guide's term, instrument and structure of each body, for the page's hints."""
    text = guide(masterplan.edition.code).get("institutions", {})
    council, team = text.get("dewan_smart_city", {}), text.get("tim_pelaksana", {})
    forum = text.get("forum_pendukung", {})
    return {
        InstitutionKind.COUNCIL: council.get("kedudukan", {}).get("text", ""),
        InstitutionKind.TEAM: team.get("kedudukan", {}).get("text", ""),
        "team_structure": team.get("struktur", {}).get("intro", ""),
        InstitutionKind.FORUM: forum.get("description", ""),
        "forum_examples": [example["name"] for example in forum.get("examples", [])],
    }


class InstitutionPageMixin(MasterplanMixin):
    def overview_url(self, anchor=""):
        url = reverse("institution_overview", kwargs={"region_code": self.region.code})
        return f"{url}#{anchor}" if anchor else url

    def bodies(self):
        return Institution.objects.filter(masterplan=self.masterplan)

    def get_forum(self, action):
        return access.scoped_get(self.bodies().filter(kind=InstitutionKind.FORUM),
                                 self.request.user, action, pk=self.kwargs["forum_pk"])

    def overview_context(self, error=None):
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "overview": institutions.overview(self.masterplan),
                "notes": guide_notes(self.masterplan), "error": error,
                "has_opds": institutions.opds_of(self.region).exists()}

    def render_refused(self, error):
        return TemplateResponse(self.request, "roadmap/institution_overview.html",
                                self.overview_context(error), status=422)


class InstitutionOverviewView(InstitutionPageMixin, TemplateView):
    template_name = "roadmap/institution_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.overview_context())
        return context


class InstitutionEditView(EditPageMixin, InstitutionPageMixin, EditorFormView, TemplateView):
    """The edit page of the Dewan or the Tim Pelaksana (`kind`), or of a forum (new without
    forum_pk)."""

    action = access.EDIT
    kind = None
    template_name = "roadmap/institution_form.html"

    def get_object(self):
        if self.kind == InstitutionKind.FORUM:
            if "forum_pk" in self.kwargs:
                return self.get_forum(access.EDIT)
            return institutions.new_forum(self.masterplan)
        return access.scoped_get(self.bodies().filter(kind=self.kind), self.request.user,
                                 access.EDIT)

    def get_form(self, data=None):
        """The body's form and its members grid (institutions.InstitutionEditor)."""
        return institutions.InstitutionEditor(self.get_object(), self.masterplan, data)

    def get_success_message(self, institution):
        return _("%(body)s disimpan.") % {"body": institution.name or institution.get_kind_display()}

    def get_success_url(self, institution):
        return self.overview_url(self.anchor(institution))

    def get_context_data(self, editor=None, **kwargs):
        context = super().get_context_data(**kwargs)
        editor = editor or self.get_form()
        institution = editor.institution
        context.update(
            editor=editor, form=editor.form, members=editor.members, institution=institution,
            kind=institution.kind, overview_url=self.overview_url(self.anchor(institution)),
            notes=guide_notes(self.masterplan), unsur_choices=MemberUnsur.choices,
            validity=(institutions.validity(institution, clock.today(self.region))
                      if institution.pk else None),
            has_opds=institutions.opds_of(self.region).exists(),
            title=self.title(institution))
        return context

    @staticmethod
    def anchor(institution):
        if institution.kind == InstitutionKind.FORUM:
            return f"forum-{institution.pk}" if institution.pk else "forum"
        return ANCHORS[institution.kind]

    @staticmethod
    def title(institution):
        if institution.kind != InstitutionKind.FORUM:
            return _("Ubah %(body)s") % {"body": institution.get_kind_display()}
        if institution.pk is None:
            return _("Tambah forum pendukung")
        return _("Ubah forum “%(name)s”") % {"name": institution.name}


class ForumDeleteView(InstitutionPageMixin, ObjectDeleteView):
    action = access.EDIT
    success_message = gettext_lazy("Forum “%(name)s” dihapus.")

    def get_object(self):
        return self.get_forum(access.EDIT)

    def delete(self, forum, seen_version):
        institutions.delete_forum(forum, seen_version)

    def get_success_url(self, forum):
        return self.overview_url("forum")

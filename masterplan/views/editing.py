"""Generic views that change one object of a page: add or edit it through a form, delete it,
move it up or down. A view states what differs (form, object, service, message, redirect, the
page shown again on a refusal); the POST is written once, here.

They sit on the page's own mixin (built on MasterplanMixin, or RegionMixin for the region's
OPDs), which resolves the region and refuses a content write while the masterplan's status
freezes it. Every answer keeps the project's conventions:

* saved: a success message and a redirect to the page (at the object's anchor);
* refused input: the form again with its errors, 422;
* a concurrent edit (VersionConflict): the form rebased on the current version, a three-way
  merge showing what the other person changed (masterplan.editing), 422;
* a delete of a row someone changed since the page was loaded (ordering.RowChanged) or a
  refused delete/move (ValidationError): the page again with the message, 422.

A page that answers htmx (the SWOT grid, a readiness row) overrides `succeeded`,
`form_refused` and `render_refused` to render its fragment.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import View

from .. import access, ordering
from ..editing import VersionConflict, save_versioned


class EditPageMixin:
    """A page that only shows a form (add/edit): refused (403) when the masterplan's status
    freezes its content, as its POST would be (MasterplanMixin)."""

    def get(self, request, *args, **kwargs):
        if not self.can_edit:
            raise PermissionDenied(_(
                "Masterplan berstatus “%(status)s”: isinya hanya dapat diubah saat berstatus draf "
                "atau perlu revisi.") % {"status": self.masterplan.get_status_display()})
        return super().get(request, *args, **kwargs)


class _Attributes:
    """The object's attributes as a mapping, for `success_message % _Attributes(obj)`."""

    def __init__(self, obj):
        self.obj = obj

    def __getitem__(self, name):
        return getattr(self.obj, name)


class ObjectChangeMixin:
    """What the add/edit, delete and move views share: the permission, the object, the answer."""

    # Formatted with the object's attributes: "OPD “%(name)s” disimpan." reads `obj.name`.
    success_message = ""

    def check_permission(self):
        """The view's own check on top of the page mixin's (which may only ask VIEW)."""
        access.require(self.request.user, access.EDIT, self.region)

    def get_object(self):
        """The object to change, fetched through access.scoped_get (or a new one to add)."""
        raise NotImplementedError

    def get_success_url(self, obj):
        raise NotImplementedError

    def get_success_message(self, obj):
        return self.success_message % _Attributes(obj) if self.success_message else ""

    def succeeded(self, obj):
        message = self.get_success_message(obj)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url(obj))

    def render_refused(self, error):
        """The page again with `error` (a refused delete or move), status 422."""
        raise NotImplementedError


class ObjectFormView(ObjectChangeMixin, View):
    """Add or edit an object through a form saved by a service.

    Declare `form_class` (and `get_form_kwargs`), `get_object`, `save` (the service),
    `success_message`, `get_success_url`; the refused form is shown by `form_refused`, by default
    the view's own template (combine with TemplateView) with `form` in its context.
    An "editor" (a form with its grids, e.g. roadmap's ProgramEditor) works as the form when it
    offers is_valid() and rebased(conflict)."""

    form_class = None

    def get_form_kwargs(self):
        return {}

    def get_form(self, data=None):
        instance = self.get_object()  # first: get_form_kwargs may use what it fetched
        return self.form_class(data, instance=instance, **self.get_form_kwargs())

    def save(self, form):
        """Save the valid form (a service); return the object. VersionConflict if stale."""
        return save_versioned(form, self.request.user)

    def rebase(self, form, conflict):
        return form.rebased(conflict)

    def form_refused(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def save_refused(self, form, error):
        """The service refused the input (ValidationError): shown on the form."""
        form.add_error(None, error)
        return self.form_refused(form)

    def post(self, request, *args, **kwargs):
        self.check_permission()
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.form_refused(form)
        try:
            obj = self.save(form)
        except VersionConflict as conflict:
            return self.form_refused(self.rebase(form, conflict))
        except ValidationError as error:
            return self.save_refused(form, error)
        return self.succeeded(obj)


class EditorFormView(ObjectFormView):
    """ObjectFormView for an editor: a form with its grids (e.g. roadmap's ProgramEditor) that
    saves itself with `save(user)` and is shown in the context as `editor`; a refusal of the
    service lands on its main form (`editor.form`)."""

    def save(self, editor):
        return editor.save(self.request.user)

    def save_refused(self, editor, error):
        editor.form.add_error(None, error)
        return self.form_refused(editor)

    def form_refused(self, editor):
        return self.render_to_response(self.get_context_data(editor=editor), status=422)


class ObjectDeleteView(ObjectChangeMixin, View):
    """Delete an object still at the version the page showed (its `version` field posted).

    Declare `get_object`, `delete` (the service), `success_message`, `get_success_url` and the
    page's `render_refused`."""

    def seen_version(self):
        return ordering.posted_version(self.request.POST)

    def delete(self, obj, seen_version):
        raise NotImplementedError

    def delete_refused(self, obj, message):
        return self.render_refused(message)

    def post(self, request, *args, **kwargs):
        self.check_permission()
        obj = self.get_object()
        try:
            self.delete(obj, self.seen_version())
        except ValidationError as error:
            return self.delete_refused(obj, " ".join(error.messages))
        except ordering.RowChanged as changed:
            return self.delete_refused(obj, changed.message)
        return self.succeeded(obj)


class ObjectMoveView(ObjectChangeMixin, View):
    """Move an ordered row up or down (`arah`: naik/turun) among its siblings (ordering.move).

    Declare `get_object`, `move` (the service), `get_success_url` and the page's
    `render_refused`; `moved` answers (by default: back to the page, at the row)."""

    def move(self, obj, direction):
        raise NotImplementedError

    def moved(self, obj, result):
        """`result`: what the service returned (whether the row moved, or the moved row)."""
        return self.succeeded(obj)

    def post(self, request, *args, **kwargs):
        self.check_permission()
        obj = self.get_object()
        try:
            result = self.move(obj, request.POST.get("arah", ""))
        except ValidationError as error:
            return self.render_refused(" ".join(error.messages))
        return self.moved(obj, result)

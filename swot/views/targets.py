"""Sasaran pages: the list per dimension with the warnings, a sasaran with its criteria and
indicators, and the indicator form with its yearly target grid. Plain posts: success redirects;
refused input answers 422 with the page and the messages."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from masterplan import access, ordering
from masterplan.editing import VersionConflict
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin

from .. import targets
from ..models import Indicator, Sasaran


def criteria_help(edition_code):
    """{model field name: the guide's description} of the six sasaran criteria."""
    descriptions = [item["description"] for item in guide(edition_code)["vision"]["sasaran_criteria"]]
    return dict(zip(Sasaran.CRITERIA, descriptions, strict=False))


class SasaranMixin(MasterplanMixin):
    def list_url(self, dimension=None):
        url = reverse("sasaran_list", kwargs={"region_code": self.region.code})
        return f"{url}#dimensi-{dimension.code}" if dimension is not None else url

    def detail_url(self, sasaran, anchor=""):
        url = reverse("sasaran_detail", kwargs={"region_code": self.region.code,
                                                "sasaran_pk": sasaran.pk})
        return f"{url}#{anchor}" if anchor else url

    def get_sasaran(self, action):
        self.sasaran = access.scoped_get(
            Sasaran.objects.filter(masterplan=self.masterplan).select_related("dimension"),
            self.request.user, action, pk=self.kwargs["sasaran_pk"])
        self.sasaran.masterplan = self.masterplan
        return self.sasaran

    def get_indicator(self, action):
        indicator = access.scoped_get(Indicator.objects.filter(sasaran=self.sasaran),
                                      self.request.user, action, pk=self.kwargs["indicator_pk"])
        indicator.sasaran = self.sasaran
        return indicator

    def sasaran_form(self, data=None, instance=None, **kwargs):
        form = targets.SasaranForm(data, instance=instance or Sasaran(), masterplan=self.masterplan,
                                   **kwargs)
        for name, text in criteria_help(self.masterplan.edition.code).items():
            form.fields[name].help_text = text
        return form

    def list_context(self, add_form=None, error=None):
        warnings = targets.warnings(self.masterplan)
        incomplete = {w.sasaran.pk for w in warnings if w.kind != targets.WRONG_DIRECTION}
        by_dimension = defaultdict(list)
        for sasaran in targets.sasaran_of(self.masterplan).prefetch_related("indicators"):
            sasaran.criteria_met = sum(bool(getattr(sasaran, name)) for name in Sasaran.CRITERIA)
            sasaran.complete = sasaran.pk not in incomplete
            by_dimension[sasaran.dimension_id].append(sasaran)
        hints = {item["code"]: item.get("sasaran", "")
                 for item in guide(self.masterplan.edition.code)["dimensions"]}
        add_dimension = None
        if add_form is not None and add_form.is_bound:
            add_dimension = str(add_form["dimension"].value())
        dimensions = [
            (dimension, by_dimension[dimension.pk], hints.get(dimension.code, ""),
             add_form if add_dimension == str(dimension.pk) else None)
            for dimension in targets.dimensions_of(self.masterplan)]
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "dimensions": dimensions, "warnings": warnings, "error": error,
                "criteria_total": len(Sasaran.CRITERIA)}

    def detail_context(self, form=None, error=None):
        indicators = list(targets.indicators_of(self.sasaran))
        years = list(self.masterplan.years)
        for indicator in indicators:
            values = {target.year: target.value for target in indicator.targets.all()}
            indicator.grid = [(year, values.get(year)) for year in years]
            indicator.outside = sorted((year, value) for year, value in values.items()
                                       if year not in years)
        help_texts = criteria_help(self.masterplan.edition.code)
        return {"region": self.region, "masterplan": self.masterplan, "can_edit": self.can_edit,
                "sasaran": self.sasaran, "form": form or self.sasaran_form(instance=self.sasaran),
                "indicators": indicators, "years": years,
                "warnings": targets.warnings(self.masterplan, sasaran_id=self.sasaran.pk),
                "criteria": [(Sasaran._meta.get_field(name).verbose_name, help_texts.get(name, ""),
                              getattr(self.sasaran, name)) for name in Sasaran.CRITERIA],
                "list_url": self.list_url(self.sasaran.dimension), "error": error}

    def render_list(self, status=422, **kwargs):
        return TemplateResponse(self.request, "swot/sasaran_list.html", self.list_context(**kwargs),
                                status=status)

    def render_detail(self, status=422, **kwargs):
        return TemplateResponse(self.request, "swot/sasaran_detail.html",
                                self.detail_context(**kwargs), status=status)


class SasaranListView(SasaranMixin, TemplateView):
    template_name = "swot/sasaran_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.list_context())
        return context


class SasaranAddView(SasaranMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        form = self.sasaran_form(request.POST)
        if form.is_valid():
            sasaran = targets.save_sasaran(form, request.user)
            messages.success(request, _("Sasaran ditambahkan. Tambahkan indikatornya di bawah."))
            return redirect(self.detail_url(sasaran))
        return self.render_list(add_form=form)


class SasaranDetailView(SasaranMixin, TemplateView):
    """A sasaran with its criteria and indicators; its form (text, dimension, criteria) posts here."""

    template_name = "swot/sasaran_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.get_sasaran(access.VIEW)
        context.update(self.detail_context())
        return context

    def post(self, request, *args, **kwargs):
        access.require(request.user, access.EDIT, self.region)
        sasaran = self.get_sasaran(access.EDIT)
        form = self.sasaran_form(request.POST, instance=sasaran)
        if form.is_valid():
            try:
                targets.save_sasaran(form, request.user)
            except VersionConflict as conflict:
                form = form.rebased(conflict)
                for name, text in criteria_help(self.masterplan.edition.code).items():
                    form.fields[name].help_text = text
            else:
                messages.success(request, _("Sasaran disimpan."))
                return redirect(self.detail_url(sasaran))
        return self.render_detail(form=form)


class SasaranDeleteView(SasaranMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        sasaran = self.get_sasaran(access.EDIT)
        try:
            targets.delete_sasaran(sasaran, ordering.posted_version(request.POST))
        except ValidationError as error:
            return self.render_detail(error=" ".join(error.messages))
        except ordering.RowChanged as changed:
            return self.render_detail(error=changed.message)
        messages.success(request, _("Sasaran dan indikatornya dihapus."))
        return redirect(self.list_url(sasaran.dimension))


class IndicatorFormView(EditPageMixin, SasaranMixin, TemplateView):
    """Add (no indicator_pk) or edit an indicator with its yearly targets; team only."""

    action = access.EDIT
    template_name = "swot/sasaran_indicator_form.html"

    def get_form(self, data=None):
        self.get_sasaran(access.EDIT)
        instance = self.get_indicator(access.EDIT) if "indicator_pk" in self.kwargs else Indicator()
        return targets.IndicatorForm(data, instance=instance, sasaran=self.sasaran)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(form=form, sasaran=self.sasaran, indicator=form.instance,
                       cancel_url=self.detail_url(self.sasaran, "indikator"))
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                indicator = targets.save_indicator(form, request.user)
            except VersionConflict as conflict:
                form = form.rebased(conflict)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Indikator “%(name)s” disimpan.") % {"name": indicator.name})
                return redirect(self.detail_url(self.sasaran, f"indikator-{indicator.pk}"))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class IndicatorDeleteView(SasaranMixin, View):
    action = access.EDIT

    def post(self, request, *args, **kwargs):
        self.get_sasaran(access.EDIT)
        indicator = self.get_indicator(access.EDIT)
        try:
            targets.delete_indicator(indicator, ordering.posted_version(request.POST))
        except ValidationError as error:
            return self.render_detail(error=" ".join(error.messages))
        except ordering.RowChanged as changed:
            return self.render_detail(error=changed.message)
        messages.success(request, _("Indikator “%(name)s” dihapus.") % {"name": indicator.name})
        return redirect(self.detail_url(self.sasaran, "indikator"))

"""Sasaran pages: the list per dimension with the warnings, a sasaran with its criteria and
indicators, and the indicator form with its yearly target grid. Plain posts: success redirects;
refused input answers 422 with the page and the messages."""

from collections import defaultdict

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from masterplan import access
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import EditPageMixin, ObjectDeleteView, ObjectFormView

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


class SasaranAddView(SasaranMixin, ObjectFormView):
    action = access.EDIT
    success_message = gettext_lazy("Sasaran ditambahkan. Tambahkan indikatornya di bawah.")

    def get_form(self, data=None):
        return self.sasaran_form(data)

    def save(self, form):
        return targets.save_sasaran(form, self.request.user)

    def get_success_url(self, sasaran):
        return self.detail_url(sasaran)

    def form_refused(self, form):
        return self.render_list(add_form=form)


class SasaranDetailView(SasaranMixin, ObjectFormView, TemplateView):
    """A sasaran with its criteria and indicators; its form (text, dimension, criteria) posts here."""

    template_name = "swot/sasaran_detail.html"
    success_message = gettext_lazy("Sasaran disimpan.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.get_sasaran(access.VIEW)
        context.update(self.detail_context())
        return context

    def get_form(self, data=None):
        return self.sasaran_form(data, instance=self.get_sasaran(access.EDIT))

    def save(self, form):
        return targets.save_sasaran(form, self.request.user)

    def rebase(self, form, conflict):
        form = form.rebased(conflict)
        for name, text in criteria_help(self.masterplan.edition.code).items():
            form.fields[name].help_text = text
        return form

    def get_success_url(self, sasaran):
        return self.detail_url(sasaran)

    def form_refused(self, form):
        return self.render_detail(form=form)


class SasaranDeleteView(SasaranMixin, ObjectDeleteView):
    action = access.EDIT
    success_message = gettext_lazy("Sasaran dan indikatornya dihapus.")

    def get_object(self):
        return self.get_sasaran(access.EDIT)

    def delete(self, sasaran, seen_version):
        targets.delete_sasaran(sasaran, seen_version)

    def get_success_url(self, sasaran):
        return self.list_url(sasaran.dimension)

    def render_refused(self, error):
        return self.render_detail(error=error)


class IndicatorFormView(EditPageMixin, SasaranMixin, ObjectFormView, TemplateView):
    """Add (no indicator_pk) or edit an indicator with its yearly targets; team only."""

    action = access.EDIT
    template_name = "swot/sasaran_indicator_form.html"
    form_class = targets.IndicatorForm
    success_message = gettext_lazy("Indikator “%(name)s” disimpan.")

    def get_object(self):
        self.get_sasaran(access.EDIT)
        return self.get_indicator(access.EDIT) if "indicator_pk" in self.kwargs else Indicator()

    def get_form_kwargs(self):
        return {"sasaran": self.sasaran}

    def save(self, form):
        return targets.save_indicator(form, self.request.user)

    def get_success_url(self, indicator):
        return self.detail_url(self.sasaran, f"indikator-{indicator.pk}")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(form=form, sasaran=self.sasaran, indicator=form.instance,
                       cancel_url=self.detail_url(self.sasaran, "indikator"))
        return context


class IndicatorDeleteView(SasaranMixin, ObjectDeleteView):
    action = access.EDIT
    success_message = gettext_lazy("Indikator “%(name)s” dihapus.")

    def get_object(self):
        self.get_sasaran(access.EDIT)
        return self.get_indicator(access.EDIT)

    def delete(self, indicator, seen_version):
        targets.delete_indicator(indicator, seen_version)

    def get_success_url(self, indicator):
        return self.detail_url(self.sasaran, "indikator")

    def render_refused(self, error):
        return self.render_detail(error=error)

"""SWOT worksheet pages: the overview of a masterplan's worksheets and one worksheet's grid.

Every change is a POST answered in two ways: an htmx request gets the grid back (200 when saved,
422 with the refused form or message in place), a plain post is redirected to the worksheet
(saved) or sees the whole page again with the refusal (422).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from masterplan import access
from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import ObjectDeleteView, ObjectFormView, ObjectMoveView
from readiness.models import Interpretation

from .. import worksheets
from ..models import Strategy, SwotItem
from ..worksheet_forms import (
    EvidenceForm,
    ItemAddForm,
    ItemForm,
    StrategyAddForm,
    StrategyForm,
    TopicWorksheetForm,
    selected_ids,
)


def _version(request):
    """The version a delete form was loaded with, if it says."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


def _swot_guide(masterplan):
    return guide(masterplan.edition.code)["swot"]


class OverviewView(MasterplanMixin, TemplateView):
    """The masterplan's worksheets with their completion; the team adds topic worksheets here."""

    template_name = "swot/worksheets/overview.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = worksheets.completion([self.masterplan])[self.masterplan.pk]
        context["factors"] = worksheets.FACTORS
        context["quadrants"] = worksheets.QUADRANTS
        context["guide"] = _swot_guide(self.masterplan)
        if self.can_edit:
            context["form"] = form or TopicWorksheetForm(masterplan=self.masterplan)
        return context


class WorksheetAddView(OverviewView, ObjectFormView):
    """Add a topic worksheet; a refused title shows the overview again (422)."""

    action = access.EDIT
    http_method_names = ["post"]

    def get_form(self, data=None):
        return TopicWorksheetForm(data, masterplan=self.masterplan)

    def save(self, form):
        return worksheets.add_topic_worksheet(self.masterplan, form.cleaned_data["title"],
                                              user=self.request.user)

    def save_refused(self, form, error):
        form.add_error("title", error)
        return self.form_refused(form)

    def get_success_message(self, worksheet):
        return _("Kertas kerja “%(title)s” ditambahkan.") % {"title": worksheet.title}

    def get_success_url(self, worksheet):
        return reverse("swot_worksheet", kwargs={"region_code": self.region.code,
                                                 "worksheet_pk": worksheet.pk})


class WorksheetMixin(MasterplanMixin):
    """One worksheet of the current masterplan (`self.worksheet`), and the grid around it."""

    def get_worksheet(self, action):
        self.worksheet = access.scoped_get(
            worksheets.worksheets_of(self.masterplan), self.request.user, action,
            pk=self.kwargs["worksheet_pk"])
        return self.worksheet

    def get_item(self, action):
        return access.scoped_get(
            SwotItem.objects.filter(worksheet=self.worksheet).select_related(
                "worksheet__masterplan__region"),
            self.request.user, action, pk=self.kwargs["item_pk"])

    def get_strategy(self, action):
        return access.scoped_get(
            Strategy.objects.filter(worksheet=self.worksheet).select_related(
                "worksheet__masterplan__region").prefetch_related("items"),
            self.request.user, action, pk=self.kwargs["strategy_pk"])

    def worksheet_url(self, anchor=""):
        url = reverse("swot_worksheet", kwargs={"region_code": self.region.code,
                                                "worksheet_pk": self.worksheet.pk})
        return f"{url}#{anchor}" if anchor else url

    # --- the grid --------------------------------------------------------------------------

    def grid_context(self, bound=None, error="", notice="", open_slot=None):
        """Everything _grid.html shows. `bound` (a form with a .slot) replaces the blank form of
        its slot; `open_slot` names a form to show unfolded."""
        worksheet = self.worksheet
        data = worksheets.grid(worksheet)
        swot_guide = _swot_guide(self.masterplan)
        factor_guide = {f["code"]: f for f in swot_guide["factors"]}
        quadrant_guide = {q["code"]: q for q in swot_guide["matrix"]["quadrants"]}
        bound_slot = getattr(bound, "slot", None)
        opened = bound_slot or open_slot

        def form_for(slot, build):
            if not self.can_edit:
                return None
            return bound if bound_slot == slot else build()

        boxes = {}
        for factor in worksheets.FACTORS:
            items = data.items[factor]
            suggested = data.suggestions.get(factor, [])
            add_form = form_for(("add", factor), lambda f=factor: ItemAddForm(
                worksheet=worksheet, factor=f))
            rows = []
            for index, item in enumerate(items):
                form = form_for(("item", item.pk), lambda i=item: ItemForm(instance=i))
                options = []
                if form is not None:  # the cited components; others are chosen on the evidence page
                    chosen = selected_ids(form["evidence"])
                    options = [(entry, str(entry.pk) in chosen) for entry in item.evidence.all()]
                rows.append({
                    "item": item, "form": form, "evidence_options": options,
                    "first": index == 0, "last": index == len(items) - 1,
                    "open": opened == ("item", item.pk),
                    "used_by": [],
                })
            boxes[factor] = {
                "code": factor, "label": factor_guide[factor]["name"],
                "origin": factor_guide[factor]["origin"],
                "definition": factor_guide[factor]["definition"],
                "rows": rows, "suggestions": suggested,
                "suggested_judgement": worksheets.SUGGESTED_JUDGEMENT.get(factor, ""),
                "add_form": add_form,
                "add_options": ([(entry, str(entry.pk) in selected_ids(add_form["evidence"]))
                                 for entry in suggested] if add_form is not None else []),
                "add_open": opened == ("add", factor),
            }
        rows_by_item = {row["item"].pk: row for box in boxes.values() for row in box["rows"]}

        cells = {}
        for quadrant in worksheets.QUADRANTS:
            entries = []
            for strategy in data.strategies[quadrant]:
                for item in strategy.combined:
                    if item.pk in rows_by_item:
                        rows_by_item[item.pk]["used_by"].append(strategy.code)
                form = form_for(("strategy", strategy.pk), lambda s=strategy: StrategyForm(instance=s))
                entries.append({
                    "strategy": strategy, "form": form,
                    "chosen": selected_ids(form["items"]) if form is not None else set(),
                    "open": opened == ("strategy", strategy.pk),
                })
            add_form = form_for(("strategy_add", quadrant), lambda q=quadrant: StrategyAddForm(
                worksheet=worksheet, quadrant=q))
            cells[quadrant] = {
                "code": quadrant, "label": quadrant_guide[quadrant]["worksheet_label"],
                "description": quadrant_guide[quadrant]["label"],
                "groups": [(boxes[factor]["label"], factor, data.items[factor])
                           for factor in worksheets.QUADRANT_FACTORS[quadrant]],
                "entries": entries, "add_form": add_form,
                "add_chosen": selected_ids(add_form["items"]) if add_form is not None else set(),
                "add_open": opened == ("strategy_add", quadrant),
            }
        return {
            "region": self.region, "masterplan": self.masterplan, "worksheet": worksheet,
            "can_edit": self.can_edit, "boxes": boxes, "cells": cells,
            "completion": data.completion, "grid_error": error, "grid_notice": notice,
            "corner_label": swot_guide["worksheet"]["corner_label"],
            "judgement_labels": dict(Interpretation.choices),
        }

    def page_context(self, **kwargs):
        context = self.grid_context(**kwargs)
        siblings = list(worksheets.worksheets_of(self.masterplan))
        position = [ws.pk for ws in siblings].index(self.worksheet.pk)
        context.update(
            guide=_swot_guide(self.masterplan),
            previous_worksheet=siblings[position - 1] if position > 0 else None,
            next_worksheet=siblings[position + 1] if position + 1 < len(siblings) else None,
            region_role=access.role_in(self.request.user, self.region),
        )
        return context

    def respond(self, *, saved, message="", anchor="", bound=None, error="", open_slot=None):
        """The answer to a POST on the grid (see the module docstring)."""
        if self.request.headers.get("HX-Request") == "true":
            context = self.grid_context(bound=None if saved else bound, error=error,
                                        notice=message if saved else "", open_slot=open_slot)
            return render(self.request, "swot/worksheets/_grid.html", context, status=200 if saved else 422)
        if saved:
            messages.success(self.request, message)
            return redirect(self.worksheet_url(anchor))
        return render(self.request, "swot/worksheets/worksheet.html",
                      self.page_context(bound=bound, error=error), status=422)

    def render_refused(self, error):
        return self.respond(saved=False, error=error)

    def form_refused(self, form):
        return self.respond(saved=False, bound=form)

    def refused_slotless(self, form):
        """A refused add form whose slot (factor, quadrant) is unknown: its messages on the grid."""
        return self.respond(saved=False, error=" ".join(
            e for errors in form.errors.values() for e in errors))


class WorksheetView(WorksheetMixin, TemplateView):
    template_name = "swot/worksheets/worksheet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.get_worksheet(access.VIEW)
        context.update(self.page_context())
        return context


class WorksheetDeleteView(WorksheetMixin, ObjectDeleteView):
    action = access.EDIT

    def get_object(self):
        return self.get_worksheet(access.EDIT)

    def seen_version(self):
        return _version(self.request)

    def delete(self, worksheet, seen_version):
        worksheets.delete_worksheet(worksheet, user=self.request.user, seen_version=seen_version)

    def get_success_message(self, worksheet):
        return _("Kertas kerja “%(title)s” dihapus.") % {"title": worksheet.name}

    def get_success_url(self, worksheet):
        return reverse("swot_overview", kwargs={"region_code": self.region.code})


class GridRowMixin(WorksheetMixin):
    """A change on the grid of a worksheet: answered by `respond` (htmx: the grid)."""

    action = access.EDIT

    def get_object(self):
        self.get_worksheet(access.EDIT)
        return self.get_row()

    def succeeded(self, obj):
        return self.respond(saved=True, anchor=self.success_anchor(obj),
                            message=self.get_success_message(obj))


class ItemAddView(GridRowMixin, ObjectFormView):
    success_message = gettext_lazy("Butir %(code)s ditambahkan.")

    def get_form(self, data=None):
        return ItemAddForm(data, worksheet=self.get_worksheet(access.EDIT))

    def save(self, form):
        return worksheets.add_item(
            self.worksheet, factor=form.cleaned_data["factor"], text=form.cleaned_data["text"],
            evidence=form.cleaned_data["evidence"], user=self.request.user)

    def succeeded(self, item):
        return self.respond(saved=True, anchor=f"butir-{item.pk}", open_slot=("add", item.factor),
                            message=self.get_success_message(item))

    def form_refused(self, form):
        if not form.factor_code or form.factor_code not in worksheets.FACTORS:
            return self.refused_slotless(form)
        return super().form_refused(form)


class ItemEditView(GridRowMixin, ObjectFormView):
    form_class = ItemForm
    success_message = gettext_lazy("Butir %(code)s disimpan.")

    def get_row(self):
        return self.get_item(access.EDIT)

    def save(self, form):
        return worksheets.save_item(form, self.request.user)

    def success_anchor(self, item):
        return f"butir-{item.pk}"


class ItemEvidenceView(WorksheetMixin, ObjectFormView, TemplateView):
    """Choose an item's evidence among every readiness component of the masterplan."""

    action = access.EDIT
    template_name = "swot/worksheets/evidence.html"
    form_class = EvidenceForm
    success_message = gettext_lazy("Bukti butir %(code)s disimpan.")

    def get(self, request, *args, **kwargs):
        if not self.can_edit:  # the masterplan's status freezes its content
            self.get_worksheet(access.VIEW)
            return redirect(self.worksheet_url())
        return super().get(request, *args, **kwargs)

    def get_object(self):
        self.get_worksheet(access.EDIT)
        self.item = self.get_item(access.EDIT)
        return self.item

    def save(self, form):
        return worksheets.save_item(form, self.request.user)

    def get_success_url(self, item):
        return self.worksheet_url(f"butir-{item.pk}")

    def form_refused(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        self.get_object()  # the item as stored now: a refused form's instance holds the input
        form = form or EvidenceForm(instance=self.item)
        chosen = selected_ids(form["evidence"])
        suggested = {entry.pk for entry in
                     worksheets.suggestions(self.worksheet).get(self.item.factor, [])}
        groups = [(sub_area, [(entry, str(entry.pk) in chosen, entry.pk in suggested)
                              for entry in entries])
                  for sub_area, entries in worksheets.evidence_choices(self.masterplan.pk)]
        context.update(worksheet=self.worksheet, item=self.item, form=form, groups=groups,
                       suggested_judgement=worksheets.SUGGESTED_JUDGEMENT.get(self.item.factor))
        return context


class ItemDeleteView(GridRowMixin, ObjectDeleteView):
    success_message = gettext_lazy("Butir %(code)s dihapus.")

    def get_row(self):
        return self.get_item(access.EDIT)

    def seen_version(self):
        return _version(self.request)

    def delete(self, item, seen_version):
        worksheets.delete_item(item, user=self.request.user, seen_version=seen_version)

    def success_anchor(self, item):
        return f"kotak-{item.factor}"


class ItemMoveView(GridRowMixin, ObjectMoveView):
    def get_row(self):
        return self.get_item(access.EDIT)

    def move(self, item, direction):
        return worksheets.move_item(item, direction, user=self.request.user)

    def moved(self, item, moved):
        return self.respond(saved=True, anchor=f"butir-{moved.pk}",
                            message=_("Butir dipindahkan menjadi %(code)s.") % {"code": moved.code})


class StrategyAddView(GridRowMixin, ObjectFormView):
    success_message = gettext_lazy("Strategi %(code)s ditambahkan.")

    def get_form(self, data=None):
        return StrategyAddForm(data, worksheet=self.get_worksheet(access.EDIT))

    def save(self, form):
        return worksheets.add_strategy(
            self.worksheet, quadrant=form.cleaned_data["quadrant"],
            text=form.cleaned_data["text"], items=form.cleaned_data["items"],
            user=self.request.user)

    def success_anchor(self, strategy):
        return f"strategi-{strategy.pk}"

    def form_refused(self, form):
        if form.quadrant_code not in worksheets.QUADRANTS:
            return self.refused_slotless(form)
        return super().form_refused(form)


class StrategyEditView(GridRowMixin, ObjectFormView):
    form_class = StrategyForm
    success_message = gettext_lazy("Strategi %(code)s disimpan.")

    def get_row(self):
        return self.get_strategy(access.EDIT)

    def save(self, form):
        return worksheets.save_strategy(form, self.request.user)

    def success_anchor(self, strategy):
        return f"strategi-{strategy.pk}"


class StrategyDeleteView(GridRowMixin, ObjectDeleteView):
    success_message = gettext_lazy("Strategi %(code)s dihapus.")

    def get_row(self):
        return self.get_strategy(access.EDIT)

    def seen_version(self):
        return _version(self.request)

    def delete(self, strategy, seen_version):
        worksheets.delete_strategy(strategy, user=self.request.user, seen_version=seen_version)

    def success_anchor(self, strategy):
        return f"kuadran-{strategy.quadrant}"

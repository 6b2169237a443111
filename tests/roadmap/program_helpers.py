"""Helpers for the program and OPD tests: objects, and posts of the program page as a browser
would send them (every form of the ProgramEditor with its prefix, unticked boxes left out)."""

from decimal import Decimal

from masterplan.models import DimensionElement
from roadmap.models import Financing, KpiTarget, Opd, Partner, Program, ProgramKpi, QuickWin
from roadmap.program_editor import ProgramEditor

from ..swot.strategic_helpers import form_data

MODELS = (Program, ProgramKpi, KpiTarget, Financing, Partner, QuickWin)


def counts():
    """Rows of every program model: compare before and after a refused save."""
    return {model.__name__: model.objects.count() for model in MODELS}


def element(masterplan, dimension="governance", code="public_service"):
    return DimensionElement.objects.get(dimension__edition=masterplan.edition_id,
                                        dimension__code=dimension, code=code)


def make_opd(region, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo", **fields):
    return Opd.objects.create(region=region, name=name, short_name=short_name, **fields)


def make_program(masterplan, name="Portal layanan terpadu", dimension="governance",
                 code="public_service", **fields):
    values = {"category": "aplikasi", "horizon": "pendek", "start_year": masterplan.start_year,
              "end_year": masterplan.start_year}
    values.update(fields)
    return Program.objects.create(masterplan=masterplan, name=name,
                                  element=element(masterplan, dimension, code), **values)


def add_kpi(program, name="Layanan daring", targets=None, baseline=None, **fields):
    kpi = ProgramKpi.objects.create(program=program, name=name,
                                    baseline_value=Decimal(baseline) if baseline else None, **fields)
    for year, value in (targets or {}).items():
        KpiTarget.objects.create(kpi=kpi, year=year, value=Decimal(value))
    return kpi


def add_financing(program, year, source, amount):
    return Financing.objects.create(program=program, year=year, source=source,
                                    amount=Decimal(amount))


def editor_data(editor, **values):
    """What the browser posts for an unbound ProgramEditor, with `values` typed over it
    (None removes a key)."""
    data = form_data(editor.form)
    for formset in (editor.partners, editor.kpis):
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    data.update(form_data(editor.financing))
    for key, value in values.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def new_program_data(masterplan, **values):
    """A valid new program: governance a., aplikasi, jangka pendek in the first year."""
    base = {"name": "Portal layanan terpadu", "element": str(element(masterplan).pk),
            "category": "aplikasi", "horizon": "pendek",
            "start_year": str(masterplan.start_year), "end_year": str(masterplan.start_year),
            "start_quarter": "1", "end_quarter": "4", "monitoring_frequency": "triwulanan"}
    base.update(values)
    return editor_data(ProgramEditor(masterplan), **base)


def save(masterplan, data, program=None, user=None):
    """Validate and save a posted program page; returns (editor, saved program or None)."""
    editor = ProgramEditor(masterplan, data, instance=program)
    if not editor.is_valid():
        return editor, None
    return editor, editor.save(user)


def all_errors(editor):
    """Every message of the page's forms, flattened."""
    messages = [error for errors in editor.form.errors.values() for error in errors]
    for formset in (editor.partners, editor.kpis):
        messages += list(formset.non_form_errors())
        for form in formset.forms:
            messages += [error for errors in form.errors.values() for error in errors]
    messages += [error for errors in editor.financing.errors.values() for error in errors]
    return messages

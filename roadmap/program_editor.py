"""Saving programs: KPI targets and financing checked against the program's years, the program
page's forms saved together in one transaction (`ProgramEditor`), deleting a program, a quick
win's answers."""


from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _

from masterplan import ordering
from masterplan.editing import (
    rows_input_changed,
    rows_values,
    save_versioned,
    write_yearly_values,
)

from .models import Financing, FundingSource, KpiTarget, Partner, Program, ProgramKpi, QuickWin
from .program_forms import (
    FinancingForm,
    KpiForm,
    PartnerForm,
    ProgramForm,
    related_summary,
    sign_related,
    target_field_name,
)
from .program_rules import check_program, outside_program, program_years_text

# --- numbers ------------------------------------------------------------------------------------

def clean_decimal(model, field_name, value):
    """A Decimal the column accepts, or ValueError."""
    try:
        value = value if isinstance(value, Decimal) else Decimal(str(value))
        if not value.is_finite():
            raise InvalidOperation
        return model._meta.get_field(field_name).clean(value, None)
    except (InvalidOperation, TypeError, ValueError, ValidationError):
        raise ValueError(value) from None


# --- KPI targets and financing services ---------------------------------------------------------

def set_kpi_targets(kpi, targets):
    """Set a KPI's targets {year: Decimal or None} (None removes the year's target). A year
    outside the program's years or a non-number is refused with a ValidationError before
    anything is written; years not given are left alone."""
    program = kpi.program
    outside = sorted(year for year, value in targets.items()
                     if value is not None and outside_program(year, program.start_year,
                                                              program.end_year))
    if outside:
        raise ValidationError(
            _("Target KPI “%(kpi)s” tahun %(years)s di luar masa program (%(program_years)s); "
              "target tidak disimpan.")
            % {"kpi": kpi.name, "years": ", ".join(str(year) for year in outside),
               "program_years": program_years_text(program.start_year, program.end_year)})
    clean = {}
    for year, value in targets.items():
        if value is None:
            clean[year] = None
            continue
        try:
            clean[year] = clean_decimal(KpiTarget, "value", value)
        except ValueError:
            raise ValidationError(_("Target KPI “%(kpi)s” tahun %(year)s harus berupa angka.")
                                  % {"kpi": kpi.name, "year": year}) from None
    write_yearly_values(KpiTarget.objects, clean, kpi=kpi)


def set_financing(program, amounts):
    """Set a program's financing {(year, source): Decimal or None} (None removes it). Years
    outside the program, unknown sources, negative amounts and non-numbers are refused with a
    ValidationError before anything is written; cells not given are left alone."""
    problems, clean = [], {}
    for (year, source), value in sorted(amounts.items()):
        if source not in FundingSource.values:
            problems.append(_("Sumber dana “%(source)s” tidak dikenal.") % {"source": source})
            continue
        label = {"year": year, "source": FundingSource(source).label,
                 "program_years": program_years_text(program.start_year, program.end_year)}
        if value is None:
            clean[(year, source)] = None
            continue
        if outside_program(year, program.start_year, program.end_year):
            problems.append(_("Pembiayaan %(year)s (%(source)s) di luar masa program "
                              "(%(program_years)s).") % label)
            continue
        try:
            value = clean_decimal(Financing, "amount", value)
        except ValueError:
            problems.append(_("Pembiayaan %(year)s (%(source)s) harus berupa angka rupiah yang "
                              "tidak negatif, mis. 1.500.000.000.") % label)
            continue
        clean[(year, source)] = value
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        existing = {(row.year, row.source): row for row in Financing.objects.filter(program=program)}
        for key, value in clean.items():  # one by one, so model history sees each change
            row = existing.get(key)
            if value is None:
                if row is not None:
                    row.delete()
            elif row is None:
                Financing.objects.create(program=program, year=key[0], source=key[1], amount=value)
            elif row.amount != value:
                row.amount = value
                row.save(update_fields=["amount"])


class ProgramEditor:
    """The program page's forms — program, partner rows, KPI grid, financing grid — validated
    together and saved in one transaction under the program's version."""

    def __init__(self, masterplan, data=None, instance=None):
        self.masterplan = masterplan
        instance = instance if instance is not None else Program(masterplan=masterplan)
        self.years = list(masterplan.years)
        self.form = ProgramForm(data, instance=instance, masterplan=masterplan)
        existing = instance.pk is not None
        partner_formset = inlineformset_factory(
            Program, Partner, form=PartnerForm, extra=1 if existing else 2, can_delete=True)
        self.partners = partner_formset(data, instance=instance, prefix="mitra",
                                        queryset=Partner.objects.filter(program=instance)
                                        if existing else Partner.objects.none())
        kpi_formset = inlineformset_factory(
            Program, ProgramKpi, form=KpiForm, extra=1 if existing else 2, can_delete=True)
        kpis = (ProgramKpi.objects.filter(program=instance).order_by("position", "pk")
                .prefetch_related("targets") if existing else ProgramKpi.objects.none())
        self.kpis = kpi_formset(data, instance=instance, prefix="kpi", queryset=kpis,
                                form_kwargs={"years": self.years})
        self.financing = FinancingForm(data, program=instance, years=self.years)
        if existing and data is None:
            self.form.initial["related_snapshot"] = self.signed_related()

    def related_forms(self):
        return [self.partners.management_form, *self.partners.forms,
                self.kpis.management_form, *self.kpis.forms, self.financing]

    def signed_related(self):
        """The partners, KPIs and financing as loaded: a summary to list a concurrent change,
        and the rows as posted, to tell whether the editor changed them."""
        return sign_related({"summary": related_summary(self.program),
                      "rows": rows_values(self.related_forms())})

    @property
    def program(self):
        return self.form.instance

    def _kpi_forms(self):
        """KPI rows that will be saved (not blank extra rows, not rows marked for deletion)."""
        for form in self.kpis.forms:
            if form.instance.pk is None and not form.has_changed():
                continue
            if self.kpis._should_delete_form(form):
                continue
            yield form

    def is_valid(self):
        """All forms valid and no KPI target or financing outside the program's years (checked
        whenever the years themselves are valid, so every message shows at once)."""
        if self.form.keeps_theirs():  # after a conflict: the other person's rows stay
            return self.form.is_valid()
        valid = all([self.form.is_valid(), self.partners.is_valid(), self.kpis.is_valid(),
                     self.financing.is_valid()])
        start, end = (self.form.cleaned_data.get(name) for name in ("start_year", "end_year"))
        if start is None or end is None or {"start_year", "end_year"} & set(self.form.errors):
            return False
        names = {"program_years": program_years_text(start, end)}
        for form in self._kpi_forms():
            for year, value in form.targets().items():
                if value is not None and outside_program(year, start, end):
                    form.add_error(target_field_name(year), _(
                        "Target tahun %(year)s di luar masa program (%(program_years)s); "
                        "kosongkan atau ubah tahun program.") % {**names, "year": year})
                    valid = False
        for (year, source), value in self.financing.amounts().items():
            if value is not None and outside_program(year, start, end):
                self.financing.add_error(FinancingForm.field_name(year, source), _(
                    "Pembiayaan %(year)s (%(source)s) di luar masa program (%(program_years)s); "
                    "kosongkan atau ubah tahun program.")
                    % {**names, "year": year, "source": FundingSource(source).label})
                valid = False
        return valid

    @property
    def has_errors(self):
        return bool(self.form.errors or self.partners.total_error_count() or
                    any(form.errors for form in self.kpis.forms) or
                    self.kpis.non_form_errors() or self.financing.errors)

    def save(self, user):
        """Save everything in one transaction; VersionConflict or ValidationError: nothing saved."""
        program = self.form.instance
        was_new, seen_version = program.pk is None, program.version
        if was_new:
            program.masterplan = self.masterplan
            program.position = ordering.next_position(Program.objects.filter(
                masterplan=self.masterplan, element=self.form.cleaned_data["element"]))
        keep_theirs = self.form.keeps_theirs()  # the other person's rows, after a conflict
        kpi_forms = [] if keep_theirs else list(self._kpi_forms())
        amounts = {} if keep_theirs else self.financing.amounts()

        def save_related(saved):
            check_program(saved)
            if not keep_theirs:
                self.partners.instance = saved
                self.partners.save()
                self._save_kpis(saved, kpi_forms, user)
                set_financing(saved, amounts)
            if saved.is_quick_win:
                QuickWin.objects.get_or_create(program=saved)

        try:
            return save_versioned(self.form, user, save_related=save_related)
        except ValidationError:
            if was_new:
                program.pk = None
                program._state.adding = True
            program.version = seen_version
            raise

    def _save_kpis(self, program, kpi_forms, user):
        for form in self.kpis.forms:
            if form.instance.pk is not None and self.kpis._should_delete_form(form):
                form.instance.delete()
        for position, form in enumerate(kpi_forms):
            kpi = form.save(commit=False)
            kpi.program = program
            changed = form.has_changed() or kpi.position != position or kpi.pk is None
            kpi.position = position
            if changed:
                if kpi.pk is not None:
                    kpi.version += 1
                kpi.updated_by = user
                kpi.save()
            set_kpi_targets(kpi, form.targets())

    def related_input_changed(self):
        """Do the posted partner, KPI and financing rows differ from the stored ones?"""
        return self.partners.has_changed() or self.kpis.has_changed() or \
            self.financing.has_changed()

    def rebased(self, conflict):
        """The merged input on the current version. Partners, KPIs and financing are merged as
        one block: changed by the other person only -> theirs are shown; changed by both (to
        something else) -> the editor must choose; changed by the editor only -> kept."""
        current = conflict.current
        theirs = ProgramEditor(self.masterplan, instance=current)
        related = None
        if self.form.related_changed_by_others(current):
            mine_changed = rows_input_changed(self.related_forms(),
                                              self.form.loaded_related().get("rows"))
            if not mine_changed:  # show theirs: the rows of the current program, unbound
                self.partners, self.kpis, self.financing = \
                    theirs.partners, theirs.kpis, theirs.financing
            elif self.partners.has_changed() or self.kpis.has_changed() or \
                    self.financing.has_changed():
                related = (_("Mitra, KPI dan pembiayaan"),
                           _("tabel mitra, KPI dan pembiayaan di halaman ini"),
                           "; ".join(f"{label}: {value}" for label, value
                                     in related_summary(current).items()))
        self.form = self.form.rebased(conflict, related=related,
                                      related_snapshot=theirs.signed_related())
        return self


def delete_program(program, seen_version):
    """Delete a program (KPIs, targets, financing, partners, quick win and monitoring records go
    with it) if it is still at `seen_version`; masterplan.ordering.RowChanged otherwise."""
    return ordering.delete_versioned(program, seen_version, program.name)


def quick_win_of(program):
    """The program's QuickWin row, created when missing (only for flagged programs)."""
    if not program.is_quick_win:
        raise ValidationError(_("Program “%(program)s” tidak ditandai quick win; tandai dulu di "
                                "formulir program.") % {"program": program.name})
    return QuickWin.objects.get_or_create(program=program)[0]


def save_quick_win(form, user):
    """Save a quick win's answers and status; refused (ValidationError) unless its program is
    flagged quick win, VersionConflict if someone changed it meanwhile."""
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=form.instance.program_id)
        if not program.is_quick_win:
            raise ValidationError(_("Program “%(program)s” tidak ditandai quick win; jawaban "
                                    "tidak disimpan.") % {"program": program.name})
        return save_versioned(form, user)

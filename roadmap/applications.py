"""The e-Gov application inventory (the guide's Smart e-Gov analysis, Bimtek #3).

Each application the region runs: name (unique in the masterplan), owning OPD (of the region),
the government function it serves, its users, whether it is interoperable and which of the
masterplan's other applications it exchanges data with, the gap notes the guide asks for (what
works, what does not, what should be improved) and the masterplan's programs that integrate it.

Rules:
* exchanges are symmetric (A exchanges with B means B exchanges with A) and only among the same
  masterplan's applications; both ends must be interoperable, so an application that exchanges
  data cannot be marked not interoperable until its exchanges are removed;
* adding or removing an exchange changes the partner too, so the partner's version is bumped in
  the same transaction: an open edit form of the partner then sees a conflict instead of
  silently undoing the exchange;
* integration programs only from the same masterplan;
* the summary: how many applications, how many interoperable, which are not, and which
  government functions of Tabel II.3 items 14–20 have no application at all.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import ordering
from masterplan.editing import VersionedFormMixin, bump_version, save_versioned

from .models import Application, GovernmentFunction, Opd, Program

# The government functions of Tabel II.3 and their item numbers there.
TABLE_ITEMS = {
    GovernmentFunction.PLANNING: 14,
    GovernmentFunction.FINANCE: 15,
    GovernmentFunction.VIRTUAL_OFFICE: 16,
    GovernmentFunction.MONITORING: 17,
    GovernmentFunction.PERSONNEL: 18,
    GovernmentFunction.LEGISLATION: 19,
    GovernmentFunction.PUBLIC_SERVICE: 20,
}
CORE_FUNCTIONS = list(TABLE_ITEMS)


def function_order():
    """Tabel II.3 order of the functions (items 14–20), then "lainnya"."""
    return Case(*[When(function=code, then=Value(item)) for code, item in TABLE_ITEMS.items()],
                default=Value(99), output_field=IntegerField())


def applications_of(masterplan):
    """The inventory in Tabel II.3 order with OPDs, exchanges and programs: three queries."""
    partners = Application.objects.only("pk", "name", "masterplan_id").order_by("name")
    return (Application.objects.filter(masterplan=masterplan)
            .select_related("owner_opd", "updated_by")
            .prefetch_related(Prefetch("exchanges_with", queryset=partners),
                              Prefetch("integration_programs",
                                       queryset=Program.objects.order_by("name")))
            .order_by(function_order(), "name"))


# --- summary -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FunctionCoverage:
    code: str
    item: int  # Tabel II.3 item number
    label: str
    applications: list

    @property
    def count(self):
        return len(self.applications)

    @property
    def interoperable(self):
        return sum(1 for app in self.applications if app.is_interoperable)


@dataclass(frozen=True)
class Summary:
    total: int
    interoperable: int
    not_interoperable: list  # Application
    functions: list  # FunctionCoverage for items 14–20, in table order

    @property
    def uncovered(self):
        return [function for function in self.functions if not function.count]

    @property
    def covered(self):
        return len(self.functions) - len(self.uncovered)


def summary(applications):
    """The Summary of a masterplan's applications (a list, e.g. applications_of(...))."""
    applications = list(applications)
    by_function = {code: [] for code in CORE_FUNCTIONS}
    for app in applications:
        if app.function in by_function:
            by_function[app.function].append(app)
    return Summary(
        total=len(applications),
        interoperable=sum(1 for app in applications if app.is_interoperable),
        not_interoperable=[app for app in applications if not app.is_interoperable],
        functions=[FunctionCoverage(code, TABLE_ITEMS[code], str(GovernmentFunction(code).label),
                                    by_function[code]) for code in CORE_FUNCTIONS])


def covered_functions(masterplan_ids):
    """{masterplan_id: number of functions 14–20 with at least one application}, one query."""
    result = dict.fromkeys(masterplan_ids, 0)
    for masterplan_id, _function in (Application.objects
                                     .filter(masterplan__in=masterplan_ids,
                                             function__in=CORE_FUNCTIONS)
                                     .order_by().values_list("masterplan_id", "function").distinct()):
        result[masterplan_id] += 1
    return result


# --- form --------------------------------------------------------------------------------------

class PartnerField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if obj.is_interoperable:
            return obj.name
        return _("%(name)s (belum interoperabel)") % {"name": obj.name}


class ProgramField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if obj.is_egov_integration:
            return _("%(name)s (integrasi Smart e-Gov)") % {"name": obj.name}
        return obj.name


class ApplicationForm(VersionedFormMixin, forms.ModelForm):
    exchanges_with = PartnerField(
        queryset=Application.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Bertukar data dengan"),
        error_messages={"invalid_choice": gettext_lazy(
            "Aplikasi yang dipilih untuk pertukaran data bukan aplikasi masterplan ini.")})
    integration_programs = ProgramField(
        queryset=Program.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Program integrasi"),
        error_messages={"invalid_choice": gettext_lazy(
            "Program yang dipilih bukan program masterplan ini.")})

    class Meta:
        model = Application
        fields = ["name", "owner_opd", "function", "users", "is_interoperable", "exchanges_with",
                  "works", "not_works", "improve", "integration_programs"]
        widgets = {name: forms.Textarea(attrs={"rows": 3})
                   for name in ("works", "not_works", "improve")}
        error_messages = {
            "name": {"required": gettext_lazy("Tuliskan nama aplikasi.")},
            "owner_opd": {"invalid_choice": gettext_lazy("OPD yang dipilih bukan OPD wilayah ini.")},
            "function": {"required": gettext_lazy("Pilih fungsi pemerintahan yang dilayani."),
                         "invalid_choice": gettext_lazy("Fungsi pemerintahan tidak dikenal.")},
        }

    def __init__(self, *args, masterplan, **kwargs):
        self.masterplan = masterplan
        super().__init__(*args, **kwargs)
        self.fields["owner_opd"].queryset = Opd.objects.filter(
            region=masterplan.region_id).order_by("position", "name")
        others = Application.objects.filter(masterplan=masterplan).order_by("name")
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        self.fields["exchanges_with"].queryset = others
        self.fields["integration_programs"].queryset = Program.objects.filter(
            masterplan=masterplan).order_by("-is_egov_integration", "name")
        self.fields["function"].help_text = _(
            "Fungsi 1–7 adalah butir 14–20 Tabel II.3 (sistem informasi yang interoperabel).")

    def rebase_kwargs(self):
        return {"masterplan": self.masterplan}

    def clean_name(self):
        name = " ".join(self.cleaned_data.get("name", "").split())
        taken = Application.objects.filter(masterplan=self.masterplan, name__iexact=name)
        if self.instance.pk is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if name and taken.exists():
            raise ValidationError(_("Aplikasi bernama “%(name)s” sudah ada di inventaris.")
                                  % {"name": name})
        return name

    def clean(self):
        cleaned = super().clean()
        partners = list(cleaned.get("exchanges_with") or [])
        interoperable = cleaned.get("is_interoperable")
        if partners and not interoperable:
            self.add_error("is_interoperable", _(
                "Aplikasi yang bertukar data dengan aplikasi lain adalah interoperabel: centang "
                "“Interoperabel” atau kosongkan daftar pertukaran datanya."))
        closed = [app.name for app in partners if not app.is_interoperable]
        if closed:
            self.add_error("exchanges_with", _(
                "%(names)s belum ditandai interoperabel; tandai dulu di halaman aplikasinya.")
                % {"names": ", ".join(closed)})
        return cleaned


def save_application(form, user):
    """Create or update an application from a valid ApplicationForm in one transaction:
    VersionConflict if it was saved by someone else since the form was loaded, ValidationError
    if a partner stopped being interoperable or the name was taken meanwhile (nothing saved)."""
    app = form.instance
    if app.pk is None:
        app.masterplan = form.masterplan
    before = set(app.exchanges_with.values_list("pk", flat=True)) if app.pk else set()
    after = {partner.pk for partner in form.cleaned_data.get("exchanges_with") or []}

    def related(saved):
        partners = Application.objects.select_for_update().filter(
            pk__in=before | after, masterplan=form.masterplan)
        closed = [p.name for p in partners if p.pk in after and not p.is_interoperable]
        if closed:
            raise ValidationError(_(
                "%(names)s baru saja ditandai tidak interoperabel oleh pengguna lain; pertukaran "
                "data belum disimpan.") % {"names": ", ".join(closed)})
        for partner in partners:
            if partner.pk in before ^ after:
                bump_version(partner, user)

    try:
        return save_versioned(form, user, save_related=related)
    except IntegrityError:
        raise ValidationError(_("Aplikasi bernama “%(name)s” sudah ada di inventaris.")
                              % {"name": app.name}) from None


def delete_application(app, seen_version, user=None):
    """Delete an application if still at the version seen (ordering.RowChanged otherwise); its
    exchange partners lose the exchange, so their versions are bumped."""
    with transaction.atomic():
        partners = list(app.exchanges_with.all())
        deleted = ordering.delete_versioned(app, seen_version, str(app))
        for partner in partners:
            bump_version(partner, user)
    return deleted

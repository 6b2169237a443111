"""The risk register of a masterplan's programs: what may go wrong in each program, how likely and
how bad it is, what is done about it and who owns it (roadmap.models.ProgramRisk).

Rules:
* a risk belongs to one program of the masterplan and stays with it (it is not moved to another
  program; delete it and add it again). The risk itself is required; cause, mitigation and owner
  (an OPD or a person, free text) may wait. New risks go to the end of their program's list;
* likelihood (kemungkinan) and impact (dampak) are whole numbers 1–3, read as
  1 jarang terjadi / ringan, 2 mungkin terjadi / sedang, 3 hampir pasti terjadi / berat.
  Anything else is refused with a message naming the field, and nothing is saved;
* the level is computed, never stored, by one rule (`risk_level`): score = likelihood × impact;
  1–2 Rendah, 3–4 Sedang, 6–9 Tinggi;
* status: terbuka (the default), sedang dimitigasi, tertutup. The heat map counts the risks that
  are still open or being mitigated (`heat_map_counts`); closed risks stay in the register;
* edits are versioned (masterplan.editing.save_versioned: a concurrent edit is merged or
  refused); a delete carries the version the page showed (ordering.delete_versioned).

What other apps use: `register_rows(masterplan)` (the register in order, one query),
`heat_map_counts(masterplan)` ({(likelihood, impact): count}, one query) and `risk_level`.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import ordering
from masterplan.comment_anchors import short
from masterplan.editing import VersionedFormMixin, save_versioned

from .models import Program, ProgramRisk, RiskStatus
from .models.risks import RISK_SCALE

LOW, MEDIUM, HIGH = "rendah", "sedang", "tinggi"
LEVEL_LABELS = {LOW: gettext_lazy("Rendah"), MEDIUM: gettext_lazy("Sedang"),
                HIGH: gettext_lazy("Tinggi")}
LEVELS = (LOW, MEDIUM, HIGH)
LIKELIHOOD_LABELS = {1: gettext_lazy("jarang terjadi"), 2: gettext_lazy("mungkin terjadi"),
                     3: gettext_lazy("hampir pasti terjadi")}
IMPACT_LABELS = {1: gettext_lazy("ringan"), 2: gettext_lazy("sedang"), 3: gettext_lazy("berat")}
ACTIVE = (RiskStatus.OPEN, RiskStatus.MITIGATING)  # the statuses the heat map counts
# The register's order: the programs in roadmap order (as the program list and the workbook's
# program codes), then each program's risks by position.
REGISTER_ORDER = ("program__element__dimension__number", "program__element__letter",
                  "program__position", "program__pk", "position", "pk")


@dataclass(frozen=True)
class Level:
    code: str  # LOW, MEDIUM or HIGH
    score: int  # likelihood × impact, 1–9

    @property
    def label(self):
        return str(LEVEL_LABELS[self.code])


def risk_level(likelihood, impact):
    """The level of a risk of `likelihood` and `impact` (each a whole number 1–3).

    The score is likelihood × impact (1, 2, 3, 4, 6 or 9); the level is Rendah for a score of
    1–2, Sedang for 3–4 and Tinggi for 6–9. So a risk is Tinggi when one of the two is 3 and the
    other at least 2, and Rendah only when neither is above 2 and one of them is 1.
    ValueError for a value outside 1–3."""
    if likelihood not in RISK_SCALE or impact not in RISK_SCALE:
        raise ValueError(f"likelihood and impact must be 1-3, not {likelihood!r} and {impact!r}")
    score = likelihood * impact
    return Level(LOW if score <= 2 else MEDIUM if score <= 4 else HIGH, score)


# --- the register ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RegisterRow:
    """One risk of the register with what is computed from it."""

    risk: ProgramRisk  # its `program` loaded
    number: int  # 1, 2, ... in register order
    level: Level

    @property
    def program(self):
        return self.risk.program

    @property
    def program_name(self):
        return self.risk.program.name

    @property
    def score(self):
        return self.level.score

    @property
    def level_label(self):
        return self.level.label

    @property
    def status_label(self):
        return self.risk.get_status_display()


def risks_of(masterplan):
    """The masterplan's risks in register order, each with its program (and who changed it)."""
    return (ProgramRisk.objects.filter(program__masterplan=masterplan)
            .select_related("program", "updated_by").order_by(*REGISTER_ORDER))


def register_rows(masterplan):
    """[RegisterRow] of every risk of the masterplan's programs, in register order (the programs
    in roadmap order, then each program's risks in their order): one query however many."""
    return [RegisterRow(risk, number, risk_level(risk.likelihood, risk.impact))
            for number, risk in enumerate(risks_of(masterplan), start=1)]


def program_rows(program):
    """[RegisterRow] of one program's risks (numbered within the program): one query."""
    risks = ProgramRisk.objects.filter(program=program).select_related("updated_by") \
        .order_by("position", "pk")
    rows = []
    for number, risk in enumerate(risks, start=1):
        risk.program = program
        rows.append(RegisterRow(risk, number, risk_level(risk.likelihood, risk.impact)))
    return rows


def by_program(rows):
    """[(program, [RegisterRow])] of register rows, the programs in the rows' order."""
    groups = {}
    for row in rows:
        groups.setdefault(row.risk.program_id, (row.program, []))[1].append(row)
    return list(groups.values())


def programs_without_risks(masterplan):
    """The masterplan's programs that have no risk yet, in roadmap order (one query)."""
    return list(Program.objects.filter(masterplan=masterplan, risks__isnull=True)
                .only("pk", "name", "element", "position").order_by(
                    "element__dimension__number", "element__letter", "position", "pk"))


def heat_map_counts(masterplan, *, include_closed=False):
    """{(likelihood, impact): number of risks} for all nine cells of the 3 × 3 grid (0 where
    none), of the risks still open or being mitigated (with `include_closed`, of every risk):
    one query."""
    counts = {(likelihood, impact): 0 for likelihood in RISK_SCALE for impact in RISK_SCALE}
    risks = ProgramRisk.objects.filter(program__masterplan=masterplan)
    if not include_closed:
        risks = risks.filter(status__in=ACTIVE)
    for likelihood, impact, count in (risks.order_by().values("likelihood", "impact")
                                      .annotate(count=Count("pk"))
                                      .values_list("likelihood", "impact", "count")):
        if (likelihood, impact) in counts:
            counts[likelihood, impact] = count
    return counts


def level_counts(counts):
    """{level code: number of risks} of heat map counts, every level present."""
    totals = dict.fromkeys(LEVELS, 0)
    for (likelihood, impact), count in counts.items():
        totals[risk_level(likelihood, impact).code] += count
    return totals


def scale_text(value, labels):
    return f"{value} ({labels[value]})"


# --- the form ----------------------------------------------------------------------------------

def scale_field(label, name, labels):
    """A whole number 1–3 with its meaning as help text and Indonesian messages."""
    wrong = _("%(name)s harus bilangan bulat 1, 2 atau 3.") % {"name": name}
    return forms.IntegerField(
        label=label, min_value=1, max_value=3,
        widget=forms.NumberInput(attrs={"min": 1, "max": 3, "step": 1}),
        help_text=", ".join(f"{value} = {labels[value]}" for value in RISK_SCALE),
        error_messages={"required": _("Isi %(name)s: 1, 2 atau 3.") % {"name": name.lower()},
                        "invalid": wrong, "min_value": wrong, "max_value": wrong})


class RiskForm(VersionedFormMixin, forms.ModelForm):
    """A risk of one program (the program is given, not chosen)."""

    class Meta:
        model = ProgramRisk
        fields = ["risk", "cause", "likelihood", "impact", "mitigation", "owner", "status"]
        widgets = {"risk": forms.Textarea(attrs={"rows": 2}),
                   "cause": forms.Textarea(attrs={"rows": 2}),
                   "mitigation": forms.Textarea(attrs={"rows": 3})}
        labels = {"risk": gettext_lazy("Risiko"), "cause": gettext_lazy("Penyebab"),
                  "mitigation": gettext_lazy("Mitigasi"), "owner": gettext_lazy("Pemilik risiko"),
                  "status": gettext_lazy("Status")}
        help_texts = {"owner": gettext_lazy("OPD atau orang yang bertanggung jawab atas risiko "
                                            "ini, mis. Diskominfo.")}
        error_messages = {"risk": {"required": gettext_lazy("Tuliskan risikonya.")},
                          "status": {"invalid_choice": gettext_lazy("Status risiko tidak dikenal.")}}

    def __init__(self, *args, program, **kwargs):
        self.program = program
        super().__init__(*args, **kwargs)
        self.fields["likelihood"] = scale_field(_("Kemungkinan (1–3)"), _("Kemungkinan"),
                                                LIKELIHOOD_LABELS)
        self.fields["impact"] = scale_field(_("Dampak (1–3)"), _("Dampak"), IMPACT_LABELS)

    def rebase_kwargs(self):
        return {"program": self.program}

    def clean_risk(self):
        return self.cleaned_data.get("risk", "").strip()


def save_risk(form, user):
    """Create (at the end of its program's risks) or update a risk from a valid RiskForm;
    VersionConflict if someone else saved it since the form was loaded."""
    risk = form.instance
    if risk.pk is None:
        risk.program = form.program
        risk.position = ordering.next_position(ProgramRisk.objects.filter(program=form.program))
    return save_versioned(form, user)


def delete_risk(risk, seen_version):
    """Delete a risk still at the version the page showed (ordering.RowChanged otherwise)."""
    return ordering.delete_versioned(risk, seen_version, short(risk.risk, 80))

"""Gap analysis (Tabel II.11, Analisis Kesenjangan): rows of the future state (to be), the
current state (as is) and the strategy, work programme and action steps that close the gap.

Rules:
* every row is tagged with exactly one subject: a smart city dimension or a readiness element
  of the masterplan's guide edition (one `subject` choice, so two tags cannot be posted);
* evidence may cite only the same masterplan's readiness components (ReadinessEntry), TOWS
  strategies only the same masterplan's SWOT worksheets;
* the three texts are required; rows are ordered (masterplan.ordering: add at the end, move, delete the
  version seen); edits are versioned (masterplan.editing).
"""

from collections import defaultdict
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import ordering
from masterplan.editing import VersionedFormMixin, save_versioned
from masterplan.models import Dimension
from readiness.models import ReadinessElement, ReadinessEntry

from .models import GapRow, Strategy

DIMENSION, ELEMENT = "d", "r"


@dataclass(frozen=True)
class Subject:
    """A dimension or readiness element a gap row can be tagged with."""

    key: str  # "d<pk>" or "r<pk>"
    title: str
    group: str

    @property
    def anchor(self):
        return f"subjek-{self.key}"


def subjects(edition_id):
    """The six dimensions then the three readiness elements of an edition."""
    result = [Subject(f"{DIMENSION}{d.pk}", d.title, str(_("Dimensi smart city")))
              for d in Dimension.objects.filter(edition=edition_id).order_by("number")]
    result += [Subject(f"{ELEMENT}{e.pk}", str(_("Kesiapan %(element)s") % {"element": e.title}),
                       str(_("Elemen kesiapan")))
               for e in ReadinessElement.objects.filter(edition=edition_id).order_by("number")]
    return result


def subject_key(row):
    if row.dimension_id:
        return f"{DIMENSION}{row.dimension_id}"
    if row.readiness_element_id:
        return f"{ELEMENT}{row.readiness_element_id}"
    return ""


def rows_of(masterplan):
    return (GapRow.objects.filter(masterplan=masterplan).order_by("position", "pk")
            .select_related("dimension", "readiness_element", "updated_by")
            .prefetch_related("evidence__component", "evidence__sub_area",
                              "strategies__worksheet__dimension",
                              "strategies__worksheet__readiness_element"))


def coverage(masterplan, rows):
    """[(Subject, number of rows)] for every subject of the edition, in catalogue order."""
    counts = defaultdict(int)
    for row in rows:
        counts[subject_key(row)] += 1
    return [(subject, counts[subject.key]) for subject in subjects(masterplan.edition_id)]


def evidence_queryset(masterplan):
    return (ReadinessEntry.objects.filter(masterplan=masterplan)
            .select_related("component", "sub_area__element")
            .order_by("sub_area__element__number", "sub_area__letter", "component__number",
                      "created_at", "pk"))


def strategy_queryset(masterplan):
    return (Strategy.objects.filter(worksheet__masterplan=masterplan)
            .select_related("worksheet__dimension", "worksheet__readiness_element")
            .order_by("worksheet__order", "worksheet__pk", "quadrant", "position", "pk"))


class GapRowForm(VersionedFormMixin, forms.ModelForm):
    subject = forms.ChoiceField(
        label=gettext_lazy("Dimensi atau elemen kesiapan"),
        error_messages={"required": gettext_lazy("Pilih satu dimensi atau satu elemen kesiapan."),
                        "invalid_choice": gettext_lazy(
                            "Pilih dimensi atau elemen kesiapan dari panduan masterplan ini.")})

    class Meta:
        model = GapRow
        fields = ["to_be", "as_is", "action", "evidence", "strategies"]
        widgets = {
            "to_be": forms.Textarea(attrs={"rows": 3}),
            "as_is": forms.Textarea(attrs={"rows": 3}),
            "action": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.CheckboxSelectMultiple,
            "strategies": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "to_be": {"required": gettext_lazy("Tuliskan kondisi masa yang akan datang (to be).")},
            "as_is": {"required": gettext_lazy("Tuliskan kondisi saat ini (as is).")},
            "action": {"required": gettext_lazy(
                "Tuliskan strategi, program kerja atau langkah aksinya.")},
            "evidence": {"invalid_choice": gettext_lazy(
                "Komponen kesiapan yang dipilih bukan milik masterplan ini.")},
            "strategies": {"invalid_choice": gettext_lazy(
                "Strategi yang dipilih bukan milik kertas kerja SWOT masterplan ini.")},
        }

    def __init__(self, *args, masterplan, **kwargs):
        self.masterplan = masterplan
        super().__init__(*args, **kwargs)
        self.subjects = subjects(masterplan.edition_id)
        groups = defaultdict(list)
        for subject in self.subjects:
            groups[subject.group].append((subject.key, subject.title))
        self.fields["subject"].choices = [("", _("— pilih —")), *groups.items()]
        if self.instance.pk is not None:
            self.initial.setdefault("subject", subject_key(self.instance))
        self.fields["evidence"].queryset = evidence_queryset(masterplan)
        self.fields["strategies"].queryset = strategy_queryset(masterplan)
        for name in ("evidence", "strategies"):
            self.fields[name].required = False

    def rebase_kwargs(self):
        return {"masterplan": self.masterplan}

    def extra_merge_fields(self):
        return ["subject"]

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("subject") or ""
        if key:
            pk = int(key[1:])
            self.instance.dimension_id = pk if key[0] == DIMENSION else None
            self.instance.readiness_element_id = pk if key[0] == ELEMENT else None
        return cleaned

    # For the template: checkboxes grouped by readiness table and by SWOT worksheet.
    def _chosen(self, name):
        value = self[name].value() or []
        return {str(pk) for pk in value}

    def evidence_groups(self):
        chosen = self._chosen("evidence")
        groups = {}
        for entry in self.fields["evidence"].queryset:
            title = f"{entry.sub_area.table_id} {entry.sub_area.table_title}"
            groups.setdefault(title, []).append((entry, str(entry.pk) in chosen))
        return [(title, items, any(checked for _entry, checked in items))
                for title, items in groups.items()]

    def strategy_groups(self):
        chosen = self._chosen("strategies")
        groups = {}
        for strategy in self.fields["strategies"].queryset:
            groups.setdefault(strategy.worksheet.name, []).append(
                (strategy, str(strategy.pk) in chosen))
        return [(title, items, any(checked for _strategy, checked in items))
                for title, items in groups.items()]


def save_row(form, user):
    """Create (at the end of the table) or update a gap row from a valid GapRowForm; raises
    VersionConflict if someone else saved the row since the form was loaded."""
    if form.instance.pk is None:
        form.instance.masterplan = form.masterplan
        form.instance.position = ordering.next_position(
            GapRow.objects.filter(masterplan=form.masterplan))
    return save_versioned(form, user)


def delete_row(row, seen_version):
    return ordering.delete_versioned(row, seen_version, str(row))


def move_row(row, direction):
    return ordering.move(GapRow.objects.filter(masterplan=row.masterplan_id), row, direction)

"""Readiness, performance and outlook: initialising a masterplan's rows, indices, edits."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from masterplan import content_version, figures
from masterplan.editing import FormsetConflict, VersionConflict, save_versioned_rows
from masterplan.models import DimensionElement

from . import scoring
from .forms import EntryForm
from .models import (
    BenchmarkCity,
    BenchmarkScope,
    CompetitivenessIndicator,
    CompetitivenessValue,
    Component,
    Interpretation,
    OutlookAnalysis,
    PerformanceAssessment,
    ReadinessEntry,
    SubArea,
)


def ensure_rows(masterplan):
    """Give a masterplan one entry per catalogue component of its edition, one assessment per
    dimension element and its outlook analysis. Idempotent."""
    have = set(masterplan.readiness_entries.filter(component__isnull=False)
               .values_list("component_id", flat=True))
    missing = (Component.objects.filter(sub_area__element__edition=masterplan.edition_id)
               .exclude(pk__in=have).values_list("pk", "sub_area_id"))
    bulk_create_with_history(
        [ReadinessEntry(masterplan=masterplan, component_id=pk, sub_area_id=sub_area_id)
         for pk, sub_area_id in missing], ReadinessEntry)
    assessed = set(masterplan.performance_assessments.values_list("element_id", flat=True))
    bulk_create_with_history(
        [PerformanceAssessment(masterplan=masterplan, element=element)
         for element in DimensionElement.objects.filter(dimension__edition=masterplan.edition_id)
         .exclude(pk__in=assessed)], PerformanceAssessment)
    OutlookAnalysis.objects.get_or_create(masterplan=masterplan)


def sub_areas(edition_id):
    return (SubArea.objects.filter(element__edition=edition_id)
            .select_related("element").order_by("element__number", "letter"))


def sub_area_by_slug(edition_id, slug):
    for sub_area in sub_areas(edition_id):
        if sub_area.slug == slug:
            return sub_area
    return None


def table_entries(masterplan, sub_area):
    return (masterplan.readiness_entries.filter(sub_area=sub_area)
            .select_related("component").order_by("component__number", "created_at", "pk"))


# --- indices ---------------------------------------------------------------------------------

def _readiness_tree(edition_id):
    tree = defaultdict(list)
    titles = {}
    for sub_area in sub_areas(edition_id):
        element = sub_area.element
        titles[element.code] = (element.number, element.title)
        tree[element.code].append((sub_area.pk, f"{sub_area.table_id} {sub_area.table_title}"))
    return [(code, titles[code][1], leaves)
            for code, leaves in sorted(tree.items(), key=lambda item: titles[item[0]][0])]


def _performance_tree(edition_id):
    tree = defaultdict(list)
    titles = {}
    for element in (DimensionElement.objects.filter(dimension__edition=edition_id)
                    .select_related("dimension").order_by("dimension__number", "letter")):
        titles[element.dimension.code] = (element.dimension.number, element.dimension.title)
        tree[element.dimension.code].append((element.pk, element.title))
    return [(code, titles[code][1], leaves)
            for code, leaves in sorted(tree.items(), key=lambda item: titles[item[0]][0])]


def _judgements(rows):
    """{masterplan id: {leaf id: [(judgement, count)]}} from (masterplan, leaf, judgement, n)."""
    result = defaultdict(lambda: defaultdict(list))
    for masterplan_id, leaf_id, judgement, number in rows:
        result[masterplan_id][leaf_id].append((judgement, number))
    return result


def readiness_indices(masterplans):
    """{masterplan id: (overall index or None, [GroupIndex per element with sub-areas])},
    computed once per change of a masterplan's content (masterplan/figures.py)."""
    return figures.cached("readiness_indices", masterplans, _readiness_indices)


def _readiness_indices(masterplans):
    masterplans = list(masterplans)
    rows = (ReadinessEntry.objects.filter(masterplan__in=masterplans)
            .values_list("masterplan_id", "sub_area_id", "interpretation")
            .annotate(n=Count("id")).order_by())
    judgements = _judgements(rows)
    trees = {}
    result = {}
    for masterplan in masterplans:
        if masterplan.edition_id not in trees:  # one catalogue query per edition
            trees[masterplan.edition_id] = _readiness_tree(masterplan.edition_id)
        tree = trees[masterplan.edition_id]
        result[masterplan.pk] = scoring.tree_index(tree, judgements.get(masterplan.pk, {}))
    return result


def performance_indices(masterplans, with_evidence=True):
    """{masterplan id: (overall index or None, [GroupIndex per dimension with elements])}.

    With `with_evidence` (the default) a dimension's index also counts the performance evidence
    other apps register (the roadmap's KPI achievement): see combine_performance. Computed once
    per change of a masterplan's content (masterplan/figures.py)."""
    if with_evidence:
        return figures.cached("performance_indices", masterplans, _performance_indices)
    return _performance_indices(masterplans, with_evidence=False)


def _performance_indices(masterplans, with_evidence=True):
    masterplans = list(masterplans)
    rows = (PerformanceAssessment.objects.filter(masterplan__in=masterplans)
            .values_list("masterplan_id", "element_id", "rating")
            .annotate(n=Count("id")).order_by())
    judgements = _judgements(rows)
    trees = {}
    result = {}
    for masterplan in masterplans:
        if masterplan.edition_id not in trees:  # one catalogue query per edition
            trees[masterplan.edition_id] = _performance_tree(masterplan.edition_id)
        tree = trees[masterplan.edition_id]
        result[masterplan.pk] = scoring.tree_index(tree, judgements.get(masterplan.pk, {}))
    return combine_performance(masterplans, result) if with_evidence else result


# Performance evidence from other apps, per dimension: `source(masterplans) -> {masterplan id:
# {dimension code: index 0-100}}`, registered in the app's AppConfig.ready() (the roadmap
# registers its KPI achievement, roadmap.monitoring.performance_evidence), so readiness never
# imports those apps. The rule is in docs/readiness-index.md ("KPI achievement").
PERFORMANCE_EVIDENCE = []


def register_performance_evidence(source):
    if source not in PERFORMANCE_EVIDENCE:
        PERFORMANCE_EVIDENCE.append(source)
    return source


def combine_performance(masterplans, result):
    """A dimension's performance index is the mean of its self-assessment index and the
    registered evidence for that dimension, over those that exist; the overall index stays the
    mean of the dimensions that have one. A masterplan without evidence is left as it is."""
    evidence = [source(masterplans) for source in PERFORMANCE_EVIDENCE]
    combined = {}
    for pk, (overall, groups) in result.items():
        extra = [values[pk] for values in evidence if values.get(pk)]
        if extra:
            groups = [scoring.GroupIndex(
                group.code, group.title,
                scoring.mean_index([group.index, *(values.get(group.code) for values in extra)]),
                group.judged, group.unjudged, group.children) for group in groups]
            overall = scoring.mean_index(group.index for group in groups)
        combined[pk] = (overall, groups)
    return combined


def maturity(masterplans):
    """{masterplan id: (readiness index, performance index, maturity level code or None)}."""
    readiness = readiness_indices(masterplans)
    performance = performance_indices(masterplans)
    return {
        pk: (readiness[pk][0], performance[pk][0],
             scoring.maturity_level(readiness[pk][0], performance[pk][0]))
        for pk in readiness
    }


def components_judged(masterplan, judgement):
    return (masterplan.readiness_entries.filter(interpretation=judgement)
            .select_related("component", "sub_area")
            .order_by("sub_area__element__number", "sub_area__letter", "component__number"))


def table_progress(masterplans):
    """{masterplan id: {sub_area id: (judged, total)}}."""
    progress = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    rows = (ReadinessEntry.objects.filter(masterplan__in=list(masterplans))
            .values_list("masterplan_id", "sub_area_id", "interpretation")
            .annotate(n=Count("id")).order_by())
    for masterplan_id, sub_area_id, judgement, number in rows:
        cell = progress[masterplan_id][sub_area_id]
        cell[1] += number
        if judgement:
            cell[0] += number
    return progress


# --- edits -----------------------------------------------------------------------------------

@dataclass
class TableSave:
    """What saving a readiness table as a whole did. `forms`: one per row, in the table's order,
    to show again; `saved`: the ids of the rows saved; nothing was saved if `invalid` rows were
    refused for their input or `conflicts` rows were changed by someone else meanwhile."""

    forms: list
    saved: list = field(default_factory=list)
    invalid: int = 0
    conflicts: int = 0

    @property
    def refused(self):
        return bool(self.invalid or self.conflicts)


def posted_rows(entries, data):
    """The row forms of `entries` bound to `data`, for the rows the post carries (each row's
    fields under its own prefix, as the row forms post them). A row the post lacks, e.g. one
    added since the page was loaded, is left out: its blank fields are no input."""
    forms = [EntryForm(data, instance=entry) for entry in entries]
    return [form for form in forms if form.add_prefix("version") in data]


def save_table(masterplan, sub_area, data, user):
    """"Simpan semua": save every row of one readiness table that `data` changed, all or nothing.

    A row counts as changed when its input differs from what the page loaded (the signed merge
    base of masterplan.editing), so rows left alone are not written, whatever happened to them
    meanwhile. If a changed row is invalid, nothing is saved: the changed rows keep their input
    (the invalid ones with their errors). If a changed row was saved by someone else since the
    page was loaded (its version), nothing is saved: that row is rebased with the three-way merge
    (VersionedFormMixin.rebased) and the others keep their input. Rows not changed show their
    current values. The caller checks the edit permission."""
    entries = list(table_entries(masterplan, sub_area))
    changed = [form for form in posted_rows(entries, data) if form.input_changed()]
    shown = {}
    if not all([form.is_valid() for form in changed]):  # a list: every row gets its errors
        shown = {form.instance.pk: form for form in changed}
        invalid = sum(1 for form in changed if form.errors)
        return TableSave(_rows(entries, shown), invalid=invalid)
    try:
        save_versioned_rows(changed, user)  # one transaction: every row or none
    except FormsetConflict as error:
        shown = {form.instance.pk: form for form in changed}
        for form, conflict in error.conflicts:
            shown[form.instance.pk] = form.rebased(conflict)
        return TableSave(_rows(entries, shown), conflicts=len(error.conflicts))
    return TableSave(_rows(entries, {}), saved=[form.instance.pk for form in changed])


def _rows(entries, shown):
    return [shown.get(entry.pk) or EntryForm(instance=entry) for entry in entries]


@transaction.atomic
def add_extra_component(*, masterplan, sub_area, text, user):
    text = text.strip()
    if not text:
        raise ValidationError(_("Tuliskan nama komponen tambahan."))
    if masterplan.readiness_entries.filter(sub_area=sub_area, extra_text__iexact=text).exists() \
            or sub_area.components.filter(text__iexact=text).exists():
        raise ValidationError(_("Komponen “%(text)s” sudah ada di tabel ini.") % {"text": text})
    return ReadinessEntry.objects.create(masterplan=masterplan, sub_area=sub_area, extra_text=text,
                                         updated_by=user)


@transaction.atomic
def delete_extra_component(entry):
    if not entry.is_extra:
        raise ValidationError(_("Komponen dari panduan tidak dapat dihapus; kosongkan isiannya."))
    entry.delete()


def competitiveness_table(masterplan):
    """(cities, indicators, {(indicator id, column): cell}); column is "own" or a city id."""
    cities = list(masterplan.benchmark_cities.all())
    indicators = list(masterplan.competitiveness_indicators.all())
    cells = {
        (cell.indicator_id, str(cell.city_id) if cell.city_id else "own"): cell
        for cell in CompetitivenessValue.objects.filter(indicator__masterplan=masterplan)
    }
    return cities, indicators, cells


@content_version.collecting()  # the cities and values bump the masterplan once
def save_competitiveness(masterplan, form, user):
    """Save a valid CompetitivenessForm, guarded by the outlook analysis' version."""
    data = form.cleaned_data
    outlook = masterplan.outlook
    bumped = OutlookAnalysis.objects.filter(pk=outlook.pk, version=data["version"]).update(
        version=F("version") + 1, updated_by=user)
    if not bumped:
        raise VersionConflict(OutlookAnalysis.objects.get(pk=outlook.pk), [])
    cities = {str(city.pk): city for city in form.cities}
    for key in form.city_keys:
        name = data.get(f"city-{key}-name", "").strip()
        city = cities.get(key)
        if city and data.get(f"city-{key}-delete"):
            city.delete()
        elif city:
            city.name, city.scope = name, data[f"city-{key}-scope"]
            city.order = form.city_keys.index(key)
            city.save()
        elif name:
            BenchmarkCity.objects.create(masterplan=masterplan, name=name,
                                         scope=data[f"city-{key}-scope"] or BenchmarkScope.NASIONAL,
                                         order=form.city_keys.index(key))
    indicators = {str(ind.pk): ind for ind in form.indicators}
    for key in form.indicator_keys:
        name = data.get(f"ind-{key}-name", "").strip()
        indicator = indicators.get(key)
        if indicator and data.get(f"ind-{key}-delete"):
            indicator.delete()
            continue
        if indicator:
            indicator.name, indicator.unit = name, data[f"ind-{key}-unit"].strip()
            indicator.order = form.indicator_keys.index(key)
            indicator.save()
        elif name:
            indicator = CompetitivenessIndicator.objects.create(
                masterplan=masterplan, name=name, unit=data[f"ind-{key}-unit"].strip(),
                order=form.indicator_keys.index(key))
        else:
            continue
        for column in form.columns:
            if column != "own" and (column not in cities or data.get(f"city-{column}-delete")):
                continue
            value, year = data.get(f"cell-{key}-{column}-value"), data.get(f"cell-{key}-{column}-year")
            city_id = None if column == "own" else int(column)
            if value is None and year is None:
                CompetitivenessValue.objects.filter(indicator=indicator, city_id=city_id).delete()
            else:
                CompetitivenessValue.objects.update_or_create(
                    indicator=indicator, city_id=city_id, defaults={"value": value, "year": year})


INTERPRETATION_VALUES = {choice.value for choice in Interpretation}

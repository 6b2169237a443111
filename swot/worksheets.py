"""SWOT worksheets (Tabel II.12, Lampiran II) and TOWS strategies (Tabel II.13).

Items sit in the four factor boxes (Kekuatan, Kelemahan, Peluang, Ancaman), numbered S1, W1, ...
by a dense 0-based `position` per box. Strategies sit in the four TOWS quadrants and combine the
items their quadrant allows (`quadrant_errors`, the one place that rule lives).

Forms validate input to show messages next to the fields; every function here checks the same
rules again inside one transaction, so whatever calls it, refused input saves nothing. Changes to
positions lock the worksheet row (`_locked`), so concurrent adds, moves and deletes in one
worksheet queue up instead of interleaving (on PostgreSQL; SQLite serialises writers anyway).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from masterplan.editing import save_versioned
from masterplan.models import Masterplan
from masterplan.sections import Progress
from readiness.models import Interpretation, ReadinessEntry

from .models import Factor, Quadrant, Strategy, SwotItem, Worksheet, WorksheetKind

FACTORS = (Factor.S, Factor.W, Factor.O, Factor.T)  # display order (the guide's)
QUADRANTS = (Quadrant.SO, Quadrant.WO, Quadrant.ST, Quadrant.WT)
# The internal and the external factor a quadrant's strategies combine.
QUADRANT_FACTORS = {
    Quadrant.SO: (Factor.S, Factor.O),
    Quadrant.WO: (Factor.W, Factor.O),
    Quadrant.ST: (Factor.S, Factor.T),
    Quadrant.WT: (Factor.W, Factor.T),
}
# Readiness components suggested as evidence: judged baik for strengths, buruk for weaknesses.
SUGGESTED_JUDGEMENT = {Factor.S: Interpretation.BAIK, Factor.W: Interpretation.BURUK}
BOXES = len(FACTORS) + len(QUADRANTS)  # a worksheet is complete with all eight boxes filled
UP, DOWN = "naik", "turun"
TOPIC_ORDER_START = 100  # topic worksheets come after the six dimensions and three elements


def factor_label(factor):
    """'Kekuatan (S)'."""
    return f"{Factor(factor).label} ({factor})"


def normalized(text):
    """The form two texts are compared in: case and whitespace do not count."""
    return " ".join(text.split()).casefold()


def item_sort_key(item):
    return FACTORS.index(item.factor), item.position, item.pk or 0


# --- the quadrant rule -----------------------------------------------------------------------

def quadrant_errors(quadrant, items):
    """Why a strategy of `quadrant` may not combine `items` (objects with .factor and .code);
    an empty list if it may. A strategy needs at least one item of its quadrant's internal factor,
    at least one of its external factor, and nothing else."""
    internal, external = QUADRANT_FACTORS[quadrant]
    items = sorted(items, key=item_sort_key)
    names = {"quadrant": quadrant, "internal": factor_label(internal),
             "external": factor_label(external)}
    if not items:
        return [_("Strategi %(quadrant)s harus memadukan butir SWOT: pilih minimal satu butir "
                  "%(internal)s dan satu butir %(external)s.") % names]
    errors = []
    wrong = [item.code for item in items if item.factor not in (internal, external)]
    if wrong:
        errors.append(_("Strategi %(quadrant)s hanya memadukan butir %(internal)s dan "
                        "%(external)s; %(codes)s tidak termasuk kuadran ini.")
                      % {**names, "codes": ", ".join(wrong)})
    factors = {item.factor for item in items}
    if internal not in factors:
        errors.append(_("Strategi %(quadrant)s memerlukan minimal satu butir %(internal)s.") % names)
    if external not in factors:
        errors.append(_("Strategi %(quadrant)s memerlukan minimal satu butir %(external)s.") % names)
    return errors


def check_strategy_items(worksheet, quadrant, items):
    """Raise ValidationError unless `items` may make a strategy of `quadrant` in `worksheet`."""
    if quadrant not in Quadrant.values:
        raise ValidationError(_("Kuadran strategi tidak dikenal."))
    items = list(items)
    if any(item.worksheet_id != worksheet.pk for item in items):
        raise ValidationError(_("Strategi hanya dapat memadukan butir dari kertas kerja ini; "
                                "butir dari kertas kerja atau wilayah lain ditolak."))
    errors = quadrant_errors(quadrant, items)
    if errors:
        raise ValidationError(errors)


# --- items -----------------------------------------------------------------------------------

def _locked(worksheet):
    return Worksheet.objects.select_for_update().get(pk=worksheet.pk)


def _renumber(objects):
    """Give `objects` (in their new order) the positions 0, 1, 2, ...; saves only changed rows."""
    changed = []
    for position, obj in enumerate(objects):
        if obj.position != position:
            obj.position = position
            changed.append(obj)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["position"])
    return objects


def _box(worksheet, factor):
    return list(SwotItem.objects.filter(worksheet=worksheet, factor=factor).order_by("position", "pk"))


def check_item_text(worksheet, factor, text, exclude_pk=None):
    """The stripped text of an item for `factor`, or ValidationError (empty, duplicate)."""
    if factor not in Factor.values:
        raise ValidationError(_("Faktor SWOT tidak dikenal."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Tuliskan uraian butir; butir kosong tidak disimpan."))
    key = normalized(text)
    for other in _box(worksheet, factor):
        if other.pk != exclude_pk and normalized(other.text) == key:
            raise ValidationError(
                _("Butir ini sudah ada di kotak %(factor)s sebagai %(code)s.")
                % {"factor": factor_label(factor), "code": other.code})
    return text


def check_evidence(worksheet, entries):
    if any(entry.masterplan_id != worksheet.masterplan_id for entry in entries):
        raise ValidationError(_("Bukti hanya dapat diambil dari analisis kesiapan masterplan ini."))


@transaction.atomic
def add_item(worksheet, *, factor, text, evidence=(), user=None):
    """Add an item at the end of its factor box, citing `evidence` (readiness entries)."""
    worksheet = _locked(worksheet)
    text = check_item_text(worksheet, factor, text)
    evidence = list(evidence)
    check_evidence(worksheet, evidence)
    item = SwotItem.objects.create(worksheet=worksheet, factor=factor, text=text,
                                   position=len(_box(worksheet, factor)), updated_by=user)
    if evidence:
        item.evidence.set(evidence)
    return item


def save_item(form, user=None):
    """Save a valid edit form of an item (its text and/or its evidence) through the shared edit
    layer: the rules are checked again, and a concurrent edit raises VersionConflict."""
    item = form.instance
    with transaction.atomic():
        worksheet = _locked(item.worksheet)
        if "text" in form.cleaned_data:
            item.text = check_item_text(worksheet, item.factor, form.cleaned_data["text"],
                                        exclude_pk=item.pk)
        if "evidence" in form.cleaned_data:
            check_evidence(worksheet, form.cleaned_data["evidence"])
        return save_versioned(form, user)


def _refuse_if_changed(obj, seen_version, what):
    if seen_version is not None and obj.version != seen_version:
        who = obj.updated_by or _("pengguna lain")
        raise ValidationError(
            _("%(what)s sudah diubah oleh %(who)s sejak Anda membukanya; periksa isinya, lalu "
              "ulangi bila masih perlu.") % {"what": what, "who": who})


@transaction.atomic
def move_item(item, direction, user=None):
    """Swap an item with its neighbour above (UP) or below (DOWN) in its box; the box is
    renumbered densely. Returns the moved item."""
    if direction not in (UP, DOWN):
        raise ValidationError(_("Arah pemindahan tidak dikenal."))
    worksheet = _locked(item.worksheet)
    box = _box(worksheet, item.factor)
    index = next((i for i, other in enumerate(box) if other.pk == item.pk), None)
    if index is None:
        raise ValidationError(_("Butir ini sudah dihapus."))
    target = index - 1 if direction == UP else index + 1
    if not 0 <= target < len(box):
        raise ValidationError(_("Butir %(code)s sudah berada di urutan %(end)s.") % {
            "code": box[index].code, "end": _("teratas") if direction == UP else _("terbawah")})
    box[index], box[target] = box[target], box[index]
    _renumber(box)
    return box[target]


@transaction.atomic
def delete_item(item, user=None, seen_version=None):
    """Delete an item not used by any strategy; the rest of its box is renumbered."""
    worksheet = _locked(item.worksheet)
    current = SwotItem.objects.filter(pk=item.pk).select_related("updated_by").first()
    if current is None:
        raise ValidationError(_("Butir ini sudah dihapus."))
    _refuse_if_changed(current, seen_version, _("Butir %(code)s") % {"code": current.code})
    used = sorted(current.strategies.all(), key=lambda s: (QUADRANTS.index(s.quadrant), s.position))
    if used:
        raise ValidationError(
            _("Butir %(code)s tidak dapat dihapus karena dipadukan dalam strategi %(strategies)s. "
              "Ubah atau hapus strategi itu lebih dulu.")
            % {"code": current.code, "strategies": ", ".join(s.code for s in used)})
    current.delete()
    _renumber(_box(worksheet, current.factor))
    return current


# --- evidence suggestions --------------------------------------------------------------------

def _entries(masterplan_id):
    return (ReadinessEntry.objects.filter(masterplan=masterplan_id)
            .select_related("component", "sub_area")
            .order_by("sub_area__element__number", "sub_area__letter", "component__number",
                      "created_at", "pk"))


def suggestions(worksheet):
    """{factor: [ReadinessEntry]}: components judged baik for strengths and buruk for
    weaknesses that no item of this worksheet cites yet (one query)."""
    cited = SwotItem.evidence.through.objects.filter(swotitem__worksheet=worksheet).values(
        "readinessentry_id")
    result = {factor: [] for factor in SUGGESTED_JUDGEMENT}
    by_judgement = {judgement: factor for factor, judgement in SUGGESTED_JUDGEMENT.items()}
    for entry in (_entries(worksheet.masterplan_id)
                  .filter(interpretation__in=list(by_judgement)).exclude(pk__in=cited)):
        result[by_judgement[entry.interpretation]].append(entry)
    return result


def evidence_choices(masterplan_id):
    """[(SubArea, [ReadinessEntry])] of a masterplan, table by table (for choosing evidence)."""
    groups = []
    for entry in _entries(masterplan_id):
        if not groups or groups[-1][0].pk != entry.sub_area_id:
            groups.append((entry.sub_area, []))
        groups[-1][1].append(entry)
    return groups


# --- strategies ------------------------------------------------------------------------------

def _quadrant_list(worksheet, quadrant):
    return list(Strategy.objects.filter(worksheet=worksheet, quadrant=quadrant)
                .order_by("position", "pk"))


def check_strategy_text(worksheet, quadrant, text, exclude_pk=None):
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Tuliskan rumusan strategi; strategi kosong tidak disimpan."))
    key = normalized(text)
    for other in _quadrant_list(worksheet, quadrant):
        if other.pk != exclude_pk and normalized(other.text) == key:
            raise ValidationError(_("Strategi ini sudah ada di kuadran %(quadrant)s sebagai "
                                    "%(code)s.") % {"quadrant": quadrant, "code": other.code})
    return text


@transaction.atomic
def add_strategy(worksheet, *, quadrant, text, items, user=None):
    """Add a strategy at the end of its quadrant, combining `items` of this worksheet."""
    worksheet = _locked(worksheet)
    items = list(items)
    check_strategy_items(worksheet, quadrant, items)
    text = check_strategy_text(worksheet, quadrant, text)
    strategy = Strategy.objects.create(
        worksheet=worksheet, quadrant=quadrant, text=text,
        position=len(_quadrant_list(worksheet, quadrant)), updated_by=user)
    strategy.items.set(items)
    return strategy


def save_strategy(form, user=None):
    """Save a valid edit form of a strategy through the shared edit layer, checking the
    quadrant rule and the text again."""
    strategy = form.instance
    with transaction.atomic():
        worksheet = _locked(strategy.worksheet)
        check_strategy_items(worksheet, strategy.quadrant, form.cleaned_data["items"])
        strategy.text = check_strategy_text(worksheet, strategy.quadrant,
                                            form.cleaned_data["text"], exclude_pk=strategy.pk)
        return save_versioned(form, user)


@transaction.atomic
def delete_strategy(strategy, user=None, seen_version=None):
    """Delete a strategy not used by the gap analysis; its quadrant is renumbered."""
    worksheet = _locked(strategy.worksheet)
    current = Strategy.objects.filter(pk=strategy.pk).select_related("updated_by").first()
    if current is None:
        raise ValidationError(_("Strategi ini sudah dihapus."))
    _refuse_if_changed(current, seen_version, _("Strategi %(code)s") % {"code": current.code})
    if current.gap_rows.exists():
        raise ValidationError(_("Strategi %(code)s dipakai dalam analisis kesenjangan dan tidak "
                                "dapat dihapus.") % {"code": current.code})
    current.delete()
    _renumber(_quadrant_list(worksheet, current.quadrant))
    return current


# --- worksheets ------------------------------------------------------------------------------

def worksheets_of(masterplan):
    return (Worksheet.objects.filter(masterplan=masterplan)
            .select_related("dimension", "readiness_element"))


def check_topic_title(masterplan, title):
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Tuliskan topik kertas kerja."))
    max_length = Worksheet._meta.get_field("title").max_length
    if len(title) > max_length:
        raise ValidationError(_("Topik paling panjang %(n)d karakter.") % {"n": max_length})
    if any(normalized(ws.name) == normalized(title) for ws in worksheets_of(masterplan)):
        raise ValidationError(_("Kertas kerja “%(title)s” sudah ada.") % {"title": title})
    return title


@transaction.atomic
def add_topic_worksheet(masterplan, title, user=None):
    """A worksheet for a narrower topic the team chooses; titles are unique per masterplan."""
    Masterplan.objects.select_for_update().filter(pk=masterplan.pk).first()  # one at a time
    title = check_topic_title(masterplan, title)
    last = max((ws.order for ws in worksheets_of(masterplan)), default=0)
    return Worksheet.objects.create(masterplan=masterplan, kind=WorksheetKind.TOPIC, title=title,
                                    order=max(last + 1, TOPIC_ORDER_START), updated_by=user)


@transaction.atomic
def delete_worksheet(worksheet, user=None, seen_version=None):
    """Delete a topic worksheet with its items and strategies; the nine standard ones stay."""
    current = Worksheet.objects.select_for_update().filter(pk=worksheet.pk).first()
    if current is None:
        raise ValidationError(_("Kertas kerja ini sudah dihapus."))
    if current.kind != WorksheetKind.TOPIC:
        raise ValidationError(_("Kertas kerja dimensi dan elemen kesiapan adalah bagian tetap "
                                "dari panduan dan tidak dapat dihapus."))
    _refuse_if_changed(current, seen_version, _("Kertas kerja ini"))
    used = sorted(Strategy.objects.filter(worksheet=current, gap_rows__isnull=False).distinct(),
                  key=lambda s: (QUADRANTS.index(s.quadrant), s.position))
    if used:
        raise ValidationError(_("Strategi %(codes)s dari kertas kerja ini dipakai dalam analisis "
                                "kesenjangan; kertas kerja tidak dapat dihapus.")
                              % {"codes": ", ".join(s.code for s in used)})
    current.delete()
    return current


# --- one worksheet's grid, completion --------------------------------------------------------

@dataclass
class WorksheetCompletion:
    worksheet: Worksheet
    items: dict = field(default_factory=dict)  # factor -> number of items
    strategies: dict = field(default_factory=dict)  # quadrant -> number of strategies

    @property
    def filled(self):
        """Boxes with at least one entry: the four factor boxes and the four quadrants."""
        return (sum(1 for n in self.items.values() if n)
                + sum(1 for n in self.strategies.values() if n))

    @property
    def progress(self):
        return Progress(self.filled, BOXES)

    def item_counts(self):
        return [(factor, self.items.get(factor, 0)) for factor in FACTORS]

    def strategy_counts(self):
        return [(quadrant, self.strategies.get(quadrant, 0)) for quadrant in QUADRANTS]


def _count(model, column, value):
    rows = (model.objects.filter(worksheet=OuterRef("pk"), **{column: value}).order_by()
            .values("worksheet").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def completion(masterplans):
    """{masterplan id: [WorksheetCompletion, ...]} in worksheet order, in one query however
    many masterplans."""
    ids = [getattr(mp, "pk", mp) for mp in masterplans]
    counts = {f"n_{factor}": _count(SwotItem, "factor", factor) for factor in FACTORS}
    counts |= {f"n_{quadrant}": _count(Strategy, "quadrant", quadrant) for quadrant in QUADRANTS}
    result = {pk: [] for pk in ids}
    for worksheet in (Worksheet.objects.filter(masterplan__in=ids)
                      .select_related("dimension", "readiness_element", "masterplan__region")
                      .annotate(**counts)):
        result[worksheet.masterplan_id].append(WorksheetCompletion(
            worksheet,
            {factor: getattr(worksheet, f"n_{factor}") for factor in FACTORS},
            {quadrant: getattr(worksheet, f"n_{quadrant}") for quadrant in QUADRANTS}))
    return result


@dataclass
class Grid:
    """One worksheet's items per factor and strategies per quadrant, ready to show."""

    worksheet: Worksheet
    items: dict  # factor -> [SwotItem] (evidence loaded)
    strategies: dict  # quadrant -> [Strategy] (combined items loaded, .combined sorted)
    suggestions: dict  # factor -> [ReadinessEntry]

    @property
    def completion(self):
        return WorksheetCompletion(
            self.worksheet, {f: len(self.items[f]) for f in FACTORS},
            {q: len(self.strategies[q]) for q in QUADRANTS})


def grid(worksheet):
    """Load a worksheet's grid in a fixed number of queries."""
    entries = ReadinessEntry.objects.select_related("component", "sub_area").order_by(
        "sub_area__element__number", "sub_area__letter", "component__number", "pk")
    items = {factor: [] for factor in FACTORS}
    for item in (worksheet.items.order_by("factor", "position", "pk")
                 .prefetch_related(Prefetch("evidence", queryset=entries))):
        items[item.factor].append(item)
    strategies = {quadrant: [] for quadrant in QUADRANTS}
    for strategy in (worksheet.strategies.order_by("quadrant", "position", "pk")
                     .select_related("updated_by").prefetch_related("items")):
        strategy.combined = sorted(strategy.items.all(), key=item_sort_key)
        strategies[strategy.quadrant].append(strategy)
    return Grid(worksheet, items, strategies, suggestions(worksheet))

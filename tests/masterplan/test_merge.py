"""A re-save after an edit conflict is a three-way merge, for every versioned form of the project.

Two people load the same form. Fields only one of them changed end up with that person's value,
whichever saves first; a field both changed to different values must be chosen explicitly
(isian Anda / isian mereka) before the refused form can be saved again. Every VersionedFormMixin
subclass needs a case in CASES: a new form kind without one fails
test_every_versioned_form_kind_has_a_merge_case.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from bimtek import reports, visits
from bimtek.forms import NotesForm, ReportForm, VisitForm
from books.forms import CoverForm, NarrativeForm
from books.models import BookCover, NarrativeSection
from masterplan.editing import (
    CHOICE_PREFIX,
    VersionConflict,
    VersionedFormMixin,
    data_value,
    same_value,
    save_versioned,
)
from masterplan.forms import AccountEditForm, BatchForm, MasterplanForm, RegionForm
from readiness.forms import EntryForm, OutlookForm, PerformanceForm
from readiness.models import PerformanceAssessment, ReadinessEntry
from roadmap import (
    applications,
    institutions,
    monitoring,
    opds,
    program_editor,
    program_forms,
    regulations,
    risks,
)
from roadmap.models import Application, Regulation
from swot import gap, targets, vision, worksheets
from swot.models import Mission, Strategy, SwotItem, VisionCheck
from swot.worksheet_forms import EvidenceForm, ItemForm, StrategyForm

from ..bimtek.helpers import visit_of
from ..factories import BatchFactory, UserFactory
from ..roadmap.program_helpers import add_kpi, make_opd, make_program
from ..roadmap.roadmap_helpers import record, risk
from ..swot.strategic_helpers import make_indicator, make_sasaran
from ..swot.test_gap import make_row

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("masterplan", "readiness", "swot", "roadmap", "bimtek")


@dataclass
class Case:
    make: Callable  # world -> (instance, constructor kwargs)
    a: dict = field(default_factory=dict)  # one person's change
    b: dict = field(default_factory=dict)  # the other person's change, of other fields
    clash: tuple = ()  # (field, one value, another value)
    save: Callable = save_versioned


def own(world):
    return world.masterplans["own"]


def _masterplan(world):
    return own(world), {}


def _region(world):
    region = world.own
    BatchFactory(year=2021, name="Angkatan A"), BatchFactory(year=2022, name="Angkatan B")
    return region, {}


def _batch(world):
    return BatchFactory(year=2020, name="Angkatan uji"), {}


def _account(world):
    return UserFactory(username="akun.uji", full_name="Akun Uji", email="akun@example.org"), {}


def _narrative(world):
    return NarrativeSection.objects.create(masterplan=own(world), key="pengantar", text="Awal"), {}


def _cover(world):
    return BookCover.objects.get_or_create(masterplan=own(world))[0], {}


def _entry(world):
    return ReadinessEntry.objects.filter(masterplan=own(world)).order_by("pk").first(), {}


def _performance(world):
    return PerformanceAssessment.objects.filter(masterplan=own(world)).order_by("pk").first(), {}


def _outlook(world):
    return own(world).outlook, {}


def _worksheet(world):
    return own(world).worksheets.get(dimension__code="governance")


def _item(world):
    return SwotItem.objects.create(worksheet=_worksheet(world), factor="S", text="Pusat data"), {}


def _strategy(world):
    sheet = _worksheet(world)
    strength = SwotItem.objects.create(worksheet=sheet, factor="S", text="Pusat data")
    chance = SwotItem.objects.create(worksheet=sheet, factor="O", text="Dana pusat")
    SwotItem.objects.create(worksheet=sheet, factor="S", text="Tim TIK", position=1)
    strategy = Strategy.objects.create(worksheet=sheet, quadrant="SO", text="Bangun portal")
    strategy.items.set([strength, chance])
    return strategy, {}


def _gap_row(world):
    return make_row(own(world)), {"masterplan": own(world)}


def _sasaran(world):
    return make_sasaran(own(world)), {"masterplan": own(world)}


def _indicator(world):
    sasaran = make_sasaran(own(world))
    return make_indicator(sasaran, targets={2030: "20"}), {"sasaran": sasaran}


def _vision(world):
    return own(world).vision, {}


def _mission(world):
    return Mission.objects.create(masterplan=own(world), text="Misi awal"), {}


def _vision_check(world):
    check = VisionCheck.objects.filter(masterplan=own(world)).order_by("pk").first()
    check.met, check.justification = True, "Alasan awal"
    check.save()
    return check, {}


def _application(world):
    masterplan = own(world)
    app = Application.objects.create(masterplan=masterplan, name="SIMPEG", function="kepegawaian")
    return app, {"masterplan": masterplan}


def _record(world):
    program = make_program(own(world), end_year=own(world).start_year + 1)
    kpi = add_kpi(program)
    return record(program, own(world).start_year, 1, actuals={kpi: 5}), {"program": program}


def _opd(world):
    return make_opd(world.own), {"region": world.own}


def _program(world):
    return make_program(own(world)), {"masterplan": own(world)}


def _quick_win(world):
    program = make_program(own(world), is_quick_win=True)
    return program_editor.quick_win_of(program), {}


def _regulation(world):
    masterplan = own(world)
    return Regulation.objects.filter(masterplan=masterplan).order_by("pk").first(), \
        {"masterplan": masterplan}


def _risk(world):
    item = risk(make_program(own(world)))
    return item, {"program": item.program}


def _forum(world):
    masterplan = own(world)
    forum = institutions.new_forum(masterplan)
    forum.name = "Forum Bandung Juara"
    forum.contact = "forum@example.org"
    forum.save()
    return forum, {"kind": institutions.FORUM, "region": world.own}


def _visit(world):
    visit = visit_of(world)
    return visit, {"region": visit.masterplan.region}


def _report(world):
    visit = visit_of(world)
    return reports.ensure_report(visit), {}


def _notes_report(world):
    visit = visit_of(world)
    report = reports.ensure_report(visit)
    return report, {"items": list(visit.session.report_items.all())}


def _save_mission(form, user):
    return vision.save_mission(form, form.instance.masterplan, user)


def _choices(form, name):
    """The values of a choice field other than empty, as posted."""
    return [str(value) for value, _label in form.fields[name].choices if str(value)]


def _notes(n):
    return lambda form: f"notes_{form.items[n].pk}"


def _actual(form):
    return monitoring.actual_field_name(form.kpis[0].pk)


CASES = {
    MasterplanForm: Case(_masterplan, {"title": "Judul A"}, {"period_years": "5"},
                         ("title", "Judul A", "Judul B")),
    RegionForm: Case(_region, clash=lambda form: ("batch", *_choices(form, "batch")[:2])),
    BatchForm: Case(_batch, {"year": "2021"}, {"name": "Angkatan B"},
                    ("name", "Angkatan A", "Angkatan B")),
    AccountEditForm: Case(_account, {"full_name": "Nama A"}, {"email": "b@example.org"},
                          ("full_name", "Nama A", "Nama B")),
    NarrativeForm: Case(_narrative, clash=("text", "Teks A", "Teks B")),
    CoverForm: Case(_cover, {"title": "Sampul A"}, {"year": "2027"},
                    ("title", "Sampul A", "Sampul B")),
    EntryForm: Case(_entry, {"source": "BPS"}, {"note": "Catatan B"},
                    ("note", "Catatan A", "Catatan B")),
    PerformanceForm: Case(_performance, lambda form: {"rating": _choices(form, "rating")[0]},
                          {"note": "Catatan B"}, ("note", "Catatan A", "Catatan B")),
    OutlookForm: Case(_outlook, {"trends": "Tren A"}, {"institutions": "Kelembagaan B"},
                      ("trends", "Tren A", "Tren B")),
    ItemForm: Case(_item, {"text": "Pusat data A"},
                   lambda form: {"evidence": _choices(form, "evidence")[:1]},
                   ("text", "Pusat data A", "Pusat data B"), worksheets.save_item),
    EvidenceForm: Case(_item, clash=lambda form: (
        "evidence", _choices(form, "evidence")[:1], _choices(form, "evidence")[1:2]),
        save=worksheets.save_item),
    StrategyForm: Case(_strategy, {"text": "Portal A"},
                       lambda form: {"items": _choices(form, "items")},
                       ("text", "Portal A", "Portal B"), worksheets.save_strategy),
    gap.GapRowForm: Case(_gap_row, {"as_is": "Kini A"}, {"to_be": "Nanti B"},
                         ("as_is", "Kini A", "Kini B"), gap.save_row),
    targets.SasaranForm: Case(_sasaran, {"text": "Sasaran A"}, {"specific": "on"},
                              ("text", "Sasaran A", "Sasaran B"), targets.save_sasaran),
    targets.IndicatorForm: Case(_indicator, {"name": "Indikator A"}, {"target_2031": "30"},
                                ("target_2030", "25", "26"), targets.save_indicator),
    vision.VisionForm: Case(_vision, {"statement": "Visi A"}, {"explanation": "Penjelasan B"},
                            ("statement", "Visi A", "Visi B"), vision.save_vision),
    vision.MissionForm: Case(_mission, clash=("text", "Misi A", "Misi B"), save=_save_mission),
    vision.VisionCheckForm: Case(_vision_check, {"met": ""}, {"justification": "Alasan B"},
                                 ("justification", "Alasan A", "Alasan B")),
    applications.ApplicationForm: Case(_application, {"users": "Pegawai"},
                                       {"works": "Berjalan"}, ("users", "Pegawai", "ASN"),
                                       applications.save_application),
    monitoring.RecordForm: Case(_record, {"progress_percent": "60"},
                                lambda form: {_actual(form): "6"},
                                lambda form: (_actual(form), "7", "8"), monitoring.save_record),
    opds.OpdForm: Case(_opd, {"name": "Dinas A"}, {"short_name": "DB"},
                       ("name", "Dinas A", "Dinas B"), opds.save_opd),
    program_forms.ProgramForm: Case(_program, {"name": "Program A"}, {"description": "Uraian B"},
                               ("name", "Program A", "Program B")),
    program_forms.QuickWinForm: Case(_quick_win, {"why": "Karena A"}, {"what": "Apa B"},
                                ("why", "Karena A", "Karena B"), program_editor.save_quick_win),
    regulations.RegulationForm: Case(_regulation, {"number": "1"}, {"date": "2025-01-02"},
                                     ("number", "1", "2"), regulations.save_regulation),
    risks.RiskForm: Case(_risk, {"owner": "Diskominfo"}, {"mitigation": "E-katalog"},
                         ("risk", "Risiko A", "Risiko B"), risks.save_risk),
    institutions.InstitutionForm: Case(_forum, {"name": "Forum A"}, {"contact": "b@example.org"},
                                       ("name", "Forum A", "Forum B")),
    VisitForm: Case(_visit, {"location": "Balai kota"}, {"attendees": "Sekda"},
                    ("location", "Balai kota", "Pendopo"), visits.save_visit),
    ReportForm: Case(_report, {"output": "Keluaran A"}, {"visit_date": "2026-03-02"},
                     ("output", "Keluaran A", "Keluaran B"), reports.save_report),
    NotesForm: Case(_notes_report, lambda form: {_notes(0)(form): "Catatan A"},
                    lambda form: {_notes(1)(form): "Catatan B"},
                    lambda form: (_notes(0)(form), "Catatan A", "Catatan B"), reports.save_notes),
}


def versioned_form_classes():
    """Every VersionedFormMixin subclass of the project's apps (their modules imported)."""
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)
    found, todo = set(), list(VersionedFormMixin.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls not in found and cls.__module__.split(".")[0] in PROJECT_APPS:
            found.add(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_versioned_form_kind_has_a_merge_case():
    missing = sorted(f"{cls.__module__}.{cls.__name__}"
                     for cls in versioned_form_classes() - set(CASES))
    assert not missing, f"Versioned forms without a merge case in CASES: {missing}"


# --- the two people -----------------------------------------------------------------------------

def resolve(value, form):
    return value(form) if callable(value) else value


class Editing:
    """One form kind on one object, as the browser of either person posts it."""

    def __init__(self, case, world):
        self.case = case
        self.instance, self.kwargs = case.make(world)
        self.model = type(self.instance)
        self.loaded = self.data_of(self.form())  # both people open the form now
        self.users = (world.user("ketua") or world.user("admin"), world.user("anggota"))

    def form(self, data=None):
        instance = self.model._default_manager.get(pk=self.instance.pk)
        return self.case.form_class(data, instance=instance, **self.kwargs)

    @staticmethod
    def data_of(form):
        return {form.add_prefix(name): data_value(form[name]) for name in form.fields}

    def post(self, changes):
        form = self.form()
        return self.form({**self.loaded, **{form.add_prefix(name): value
                                            for name, value in changes.items()}})

    def save(self, form, user):
        assert form.is_valid(), form.errors
        return self.case.save(form, user)

    def stored(self):
        """The stored values as a freshly opened form shows them."""
        form = self.form()
        return {name: (form.fields[name], data_value(form[name])) for name in form.fields}

    def assert_stored(self, expected):
        stored = self.stored()
        for name, value in expected.items():
            field, now = stored[name]
            assert same_value(field, now, value), (name, now, value)


def cases():
    for form_class, case in CASES.items():
        case.form_class = form_class
    return [pytest.param(case, id=form_class.__name__) for form_class, case in CASES.items()]


@pytest.mark.parametrize("order", ["A-dulu", "B-dulu"])
@pytest.mark.parametrize("case", cases())
def test_fields_changed_by_one_person_each_keep_both_changes(world, case, order):
    if not case.b:
        pytest.skip("a form of one field: only the both-changed case applies")
    editing = Editing(case, world)
    unbound = editing.form()
    a, b = resolve(case.a, unbound), resolve(case.b, unbound)
    first, second = (a, b) if order == "A-dulu" else (b, a)
    editing.save(editing.post(first), editing.users[0])

    refused = editing.post(second)
    assert refused.is_valid(), refused.errors
    with pytest.raises(VersionConflict) as conflict:
        case.save(refused, editing.users[1])
    editing.assert_stored(first)  # nothing of the second save was stored
    shown = refused.rebased(conflict.value)
    assert not shown.clashes
    assert any(change.after or change.before for change in conflict.value.changes)

    editing.save(editing.form(shown.data), editing.users[1])  # "Simpan" again
    editing.assert_stored({**a, **b})


@pytest.mark.parametrize("order", ["A-dulu", "B-dulu"])
@pytest.mark.parametrize("case", cases())
def test_a_field_both_changed_must_be_chosen(world, case, order):
    editing = Editing(case, world)
    name, value_a, value_b = resolve(case.clash, editing.form())
    first, second = (value_a, value_b) if order == "A-dulu" else (value_b, value_a)
    editing.save(editing.post({name: first}), editing.users[0])

    refused = editing.post({name: second})
    assert refused.is_valid(), refused.errors
    with pytest.raises(VersionConflict) as conflict:
        case.save(refused, editing.users[1])
    shown = refused.rebased(conflict.value)
    assert list(shown.clashes) == [name]
    assert [change.name for change in conflict.value.changes if change.clash] == [name]

    unchosen = editing.form(shown.data)
    assert not unchosen.is_valid()
    assert "isian Anda atau isian mereka" in str(unchosen.errors[CHOICE_PREFIX + name])
    # A-dulu: the second person keeps the first person's value; B-dulu: their own.
    choice, kept = ("mereka", first) if order == "A-dulu" else ("anda", second)
    chosen = dict(shown.data)
    chosen[shown.add_prefix(CHOICE_PREFIX + name)] = choice
    editing.save(editing.form(chosen), editing.users[1])
    editing.assert_stored({name: kept})


# --- related rows merged as one block --------------------------------------------------------

def editor_page(editor):
    """The institution page's post as loaded: the body form and every members row."""
    forms_ = [editor.form, editor.members.management_form, *editor.members.forms]
    return {form.add_prefix(name): data_value(form[name]) for form in forms_ for name in form.fields}


@pytest.mark.parametrize("order", ["A-dulu", "B-dulu"])
def test_members_changed_by_one_person_and_the_body_by_the_other_are_both_kept(world, order):
    masterplan = own(world)
    forum, _kwargs = _forum(world)

    def editor(data=None):
        return institutions.InstitutionEditor(
            type(forum).objects.get(pk=forum.pk), masterplan, data)

    loaded = editor_page(editor())
    members = {"anggota-0-name": "Rina Komunitas", "anggota-0-position_title": "Relawan"}
    body = {"name": "Forum Bandung Juara Baru"}
    first, second = (members, body) if order == "A-dulu" else (body, members)
    saved = editor({**loaded, **first})
    assert saved.is_valid(), saved.form.errors
    saved.save(world.user("ketua"))

    refused = editor({**loaded, **second})
    assert refused.is_valid()
    with pytest.raises(VersionConflict) as conflict:
        refused.save(world.user("anggota"))
    refused.rebased(conflict.value)
    assert not refused.form.clashes
    # The page posted again: the merged body form over the member rows it shows.
    again = editor({**editor_page(refused), **refused.form.data})
    assert again.is_valid(), again.form.errors
    again.save(world.user("anggota"))
    stored = type(forum).objects.get(pk=forum.pk)
    assert stored.name == "Forum Bandung Juara Baru"
    assert institutions.member_lines(stored)[0].startswith("Rina Komunitas")

"""The risk register's rules (roadmap/risks.py): the level of a risk, the register in order in one
query, the heat map's counts, the form's refusals, saving, deleting the version seen."""

import pytest
from django.db import IntegrityError, transaction

from masterplan import ordering
from masterplan.editing import VersionConflict
from masterplan.models import Masterplan
from roadmap import risks
from roadmap.models import ProgramRisk, RiskStatus

from .roadmap_helpers import program, risk

pytestmark = pytest.mark.django_db

# (likelihood, impact) -> (score, level): the rule of the docstring, cell by cell.
LEVELS = {
    (1, 1): (1, "rendah"), (1, 2): (2, "rendah"), (2, 1): (2, "rendah"),
    (1, 3): (3, "sedang"), (3, 1): (3, "sedang"), (2, 2): (4, "sedang"),
    (2, 3): (6, "tinggi"), (3, 2): (6, "tinggi"), (3, 3): (9, "tinggi"),
}


@pytest.mark.parametrize("cell", sorted(LEVELS))
def test_the_level_is_likelihood_times_impact_low_medium_high(cell):
    level = risks.risk_level(*cell)
    assert (level.score, level.code) == LEVELS[cell]
    assert level.label == {"rendah": "Rendah", "sedang": "Sedang", "tinggi": "Tinggi"}[level.code]


@pytest.mark.parametrize("cell", [(0, 1), (1, 4), (None, 2), ("3", 3)])
def test_the_level_refuses_values_outside_one_to_three(cell):
    with pytest.raises(ValueError):
        risks.risk_level(*cell)


def test_the_database_refuses_a_likelihood_or_impact_outside_one_to_three(world):
    item = program(world.masterplans["own"])
    for values in ({"likelihood": 4, "impact": 1}, {"likelihood": 1, "impact": 0}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ProgramRisk.objects.create(program=item, risk="Risiko", **values)


def register(world):
    """Risks of three programs in three dimensions, made out of roadmap order."""
    masterplan = world.masterplans["own"]
    air = program(masterplan, "Sensor kualitas udara", dimension="environment")
    portal = program(masterplan, "Portal layanan", dimension="governance")
    bus = program(masterplan, "Informasi bus", dimension="living")
    program(masterplan, "Program tanpa risiko", dimension="economy")
    risk(air, "Sensor rusak", 2, 1, status=RiskStatus.CLOSED)
    second = risk(portal, "Server lambat", 1, 3)
    first = risk(portal, "Keterlambatan pengadaan perangkat", 3, 2, owner="Diskominfo")
    ProgramRisk.objects.filter(pk=first.pk).update(position=0)
    ProgramRisk.objects.filter(pk=second.pk).update(position=1)
    risk(bus, "Data GPS tidak akurat", 3, 2, status=RiskStatus.MITIGATING)
    return masterplan


def test_register_rows_are_in_roadmap_order_with_program_level_and_score(world):
    rows = risks.register_rows(register(world))
    assert [(row.number, row.program_name, row.risk.risk, row.score, row.level_label,
             row.status_label) for row in rows] == [
        (1, "Portal layanan", "Keterlambatan pengadaan perangkat", 6, "Tinggi", "Terbuka"),
        (2, "Portal layanan", "Server lambat", 3, "Sedang", "Terbuka"),
        (3, "Informasi bus", "Data GPS tidak akurat", 6, "Tinggi", "Sedang dimitigasi"),
        (4, "Sensor kualitas udara", "Sensor rusak", 2, "Rendah", "Tertutup"),
    ]
    assert [(program.name, len(group)) for program, group in risks.by_program(rows)] == [
        ("Portal layanan", 2), ("Informasi bus", 1), ("Sensor kualitas udara", 1)]
    assert [p.name for p in risks.programs_without_risks(world.masterplans["own"])] == [
        "Program tanpa risiko"]
    assert risks.register_rows(world.masterplans["other"]) == []


def test_register_rows_take_one_query_however_many_risks(world, django_assert_max_num_queries):
    masterplan = register(world)
    for number in range(15):
        item = program(masterplan, f"Program {number}", dimension="society")
        for count in range(3):
            risk(item, f"Risiko {number}.{count}", count + 1, 3 - count)
    with django_assert_max_num_queries(1):
        rows = risks.register_rows(masterplan)
        names = [(row.program_name, row.level_label, row.score, row.status_label) for row in rows]
    assert len(names) == 49


def test_the_heat_map_counts_open_and_mitigated_risks_per_cell(world, django_assert_num_queries):
    masterplan = register(world)
    risk(program(world.masterplans["other"]), "Risiko wilayah lain", 3, 2)
    with django_assert_num_queries(1):
        counts = risks.heat_map_counts(masterplan)
    assert counts == {**{(likelihood, impact): 0 for likelihood in (1, 2, 3) for impact in (1, 2, 3)},
                      (3, 2): 2, (1, 3): 1}
    everything = risks.heat_map_counts(masterplan, include_closed=True)
    assert everything[2, 1] == 1 and sum(everything.values()) == 4
    assert risks.level_counts(counts) == {"rendah": 0, "sedang": 1, "tinggi": 2}


# --- the form, saving and deleting ---------------------------------------------------------------

def data(**changes):
    values = {"risk": "Keterlambatan pengadaan perangkat", "cause": "Lelang gagal",
              "likelihood": "3", "impact": "2", "mitigation": "E-katalog", "owner": "Diskominfo",
              "status": "terbuka"}
    values.update(changes)
    return values


BAD = {
    "likelihood too high": ({"likelihood": "4"}, "likelihood",
                            "Kemungkinan harus bilangan bulat 1, 2 atau 3."),
    "likelihood zero": ({"likelihood": "0"}, "likelihood",
                        "Kemungkinan harus bilangan bulat 1, 2 atau 3."),
    "impact words": ({"impact": "tinggi"}, "impact", "Dampak harus bilangan bulat 1, 2 atau 3."),
    "impact fraction": ({"impact": "2,5"}, "impact", "Dampak harus bilangan bulat 1, 2 atau 3."),
    "no likelihood": ({"likelihood": ""}, "likelihood", "Isi kemungkinan: 1, 2 atau 3."),
    "no risk": ({"risk": "  "}, "risk", "Tuliskan risikonya."),
    "status": ({"status": "selesai"}, "status", "Status risiko tidak dikenal."),
    "long cause": ({"cause": "x" * 1001}, "cause", "paling banyak 1000 karakter"),
}


@pytest.mark.parametrize("case", BAD)
def test_the_form_refuses_bad_input_in_indonesian(world, case):
    changes, field, message = BAD[case]
    form = risks.RiskForm(data(**changes), instance=ProgramRisk(), program=program(world.masterplans["own"]))
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_a_new_risk_goes_to_the_end_of_its_program_and_bumps_the_content_version(world):
    masterplan = world.masterplans["own"]
    item = program(masterplan)
    risk(item, "Risiko pertama")
    before = Masterplan.objects.get(pk=masterplan.pk).content_version
    form = risks.RiskForm(data(), instance=ProgramRisk(), program=item)
    assert form.is_valid(), form.errors
    saved = risks.save_risk(form, world.user("anggota"))
    assert (saved.program, saved.position, saved.likelihood, saved.impact, saved.updated_by) == (
        item, 1, 3, 2, world.user("anggota"))
    assert Masterplan.objects.get(pk=masterplan.pk).content_version == before + 1
    assert saved.history.count() == 1


def test_an_edit_of_a_risk_changed_meanwhile_is_a_conflict(world):
    item = risk(program(world.masterplans["own"]))
    loaded = risks.RiskForm(instance=item, program=item.program)
    seen = {name: loaded[name].value() for name in loaded.fields}
    ProgramRisk.objects.filter(pk=item.pk).update(version=item.version + 1, mitigation="Lain")
    form = risks.RiskForm({**seen, **data(owner="Bappelitbang")}, instance=item,
                          program=item.program)
    assert form.is_valid(), form.errors
    with pytest.raises(VersionConflict):
        risks.save_risk(form, world.user("ketua"))
    assert ProgramRisk.objects.get(pk=item.pk).owner == ""


def test_a_risk_is_deleted_only_at_the_version_seen(world):
    item = risk(program(world.masterplans["own"]))
    ProgramRisk.objects.filter(pk=item.pk).update(version=item.version + 1)
    with pytest.raises(ordering.RowChanged) as changed:
        risks.delete_risk(item, item.version)
    assert "Keterlambatan pengadaan perangkat" in changed.value.message
    assert risks.delete_risk(item, item.version + 1)
    assert not ProgramRisk.objects.filter(pk=item.pk).exists()

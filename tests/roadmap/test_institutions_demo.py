"""The demo institutions, regulations and application inventory of Kota Bandung."""

import datetime

import pytest

from demo import institutions as demo
from roadmap import applications, institutions
from roadmap.models import Application, Institution, InstitutionMember, Opd, Regulation

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    UserFactory(username="anggota.bandung")
    # The programs demo may have made some OPDs first: the same OPD must be reused.
    Opd.objects.create(region=world.own, name="Dinas Komunikasi dan Informatika",
                       short_name="Diskominfo")
    demo.seed(world.masterplans["own"], world.masterplans["other"])
    return world.masterplans["own"]


def counts():
    return [model.objects.count() for model in (Opd, Institution, InstitutionMember, Regulation,
                                                Application)] + [
        Application.exchanges_with.through.objects.count(),
        Application.integration_programs.through.objects.count()]


def test_demo_is_idempotent_and_reuses_existing_opds(seeded, world):
    before = counts()
    demo.seed(world.masterplans["own"], world.masterplans["other"])
    assert counts() == before
    assert Opd.objects.filter(region=world.own, short_name="Diskominfo").count() == 1


def test_demo_bodies_follow_the_rules(seeded, world):
    overview = institutions.overview(seeded, today=datetime.date(2026, 11, 27))
    council = list(overview.council.members.all())
    assert len(council) == 9
    assert {member.unsur for member in council} == {"pemerintah_daerah", "akademisi", "industri",
                                                    "masyarakat"}
    assert [member.role for member in council].count("ketua") == 1
    assert overview.council_validity.expired is False
    team = list(overview.team.members.all())
    assert len(team) == 12
    assert all(member.opd.region_id == world.own.pk for member in team)
    assert overview.team_validity.expired is True  # decree of September 2025
    assert len(overview.forums) == 2
    assert all(forum.managing_opd.region_id == world.own.pk for forum in overview.forums)


def test_demo_regulations_and_document(seeded):
    statuses = dict(Regulation.objects.filter(masterplan=seeded).exclude(code="")
                    .values_list("code", "status"))
    assert statuses == {"perda_masterplan": "dibahas_dprd", "perkada_quick_wins": "draf",
                        "keputusan_dewan_tim": "ditetapkan", "juklak_juknis": "belum_ada"}
    decree = Regulation.objects.get(masterplan=seeded, code="keputusan_dewan_tim")
    assert decree.number and decree.date
    with decree.document.open("rb") as stream:
        assert stream.read(5) == b"%PDF-"
    assert Regulation.objects.filter(masterplan=seeded, code="").count() == 1


def test_demo_inventory_leaves_monitoring_uncovered(seeded):
    apps = list(applications.applications_of(seeded))
    result = applications.summary(apps)
    assert result.total == 15
    assert [function.item for function in result.uncovered] == [17]
    assert 0 < result.interoperable < 15
    for app in apps:
        for partner in app.exchanges_with.all():
            assert app.is_interoperable
            assert Application.objects.get(pk=partner.pk).is_interoperable
    assert sum(1 for app in apps if app.exchanges_with.all()) >= 6

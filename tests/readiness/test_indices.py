"""readiness_indices, performance_indices, maturity and components_judged on real rows."""

import pytest

from masterplan import content_version
from masterplan.models import Region
from readiness import services
from readiness.models import PerformanceAssessment, ReadinessEntry

from ..factories import MasterplanFactory

pytestmark = pytest.mark.django_db

BAIK, SEDANG, BURUK = 3, 2, 1  # the default READINESS_WEIGHTS


def judge(masterplan, sub_area_code, judgement, count=None, note=""):
    """Give the first `count` components of a table (all when None) `judgement`."""
    entries = ReadinessEntry.objects.filter(masterplan=masterplan, sub_area__code=sub_area_code,
                                            interpretation="").order_by("component__number")
    ids = list(entries.values_list("pk", flat=True))[:count]
    assert count is None or len(ids) == count
    ReadinessEntry.objects.filter(pk__in=ids).update(interpretation=judgement, note=note)
    content_version.masterplan_changed(masterplan.pk)  # an UPDATE is no edit: say it changed
    return ids


def rate(masterplan, judgement, **lookup):
    rated = PerformanceAssessment.objects.filter(masterplan=masterplan, **lookup).update(
        rating=judgement)
    content_version.masterplan_changed(masterplan.pk)  # an UPDATE is no edit: say it changed
    return rated


@pytest.fixture
def masterplan():
    return MasterplanFactory()


def share(*points_per_item):
    return 100 * sum(points_per_item) / (len(points_per_item) * BAIK)


def test_a_new_masterplan_has_no_index_but_counts_every_component(masterplan):
    overall, elements = services.readiness_indices([masterplan])[masterplan.pk]
    assert overall is None
    assert [element.title for element in elements] == ["Struktur", "Infrastruktur", "Suprastruktur"]
    assert sum(element.unjudged for element in elements) == 75  # the guide's 75 components
    assert [len(element.children) for element in elements] == [3, 3, 3]
    assert services.performance_indices([masterplan])[masterplan.pk][0] is None
    assert services.maturity([masterplan])[masterplan.pk] == (None, None, None)


def test_readiness_index_per_table_element_and_overall(masterplan):
    judge(masterplan, "human_resources", "baik", 2)
    judge(masterplan, "human_resources", "buruk", 1)
    judge(masterplan, "government_resources", "sedang")  # all 20
    judge(masterplan, "physical", "buruk", 1)

    overall, (structure, infrastructure, superstructure) = (
        services.readiness_indices([masterplan])[masterplan.pk])

    human, government, fiscal = structure.children
    assert human.index == pytest.approx(share(BAIK, BAIK, BURUK))
    assert (human.judged, human.unjudged) == (3, 6)
    assert government.index == pytest.approx(share(*[SEDANG] * 20))
    assert (fiscal.index, fiscal.judged, fiscal.unjudged) == (None, 0, 9)
    assert structure.index == pytest.approx((human.index + government.index) / 2)
    assert (structure.judged, structure.unjudged) == (23, 15)
    assert infrastructure.index == pytest.approx(share(BURUK))
    assert superstructure.index is None and superstructure.unjudged == 17
    assert overall == pytest.approx((structure.index + infrastructure.index) / 2)


def test_components_the_region_added_count_in_their_table(masterplan):
    judge(masterplan, "digital", "baik", 1)
    sub_area = services.sub_area_by_slug(masterplan.edition_id, "ii-6")
    extra = services.add_extra_component(masterplan=masterplan, sub_area=sub_area,
                                         text="Jaringan LoRaWAN", user=None)
    ReadinessEntry.objects.filter(pk=extra.pk).update(interpretation="buruk")
    _overall, (_structure, infrastructure, _superstructure) = (
        services.readiness_indices([masterplan])[masterplan.pk])
    digital = infrastructure.children[1]
    assert digital.index == pytest.approx(share(BAIK, BURUK))
    assert (digital.judged, digital.unjudged) == (2, 6)


def test_performance_index_per_dimension(masterplan):
    assert rate(masterplan, "baik", element__dimension__code="governance") == 3
    rate(masterplan, "buruk", element__code="industry")
    rate(masterplan, "sedang", element__code="welfare")
    overall, dimensions = services.performance_indices([masterplan])[masterplan.pk]
    by_code = {dimension.code: dimension for dimension in dimensions}
    assert len(dimensions) == 6
    assert by_code["governance"].index == pytest.approx(100)
    # Smart Economy: the mean of its rated elements (industry buruk, welfare sedang).
    assert by_code["economy"].index == pytest.approx((share(BURUK) + share(SEDANG)) / 2)
    assert (by_code["economy"].judged, by_code["economy"].unjudged) == (2, 1)
    assert by_code["living"].index is None
    assert overall == pytest.approx((by_code["governance"].index + by_code["economy"].index) / 2)


def test_maturity_of_many_masterplans_at_once(masterplan):
    other = MasterplanFactory(region=Region.objects.get(code="35.10"))
    third = MasterplanFactory(region=Region.objects.get(code="32.01"))
    for code in ("human_resources", "government_resources", "fiscal_capacity"):
        judge(masterplan, code, "baik")
    rate(masterplan, "sedang")  # every element: 66.7
    judge(other, "physical", "sedang")
    rate(third, "baik")

    result = services.maturity([masterplan, other, third])

    readiness, performance, level = result[masterplan.pk]
    assert readiness == pytest.approx(100)
    assert performance == pytest.approx(share(SEDANG))
    assert level == "developing"  # performance 66.7 keeps it below managed (70)
    assert result[other.pk] == (pytest.approx(share(SEDANG)), None, None)
    assert result[third.pk] == (None, pytest.approx(100), None)


def test_maturity_follows_the_lower_index(masterplan):
    judge(masterplan, "policy", "baik")
    rate(masterplan, "baik")
    assert services.maturity([masterplan])[masterplan.pk][2] == "optimized"
    rate(masterplan, "buruk", element__code="energy")  # environment 77.8, performance 96.3
    assert services.maturity([masterplan])[masterplan.pk][2] == "optimized"
    rate(masterplan, "buruk", element__dimension__code__in=["economy", "living", "society"])
    _readiness, performance, level = services.maturity([masterplan])[masterplan.pk]
    assert 50 <= performance < 70
    assert level == "developing"


def test_components_judged_buruk_in_table_order(masterplan):
    late = judge(masterplan, "civil_society", "buruk", 1)
    early = judge(masterplan, "human_resources", "buruk", 2)
    judge(masterplan, "human_resources", "baik", 1)
    entries = list(services.components_judged(masterplan, "buruk"))
    assert [entry.pk for entry in entries] == early + late
    assert {entry.interpretation for entry in entries} == {"buruk"}

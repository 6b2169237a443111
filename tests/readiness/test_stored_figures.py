"""The indices stored per masterplan for the index overview (readiness/stored_figures.py):
refreshed when a masterplan's content or the rules changed, and only then."""

import pytest
from django.urls import reverse

from masterplan import figures
from masterplan.models import Masterplan, StoredFigure
from readiness import services
from readiness.forms import EntryForm
from readiness.services import save_table, sub_area_by_slug, table_entries

pytestmark = pytest.mark.django_db


def current(world):
    return Masterplan.objects.filter(pk__in=[mp.pk for mp in world.masterplans.values()])


def judge_through_the_page(masterplan, user, judgement, rows=3):
    """"Simpan semua" of table II.2 with its first `rows` rows judged."""
    sub_area = sub_area_by_slug(masterplan.edition_id, "ii-2")
    data = {}
    for number, entry in enumerate(table_entries(masterplan, sub_area)):
        form = EntryForm(instance=entry)
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
        if number < rows:
            data[form.add_prefix("interpretation")] = judgement
    assert not save_table(masterplan, sub_area, data, user).refused


def test_only_stale_masterplans_are_refreshed(world):
    assert figures.refresh_stored(current(world)) == 2
    assert figures.refresh_stored(current(world)) == 0
    assert StoredFigure.objects.count() == 2 * len(figures.stored_keys())
    judge_through_the_page(world.masterplans["own"], world.user("ketua"), "baik")
    assert figures.refresh_stored(current(world)) == 1


def test_stored_indices_are_those_computed(world):
    own = world.masterplans["own"]
    judge_through_the_page(own, world.user("ketua"), "sedang")
    figures.refresh_stored(current(world))
    stored = dict(StoredFigure.objects.filter(masterplan=own).values_list("key", "value"))
    readiness, performance, level = services.maturity([own])[own.pk]
    assert stored["readiness"] == pytest.approx(readiness) and readiness is not None
    assert stored["performance"] is None and performance is None and level is None


def test_other_weights_refresh_every_stored_index(world, settings):
    figures.refresh_stored(current(world))
    settings.READINESS_WEIGHTS = {"baik": 4, "sedang": 2, "buruk": 0}
    assert figures.refresh_stored(current(world)) == 2


def test_the_overview_shows_a_change_made_after_it_was_seen(client, world):
    own = world.masterplans["own"]
    client.force_login(world.user("admin"))
    url = reverse("index_overview")
    rows = {row.region.code: row for row in client.get(url).context["page"]}
    assert rows[world.own.code].readiness is None
    judge_through_the_page(own, world.user("ketua"), "baik")
    rows = {row.region.code: row for row in client.get(url, {"urut": "-kesiapan"}).context["page"]}
    assert rows[world.own.code].readiness == pytest.approx(100)
    assert [row.region.code for row in client.get(url, {"urut": "-kesiapan"}).context["page"]][
        0] == world.own.code

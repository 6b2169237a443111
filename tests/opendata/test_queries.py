"""Building the datasets and answering the API's lists take a fixed number of queries, however
many programs the masterplans have (demo/grow.py grows one from 6 to 40 programs)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.grow import grow
from opendata import services
from opendata.datasets import DATASETS, Context, build_rows
from opendata.tokens import create_token

from .helpers import fill, publish

pytestmark = pytest.mark.django_db

LISTS = ["/api/masterplan/", "/api/wilayah/", *(f"/api/{name}/" for name in DATASETS
                                                 if name != "masterplan"),
         "/api/wilayah/32.73/program/", "/api/wilayah/32.73/kpi/?tahun=2027"]


def count(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def test_dataset_building_keeps_its_query_count_as_programs_grow(world,
                                                                 django_assert_max_num_queries):
    own, other = world.masterplans["own"], world.masterplans["other"]
    fill(own, programs=6)
    fill(other, programs=3)
    publish(own), publish(other)
    masterplans = services.public_masterplans()

    def bundle():
        return services.bundle_document(masterplans)

    def each():
        for dataset in DATASETS.values():
            build_rows(dataset, masterplans, Context())

    small = {"bundle": count(bundle), "each": count(each)}
    assert small["bundle"] <= 20
    grow(own, 40)
    masterplans = services.public_masterplans()
    with django_assert_max_num_queries(small["bundle"]):
        document = services.bundle_document(masterplans)
    assert document["dataset"]["program"]["jumlah_baris"] == 43
    with django_assert_max_num_queries(small["each"]):
        each()


@pytest.mark.parametrize("auth", ["anonymous", "token"])
def test_api_lists_keep_their_query_count_as_programs_grow(client, world, auth,
                                                           django_assert_max_num_queries):
    own = world.masterplans["own"]
    fill(own, programs=6)
    publish(own)
    headers = {}
    if auth == "token":
        headers["Authorization"] = f"Bearer {create_token(world.user('ketua'), 'uji')[1]}"
    for url in LISTS:  # once first: what a first request loads once is not counted
        assert client.get(url, headers=headers).status_code == 200, url
    counts = {url: count(lambda url=url: client.get(url, headers=headers)) for url in LISTS}
    grow(own, 40)
    for url in LISTS:
        with django_assert_max_num_queries(counts[url], info=url):
            assert client.get(url, headers=headers).status_code == 200

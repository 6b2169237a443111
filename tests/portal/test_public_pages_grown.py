"""The public pages do not grow with the plan: from 30 to 230 programs (demo/grow.py) each keeps
its query count, and the pages shown one dimension at a time stay small."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.grow import grow
from portal import services

pytestmark = pytest.mark.django_db

GROWN = 230
MAX_HTML = 200 * 1024


def urls(code):
    def url(name):
        return reverse(name, kwargs={"region_code": code})
    return [
        (reverse("portal_national"), {}),
        (reverse("portal_sitemap"), {}),
        (url("portal_region"), {}),
        (url("portal_programs"), {}),
        (url("portal_programs"), {"dimensi": "economy"}),
        (url("portal_roadmap"), {}),
        (url("portal_kpi"), {}),
        (url("portal_kpi"), {"dimensi": "living"}),
        (url("portal_institutions"), {}),
    ]


def counts(client, pages):
    result = {}
    for url, query in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, query)
        assert response.status_code == 200, url
        result[(url, tuple(query.items()))] = len(queries)
    return result


def test_public_pages_keep_their_queries_from_30_to_230_programs(
        client, world, django_assert_max_num_queries):
    masterplan = world.masterplans["own"]
    grow(masterplan, 30)
    services.publish(masterplan, world.user("ketua"), as_draft=True)
    pages = urls(world.own.code)
    for url, query in pages:  # once first: what a first request loads once is not counted
        client.get(url, query)
    before = counts(client, pages)
    assert grow(masterplan, GROWN).total == GROWN
    for url, query in pages:
        client.get(url, query)
    for (url, query), count in before.items():
        with django_assert_max_num_queries(count, info=url):
            response = client.get(url, dict(query))
        assert len(response.content) < MAX_HTML, (url, len(response.content))

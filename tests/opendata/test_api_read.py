"""The API read side: the schema is valid OpenAPI 3 and every GET endpoint in it is walked
anonymously and with the token of each role; an unpublished region's data is unknown (404)
anonymously and to another region's token, and read by its own team and the admins."""

import json
import re

import pytest
from openapi_spec_validator import validate

from roadmap.models import MonitoringRecord

from .helpers import fill, publish

pytestmark = pytest.mark.django_db

ROLES = ["ketua", "anggota", "dewan", "pembimbing", "admin"]


@pytest.fixture
def regions(world):
    """own: 32.73, unpublished, the world's roles; other: 35.10, published, its own team."""
    own = fill(world.masterplans["own"], programs=3)
    other = fill(world.masterplans["other"], programs=2)
    publish(other)
    return own, other


def schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_is_valid_openapi_3(client, regions):
    document = schema(client)
    validate(document)
    assert document["openapi"].startswith("3.")
    assert "tokenApi" in document["components"]["securitySchemes"]
    # The dataset rows are documented from the definitions: every column, described.
    program = document["components"]["schemas"]["ProgramBaris"]["properties"]
    assert program["kode_wilayah"]["description"].startswith("Kode wilayah Kemendagri")
    refs = re.findall(r'"#/components/schemas/(\w+)"', json.dumps(program["jangka"]))
    enums = [value for ref in refs for value in document["components"]["schemas"][ref].get("enum", [])]
    assert {"pendek", "menengah", "panjang"} <= set(enums)


def _params(path, masterplan):
    record = MonitoringRecord.objects.filter(program__masterplan=masterplan).order_by("pk").first()
    kpi = record.program.kpis.order_by("pk").first()
    values = {"region_code": masterplan.region.code,
              "id": record.pk if "/monev/" in path else masterplan.pk, "kpi_pk": kpi.pk}
    return re.sub(r"\{(\w+)\}", lambda match: str(values[match.group(1)]), path)


def test_every_get_endpoint_by_role_with_region_isolation(client, world, regions):
    own, other = regions
    outsider = world.memberships["other"]["ketua"].user  # the published region's ketua
    paths = [path for path, operations in schema(client)["paths"].items() if "get" in operations]
    assert len(paths) >= 20
    from opendata.tokens import create_token

    headers = {role: {"Authorization": f"Bearer {create_token(world.user(role), 'uji')[1]}"}
               for role in ROLES}
    headers["anonymous"] = {}
    headers["outsider"] = {"Authorization": f"Token {create_token(outsider, 'uji')[1]}"}
    checked = 0
    for path in paths:
        if "{" not in path:
            for who, header in headers.items():
                response = client.get(path, {"ukuran": 1000}, headers=header)
                assert response.status_code == 200, (path, who)
                if "results" in (data := _json(response)) and data["results"] \
                        and "kode_wilayah" in data["results"][0]:
                    codes = {row["kode_wilayah"] for row in data["results"]}
                    sees_own = who in ROLES
                    assert (own.region.code in codes) == sees_own or not data["results"], (path, who)
                checked += 1
            continue
        published, unpublished = _params(path, other), _params(path, own)
        for who, header in headers.items():
            assert client.get(published, headers=header).status_code == 200, (published, who)
            expected = 200 if who in ROLES else 404
            response = client.get(unpublished, headers=header)
            assert response.status_code == expected, (unpublished, who, response.content[:200])
            if expected == 404:
                assert _json(response)["detail"]  # an Indonesian message, never a 403
            checked += 2
    assert checked > 100


def _json(response):
    return json.loads(response.content) if response["Content-Type"].startswith(
        "application/json") else {}


def test_lists_filter_by_region_dimension_and_year(client, regions):
    own, other = regions
    publish(own)
    rows = _json(client.get("/api/kpi/", {"kode_wilayah": "35.10", "tahun": 2026}))["results"]
    assert rows and {(row["kode_wilayah"], row["tahun"]) for row in rows} == {("35.10", 2026)}
    programs = _json(client.get("/api/program/", {"dimensi": "governance"}))["results"]
    assert programs and {row["dimensi"] for row in programs} == {"governance"}
    refused = client.get("/api/program/", {"jangka": "selamanya"})
    assert refused.status_code == 400
    assert "bukan kode daftar jangka" in refused.content.decode()
    page = _json(client.get("/api/pembiayaan/", {"ukuran": 2, "halaman": 2}))
    assert len(page["results"]) == 2 and page["previous"]


def test_anonymous_answers_are_cacheable_and_a_token_answer_is_private(client, world, regions,
                                                                      token_for):
    response = client.get("/api/program/")
    assert response["Cache-Control"].startswith("public")
    assert "Authorization" in response["Vary"]
    assert not response.cookies
    response = client.get("/api/program/", headers={"Authorization": token_for(world.user("dewan"))})
    assert response["Cache-Control"] == "private, no-store"


def test_the_docs_page_uses_vendored_assets_and_no_inline_script(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html and "http" not in html.replace('lang="id"', "")
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert "default-src 'self'" in response["Content-Security-Policy"]
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content

"""`manage.py loadtest` (make loadtest): what it measures answers each role, and its table."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from demo.loadtest import report
from demo.management.commands.loadtest import REGION, _plan
from demo.management.commands.loadtest_mixed import WRITERS
from masterplan.models import Comment, Region, User
from masterplan.services import current_masterplan


@pytest.fixture(scope="module")
def demo(module_db_setup):
    module_db_setup(lambda: call_command("seed_demo", verbosity=0))


def test_every_page_of_the_plan_answers_its_role_by_signing_in(demo, db):
    """The load measures pages, not refusals: each role signs in with the demo password as the
    locustfile does and gets 200 from each of its pages."""
    plan = _plan()
    for role, entry in plan["roles"].items():
        client = Client()
        signed_in = client.post(plan["login"], {"username": entry["username"],
                                                "password": plan["password"]})
        assert signed_in.status_code == 302, role
        for label, path in entry["pages"]:
            assert client.get(path).status_code == 200, f"{role}: {label} ({path})"
    assert Client().get(plan["login"]).status_code == 200  # the bare view, signed out


def test_the_writers_of_the_mixed_load_may_reply_in_the_first_thread(demo, db):
    region = Region.objects.get(code=REGION)
    root = Comment.objects.filter(masterplan=current_masterplan(region),
                                  parent=None).order_by("pk").first()
    kwargs = {"region_code": REGION, "comment_pk": root.pk}
    for username in WRITERS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        assert client.get(reverse("comment_thread", kwargs=kwargs)).status_code == 200
        answer = client.post(reverse("comment_reply", kwargs=kwargs), {"text": "loadtest-x 1"})
        assert answer.status_code == 302, username
    assert Comment.objects.filter(text__startswith="loadtest-x ").count() == len(WRITERS)


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))
    assert report.percentile(values, 50) == 50
    assert report.percentile(values, 95) == 95
    assert report.percentile([7], 95) == 7
    assert report.percentile([], 95) is None


def _results(timings):
    return {"timings": timings, "sizes": {name: [2048] * len(times)
                                          for name, times in timings.items()},
            "failures": {}}


def test_the_table_puts_each_page_beside_the_bare_view_of_the_same_run():
    demo = report.summary(_results({report.BARE: [10] * 20, "ketua: roadmap": [30] * 20,
                                    "setup: sign in": [900]}))
    grown = report.summary(_results({report.BARE: [20] * 20, "ketua: roadmap": [90] * 20}))
    lines = report.table({"demo": demo, "grown": grown}).splitlines()
    assert "setup" not in "\n".join(lines)
    assert lines[2] == "| bare: login page | 10 | 10 | 1.0× | 2 | 20 | 20 | 1.0× | 2 | 2.0× |"
    assert lines[3] == "| ketua: roadmap | 30 | 30 | 3.0× | 2 | 90 | 90 | 4.5× | 2 | 3.0× |"


def test_the_marked_section_is_replaced_and_the_rest_kept():
    first = report.replace_section("# Performance\n\nText.\n", "## Load test\n\nold")
    assert first.startswith("# Performance\n\nText.\n\n<!-- loadtest:start -->")
    second = report.replace_section(first + "\n## After\n", "## Load test\n\nnew")
    assert "old" not in second and "new" in second and second.count("<!-- loadtest:start -->") == 1
    assert second.startswith("# Performance\n\nText.") and second.endswith("## After\n")


def test_sections_of_other_markers_are_left_alone():
    text = report.replace_section("# P\n", "pages", marker="loadtest")
    text = report.replace_section(text, "mixed one", marker="loadtest-mixed")
    text = report.replace_section(text, "mixed two", marker="loadtest-mixed")
    assert "pages" in text and "mixed two" in text and "mixed one" not in text

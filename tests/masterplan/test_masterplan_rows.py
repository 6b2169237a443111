"""The rows every masterplan has: created when it starts, by each app's data migration for older
masterplans, and by load_reference_data when a catalogue grows. Pages only read them."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from bimtek.models import Visit
from books.models import BookCover, NarrativeSection
from masterplan.services import initialize_all_masterplans
from readiness.models import Component, OutlookAnalysis, PerformanceAssessment, ReadinessEntry
from roadmap.models import Institution, Regulation
from swot.models import Vision, VisionCheck, Worksheet

pytestmark = pytest.mark.django_db

ROW_MODELS = [NarrativeSection, BookCover, ReadinessEntry, PerformanceAssessment, OutlookAnalysis,
              Worksheet, Vision, VisionCheck, Regulation, Institution, Visit]
MIGRATIONS = ["masterplan.migrations.0016_masterplan_rows",
              "readiness.migrations.0005_masterplan_rows",
              "swot.migrations.0004_masterplan_rows",
              "roadmap.migrations.0004_masterplan_rows",
              "bimtek.migrations.0004_masterplan_visits"]


def counts(masterplan):
    return {model.__name__: model.objects.filter(masterplan=masterplan).count()
            for model in ROW_MODELS}


def strip(masterplan):
    for model in reversed(ROW_MODELS):
        model.objects.filter(masterplan=masterplan).delete()
    assert set(counts(masterplan).values()) == {0}


def test_data_migrations_give_older_masterplans_their_rows(world, settings):
    settings.MIGRATION_MODULES = {}  # the test database was built without them (pytest.ini)
    masterplan = world.masterplans["own"]
    started = counts(masterplan)
    assert all(started.values())
    strip(masterplan)
    loader = MigrationLoader(connection)
    # Each migration gets the models as they were when it ran (the core's 0016 still owned the
    # books' models).
    states = {name: loader.project_state((name.split(".")[0], name.split(".")[-1])).apps
              for name in MIGRATIONS}
    for _round in range(2):  # idempotent
        for name in MIGRATIONS:
            importlib.import_module(name).forwards(states[name], None)
        assert counts(masterplan) == started
    assert (NarrativeSection.objects.get(masterplan=masterplan, key="landasan_hukum").text
            .startswith("1. "))


def test_data_migrations_do_not_import_the_apps_models():
    for name in MIGRATIONS:
        module = importlib.import_module(name)
        imported = {getattr(value, "__module__", "") for value in vars(module).values()}
        assert not any(m.endswith(".models") or ".models." in m for m in imported), name


def test_pages_only_read_the_rows(client, world):
    masterplan = world.masterplans["own"]
    Visit.objects.filter(masterplan=masterplan).delete()
    client.force_login(world.user("pembimbing"))
    assert client.get(reverse("bimtek_overview",
                              kwargs={"region_code": world.own.code})).status_code == 200
    assert not Visit.objects.filter(masterplan=masterplan).exists()


def test_a_grown_catalogue_reaches_existing_masterplans(world):
    masterplan = world.masterplans["own"]
    sub_area = ReadinessEntry.objects.filter(masterplan=masterplan).first().sub_area
    component = Component.objects.create(sub_area=sub_area, number=99, text="Komponen baru",
                                         value_type="text")
    initialize_all_masterplans()
    assert ReadinessEntry.objects.filter(masterplan=masterplan, component=component).exists()
    assert ReadinessEntry.objects.filter(masterplan=world.masterplans["other"],
                                         component=component).exists()

"""Publishing and withdrawing a masterplan (portal/services.py): who may, what status needs the
DRAF mark, one public masterplan per region, and the log of every publish and withdrawal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from masterplan.models import MasterplanStatus
from portal import services
from portal.models import Publication, PublicationEvent
from portal.publication import is_published, published_masterplan_of, published_masterplans

from ..factories import MasterplanFactory

pytestmark = pytest.mark.django_db


def legalise(masterplan):
    masterplan.status = MasterplanStatus.DITETAPKAN
    masterplan.save()
    return masterplan


@pytest.mark.parametrize("role", ["ketua", "admin"])
def test_the_ketua_and_admins_publish_and_withdraw(world, role):
    masterplan = world.masterplans["own"]
    user = world.user(role)
    publication = services.publish(masterplan, user, as_draft=True, note="Uji coba")
    assert publication.as_draft and publication.published_by == user
    assert publication.licence == "CC-BY-4.0"
    assert is_published(masterplan)
    services.unpublish(masterplan, user, note="Ditarik")
    assert not is_published(masterplan)
    events = list(PublicationEvent.objects.filter(masterplan=masterplan).order_by("at", "pk")
                  .values_list("action", "by", "as_draft", "licence", "note"))
    assert events == [("published", user.pk, True, "CC-BY-4.0", "Uji coba"),
                      ("unpublished", user.pk, True, "CC-BY-4.0", "Ditarik")]


@pytest.mark.parametrize("role", ["anggota", "dewan", "pembimbing"])
def test_other_roles_may_neither_publish_nor_withdraw(world, role):
    masterplan = world.masterplans["own"]
    with pytest.raises(PermissionDenied):
        services.publish(masterplan, world.user(role), as_draft=True)
    services.publish(masterplan, world.user("ketua"), as_draft=True)
    with pytest.raises(PermissionDenied):
        services.unpublish(masterplan, world.user(role))
    assert is_published(masterplan)
    assert PublicationEvent.objects.count() == 1


def test_a_ketua_cannot_publish_another_regions_masterplan(world):
    with pytest.raises(PermissionDenied):
        services.publish(world.masterplans["other"], world.user("ketua"), as_draft=True)
    assert not Publication.objects.exists()


def test_a_masterplan_not_ditetapkan_is_published_only_as_a_marked_draft(world):
    masterplan = world.masterplans["own"]
    with pytest.raises(ValidationError) as refused:
        services.publish(masterplan, world.user("ketua"))
    assert "belum ditetapkan" in refused.value.messages[0]
    assert not Publication.objects.exists() and not PublicationEvent.objects.exists()
    assert services.publish(masterplan, world.user("ketua"), as_draft=True).as_draft


def test_a_ditetapkan_masterplan_is_published_without_the_draft_mark(world):
    masterplan = legalise(world.masterplans["own"])
    publication = services.publish(masterplan, world.user("admin"), as_draft=True,
                                   licence="CC0-1.0")
    assert not publication.as_draft and publication.licence == "CC0-1.0"


def test_an_unknown_licence_is_refused(world):
    with pytest.raises(ValidationError):
        services.publish(world.masterplans["own"], world.user("ketua"), as_draft=True,
                         licence="MIT")


def test_publishing_again_updates_the_publication_and_logs_again(world):
    masterplan = world.masterplans["own"]
    services.publish(masterplan, world.user("ketua"), as_draft=True)
    legalise(masterplan)
    publication = services.publish(masterplan, world.user("admin"), licence="CC-BY-SA-4.0")
    assert Publication.objects.count() == 1
    assert (publication.as_draft, publication.licence) == (False, "CC-BY-SA-4.0")
    assert publication.published_by == world.user("admin")
    assert PublicationEvent.objects.filter(action="published").count() == 2


def test_one_public_masterplan_per_region(world):
    first = world.masterplans["own"]
    services.publish(first, world.user("ketua"), as_draft=True)
    second = MasterplanFactory(region=world.own, title="Masterplan baru", is_current=False)
    services.publish(second, world.user("ketua"), as_draft=True)
    assert list(published_masterplans()) == [second]
    assert published_masterplan_of(world.own.code) == second
    withdrawn = PublicationEvent.objects.get(masterplan=first, action="unpublished")
    assert "Masterplan baru" in withdrawn.note


def test_withdrawing_what_is_not_published_is_refused(world):
    with pytest.raises(ValidationError):
        services.unpublish(world.masterplans["own"], world.user("ketua"))


def test_the_log_lists_the_regions_events_newest_first(world):
    masterplan = world.masterplans["own"]
    services.publish(masterplan, world.user("ketua"), as_draft=True)
    services.unpublish(masterplan, world.user("admin"), note="Salah terbit")
    services.publish(world.masterplans["other"], world.user("admin"), as_draft=True)
    events = services.events_of(world.own)
    assert [event.action for event in events] == ["unpublished", "published"]
    assert events[0].note == "Salah terbit"

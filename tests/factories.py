import factory

from masterplan.models import Batch, Masterplan, Membership, Region, Role, User
from masterplan.services import initialize_masterplan, latest_edition


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("rahasia-123")


class AdminFactory(UserFactory):
    is_kominfo_admin = True


def region(code):
    return Region.objects.get(code=code)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    region = factory.LazyFunction(lambda: region("32.73"))
    role = Role.ANGGOTA


class MasterplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Masterplan
        skip_postgeneration_save = True

    region = factory.LazyFunction(lambda: region("32.73"))
    edition = factory.LazyFunction(latest_edition)
    title = factory.LazyAttribute(lambda m: f"Masterplan Smart City {m.region.display_name}")
    start_year = 2026
    period_years = 10
    is_current = True

    @factory.post_generation
    def rows(masterplan, create, extracted, **kwargs):
        """Each app's per-masterplan rows, as services.create_masterplan makes them."""
        if create:
            initialize_masterplan(masterplan)


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch

    year = 2020
    name = factory.Sequence(lambda n: f"Angkatan uji {n}")

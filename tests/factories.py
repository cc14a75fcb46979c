import datetime

import factory
from django.contrib.auth.models import User
from django.utils import timezone

from committees.models import Committee, Council, Membership, OfficerRole, Person
from meetings.models import AgendaItem, Document, Meeting


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ("slug",)

    name = "Somerset Council"
    slug = "somerset"
    phone = "(01823) 357628"
    email = "democraticservicesteam@somerset.gov.uk"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Scrutiny Committee {n}")
    slug = factory.Sequence(lambda n: f"scrutiny-committee-{n}")
    default_venue = "Luttrell Room - County Hall, Taunton TA1 4DY"
    default_start_time = datetime.time(10, 0)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery")


def officer_user(council=None, **kwargs):
    """An officer who runs `council` (by default the factories' Somerset Council)."""
    user = UserFactory(**kwargs)
    OfficerRole.objects.get_or_create(user=user, council=council or CouncilFactory())
    return user


def councillor_user(**kwargs):
    """Someone signed in with no officer role; link a Person and a membership to seat them."""
    return UserFactory(**kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    surname = factory.Faker("last_name")
    is_councillor = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = datetime.date(2023, 5, 4)
    start_time = datetime.time(10, 0)
    venue = "Luttrell Room - County Hall, Taunton TA1 4DY"
    status = Meeting.Status.PUBLISHED
    agenda_published_at = factory.LazyAttribute(
        lambda meeting: None if meeting.status == Meeting.Status.DRAFT else timezone.now()
    )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    kind = AgendaItem.Kind.REPORT


class DocumentFactory(factory.django.DjangoModelFactory):
    """A paper with a real one-page PDF behind it."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    agenda_item = factory.SubFactory(AgendaItemFactory)
    meeting = factory.SelfAttribute("agenda_item.meeting")
    title = factory.Sequence(lambda n: f"Report {n}")
    page_count = 1
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_file(self, create, extracted, **kwargs):
        text = extracted if isinstance(extracted, str) else f"Text of {self.title}"
        self.store_file(f"{self.title}.pdf", make_pdf(text))
        if create:
            self.save()


def make_pdf(text: str, pages: int = 1) -> bytes:
    """A small, real PDF whose pages carry the given text (extractable by pypdf)."""
    from weasyprint import HTML

    body = "".join(
        f'<p style="page-break-after: always">{text} (page {n + 1})</p>' for n in range(pages)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


PUBLIC_PERSONAS = [
    "anonymous",
    "councillor of another committee",
    "former member",
    "officer of another council",
]
ENTITLED_PERSONAS = ["member", "officer"]


def persona(kind: str, committee):
    """
    The people the visibility rule tells apart (committees/access.py), as users of this
    committee's world; None is a member of the public.
    """
    today = datetime.date.today()
    if kind == "anonymous":
        return None
    if kind == "officer":
        return officer_user(council=committee.council)
    if kind == "officer of another council":
        return officer_user(council=CouncilFactory(name="Another Council", slug="another"))
    memberships = {
        "councillor of another committee": {"committee": CommitteeFactory()},
        "former member": {
            "committee": committee,
            "start_date": today - datetime.timedelta(days=700),
            "end_date": today - datetime.timedelta(days=30),
        },
        "member": {"committee": committee, "start_date": today - datetime.timedelta(days=30)},
    }
    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), **memberships[kind])
    return user


def totp_device(user, **kwargs):
    """A confirmed authenticator app (django-otp TOTP device) for this user."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True, **kwargs)


def totp_code(key: bytes | str) -> str:
    """The code an authenticator app shows now, for a device's bin_key (or a hex key)."""
    from binascii import unhexlify

    from django_otp.oath import totp

    if isinstance(key, str):
        key = unhexlify(key)
    return f"{totp(key):06d}"

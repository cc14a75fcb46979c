"""Factories and personas for every app's tests: one module, so a test finds them all."""

import datetime
import io

import factory
from django.contrib.auth.models import User
from django.utils import timezone
from pypdf import PdfWriter

from actionplans.models import RAG_LEGEND, ActionPlan, PlanAction, ProgressUpdate, parse_period
from committees.models import Committee, Council, Membership, OfficerRole, Person
from meetings.models import AgendaItem, Document, Meeting, StandardItem
from minutes.models import Decision, Minute, Minutes
from tracker.models import LegendStatus, Tracker
from tracker.services import create_entry
from workprogramme.models import WorkProgramme, WorkProgrammeItem


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


class StandardItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardItem

    committee = factory.SubFactory(CommitteeFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Standard item {n}")


def blank_pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """The start of a real .docx: a zip archive holding [Content_Types].xml."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def active_pdf(kind: str) -> bytes:
    """A one-page PDF carrying something active: what check_pdf must refuse."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if kind == "javascript":
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hello');"),
            }
        )
        tree = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("hello"), script])}
        )
        writer.root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): tree}
        )
    elif kind == "launch":
        writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("x.exe")}
        )
    elif kind == "open_action":
        writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/URI"),
                NameObject("/URI"): TextStringObject("https://example.org/track"),
            }
        )
    elif kind == "embedded_files":
        writer.add_attachment("payload.exe", b"MZ\x90\x00")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    end_time = datetime.time(16, 5)


class MinuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minute

    minutes = factory.SubFactory(MinutesFactory)
    number = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Minute heading {n}")
    agenda_item = factory.SubFactory(
        AgendaItemFactory, meeting=factory.SelfAttribute("..minutes.meeting")
    )


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    minute = factory.SubFactory(MinuteFactory)
    wording = factory.Sequence(lambda n: f"It was AGREED that the Committee receive update {n}.")


def make_entry(tracker=None, meeting=None, status_meaning=LegendStatus.Meaning.PENDING, **fields):
    if tracker is None:
        tracker = Tracker.for_committee(meeting.committee if meeting else CommitteeFactory())
    meeting = meeting or MeetingFactory(committee=tracker.committee)
    defaults = {
        "item_title": "An agenda item",
        "agreed_outcome": "<p>An agreed outcome</p>",
        "agreed_on": meeting.date,
    }
    defaults.update(fields)
    return create_entry(
        tracker=tracker,
        meeting=meeting,
        status=tracker.status_with_meaning(status_meaning),
        when=timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time(17))),
        **defaults,
    )


class WorkProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProgramme

    committee = factory.SubFactory(CommitteeFactory)
    municipal_year = 2023


class WorkProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProgrammeItem

    programme = factory.SubFactory(WorkProgrammeFactory)
    section = WorkProgrammeItem.Section.MEETING
    meeting = factory.SubFactory(
        MeetingFactory, committee=factory.SelfAttribute("..programme.committee")
    )
    title = factory.Sequence(lambda n: f"Planned item {n}")
    service_area = "Education Partnerships & Skills"
    lead_officer = "Amelia Walker"


FOUR_MAY_PAPERS = {2: [2], 3: [8], 5: [5, 3, 1], 6: [32], 7: [3], 8: [21, 22]}
FOUR_MAY_ANNEXES = [
    ("Public Guidance Notes contained in Agenda Annexe", 2),
    ("Information on the Committee", 1),
    ("Click here to join the online meeting", 1),
]
TO_FOLLOW = {9, 10}


def add_paper(meeting, item, title, pages=1, text=None, data=None, **fields):
    document = Document(meeting=meeting, agenda_item=item, title=title, **fields)
    data = data or make_pdf(text or f"Text of {title}", pages=pages)
    document.store_file(f"{title}.pdf", data)
    document.page_count = pages
    document.save()
    return document


def somerset_committee(**fields):
    council = CouncilFactory()
    committee = CommitteeFactory(
        council=council, name="Scrutiny Committee - Childrens and Families", **fields
    )
    chair = PersonFactory(first_name="Leigh", surname="Redman")
    vice = PersonFactory(first_name="Oliver", surname="Patrick")
    MembershipFactory(committee=committee, person=chair, role=Membership.Role.CHAIR)
    MembershipFactory(committee=committee, person=vice, role=Membership.Role.VICE_CHAIR)
    for first, last in [("Suria", "Aujla"), ("Jason", "Baker"), ("Simon", "Carswell")]:
        MembershipFactory(committee=committee, person=PersonFactory(first_name=first, surname=last))
    MembershipFactory(
        committee=committee,
        person=PersonFactory(first_name="Ruth", surname="Hobbs", is_councillor=False),
        role=Membership.Role.CO_OPTED,
    )
    return committee


def four_may_meeting(papers=None, paper_text=None, **meeting_fields):
    """Items 1-12 with papers sized like the real pack; items 9 and 10 to follow."""
    papers = FOUR_MAY_PAPERS if papers is None else papers
    committee = somerset_committee()
    meeting = MeetingFactory(
        committee=committee,
        date=datetime.date(2023, 5, 4),
        start_time=datetime.time(10, 0),
        is_webcast=True,
        is_audio_recorded=True,
        **meeting_fields,
    )
    for title, pages in FOUR_MAY_ANNEXES:
        add_paper(meeting, None, title, pages)
    items = {}
    for number in range(1, 13):
        items[number] = AgendaItemFactory(
            meeting=meeting,
            position=number,
            title=f"Item {number} title",
            is_to_follow=number in TO_FOLLOW,
            kind=AgendaItem.Kind.REPORT,
        )
    for number, sizes in papers.items():
        for index, pages in enumerate(sizes, start=1):
            title = f"Item {number} paper {index}"
            text = (paper_text or {}).get((number, index))
            add_paper(meeting, items[number], title, pages, text=text)
    return meeting, items


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan
        skip_postgeneration_save = True

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"Accelerated Progress Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")

    @factory.post_generation
    def legend(self, create, extracted, **kwargs):
        self.set_legend(extracted or RAG_LEGEND)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(ActionPlanFactory)
    ref = factory.Sequence(lambda n: f"1.{n + 1}")
    text = factory.Sequence(lambda n: f"We will improve service {n}")
    by_when = "April 2024"
    lead_officer = "Claire Merchant-Jones (Head of SEND, Somerset Council)"
    position = factory.Sequence(lambda n: n + 1)


def add_update(action, period: str, rag_label: str, text: str) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        action=action,
        period=period,
        period_start=parse_period(period) or datetime.date(2023, 1, 1),
        rag=action.plan.rag_levels.get(label=rag_label),
        text=text,
    )

"""The councillors' area: My meetings, all papers in a ZIP, and confidential packs traced."""

import datetime
import io
import re
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from committees.formatting import plain_date
from committees.models import Membership
from councillors import selectors
from meetings.models import Meeting
from packs import services, watermark
from packs.models import PackVersion
from packs.stamps import BLANK_PAGE_TEXT
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    add_paper,
    four_may_meeting,
    officer_user,
    persona,
)
from tests.packs_helpers import page_texts

pytestmark = pytest.mark.django_db

MY_MEETINGS = "/my/"
STAMP = "NOT FOR PUBLICATION"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def councillor(committee, first="Leigh", surname="Redman", **membership):
    """A signed-in councillor sitting on `committee` (from a month ago, unless told)."""
    user = UserFactory()
    person = PersonFactory(first_name=first, surname=surname, user=user)
    membership.setdefault("start_date", days(-30))
    MembershipFactory(committee=committee, person=person, **membership)
    return user


def meeting_of(committee, day_offset: int, **fields):
    return MeetingFactory(committee=committee, date=days(day_offset), **fields)


def exempt_item(meeting, **fields):
    return AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph=3, **fields)


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split()[0] in ("UPDATE", "INSERT", "DELETE")]


# My meetings


def test_anonymous_users_are_sent_to_sign_in(client):
    meeting = MeetingFactory()
    for url in (MY_MEETINGS, reverse("councillors:papers_zip", args=[meeting.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_an_account_not_linked_to_a_councillor_is_told_to_ask_democratic_services(client):
    client.force_login(UserFactory())

    response = client.get(MY_MEETINGS)

    assert response.status_code == 200
    page = response.content.decode()
    assert "not linked to a councillor" in page
    assert "ask democratic services" in page


def test_my_meetings_are_those_of_the_committees_i_sit_on_now(client):
    mine = CommitteeFactory(name="Children and Families")
    left = CommitteeFactory(name="Adults and Health")
    other = CommitteeFactory(name="Climate and Place")
    user = councillor(mine)
    MembershipFactory(
        committee=left,
        person=user.person,
        start_date=days(-700),
        end_date=days(-10),
    )
    upcoming = meeting_of(mine, 14)
    later = meeting_of(mine, 60)
    recent = meeting_of(mine, -40)
    long_ago = meeting_of(mine, -400)
    older = [meeting_of(mine, -400 - weeks * 7) for weeks in range(1, 5)]
    meeting_of(mine, -800)  # the seventh most recent: not shown
    meeting_of(mine, 21, status=Meeting.Status.DRAFT)  # not published: officers only
    meeting_of(left, 7)
    meeting_of(left, -20)
    meeting_of(other, 7)
    client.force_login(user)

    area = client.get(MY_MEETINGS).context["area"]

    assert [entry.meeting for entry in area.upcoming] == [upcoming, later]
    assert [entry.meeting for entry in area.recent] == [recent, long_ago, *older]
    page = client.get(MY_MEETINGS).content.decode()
    assert page.count('data-testid="my-meeting"') == 8
    assert upcoming.get_absolute_url() in page
    assert "Adults and Health" not in page
    assert "Climate and Place" not in page


def test_each_meeting_shows_its_packs_and_the_papers_i_may_see(client):
    committee = CommitteeFactory()
    meeting = meeting_of(committee, 10)
    open_item = AgendaItemFactory(meeting=meeting, position=1, title="Budget")
    secret_item = exempt_item(meeting, position=2, title="Contract award")
    report = add_paper(meeting, open_item, "Budget monitoring", published_at=timezone.now())
    secret = add_paper(meeting, secret_item, "Bid evaluation", published_at=timezone.now())
    public = ready_version(meeting, PackVersion.Kind.PUBLIC)
    confidential = ready_version(meeting, PackVersion.Kind.CONFIDENTIAL)
    member = councillor(committee)
    outsider = persona("councillor of another committee", committee)

    client.force_login(member)
    page = client.get(MY_MEETINGS).content.decode()
    assert report.get_absolute_url() in page
    assert secret.get_absolute_url() in page
    assert public.get_absolute_url() in page
    assert confidential.get_absolute_url() in page
    assert reverse("councillors:papers_zip", args=[meeting.pk]) in page

    # The same rule, asked for someone else: no exempt paper, no confidential pack.
    packs = selectors.current_packs(outsider, [meeting])[meeting.pk]
    assert packs["public"] == public
    assert packs["confidential"] is None
    assert selectors.visible_papers(outsider, [meeting])[meeting.pk] == [report]


def test_papers_published_since_my_last_visit_are_marked_new(client):
    committee = CommitteeFactory()
    meeting = meeting_of(committee, 10)
    item = AgendaItemFactory(meeting=meeting, position=1)
    last_visit = timezone.now() - datetime.timedelta(days=3)
    before = last_visit - datetime.timedelta(days=2)
    old = add_paper(meeting, item, "Old paper", published_at=before, created_at=before)
    new = add_paper(meeting, item, "New paper", published_at=timezone.now(), created_at=before)
    client.force_login(councillor(committee))

    page = client.get(MY_MEETINGS).content.decode()
    assert 'data-testid="new"' not in page  # no last visit: nothing is new

    session = client.session
    session[selectors.PREVIOUS_VISIT_KEY] = last_visit.isoformat()
    session.save()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MY_MEETINGS)
    papers = {paper.document: paper.is_new for paper in response.context["area"].upcoming[0].papers}
    assert papers == {old: False, new: True}
    page = response.content.decode()
    assert page.count('data-testid="new"') == 1
    assert "1 new" in page
    assert writes(queries) == []  # a GET never writes, not even the session
    assert client.session[selectors.PREVIOUS_VISIT_KEY] == last_visit.isoformat()


def test_a_missing_or_garbled_last_visit_marks_nothing_new():
    assert selectors.previous_visit({}) is None
    assert selectors.previous_visit({"previous_visit": "yesterday"}) is None
    assert selectors.previous_visit({"previous_visit": 17}) is None
    naive = selectors.previous_visit({"previous_visit": "2025-06-01T09:00:00"})
    assert timezone.is_aware(naive)


def add_meeting_with_papers(committee, day_offset):
    meeting = meeting_of(committee, day_offset)
    item = AgendaItemFactory(meeting=meeting, position=1)
    secret_item = exempt_item(meeting, position=2)
    sub_item = AgendaItemFactory(meeting=meeting, position=1, parent=item)
    for title, on in [("Report", item), ("Appendix", sub_item), ("Secret", secret_item)]:
        add_paper(meeting, on, f"{title} {meeting.pk}", published_at=timezone.now())
    add_paper(meeting, None, f"Annex {meeting.pk}", published_at=timezone.now())
    ready_version(meeting, PackVersion.Kind.PUBLIC)
    ready_version(meeting, PackVersion.Kind.CONFIDENTIAL)
    return meeting


# Session, user, person, memberships, meetings, papers, officer roles, packs, and the
# header's "is a councillor".
MY_MEETINGS_QUERIES = 10


def test_my_meetings_costs_the_same_however_many_meetings_and_papers(
    client, django_assert_num_queries
):
    committee = CommitteeFactory()
    user = councillor(committee)
    client.force_login(user)
    add_meeting_with_papers(committee, 5)
    with django_assert_num_queries(MY_MEETINGS_QUERIES):
        client.get(MY_MEETINGS)

    for offset in (-100, -30, 12, 40, 90):
        add_meeting_with_papers(committee, offset)
    second = CommitteeFactory()
    MembershipFactory(committee=second, person=user.person, start_date=days(-5))
    add_meeting_with_papers(second, 20)
    with django_assert_num_queries(MY_MEETINGS_QUERIES):
        response = client.get(MY_MEETINGS)
    area = response.context["area"]
    assert len(area.upcoming) + len(area.recent) == 7
    assert all(len(entry.papers) == 4 for entry in area.upcoming + area.recent)


# All papers in one ZIP


def zip_names(response) -> list[str]:
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def zip_meeting():
    committee = CommitteeFactory(slug="children-families")
    meeting = meeting_of(committee, 10)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Budget")
    sub_item = AgendaItemFactory(meeting=meeting, position=1, parent=item, title="Annex A")
    secret_item = exempt_item(meeting, position=2, title="Contract award")
    published = timezone.now()
    add_paper(meeting, None, "Guidance notes", published_at=published)
    add_paper(meeting, item, "Budget: monitoring / Q3 (final)", published_at=published)
    add_paper(meeting, sub_item, "Savings plan", published_at=published)
    add_paper(meeting, secret_item, "Bid evaluation", published_at=published)
    add_paper(meeting, item, "Late paper", published_at=None)  # no pack has published it
    return meeting


def test_the_zip_holds_every_paper_a_member_may_see_with_safe_names(client):
    meeting = zip_meeting()
    client.force_login(councillor(meeting.committee))

    response = client.get(reverse("councillors:papers_zip", args=[meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="children-families-{meeting.date:%Y-%m-%d}-papers.zip"'
    )
    assert response["Cache-Control"] == "private, no-store"
    folder = f"children-families-{meeting.date:%Y-%m-%d}-papers"
    assert zip_names(response) == [
        f"{folder}/01_Annex_-_Guidance_notes.pdf",
        f"{folder}/02_Item_1_-_Budget_monitoring__Q3_final.pdf",
        f"{folder}/03_Item_1_-_Late_paper.pdf",
        f"{folder}/04_Item_1a_-_Savings_plan.pdf",
        f"{folder}/05_Item_2_-_Bid_evaluation.pdf",
    ]


def test_the_zip_leaves_out_what_a_non_member_may_not_see():
    meeting = zip_meeting()
    for kind in ("former member", "councillor of another committee"):
        user = persona(kind, meeting.committee)
        titles = [document.title for document in selectors.zip_papers(user, meeting)]
        assert titles == ["Guidance notes", "Budget: monitoring / Q3 (final)", "Savings plan"]
    officer = persona("officer", meeting.committee)
    assert len(selectors.zip_papers(officer, meeting)) == 5


def test_the_zip_is_refused_outside_my_own_committees_and_for_a_draft(client):
    meeting = zip_meeting()
    url = reverse("councillors:papers_zip", args=[meeting.pk])
    for kind in ("councillor of another committee", "former member", "officer of another council"):
        client.force_login(persona(kind, meeting.committee))
        assert client.get(url).status_code == 404, kind
    client.force_login(persona("officer", meeting.committee))
    assert len(zip_names(client.get(url))) == 5

    draft = meeting_of(meeting.committee, 30, status=Meeting.Status.DRAFT)
    add_paper(draft, AgendaItemFactory(meeting=draft), "Draft paper")
    client.force_login(councillor(meeting.committee))
    assert client.get(reverse("councillors:papers_zip", args=[draft.pk])).status_code == 404
    assert client.post(url).status_code == 405


def test_the_zip_writes_nothing_and_costs_the_same_however_many_papers(
    client, django_assert_num_queries, monkeypatch
):
    noted = []
    monkeypatch.setattr(
        "councillors.views.note_confidential_download", lambda *args: noted.append(args)
    )
    meeting = zip_meeting()
    client.force_login(councillor(meeting.committee))
    url = reverse("councillors:papers_zip", args=[meeting.pk])
    # session, user, meeting, memberships, officer roles, papers
    with django_assert_num_queries(6):
        zip_names(client.get(url))
    item = AgendaItemFactory(meeting=meeting, position=3)
    for number in range(6):
        add_paper(meeting, item, f"Extra {number}", published_at=timezone.now())
    with django_assert_num_queries(6) as queries:
        assert len(zip_names(client.get(url))) == 11
    assert writes(queries.captured_queries) == []
    assert len(noted) == 2  # the exempt paper's download is recorded through the task queue


# The confidential pack, traced to its reader

PUBLISHED_AT = datetime.datetime(2023, 4, 25, 9, 0, tzinfo=datetime.UTC)


def ready_version(meeting, kind, number=1):
    from django.core.files.base import ContentFile

    version = PackVersion.objects.create(
        meeting=meeting, kind=kind, number=number, status=PackVersion.Status.READY, page_count=4
    )
    version.file.save(f"packs/{meeting.pk}/{version.download_name}", ContentFile(b"%PDF-1.7"))
    return version


def build(meeting, kind):
    version = PackVersion.objects.create(
        meeting=meeting, kind=kind, number=1, published_at=PUBLISHED_AT
    )
    return services.build_version(version.pk)


@pytest.fixture
def built_packs():
    """Items 5 (3 pages) and 7 (1 page, exempt) and 8 (2 pages), both packs built."""
    meeting, items = four_may_meeting(
        papers={5: [3], 7: [1], 8: [2]},
        paper_text={(7, 1): "Secret negotiating position"},
    )
    items[7].is_exempt = True
    items[7].exempt_paragraph = 3
    items[7].save()
    public = build(meeting, PackVersion.Kind.PUBLIC)
    confidential = build(meeting, PackVersion.Kind.CONFIDENTIAL)
    assert public.status == confidential.status == PackVersion.Status.READY
    return meeting, items, public, confidential


def exempt_range(version, item) -> tuple[int, int]:
    row = next(row for row in version.summary["rows"] if row["key"] == f"item:{item.pk}")
    return tuple(row["pages"])


def downloaded_texts(client, version) -> list[str]:
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    return page_texts(PdfReader(io.BytesIO(b"".join(response.streaming_content))))


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_confidential_packs_exempt_pages_carry_the_readers_name_and_the_date(
    client, built_packs
):
    meeting, items, public, confidential = built_packs
    member = Membership.objects.filter(committee=meeting.committee, role="chair").get()
    member.person.user = UserFactory()
    member.person.save()
    client.force_login(member.person.user)
    first, last = exempt_range(confidential, items[7])
    assert (first, last) == exempt_range(public, items[7])

    texts = downloaded_texts(client, confidential)

    expected = (
        f"{STAMP} – copy for Councillor Leigh Redman, downloaded {plain_date(timezone.localdate())}"
    )
    assert "Secret negotiating position" in texts[first - 1]
    assert expected in flat(texts[first - 1])
    # The one-page paper's padding page holds nothing exempt and is not stamped.
    assert last == first + 1 and BLANK_PAGE_TEXT in texts[last - 1]
    for number, text in enumerate(texts, start=1):
        if number != first:
            assert STAMP not in text, number
            assert "copy for" not in text, number
    # Every page still carries its number, in order.
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"Page {number}\s*$", text.split(STAMP)[0]), number


def test_the_public_pack_carries_no_stamp(client, built_packs):
    meeting, items, public, confidential = built_packs
    client.force_login(persona("member", meeting.committee))

    texts = downloaded_texts(client, public)

    assert not any(STAMP in text for text in texts)
    response = client.get(public.get_absolute_url())
    assert b"".join(response.streaming_content) == public.file.open("rb").read()


def test_an_officer_gets_a_copy_with_their_own_name(client, built_packs):
    meeting, items, public, confidential = built_packs
    officer = officer_user(
        first_name="Jamie", last_name="Jamieson", council=meeting.committee.council
    )
    client.force_login(officer)
    first, _ = exempt_range(confidential, items[7])

    texts = downloaded_texts(client, confidential)

    assert "copy for Jamie Jamieson" in flat(texts[first - 1])
    assert sum(STAMP in text for text in texts) == 1


def test_exempt_pages_are_known_without_the_public_pack_and_follow_a_later_exemption(
    built_packs,
):
    meeting, items, public, confidential = built_packs
    item_eight = exempt_range(confidential, items[8])
    public.delete()
    reader = PdfReader(confidential.file.open("rb"))
    first, _ = exempt_range(confidential, items[7])
    keys = watermark.exempt_paper_keys(confidential)
    assert watermark.exempt_page_indexes(confidential.summary, keys, reader) == [first - 1]

    # Item 8 is made exempt after the pack was built: its pages are stamped from then on.
    items[8].is_exempt = True
    items[8].exempt_paragraph = 1
    items[8].save()
    keys = watermark.exempt_paper_keys(confidential)
    indexes = watermark.exempt_page_indexes(confidential.summary, keys, reader)
    assert indexes == [first - 1, item_eight[0] - 1, item_eight[0]]


def test_the_stored_pack_is_left_as_built(client, built_packs):
    meeting, items, public, confidential = built_packs
    stored = confidential.file.open("rb").read()
    client.force_login(persona("member", meeting.committee))

    with CaptureQueriesContext(connection) as queries:
        downloaded = b"".join(client.get(confidential.get_absolute_url()).streaming_content)

    assert downloaded != stored
    assert confidential.file.open("rb").read() == stored
    assert writes(queries) == []
    assert len(PdfReader(io.BytesIO(downloaded)).pages) == confidential.page_count


# Officer actions are for the officers of the committee's own council


def test_officers_of_another_council_cannot_publish_or_retry(client, monkeypatch):
    from packs import tasks

    monkeypatch.setattr(tasks.build_pack_version, "delay", lambda *args: None)
    meeting = MeetingFactory()
    failed = PackVersion.objects.create(
        meeting=meeting, kind="public", number=1, status=PackVersion.Status.FAILED
    )
    client.force_login(persona("officer of another council", meeting.committee))

    assert client.post(reverse("packs:publish", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("packs:supplement", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("packs:retry", args=[failed.pk])).status_code == 403
    assert PackVersion.objects.filter(meeting=meeting).count() == 1
    failed.refresh_from_db()
    assert failed.status == PackVersion.Status.FAILED

    client.force_login(officer_user(council=meeting.committee.council))
    assert client.post(reverse("packs:publish", args=[meeting.pk])).status_code == 302
    assert PackVersion.objects.filter(meeting=meeting).count() == 3


# In a real browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_councillor_downloads_the_confidential_pack_with_their_name_on_it(
    live_server, page, built_packs
):
    from playwright.sync_api import expect

    meeting, items, public, confidential = built_packs
    meeting.date = days(7)
    meeting.save()
    user = UserFactory(username="leigh")
    chair = Membership.objects.filter(committee=meeting.committee, role="chair").get()
    chair.person.user = user
    chair.person.save()

    page.goto(f"{live_server.url}/sign-in/?next={MY_MEETINGS}")
    page.fill("#id_username", "leigh")
    page.fill("#id_password", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My meetings")).to_be_visible()
    expect(page.get_by_text("Councillor Leigh Redman")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_test_id("confidential-pack").click()
    download = download_info.value
    assert download.suggested_filename == PackVersion.objects.get(pk=confidential.pk).download_name
    texts = page_texts(PdfReader(download.path()))
    first, _ = exempt_range(confidential, items[7])
    assert "Councillor Leigh Redman" in flat(texts[first - 1])
    assert STAMP in texts[first - 1]

    # The page passes the same accessibility audit as the public pages (axe-core, which
    # needs the Content-Security-Policy bypassed to be injected).
    from tests.scrutiny.test_accessibility import serious_violations

    audit = page.context.browser.new_context(bypass_csp=True, locale="en-GB")
    audit.add_cookies(page.context.cookies())
    audit_page = audit.new_page()
    audit_page.goto(f"{live_server.url}{MY_MEETINGS}")
    expect(audit_page.get_by_role("heading", name="My meetings")).to_be_visible()
    assert serious_violations(audit_page) == []
    audit.close()

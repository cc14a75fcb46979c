import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committees.models import Membership
from packs import services, tasks
from packs.models import PackVersion
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    councillor_user,
    officer_user,
)

pytestmark = pytest.mark.django_db


def ready_version(meeting, kind=PackVersion.Kind.PUBLIC, number=1, text=b"%PDF-1.7 pack"):
    version = PackVersion.objects.create(
        meeting=meeting,
        kind=kind,
        number=number,
        status=PackVersion.Status.READY,
        page_count=114,
        file_size=len(text),
    )
    version.file.save(f"packs/{meeting.pk}/{version.download_name}", ContentFile(text))
    return version


@pytest.fixture
def queued_tasks(monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.build_pack_version, "delay", sent.append)
    return sent


def test_anonymous_users_are_sent_to_sign_in_to_publish(client, queued_tasks):
    meeting = MeetingFactory()

    response = client.post(reverse("packs:publish", args=[meeting.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not PackVersion.objects.exists()


def test_councillors_cannot_publish(client, queued_tasks):
    meeting = MeetingFactory()
    client.force_login(councillor_user())

    response = client.post(reverse("packs:publish", args=[meeting.pk]))

    assert response.status_code == 403
    assert not PackVersion.objects.exists()


def test_publishing_queues_both_packs_after_the_transaction_commits(
    client, queued_tasks, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    client.force_login(officer_user())

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("packs:publish", args=[meeting.pk]))
        assert queued_tasks == []

    assert response.status_code == 302
    assert response["Location"] == f"{meeting.get_absolute_url()}#pack"
    versions = PackVersion.objects.filter(meeting=meeting)
    assert sorted(versions.values_list("kind", "status", "number")) == [
        ("confidential", "queued", 1),
        ("public", "queued", 1),
    ]
    for callback in callbacks:
        callback()
    assert sorted(queued_tasks) == sorted(versions.values_list("pk", flat=True))


def test_pressing_publish_twice_does_not_queue_twice(client, queued_tasks):
    meeting = MeetingFactory()
    client.force_login(officer_user())

    client.post(reverse("packs:publish", args=[meeting.pk]))
    client.post(reverse("packs:publish", args=[meeting.pk]))

    assert PackVersion.objects.filter(meeting=meeting).count() == 2


def test_the_public_pack_is_for_anyone_when_the_meeting_is_public(client):
    version = ready_version(MeetingFactory())

    response = client.get(version.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 pack"


def test_the_confidential_pack_is_hidden_from_the_public(client):
    meeting = MeetingFactory()
    version = ready_version(meeting, kind=PackVersion.Kind.CONFIDENTIAL)

    assert client.get(version.get_absolute_url()).status_code == 404
    client.force_login(councillor_user())
    assert client.get(version.get_absolute_url()).status_code == 404


def test_committee_members_and_officers_may_read_the_confidential_pack(client):
    meeting = MeetingFactory()
    version = ready_version(meeting, kind=PackVersion.Kind.CONFIDENTIAL)
    member = councillor_user()
    MembershipFactory(committee=meeting.committee, person=PersonFactory(user=member))

    client.force_login(member)
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(officer_user())
    assert client.get(version.get_absolute_url()).status_code == 200


def test_a_pack_of_a_draft_meeting_or_an_unfinished_build_is_not_served(client):
    draft = MeetingFactory(status="draft")
    assert client.get(ready_version(draft).get_absolute_url()).status_code == 404
    building = ready_version(MeetingFactory())
    building.status = PackVersion.Status.BUILDING
    building.save()
    assert client.get(building.get_absolute_url()).status_code == 404


def test_meeting_page_offers_the_current_pack_while_a_new_one_builds(client):
    meeting = MeetingFactory()
    current = ready_version(meeting)
    PackVersion.objects.create(
        meeting=meeting,
        kind=PackVersion.Kind.PUBLIC,
        number=2,
        status=PackVersion.Status.BUILDING,
        stage="Merging papers",
        percent=70,
        started_at=timezone.now(),
    )

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert current.get_absolute_url() in page
    assert "Merging papers" not in page

    client.force_login(officer_user())
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert current.get_absolute_url() in page
    assert "Merging papers (70%)" in page
    assert 'hx-trigger="every 2s"' in page
    fragment = client.get(reverse("packs:progress", args=[meeting.pk])).content.decode()
    assert "Merging papers (70%)" in fragment
    assert 'hx-trigger="every 2s"' in fragment


def test_a_failure_shows_its_reason_and_retry_queues_it_again(client, queued_tasks):
    meeting = MeetingFactory()
    failed = PackVersion.objects.create(
        meeting=meeting,
        kind=PackVersion.Kind.PUBLIC,
        number=1,
        status=PackVersion.Status.FAILED,
        failure_reason='The file for item 7, "Terms of Reference" is missing or cannot be read.',
    )
    client.force_login(officer_user())

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Terms of Reference" in page
    assert reverse("packs:retry", args=[failed.pk]) in page
    assert 'hx-trigger="every 2s"' not in page

    response = client.post(reverse("packs:retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == PackVersion.Status.QUEUED
    assert failed.failure_reason == ""


def test_viewing_a_stale_build_writes_nothing_and_beat_fails_it(client):
    meeting = MeetingFactory()
    version = PackVersion.objects.create(
        meeting=meeting,
        kind=PackVersion.Kind.PUBLIC,
        number=1,
        status=PackVersion.Status.BUILDING,
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    client.force_login(officer_user())
    url = reverse("packs:progress", args=[meeting.pk])

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("UPDATE", "INSERT", "DELETE")]
    assert writes == []
    version.refresh_from_db()
    assert version.status == PackVersion.Status.BUILDING

    services.expire_stale_builds()

    page = client.get(url).content.decode()
    assert services.STALE_FAILURE in page.replace("&#x27;", "'")


def test_the_pack_panel_costs_the_same_however_many_versions_there_are(client):
    meeting = MeetingFactory()
    client.force_login(officer_user())
    ready_version(meeting)
    url = reverse("packs:progress", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(2, 8):
        ready_version(meeting, number=number)
        ready_version(meeting, kind=PackVersion.Kind.CONFIDENTIAL, number=number)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_membership_is_printed_in_the_councils_order():
    from packs.front_sheet import letter_membership, notice_membership

    meeting = MeetingFactory()
    committee = meeting.committee

    def member(first, last, role, **fields):
        person = PersonFactory(
            first_name=first, surname=last, is_councillor=role != "co_opted", honorific=""
        )
        return MembershipFactory(committee=committee, person=person, role=role, **fields)

    member("Leigh", "Redman", Membership.Role.CHAIR)
    member("Oliver", "Patrick", Membership.Role.VICE_CHAIR)
    member("Jason", "Baker", Membership.Role.MEMBER)
    member("Suria", "Aujla", Membership.Role.MEMBER)
    member(
        "Claire",
        "Hudson",
        Membership.Role.CO_OPTED,
        representative_type="Church of England Representative",
    )
    memberships = list(Membership.objects.filter(committee=committee).in_print_order())

    notice = notice_membership(memberships)
    assert notice["office_holders"] == [
        ("Chair", "Councillor Leigh Redman"),
        ("Vice-Chair", "Councillor Oliver Patrick"),
    ]
    assert notice["rows"] == [
        ["Councillor Suria Aujla", "Councillor Jason Baker", "Claire Hudson Co-opted member"]
    ]
    letter = letter_membership(memberships)
    assert letter["councillors"] == (
        "Leigh Redman (Chair), Oliver Patrick (Vice-Chair), Suria Aujla and Jason Baker."
    )
    assert letter["added"] == "Claire Hudson (Church of England Representative),"


def test_the_first_publication_sets_the_issue_date_and_later_ones_keep_it(
    client, queued_tasks, time_machine
):
    time_machine.move_to(datetime.datetime(2023, 4, 25, 9, 0, tzinfo=datetime.UTC))
    meeting = MeetingFactory(issue_date=None, date=datetime.date(2023, 5, 4))
    client.force_login(officer_user())

    client.post(reverse("packs:publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.issue_date == datetime.date(2023, 4, 25)

    PackVersion.objects.update(status=PackVersion.Status.READY)
    time_machine.move_to(datetime.datetime(2023, 4, 28, 9, 0, tzinfo=datetime.UTC))
    client.post(reverse("packs:publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.issue_date == datetime.date(2023, 4, 25)

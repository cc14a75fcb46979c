"""A paper added after the pack is published is not public until it is published."""

import pytest
from django.urls import reverse

from packs import services
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    add_paper,
    councillor_user,
    four_may_meeting,
    officer_user,
)

pytestmark = pytest.mark.django_db


def build_now(versions):
    for version in versions:
        services.build_version(version.pk)
        version.refresh_from_db()
    return versions


def test_a_late_paper_is_public_only_once_a_supplement_publishes_it(client):
    meeting, items = four_may_meeting(papers={2: [2]})
    build_now(services.publish(meeting, officer_user()))
    late = add_paper(meeting, items[9], "Draft consultation response", 3)
    meeting_url = reverse("meetings:detail", args=[meeting.pk])

    before = client.get(meeting_url).content.decode()
    assert "Draft consultation response" not in before
    assert "Item 9 title" in before and "(To Follow)" in before
    assert client.get(late.get_absolute_url()).status_code == 404

    member = councillor_user()
    MembershipFactory(committee=meeting.committee, person=PersonFactory(user=member))
    client.force_login(member)
    seen = client.get(meeting_url).content.decode()
    assert "Draft consultation response" in seen and "Not yet published" in seen
    assert client.get(late.get_absolute_url()).status_code == 200
    client.logout()

    build_now(
        services.publish(meeting, officer_user(), supplement_to=services.current_pack(meeting))
    )

    after = client.get(meeting_url).content.decode()
    assert "Draft consultation response" in after
    assert "Not yet published" not in after
    assert "(To Follow)" in after  # item 10 still has nothing
    assert after.count("(To Follow)") == before.count("(To Follow)") - 1
    assert client.get(late.get_absolute_url()).status_code == 200


def test_a_replacement_is_not_public_until_republished(client):
    meeting, items = four_may_meeting(papers={2: [2]})
    build_now(services.publish(meeting, officer_user()))
    paper = meeting.documents.get(title="Item 2 paper 1")
    assert client.get(paper.get_absolute_url()).status_code == 200

    replacement = add_paper(meeting, items[2], "Item 2 paper 1 (revised)", 2)
    assert client.get(replacement.get_absolute_url()).status_code == 404

    build_now(services.publish(meeting, officer_user()))
    assert client.get(replacement.get_absolute_url()).status_code == 200


def test_publishing_supplements_and_republishing_are_in_the_history():
    from meetings.models import MeetingChange

    meeting, items = four_may_meeting(papers={2: [2]})
    officer = officer_user()
    build_now(services.publish(meeting, officer))
    add_paper(meeting, items[9], "Late paper", 1)
    build_now(services.publish(meeting, officer, supplement_to=services.current_pack(meeting)))
    build_now(services.publish(meeting, None))

    history = MeetingChange.objects.filter(meeting=meeting).order_by("pk")
    assert [(change.action, change.user) for change in history] == [
        ("pack.publish", officer),
        ("pack.supplement", officer),
        ("pack.republish", None),
    ]


def test_republishing_folds_the_supplement_in_and_lists_earlier_versions_as_superseded(client):
    meeting, items = four_may_meeting(papers={2: [2]})
    build_now(services.publish(meeting, officer_user()))
    first = services.current_pack(meeting)
    add_paper(meeting, items[9], "Late paper", 1)
    supplement = build_now(services.publish(meeting, officer_user(), supplement_to=first))[0]
    meeting_url = reverse("meetings:detail", args=[meeting.pk])
    assert supplement.get_absolute_url() in client.get(meeting_url).content.decode()

    build_now(services.publish(meeting, officer_user()))

    page = client.get(meeting_url).content.decode()
    current = services.current_pack(meeting)
    assert current.number == 2
    assert current.get_absolute_url() in page
    assert supplement.get_absolute_url() not in page
    assert "Earlier versions (superseded)" in page
    assert first.get_absolute_url() in page
    assert client.get(first.get_absolute_url()).status_code == 200


def test_a_councillors_confidential_download_is_recorded_by_a_task_not_by_the_get(client):
    from unittest import mock

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.models import MeetingChange
    from meetings.tasks import record_confidential_download

    meeting, _ = four_may_meeting(papers={2: [2]})
    build_now(services.publish(meeting, officer_user()))
    confidential = services.current_pack(meeting, "confidential")
    member = councillor_user(username="redman", first_name="Leigh", last_name="Redman")
    MembershipFactory(committee=meeting.committee, person=PersonFactory(user=member))
    client.force_login(member)

    with (
        mock.patch("meetings.tasks.record_confidential_download.delay") as send,
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(confidential.get_absolute_url()).status_code == 200
    assert not [q for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    (call,) = send.call_args_list
    record_confidential_download(*call.args)
    record_confidential_download(*call.args)

    (change,) = MeetingChange.objects.filter(action="download.confidential")
    assert change.user == member
    assert change.summary == "Leigh Redman downloaded confidential pack version 1"

    client.force_login(officer_user())
    with mock.patch("meetings.tasks.record_confidential_download.delay") as send:
        client.get(confidential.get_absolute_url())
    assert not send.called


def test_members_with_a_sign_in_are_emailed_once_when_the_public_pack_is_ready(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    meeting, _ = four_may_meeting(papers={2: [2]})
    member = councillor_user(email="cllr.patrick@example.org")
    person = PersonFactory(user=member)
    MembershipFactory(committee=meeting.committee, person=person)
    MembershipFactory(committee=meeting.committee, person=person, role="vice_chair")
    MembershipFactory(committee=meeting.committee, person=PersonFactory())  # no sign-in

    with django_capture_on_commit_callbacks(execute=True):
        build_now(services.publish(meeting, officer_user()))

    assert [message.to for message in mail.outbox] == [["cllr.patrick@example.org"]]
    assert "The agenda pack for the" in mail.outbox[0].body


def test_the_meeting_page_prints_the_same_page_ranges_as_the_pack(client):
    meeting, _ = four_may_meeting()
    meeting_url = reverse("meetings:detail", args=[meeting.pk])
    assert "(Pages " not in client.get(meeting_url).content.decode()

    (public,) = [
        version
        for version in build_now(services.publish(meeting, officer_user()))
        if version.kind == version.Kind.PUBLIC
    ]
    page = client.get(meeting_url).content.decode()
    printed = [
        row for row in public.summary["rows"] if row["key"].startswith("item:") and row["pages"]
    ]
    assert printed
    for row in printed:
        first, last = row["pages"]
        assert f"(Pages {first} - {last})" in page

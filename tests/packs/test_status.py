"""The pack state on the officer dashboard, and the pack panel in the agenda editor."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings import dashboard
from packs import tasks
from packs.models import PackVersion
from packs.status import pack_states
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PUBLIC, CONFIDENTIAL = PackVersion.Kind.PUBLIC, PackVersion.Kind.CONFIDENTIAL
READY, FAILED = PackVersion.Status.READY, PackVersion.Status.FAILED
QUEUED, BUILDING = PackVersion.Status.QUEUED, PackVersion.Status.BUILDING


@pytest.fixture
def queued_tasks(monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.build_pack_version, "delay", sent.append)
    return sent


def version(meeting, number, status, kind=PUBLIC, **fields):
    fields.setdefault("started_at", timezone.now() if status == BUILDING else None)
    return PackVersion.objects.create(
        meeting=meeting, number=number, kind=kind, status=status, **fields
    )


def state_of(meeting):
    return pack_states([meeting])[meeting.pk]


def test_a_meeting_with_no_pack_is_not_published():
    assert state_of(MeetingFactory()) == "Not published"


def test_a_build_in_progress_shows_how_far_it_has_got():
    meeting = MeetingFactory()
    version(meeting, 1, READY)
    version(meeting, 2, BUILDING, percent=40)
    version(meeting, 2, BUILDING, kind=CONFIDENTIAL, percent=65)

    assert state_of(meeting) == "Building 40%"


def test_a_queued_build():
    meeting = MeetingFactory()
    version(meeting, 1, QUEUED)

    assert state_of(meeting) == "Queued"


def test_a_ready_pack_shows_its_version_and_supplements():
    meeting = MeetingFactory()
    version(meeting, 1, READY)
    version(meeting, 2, READY)
    version(meeting, 2, READY, kind=CONFIDENTIAL)
    assert state_of(meeting) == "Ready (v2)"

    version(meeting, 1, READY, is_supplement=True, supplement_number=1)
    assert state_of(meeting) == "Ready (v2, 1 supplement)"


def test_a_failed_build_asks_for_a_retry_and_says_what_is_still_published():
    first = MeetingFactory()
    version(first, 1, FAILED)
    second = MeetingFactory()
    version(second, 1, READY)
    version(second, 1, READY, kind=CONFIDENTIAL)
    version(second, 2, READY)
    version(second, 2, FAILED, kind=CONFIDENTIAL)

    assert pack_states([first, second]) == {
        first.pk: "Failed — retry",
        second.pk: "Failed — retry (v2 published)",
    }


def test_a_build_that_nobody_is_working_on_counts_as_failed():
    meeting = MeetingFactory()
    version(meeting, 1, READY)
    version(
        meeting, 2, BUILDING, percent=30, started_at=timezone.now() - datetime.timedelta(hours=1)
    )

    assert state_of(meeting) == "Failed — retry (v1 published)"


@time_machine.travel(datetime.datetime(2023, 4, 20, 9, 0), tick=False)
@pytest.mark.parametrize("meeting_count", [2, 10])
def test_the_dashboard_shows_pack_states_in_a_fixed_number_of_queries(
    officer_client, django_assert_num_queries, meeting_count
):
    meetings = [
        MeetingFactory(date=datetime.date(2023, 5, 4) + datetime.timedelta(days=n))
        for n in range(meeting_count)
    ]
    for number, meeting in enumerate(meetings, start=1):
        version(meeting, number, READY)
        version(meeting, number + 1, BUILDING, percent=20)
    officer_client.get(reverse("manage:dashboard"))

    # One query for all pack states, among the dashboard's others (see test_dashboard.py);
    # with no past meetings there is no page of them to fetch.
    with django_assert_num_queries(10):
        response = officer_client.get(reverse("manage:dashboard"))

    rows, shows_packs = dashboard.upcoming_meetings()
    assert shows_packs
    assert [row.pack_state for row in rows] == ["Building 20%"] * meeting_count
    assert response.content.decode().count("Building 20%") == meeting_count


def test_the_agenda_editor_shows_the_pack_panel_and_publishing_comes_back_to_it(
    officer_client, queued_tasks, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    editor_url = reverse("manage:agenda", args=[meeting.pk])

    page = officer_client.get(editor_url).content.decode()
    assert 'id="pack"' in page
    assert reverse("packs:publish", args=[meeting.pk]) in page
    assert f'name="next" value="{editor_url}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reverse("packs:publish", args=[meeting.pk]), {"next": editor_url}
        )

    assert response.url == f"{editor_url}#pack"
    assert len(queued_tasks) == 2
    page = officer_client.get(editor_url).content.decode()
    assert "is being built" in page
    assert f"{reverse('packs:progress', args=[meeting.pk])}?next=" in page

    progress = officer_client.get(
        reverse("packs:progress", args=[meeting.pk]), {"next": editor_url}
    ).content.decode()
    assert f'name="next" value="{editor_url}"' in progress
    assert f'?next={editor_url}"' in progress


def test_publishing_from_the_meeting_page_still_comes_back_to_it(officer_client, queued_tasks):
    meeting = MeetingFactory()

    response = officer_client.post(reverse("packs:publish", args=[meeting.pk]))

    assert response.url == f"{meeting.get_absolute_url()}#pack"


def test_a_next_address_on_another_site_is_ignored(officer_client, queued_tasks):
    meeting = MeetingFactory()
    version(meeting, 1, FAILED)

    for url, data in [
        (reverse("packs:publish", args=[meeting.pk]), {"next": "https://evil.example/"}),
        (reverse("packs:retry", args=[PackVersion.objects.get().pk]), {"next": "//evil.example"}),
    ]:
        response = officer_client.post(url, data)
        assert response.url == f"{meeting.get_absolute_url()}#pack"


def test_the_polled_panel_tells_a_screen_reader_each_stage_and_then_the_outcome(officer_client):
    import json

    meeting = MeetingFactory()
    building = version(meeting, 2, BUILDING, percent=40, stage="Laying out the agenda")
    url = reverse("packs:progress", args=[meeting.pk])

    def said():
        response = officer_client.get(url, HTTP_HX_REQUEST="true")
        return json.loads(response["HX-Trigger-After-Settle"])["portal:announce"]

    assert said() == {
        "message": f"{building.title}, version 2: Laying out the agenda",
        "changesOnly": True,  # the page reads out only what changed since the last poll
    }
    PackVersion.objects.filter(pk=building.pk).update(status=READY)
    assert said()["message"] == f"{building.title}, version 2, is ready"

"""Publishing when things go wrong: the broker is down, a build is stuck, everyone presses."""

import datetime
import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from meetings.models import MeetingChange
from packs import services
from packs.models import PackVersion
from tests.factories import MeetingFactory, officer_user

BROKER_DOWN = mock.patch(
    "packs.tasks.build_pack_version.delay", side_effect=OperationalError("Connection refused")
)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_publish_says_so_and_leaves_nothing_queued(client):
    meeting = MeetingFactory()
    client.force_login(officer_user())

    with BROKER_DOWN:
        response = client.post(reverse("packs:publish", args=[meeting.pk]), follow=True)

    assert response.status_code == 200
    assert "Publishing is unavailable at the moment, so nothing was published" in (
        response.content.decode()
    )
    assert not PackVersion.objects.exists()
    assert not MeetingChange.objects.filter(action__startswith="pack.").exists()


@pytest.mark.django_db(transaction=True)
def test_a_retry_with_the_broker_down_stays_failed_and_says_so(client):
    meeting = MeetingFactory()
    version = PackVersion.objects.create(
        meeting=meeting, kind="public", number=1, status=PackVersion.Status.FAILED
    )
    client.force_login(officer_user())

    with BROKER_DOWN:
        response = client.post(reverse("packs:retry", args=[version.pk]), follow=True)

    assert "Publishing is unavailable" in response.content.decode()
    version.refresh_from_db()
    assert version.status == PackVersion.Status.FAILED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("started_ago", "silent_for", "message"),
    [
        (datetime.timedelta(minutes=1), datetime.timedelta(0), "is still being built (Merging"),
        (datetime.timedelta(minutes=3), datetime.timedelta(minutes=2), "is handed to a working"),
        (datetime.timedelta(hours=2), datetime.timedelta(hours=2), "has stopped without finish"),
    ],
)
def test_publish_while_a_build_runs_or_is_stuck_says_what_is_happening(
    client, started_ago, silent_for, message
):
    meeting = MeetingFactory()
    PackVersion.objects.create(
        meeting=meeting,
        kind="public",
        number=1,
        status=PackVersion.Status.BUILDING,
        stage="Merging papers",
        percent=40,
        started_at=timezone.now() - started_ago,
        heartbeat_at=timezone.now() - silent_for,
    )
    client.force_login(officer_user())

    response = client.post(reverse("packs:publish", args=[meeting.pk]), follow=True)

    assert message in response.content.decode()
    assert PackVersion.objects.count() == 1
    assert services.current_pack(meeting) is None


@pytest.mark.django_db
def test_beat_hands_silent_builds_to_a_worker_again_and_leaves_live_ones_alone():
    meeting = MeetingFactory()
    now = timezone.now()

    def version(number, status, silent_for):
        return PackVersion.objects.create(
            meeting=meeting,
            kind="public",
            number=number,
            status=status,
            created_at=now - silent_for,
            started_at=now - silent_for,
            heartbeat_at=now - silent_for,
        )

    live = version(1, PackVersion.Status.BUILDING, datetime.timedelta(seconds=10))
    silent = version(2, PackVersion.Status.BUILDING, datetime.timedelta(minutes=2))
    lost = version(3, PackVersion.Status.QUEUED, datetime.timedelta(minutes=2))
    version(4, PackVersion.Status.BUILDING, datetime.timedelta(hours=1))  # stale: to be failed

    with mock.patch("packs.tasks.build_pack_version.delay") as send:
        assert services.resume_stalled_builds() == 2
    assert sorted(call.args[0] for call in send.call_args_list) == [silent.pk, lost.pk]
    assert services.build_version(live.pk) is None, "its worker is still on it"


@pytest.mark.django_db(transaction=True)
def test_five_officers_pressing_publish_at_once_get_no_error_and_one_build():
    meeting = MeetingFactory()
    officer = officer_user()
    statuses = []
    everyone_ready = threading.Barrier(5, timeout=30)

    def press():
        client = Client(raise_request_exception=False)
        client.force_login(officer)
        everyone_ready.wait()
        try:
            statuses.append(client.post(reverse("packs:publish", args=[meeting.pk])).status_code)
        finally:
            connection.close()

    with mock.patch("packs.tasks.build_pack_version.delay"):
        presses = [threading.Thread(target=press) for _ in range(5)]
        for thread in presses:
            thread.start()
        for thread in presses:
            thread.join(timeout=60)

    assert statuses == [302] * 5
    assert sorted(PackVersion.objects.values_list("kind", flat=True)) == [
        "confidential",
        "public",
    ]

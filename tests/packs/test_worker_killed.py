"""A worker killed in the middle of a build: the next worker finishes it."""

import datetime
import os
import signal
import time

import pytest
from django.db import connection
from django.utils import timezone

from packs import services
from packs.models import PackVersion
from tests.conftest import start_worker_process
from tests.factories import four_may_meeting, officer_user
from tests.packs.test_worker import wait_until_finished


def wait_for_a_build_to_start(versions, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        building = PackVersion.objects.filter(
            pk__in=[version.pk for version in versions], status=PackVersion.Status.BUILDING
        )
        if building.exists():
            return
        time.sleep(0.05)
    raise AssertionError("No build started.")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_build_whose_worker_is_killed_is_finished_by_the_next_worker(settings):
    if not (settings.REDIS_URL and connection.vendor == "postgresql"):
        pytest.skip("needs worker processes on Redis and PostgreSQL, as CI and production run")
    meeting, _ = four_may_meeting(papers={2: [2], 6: [60], 7: [40], 8: [60, 40]})
    first = start_worker_process(connection.settings_dict, settings.MEDIA_ROOT)
    versions = services.publish(meeting, officer_user())
    wait_for_a_build_to_start(versions)

    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    statuses = set(PackVersion.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert PackVersion.Status.BUILDING in statuses, "the build should have been cut short"

    # Two minutes pass in silence; then beat hands the builds to the worker that is back.
    silence = timezone.now() - datetime.timedelta(minutes=2)
    PackVersion.objects.filter(meeting=meeting).update(heartbeat_at=silence, created_at=silence)
    second = start_worker_process(connection.settings_dict, settings.MEDIA_ROOT)
    try:
        assert services.resume_stalled_builds() >= 1
        wait_until_finished(versions, timeout=120)
    finally:
        second.terminate()
        second.wait(timeout=30)

    for version in PackVersion.objects.filter(meeting=meeting):
        assert version.status == PackVersion.Status.READY, version.failure_reason
    assert services.current_pack(meeting).page_count > 200

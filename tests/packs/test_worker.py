"""The whole path through a real Celery worker: publish, build in the background, read it back."""

import time

import pytest
from django.db import OperationalError
from pypdf import PdfReader

from packs import services
from packs.models import PackVersion
from tests.factories import four_may_meeting, officer_user
from tests.packs_helpers import agenda_ranges, outline_titles, page_texts


def wait_until_finished(versions, timeout=60):
    deadline = time.monotonic() + timeout
    statuses = {}
    while time.monotonic() < deadline:
        time.sleep(0.5)
        try:
            statuses = dict(
                PackVersion.objects.filter(pk__in=[v.pk for v in versions]).values_list(
                    "pk", "status"
                )
            )
        except OperationalError:  # SQLite's shared in-memory test database is busy
            continue
        if all(status in ("ready", "failed") for status in statuses.values()):
            return
    raise AssertionError(f"Builds did not finish: {statuses}")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_publish_builds_a_pack_that_is_exact_to_the_page(celery_worker):
    meeting, items = four_may_meeting()

    versions = services.publish(meeting, officer_user())
    wait_until_finished(versions)

    public = PackVersion.objects.get(meeting=meeting, kind="public")
    assert public.status == "ready", public.failure_reason
    assert services.current_pack(meeting) == public
    reader = PdfReader(public.file.path)
    texts = page_texts(reader)
    assert public.page_count == len(texts)
    for number, text in enumerate(texts, start=1):
        assert text.rstrip().endswith(f"Page {number}"), number

    front_pages = next(
        index for index, text in enumerate(texts) if "Text of Public Guidance" in text
    )
    printed = agenda_ranges("\n".join(texts[:front_pages]))
    assert set(printed) == {"2", "3", "5", "6", "7", "8"}
    assert "9 Item 9 title (To Follow)" in "\n".join(texts[:front_pages])
    outline = {title: page for title, page, _ in outline_titles(reader)}
    for number, (first, last) in printed.items():
        assert f"Agenda Item {number}" in texts[first - 1]
        assert f"Text of Item {number} paper 1 (page 1)" in texts[first - 1]
        assert outline[f"Item {number}: Item {number} title"] == first
        # The range ends where the next item's papers begin, or at the end of the pack.
        assert last == len(texts) or "Agenda Item" in texts[last]
    blanks = [n for n, text in enumerate(texts, 1) if "intentionally left blank" in text]
    assert blanks and all(number % 2 == 0 for number in blanks)
    # Item 8: strategy (21 pages), a blank page, then the APP (22 pages) to the end.
    first, last = printed["8"]
    assert "intentionally left blank" in texts[first - 1 + 21]
    assert "Text of Item 8 paper 2 (page 1)" in texts[first - 1 + 22]
    assert last == len(texts)
    meeting.refresh_from_db()
    assert meeting.status == "published"

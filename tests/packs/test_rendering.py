"""Papers rendered in parallel (packs/rendering.py) make the same pack as one after another."""

import datetime
import shutil
from concurrent.futures.process import BrokenProcessPool

import pytest

from meetings.models import Document
from packs import builder, parts, rendering
from tests.factories import four_may_meeting

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime.datetime(2023, 4, 25, 9, 0, tzinfo=datetime.UTC)


def written_papers(meeting, count=4):
    items = list(meeting.items.order_by("position"))
    for number in range(count):
        Document.objects.create(
            meeting=meeting,
            agenda_item=items[number],
            title=f"Briefing note {number}",
            body="".join(f"<p>Paragraph {line} of note {number}.</p>" for line in range(80)),
        )


def build_with(settings, processes, meeting, progress=lambda stage, percent: None):
    settings.PACK_RENDER_PROCESSES = processes
    shutil.rmtree(parts.parts_dir())
    plan = builder.plan_pack(meeting, progress)
    return builder.build_pdf(plan, False, PUBLISHED_AT)


def test_a_pack_rendered_in_parallel_is_the_same_file_as_one_rendered_in_turn(settings):
    meeting, _ = four_may_meeting()
    written_papers(meeting)

    in_turn = build_with(settings, 1, meeting)
    in_parallel = build_with(settings, 2, meeting)

    assert in_parallel.page_count == in_turn.page_count
    assert in_parallel.data == in_turn.data


def test_rendering_reports_its_progress_paper_by_paper(settings):
    meeting, _ = four_may_meeting()
    written_papers(meeting)
    reported = []

    build_with(settings, 2, meeting, lambda stage, percent: reported.append((stage, percent)))

    rendering_steps = [percent for stage, percent in reported if stage == "Rendering papers"]
    assert rendering_steps == [30, 40, 50, 60]  # the four notes, each as it finishes
    stages = list(dict.fromkeys(stage for stage, _ in reported))
    assert stages == ["Preparing papers", "Rendering papers", "Laying out the agenda"]


def test_papers_are_still_rendered_when_the_pool_breaks(monkeypatch):
    class BrokenPool:
        def __enter__(self):
            return self

        def __exit__(self, *exception):
            return False

        def submit(self, *arguments):
            raise BrokenProcessPool("a process of the pool was killed")

    monkeypatch.setattr(rendering, "new_pool", lambda processes: BrokenPool())
    rendered = {}

    rendering.render_all(
        {"a": "<p>First</p>", "b": "<p>Second</p>"},
        "/",
        2,
        lambda key, data, pages: rendered.update({key: (data[:5], pages)}),
    )

    assert rendered == {"a": (b"%PDF-", 1), "b": (b"%PDF-", 1)}


def test_the_pool_is_stopped_once_its_papers_are_rendered(monkeypatch):
    """Its processes hold the memory of the tables they laid out; the merge needs it."""
    pools = []

    def recorded_pool(processes):
        pools.append(real_new_pool(processes))
        return pools[-1]

    real_new_pool = rendering.new_pool
    monkeypatch.setattr(rendering, "new_pool", recorded_pool)
    rendered = {}

    rendering.render_all(
        {"a": "<p>First</p>", "b": "<p>Second</p>"},
        "/",
        2,
        lambda key, data, pages: rendered.update({key: pages}),
    )

    assert rendered == {"a": 1, "b": 1}
    with pytest.raises(RuntimeError, match="after shutdown"):
        pools[0].submit(print)

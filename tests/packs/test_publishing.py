import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from demo import packs as demo_packs
from meetings.models import Document
from packs import services
from packs.models import PackVersion
from tests.factories import add_paper, four_may_meeting, officer_user
from tests.packs_helpers import page_texts

pytestmark = pytest.mark.django_db


def test_demo_loader_publishes_meetings_once():
    meeting, _ = four_may_meeting(papers={2: [2], 7: [3]})

    demo_packs.load(io.StringIO())
    versions = PackVersion.objects.filter(meeting=meeting)
    assert sorted(versions.values_list("kind", "status")) == [
        ("confidential", "ready"),
        ("public", "ready"),
    ]
    demo_packs.load(io.StringIO())
    assert versions.count() == 2


def test_a_changed_paper_is_published_again_by_the_demo_loader():
    meeting, items = four_may_meeting(papers={2: [2]})
    demo_packs.load(io.StringIO())
    add_paper(meeting, items[7], "Late report", 3)

    demo_packs.load(io.StringIO())

    public = PackVersion.objects.filter(meeting=meeting, kind="public").order_by("number")
    assert [version.number for version in public] == [1, 2]
    assert services.current_pack(meeting) == public.last()


def build_now(versions):
    for version in versions:
        services.build_version(version.pk)
        version.refresh_from_db()
    return versions


def test_a_supplement_holds_only_the_late_papers_and_numbers_its_own_pages():
    meeting, items = four_may_meeting(papers={2: [2], 7: [3]})
    main = build_now(services.publish(meeting, officer_user()))
    main_public = services.current_pack(meeting)
    main_bytes = Path(main_public.file.path).read_bytes()
    add_paper(meeting, items[9], "Draft consultation response", 3)

    supplement = build_now(services.publish(meeting, officer_user(), supplement_to=main_public))

    public = next(version for version in supplement if version.kind == "public")
    assert public.status == "ready", public.failure_reason
    assert public.parent == main_public
    texts = page_texts(PdfReader(public.file.path))
    assert "Supplementary agenda" in texts[0]
    assert "Supplement 1, pages 3 - 6" in " ".join(texts[0].split())
    assert all(text.rstrip().endswith(f"Supplement 1, page {n}") for n, text in enumerate(texts, 1))
    assert "Text of Draft consultation response (page 1)" in texts[2]
    assert "Agenda Item 9" in texts[2]
    joined = "".join(texts)
    assert "Item 2 paper 1" not in joined
    assert services.current_pack(meeting) == main_public
    assert Path(main_public.file.path).read_bytes() == main_bytes
    assert len(main) == 2


def test_a_supplement_with_nothing_new_fails_in_plain_words():
    meeting, _ = four_may_meeting(papers={2: [2]})
    build_now(services.publish(meeting, officer_user()))

    supplement = build_now(
        services.publish(meeting, officer_user(), supplement_to=services.current_pack(meeting))
    )

    assert {version.status for version in supplement} == {"failed"}
    assert "no new papers" in supplement[0].failure_reason


def test_each_version_says_what_changed_from_the_one_before():
    meeting, items = four_may_meeting(papers={2: [2], 7: [3]})
    build_now(services.publish(meeting, officer_user()))
    first = services.current_pack(meeting)
    old = Document.objects.get(title="Item 2 paper 1")
    old.replaced_by = add_paper(meeting, items[2], "Item 2 paper 1 revised", 4)
    old.save()
    add_paper(meeting, items[9], "Late report", 1)

    build_now(services.publish(meeting, officer_user()))
    second = services.current_pack(meeting)

    changes = services.changes_between(first.summary, second.summary)
    assert "Item 2: paper “Item 2 paper 1 revised” added" in changes
    assert "Item 2: paper “Item 2 paper 1” removed" in changes
    key = f"item:{items[2].pk}"
    before = next(row["pages"] for row in first.summary["rows"] if row["key"] == key)
    after = next(row["pages"] for row in second.summary["rows"] if row["key"] == key)
    assert after[1] - after[0] == before[1] - before[0] + 2
    assert f"Item 2: pages {before[0]} - {before[1]} now pages {after[0]} - {after[1]}" in changes
    assert any(change.startswith("Item 9: paper “Late report” added") for change in changes)
    assert any(change.startswith("Item 7: pages") for change in changes)


def test_changes_between_summaries():
    before = {
        "rows": [
            {
                "key": "item:1",
                "label": "2",
                "title": "A",
                "pages": [7, 8],
                "papers": [{"key": "doc:1", "title": "Report", "hash": "x", "pages": [7, 8]}],
            },
            {"key": "item:2", "label": "3", "title": "B", "pages": None, "papers": []},
        ]
    }
    after = {
        "rows": [
            {
                "key": "item:1",
                "label": "2",
                "title": "A",
                "pages": [7, 10],
                "papers": [{"key": "doc:1", "title": "Report", "hash": "y", "pages": [7, 10]}],
            },
            {"key": "item:3", "label": "4", "title": "C", "pages": None, "papers": []},
        ]
    }

    assert services.changes_between(before, after) == [
        "Item 2: paper “Report” changed",
        "Item 2: pages 7 - 8 now pages 7 - 10",
        "Item 4 added",
        "Item 3 removed",
    ]
    assert services.changes_between({}, after) == []


def test_the_pdf_of_a_version_matches_its_recorded_hash_and_size():
    meeting, _ = four_may_meeting(papers={2: [2]})
    build_now(services.publish(meeting, officer_user()))
    version = services.current_pack(meeting)

    data = Path(version.file.path).read_bytes()

    assert hashlib.sha256(data).hexdigest() == version.sha256
    assert len(data) == version.file_size
    assert len(PdfReader(io.BytesIO(data)).pages) == version.page_count

import datetime
import io
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from meetings import paper_sources
from meetings.models import Document
from packs import builder, parts, services
from packs.models import PackVersion
from tests.factories import UserFactory, add_paper, four_may_meeting, make_pdf
from tests.packs_helpers import agenda_ranges, outline_titles, page_texts

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime.datetime(2023, 4, 25, 9, 0, tzinfo=datetime.UTC)


def build(meeting, confidential=False):
    plan = builder.plan_pack(meeting)
    return plan, builder.build_pdf(plan, confidential, PUBLISHED_AT)


def queue_version(meeting, kind=PackVersion.Kind.PUBLIC, number=1):
    return PackVersion.objects.create(
        meeting=meeting, kind=kind, number=number, published_at=PUBLISHED_AT
    )


def test_every_page_is_numbered_and_every_paper_starts_where_the_agenda_says():
    meeting, items = four_may_meeting()
    plan, built = build(meeting)
    reader = PdfReader(io.BytesIO(built.data))
    texts = page_texts(reader)

    assert built.page_count == len(reader.pages) == plan.layout.page_count
    for number, text in enumerate(texts, start=1):
        assert text.rstrip().endswith(f"Page {number}"), number

    printed = agenda_ranges("\n".join(texts[: plan.front_pages]))
    assert set(printed) == {"2", "3", "5", "6", "7", "8"}
    for number, (first, last) in printed.items():
        assert f"Agenda Item {number}" in texts[first - 1]
        assert f"Text of Item {number} paper 1 (page 1)" in texts[first - 1]
        assert first % 2 == 1 and last % 2 == 0
    # Item 5: work plan 5 pages, blank, tracker 3 pages, blank, overview 1 page, blank.
    first, last = printed["5"]
    assert last - first + 1 == 12
    for offset in (5, 9, 11):
        assert "This page is intentionally left blank" in texts[first - 1 + offset]
    assert "Text of Item 5 paper 2 (page 1)" in texts[first - 1 + 6]
    assert "(To Follow)" in texts[1] or "(To Follow)" in "\n".join(texts[: plan.front_pages])


def test_blank_pages_are_only_where_a_part_ends_on_an_odd_page():
    meeting, _ = four_may_meeting()
    plan, built = build(meeting)
    texts = page_texts(PdfReader(io.BytesIO(built.data)))

    blank_pages = [
        number
        for number, text in enumerate(texts, start=1)
        if "This page is intentionally left blank" in text
    ]
    expected = [p.blank_page for p in plan.layout.placements if p.blank_page]
    assert blank_pages == expected
    assert all(number % 2 == 0 for number in blank_pages)


def test_outline_has_every_item_and_paper_and_the_document_is_labelled():
    meeting, items = four_may_meeting()
    plan, built = build(meeting)
    reader = PdfReader(io.BytesIO(built.data))

    outline = outline_titles(reader)
    assert outline[0][:2] == ("Front sheet and agenda", 1)
    item_five = next(entry for entry in outline if entry[0] == "Item 5: Item 5 title")
    assert [title for title, _ in item_five[2]] == [
        "Item 5 paper 1",
        "Item 5 paper 2",
        "Item 5 paper 3",
    ]
    assert item_five[1] == plan.layout.rows[f"item:{items[5].pk}"][0]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Scrutiny Committee - Childrens and Families")
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_same_inputs_give_the_same_bytes_even_with_an_empty_cache(settings):
    meeting, _ = four_may_meeting()
    _, first = build(meeting)
    for part in (Path(settings.MEDIA_ROOT) / "pack-parts").iterdir():
        part.unlink()
    _, second = build(meeting)

    assert first.data == second.data


def test_a_rebuild_after_one_paper_changes_renders_only_that_paper_and_the_agenda():
    meeting, items = four_may_meeting()
    build(meeting)
    paper = Document.objects.get(title="Item 7 paper 1")
    paper.store_file("new.pdf", b"")
    replacement = add_paper(meeting, items[7], "Item 7 paper 1 revised", 5)
    paper.replaced_by = replacement
    paper.save()

    before = set(parts.parts_dir().glob("*.pdf"))
    plan, built = build(meeting)
    made = {path.stem for path in set(parts.parts_dir().glob("*.pdf")) - before}

    replacement_part = next(paper for paper in plan.papers if paper.key == f"doc:{replacement.pk}")
    # The new paper, and the agenda, whose ranges moved (its first, placeholder render
    # is the same as before, so that comes from the cache too).
    assert made == {replacement_part.content_hash, plan.front_path.stem}
    assert "Text of Item 7 paper 1 revised (page 5)" in "".join(
        page_texts(PdfReader(io.BytesIO(built.data)))
    )


def test_public_pack_leaves_out_exempt_papers_but_keeps_every_page_number():
    meeting, items = four_may_meeting(
        paper_text={(6, 1): "Secret negotiating position"},
    )
    items[6].is_exempt = True
    items[6].exempt_paragraph = 3
    items[6].save()

    plan = builder.plan_pack(meeting)
    public = builder.build_pdf(plan, False, PUBLISHED_AT)
    confidential = builder.build_pdf(plan, True, PUBLISHED_AT)
    public_texts = page_texts(PdfReader(io.BytesIO(public.data)))
    confidential_texts = page_texts(PdfReader(io.BytesIO(confidential.data)))

    assert "Secret negotiating position" not in "".join(public_texts)
    assert "Secret negotiating position" in "".join(confidential_texts)
    assert public.page_count == confidential.page_count
    first, last = plan.layout.rows[f"item:{items[6].pk}"]
    assert "Exempt information: not for publication" in public_texts[first - 1]
    assert "Schedule 12A, paragraph 3" in public_texts[first - 1]
    agenda = " ".join(" ".join(public_texts[: plan.front_pages]).split())
    assert "Schedule 12A, paragraph 3" in agenda
    for number in range(last, public.page_count):
        assert public_texts[number] == confidential_texts[number]
    item_eight = plan.layout.rows[f"item:{items[8].pk}"][0]
    assert "Text of Item 8 paper 1 (page 1)" in public_texts[item_eight - 1]


def test_landscape_and_rotated_pages_keep_their_orientation_and_stamps_sit_on_them():
    from weasyprint import HTML

    meeting, items = four_may_meeting(papers={})
    landscape = HTML(string="<style>@page{size:A4 landscape}</style><p>Wide</p>").write_pdf()
    add_paper(meeting, items[2], "Forward plan", data=landscape)
    turned = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Turned sheet"))))
    turned.pages[0].rotate(90)
    output = io.BytesIO()
    turned.write(output)
    add_paper(meeting, items[3], "Turned sheet", data=output.getvalue())

    plan, built = build(meeting)
    reader = PdfReader(io.BytesIO(built.data))

    for key in (f"item:{items[2].pk}", f"item:{items[3].pk}"):
        page = reader.pages[plan.layout.rows[key][0] - 1]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height
        assert page.rotation == 0
        positions = stamp_positions(page)
        assert abs(positions["Page"][0] - width / 2) < 40
        assert positions["Page"][1] < 40
        assert positions["Agenda Item"][0] > width * 0.7
        assert positions["Agenda Item"][1] > height - 60


def stamp_positions(page) -> dict[str, tuple[float, float]]:
    found = {}

    def visitor(text, cm, tm, font_dict, font_size):
        for prefix in ("Page", "Agenda Item"):
            if text.startswith(prefix) and prefix not in found:
                found[prefix] = (tm[4], tm[5])

    page.extract_text(visitor_text=visitor)
    return found


def test_a_paper_whose_file_is_missing_fails_the_build_and_names_it():
    meeting, items = four_may_meeting(papers={7: [3]})
    paper = Document.objects.get(title="Item 7 paper 1")
    Path(paper.file.path).unlink()
    version = queue_version(meeting)

    services.build_version(version.pk)

    version.refresh_from_db()
    assert version.status == PackVersion.Status.FAILED
    assert 'item 7, "Item 7 paper 1"' in version.failure_reason
    assert "missing" in version.failure_reason


def test_a_file_that_is_not_a_pdf_fails_the_build_and_names_it():
    meeting, items = four_may_meeting(papers={7: [3]})
    paper = Document.objects.get(title="Item 7 paper 1")
    Path(paper.file.path).write_bytes(b"this is not a PDF at all")
    version = queue_version(meeting)

    services.build_version(version.pk)

    version.refresh_from_db()
    assert version.status == PackVersion.Status.FAILED
    assert 'item 7, "Item 7 paper 1"' in version.failure_reason


def test_a_failed_build_leaves_the_previous_ready_pack_current():
    meeting, items = four_may_meeting(papers={7: [3]})
    first = queue_version(meeting)
    services.build_version(first.pk)
    first.refresh_from_db()
    assert first.status == PackVersion.Status.READY
    published_bytes = Path(first.file.path).read_bytes()

    Path(Document.objects.get(title="Item 7 paper 1").file.path).unlink()
    second = queue_version(meeting, number=2)
    services.build_version(second.pk)

    second.refresh_from_db()
    assert second.status == PackVersion.Status.FAILED
    assert services.current_pack(meeting) == first
    assert Path(first.file.path).read_bytes() == published_bytes


def test_a_paper_with_nothing_to_print_is_left_out_with_a_warning():
    meeting, items = four_may_meeting(papers={7: [3]})
    Document.objects.create(meeting=meeting, agenda_item=items[8], title="Empty paper")
    version = queue_version(meeting)

    services.build_version(version.pk)

    version.refresh_from_db()
    assert version.status == PackVersion.Status.READY
    assert version.warnings == [
        'Left out item 8, "Empty paper": it has no file, no text and nothing generates it.'
    ]
    assert f"item:{items[8].pk}" not in builder.plan_pack(meeting).layout.rows


def test_papers_written_in_the_page_and_papers_made_from_data_are_rendered(monkeypatch):
    meeting, items = four_may_meeting(papers={})
    Document.objects.create(
        meeting=meeting, agenda_item=items[2], title="Note", body="<p>Written in the page</p>"
    )
    Document.objects.create(
        meeting=meeting, agenda_item=items[3], title="Minutes", kind=Document.Kind.MINUTES
    )
    monkeypatch.setattr(paper_sources, "_renderers", {})
    paper_sources.register(Document.Kind.MINUTES)(
        lambda document: "<html><body><p>Minutes made from data</p></body></html>"
    )

    _, built = build(meeting)
    text = "".join(page_texts(PdfReader(io.BytesIO(built.data))))

    assert "Written in the page" in text
    assert "Minutes made from data" in text


def test_building_again_leaves_a_ready_version_alone():
    meeting, _ = four_may_meeting(papers={7: [3]})
    version = queue_version(meeting)
    services.build_version(version.pk)
    version.refresh_from_db()
    finished_at = version.finished_at

    assert services.build_version(version.pk) is None
    version.refresh_from_db()
    assert version.finished_at == finished_at


def test_a_ready_public_pack_publishes_the_meeting_and_tells_members(mailoutbox):
    from committees.models import Membership

    meeting, _ = four_may_meeting(papers={7: [3]}, status="draft")
    member = Membership.objects.filter(committee=meeting.committee).first()
    member.person.user = UserFactory(email="leigh.redman@example.org")
    member.person.save()
    version = queue_version(meeting)

    with django_capture_on_commit():
        services.build_version(version.pk)

    meeting.refresh_from_db()
    assert meeting.status == "published"
    assert [message.to for message in mailoutbox] == [["leigh.redman@example.org"]]
    assert f"/meetings/{meeting.pk}/" in mailoutbox[0].body


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_a_build_stuck_for_too_long_is_marked_failed():
    meeting, _ = four_may_meeting(papers={})
    version = queue_version(meeting)
    PackVersion.objects.filter(pk=version.pk).update(
        status=PackVersion.Status.BUILDING,
        started_at=timezone.now() - datetime.timedelta(hours=1),
    )
    fresh = queue_version(meeting, kind=PackVersion.Kind.CONFIDENTIAL)
    PackVersion.objects.filter(pk=fresh.pk).update(
        status=PackVersion.Status.BUILDING, started_at=timezone.now()
    )

    assert services.expire_stale_builds() == 1

    version.refresh_from_db()
    fresh.refresh_from_db()
    assert version.status == PackVersion.Status.FAILED
    assert "Retry" in version.failure_reason
    assert fresh.status == PackVersion.Status.BUILDING


def test_north_somerset_councils_get_a_covering_letter():
    meeting, _ = four_may_meeting(papers={2: [2]}, issue_date=datetime.date(2023, 6, 21))
    council = meeting.council
    council.front_sheet_style = council.FrontSheetStyle.COVERING_LETTER
    council.signatory_title = "Assistant Director Legal & Governance and Monitoring Officer"
    council.save()

    plan, built = build(meeting)
    letter = " ".join(page_texts(PdfReader(io.BytesIO(built.data)))[0].split())

    assert letter.startswith("Public Document Pack")
    assert "Date: Wednesday, 21 June 2023" in letter
    assert "Dear Sir or Madam" in letter
    assert (
        "The Scrutiny Committee - Childrens and Families – Thursday, 4 May 2023, 10.00 am – "
        "Luttrell Room" in letter
    )
    assert "Assistant Director Legal & Governance and Monitoring Officer" in letter
    assert "Leigh Redman (Chair), Oliver Patrick (Vice-Chair), Suria Aujla" in letter
    assert "Notice of Meeting" not in letter


def test_an_uploaded_annex_replaces_the_one_generated_from_the_same_standard_text():
    meeting, _ = four_may_meeting(papers={}, online_joining_details="Meeting ID: 341 625 318 09")
    meeting.council.guidance_notes = "<p>Guidance notes for the meeting</p>"
    meeting.council.save()

    rows = builder.plan_pack(meeting).annex_rows

    titles = [row.title for row in rows]
    assert titles.count("Public Guidance Notes contained in Agenda Annexe") == 1
    assert titles.count("Click here to join the online meeting") == 1


def test_a_paper_made_from_data_is_kept_as_published_for_the_meeting_page(monkeypatch, client):
    meeting, items = four_may_meeting(papers={})
    minutes = Document.objects.create(
        meeting=meeting, agenda_item=items[3], title="Minutes", kind=Document.Kind.MINUTES
    )
    monkeypatch.setattr(paper_sources, "_renderers", {})
    paper_sources.register(Document.Kind.MINUTES)(
        lambda document: "<html><body><p>Minutes made from data</p></body></html>"
    )
    assert "Minutes" not in client.get(meeting.get_absolute_url()).content.decode()

    services.build_version(queue_version(meeting).pk)

    minutes.refresh_from_db()
    assert minutes.generated_at is not None and minutes.page_count == 1
    response = client.get(minutes.get_absolute_url())
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    kept_at = minutes.generated_at

    services.build_version(queue_version(meeting, number=2).pk)

    minutes.refresh_from_db()
    assert minutes.generated_at == kept_at
    assert builder.document_part(minutes, [], parts.PartRenderer()).source == "generated"

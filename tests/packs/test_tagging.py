"""The merged pack keeps one structure tree over every page the portal makes (issue 13)."""

import datetime
import io

import pikepdf
import pytest
from weasyprint import HTML

from meetings import paper_sources
from meetings.models import Document
from packs import builder
from tests.factories import add_paper, four_may_meeting
from tests.packs_helpers import (
    marked_content,
    page_numbers,
    parent_tree,
    portal_pages,
    structure_elements,
    structured_pages,
)

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime.datetime(2023, 4, 25, 9, 0, tzinfo=datetime.UTC)

WRITTEN = """
<h3>Background</h3><p>The committee asked for a summary of placements.</p>
<h4>Placements by type</h4>
<table><thead><tr><th scope="col">Type</th><th scope="col">Number</th></tr></thead>
<tbody><tr><td>Foster care</td><td>412</td></tr><tr><td>Residential</td><td>58</td></tr></tbody>
</table>
"""
TAGGED_UPLOAD = (
    "<html lang='en-GB'><head><title>Forward plan</title></head><body>"
    "<h1>Forward plan</h1><p>Decisions expected this year.</p>"
    "<h2>Quarter one</h2><p>The sufficiency strategy.</p></body></html>"
)


@pytest.fixture
def pack(monkeypatch):
    """A public pack with every kind of page, opened with pikepdf, and its plan."""
    meeting, items = four_may_meeting(papers={}, online_joining_details="Meeting ID: 341 625")
    Document.objects.create(
        meeting=meeting, agenda_item=items[2], title="Placements note", body=WRITTEN
    )
    Document.objects.create(
        meeting=meeting, agenda_item=items[3], title="Minutes", kind=Document.Kind.MINUTES
    )
    monkeypatch.setattr(paper_sources, "_renderers", {})
    paper_sources.register(Document.Kind.MINUTES)(
        lambda document: (
            "<html lang='en-GB'><body><h1>Minutes</h1><p>Made from data</p></body></html>"
        )
    )
    tagged = HTML(string=TAGGED_UPLOAD).write_pdf(pdf_variant="pdf/ua-1")
    add_paper(meeting, items[5], "Forward plan", data=with_heading_id(tagged, "top"))  # padded
    add_paper(meeting, items[5], "Forward plan annex", data=with_heading_id(tagged, "top"))
    add_paper(meeting, items[6], "Scanned letter", 2)  # uploaded, untagged
    items[7].is_exempt = True
    items[7].exempt_paragraph = 3
    items[7].save()
    add_paper(meeting, items[7], "Negotiating position", 3)

    plan = builder.plan_pack(meeting)
    built = builder.build_pdf(plan, False, PUBLISHED_AT)
    pdf = pikepdf.open(io.BytesIO(built.data))
    yield plan, pdf
    pdf.close()


def with_heading_id(data: bytes, element_id: str) -> bytes:
    """The tagged PDF with its h1 given an id, listed in the tree's /IDTree."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        heading = next(element for element in structure_elements(pdf) if element.S == "/H1")
        heading.ID = pikepdf.String(element_id)
        ids = pikepdf.NameTree.new(pdf)
        ids[element_id] = heading
        root.IDTree = ids.obj
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def padding_and_withheld_pages(plan) -> set[int]:
    padding = {placement.blank_page for placement in plan.layout.placements}
    withheld = page_numbers(plan, lambda placement, paper: paper and paper.restricted)
    return (padding - {None}) | withheld


def test_every_page_the_portal_makes_is_in_the_structure_tree(pack):
    plan, pdf = pack
    portal = portal_pages(plan)

    structured = structured_pages(pdf) & portal

    assert len(portal) >= 4
    assert f"{len(structured)}/{len(portal)}" == f"{len(portal)}/{len(portal)}"


def test_every_mark_of_content_resolves_in_the_parent_tree(pack):
    _, pdf = pack
    tree = parent_tree(pdf)
    reachable = {element.objgen for element in structure_elements(pdf)}
    orphans = []
    for number, page in enumerate(pdf.pages, start=1):
        mcids, _, _ = marked_content(page)
        key = page.obj.get("/StructParents")
        if key is not None:
            assert int(key) in tree, f"page {number}: /StructParents {key} not in /ParentTree"
        if not mcids:
            continue
        assert key is not None, f"page {number} has marked content but no /StructParents"
        owners = tree[int(key)]
        for mcid in mcids:
            owner = owners[mcid] if mcid < len(owners) else None
            if not isinstance(owner, pikepdf.Dictionary) or owner.objgen not in reachable:
                orphans.append((number, mcid))
    assert orphans == []
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                assert int(annotation.StructParent) in tree
    assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) > max(tree)


def test_pages_the_portal_makes_have_no_unmarked_content(pack):
    plan, pdf = pack
    for number in sorted(portal_pages(plan)):
        _, unmarked, _ = marked_content(pdf.pages[number - 1])
        assert unmarked == 0, f"page {number}"


def test_padding_withheld_pages_and_stamps_are_artifacts(pack):
    plan, pdf = pack
    added = padding_and_withheld_pages(plan)
    assert any(placement.blank_page for placement in plan.layout.placements)
    assert len(added) > 3  # the withheld paper's three pages, and padding
    for number in added:
        page = pdf.pages[number - 1]
        mcids, unmarked, in_artifacts = marked_content(page)
        assert (mcids, unmarked) == ([], 0), f"page {number}"
        assert in_artifacts >= 2  # the page's text and its number
        assert "/StructParents" not in page.obj
    for number, page in enumerate(pdf.pages, start=1):
        _, _, in_artifacts = marked_content(page)
        assert in_artifacts >= 1, f"page {number}: the page number is an artifact"


def test_an_uploaded_tagged_paper_keeps_its_headings(pack):
    plan, pdf = pack
    forward_plan = next(paper for paper in plan.papers if paper.title == "Forward plan")
    first = plan.layout.placement(forward_plan.key).first_page
    page = pdf.pages[first - 1]
    headings = [
        str(element.S)
        for element in structure_elements(pdf)
        if "/Pg" in element and element.Pg.objgen == page.objgen
    ]
    assert "/H1" in headings and "/H2" in headings
    mcids, unmarked, _ = marked_content(page)
    assert mcids and unmarked == 0


def test_element_ids_of_uploaded_papers_stay_unique_and_resolve(pack):
    _, pdf = pack
    ids = dict(pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree).items())
    reachable = {element.objgen for element in structure_elements(pdf)}

    assert sorted(ids) == ["top", "top-2"]
    assert {str(element.ID) for element in ids.values()} == {"top", "top-2"}
    assert {element.S for element in ids.values()} == {"/H1"}
    assert all(element.objgen in reachable for element in ids.values())
    assert ids["top"].objgen != ids["top-2"].objgen


def test_the_written_paper_keeps_its_table_and_headings(pack):
    plan, pdf = pack
    note = next(paper for paper in plan.papers if paper.title == "Placements note")
    first = plan.layout.placement(note.key).first_page
    page = pdf.pages[first - 1]
    kinds = {
        str(element.S)
        for element in structure_elements(pdf)
        if "/Pg" in element and element.Pg.objgen == page.objgen
    }
    assert {"/H1", "/H3", "/Table", "/TH", "/TD"} <= kinds | resolved_roles(pdf, kinds)


def test_the_agenda_tables_have_header_cells(pack):
    plan, pdf = pack
    front = {page.objgen for page in list(pdf.pages)[: plan.front_pages]}
    kinds = [
        str(element.S)
        for element in structure_elements(pdf)
        if "/Pg" in element and element.Pg.objgen in front
    ]
    assert "/Table" in kinds and "/TH" in kinds


def resolved_roles(pdf, kinds: set[str]) -> set[str]:
    role_map = pdf.Root.StructTreeRoot.get("/RoleMap", {})
    return {str(role_map[kind]) for kind in kinds if kind in role_map}


def test_one_document_holds_the_parts_in_pack_order(pack):
    plan, pdf = pack
    root = pdf.Root.StructTreeRoot
    (document,) = list(root.K)
    assert document.S == "/Document"
    parts = list(document.K)
    assert all(part.P.objgen == document.objgen for part in parts)

    def first_page(element):
        for found in [element, *descendants(element)]:
            if "/Pg" in found:
                return next(
                    number
                    for number, page in enumerate(pdf.pages, start=1)
                    if page.objgen == found.Pg.objgen
                )
        return None

    starts = [first_page(part) for part in parts]
    assert None not in starts
    assert starts == sorted(starts)


def descendants(element):
    for kid in element.get("/K", []) if isinstance(element.get("/K"), pikepdf.Array) else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from descendants(kid)


def test_the_pack_keeps_its_title_language_and_outline(pack):
    plan, pdf = pack
    assert pdf.pdf_version >= "1.7"
    assert pdf.Root.Lang == "en-GB"
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.docinfo.Title) == plan.title
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    with pdf.open_outline() as outline:
        titles = [entry.title for entry in outline.root]
    assert titles[0] == "Front sheet and agenda"
    assert "Item 5: Item 5 title" in titles

"""Meeting-level annexes (papers with no agenda item) are managed in the agenda editor."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Document, Meeting, MeetingChange
from tests.factories import AgendaItemFactory, MeetingFactory, blank_pdf, councillor_user

pytestmark = pytest.mark.django_db

GUIDANCE = "Public Guidance Notes contained in Agenda Annexe"


@pytest.fixture
def meeting():
    return MeetingFactory(status=Meeting.Status.DRAFT)


def upload_annex(client, meeting, title=GUIDANCE, content=None, name="guidance.pdf"):
    return client.post(
        reverse("manage:annex_upload", args=[meeting.pk]),
        {
            "title": title,
            "kind": "annex",
            "file": SimpleUploadedFile(name, blank_pdf(pages=2) if content is None else content),
        },
    )


def annexes(meeting):
    return list(
        Document.objects.current()
        .filter(meeting=meeting, agenda_item=None)
        .order_by("position")
        .values_list("title", "position")
    )


def test_an_officer_uploads_an_annex_and_the_editor_lists_it(officer_client, meeting):
    form = officer_client.get(reverse("manage:annex_upload", args=[meeting.pk])).content.decode()
    assert "Title of the annex" in form
    assert '<option value="annex" selected>' in form

    response = upload_annex(officer_client, meeting)

    assert response.url == reverse("manage:agenda", args=[meeting.pk]) + "#annexes"
    document = Document.objects.get(meeting=meeting)
    assert document.agenda_item is None
    assert (document.kind, document.page_count) == ("annex", 2)
    change = MeetingChange.objects.get(meeting=meeting, action="paper.add")
    assert change.summary == f"Uploaded the annex “{GUIDANCE}” (guidance.pdf, 2 pages)"
    assert change.item_id is None and change.document_id == document.pk
    editor = officer_client.get(reverse("manage:agenda", args=[meeting.pk])).content.decode()
    assert reverse("manage:paper_replace", args=[document.pk]) in editor
    assert reverse("manage:paper_remove", args=[document.pk]) in editor


def test_a_bad_annex_upload_is_refused_like_an_item_paper(officer_client, meeting):
    response = upload_annex(officer_client, meeting, content=blank_pdf(pages=1, password="x"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "is protected with a password or encryption" in page
    assert f'value="{GUIDANCE}"' in page
    assert not Document.objects.exists()


def test_an_annex_written_in_the_page(officer_client, meeting):
    response = officer_client.post(
        reverse("manage:annex_write", args=[meeting.pk]),
        {
            "title": "Click here to join the online meeting",
            "kind": "annex",
            "body": '<p>Join on <a href="https://teams.example/abc" onclick="x()">Teams</a></p>',
        },
    )

    assert response.status_code == 302
    document = Document.objects.get(meeting=meeting)
    assert document.agenda_item is None
    assert 'href="https://teams.example/abc"' in document.body
    assert "onclick" not in document.body
    assert MeetingChange.objects.filter(
        action="paper.write", summary="Wrote the annex “Click here to join the online meeting”"
    ).exists()


def test_annexes_are_edited_ordered_replaced_and_removed_with_history(officer_client, meeting):
    upload_annex(officer_client, meeting, title="Information on the Committee")
    upload_annex(officer_client, meeting, title=GUIDANCE)
    guidance = Document.objects.get(title=GUIDANCE)
    AgendaItemFactory(meeting=meeting, position=1)

    officer_client.post(reverse("manage:paper_move", args=[guidance.pk]), {"direction": "up"})
    assert annexes(meeting) == [(GUIDANCE, 1), ("Information on the Committee", 2)]

    meeting.refresh_from_db()
    officer_client.post(
        reverse("manage:paper_edit", args=[guidance.pk]),
        {"title": "Guidance notes", "kind": "annex", "revision": meeting.revision},
    )
    guidance.refresh_from_db()
    assert guidance.title == "Guidance notes"

    response = officer_client.post(
        reverse("manage:paper_replace", args=[guidance.pk]),
        {"file": SimpleUploadedFile("guidance-v2.pdf", blank_pdf(pages=3))},
    )
    assert response.url.endswith("#annexes")
    guidance.refresh_from_db()
    new = guidance.replaced_by
    assert new is not None and new.agenda_item is None
    assert (new.title, new.page_count, new.position) == ("Guidance notes", 3, 1)
    assert annexes(meeting) == [("Guidance notes", 1), ("Information on the Committee", 2)]

    officer_client.post(reverse("manage:paper_remove", args=[new.pk]))
    assert annexes(meeting) == [("Information on the Committee", 1)]
    assert not Document.objects.filter(pk__in=[guidance.pk, new.pk]).exists()

    actions = list(
        MeetingChange.objects.filter(meeting=meeting)
        .order_by("revision")
        .values_list("action", flat=True)
    )
    assert actions[-4:] == ["paper.move", "paper.edit", "paper.replace", "paper.remove"]
    assert MeetingChange.objects.get(action="paper.replace").summary == (
        "Replaced the annex “Guidance notes” with a new version"
    )


def test_a_stale_annex_edit_is_refused_but_an_item_change_does_not_block_it(
    officer_client, meeting
):
    upload_annex(officer_client, meeting, title="Information on the Committee")
    upload_annex(officer_client, meeting, title=GUIDANCE)
    information, guidance = Document.objects.order_by("position")
    item = AgendaItemFactory(meeting=meeting, position=1)
    meeting.refresh_from_db()
    loaded = meeting.revision

    officer_client.post(
        reverse("manage:item_edit", args=[item.pk]),
        {"title": "Changed item", "kind": "report", "revision": loaded},
    )
    officer_client.post(
        reverse("manage:paper_edit", args=[information.pk]),
        {"title": "Information", "kind": "annex", "revision": loaded},
    )
    information.refresh_from_db()
    assert information.title == "Information"

    response = officer_client.post(
        reverse("manage:paper_edit", args=[guidance.pk]),
        {"title": "My title", "kind": "annex", "revision": loaded},
    )

    page = response.content.decode()
    assert "Someone else changed this" in page
    assert "Changed the annex “Information”" in page
    assert 'value="My title"' in page
    guidance.refresh_from_db()
    assert guidance.title == GUIDANCE


def test_moving_an_annex_with_htmx_returns_the_editor(officer_client, meeting):
    upload_annex(officer_client, meeting, title="First")
    upload_annex(officer_client, meeting, title="Second")
    second = Document.objects.get(title="Second")

    response = officer_client.post(
        reverse("manage:paper_move", args=[second.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert "<html" not in page
    assert page.index("Second") < page.index("First")
    assert annexes(meeting) == [("Second", 1), ("First", 2)]


def test_councillors_cannot_add_or_change_annexes(client, meeting):
    annex = Document.objects.create(
        meeting=meeting, title="Guidance", kind="annex", body="<p>x</p>"
    )
    client.force_login(councillor_user())
    urls = [
        reverse("manage:annex_upload", args=[meeting.pk]),
        reverse("manage:annex_write", args=[meeting.pk]),
        reverse("manage:paper_edit", args=[annex.pk]),
        reverse("manage:paper_replace", args=[annex.pk]),
        reverse("manage:paper_remove", args=[annex.pk]),
        reverse("manage:paper_move", args=[annex.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        data = {"title": "Hijacked", "body": "x", "kind": "annex", "direction": "up"}
        assert client.post(url, data).status_code == 403, url
    assert list(Document.objects.values_list("title", flat=True)) == ["Guidance"]
    assert not MeetingChange.objects.exists()

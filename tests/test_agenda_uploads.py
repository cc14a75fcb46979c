import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Document, MeetingChange
from tests.factories import AgendaItemFactory, officer_user
from tests.factories_agenda import PNG_BYTES, blank_pdf, docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return AgendaItemFactory(title="LA Maintained Schools Core Offer")


@pytest.fixture
def officer_client(client):
    client.force_login(officer_user())
    return client


def upload(client, item, name, content, title="Core offer report"):
    return client.post(
        reverse("manage:paper_upload", args=[item.pk]),
        {"title": title, "kind": "appendix", "file": SimpleUploadedFile(name, content)},
    )


def test_a_valid_pdf_is_kept_with_its_page_count(officer_client, item):
    content = blank_pdf(pages=3)
    response = upload(officer_client, item, "Core offer (final).pdf", content)

    assert response.status_code == 302
    document = Document.objects.get(agenda_item=item)
    assert document.page_count == 3
    assert document.kind == "appendix"
    assert document.file_size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.original_filename == "Core_offer_final.pdf"
    assert "Core offer" not in document.file.name
    with document.file.open("rb") as stored:
        assert len(PdfReader(stored).pages) == 3
    change = MeetingChange.objects.get(meeting=item.meeting, action="paper.add")
    assert "3 pages" in change.summary


def encrypted_pdf():
    return blank_pdf(pages=1, password="secret")


def truncated_pdf():
    content = blank_pdf(pages=2)
    return content[: len(content) // 2]


def corrupt_pdf():
    """Starts and ends like a PDF, but what lies between is not one."""
    return b"%PDF-1.7\n" + b"\x00garbled bytes\x00" * 50 + b"\n%%EOF\n"


@pytest.mark.parametrize(
    "name, make_content, message",
    [
        ("report.pdf", docx_bytes, "It looks like a Word, Excel or other Office document"),
        ("scan.pdf", lambda: PNG_BYTES, "It looks like a PNG image"),
        ("report.pdf", truncated_pdf, "is incomplete: the end of the PDF is missing"),
        ("report.pdf", corrupt_pdf, "is damaged and cannot be read as a PDF"),
        ("report.pdf", encrypted_pdf, "is protected with a password or encryption"),
        ("report.pdf", lambda: b"", "is empty"),
        ("report.pdf", lambda: blank_pdf(pages=0), "is a PDF with no pages"),
    ],
    ids=["renamed-docx", "png-image", "truncated", "corrupt", "encrypted", "empty", "no-pages"],
)
def test_each_bad_upload_is_refused_with_its_own_message(
    officer_client, item, name, make_content, message
):
    response = upload(officer_client, item, name, make_content(), title="My carefully typed title")

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert "Choose the file again" in page
    assert 'value="My carefully typed title"' in page
    assert not Document.objects.exists()


def test_a_file_over_the_size_limit_is_refused(officer_client, item, settings):
    settings.MAX_UPLOAD_MB = 1
    big = blank_pdf(pages=1) + b"%" * (1024 * 1024)

    response = upload(officer_client, item, "huge.pdf", big)

    assert "is larger than 1 MB" in response.content.decode()
    assert not Document.objects.exists()


def test_a_file_is_required(officer_client, item):
    response = officer_client.post(
        reverse("manage:paper_upload", args=[item.pk]), {"title": "Report", "kind": "report"}
    )

    assert "Choose a PDF file to upload." in response.content.decode()


def test_the_messages_differ_for_every_kind_of_bad_file():
    from django.core.exceptions import ValidationError

    from meetings.uploads import check_pdf

    codes = set()
    for content in [
        docx_bytes(),
        truncated_pdf(),
        corrupt_pdf(),
        encrypted_pdf(),
        b"",
        blank_pdf(pages=0),
    ]:
        with pytest.raises(ValidationError) as refused:
            check_pdf(SimpleUploadedFile("x.pdf", content))
        codes.add(refused.value.code)
    assert codes == {"not_pdf", "truncated", "corrupt", "encrypted", "empty", "no_pages"}


def test_replacing_a_paper_keeps_the_earlier_version(officer_client, item):
    upload(officer_client, item, "v1.pdf", blank_pdf(pages=1))
    first = Document.objects.get()

    response = officer_client.post(
        reverse("manage:paper_replace", args=[first.pk]),
        {"file": SimpleUploadedFile("v2.pdf", blank_pdf(pages=4))},
    )

    assert response.status_code == 302
    first.refresh_from_db()
    current = Document.objects.current().get(agenda_item=item)
    assert first.replaced_by == current
    assert current.page_count == 4
    assert current.title == first.title
    assert io.BytesIO(current.file.read()).getvalue() != b""


def test_a_bad_replacement_is_refused_and_the_paper_is_unchanged(officer_client, item):
    upload(officer_client, item, "v1.pdf", blank_pdf(pages=1))
    first = Document.objects.get()

    response = officer_client.post(
        reverse("manage:paper_replace", args=[first.pk]),
        {"file": SimpleUploadedFile("v2.pdf", encrypted_pdf())},
    )

    assert "protected with a password" in response.content.decode()
    assert list(Document.objects.current()) == [first]


def test_removing_a_paper_removes_its_earlier_versions_too(officer_client, item):
    upload(officer_client, item, "v1.pdf", blank_pdf(pages=1))
    first = Document.objects.get()
    officer_client.post(
        reverse("manage:paper_replace", args=[first.pk]),
        {"file": SimpleUploadedFile("v2.pdf", blank_pdf(pages=2))},
    )
    current = Document.objects.current().get()

    officer_client.post(reverse("manage:paper_remove", args=[current.pk]))

    assert not Document.objects.exists()
    assert MeetingChange.objects.filter(action="paper.remove", document_id=current.pk).exists()


def test_papers_can_be_reordered(officer_client, item):
    upload(officer_client, item, "a.pdf", blank_pdf(), title="Report")
    upload(officer_client, item, "b.pdf", blank_pdf(), title="Appendix A")
    appendix = Document.objects.get(title="Appendix A")

    officer_client.post(reverse("manage:paper_move", args=[appendix.pk]), {"direction": "up"})

    assert list(
        Document.objects.filter(agenda_item=item)
        .order_by("position")
        .values_list("title", "position")
    ) == [("Appendix A", 1), ("Report", 2)]


def test_a_short_paper_can_be_written_in_the_page(officer_client, item):
    response = officer_client.post(
        reverse("manage:paper_write", args=[item.pk]),
        {
            "title": "Briefing note",
            "kind": "briefing",
            "body": '<p>See <a href="https://example.org">this</a>.</p><script>x()</script>',
        },
    )

    assert response.status_code == 302
    document = Document.objects.get(agenda_item=item)
    assert not document.file
    assert 'href="https://example.org"' in document.body
    assert "script" not in document.body

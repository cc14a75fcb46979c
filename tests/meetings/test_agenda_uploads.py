import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import Document, MeetingChange
from tests.factories import PNG_BYTES, AgendaItemFactory, active_pdf, blank_pdf, docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return AgendaItemFactory(title="LA Maintained Schools Core Offer")


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
        ("report.pdf", lambda: active_pdf("javascript"), "contains JavaScript"),
        ("report.pdf", lambda: active_pdf("launch"), "can start another program"),
        ("report.pdf", lambda: active_pdf("open_action"), "runs an action as soon as it is"),
        ("report.pdf", lambda: active_pdf("embedded_files"), "has other files embedded in it"),
        ("report.pdf", lambda: b"MZ\x90\x00" * 16 + blank_pdf(), "does not begin as a PDF"),
    ],
    ids=[
        "renamed-docx",
        "png-image",
        "truncated",
        "corrupt",
        "encrypted",
        "empty",
        "no-pages",
        "javascript",
        "launch",
        "open-action",
        "embedded-files",
        "executable-in-front",
    ],  # fmt: skip
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

    assert response.status_code == 200
    assert "Choose a PDF file to upload." in response.content.decode()
    assert 'value="Report"' in response.content.decode()  # what was typed is kept
    assert not Document.objects.exists()


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
        active_pdf("javascript"),
        active_pdf("launch"),
        active_pdf("open_action"),
        active_pdf("embedded_files"),
        b"MZ" + blank_pdf(),
    ]:
        with pytest.raises(ValidationError) as refused:
            check_pdf(SimpleUploadedFile("x.pdf", content))
        codes.add(refused.value.code)
    assert codes == {
        "not_pdf", "truncated", "corrupt", "encrypted", "empty", "no_pages",
        "javascript", "launch", "open_action", "embedded_files", "not_at_start",
    }  # fmt: skip


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


def test_a_file_whose_name_has_nothing_usable_is_kept_under_a_plain_name(officer_client, item):
    response = upload(officer_client, item, "$.$", blank_pdf(pages=1))

    assert response.status_code == 302
    document = Document.objects.get(agenda_item=item)
    assert document.original_filename == "paper.pdf"
    assert officer_client.get(document.get_absolute_url()).status_code == 200


def test_a_download_names_a_non_ascii_file_as_rfc_6266_says(client, item):
    document = Document(
        meeting=item.meeting, agenda_item=item, title="Café report", published_at=timezone.now()
    )
    document.store_file("Café report.pdf", blank_pdf(pages=1))
    document.page_count = 1
    document.save()

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == "inline; filename*=utf-8''Caf%C3%A9_report.pdf"


def test_the_admin_refuses_an_upload_the_agenda_builder_would_refuse(client, item):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pw"))

    response = client.post(
        reverse("admin:meetings_document_add"),
        {
            "meeting": item.meeting.pk,
            "agenda_item": item.pk,
            "title": "Report",
            "kind": "report",
            "position": 1,
            "created_at_0": "2023-05-04",
            "created_at_1": "10:00:00",
            "file": SimpleUploadedFile("report.pdf", active_pdf("javascript")),
        },
    )

    assert response.status_code == 200
    assert "contains JavaScript" in response.content.decode()
    assert not Document.objects.exists()


def tagged_pdf() -> bytes:
    from weasyprint import HTML

    html = "<html lang='en-GB'><body><h1>Core offer</h1><p>The offer.</p></body></html>"
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def test_an_untagged_pdf_is_kept_but_flagged_to_the_officer_and_counted(officer_client, item):
    response = upload(officer_client, item, "scan.pdf", blank_pdf(pages=2))
    assert response.status_code == 302
    untagged = Document.objects.get(agenda_item=item)
    assert untagged.is_tagged is False
    page = officer_client.get(response.url).content.decode()
    assert "This PDF has no tags: screen reader users will struggle with it" in page
    assert f'id="paper-untagged-{untagged.pk}"' in page
    assert "1 paper has no tags" in page

    response = upload(officer_client, item, "accessible.pdf", tagged_pdf(), title="Accessible")
    tagged = Document.objects.get(agenda_item=item, title="Accessible")
    assert tagged.is_tagged is True
    page = officer_client.get(response.url).content.decode()
    assert "This PDF has no tags" not in page
    assert f'id="paper-untagged-{tagged.pk}"' not in page
    assert "1 paper has no tags" in page

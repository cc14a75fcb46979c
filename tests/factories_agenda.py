"""Factories and sample files for the agenda builder tests."""

import io

import factory
from pypdf import PdfWriter

from meetings.models import StandardItem

from .factories import CommitteeFactory


class StandardItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardItem

    committee = factory.SubFactory(CommitteeFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Standard item {n}")


def blank_pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """The start of a real .docx: a zip archive holding [Content_Types].xml."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def active_pdf(kind: str) -> bytes:
    """A one-page PDF carrying something active: what check_pdf must refuse."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if kind == "javascript":
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hello');"),
            }
        )
        tree = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("hello"), script])}
        )
        writer.root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): tree}
        )
    elif kind == "launch":
        writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("x.exe")}
        )
    elif kind == "open_action":
        writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/URI"),
                NameObject("/URI"): TextStringObject("https://example.org/track"),
            }
        )
    elif kind == "embedded_files":
        writer.add_attachment("payload.exe", b"MZ\x90\x00")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()

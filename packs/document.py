"""The pack as a document: its outline, title, language and other metadata, and its bytes."""

import datetime
import io

import pikepdf
from pikepdf import Dictionary, Name, OutlineItem

from .plan import Plan, paper_outline_title


def pdf_date(moment: datetime.datetime) -> str:
    moment = moment.astimezone(datetime.UTC)
    return f"D:{moment:%Y%m%d%H%M%S}Z"


def add_outline(pack: pikepdf.Pdf, outline_targets, confidential: bool) -> None:
    with pack.open_outline() as outline:
        outline.root.append(OutlineItem("Front sheet and agenda", 0))
        for row, placed in outline_targets:
            if not placed:
                continue
            heading = f"Item {row.label}: {row.title}" if row.item else row.title
            entry = OutlineItem(heading, placed[0][1])
            entry.children.extend(
                OutlineItem(paper_outline_title(paper, confidential), index)
                for paper, index in placed
            )
            outline.root.append(entry)


def add_metadata(pack: pikepdf.Pdf, plan: Plan, confidential: bool, published_at) -> None:
    title = plan.title + (" (confidential)" if confidential else "")
    date = pdf_date(published_at)
    pack.docinfo = pack.make_indirect(
        Dictionary(
            Title=title,
            Author=plan.meeting.council.name,
            Creator="Council scrutiny portal",
            Producer="Council scrutiny portal",
            CreationDate=date,
            ModDate=date,
        )
    )
    with pack.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata.load_from_docinfo(pack.docinfo)
    pack.Root.Lang = pikepdf.String("en-GB")
    pack.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pack.Root.PageMode = Name.UseOutlines


def pdf_bytes(pack: pikepdf.Pdf) -> bytes:
    """The same pack always gives the same bytes: the /ID is made from the content."""
    output = io.BytesIO()
    pack.save(
        output,
        deterministic_id=True,
        min_version="1.7",
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
    )
    return output.getvalue()

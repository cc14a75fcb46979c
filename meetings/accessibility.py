"""
The accessibility statement, in the form the Public Sector Bodies (Websites and Mobile
Applications) Accessibility Regulations 2018 ask for, with figures from the papers the
portal publishes. Only published, public papers are counted: the statement is public.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from committees.models import Council

from .models import Document


@dataclass
class PaperFigures:
    uploaded: int  # published, public papers uploaded as PDF
    untagged: int  # of those, without tags
    scanned: int  # of those, with no text (scanned images)
    not_checked: int  # of those, not read yet


def public_paper_figures() -> PaperFigures:
    uploaded = (
        Document.objects.current()
        .published()
        .unrestricted()
        .filter(generated_at=None)
        .exclude(file="")
    )
    counts = uploaded.aggregate(
        uploaded=Count("pk"),
        untagged=Count("pk", filter=Q(is_tagged=False)),
        scanned=Count("pk", filter=Q(text_status=Document.TextStatus.NO_TEXT)),
        not_checked=Count("pk", filter=Q(is_tagged=None)),
    )
    return PaperFigures(**counts)


@dataclass
class Statement:
    councils: list[Council]
    papers: PaperFigures
    prepared_on: datetime.date


# When this statement's wording was last reviewed against the portal (the figures are live).
PREPARED_ON = datetime.date(2026, 12, 2)


def statement() -> Statement:
    return Statement(
        councils=list(Council.objects.order_by("name")),
        papers=public_paper_figures(),
        prepared_on=PREPARED_ON,
    )

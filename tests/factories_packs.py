"""A meeting shaped like Somerset's 4 May 2023 pack, with real PDFs behind every paper."""

import datetime

from committees.models import Membership
from meetings.models import AgendaItem, Document
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    make_pdf,
)

# item number -> pages of each paper, as in the real pack (domain-somerset-packs.md §1.1)
FOUR_MAY_PAPERS = {2: [2], 3: [8], 5: [5, 3, 1], 6: [32], 7: [3], 8: [21, 22]}
FOUR_MAY_ANNEXES = [
    ("Public Guidance Notes contained in Agenda Annexe", 2),
    ("Information on the Committee", 1),
    ("Click here to join the online meeting", 1),
]
TO_FOLLOW = {9, 10}


def add_paper(meeting, item, title, pages=1, text=None, data=None, **fields):
    document = Document(meeting=meeting, agenda_item=item, title=title, **fields)
    data = data or make_pdf(text or f"Text of {title}", pages=pages)
    document.store_file(f"{title}.pdf", data)
    document.page_count = pages
    document.save()
    return document


def somerset_committee(**fields):
    council = CouncilFactory()
    committee = CommitteeFactory(
        council=council, name="Scrutiny Committee - Childrens and Families", **fields
    )
    chair = PersonFactory(first_name="Leigh", surname="Redman")
    vice = PersonFactory(first_name="Oliver", surname="Patrick")
    MembershipFactory(committee=committee, person=chair, role=Membership.Role.CHAIR)
    MembershipFactory(committee=committee, person=vice, role=Membership.Role.VICE_CHAIR)
    for first, last in [("Suria", "Aujla"), ("Jason", "Baker"), ("Simon", "Carswell")]:
        MembershipFactory(committee=committee, person=PersonFactory(first_name=first, surname=last))
    MembershipFactory(
        committee=committee,
        person=PersonFactory(first_name="Ruth", surname="Hobbs", is_councillor=False),
        role=Membership.Role.CO_OPTED,
    )
    return committee


def four_may_meeting(papers=None, paper_text=None, **meeting_fields):
    """Items 1-12 with papers sized like the real pack; items 9 and 10 to follow."""
    papers = FOUR_MAY_PAPERS if papers is None else papers
    committee = somerset_committee()
    meeting = MeetingFactory(
        committee=committee,
        date=datetime.date(2023, 5, 4),
        start_time=datetime.time(10, 0),
        is_webcast=True,
        is_audio_recorded=True,
        **meeting_fields,
    )
    for title, pages in FOUR_MAY_ANNEXES:
        add_paper(meeting, None, title, pages)
    items = {}
    for number in range(1, 13):
        items[number] = AgendaItemFactory(
            meeting=meeting,
            position=number,
            title=f"Item {number} title",
            is_to_follow=number in TO_FOLLOW,
            kind=AgendaItem.Kind.REPORT,
        )
    for number, sizes in papers.items():
        for index, pages in enumerate(sizes, start=1):
            title = f"Item {number} paper {index}"
            text = (paper_text or {}).get((number, index))
            add_paper(meeting, items[number], title, pages, text=text)
    return meeting, items

"""
Demo meetings, agendas and papers, as printed in the seed packs.

The tables below hold all knowledge of where things are in the seeds: each item names
the line of its printed heading and the lines of its description, and each paper the
lines of its text and the length of the printed original. Line numbers are 1-based,
as in ../shared/docs (A:L43 is line 43 of the Somerset pack, 004:37 of North Somerset's).

Papers generated from data (minutes of the previous meeting, work programme, outcome
tracker) are created without a file: the pack builder renders them from their app's data.
"""

import datetime
import re
from dataclasses import dataclass

from committees.demo import (
    NORTH_SOMERSET_PANEL,
    SOMERSET_COMMITTEE,
    SOMERSET_PREDECESSOR,
    upsert,
)
from committees.models import Committee

from .models import AgendaItem, Document, Meeting
from .sanitise import clean_html
from .seeds import (
    NORTH_SOMERSET_PACK,
    SOMERSET_PACK,
    PaperJob,
    blocks_from_lines,
    html_from_lines,
    inline_html,
    render_papers,
    seed_line,
    seed_lines,
)

Kind = AgendaItem.Kind
DocKind = Document.Kind
Status = Meeting.Status


@dataclass(frozen=True)
class Paper:
    title: str
    kind: str
    lines: tuple[int, int] | None = None  # in the meeting's seed; None: generated from data
    pages: int = 0  # length of the printed original


@dataclass(frozen=True)
class Item:
    heading: int | str  # the line of the printed heading, or the title itself
    kind: str
    description: tuple[tuple[int, int] | str, ...] = ()  # line ranges, or Markdown text
    lead: int | str = ""  # the "This item will be led by …" line, or the text itself
    minutes: int | None = None
    to_follow: bool = False
    papers: tuple[Paper, ...] = ()
    sub_items: tuple["Item", ...] = ()


@dataclass(frozen=True)
class MeetingPlan:
    committee: str
    date: datetime.date
    start: datetime.time
    status: str
    seed: str = ""
    end: datetime.time | None = None
    venue: str = ""  # the committee's default venue when empty
    kind: str = Meeting.Kind.FORMAL
    webcast: bool = False
    audio: bool = False
    issue_date: datetime.date | None = None
    joining_lines: tuple[int, int] | None = None
    annexes: tuple[Paper, ...] = ()
    items: tuple[Item, ...] = ()


D = datetime.date
TEN = datetime.time(10, 0)

# Somerset, Thursday 4 May 2023 (A:L5-129; papers A:L131-1808).
SOMERSET_4_MAY_2023 = MeetingPlan(
    committee=SOMERSET_COMMITTEE,
    date=D(2023, 5, 4),
    start=TEN,
    status=Status.PUBLISHED,
    seed=SOMERSET_PACK,
    webcast=True,
    audio=True,
    issue_date=D(2023, 4, 25),
    joining_lines=(192, 213),
    annexes=(
        Paper("Public Guidance Notes contained in Agenda Annexe", DocKind.ANNEX, (131, 178), 2),
        Paper("Information on the Committee", DocKind.ANNEX, (182, 188), 1),
        Paper("Click here to join the online meeting", DocKind.ANNEX, (192, 213), 1),
    ),
    items=(
        Item(43, Kind.PROCEDURAL, ((45, 45),)),
        Item(
            47,
            Kind.PROCEDURAL,
            ((49, 51),),
            papers=(
                Paper(
                    "Unitary councillors who are also town and/or parish councillors",
                    DocKind.APPENDIX,
                    (219, 292),
                    2,
                ),
            ),
        ),
        Item(
            53,
            Kind.PROCEDURAL,
            ((55, 55),),
            papers=(Paper("Minutes of the previous meeting", DocKind.MINUTES, None, 8),),
        ),
        Item(57, Kind.STANDING, ((59, 63),)),
        Item(
            65,
            Kind.STANDING,
            ((67, 67), (73, 73)),
            sub_items=(
                Item(
                    69,
                    Kind.STANDING,
                    papers=(
                        Paper(
                            "Scrutiny Committee - Children and Families Work Plan 2023 - 2024",
                            DocKind.WORK_PROGRAMME,
                            None,
                            5,
                        ),
                    ),
                ),
                Item(
                    70,
                    Kind.STANDING,
                    papers=(
                        Paper(
                            "Scrutiny Committee - Children & Families Outcome Tracker 2022 - 23",
                            DocKind.OUTCOME_TRACKER,
                            None,
                            3,
                        ),
                    ),
                ),
                Item(
                    71,
                    Kind.INFORMATION,
                    papers=(
                        Paper(
                            "Meetings Overview 2022 – 2023 of the former Scrutiny for Policies, "
                            "Children and Families Committee",
                            DocKind.REPORT,
                            (584, 606),
                            1,
                        ),
                    ),
                ),
            ),
        ),
        Item(
            75,
            Kind.REPORT,
            ((77, 77),),
            lead=79,
            minutes=25,
            papers=(
                Paper(
                    "Briefing note: LA Maintained School Core Offer, with the Revised Core Offer",
                    DocKind.BRIEFING_NOTE,
                    (612, 1089),
                    32,
                ),
            ),
        ),
        Item(
            83,
            Kind.REPORT,
            ((85, 85), (89, 89)),
            lead=87,
            minutes=25,
            papers=(
                Paper(
                    "Draft Terms of Reference: Children & Families Board Best Start in Life "
                    "Steering Group",
                    DocKind.REPORT,
                    (1093, 1171),
                    3,
                ),
            ),
        ),
        Item(
            93,
            Kind.REPORT,
            ((95, 95),),
            lead=97,
            minutes=30,
            papers=(
                Paper("SEND Strategy", DocKind.REPORT, (1175, 1620), 21),
                Paper(
                    "Somerset Special Educational Needs and Disabilities Accelerated Progress Plan",
                    DocKind.APPENDIX,
                    (1627, 1808),
                    22,
                ),
            ),
        ),
        Item(101, Kind.REPORT, ((103, 103),), lead=105, minutes=25, to_follow=True),
        Item(109, Kind.REPORT, ((111, 115),), to_follow=True),
        Item(117, Kind.VERBAL, ((119, 119),)),
        Item(
            121,
            Kind.STANDING,
            ((123, 123), (129, 129)),
            sub_items=(
                Item(125, Kind.INFORMATION),
                Item(
                    "Information on the 'Education for Life' event – circulated on 28 March 2023",
                    Kind.INFORMATION,
                    (
                        "To find out more about Somerset Education for Life Strategy, visit the "
                        "Council's website on this link - [Education for Life Strategy "
                        "\\(somerset.gov.uk\\)](https://www.somerset.gov.uk/education-for-life)",
                    ),
                ),
            ),
        ),
    ),
)

# North Somerset, Thursday 29 June 2023 (004:3-117; papers 004:121-3355). "Report of …"
# is printed as it stands, in the description.
NORTH_SOMERSET_29_JUNE_2023 = MeetingPlan(
    committee=NORTH_SOMERSET_PANEL,
    date=D(2023, 6, 29),
    start=TEN,
    status=Status.PUBLISHED,
    seed=NORTH_SOMERSET_PACK,
    issue_date=D(2023, 6, 21),
    items=(
        Item(37, Kind.PROCEDURAL),
        Item(39, Kind.STANDING, ((41, 41),)),
        Item(43, Kind.PROCEDURAL),
        Item(45, Kind.PROCEDURAL, ((47, 47),)),
        Item(
            49,
            Kind.PROCEDURAL,
            ((51, 53),),
            papers=(
                Paper(
                    "Minutes of 20 October 2022 and notes of the informal meeting of 16 June 2022",
                    DocKind.MINUTES,
                    (121, 397),
                    10,
                ),
            ),
        ),
        Item(55, Kind.STANDING),
        Item(
            57,
            Kind.REPORT,
            ((59, 59),),
            papers=(
                Paper(
                    "Role, Remit and Work Plan of the Children & Young People (CYPS) Policy "
                    "and Scrutiny Panel",
                    DocKind.REPORT,
                    (401, 657),
                    12,
                ),
            ),
        ),
        Item(
            61,
            Kind.REPORT,
            ((63, 63),),
            papers=(Paper("Performance Monitoring", DocKind.REPORT, (661, 1106), 22),),
        ),
        Item(
            65,
            Kind.REPORT,
            ((67, 67),),
            papers=(Paper("Ofsted Inspection Update", DocKind.REPORT, (1110, 1588), 28),),
        ),
        Item(
            69,
            Kind.REPORT,
            ((71, 71),),
            papers=(
                Paper("SEND Improvement Plan and Safety Valve", DocKind.REPORT, (1592, 2986), 92),
            ),
        ),
        Item(
            73,
            Kind.REPORT,
            ((75, 75),),
            papers=(
                Paper(
                    "Month 12 Children's Services Budget Monitor", DocKind.REPORT, (2990, 3355), 16
                ),
            ),
        ),
    ),
)


def _work_plan_items(first: int, last: int) -> tuple[Item, ...]:
    """Agenda items from rows of the Somerset work plan: (theme, item, lead officer)."""
    items = []
    for line in seed_lines(SOMERSET_PACK, first, last):
        _theme, title, lead = line.split("\t")
        items.append(Item(re.sub(r"</?b>", "", title).strip(), Kind.REPORT, lead=lead.strip()))
    return tuple(items)


# The minutes of 6 March 2023 (A:L294-458) name the agenda item of each minute
# ("1 Declarations of Interest - Agenda Item 2"); apologies, item 1, sit in their header.
MARCH_2023_MINUTE_HEADINGS = [
    (308, Kind.PROCEDURAL),
    (312, Kind.PROCEDURAL),
    (316, Kind.STANDING),
    (320, Kind.STANDING),
    (326, Kind.REPORT),
    (370, Kind.REPORT),
    (399, Kind.REPORT),
    (431, Kind.VERBAL),
    (443, Kind.STANDING),
    (452, Kind.PROCEDURAL),
]
_MINUTE_HEADING = re.compile(r"^\d+\s+(?P<title>.+?)\s+[-–]\s+Agenda Item \d+$")


def _items_from_minutes() -> tuple[Item, ...]:
    items = [Item("Apologies for Absence", Kind.PROCEDURAL)]
    for number, kind in MARCH_2023_MINUTE_HEADINGS:
        text = seed_line(SOMERSET_PACK, number).lstrip("#").strip().replace("**", "")
        items.append(Item(_MINUTE_HEADING.match(text).group("title"), kind))
    return tuple(items)


WEDNESDAY_MEETINGS = [  # "Future meeting dates", A:L500-503
    D(2023, 11, 15),
    D(2024, 1, 10),
    D(2024, 3, 13),
    D(2024, 5, 15),
]


def other_meetings() -> list[MeetingPlan]:
    """Meetings either side of the two packs, from the work plans and the minutes."""
    predecessor_venue = "Luttrell Room - County Hall, Taunton"
    return [
        # The former county council committee: the tracker's origin meetings (A:L547-566).
        *(
            MeetingPlan(SOMERSET_PREDECESSOR, day, TEN, Status.HELD, venue=predecessor_venue)
            for day in (D(2022, 10, 3), D(2022, 12, 12), D(2023, 1, 16))
        ),
        MeetingPlan(
            SOMERSET_PREDECESSOR,
            D(2023, 3, 6),
            datetime.time(13, 0),
            Status.HELD,
            end=datetime.time(16, 5),
            venue=predecessor_venue,
            audio=True,
            items=_items_from_minutes(),
        ),
        # Somerset's work plan 2023-24 (A:L482-503).
        MeetingPlan(
            SOMERSET_COMMITTEE,
            D(2023, 7, 12),
            TEN,
            Status.PUBLISHED,
            webcast=True,
            audio=True,
            items=_work_plan_items(483, 488),
        ),
        MeetingPlan(
            SOMERSET_COMMITTEE,
            D(2023, 9, 13),
            TEN,
            Status.PUBLISHED,
            webcast=True,
            audio=True,
            items=_work_plan_items(490, 490),
        ),
        *(MeetingPlan(SOMERSET_COMMITTEE, day, TEN, Status.DRAFT) for day in WEDNESDAY_MEETINGS),
        # North Somerset: minutes of 20 October 2022 (004:121-133), work programme
        # section Four (004:613-657).
        MeetingPlan(
            NORTH_SOMERSET_PANEL, D(2022, 10, 20), TEN, Status.HELD, end=datetime.time(12, 10)
        ),
        MeetingPlan(NORTH_SOMERSET_PANEL, D(2023, 10, 19), TEN, Status.DRAFT),
        MeetingPlan(NORTH_SOMERSET_PANEL, D(2024, 2, 22), TEN, Status.DRAFT),
    ]


_ITEM_HEADING = re.compile(
    r"^(?:\d+\.?|\([a-z]\))\s+(?P<title>.*?)(?:\s+\((?:Pages \d+ - \d+|To Follow)\))?$"
)
_LED_BY = "This item will be led by "


def heading_title(printed: str) -> str:
    """ "## **2 Declarations of Interest (Pages 13 - 14)**" -> "Declarations of Interest"."""
    text = printed.strip().lstrip("#").strip().lstrip("-").strip().strip("*").strip()
    match = _ITEM_HEADING.match(text)
    return match.group("title") if match else text


def _title(seed: str, heading: int | str) -> str:
    return heading if isinstance(heading, str) else heading_title(seed_line(seed, heading))


def _lead(seed: str, lead: int | str) -> str:
    if isinstance(lead, str):
        return lead
    return seed_line(seed, lead).removeprefix(_LED_BY).removesuffix(".")


def _description(seed: str, parts) -> str:
    html = [
        f"<p>{inline_html(part)}</p>"
        if isinstance(part, str)
        else html_from_lines(seed_lines(seed, *part))
        for part in parts
    ]
    return clean_html("\n".join(html))


class Loader:
    def __init__(self, stdout):
        self.stdout = stdout
        self.papers_to_make: list[tuple[Document, PaperJob]] = []

    def meeting(self, plan: MeetingPlan) -> Meeting:
        committee = Committee.objects.select_related("council").get(slug=plan.committee)
        joining = ""
        if plan.joining_lines:
            lines = seed_lines(plan.seed, *plan.joining_lines)
            joining = clean_html(html_from_lines(lines, heading_offset=1))
        meeting = upsert(
            Meeting,
            {"committee": committee, "date": plan.date},
            {
                "start_time": plan.start,
                "end_time": plan.end,
                "venue": plan.venue or committee.default_venue,
                "kind": plan.kind,
                "status": plan.status,
                "is_webcast": plan.webcast,
                "is_audio_recorded": plan.audio,
                "online_joining_details": joining,
                "issue_date": plan.issue_date,
            },
        )
        for position, paper in enumerate(plan.annexes, 1):
            self.document(meeting, None, position, paper, plan.seed)
        for position, item in enumerate(plan.items, 1):
            self.item(meeting, None, position, item, plan.seed)
        return meeting

    def item(self, meeting, parent, position, item: Item, seed: str):
        agenda_item = upsert(
            AgendaItem,
            {"meeting": meeting, "parent": parent, "position": position},
            {
                "title": _title(seed, item.heading),
                "kind": item.kind,
                "description": _description(seed, item.description),
                "lead_officers": _lead(seed, item.lead),
                "time_allocation": item.minutes,
                "is_to_follow": item.to_follow,
            },
        )
        for paper_position, paper in enumerate(item.papers, 1):
            self.document(meeting, agenda_item, paper_position, paper, seed)
        for sub_position, sub_item in enumerate(item.sub_items, 1):
            self.item(meeting, agenda_item, sub_position, sub_item, seed)

    def document(self, meeting, agenda_item, position, paper: Paper, seed: str):
        document = upsert(
            Document,
            {"meeting": meeting, "agenda_item": agenda_item, "position": position},
            {"title": paper.title, "kind": paper.kind},
        )
        if paper.lines is not None and not self._has_file(document):
            blocks = blocks_from_lines(seed_lines(seed, *paper.lines))
            job = PaperJob(blocks, meeting.committee.council.name, paper.title, paper.pages)
            self.papers_to_make.append((document, job))

    def make_papers(self):
        """Render the papers that have no file yet, several at once, and store them."""
        for (document, job), (content, pages) in zip(
            self.papers_to_make, render_papers([job for _, job in self.papers_to_make]), strict=True
        ):
            document.store_file(f"{job.title[:60]}.pdf", content)
            document.page_count = pages
            document.save()
            if pages != job.target_pages:
                self.stdout.write(f"  {job.title}: {pages} pages (printed: {job.target_pages})")
        self.stdout.write(f"{len(self.papers_to_make)} papers were made.")
        self.papers_to_make.clear()

    @staticmethod
    def _has_file(document) -> bool:
        return bool(document.file) and document.file.storage.exists(document.file.name)


def load(stdout):
    loader = Loader(stdout)
    for plan in (SOMERSET_4_MAY_2023, NORTH_SOMERSET_29_JUNE_2023, *other_meetings()):
        loader.meeting(plan)
    stdout.write("Meetings and agendas are loaded.")
    loader.make_papers()

"""
Default standard agenda items for the demo committees, with their wording as
printed in the seed packs. Officers edit them afterwards at /manage/.

Somerset (2023 pack, A:L43-73): apologies, declarations, minutes, public
question time and the work programme with its attachments as sub-parts. The
minutes, the work programme and the outcome tracker are papers made from data,
so every new Somerset meeting gets them without an upload.
North Somerset (004:37-55): its procedural items 2-6. Item 1, the election of
the Vice-Chairperson, happens once a municipal year, so it is not standard.
"""

from committees.models import Committee

from .models import AgendaItem, Document, StandardItem

PROCEDURAL = AgendaItem.Kind.PROCEDURAL
STANDING = AgendaItem.Kind.STANDING

SOMERSET_ITEMS = [
    ("Apologies for Absence", "<p>To receive any apologies for absence.</p>", PROCEDURAL, []),
    (
        "Declarations of Interest",
        "<p>To receive and note any declarations of disclosable pecuniary or prejudicial or "
        "personal interests in respect of any matters included on the agenda for consideration "
        "at this meeting.</p>"
        "<p>(The personal interests of Councillors of Somerset Council, Town or Parish Councils "
        "and other Local Authorities will automatically be recorded in the minutes.)</p>",
        PROCEDURAL,
        [],
    ),
    (
        "Minutes of the previous meeting",
        "<p>To approve the minutes of the previous meeting.</p>",
        PROCEDURAL,
        [],
    ),
    (
        "Public Question Time",
        "<p>The Chair to advise the Committee of any items on which members of the public have "
        "requested to speak and advise those members of the public present of the details of "
        "the Council's public participation scheme.</p>"
        "<p>For those members of the public who have submitted any questions or statements, "
        "please note, a three minute time limit applies to each speaker and you will be asked "
        "to speak before Councillors debate the issue.</p>"
        "<p>We are now live webcasting most of our committee meetings and you are welcome to "
        "view and listen to the discussion. The link to each webcast will be available on the "
        "meeting webpage, please see details under 'click here to join online meeting'.</p>",
        PROCEDURAL,
        [],
    ),
    (
        "Work Programme",
        "<p>To receive an update from the Service Manager. To assist the discussion, the "
        "following documents are attached:-</p>"
        "<p>Please use the following link to view the latest Executive Forward Plan of planned "
        "key decisions that have been published on the Council's website - Executive Forward "
        "Plan</p>",
        STANDING,
        ["The Committee's work programme", "The Committee's outcome tracker"],
    ),
]

NORTH_SOMERSET_ITEMS = [
    (
        "Addresses by Members of the Public (SSO 9)",
        "<p>To receive and hear any person who wishes to address the Panel on matters which "
        "affect the District and fall within the remit of the Panel. The Chairman will select "
        "the order of the matters to be heard. Members of the Panel may ask questions of the "
        "member of the public and a dialogue between the parties can be undertaken. Requests to "
        "speak must be submitted in writing to the Head of Legal and Democratic Services, or the "
        "officer mentioned at the top of this agenda letter, by noon on the day before.</p>",
        PROCEDURAL,
        [],
    ),
    ("Apologies for Absence and Notifications for Substitutes", "", PROCEDURAL, []),
    (
        "Declaration of disclosable pecuniary interest (Standing Order 37)",
        "<p>A Member must declare any disclosable pecuniary interest where it relates to any "
        "matter being considered at the meeting. A declaration of a disclosable pecuniary "
        "interest should indicate the interest and the agenda item to which it relates. A Member "
        "is not permitted to participate in this agenda item by law and should immediately leave "
        "the meeting before the start of any debate. If the Member leaves the Chamber in respect "
        "of a declaration, he or she should ensure that the Chairman is aware of this before he "
        "or she leaves to enable their exit from the meeting to be recorded in the minutes in "
        "accordance with Standing Order 37.</p>",
        PROCEDURAL,
        [],
    ),
    (
        "Minutes",
        "<p>Minutes of the previous Panel meeting – to approve as a correct record.</p>",
        PROCEDURAL,
        [],
    ),
    (
        "Matters referred by Council, the Executive, other Committees and Panels (if any)",
        "",
        PROCEDURAL,
        [],
    ),
]

# Papers made from data, by the title of the standard item (or sub-part) that carries them.
SOMERSET_PAPERS = {
    "Minutes of the previous meeting": Document.Kind.MINUTES,
    "The Committee's work programme": Document.Kind.WORK_PROGRAMME,
    "The Committee's outcome tracker": Document.Kind.OUTCOME_TRACKER,
}

DEMO_PAPERS = {"scrutiny-children-families": SOMERSET_PAPERS}

DEMO_TEMPLATES = {
    "scrutiny-children-families": SOMERSET_ITEMS,
    "cyps-policy-scrutiny-panel": NORTH_SOMERSET_ITEMS,
}


def set_standard_items(committee: Committee, items) -> bool:
    """Give a committee these standard items, unless it has some already."""
    if committee.standard_items.exists():
        return False
    for position, (title, description, kind, sub_parts) in enumerate(items, start=1):
        parent = StandardItem.objects.create(
            committee=committee,
            position=position,
            title=title,
            description=description,
            kind=kind,
        )
        for sub_position, sub_title in enumerate(sub_parts, start=1):
            StandardItem.objects.create(
                committee=committee,
                parent=parent,
                position=sub_position,
                title=sub_title,
                kind=kind,
            )
    return True


def set_paper_kinds(committee: Committee, papers: dict[str, str]) -> int:
    """Give the standard items these papers made from data, where they have none yet."""
    updated = 0
    for title, kind in papers.items():
        updated += StandardItem.objects.filter(
            committee=committee, title=title, paper_kind=""
        ).update(paper_kind=kind)
    return updated


def load_demo_templates(stdout=None) -> None:
    """Idempotent: committees that are missing are skipped, and existing templates are kept."""
    for slug, items in DEMO_TEMPLATES.items():
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            continue
        if set_standard_items(committee, items) and stdout:
            stdout.write(f"Standard agenda items for {committee.name}")
        if set_paper_kinds(committee, DEMO_PAPERS.get(slug, {})) and stdout:
            stdout.write(f"Papers made from data on the standard items of {committee.name}")


def load_demo_upcoming_meetings(stdout):
    """
    The seed meetings are all in the past, so each demo committee also gets one
    draft meeting about four weeks ahead, made from its standard items the way an
    officer would make it. Skipped while the committee has an upcoming meeting,
    so running the demo again, that day or later, adds nothing.
    """
    import datetime

    from django.utils import timezone

    from committees.working_days import is_working_day

    from . import services
    from .models import Meeting

    today = timezone.localdate()
    for slug, weekday in (("scrutiny-children-families", 2), ("cyps-policy-scrutiny-panel", 3)):
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None or Meeting.objects.filter(committee=committee).upcoming().exists():
            continue
        day = today + datetime.timedelta(weeks=4)
        day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
        # A working day, and not in the break between about 20 December and 2 January.
        while not is_working_day(day) or not (3 <= day.timetuple().tm_yday <= 353):
            day += datetime.timedelta(weeks=1)
        services.create_meeting(committee, date=day, user=None)
        stdout.write(f"Upcoming draft meeting: {committee.name}, {day.day} {day:%B %Y}")

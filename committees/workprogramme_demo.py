# ruff: noqa: E501  (seed text kept as printed)
"""The Somerset Children and Families Work Plan 2023 - 2024, as printed in the 4 May 2023 pack."""

import datetime

from . import demo_lookup
from .workprogramme import Theme, ThemeTopic, WorkProgramme, WorkProgrammeItem

TITLE = "Scrutiny Committee - Children and Families Work Plan 2023 - 2024"
EPS = "Education Partnerships & Skills"
WALKER = "Service Director - Education Partnerships and Skills Amelia Walker"
WINTER = "Executive Director of Children and Family Services Claire Winter"

HEADER_GROUPS = [
    ("outstanding", "Outstanding items from 2022/ 2023", []),
    (
        "workshop",
        "Workshop - to be scheduled",
        [
            (
                "Universal Education",
                "The disadvantage gap",
                "what we know and options to address, to include health impact of inequalities in education",
                "Public Health, SEND, social workers, case studies, wider health organisations, FSM and pupil premium data",
            )
        ],
    ),
    (
        "workshop",
        "Possible workshop with Adults & Health Scrutiny",
        [
            ("", "Self-harm / mental health issues", "", ""),
            ("", "Transition arrangements – preparing for adulthood", "", ""),
        ],
    ),
]

MEETINGS = [
    (
        datetime.date(2023, 5, 4),
        [
            (EPS, "LA Maintained Schools Core Offer – update / response from last meeting and 2023/24 budgets", WALKER),
            (EPS, "Terms of reference of the proposed Task Group on education standards", WALKER),
            ("Inclusion", "SEND Strategy and the Accelerated Progress Plan (APP)",
             "Service Director - Inclusion Dr Rob Hart and Deputy Director for Commissioning, NHS Somerset, Andrew Keefe"),
            ("Social Care", "Reforms in children’s social care – draft consultation response",
             "Assistant Director – Community & Strategy, Paul Shallcross"),
            ("", "Task and Finish Group – sufficiency of external placements – initial response from Executive",
             "Cllr Munt / Claire Winter"),
            ("", "Task and Finish Group – home to school transport – verbal update", "Dr Rob Hart"),
            ("", "Items for Information – Standing Item (a) Information on Children and Families Board (b) Feedback on the ‘Education for Life’ launch event", ""),
        ],
    ),
    (
        datetime.date(2023, 7, 12),
        [
            ("", "Updated on Children’s Transformation Programme", WINTER),
            ("", "Update on Homes & Horizons", "Strategic Manager, Daniel Moncrieff"),
            ("", "Progress update on Ofsted AP; ‘Life story work’", WINTER),
            ("", "School Financial Balances", WALKER),
            ("", "Adverse Childhood Experiences (ACE’s) - Trauma Informed Somerset practice model and implementation",
             "Assistant Director Commissioning, Richard Selwyn"),
            (EPS, "Frome Model – provisional item", WALKER),
        ],
    ),
    (datetime.date(2023, 9, 13), [(EPS, "LA maintained schools core offer – update", WALKER)]),
]  # fmt: skip

TO_BE_SCHEDULED = [
    "School Transport policy / Post-16 Travel Policy – Somerset Ticket",
    "Children missing out on education (numbers, who, reasons)",
    "Evaluation of the West Somerset Opportunity Area",
]

FUTURE_DATES = [
    datetime.date(2023, 11, 15),
    datetime.date(2024, 1, 10),
    datetime.date(2024, 3, 13),
    datetime.date(2024, 5, 15),
]

THEMES = [
    ("Universal Education", ["Pupil place planning", "Disadvantage gap", "Academisation",
                             "LA maintained capacity and support"]),
    ("SEND and Inclusion", ["Attendance", "Accelerated Progress Plan (Joint Local Area SEND Inspection)",
                            "SEND & Alternative Provision", "SEND Strategy"]),
    ("Social Care and Commissioning", ["Family safeguarding", "Early Help", "Placement sufficiency",
                                       "Strategic partnership", "The Care Review"]),
    ("Cross-cutting items:", ["Long-term financial planning that improves outcomes for children (MTP)",
                              "Involving young people and the community in scrutiny",
                              "Mental health and emotional wellbeing (with health partners)",
                              "Medium Term Financial Plan (MTFP) – Children & Families Budgets"]),
]  # fmt: skip

NOTE = (
    "Note: Members of the Scrutiny Committee and all other Members of Somerset County Council are "
    "invited to contribute items for inclusion in the work programme. Please contact Democratic "
    "Services (01823) 357628 & democraticservicesteam@somerset.gov.uk who will assist you in "
    "submitting your item."
)


def load(stdout):
    committee = demo_lookup.current_committee()
    programme, created = WorkProgramme.objects.get_or_create(
        committee=committee, municipal_year=2023, defaults={"title": TITLE, "note": NOTE}
    )
    for day in FUTURE_DATES:
        demo_lookup.meeting(committee, day)
    if not created and programme.items.exists():
        stdout.write("Work Plan 2023 - 2024: already loaded.")
        return
    position = 0

    def add(**fields):
        nonlocal position
        position += 1
        WorkProgrammeItem.objects.create(programme=programme, position=position, **fields)

    for section, heading, items in HEADER_GROUPS:
        for service_area, title, purpose, lead in items:
            add(section=section, group_heading=heading, service_area=service_area, title=title,
                purpose=purpose, lead_officer=lead)  # fmt: skip
    for day, items in MEETINGS:
        meeting = demo_lookup.meeting(committee, day)
        for service_area, title, lead in items:
            add(section="meeting", meeting=meeting, service_area=service_area, title=title,
                lead_officer=lead)  # fmt: skip
    for title in TO_BE_SCHEDULED:
        add(section="to_be_scheduled", title=title)
    for theme_position, (name, topics) in enumerate(THEMES):
        theme = Theme.objects.create(programme=programme, name=name, position=theme_position)
        for topic_position, text in enumerate(topics):
            ThemeTopic.objects.create(theme=theme, text=text, position=topic_position)
    stdout.write(f"Work Plan 2023 - 2024: {programme.items.count()} items loaded.")

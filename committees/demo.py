"""
Demo councils, committees, members and sign-ins, as printed in the seed packs.

Every row is found by its natural key (council slug, committee slug, a person's names,
a seat's position), so loading twice changes nothing. Standard texts are read from
the seed files by line number: A = the Somerset pack of 4 May 2023, 004 = the North
Somerset pack of 29 June 2023 (see ../shared/docs for what each range holds).
"""

import datetime

from django.contrib.auth.models import Group, Permission, User

from meetings.sanitise import clean_html
from meetings.seeds import NORTH_SOMERSET_PACK, SOMERSET_PACK, html_from_lines, seed_lines

from .models import Committee, Council, Membership, Person
from .roles import COUNCILLORS_GROUP, OFFICERS_GROUP

Role = Membership.Role

SOMERSET = "somerset"
NORTH_SOMERSET = "north-somerset"
SOMERSET_COMMITTEE = "scrutiny-children-families"
SOMERSET_PREDECESSOR = "scrutiny-policies-children-families"
NORTH_SOMERSET_PANEL = "cyps-policy-scrutiny-panel"

EDUCATION_VOTING = "Votes on education matters only"

# Seats in print order: (role, honorific, first name, surname, representative type).
# A seat without a name is a vacancy. Somerset: A:L15-21 and A:L186 (7 co-opted seats,
# 3 filled; which kinds of seat the other co-optees hold is not printed).
SOMERSET_SEATS = [
    (Role.CHAIR, "", "Leigh", "Redman", ""),
    (Role.VICE_CHAIR, "", "Oliver", "Patrick", ""),
    (Role.MEMBER, "", "Suria", "Aujla", ""),
    (Role.MEMBER, "", "Jason", "Baker", ""),
    (Role.MEMBER, "", "Simon", "Carswell", ""),
    (Role.MEMBER, "", "Peter", "Clayton", ""),
    (Role.MEMBER, "", "Andy", "Hadley", ""),
    (Role.MEMBER, "", "John", "Hunt", ""),
    (Role.MEMBER, "", "Jenny", "Kenton", ""),
    (Role.MEMBER, "", "Martin", "Lovell", ""),
    (Role.MEMBER, "", "Frances", "Nicholson", ""),
    (Role.MEMBER, "", "Evie", "Potts- Jones", ""),
    (Role.MEMBER, "", "Jeny", "Snell", ""),
    (Role.CO_OPTED, "", "Ruth", "Hobbs", ""),
    (Role.CO_OPTED, "The Revd", "Tobie", "Osmond", "Church representative"),
    (Role.CO_OPTED, "", "Eileen", "Tipper", ""),
    (Role.CO_OPTED, "", "", "", "Church representative"),
    (Role.CO_OPTED, "", "", "", "Co-opted seat"),
    (Role.CO_OPTED, "", "", "", "Co-opted seat"),
    (Role.CO_OPTED, "", "", "", "Co-opted seat"),
]

# North Somerset: 004:24-31. The Vice-Chairperson is elected at item 1, so none is printed.
NORTH_SOMERSET_SEATS = [
    (Role.CHAIR, "", "Joe", "Tristram", ""),
    (Role.MEMBER, "", "Marc", "Aplin", ""),
    (Role.MEMBER, "", "Wendy", "Griggs", ""),
    (Role.MEMBER, "", "Nicola", "Holland", ""),
    (Role.MEMBER, "", "Clare", "Hunt", ""),
    (Role.MEMBER, "", "Hugh", "Malyan", ""),
    (Role.MEMBER, "", "Sue", "Mason", ""),
    (Role.MEMBER, "", "Tom", "Nicholson", ""),
    (Role.MEMBER, "", "Michael", "Pryke", ""),
    (Role.MEMBER, "", "Richard", "Tucker", ""),
    (Role.MEMBER, "", "Martin", "Williams", ""),
    (Role.ADDED, "", "Claire", "Hudson", "Church of England Representative"),
    (
        Role.ADDED,
        "",
        "",
        "",
        "Primary and Secondary/Special School Parent Governor Representative",
    ),
    (Role.RIGHT_TO_SPEAK, "", "Fiona", "Waters", "Weston College"),
    (Role.RIGHT_TO_SPEAK, "", "Kenton", "Mee", "North Somerset Parent Carers Working Together"),
    (Role.RIGHT_TO_SPEAK, "", "", "", "North Somerset Youth Parliament"),
]

COUNCILLOR_ROLES = {Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER}

DEMO_USERS = [
    # (username, password, group, staff, person's names)
    ("officer", "officer-demo", OFFICERS_GROUP, True, None),
    ("councillor", "councillor-demo", COUNCILLORS_GROUP, False, ("Leigh", "Redman")),
]
OFFICER_APPS = ["committees", "meetings", "minutes", "packs", "tracker"]


def upsert(model, lookup: dict, values: dict):
    """
    The row with these natural-key values, created or brought up to date. Unlike
    update_or_create it saves only when a value differs, so a second run writes nothing.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance


def _text(filename, first, last):
    """Seed lines as cleaned HTML; "##" headings become <h3>, the largest rich text allows."""
    return clean_html(html_from_lines(seed_lines(filename, first, last), heading_offset=1))


def _plain(filename, first, last):
    return "\n\n".join(line.strip() for line in seed_lines(filename, first, last) if line.strip())


def _list_items(filename, first, last):
    return "\n".join(line.strip().lstrip("- ") for line in seed_lines(filename, first, last))


def load_councils():
    somerset = upsert(
        Council,
        {"slug": SOMERSET},
        {
            "name": "Somerset Council",
            "address": "County Hall, Taunton TA1 4DY",
            "phone": "(01823) 357628",
            "email": "democraticservicesteam@somerset.gov.uk",
            "website": "https://www.somerset.gov.uk/",
            "chair_term": Council.ChairTerm.CHAIR,
            "executive_term": Council.ExecutiveTerm.EXECUTIVE,
            "front_sheet_style": Council.FrontSheetStyle.NOTICE_OF_MEETING,
            "proper_officer": "(the Proper Officer)",
            "signatory_title": "",
            "guidance_notes": _text(SOMERSET_PACK, 133, 178),
            "exempt_items_text": _text(SOMERSET_PACK, 172, 174),
            "filming_text": _text(SOMERSET_PACK, 178, 178),
            "evacuation_text": "",
            "access_to_information_text": _plain(SOMERSET_PACK, 29, 29),
            "publication_clear_days": 5,
            "question_clear_days": 3,
            "question_deadline_time": datetime.time(17, 0),
        },
    )
    north_somerset = upsert(
        Council,
        {"slug": NORTH_SOMERSET},
        {
            "name": "North Somerset Council",
            "address": "Town Hall, Weston-super-Mare",
            "phone": "",
            "email": "",
            "website": "https://www.n-somerset.gov.uk/",
            "chair_term": Council.ChairTerm.CHAIRPERSON,
            "executive_term": Council.ExecutiveTerm.EXECUTIVE,
            "front_sheet_style": Council.FrontSheetStyle.COVERING_LETTER,
            "proper_officer": "",
            "signatory_title": "Assistant Director Legal & Governance and Monitoring Officer",
            "guidance_notes": "",
            "exempt_items_text": _text(NORTH_SOMERSET_PACK, 79, 87),
            "filming_text": _text(NORTH_SOMERSET_PACK, 95, 99),
            "evacuation_text": _text(NORTH_SOMERSET_PACK, 103, 117),
            "access_to_information_text": "",
            "publication_clear_days": 5,
            # "by noon on the day before" (004:41): no clear days, the working day before.
            "question_clear_days": 0,
            "question_deadline_time": datetime.time(12, 0),
        },
    )
    return somerset, north_somerset


def load_committees(somerset, north_somerset):
    focus = (
        "The focus for the Committee is – what impact does this have on the children in Somerset?"
    )
    predecessor = upsert(
        Committee,
        {"slug": SOMERSET_PREDECESSOR},
        {
            "council": somerset,
            "name": "Scrutiny for Policies, Children and Families Committee",
            "kind": Committee.Kind.SCRUTINY_COMMITTEE,
            "remit": "",
            "contact_name": "Democratic Services",
            "contact_phone": "(01823) 357628",
            "contact_email": "democraticservicesteam@somerset.gov.uk",
            "default_venue": "Luttrell Room - County Hall, Taunton",
            "default_start_time": datetime.time(10, 0),
            "is_active": False,
        },
    )
    upsert(
        Committee,
        {"slug": SOMERSET_COMMITTEE},
        {
            "council": somerset,
            "name": "Scrutiny Committee - Childrens and Families",
            "kind": Committee.Kind.SCRUTINY_COMMITTEE,
            "remit": _plain(SOMERSET_PACK, 184, 184),
            "information_text": _text(SOMERSET_PACK, 184, 188),
            "focus_strapline": focus,
            "contact_name": "Democratic Services",
            "contact_phone": "(01823) 357628",
            "contact_email": "democraticservicesteam@somerset.gov.uk",
            "default_venue": "Luttrell Room - County Hall, Taunton TA1 4DY",
            "default_start_time": datetime.time(10, 0),
            "predecessor": predecessor,
            "is_active": True,
        },
    )
    upsert(
        Committee,
        {"slug": NORTH_SOMERSET_PANEL},
        {
            "council": north_somerset,
            "name": "Children and Young People's Services Policy and Scrutiny Panel",
            "kind": Committee.Kind.SCRUTINY_PANEL,
            "remit": _list_items(NORTH_SOMERSET_PACK, 443, 446),
            "contact_name": "Brent Cross",
            "contact_phone": "01275 888 078",
            "contact_email": "brent.cross@n-somerset.gov.uk",
            "default_venue": "New Council Chamber - Town Hall",
            "default_start_time": datetime.time(10, 0),
            "is_active": True,
        },
    )


def load_memberships(committee_slug, seats):
    committee = Committee.objects.get(slug=committee_slug)
    for position, (role, honorific, first_name, surname, representative) in enumerate(seats, 1):
        person = None
        if surname:
            person = upsert(
                Person,
                {"first_name": first_name, "surname": surname},
                {"honorific": honorific, "is_councillor": role in COUNCILLOR_ROLES},
            )
        is_speaker = role == Role.RIGHT_TO_SPEAK
        is_co_opted = role in (Role.CO_OPTED, Role.ADDED)
        upsert(
            Membership,
            {"committee": committee, "position": position},
            {
                "person": person,
                "role": role,
                "representative_type": "" if is_speaker and person else representative,
                "organisation": representative if is_speaker else "",
                "voting_note": EDUCATION_VOTING if is_co_opted else "",
            },
        )


def load_sign_ins():
    officers, _ = Group.objects.get_or_create(name=OFFICERS_GROUP)
    Group.objects.get_or_create(name=COUNCILLORS_GROUP)
    officer_permissions = Permission.objects.filter(content_type__app_label__in=OFFICER_APPS)
    if set(officers.permissions.all()) != set(officer_permissions):
        officers.permissions.set(officer_permissions)

    for username, password, group_name, is_staff, names in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created or not user.check_password(password) or user.is_staff != is_staff:
            if created or not user.check_password(password):
                user.set_password(password)
            user.is_staff = is_staff
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        if names:
            person = Person.objects.get(first_name=names[0], surname=names[1])
            if person.user_id != user.pk:
                person.user = user
                person.save(update_fields=["user"])


def load(stdout):
    somerset, north_somerset = load_councils()
    load_committees(somerset, north_somerset)
    load_memberships(SOMERSET_COMMITTEE, SOMERSET_SEATS)
    load_memberships(NORTH_SOMERSET_PANEL, NORTH_SOMERSET_SEATS)
    load_sign_ins()
    stdout.write("Councils, committees, members and demo sign-ins are loaded.")

"""The demo councils, committees, members, standard agenda items and sign-ins."""

from django.contrib.auth.models import Permission, User

from committees.models import Committee, Council, Membership, OfficerRole, Person
from meetings.models import AgendaItem, StandardItem
from meetings.sanitise import clean_html

from .records import read, time_of, upsert

COUNCILLOR_ROLES = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR, Membership.Role.MEMBER}
RICH_TEXT = {
    "front_sheet_text",
    "guidance_notes",
    "exempt_items_text",
    "filming_text",
    "evacuation_text",
}
OFFICER_APPS = [
    "committees",
    "meetings",
    "minutes",
    "packs",
    "tracker",
    "actionplans",
    "workprogramme",
]


def load(stdout):
    data = read("councils")
    for council in data["councils"]:
        load_council(council)
    for committee in data["committees"]:
        load_committee(committee)
    load_sign_ins(data["sign_ins"])
    stdout.write(
        f"{len(data['councils'])} councils, {len(data['committees'])} committees, "
        f"{Membership.objects.count()} seats and {len(data['sign_ins'])} demo sign-ins."
    )


def load_council(row: dict) -> Council:
    values = {key: value for key, value in row.items() if key != "slug"}
    for key in RICH_TEXT & values.keys():
        values[key] = clean_html(values[key])
    values["question_deadline_time"] = time_of(values["question_deadline_time"])
    return upsert(Council, {"slug": row["slug"]}, values)


def load_committee(row: dict) -> Committee:
    values = {
        key: value
        for key, value in row.items()
        if key not in ("slug", "council", "predecessor", "members", "standard_items")
    }
    values["council"] = Council.objects.get(slug=row["council"])
    values["predecessor"] = (
        Committee.objects.get(slug=row["predecessor"]) if row.get("predecessor") else None
    )
    values["default_start_time"] = time_of(values.get("default_start_time"))
    if "information_text" in values:
        values["information_text"] = clean_html(values["information_text"])
    committee = upsert(Committee, {"slug": row["slug"]}, values)
    for position, seat in enumerate(row.get("members", []), 1):
        load_seat(committee, position, seat)
    if not committee.standard_items.exists():
        for position, item in enumerate(row.get("standard_items", []), 1):
            add_standard_item(committee, None, position, item)
    return committee


def load_seat(committee: Committee, position: int, seat: dict) -> Membership:
    """A seat in print order; a seat with no name is a vacancy."""
    person = None
    if seat.get("surname"):
        person = upsert(
            Person,
            {"first_name": seat["first_name"], "surname": seat["surname"]},
            {
                "honorific": seat.get("honorific", ""),
                "is_councillor": seat["role"] in COUNCILLOR_ROLES,
            },
        )
    return upsert(
        Membership,
        {"committee": committee, "position": position},
        {
            "person": person,
            "role": seat["role"],
            "representative_type": seat.get("representative_type", ""),
            "organisation": seat.get("organisation", ""),
            "voting_note": seat.get("voting_note", ""),
        },
    )


def add_standard_item(committee, parent, position, item: dict) -> None:
    standard_item = StandardItem.objects.create(
        committee=committee,
        parent=parent,
        position=position,
        title=item["title"],
        description=clean_html(item.get("description", "")),
        kind=item.get("kind", parent.kind if parent else AgendaItem.Kind.PROCEDURAL),
        paper_kind=item.get("paper", ""),
    )
    for sub_position, sub_item in enumerate(item.get("sub_items", []), 1):
        add_standard_item(committee, standard_item, sub_position, sub_item)


def load_sign_ins(sign_ins: list[dict]) -> None:
    """Officers run the councils listed (all of them by default) and may use the admin."""
    admin_permissions = Permission.objects.filter(content_type__app_label__in=OFFICER_APPS)
    for sign_in in sign_ins:
        user, created = User.objects.get_or_create(username=sign_in["username"])
        is_staff = sign_in["role"] == "officer"
        if created or not user.check_password(sign_in["password"]) or user.is_staff != is_staff:
            user.set_password(sign_in["password"])
            user.is_staff = is_staff
            user.save()
        if is_staff:
            user.user_permissions.add(*admin_permissions)
            councils = Council.objects.all()
            if "councils" in sign_in:
                councils = councils.filter(slug__in=sign_in["councils"])
            for council in councils:
                OfficerRole.objects.get_or_create(user=user, council=council)
        if "person" in sign_in:
            first_name, surname = sign_in["person"].split(" ", 1)
            person = Person.objects.get(first_name=first_name, surname=surname)
            if person.user_id != user.pk:
                person.user = user
                person.save(update_fields=["user"])

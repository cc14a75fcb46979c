"""The words of a front sheet that depend on who sits on the committee, in each council's style."""

from committees.models import Council, Membership

VOTING_ROLES = (Membership.Role.MEMBER,)
OUTSIDE_ROLES = (Membership.Role.CO_OPTED, Membership.Role.ADDED)
OFFICE_ROLES = (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR)
FULL = Council.NameStyle.FULL


def printed_name(membership: Membership, name_style: str = FULL, titled: bool = True) -> str:
    """
    A member's name in the council's style: "Councillor Leigh Redman" or "Cllr L Redman".
    The style is for councillors; others keep the name they are printed with ("Ms Helen
    Fenn", "Ruth Hobbs"), as in both Somerset packs. Untitled is for a list under the
    heading "Councillors:": "Leigh Redman", or "L Redman" in the short style.
    """
    if membership.is_vacancy:
        return membership.display_name
    person = membership.person
    short = name_style == Council.NameStyle.SHORT and person.is_councillor
    if not titled:
        return f"{person.first_name[:1]} {person.surname}" if short else person.full_name
    return person.short_name if short else person.formal_name


def in_rows(names: list[str], per_row: int = 3) -> list[list[str]]:
    return [names[start : start + per_row] for start in range(0, len(names), per_row)]


def prose_list(names: list[str]) -> str:
    """ "A, B and C", as North Somerset prints a membership."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def notice_membership(memberships: list[Membership], name_style: str = FULL) -> dict:
    """Somerset 2023: Chair and Vice-Chair on labelled rows, then three to a row, co-opted last."""
    office_holders = [
        (membership.role_label, printed_name(membership, name_style))
        for membership in memberships
        if membership.role in OFFICE_ROLES and not membership.is_vacancy
    ]
    names = [
        printed_name(membership, name_style)
        for membership in memberships
        if membership.role in VOTING_ROLES and not membership.is_vacancy
    ] + [
        f"{printed_name(membership, name_style)} Co-opted member"
        for membership in memberships
        if membership.role in OUTSIDE_ROLES and not membership.is_vacancy
    ]
    return {"office_holders": office_holders, "rows": in_rows(names)}


def members_paragraph(memberships: list[Membership], name_style: str = FULL) -> str:
    """
    Somerset 2018: everyone with a seat in one sentence, in the committee's own order, the
    office holders marked: "Cllr L Redman (Chairman), Cllr J Lock, Ms Helen Fenn, …,
    Cllr M Pullin (Vice-Chair), Cllr J Williams and Cllr N Taylor".
    """
    names = []
    for membership in sorted(
        memberships, key=lambda membership: (membership.position, membership.pk)
    ):
        if membership.is_vacancy or membership.role not in (
            *OFFICE_ROLES,
            *VOTING_ROLES,
            *OUTSIDE_ROLES,
        ):
            continue
        name = printed_name(membership, name_style)
        if membership.role in OFFICE_ROLES:
            name = f"{name} ({membership.role_label})"
        names.append(name)
    return prose_list(names)


def _with_capacity(membership: Membership) -> str:
    name = membership.person.full_name
    capacity = membership.representative_type or membership.organisation
    return f"{name} ({capacity})" if capacity else name


def letter_membership(memberships: list[Membership], name_style: str = FULL) -> dict:
    """
    North Somerset: one sentence of councillors under "Councillors:", the Chairperson
    flagged, then added members, vacancies and those with a right to speak.
    """
    councillors = []
    for membership in memberships:
        if membership.is_vacancy or membership.role not in (*OFFICE_ROLES, *VOTING_ROLES):
            continue
        name = printed_name(membership, name_style, titled=False)
        if membership.role != Membership.Role.MEMBER:
            name = f"{name} ({membership.role_label})"
        councillors.append(name)
    added = [
        _with_capacity(membership)
        for membership in memberships
        if membership.role in OUTSIDE_ROLES and not membership.is_vacancy
    ]
    vacancies = [
        membership.representative_type
        for membership in memberships
        if membership.role in OUTSIDE_ROLES and membership.is_vacancy
    ]
    right_to_speak = [
        membership.display_name if membership.is_vacancy else _with_capacity(membership)
        for membership in memberships
        if membership.role == Membership.Role.RIGHT_TO_SPEAK
    ]
    return {
        "councillors": f"{prose_list(councillors)}." if councillors else "",
        "added": f"{', '.join(added)}," if added else "",
        "vacancies": ", ".join(vacancy for vacancy in vacancies if vacancy),
        "right_to_speak": ", ".join(right_to_speak),
    }

"""The words of a front sheet that depend on who sits on the committee, in each council's style."""

from committees.models import Membership

VOTING_ROLES = (Membership.Role.MEMBER,)
OUTSIDE_ROLES = (Membership.Role.CO_OPTED, Membership.Role.ADDED)


def in_rows(names: list[str], per_row: int = 3) -> list[list[str]]:
    return [names[start : start + per_row] for start in range(0, len(names), per_row)]


def prose_list(names: list[str]) -> str:
    """ "A, B and C", as North Somerset prints a membership."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def notice_membership(memberships: list[Membership]) -> dict:
    """Somerset: Chair and Vice-Chair on labelled rows, then three to a row, co-opted last."""
    office_holders = [
        (membership.role_label, membership.display_name)
        for membership in memberships
        if membership.role in (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR)
        and not membership.is_vacancy
    ]
    names = [
        membership.display_name
        for membership in memberships
        if membership.role in VOTING_ROLES and not membership.is_vacancy
    ] + [
        f"{membership.display_name} Co-opted member"
        for membership in memberships
        if membership.role in OUTSIDE_ROLES and not membership.is_vacancy
    ]
    return {"office_holders": office_holders, "rows": in_rows(names)}


def _with_capacity(membership: Membership) -> str:
    name = membership.person.full_name
    capacity = membership.representative_type or membership.organisation
    return f"{name} ({capacity})" if capacity else name


def letter_membership(memberships: list[Membership]) -> dict:
    """North Somerset: one sentence of councillors, the Chairperson flagged, then added members."""
    councillors = []
    for membership in memberships:
        if membership.is_vacancy or membership.role not in (
            Membership.Role.CHAIR,
            Membership.Role.VICE_CHAIR,
            Membership.Role.MEMBER,
        ):
            continue
        name = membership.person.full_name
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

"""
Every change officers make to councils, committees, people and memberships from the
/manage/ pages goes through here. The forms in manage_forms.py have already checked the
input against the rules (unique addresses, overlapping seats, one Chair at a time); these
functions only write.

Rich text: the standard texts of a council and a committee's information text may be typed
as plain text or, with the formatting buttons, as HTML. Anything that could be markup is
cleaned with committees.rich_text.clean_html before it is stored. Text with no tag in it at
all is stored as typed, because the pack builder prints such text as plain paragraphs
(packs.builder.text_html) and would otherwise show "&amp;" where "&" was typed.
"""

import re

from django.db import models, transaction

from .models import Committee, Council, Membership, OfficerRole, Person
from .rich_text import clean_html

COUNCIL_RICH_TEXT = (
    "front_sheet_text",
    "guidance_notes",
    "exempt_items_text",
    "filming_text",
    "evacuation_text",
    "access_to_information_text",
)
COMMITTEE_RICH_TEXT = ("information_text",)

# What a browser would read as the start of a tag, a comment or a declaration.
MARKUP = re.compile(r"<[a-zA-Z/!?]")


def sanitised(text: str) -> str:
    text = (text or "").strip()
    return clean_html(text) if MARKUP.search(text) else text


def _assign(instance: models.Model, data: dict, rich_text: tuple[str, ...] = ()) -> None:
    for name, value in data.items():
        setattr(instance, name, sanitised(value) if name in rich_text else value)


def _forget_managed_councils(user) -> None:
    """committees.roles keeps the councils a user runs for the request; they just changed."""
    user.__dict__.pop("_managed_council_ids", None)


# Councils


@transaction.atomic
def create_council(data: dict, *, user) -> Council:
    """A new council; the officer who creates it runs it (superusers run every council)."""
    council = Council()
    _assign(council, data, COUNCIL_RICH_TEXT)
    council.save()
    if not user.is_superuser:
        OfficerRole.objects.get_or_create(user=user, council=council)
        _forget_managed_councils(user)
    return council


@transaction.atomic
def update_council(council: Council, data: dict) -> Council:
    _assign(council, data, COUNCIL_RICH_TEXT)
    council.save()
    return council


# Committees


@transaction.atomic
def create_committee(data: dict) -> Committee:
    committee = Committee()
    _assign(committee, data, COMMITTEE_RICH_TEXT)
    committee.save()
    return committee


@transaction.atomic
def update_committee(committee: Committee, data: dict) -> Committee:
    _assign(committee, data, COMMITTEE_RICH_TEXT)
    committee.save()
    return committee


# People


def create_person(data: dict) -> Person:
    person = Person()
    _assign(person, data)
    person.save()
    return person


def update_person(person: Person, data: dict) -> Person:
    _assign(person, data)
    person.save()
    return person


# Memberships


def _next_position(committee: Committee) -> int:
    highest = Membership.objects.filter(committee=committee).aggregate(
        highest=models.Max("position")
    )["highest"]
    return (highest or 0) + 1


@transaction.atomic
def add_membership(committee: Committee, data: dict) -> Membership:
    """A seat on the committee: a person's, or a vacancy (no person) of a representative type."""
    membership = Membership(committee=committee)
    _assign(membership, data)
    if membership.position is None:
        membership.position = _next_position(committee)
    membership.save()
    return membership


@transaction.atomic
def update_membership(membership: Membership, data: dict) -> Membership:
    _assign(membership, data)
    if membership.position is None:
        membership.position = _next_position(membership.committee)
    membership.save()
    return membership


def end_membership(membership: Membership, end_date) -> Membership:
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    return membership


def delete_membership(membership: Membership) -> None:
    membership.delete()

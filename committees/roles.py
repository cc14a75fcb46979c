"""
Who may do what.

- An officer is a user with an `OfficerRole` for a council: they run that council's
  committees and no other's. Superusers run every council.
- A councillor (or co-opted member) is a user linked to a `Person`.

The permissions are `rules` predicates, asked through Django's own `user.has_perm`:
"committees.manage_committee" (with the committee) and "committees.manage_council" (with
the council). What each person may *see* is decided in access.py, which asks these.
"""

from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def managed_council_ids(user) -> frozenset[int]:
    """The councils this user runs as an officer (one query per request, then kept)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_managed_council_ids", None)
    if cached is None:
        cached = user._managed_council_ids = frozenset(
            user.officer_roles.values_list("council_id", flat=True)
        )
    return cached


@rules.predicate
def is_officer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(managed_council_ids(user)))


@rules.predicate
def runs_council(user, council) -> bool:
    return council is not None and council.pk in managed_council_ids(user)


@rules.predicate
def runs_committee(user, committee) -> bool:
    return committee is not None and committee.council_id in managed_council_ids(user)


rules.add_perm("committees.manage_council", runs_council)
rules.add_perm("committees.manage_committee", runs_committee)


def manages(user, committee) -> bool:
    """Whether this user may run (edit, publish, see unpublished) this committee's business."""
    return user.has_perm("committees.manage_committee", committee)


def manages_council(user, council) -> bool:
    return user.has_perm("committees.manage_council", council)


def require_manager(user, committee) -> None:
    """Refuse an officer of another council."""
    if not manages(user, committee):
        raise PermissionDenied("This committee belongs to a council you do not run.")


def is_councillor(user) -> bool:
    """A councillor or co-opted member who signs in: someone with a Person record."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_has_person", None)
    if cached is None:
        from .models import Person

        cached = user._has_person = Person.objects.filter(user=user).exists()
    return cached


def officer_required(view):
    """Anonymous users are sent to sign in; signed-in non-officers get 403.

    The view itself still checks, with `require_manager`, that the officer runs the
    council of the committee it changes.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_officer(request.user):
            raise PermissionDenied("Only democratic services officers can do this.")
        return view(request, *args, **kwargs)

    return wrapper

"""
Who may do what. Two groups carry the roles: officers in "Democratic services"
and councillors in "Councillors". What each may see is decided in access.py.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

OFFICERS_GROUP = "Democratic services"
COUNCILLORS_GROUP = "Councillors"


def _group_names(user) -> set[str]:
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = set(user.groups.values_list("name", flat=True))
    return user._group_names_cache


def is_officer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or OFFICERS_GROUP in _group_names(user))


def is_councillor(user) -> bool:
    return user.is_authenticated and COUNCILLORS_GROUP in _group_names(user)


def officer_required(view):
    """Anonymous users are sent to sign in; signed-in non-officers get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_officer(request.user):
            raise PermissionDenied("Only democratic services officers can do this.")
        return view(request, *args, **kwargs)

    return wrapper

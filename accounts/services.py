"""
Officers look after user accounts: invitations, links to councillors' records, officer
roles and deactivation. Every write is here; the views only read forms and call these.

Scope: an officer looks after the accounts of the councils they run (an account is a
council's if it has an officer role there, its Person has sat on one of the council's
committees, or it was invited for the council), and gives or removes officer roles only
for those councils (committees.roles.manages_council). Superusers look after everyone.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from committees.models import Council, OfficerRole, Person
from committees.roles import manages_council

from . import two_factor
from .models import Invitation

User = get_user_model()


class AccountError(Exception):
    """Bad input an officer can put right; `field` names the form field it is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# Scope.


def managed_councils(officer):
    if officer.is_superuser:
        return Council.objects.all()
    return Council.objects.filter(officer_roles__user=officer).distinct()


def accounts_in_scope(officer):
    if officer.is_superuser:
        return User.objects.all()
    councils = managed_councils(officer).values("pk")
    return User.objects.filter(
        Q(officer_roles__council__in=councils)
        | Q(person__memberships__committee__council__in=councils)
        | Q(invitations__council__in=councils)
    ).distinct()


def persons_in_scope(officer):
    """The people an officer may link accounts to: members of their councils' committees."""
    if officer.is_superuser:
        return Person.objects.all()
    councils = managed_councils(officer).values("pk")
    return Person.objects.filter(memberships__committee__council__in=councils).distinct()


def in_scope(officer, account) -> bool:
    return accounts_in_scope(officer).filter(pk=account.pk).exists()


def _require_scope(officer, account) -> None:
    if not in_scope(officer, account):
        raise PermissionDenied("This account belongs to a council you do not run.")


def _require_council(officer, council) -> None:
    if not manages_council(officer, council):
        raise AccountError("Choose one of the councils you run", field="council")


def _display(account) -> str:
    return account.get_full_name() or account.get_username()


# Invitations.


def email_in_use(email: str) -> bool:
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


def invite(
    officer,
    *,
    email: str,
    council,
    base_url: str,
    first_name: str = "",
    last_name: str = "",
    make_officer: bool = False,
    person=None,
):
    """
    A new account for `email` (also its username), with no password until the person
    chooses one from the link e-mailed to them. The link is a password-reset link
    (default_token_generator), so it stops working once a password is set.
    """
    email = User.objects.normalize_email(email).lower()
    _require_council(officer, council)
    if email_in_use(email):
        raise AccountError("There is already an account with this e-mail address", "email")
    if person is not None and not persons_in_scope(officer).filter(pk=person.pk).exists():
        raise AccountError("Choose a member of one of your councils' committees", "person")
    try:
        with transaction.atomic():
            if person is not None:
                person = Person.objects.select_for_update().get(pk=person.pk)
                if person.user_id is not None:
                    raise AccountError(
                        f"{person.formal_name} is already linked to another account", "person"
                    )
            account = User(username=email, email=email, first_name=first_name, last_name=last_name)
            account.set_unusable_password()
            account.save()
            Invitation.objects.create(user=account, council=council, invited_by=officer)
            if make_officer:
                OfficerRole.objects.create(user=account, council=council)
            if person is not None:
                person.user = account
                person.save(update_fields=["user"])
    except IntegrityError as error:  # the same address, invited at the same moment
        raise AccountError(
            "There is already an account with this e-mail address", "email"
        ) from error
    send_invitation(account, officer=officer, council=council, base_url=base_url)
    return account


def invitation_url(account, base_url: str) -> str:
    path = reverse(
        "accounts:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
            "token": default_token_generator.make_token(account),
        },
    )
    return base_url.rstrip("/") + path


def send_invitation(account, *, officer, council, base_url: str) -> None:
    context = {
        "account": account,
        "officer": officer,
        "officer_name": _display(officer),
        "council": council,
        "portal_name": two_factor.PORTAL_NAME,
        "url": invitation_url(account, base_url),
        "reset_url": base_url.rstrip("/") + reverse("accounts:password_reset"),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = render_to_string("accounts/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [account.email])


# Councillors' records.


def link_person(officer, account, person) -> None:
    _require_scope(officer, account)
    if not persons_in_scope(officer).filter(pk=person.pk).exists():
        raise AccountError("Choose a member of one of your councils' committees", "person")
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.user_id == account.pk:
            return
        if person.user_id is not None:
            raise AccountError(
                f"{person.formal_name} is already linked to another account", "person"
            )
        current = Person.objects.filter(user=account).first()
        if current is not None:
            raise AccountError(
                f"This account is already linked to {current.formal_name}. Unlink it first.",
                "person",
            )
        person.user = account
        person.save(update_fields=["user"])
    if two_factor.required_for(account):
        two_factor.mark_sessions([account.pk])


def unlink_person(officer, account) -> Person | None:
    _require_scope(officer, account)
    person = Person.objects.filter(user=account).first()
    if person is not None:
        person.user = None
        person.save(update_fields=["user"])
    return person


# Officer roles.


def _other_active_officers(council, account):
    return OfficerRole.objects.filter(council=council, user__is_active=True).exclude(user=account)


def give_officer_role(officer, account, council) -> bool:
    """True if the role is new."""
    _require_scope(officer, account)
    _require_council(officer, council)
    if not account.is_active:
        raise AccountError(
            "This account is deactivated. Reactivate it before giving it a role", "council"
        )
    _, created = OfficerRole.objects.get_or_create(user=account, council=council)
    return created


def remove_officer_role(officer, account, council) -> bool:
    """True if there was a role to remove."""
    _require_scope(officer, account)
    _require_council(officer, council)
    with transaction.atomic():
        Council.objects.select_for_update().filter(pk=council.pk).first()  # one at a time
        role = OfficerRole.objects.filter(user=account, council=council).first()
        if role is None:
            return False
        if account.pk == officer.pk and account.officer_roles.count() == 1:
            raise AccountError(
                "You cannot remove your own last officer role. Ask another officer to do it",
                "council",
            )
        if account.is_active and not _other_active_officers(council, account).exists():
            raise AccountError(
                f"{_display(account)} is the only active officer of {council}. "
                "Give another account the officer role first",
                "council",
            )
        role.delete()
    return True


# Deactivation.


def deactivate(officer, account) -> bool:
    """True if the account was active. A deactivated account cannot sign in at all."""
    _require_scope(officer, account)
    if not account.is_active:
        return False
    with transaction.atomic():
        councils = list(
            Council.objects.select_for_update().filter(
                pk__in=OfficerRole.objects.filter(user=account).values("council_id")
            )
        )
        others = [council for council in councils if not manages_council(officer, council)]
        if others:
            raise AccountError(
                f"{_display(account)} is also an officer of {others[0]}, which you do not "
                "run. Ask that council's officers to remove the role first"
            )
        for council in councils:
            if not _other_active_officers(council, account).exists():
                raise AccountError(
                    f"{_display(account)} is the only active officer of {council}. "
                    "Give another account the officer role first"
                )
        if account.pk == officer.pk:
            raise AccountError("You cannot deactivate your own account")
        updated = User.objects.filter(pk=account.pk, is_active=True).update(is_active=False)
    account.is_active = False
    return bool(updated)


def reactivate(officer, account) -> bool:
    _require_scope(officer, account)
    if account.is_active:
        return False  # and no UPDATE at all: a POST that changes nothing writes nothing
    updated = User.objects.filter(pk=account.pk, is_active=False).update(is_active=True)
    account.is_active = True
    return bool(updated)

"""Officers' pages for user accounts (/manage/accounts/). The writes are in services.py."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from committees.models import OfficerRole
from committees.roles import officer_required
from scrutiny.error_summary import error_items

from . import services
from .forms import InviteForm, LinkPersonForm, OfficerRoleForm, RemoveRoleForm

User = get_user_model()


def _accounts(officer):
    return (
        services.accounts_in_scope(officer)
        .select_related("person")
        .prefetch_related(
            Prefetch("officer_roles", queryset=OfficerRole.objects.select_related("council"))
        )
        .order_by("username")
    )


def _account(officer, pk):
    """An account this officer looks after; any other is not found, as if it did not exist."""
    account = _accounts(officer).filter(pk=pk).first()
    if account is None:
        raise Http404("No such account.")
    return account


def _detail_url(account) -> str:
    return reverse("accounts_manage:detail", args=[account.pk])


def _add(form, error: services.AccountError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@officer_required
def account_list(request):
    accounts = _accounts(request.user)
    return render(request, "accounts/manage/account_list.html", {"accounts": accounts})


@officer_required
def account_invite(request):
    form = InviteForm(request.POST or None, officer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.invite(
                request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                council=data["council"],
                make_officer=data["make_officer"],
                person=data["person"],
                base_url=request.build_absolute_uri("/"),
            )
        except services.AccountError as error:
            _add(form, error)
        else:
            messages.success(request, f"An invitation has been sent to {account.email}.")
            return redirect(_detail_url(account))
    return render(
        request,
        "accounts/manage/invite.html",
        {"form": form, "errors": error_items(form)},
    )


def _detail(request, account, *, link=None, role=None, remove=None, state_error=None):
    """An account's page; a form that was sent back with errors is shown with them."""
    officer = request.user
    link = link or LinkPersonForm(
        officer=officer, action=reverse("accounts_manage:link_person", args=[account.pk])
    )
    role = role or OfficerRoleForm(
        officer=officer, action=reverse("accounts_manage:give_role", args=[account.pk])
    )
    errors = [
        *error_items(link),
        *error_items(role),
        *error_items(remove, anchor="officer-roles"),
    ]
    if state_error:
        errors.append({"href": "#account-state", "text": state_error})
    managed = set(services.managed_councils(officer).values_list("pk", flat=True))
    roles = [
        {"council": r.council, "removable": r.council_id in managed}
        for r in account.officer_roles.all()
    ]
    context = {
        "account": account,
        "person": getattr(account, "person", None),
        "roles": roles,
        "link_form": link,
        "role_form": role,
        "errors": errors,
        "is_self": account.pk == officer.pk,
    }
    return render(request, "accounts/manage/account_detail.html", context)


@officer_required
def account_detail(request, pk):
    return _detail(request, _account(request.user, pk))


@officer_required
@require_POST
def link_person(request, pk):
    account = _account(request.user, pk)
    form = LinkPersonForm(
        request.POST,
        officer=request.user,
        action=reverse("accounts_manage:link_person", args=[account.pk]),
    )
    if form.is_valid():
        try:
            services.link_person(request.user, account, form.cleaned_data["person"])
        except services.AccountError as error:
            _add(form, error)
        else:
            messages.success(
                request, f"The account is linked to {form.cleaned_data['person'].formal_name}."
            )
            return redirect(_detail_url(account))
    return _detail(request, account, link=form)


@officer_required
@require_POST
def unlink_person(request, pk):
    account = _account(request.user, pk)
    person = services.unlink_person(request.user, account)
    if person is not None:
        messages.success(request, f"The account is no longer linked to {person.formal_name}.")
    return redirect(_detail_url(account))


@officer_required
@require_POST
def give_role(request, pk):
    account = _account(request.user, pk)
    form = OfficerRoleForm(
        request.POST,
        officer=request.user,
        action=reverse("accounts_manage:give_role", args=[account.pk]),
    )
    if form.is_valid():
        council = form.cleaned_data["council"]
        try:
            services.give_officer_role(request.user, account, council)
        except services.AccountError as error:
            _add(form, error)
        else:
            messages.success(request, f"The account is an officer of {council}.")
            return redirect(_detail_url(account))
    return _detail(request, account, role=form)


@officer_required
@require_POST
def remove_role(request, pk):
    account = _account(request.user, pk)
    form = RemoveRoleForm(request.POST, officer=request.user)
    if form.is_valid():
        council = form.cleaned_data["council"]
        try:
            removed = services.remove_officer_role(request.user, account, council)
        except services.AccountError as error:
            form.add_error(None, error.message)
        else:
            if removed:
                messages.success(request, f"The account is no longer an officer of {council}.")
            if account.pk == request.user.pk and removed:
                return redirect("accounts_manage:list")
            return redirect(_detail_url(account))
    return _detail(request, account, remove=form)


@officer_required
@require_POST
def deactivate(request, pk):
    account = _account(request.user, pk)
    try:
        changed = services.deactivate(request.user, account)
    except services.AccountError as error:
        return _detail(request, account, state_error=error.message)
    if changed:
        messages.success(request, "The account is deactivated: it can no longer sign in.")
    return redirect(_detail_url(account))


@officer_required
@require_POST
def reactivate(request, pk):
    account = _account(request.user, pk)
    if services.reactivate(request.user, account):
        messages.success(request, "The account is active again: it can sign in.")
    return redirect(_detail_url(account))

"""Signing in (with a code, where set up), password reset, invitations and two-factor set-up."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from committees.roles import is_councillor, is_officer
from scrutiny.error_summary import error_items

from . import two_factor
from .forms import (
    CodeForm,
    PortalPasswordChangeForm,
    PortalPasswordResetForm,
    PortalSetPasswordForm,
    SignInForm,
    TwoFactorSetupForm,
)

PREVIOUS_VISIT_KEY = "previous_visit"


def landing_url(user) -> str:
    """Where someone goes after signing in, unless they were on their way somewhere."""
    if is_officer(user):
        return reverse("manage:dashboard")
    if is_councillor(user):
        return "/my/"  # the councillors' own area (councillors/urls.py)
    return reverse(settings.LOGIN_REDIRECT_URL)


def safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def complete_sign_in(request, user, device=None) -> None:
    """
    Sign in someone who has given their password (and code, if they use one).

    The session keeps when they were last here, as "previous_visit" (ISO 8601), before
    Django moves last_login on: "My meetings" marks papers new since then.
    """
    previous_visit = user.last_login
    if device is not None:
        user.otp_device = device  # django_otp's user_logged_in receiver keeps it in the session
    auth_login(request, user, backend=getattr(user, "backend", None))
    if previous_visit is None:
        request.session.pop(PREVIOUS_VISIT_KEY, None)
    else:
        request.session[PREVIOUS_VISIT_KEY] = previous_visit.isoformat()


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"

    def form_valid(self, form):
        user = form.get_user()
        next_url = self.get_redirect_url()
        if two_factor.confirmed_device(user) is not None:
            self.request.session[two_factor.PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "started": timezone.now().timestamp(),
                "next": next_url,
            }
            return redirect("accounts:two_factor_verify")
        complete_sign_in(self.request, user)
        if self.request.session.get(two_factor.REQUIRED_KEY):
            return redirect(_with_next(reverse("accounts:two_factor_setup"), next_url))
        return redirect(next_url or landing_url(user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["errors"] = error_items(context["form"], anchor="id_username")
        return context


class SignOutView(auth_views.LogoutView):
    pass


def _pending_sign_in(request):
    """The person who gave the right password and is still to give a code, if any."""
    pending = request.session.get(two_factor.PENDING_KEY)
    if not isinstance(pending, dict):
        return None, None
    age = timezone.now().timestamp() - float(pending.get("started", 0))
    if age > two_factor.PENDING_MAX_AGE.total_seconds():
        return None, None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None:
        return None, None
    user.backend = pending.get("backend")
    return user, pending


def two_factor_verify(request):
    """The second step of signing in: the code from the person's authenticator app."""
    user, pending = _pending_sign_in(request)
    if pending is not None:
        next_url = safe_next(request, pending.get("next"))
    elif request.user.is_authenticated:
        user = request.user
        next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
        if user.is_verified():
            return redirect(next_url or landing_url(user))
    else:
        return redirect("login")
    device = two_factor.confirmed_device(user)
    if device is None:  # the app was removed meanwhile
        if pending is not None:
            request.session.pop(two_factor.PENDING_KEY, None)
            complete_sign_in(request, user)
        return redirect(next_url or landing_url(user))

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = two_factor.throttle_wait(device)
        if wait:
            form.add_error(
                "code",
                f"You have entered too many wrong codes. Wait {wait} second{'s' * (wait != 1)},"
                " then enter the code your app shows now",
            )
        elif device.verify_token(form.cleaned_data["code"]):
            if pending is not None:
                request.session.pop(two_factor.PENDING_KEY, None)
                complete_sign_in(request, user, device)
            else:
                otp_login(request, device)
            return redirect(next_url or landing_url(user))
        else:
            form.add_error("code", "The code is not right. Enter the code your app shows now")
    if pending is None:
        form.helper.form_action = _with_next(request.path, next_url)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "errors": error_items(form), "next": next_url, "signed_in": not pending},
    )


@login_required
def two_factor_setup(request):
    """Set up an authenticator app: scan the code (or type the key), then give a first code.

    The new key travels in the form, signed (two_factor.new_setup_token), so showing the
    page writes nothing; the device is saved once a code from it has been given.
    """
    user = request.user
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    device = two_factor.confirmed_device(user)
    if device is not None and not user.is_verified():
        return redirect(_with_next(reverse("accounts:two_factor_verify"), next_url))

    errors = []
    token = request.POST.get("setup", "") if request.method == "POST" else ""
    key = two_factor.key_from_setup_token(user, token) if token else None
    if request.method == "POST" and key is not None:
        form = TwoFactorSetupForm(request.POST)
        if form.is_valid():
            step = two_factor.verify_new_key(key, form.cleaned_data["code"])
            if step is not None:
                with transaction.atomic():
                    device = two_factor.save_device(user, key, step)
                otp_login(request, device)
                messages.success(
                    request,
                    "Your authenticator app is set up. You will be asked for a code from it "
                    "each time you sign in.",
                )
                return redirect(next_url or landing_url(user))
            form.add_error("code", "The code is not right. Enter the code your app shows now")
        errors = error_items(form)
    else:
        if request.method == "POST":  # the set-up took too long, or the form was altered
            errors = [
                {
                    "href": "#setup-key",
                    "text": "This set-up has expired. Add the new key below to your app, "
                    "then enter a code from it",
                }
            ]
        token = two_factor.new_setup_token(user)
        key = two_factor.key_from_setup_token(user, token)
        form = TwoFactorSetupForm(initial={"setup": token})
    form.helper.form_action = _with_next(request.path, next_url)
    url = two_factor.otpauth_url(user, key)
    context = {
        "form": form,
        "errors": errors,
        "next": next_url,
        "device": device,
        "required": two_factor.required_for(user),
        "otpauth_url": url,
        "secret": two_factor.base32_secret(key),
        "qr_svg": two_factor.qr_svg(url),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@require_POST
@login_required
def two_factor_remove(request):
    user = request.user
    if two_factor.required_for(user):
        messages.error(request, "Your council requires a code at sign-in, so you must keep an app.")
    elif two_factor.confirmed_device(user) is not None and not user.is_verified():
        return redirect("accounts:two_factor_verify")
    else:
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, "You will no longer be asked for a code when you sign in.")
    return redirect("accounts:home")


@login_required
def account_home(request):
    user = request.user
    return render(
        request,
        "accounts/home.html",
        {
            "device": two_factor.confirmed_device(user),
            "required": two_factor.required_for(user),
        },
    )


# Password reset, and invitations (the same one-time link, worded as a welcome).


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        return {
            "portal_name": two_factor.PORTAL_NAME,
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["errors"] = error_items(context["form"])
        return context


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = PortalSetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["errors"] = error_items(context.get("form"))
        return context


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class InvitationView(PasswordResetConfirmView):
    template_name = "accounts/invitation_accept.html"
    success_url = reverse_lazy("accounts:invitation_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit": "Choose password"}


class InvitationDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/invitation_done.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PortalPasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["errors"] = error_items(context["form"])
        return context


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"

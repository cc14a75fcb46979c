"""Where a council requires two-factor sign-in, its people set it up before using the portal."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor

# Pages a signed-in person may still use before giving a code: setting up the app or
# giving the code, signing out, and the other account pages.
OPEN_PREFIXES = ("/account/", "/sign-out/", "/sign-in/")


class TwoFactorRequiredMiddleware:
    """
    After django_otp's OTPMiddleware. A session marked (accounts/signals.py: at any sign-in,
    the portal's own or the admin's, when the person has an authenticator app or their
    council requires one; or later, when a council starts to require it) and not yet
    verified with a code is sent to give a code, or to set up an app if they have none.

    Unmarked sessions cost nothing here: the mark is in the session already loaded.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_prefixes = (*OPEN_PREFIXES, settings.STATIC_URL)

    def __call__(self, request):
        if self._marked_and_unverified(request):
            device = two_factor.confirmed_device(request.user)
            # The mark may be older than a council switching the requirement off again.
            if device is not None or two_factor.required_for(request.user):
                return self._send_to_two_factor(request, has_device=device is not None)
        return self.get_response(request)

    def _marked_and_unverified(self, request) -> bool:
        session = getattr(request, "session", None)
        if session is None or not session.get(two_factor.REQUIRED_KEY):
            return False
        if request.path_info.startswith(self.open_prefixes):
            return False
        user = request.user
        if not user.is_authenticated:
            return False
        is_verified = getattr(user, "is_verified", None)
        return not (is_verified is not None and is_verified())

    def _send_to_two_factor(self, request, *, has_device: bool):
        page = "accounts:two_factor_verify" if has_device else "accounts:two_factor_setup"
        next_url = request.get_full_path() if request.method == "GET" else ""
        url = reverse(page) + (f"?{urlencode({'next': next_url})}" if next_url else "")
        if request.headers.get("HX-Request") == "true":  # django-htmx has not run yet
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)

"""Signing in: throttling, where people land, password reset, two-factor codes, and headers."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.factories import (
    CommitteeFactory,
    CouncilFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    officer_user,
    totp_code,
    totp_device,
)

PASSWORD = "correct horse battery"
LONDON = zoneinfo.ZoneInfo("Europe/London")
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_axes")]


def sign_in(client, username, password=PASSWORD, next_url=None, address="127.0.0.1"):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, REMOTE_ADDR=address)


def signed_in_user(client):
    return client.get("/").wsgi_request.user


# Throttling (django-axes).


def test_twenty_wrong_passwords_lock_the_account_even_from_other_addresses(client):
    officer_user(username="dso")
    with time_machine.travel(datetime.datetime(2030, 7, 12, 14, 4, 30, tzinfo=LONDON), tick=False):
        for attempt in range(19):
            response = sign_in(client, "dso", "wrong", address=f"10.0.0.{attempt + 1}")
            assert response.status_code == 200
        locking = sign_in(client, "dso", "wrong", address="10.0.0.20")
        assert locking.status_code == 429

        # The 21st attempt, with the right password and from a new address, is refused.
        response = sign_in(client, "dso", address="10.0.0.99")
        assert response.status_code == 429
        page = response.content.decode()
        assert "Too many attempts to sign in" in page
        assert "You can try again after 2:35pm today." in page
        assert not signed_in_user(client).is_authenticated

    # Still locked a minute before the time given; free after it.
    with time_machine.travel(datetime.datetime(2030, 7, 12, 14, 34, tzinfo=LONDON), tick=False):
        assert sign_in(client, "dso", address="10.0.0.99").status_code == 429
    with time_machine.travel(datetime.datetime(2030, 7, 12, 14, 35, tzinfo=LONDON), tick=False):
        assert sign_in(client, "dso", address="10.0.0.99").status_code == 302
        assert signed_in_user(client).username == "dso"


def test_twenty_wrong_passwords_from_one_address_lock_that_address(client):
    officer_user(username="dso")
    with time_machine.travel(datetime.datetime(2030, 7, 12, 9, 0, tzinfo=LONDON), tick=False):
        for attempt in range(20):
            sign_in(client, f"guess{attempt}", "wrong", address="192.0.2.7")
        response = sign_in(client, "dso", address="192.0.2.7")
        assert response.status_code == 429
        assert "You can try again after 9:30am today." in response.content.decode()
        # The account itself is not locked: from elsewhere it signs in.
        assert sign_in(client, "dso", address="198.51.100.1").status_code == 302


def test_a_right_password_before_the_limit_clears_the_count(client):
    officer_user(username="dso")
    for _ in range(19):
        sign_in(client, "dso", "wrong")
    assert sign_in(client, "dso").status_code == 302
    client.post(reverse("logout"))
    for _ in range(19):
        assert sign_in(client, "dso", "wrong").status_code == 200
    assert sign_in(client, "dso").status_code == 302


# The sign-in page.


def test_a_failed_sign_in_says_error_in_the_title_and_keeps_the_username(client):
    officer_user(username="dso")
    response = sign_in(client, "dso", "nope")
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: Sign in", page)
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#id_username">Enter a correct username and password.' in page
    assert 'value="dso"' in page
    assert "Error: Sign in" not in client.get(reverse("login")).content.decode()


def test_sign_in_and_out_keep_their_addresses(client):
    assert reverse("login") == "/sign-in/"
    assert reverse("logout") == "/sign-out/"
    officer_user(username="dso")
    assert sign_in(client, "dso").status_code == 302
    assert client.post("/sign-out/").status_code == 302
    assert not signed_in_user(client).is_authenticated


def test_an_invited_username_is_not_case_sensitive(client):
    UserFactory(username="jo.bloggs@somerset.gov.uk")
    assert sign_in(client, "Jo.Bloggs@Somerset.gov.uk ").status_code == 302


@pytest.mark.parametrize(
    ("kind", "landing"),
    [("officer", "/manage/"), ("councillor", "/my/"), ("neither", "/")],
)
def test_people_land_on_their_own_page(client, kind, landing):
    user = (
        officer_user(username="someone") if kind == "officer" else UserFactory(username="someone")
    )
    if kind == "councillor":
        PersonFactory(user=user)
    response = sign_in(client, "someone")
    assert response["Location"] == landing


def test_an_explicit_next_wins_and_an_outside_one_is_ignored(client):
    officer_user(username="dso")
    assert sign_in(client, "dso", next_url="/committees/")["Location"] == "/committees/"
    client.post(reverse("logout"))
    assert sign_in(client, "dso", next_url="https://evil.example/")["Location"] == "/manage/"


def test_the_previous_visit_is_kept_in_the_session(client):
    user = officer_user(username="dso")
    sign_in(client, "dso")
    assert "previous_visit" not in client.session  # the first sign-in
    first = User.objects.get(pk=user.pk).last_login
    client.post(reverse("logout"))

    sign_in(client, "dso")
    assert client.session["previous_visit"] == first.isoformat()
    assert datetime.datetime.fromisoformat(client.session["previous_visit"]) == first
    assert User.objects.get(pk=user.pk).last_login > first


# Password reset.


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/password-reset/[^\s]+/)", message.body).group(1)


def test_password_reset_by_email_works_once(client):
    UserFactory(username="dso", email="dso@somerset.gov.uk")
    response = client.post(reverse("accounts:password_reset"), {"email": "DSO@somerset.gov.uk"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dso@somerset.gov.uk"]
    assert "Council scrutiny" in message.subject
    assert "Council scrutiny" in message.body and "Your username is: dso" in message.body

    link = reset_link(message)
    set_password = client.get(link)
    assert set_password.status_code == 302  # Django swaps the token out of the address
    page = client.get(set_password["Location"])
    assert "Choose a new password" in page.content.decode()
    new = {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"}
    done = client.post(set_password["Location"], new)
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert sign_in(client, "dso", "a new long passphrase").status_code == 302

    client.post(reverse("logout"))
    again = client.get(link, follow=True)
    assert "This link does not work" in again.content.decode()


def test_password_reset_says_the_same_whether_or_not_there_is_an_account(client):
    UserFactory(username="dso", email="dso@somerset.gov.uk")
    known = client.post(reverse("accounts:password_reset"), {"email": "dso@somerset.gov.uk"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    page = client.get(known["Location"]).content.decode()
    assert "If that address belongs to an account" in page


def test_password_reset_errors_are_summarised(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "not an address"})
    page = response.content.decode()
    assert re.search(r"<title>Error: Reset your password", page)
    assert '<a href="#id_email">Enter an e-mail address in the correct format' in page
    assert 'value="not an address"' in page


# Two-factor sign-in.


def test_someone_with_an_app_is_asked_for_a_code(client):
    user = officer_user(username="dso")
    device = totp_device(user)
    response = sign_in(client, "dso", next_url="/committees/")
    assert response["Location"] == reverse("accounts:two_factor_verify")
    assert not signed_in_user(client).is_authenticated

    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    assert re.search(r"<title>Error: Enter the code", wrong.content.decode())
    assert "The code is not right" in wrong.content.decode()
    assert not signed_in_user(client).is_authenticated

    device.refresh_from_db()
    device.throttling_failure_count = 0  # no waiting after the wrong code, in a test
    device.save()
    response = client.post(
        reverse("accounts:two_factor_verify"), {"code": totp_code(device.bin_key)}
    )
    assert response["Location"] == "/committees/"
    user = signed_in_user(client)
    assert user.username == "dso" and user.is_verified()


def test_a_code_step_remembers_the_previous_visit_too(client):
    user = officer_user(username="dso")
    earlier = timezone.now() - datetime.timedelta(days=3)
    User.objects.filter(pk=user.pk).update(last_login=earlier)
    device = totp_device(user)
    sign_in(client, "dso")
    client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(device.bin_key)})
    assert client.session["previous_visit"] == earlier.isoformat()


def test_wrong_codes_are_throttled(client):
    user = officer_user(username="dso")
    device = totp_device(user)
    sign_in(client, "dso")
    client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    response = client.post(
        reverse("accounts:two_factor_verify"), {"code": totp_code(device.bin_key)}
    )
    assert "You have entered too many wrong codes. Wait" in response.content.decode()
    assert not signed_in_user(client).is_authenticated


def test_the_code_page_without_a_password_first_goes_to_sign_in(client):
    assert client.get(reverse("accounts:two_factor_verify"))["Location"] == reverse("login")


def test_setting_up_an_app(client):
    user = officer_user(username="dso")
    sign_in(client, "dso")
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "otpauth://totp/Council%20scrutiny%3Adso?secret=" in page
    assert "<svg" in page and "<img" not in page
    token = re.search(r'name="setup" value="([^"]+)"', page).group(1)
    key = two_factor.key_from_setup_token(user, token)
    assert not TOTPDevice.objects.exists()  # showing the page saved nothing

    wrong = client.post(reverse("accounts:two_factor_setup"), {"setup": token, "code": "12345"})
    assert '<a href="#id_code">Enter the 6-digit code, numbers only' in wrong.content.decode()
    assert token in wrong.content.decode()  # the same key, so the app set up still works
    assert not TOTPDevice.objects.exists()

    response = client.post(
        reverse("accounts:two_factor_setup"), {"setup": token, "code": totp_code(key)}
    )
    assert response["Location"] == "/manage/"
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == key
    assert signed_in_user(client).is_verified()


def test_a_setup_key_signed_for_someone_else_is_refused(client):
    other = UserFactory(username="other")
    UserFactory(username="dso")
    sign_in(client, "dso")
    token = two_factor.new_setup_token(other)
    key = two_factor.key_from_setup_token(other, token)
    response = client.post(
        reverse("accounts:two_factor_setup"), {"setup": token, "code": totp_code(key)}
    )
    assert "This set-up has expired" in response.content.decode()
    assert not TOTPDevice.objects.exists()


@pytest.fixture
def council_requiring_codes():
    return CouncilFactory(name="Careful Council", slug="careful", require_two_factor=True)


def test_a_council_that_requires_codes_sends_its_officers_to_set_up_an_app(
    client, council_requiring_codes
):
    officer_user(username="dso", council=council_requiring_codes)
    response = sign_in(client, "dso")
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert signed_in_user(client).is_authenticated
    blocked = client.get("/manage/")
    assert blocked["Location"] == reverse("accounts:two_factor_setup") + "?next=%2Fmanage%2F"
    assert client.get("/committees/")["Location"].startswith(reverse("accounts:two_factor_setup"))
    # Signing out and the account pages still work.
    assert client.get(reverse("accounts:home")).status_code == 200

    page = client.get(blocked["Location"]).content.decode()
    assert "Your council asks everyone" in page
    token = re.search(r'name="setup" value="([^"]+)"', page).group(1)
    key = two_factor.key_from_setup_token(signed_in_user(client), token)
    done = client.post(blocked["Location"], {"setup": token, "code": totp_code(key)})
    assert done["Location"] == "/manage/"
    assert client.get("/manage/").status_code == 200


def test_htmx_requests_are_told_where_to_go(client, council_requiring_codes):
    officer_user(username="dso", council=council_requiring_codes)
    sign_in(client, "dso")
    response = client.get("/manage/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:two_factor_setup"))


def test_current_members_of_its_committees_must_use_codes_and_former_ones_need_not(
    client, council_requiring_codes
):
    committee = CommitteeFactory(council=council_requiring_codes)
    today = datetime.date.today()
    member = UserFactory(username="member")
    MembershipFactory(committee=committee, person=PersonFactory(user=member))
    former = UserFactory(username="former")
    MembershipFactory(
        committee=committee,
        person=PersonFactory(user=former),
        start_date=today - datetime.timedelta(days=900),
        end_date=today - datetime.timedelta(days=30),
    )
    assert sign_in(client, "member")["Location"] == reverse("accounts:two_factor_setup")
    client.post(reverse("logout"))
    assert sign_in(client, "former")["Location"] == "/my/"


def test_switching_the_requirement_on_reaches_people_already_signed_in(client):
    council = CouncilFactory()
    officer_user(username="dso", council=council)
    sign_in(client, "dso")
    assert client.get("/manage/").status_code == 200

    council.require_two_factor = True
    council.save()
    assert client.get("/manage/")["Location"].startswith(reverse("accounts:two_factor_setup"))

    council.require_two_factor = False
    council.save()
    assert client.get("/manage/").status_code == 200


def test_the_admin_sign_in_does_not_skip_the_code(client):
    user = officer_user(username="dso", is_staff=True)
    device = totp_device(user)
    client.post("/admin/login/", {"username": "dso", "password": PASSWORD, "next": "/admin/"})
    response = client.get("/admin/")
    assert response["Location"] == reverse("accounts:two_factor_verify") + "?next=%2Fadmin%2F"
    done = client.post(response["Location"], {"code": totp_code(device.bin_key)})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_app_can_be_removed_unless_the_council_requires_it(client, council_requiring_codes):
    user = officer_user(username="dso")
    device = totp_device(user)
    sign_in(client, "dso")
    client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(device.bin_key)})
    client.post(reverse("accounts:two_factor_remove"))
    assert not TOTPDevice.objects.filter(user=user).exists()

    required = officer_user(username="required", council=council_requiring_codes)
    device = totp_device(required)
    client.post(reverse("logout"))
    sign_in(client, "required")
    client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(device.bin_key)})
    client.post(reverse("accounts:two_factor_remove"))
    assert TOTPDevice.objects.filter(user=required).exists()


# Headers.


def test_pages_carry_a_content_security_policy_and_a_permissions_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy or policy.endswith("script-src 'self'")
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    nonce = re.search(r"style-src 'self' 'nonce-([^']+)'", policy).group(1)
    assert f'<meta name="trix-csp-nonce" content="{nonce}">' in response.content.decode()
    assert "frame-ancestors 'none'" in policy
    assert "<script>" not in response.content.decode()  # no inline script
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_print_views_may_style_themselves_inline_and_run_no_script(client):
    """A print view is its PDF's HTML, rendered without a request and so without a nonce."""
    from tests.factories import make_entry

    entry = make_entry()
    response = client.get(f"/tracker/committee/{entry.tracker.committee.slug}/print/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self'" in policy and "'unsafe-eval'" not in policy


def test_each_response_has_its_own_nonce(client):
    first = client.get(reverse("login"))["Content-Security-Policy"]
    second = client.get(reverse("login"))["Content-Security-Policy"]
    assert first != second


# In a browser.


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_locked_account_is_told_when_to_try_again(live_server, page):
    from playwright.sync_api import expect

    officer_user(username="dso")
    page.goto(f"{live_server.url}/sign-in/")
    for _ in range(20):
        page.fill("#id_username", "dso")
        page.fill("#id_password", "wrong password")
        page.get_by_role("button", name="Sign in").click()
        if page.title().startswith("Too many"):
            break
        expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page.get_by_role("heading", name="Too many attempts to sign in")).to_be_visible()
    expect(page.locator("#try-again")).to_have_text(
        re.compile(r"^You can try again after \d{1,2}:\d\d[ap]m (today|tomorrow)\.$")
    )

    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", "dso")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#try-again")).to_contain_text("You can try again after")

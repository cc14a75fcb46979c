"""E-mail alerts for anyone: subscribe, confirm by a signed link, get alerts, unsubscribe."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alerts import delivery, tasks
from alerts.models import AlertSent, Subscription
from alerts.tokens import CONFIRM_SALT, confirmation_token
from meetings import rescheduling
from meetings.models import AgendaItem
from packs import services as packs
from packs.models import PackVersion
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MinutesFactory,
    add_paper,
    four_may_meeting,
    officer_user,
)

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")
SITE = "https://scrutiny.example.gov.uk"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def eager():
    """Celery runs each task in the caller, as a worker would run it."""
    from scrutiny.celery import app

    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


def subscribe(client, committee, email, capture):
    with capture(execute=True):
        return client.post(reverse("alerts:subscribe", args=[committee.slug]), {"email": email})


def link_in(message) -> str:
    (url,) = re.findall(r"https?://\S+", message.body)
    return url.removeprefix(SITE)


def confirm(client, committee, email, capture) -> Subscription:
    """Subscribe, open the e-mailed link and press Confirm."""
    mail.outbox.clear()
    subscribe(client, committee, email, capture)
    (message,) = mail.outbox
    url = link_in(message)
    assert client.get(url).status_code == 200
    client.post(url)
    mail.outbox.clear()
    return Subscription.objects.get(email=email, committee=committee)


def build_now(versions, capture):
    with capture(execute=True):
        for version in versions:
            packs.build_version(version.pk)
            version.refresh_from_db()
    return versions


def test_subscribing_sends_a_confirmation_and_only_a_confirmed_address_gets_the_alert(
    client, eager, django_capture_on_commit_callbacks
):
    meeting, items = four_may_meeting(papers={2: [2]})
    committee = meeting.committee

    page = client.get(committee.get_absolute_url()).content.decode()
    assert reverse("alerts:subscribe", args=[committee.slug]) in page
    assert "Get e-mail alerts" in page

    response = subscribe(
        client, committee, "Reader@Example.org ", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:subscribe_sent", args=[committee.slug])
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert committee.name in message.subject and "Confirm" in message.subject
    confirm_url = link_in(message)
    assert confirm_url.startswith("/alerts/confirm/")
    subscription = Subscription.objects.get()
    assert subscription.email == "reader@example.org" and not subscription.is_confirmed

    # Opening the link shows a button; only pressing it confirms (a GET never writes).
    with CaptureQueriesContext(connection) as queries:
        page = client.get(confirm_url)
    assert not [q for q in queries if q["sql"].startswith(WRITES)]
    assert "Confirm your e-mail alerts" in page.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_confirmed
    response = client.post(confirm_url)
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.is_confirmed
    assert "You will get e-mail alerts" in client.get(confirm_url).content.decode()

    mail.outbox.clear()
    subscribe(client, committee, "waiting@example.org", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["waiting@example.org"]]  # the confirmation only
    mail.outbox.clear()

    build_now(packs.publish(meeting, officer_user()), django_capture_on_commit_callbacks)

    (alert,) = mail.outbox
    assert alert.to == ["reader@example.org"]
    assert alert.cc == [] and alert.bcc == []
    assert alert.subject == f"New agenda: {committee.name}, 4 May 2023"
    assert f"{SITE}{meeting.get_absolute_url()}#pack" in alert.body
    assert "Item 2 title" in alert.body
    unsubscribe_url = (
        f"{SITE}{reverse('alerts:unsubscribe', args=[subscription.unsubscribe_token])}"
    )
    assert alert.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in alert.body
    sent = alert.message()
    assert sent["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert AlertSent.objects.filter(subscription=subscription).count() == 1


def test_a_supplement_and_a_republication_are_alerts_of_their_own(
    client, eager, django_capture_on_commit_callbacks
):
    meeting, items = four_may_meeting(papers={2: [2]})
    confirm(client, meeting.committee, "reader@example.org", django_capture_on_commit_callbacks)
    build_now(packs.publish(meeting, officer_user()), django_capture_on_commit_callbacks)
    add_paper(meeting, items[9], "Draft consultation response", 1)
    mail.outbox.clear()

    build_now(
        packs.publish(meeting, officer_user(), supplement_to=packs.current_pack(meeting)),
        django_capture_on_commit_callbacks,
    )
    (alert,) = mail.outbox
    assert alert.subject.startswith("Supplement 1 to the agenda: ")
    assert "Item 9: Draft consultation response" in alert.body
    mail.outbox.clear()

    build_now(packs.publish(meeting, officer_user()), django_capture_on_commit_callbacks)
    (alert,) = mail.outbox
    assert alert.subject.startswith("Agenda updated: ")


def test_an_alert_never_names_an_exempt_item_or_paper(
    client, eager, django_capture_on_commit_callbacks
):
    meeting, items = four_may_meeting(papers={2: [2]})
    secret = AgendaItemFactory(
        meeting=meeting,
        position=13,
        title="Sale of the depot to Acme Holdings",
        is_exempt=True,
        exempt_paragraph=3,
    )
    AgendaItemFactory(meeting=meeting, parent=secret, position=1, title="Acme's bid in detail")
    add_paper(meeting, secret, "Acme valuation report", 1)
    add_paper(meeting, items[2], "Acme side letter", 1, is_exempt=True)
    confirm(client, meeting.committee, "reader@example.org", django_capture_on_commit_callbacks)

    build_now(packs.publish(meeting, officer_user()), django_capture_on_commit_callbacks)
    add_paper(meeting, items[9], "Late public paper", 1)
    add_paper(meeting, secret, "Acme late valuation", 1)
    build_now(
        packs.publish(meeting, officer_user(), supplement_to=packs.current_pack(meeting)),
        django_capture_on_commit_callbacks,
    )

    assert len(mail.outbox) == 2
    for alert in mail.outbox:
        text = " ".join([alert.subject, alert.body, str(alert.message())])
        assert "Acme" not in text
    assert "Item 12 title" in mail.outbox[0].body
    assert "Late public paper" in mail.outbox[1].body


def test_the_confidential_pack_sends_nothing_and_a_retried_task_sends_nothing_twice(
    client, eager, django_capture_on_commit_callbacks
):
    meeting, _ = four_may_meeting(papers={2: [2]})
    confirm(client, meeting.committee, "one@example.org", django_capture_on_commit_callbacks)
    confirm(client, meeting.committee, "two@example.org", django_capture_on_commit_callbacks)
    with mock.patch("alerts.tasks.send_alerts.delay") as queued:
        build_now(packs.publish(meeting, officer_user()), django_capture_on_commit_callbacks)
    (call,) = queued.call_args_list  # the public pack only
    public = meeting.pack_versions.get(kind=PackVersion.Kind.PUBLIC)
    assert call.args == ("pack", public.pk, f"pack:{public.pk}")

    # The first try fails half way, after one message; the retry sends the other only.
    real_send = delivery.alert_message
    sends = []

    def fail_second(subscription, alert, connection=None):
        message = real_send(subscription, alert, connection)
        if sends:
            message.send = mock.Mock(side_effect=OSError("connection lost"))
        sends.append(subscription.email)
        return message

    with (
        mock.patch("alerts.delivery.alert_message", fail_second),
        pytest.raises(OSError),
    ):
        tasks.send_alerts(*call.args)
    assert [m.to for m in mail.outbox] == [["one@example.org"]]
    assert AlertSent.objects.count() == 1

    tasks.send_alerts(*call.args)
    tasks.send_alerts(*call.args)
    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.org", "two@example.org"]
    assert AlertSent.objects.count() == 2


def test_unsubscribing_is_a_post_and_a_get_only_asks(
    client, eager, django_capture_on_commit_callbacks
):
    meeting, _ = four_may_meeting(papers={2: [2]})
    subscription = confirm(
        client, meeting.committee, "reader@example.org", django_capture_on_commit_callbacks
    )
    url = subscription.get_unsubscribe_url()

    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert not [q for q in queries if q["sql"].startswith(WRITES)]
    assert page.status_code == 200
    assert "Stop e-mail alerts" in page.content.decode()
    assert 'method="post"' in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()

    response = client.post(url)
    assert response.status_code == 200
    assert "E-mail alerts stopped" in response.content.decode()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert "No alerts to stop" in client.get(url).content.decode()
    assert client.post(url).status_code == 200  # again: nothing to do, the same answer

    build_now(packs.publish(meeting, officer_user()), django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_one_click_unsubscribe_from_a_mail_program_needs_no_csrf_token(
    eager, django_capture_on_commit_callbacks
):
    from django.test import Client

    committee = CommitteeFactory()
    subscription = confirm(
        Client(), committee, "reader@example.org", django_capture_on_commit_callbacks
    )
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(
        subscription.get_unsubscribe_url(),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_subscribing_twice_changes_nothing_and_says_the_same(
    client, eager, django_capture_on_commit_callbacks
):
    committee = CommitteeFactory()
    first = subscribe(client, committee, "reader@example.org", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    subscription = Subscription.objects.get()

    with CaptureQueriesContext(connection) as queries:
        again = subscribe(
            client, committee, "READER@example.org", django_capture_on_commit_callbacks
        )
    assert not [q for q in queries if q["sql"].startswith(WRITES)]
    assert again["Location"] == first["Location"]
    assert len(mail.outbox) == 1  # at most one confirmation e-mail a day
    assert Subscription.objects.get() == subscription

    # A day later an unconfirmed address may have a fresh link.
    Subscription.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(days=1))
    subscribe(client, committee, "reader@example.org", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2

    # A confirmed address: nothing is sent, nothing changes, the answer is the same.
    client.post(link_in(mail.outbox[-1]))
    subscription.refresh_from_db()
    token, confirmed_at = subscription.unsubscribe_token, subscription.confirmed_at
    Subscription.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(days=3))
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        third = subscribe(
            client, committee, "reader@example.org", django_capture_on_commit_callbacks
        )
    assert not [q for q in queries if q["sql"].startswith(WRITES)]
    assert third["Location"] == first["Location"]
    assert mail.outbox == []
    subscription.refresh_from_db()
    assert (subscription.unsubscribe_token, subscription.confirmed_at) == (token, confirmed_at)
    assert Subscription.objects.count() == 1


def test_an_invalid_address_is_shown_in_the_error_summary_and_kept_in_the_field(
    client, django_capture_on_commit_callbacks
):
    committee = CommitteeFactory()

    response = subscribe(client, committee, "reader@example", django_capture_on_commit_callbacks)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page
    assert (
        '<a href="#id_email">Enter an e-mail address in the correct format, like name@example.org'
        in page
    )
    assert 'value="reader@example"' in page
    assert "govuk-input--error" in page
    assert not Subscription.objects.exists()
    assert mail.outbox == []

    empty = client.post(reverse("alerts:subscribe", args=[committee.slug]), {})
    assert '<a href="#id_email">Enter your e-mail address</a>' in empty.content.decode()


def test_an_expired_or_changed_confirmation_link_gets_a_clear_page(
    client, eager, django_capture_on_commit_callbacks
):
    committee = CommitteeFactory()
    subscribe(client, committee, "reader@example.org", django_capture_on_commit_callbacks)
    subscription = Subscription.objects.get()
    url = link_in(mail.outbox[0])

    assert client.get(url).status_code == 200
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    with mock.patch("time.time", return_value=eight_days_ago.timestamp()):
        url = reverse("alerts:confirm", args=[confirmation_token(subscription)])
    expired = client.get(url)
    pressed = client.post(url)
    assert expired.status_code == 410
    assert "This link has expired" in expired.content.decode()
    assert reverse("alerts:subscribe", args=[committee.slug]) in expired.content.decode()
    assert pressed.status_code == 410

    token = url.removeprefix("/alerts/confirm/").rstrip("/")
    for changed in [
        token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"),
        signing.TimestampSigner(salt=CONFIRM_SALT, key="another key").sign_object(
            {"s": subscription.pk, "e": subscription.email}
        ),
        "paper.pdf",
    ]:
        response = client.post(reverse("alerts:confirm", args=[changed]))
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_confirmed

    # A link for another address than the subscription's does not work either.
    subscription.email = "someone.else@example.org"
    assert (
        client.get(reverse("alerts:confirm", args=[confirmation_token(subscription)])).status_code
        == 400
    )


def test_minutes_and_a_cancellation_are_alerts_too(
    client, eager, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(date=datetime.date.today() + datetime.timedelta(days=20))
    earlier = MeetingFactory(committee=meeting.committee, date=datetime.date(2023, 3, 6))
    confirm(client, meeting.committee, "reader@example.org", django_capture_on_commit_callbacks)
    minutes = MinutesFactory(meeting=earlier)

    with django_capture_on_commit_callbacks(execute=True):
        minutes.publish()
    (alert,) = mail.outbox
    assert alert.subject == f"Minutes published: {meeting.committee.name}, 6 March 2023"
    assert f"{SITE}{reverse('minutes:detail', args=[earlier.pk])}" in alert.body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        rescheduling.cancel_meeting(meeting, reason="There is no business.", user=None)
    (alert,) = mail.outbox
    assert alert.subject.startswith(f"Meeting cancelled: {meeting.committee.name}, ")
    assert "This meeting has been cancelled. There is no business." in alert.body
    assert alert.extra_headers["List-Unsubscribe"]


def test_moving_a_draft_meeting_tells_nobody(client, eager, django_capture_on_commit_callbacks):
    draft = MeetingFactory(status="draft", date=datetime.date.today() + datetime.timedelta(days=9))
    AgendaItemFactory(meeting=draft, title="Secret plans", kind=AgendaItem.Kind.REPORT)
    confirm(client, draft.committee, "reader@example.org", django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        rescheduling.move_meeting(
            draft,
            date=draft.date + datetime.timedelta(days=1),
            start_time=datetime.time(14, 0),
            venue="Council Chamber",
            reason="",
            user=None,
        )
    assert mail.outbox == []
    # Asked directly (a task queued by mistake), the public's view still decides.
    assert delivery.send_alerts("meeting", draft.pk, f"meeting:{draft.pk}:x") == 0
    assert mail.outbox == []


def test_nothing_is_queued_when_nobody_is_subscribed(django_capture_on_commit_callbacks):
    meeting, _ = four_may_meeting(papers={2: [2]})
    unconfirmed = Subscription.objects.create(
        email="waiting@example.org", committee=meeting.committee
    )
    with mock.patch("alerts.tasks.send_alerts.delay") as queued:
        build_now(packs.publish(meeting, officer_user()), django_capture_on_commit_callbacks)
    assert not queued.called
    assert not unconfirmed.sent.exists()


def test_an_unreachable_queue_never_undoes_a_publication(
    client, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    meeting, _ = four_may_meeting(papers={2: [2]})
    Subscription.objects.create(
        email="reader@example.org", committee=meeting.committee, confirmed_at=timezone.now()
    )
    versions = packs.publish(meeting, officer_user())
    with mock.patch("alerts.tasks.send_alerts.delay", side_effect=OperationalError("down")):
        build_now(versions, django_capture_on_commit_callbacks)
    assert packs.current_pack(meeting) is not None


def test_an_address_that_never_confirms_is_forgotten_after_30_days():
    committee = CommitteeFactory()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    never_sent = Subscription.objects.create(
        email="old@example.org", committee=committee, created_at=now - 31 * day
    )
    stale = Subscription.objects.create(
        email="stale@example.org", committee=committee, created_at=now - 60 * day,
        confirmation_sent_at=now - 31 * day,
    )  # fmt: skip
    asked_again = Subscription.objects.create(
        email="again@example.org", committee=committee, created_at=now - 60 * day,
        confirmation_sent_at=now - 2 * day,
    )  # fmt: skip
    recent = Subscription.objects.create(
        email="new@example.org", committee=committee, created_at=now - 2 * day
    )
    confirmed = Subscription.objects.create(
        email="kept@example.org", committee=committee, created_at=now - 400 * day,
        confirmation_sent_at=now - 400 * day, confirmed_at=now - 399 * day,
    )  # fmt: skip

    assert tasks.forget_unconfirmed_subscriptions() == 2

    left = set(Subscription.objects.values_list("pk", flat=True))
    assert left == {asked_again.pk, recent.pk, confirmed.pk}
    assert never_sent.pk not in left and stale.pk not in left
    assert tasks.forget_unconfirmed_subscriptions() == 0

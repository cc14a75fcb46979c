"""Officers look after accounts: invitations, councillors' records, officer roles, deactivation."""

import html
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Invitation
from committees.models import OfficerRole, Person
from tests.factories import (
    CommitteeFactory,
    CouncilFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    officer_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_axes")]
PASSWORD = "correct horse battery"


@pytest.fixture
def somerset():
    return CouncilFactory()


@pytest.fixture
def north_somerset():
    return CouncilFactory(name="North Somerset Council", slug="north-somerset")


@pytest.fixture
def officer(somerset):
    return officer_user(username="dso", council=somerset, first_name="Dee", last_name="Esso")


@pytest.fixture
def councillor(somerset):
    user = UserFactory(username="cllr")
    MembershipFactory(committee=CommitteeFactory(council=somerset), person=PersonFactory(user=user))
    return user


@pytest.fixture
def somerset_member(somerset):
    """A member of a Somerset committee with no account yet."""
    return MembershipFactory(
        committee=CommitteeFactory(council=somerset),
        person=PersonFactory(first_name="Leigh", surname="Redman"),
    ).person


def detail(account):
    return reverse("accounts_manage:detail", args=[account.pk])


def action(name, account):
    return reverse(f"accounts_manage:{name}", args=[account.pk])


def summary_links(page: str) -> list[tuple[str, str]]:
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    found = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', summary)
    return [(href, html.unescape(text)) for href, text in found]


# Who may use the pages.


def test_councillors_get_403_and_the_public_is_sent_to_sign_in(client, councillor, officer):
    urls = [reverse("accounts_manage:list"), reverse("accounts_manage:invite"), detail(officer)]
    for url in urls:
        assert client.get(url)["Location"].startswith("/sign-in/")
    client.force_login(councillor)
    for url in urls:
        assert client.get(url).status_code == 403
    for name in ["deactivate", "give_role", "link_person", "remove_role", "unlink_person"]:
        assert client.post(action(name, officer)).status_code == 403
    assert User.objects.get(pk=officer.pk).is_active


def test_state_changes_need_a_post(officer_client, councillor):
    for name in ["deactivate", "reactivate", "give_role", "remove_role", "link_person"]:
        assert officer_client.get(action(name, councillor)).status_code == 405
    assert User.objects.get(pk=councillor.pk).is_active


def test_no_page_writes_on_get(officer_client, officer, councillor):
    urls = [
        reverse("accounts_manage:list"),
        reverse("accounts_manage:invite"),
        detail(councillor),
        detail(officer),
        reverse("accounts:home"),
        reverse("accounts:two_factor_setup"),
        reverse("accounts:password_reset"),
        reverse("login"),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(url).status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
        assert writes == [], url


# The list.


def test_the_list_shows_the_councils_accounts_and_no_others(
    officer_client, officer, councillor, north_somerset
):
    officer_user(username="ns-officer", council=north_somerset)
    response = officer_client.get(reverse("accounts_manage:list"))
    page = response.content.decode()
    assert {account.username for account in response.context["accounts"]} == {"dso", "cllr"}
    assert "ns-officer" not in page
    assert "Dee Esso" in page and "dso@example.org" in page
    assert councillor.person.formal_name in page
    assert "Somerset Council" in page
    assert "Never" in page


def test_an_account_of_another_council_is_not_found(officer_client, north_somerset):
    other = officer_user(username="ns-officer", council=north_somerset)
    assert officer_client.get(detail(other)).status_code == 404
    assert officer_client.post(action("deactivate", other)).status_code == 404
    assert (
        officer_client.post(
            action("give_role", other), {"role-council": north_somerset.pk}
        ).status_code
        == 404
    )
    assert User.objects.get(pk=other.pk).is_active


# Invitations.


def invitation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/invitation/[^\s]+/)", message.body).group(1)


def test_an_invitation_makes_an_account_whose_link_sets_a_password_once(
    officer_client, somerset, somerset_member, client
):
    response = officer_client.post(
        reverse("accounts_manage:invite"),
        {
            "email": "Leigh.Redman@Somerset.gov.uk",
            "first_name": "Leigh",
            "last_name": "Redman",
            "council": somerset.pk,
            "person": somerset_member.pk,
        },
    )
    account = User.objects.get(username="leigh.redman@somerset.gov.uk")
    assert response["Location"] == detail(account)
    assert account.email == "leigh.redman@somerset.gov.uk"
    assert not account.has_usable_password()
    assert Person.objects.get(pk=somerset_member.pk).user == account
    assert not account.officer_roles.exists()
    assert Invitation.objects.get(user=account).council == somerset

    message = mail.outbox[0]
    assert message.to == ["leigh.redman@somerset.gov.uk"]
    assert "Council scrutiny" in message.subject
    assert "Dee Esso of Somerset Council" in message.body
    link = invitation_link(message)

    officer_client.post(reverse("logout"))
    set_password = client.get(link)
    assert set_password.status_code == 302
    assert "Choose your password" in client.get(set_password["Location"]).content.decode()
    chosen = {"new_password1": "a long new passphrase", "new_password2": "a long new passphrase"}
    assert client.post(set_password["Location"], chosen)["Location"] == reverse(
        "accounts:invitation_done"
    )
    signed_in = client.post(
        reverse("login"),
        {"username": "leigh.redman@somerset.gov.uk", "password": "a long new passphrase"},
    )
    assert signed_in["Location"] == "/my/"

    client.post(reverse("logout"))
    again = client.get(link, follow=True).content.decode()
    assert "This invitation link does not work" in again


def test_an_invitation_can_make_an_officer(officer_client, somerset):
    officer_client.post(
        reverse("accounts_manage:invite"),
        {"email": "new.officer@somerset.gov.uk", "council": somerset.pk, "make_officer": "on"},
    )
    account = User.objects.get(username="new.officer@somerset.gov.uk")
    assert list(account.officer_roles.values_list("council", flat=True)) == [somerset.pk]


def test_an_invitation_to_an_address_in_use_is_refused(officer_client, somerset, officer):
    response = officer_client.post(
        reverse("accounts_manage:invite"),
        {"email": "DSO@Example.org", "first_name": "Typed", "council": somerset.pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: Invite someone", page)
    assert summary_links(page) == [
        ("#id_email", "There is already an account with this e-mail address")
    ]
    assert 'value="DSO@Example.org"' in page or 'value="dso@example.org"' in page
    assert 'value="Typed"' in page
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_an_invitation_linked_to_someone_already_linked_is_refused(
    officer_client, somerset, councillor
):
    response = officer_client.post(
        reverse("accounts_manage:invite"),
        {"email": "new@example.org", "council": somerset.pk, "person": councillor.person.pk},
    )
    page = response.content.decode()
    assert summary_links(page) == [
        ("#id_person", f"{councillor.person.formal_name} is already linked to another account")
    ]
    assert 'value="new@example.org"' in page
    assert not User.objects.filter(username="new@example.org").exists()


def test_an_invitation_for_a_council_you_do_not_run_is_refused(officer_client, north_somerset):
    response = officer_client.post(
        reverse("accounts_manage:invite"),
        {"email": "new@example.org", "council": north_somerset.pk, "make_officer": "on"},
    )
    assert summary_links(response.content.decode()) == [
        ("#id_council", "Choose one of the councils you run")
    ]
    assert not User.objects.filter(username="new@example.org").exists()
    assert not OfficerRole.objects.filter(council=north_somerset).exists()


def test_an_invitation_needs_an_address(officer_client, somerset):
    response = officer_client.post(reverse("accounts_manage:invite"), {"council": somerset.pk})
    assert summary_links(response.content.decode()) == [
        ("#id_email", "Enter the e-mail address of the person you are inviting")
    ]


# Councillors' records.


def test_linking_and_unlinking_a_councillor(officer_client, somerset_member):
    account = UserFactory(username="leigh")
    Invitation.objects.create(
        user=account, council=somerset_member.memberships.get().committee.council
    )
    response = officer_client.post(
        action("link_person", account), {"link-person": somerset_member.pk}
    )
    assert response["Location"] == detail(account)
    assert Person.objects.get(pk=somerset_member.pk).user == account

    officer_client.post(action("unlink_person", account))
    assert Person.objects.get(pk=somerset_member.pk).user is None


def test_linking_someone_already_linked_to_another_account_is_refused(
    officer_client, councillor, officer
):
    response = officer_client.post(
        action("link_person", officer), {"link-person": councillor.person.pk}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: Account: dso", page)
    assert summary_links(page) == [
        ("#id_link-person", f"{councillor.person.formal_name} is already linked to another account")
    ]
    assert f'<option value="{councillor.person.pk}" selected>' in page
    assert Person.objects.get(pk=councillor.person.pk).user == councillor


def test_linking_someone_from_another_council_is_refused(officer_client, officer, north_somerset):
    elsewhere = MembershipFactory(committee=CommitteeFactory(council=north_somerset)).person
    response = officer_client.post(action("link_person", officer), {"link-person": elsewhere.pk})
    assert summary_links(response.content.decode()) == [
        ("#id_link-person", "Choose a member of one of your councils' committees")
    ]
    assert Person.objects.get(pk=elsewhere.pk).user is None


# Officer roles.


def test_giving_and_removing_an_officer_role(officer_client, councillor, somerset):
    response = officer_client.post(action("give_role", councillor), {"role-council": somerset.pk})
    assert response["Location"] == detail(councillor)
    assert councillor.officer_roles.filter(council=somerset).exists()

    officer_client.post(action("remove_role", councillor), {"remove-council": somerset.pk})
    assert not councillor.officer_roles.exists()


def test_an_officer_cannot_give_a_role_for_a_council_they_do_not_run(
    officer_client, councillor, north_somerset
):
    response = officer_client.post(
        action("give_role", councillor), {"role-council": north_somerset.pk}
    )
    page = response.content.decode()
    assert summary_links(page) == [("#id_role-council", "Choose one of the councils you run")]
    assert not councillor.officer_roles.exists()


def test_an_officer_cannot_remove_a_role_for_a_council_they_do_not_run(
    officer_client, somerset, north_somerset
):
    both = officer_user(username="both", council=somerset)
    OfficerRole.objects.create(user=both, council=north_somerset)
    officer_user(username="ns-officer", council=north_somerset)
    response = officer_client.post(
        action("remove_role", both), {"remove-council": north_somerset.pk}
    )
    assert summary_links(response.content.decode()) == [
        ("#officer-roles", "You can only remove officer roles for councils you run")
    ]
    assert both.officer_roles.filter(council=north_somerset).exists()


def test_removing_your_own_last_officer_role_is_refused(officer_client, officer, somerset):
    officer_user(username="colleague", council=somerset)
    response = officer_client.post(action("remove_role", officer), {"remove-council": somerset.pk})
    page = response.content.decode()
    assert re.search(r"<title>Error: ", page)
    assert summary_links(page) == [
        (
            "#officer-roles",
            "You cannot remove your own last officer role. Ask another officer to do it",
        )
    ]
    assert officer.officer_roles.exists()


def test_removing_the_last_active_officer_of_a_council_is_refused(
    officer_client, officer, somerset, north_somerset
):
    OfficerRole.objects.create(user=officer, council=north_somerset)
    response = officer_client.post(
        action("remove_role", officer), {"remove-council": north_somerset.pk}
    )
    assert summary_links(response.content.decode()) == [
        (
            "#officer-roles",
            "Dee Esso is the only active officer of North Somerset Council. "
            "Give another account the officer role first",
        )
    ]
    assert officer.officer_roles.count() == 2


# Deactivation.


def test_deactivating_and_reactivating_an_account(officer_client, councillor, client):
    assert officer_client.post(action("deactivate", councillor))["Location"] == detail(councillor)
    assert not User.objects.get(pk=councillor.pk).is_active
    assert "Deactivated" in officer_client.get(reverse("accounts_manage:list")).content.decode()

    officer_client.post(action("reactivate", councillor))
    assert User.objects.get(pk=councillor.pk).is_active


def test_a_deactivated_account_cannot_sign_in(officer_client, councillor):
    officer_client.post(action("deactivate", councillor))
    officer_client.post(reverse("logout"))
    response = officer_client.post(reverse("login"), {"username": "cllr", "password": PASSWORD})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_a_deactivated_account_is_signed_out(client, officer, councillor):
    client.force_login(councillor)
    assert client.get("/").wsgi_request.user.is_authenticated
    officer_client = type(client)()
    officer_client.force_login(officer)
    officer_client.post(action("deactivate", councillor))
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_deactivating_the_last_active_officer_of_a_council_is_refused(client, somerset):
    only = officer_user(username="only", council=somerset, first_name="Only", last_name="One")
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(action("deactivate", only))
    page = response.content.decode()
    assert re.search(r"<title>Error: ", page)
    assert summary_links(page) == [
        (
            "#account-state",
            "Only One is the only active officer of Somerset Council. "
            "Give another account the officer role first",
        )
    ]
    assert User.objects.get(pk=only.pk).is_active

    # With a second active officer it may go.
    officer_user(username="second", council=somerset)
    client.post(action("deactivate", only))
    assert not User.objects.get(pk=only.pk).is_active


def test_deactivating_an_officer_of_a_council_you_do_not_run_is_refused(
    officer_client, somerset, north_somerset
):
    both = officer_user(username="both", council=somerset, first_name="Bo", last_name="Th")
    OfficerRole.objects.create(user=both, council=north_somerset)
    officer_user(username="ns-officer", council=north_somerset)
    response = officer_client.post(action("deactivate", both))
    assert summary_links(response.content.decode()) == [
        (
            "#account-state",
            "Bo Th is also an officer of North Somerset Council, which you do not run. "
            "Ask that council's officers to remove the role first",
        )
    ]
    assert User.objects.get(pk=both.pk).is_active


def test_you_cannot_deactivate_yourself(officer_client, officer, somerset):
    officer_user(username="colleague", council=somerset)
    response = officer_client.post(action("deactivate", officer))
    assert summary_links(response.content.decode()) == [
        ("#account-state", "You cannot deactivate your own account")
    ]
    assert User.objects.get(pk=officer.pk).is_active

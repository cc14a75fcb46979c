"""
Every kind of page, the officers' included, and every form in its error state, checked with
axe-core (the engine behind most accessibility checkers) in Chromium: no serious or critical
failures of WCAG 2.2 A and AA rules (issue 13).

The pages are rows of data (`CHECKS`): what the page is, its URL name, who looks at it and,
for a form, which form is sent with mistakes (emptied, by default) before the check. One
browser page and one live server do them all; a form on the page just checked is sent from
there, without loading the page again. `test_every_page_of_the_site_is_checked` fails when a
URL is added that is neither checked here nor excused: in `NOT_CHECKED` (not a page: a
file, a feed, a button's POST), with the reason, or in `SAME_KIND` (the template and form of a
page checked here).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from meetings.exempt import ExemptParagraph
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    PlanActionFactory,
    StandardItemFactory,
    UserFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    add_update,
    blank_pdf,
    make_entry,
    officer_user,
    totp_device,
)
from tests.page_checks import sideways_scrolling

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PUBLIC, COUNCILLOR, OFFICER = "the public", "a councillor", "an officer"
NOT_LINKED = "someone signed in who is no councillor"
TWO_FACTOR = "an officer half-way through a two-factor sign-in"


AXE_URL = "/static/axe-core/axe.min.js"  # served by the live server in these tests (`axe`)


def serious_violations(page, base_url=None) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # From the live server, the browser caches it; into a page of no site, from the file.
        if base_url:
            page.add_script_tag(url=base_url + AXE_URL)
        else:
            page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    found = []
    for violation in result["violations"]:
        nodes = [node for node in violation["nodes"] if not known_govuk_issue(violation, node)]
        if nodes and violation["impact"] in ("serious", "critical"):
            found.append(
                f"{violation['id']}: {violation['help']} ({len(nodes)} elements: "
                + ", ".join(" ".join(node["target"]) for node in nodes[:3])
                + ")"
            )
    return found


def known_govuk_issue(violation, node) -> bool:
    """GOV.UK Frontend's radios and checkboxes that reveal a question say so with
    aria-expanded, which ARIA does not (yet) allow on them. The Design System keeps it on
    purpose, as screen readers read it out (alphagov/govuk-frontend#979, w3c/aria#1404)."""
    if violation["id"] != "aria-allowed-attr":
        return False
    reveals = ("govuk-radios__input", "govuk-checkboxes__input")
    values = [
        value
        for check in node["any"] + node["all"]
        for value in (check.get("data") or {}).get("values", [])
    ]
    return (
        any(name in node["html"] for name in reveals)
        and bool(values)
        and all(value.startswith("aria-expanded=") for value in values)
    )


def empty_the_fields(form) -> None:
    """The default mistake: every field a person types in or picks from left empty."""
    form.evaluate(
        """form => {
          for (const field of form.querySelectorAll("input, textarea, select")) {
            if (["hidden", "submit", "button", "checkbox", "radio", "file"].includes(field.type)) {
              if (field.tagName !== "TEXTAREA") continue;  // a rich text editor's own textarea
            }
            if (field.tagName === "SELECT") {
              if (!field.multiple && [...field.options].some(option => option.value === "")) {
                field.value = "";
              }
            } else {
              field.value = "";
            }
          }
        }"""
    )


def choose(value: str, then: str = "") -> Callable:
    """A mistake: the radio button (or option) of this value, and `then`'s text emptied."""

    def mistake(form):
        form.evaluate(
            """(form, [value, then]) => {
              const radio = form.querySelector(`input[type=radio][value="${value}"]`);
              if (radio) radio.checked = true;
              for (const select of form.querySelectorAll("select")) {
                if ([...select.options].some(option => option.value === value)) {
                  select.value = value;
                }
              }
              if (then) for (const field of form.querySelectorAll(then)) field.value = "";
            }""",
            [value, then],
        )

    return mistake


def type_in(values: dict[str, str]) -> Callable:
    """A mistake: these (wrong) values sent in the fields of these names, as a browser without
    date pickers, or a tampered page, would send them."""

    def mistake(form):
        form.evaluate(
            """(form, values) => {
              for (const [name, value] of Object.entries(values)) {
                for (const field of form.querySelectorAll(`[name="${name}"]`)) {
                  if (field.tagName === "SELECT") {
                    if (![...field.options].some(option => option.value === value)) {
                      field.add(new Option(value, value));
                    }
                  } else if (["date", "time"].includes(field.type)) {
                    field.type = "text";
                  }
                  field.value = value;
                }
              }
            }""",
            values,
        )

    return mistake


@dataclass(frozen=True)
class Check:
    name: str  # what is checked, as a failure names it
    view: str  # its URL's name
    args: Callable = lambda w: ()  # the URL's arguments, from the world
    who: str = OFFICER
    query: str = ""
    form: str | None = None  # the form sent with mistakes before the check (a CSS selector)
    mistakes: Callable = empty_the_fields
    opens: Callable | None = None  # what to press first, to open the form in the page

    def url(self, world) -> str:
        return reverse(self.view, args=self.args(world)) + self.query


def posting_to(end: str) -> str:
    """The form that posts to the URL ending so: each form of the minutes pages has its own."""
    return f"main form[action$='{end}']"


def named(name: str) -> str:
    return f"main form:has(input[name=form][value={name}])"


MAIN_FORM = "main form[method=post]"
ERROR_STATE = ".govuk-error-summary, .govuk-error-message"

CHECKS = [
    # The public
    Check("home page", "home", who=PUBLIC),
    Check("accessibility statement", "accessibility", who=PUBLIC),
    Check("committees", "committees:list", who=PUBLIC),
    Check("a committee", "committees:detail", lambda w: [w.committee.slug], who=PUBLIC),
    Check("a meeting", "meetings:detail", lambda w: [w.meeting.pk], who=PUBLIC),
    Check("calendar by month", "meetings:calendar_month", who=PUBLIC, query="?month=2023-05"),
    Check("calendar as a list", "meetings:calendar_list", who=PUBLIC),
    Check("a paper as a web page", "packs:paper_page", lambda w: [w.paper.pk], who=PUBLIC),
    Check(
        "a withdrawn pack",
        "packs:download",
        lambda w: [w.pack.pk, w.pack.download_name],
        who=PUBLIC,
    ),
    Check("minutes", "minutes:detail", lambda w: [w.meeting.pk], who=PUBLIC),
    Check("minutes, printed", "minutes:print", lambda w: [w.meeting.pk], who=PUBLIC),
    Check("decisions register", "minutes:decisions", who=PUBLIC),
    Check("outcome tracker", "tracker:detail", lambda w: [w.committee.slug], who=PUBLIC),
    Check("tracker archive", "tracker:archive", lambda w: [w.committee.slug], who=PUBLIC),
    Check("tracker, printed", "tracker:print", lambda w: [w.committee.slug], who=PUBLIC),
    Check("a tracker entry", "tracker:entry", lambda w: [w.entry.pk], who=PUBLIC),
    Check("an item's trail", "tracker:item_trail", lambda w: [w.report.pk], who=PUBLIC),
    Check("action plans", "actionplans:plans", who=PUBLIC),
    Check("an action plan", "actionplans:plan", lambda w: [w.plan.slug], who=PUBLIC),
    Check(
        "action plan progress, printed",
        "actionplans:plan_progress",
        lambda w: [w.plan.slug],
        who=PUBLIC,
    ),
    Check(
        "work programme", "workprogramme:work_programme", lambda w: [w.committee.slug], who=PUBLIC
    ),
    Check(
        "work programme, printed",
        "workprogramme:work_programme_print",
        lambda w: [w.committee.slug, 2023],
        who=PUBLIC,
    ),
    Check("people", "people:list", who=PUBLIC),
    Check("a person", "people:detail", lambda w: [w.chair.pk], who=PUBLIC),
    Check("search", "search:search", who=PUBLIC, query="?q=strategy"),
    Check("open data API", "api:documentation", who=PUBLIC),
    Check("page not found", "people:detail", lambda w: [999999], who=PUBLIC),
    Check(
        "alerts: subscribing",
        "alerts:subscribe",
        lambda w: [w.committee.slug],
        who=PUBLIC,
        form=MAIN_FORM,
        mistakes=type_in({"email": "not an address"}),
    ),
    Check("alerts: sent", "alerts:subscribe_sent", lambda w: [w.committee.slug], who=PUBLIC),
    Check("alerts: confirming", "alerts:confirm", lambda w: [w.confirm_token], who=PUBLIC),
    Check("alerts: a broken link", "alerts:confirm", lambda w: ["broken"], who=PUBLIC),
    Check(
        "alerts: unsubscribing", "alerts:unsubscribe", lambda w: [w.unsubscribe_token], who=PUBLIC
    ),
    Check("signing in", "login", who=PUBLIC, form=MAIN_FORM),
    Check("password reset", "accounts:password_reset", who=PUBLIC, form=MAIN_FORM),
    Check("password reset sent", "accounts:password_reset_done", who=PUBLIC),
    Check(
        "a new password",
        "accounts:password_reset_confirm",
        lambda w: w.reset_link,
        who=PUBLIC,
        form=MAIN_FORM,
    ),
    Check("password reset done", "accounts:password_reset_complete", who=PUBLIC),
    Check(
        "an invitation",
        "accounts:invitation",
        lambda w: w.invitation_link,
        who=PUBLIC,
        form=MAIN_FORM,
    ),
    Check("invitation accepted", "accounts:invitation_done", who=PUBLIC),
    # Councillors, and other people signed in
    Check("my meetings", "councillors:my_meetings", who=COUNCILLOR),
    Check("my meetings, not linked to a person", "councillors:my_meetings", who=NOT_LINKED),
    Check("forbidden", "manage:dashboard", who=COUNCILLOR),
    Check(
        "proposing a work programme item",
        "workprogramme:work_programme_propose",
        lambda w: [w.committee.slug, 2023],
        who=COUNCILLOR,
        form=MAIN_FORM,
    ),
    Check("your account", "accounts:home", who=COUNCILLOR),
    Check("changing your password", "accounts:password_change", who=COUNCILLOR, form=MAIN_FORM),
    Check("password changed", "accounts:password_change_done", who=COUNCILLOR),
    Check(
        "setting up two-factor sign-in", "accounts:two_factor_setup", who=COUNCILLOR, form=MAIN_FORM
    ),
    Check("a two-factor code", "accounts:two_factor_verify", who=TWO_FACTOR, form=MAIN_FORM),
    # Officers: meetings and agendas
    Check("dashboard, filtered wrongly", "manage:dashboard", query="?year=1800"),
    Check("creating a meeting", "manage:meeting_create", form=MAIN_FORM),
    Check("creating a series of meetings", "manage:meeting_series", form=MAIN_FORM),
    Check("meeting details", "manage:meeting_edit", lambda w: [w.meeting.pk], form=MAIN_FORM),
    Check("meeting history", "manage:history", lambda w: [w.meeting.pk]),
    Check("cancelling a meeting", "manage:meeting_cancel", lambda w: [w.draft.pk], form=MAIN_FORM),
    Check("moving a meeting", "manage:meeting_move", lambda w: [w.draft.pk], form=MAIN_FORM),
    Check("agenda editor", "manage:agenda", lambda w: [w.meeting.pk]),
    Check(
        "agenda editor: editing an item in place",
        "manage:agenda",
        lambda w: [w.meeting.pk],
        opens=lambda w: f"a[hx-get][href$='/items/{w.report.pk}/']",
        form="#agenda-editor .portal-editor-inline form",
    ),
    Check("adding an item", "manage:item_add", lambda w: [w.meeting.pk], form=MAIN_FORM),
    Check("deleting an item", "manage:item_delete", lambda w: [w.report.pk]),
    Check("deferring an item", "manage:item_defer", lambda w: [w.report.pk], form=MAIN_FORM),
    Check("uploading a paper", "manage:paper_upload", lambda w: [w.report.pk], form=MAIN_FORM),
    Check("writing a paper", "manage:paper_write", lambda w: [w.report.pk], form=MAIN_FORM),
    Check("a paper's details", "manage:paper_edit", lambda w: [w.paper.pk], form=MAIN_FORM),
    Check("replacing a paper", "manage:paper_replace", lambda w: [w.paper.pk], form=MAIN_FORM),
    Check("removing a paper", "manage:paper_remove", lambda w: [w.paper.pk]),
    Check("standard items", "manage:standard_items", lambda w: [w.committee.slug]),
    Check(
        "adding a standard item",
        "manage:standard_item_add",
        lambda w: [w.committee.slug],
        form=MAIN_FORM,
    ),
    # Officers: councils, committees, people and accounts
    Check("councils", "committees_manage:council_list"),
    Check(
        "a council's conventions",
        "committees_manage:council_edit",
        lambda w: [w.committee.council.slug],
        form=MAIN_FORM,
    ),
    Check("committees to manage", "committees_manage:committee_list"),
    Check(
        "editing a committee",
        "committees_manage:committee_edit",
        lambda w: [w.committee.slug],
        form=MAIN_FORM,
    ),
    Check("members", "committees_manage:members", lambda w: [w.committee.slug]),
    Check(
        "adding a member",
        "committees_manage:membership_add",
        lambda w: [w.committee.slug],
        form=MAIN_FORM,
        mistakes=type_in({"start_date_0": "31", "start_date_1": "2", "start_date_2": "2023"}),
    ),
    Check(
        "ending a seat", "committees_manage:membership_end", lambda w: [w.seat.pk], form=MAIN_FORM
    ),
    Check("deleting a seat", "committees_manage:membership_delete", lambda w: [w.seat.pk]),
    Check("people to manage", "committees_manage:people"),
    Check("adding a person", "committees_manage:person_create", form=MAIN_FORM),
    Check("accounts", "accounts_manage:list"),
    Check("inviting someone", "accounts_manage:invite", form=MAIN_FORM),
    Check("an account", "accounts_manage:detail", lambda w: [w.reader.pk]),
    Check(
        "an account: linking a person",
        "accounts_manage:detail",
        lambda w: [w.reader.pk],
        form="main form[action$='/link/']",
    ),
    Check(
        "an account: giving a role",
        "accounts_manage:detail",
        lambda w: [w.reader.pk],
        form="main form[action$='/roles/give/']",
    ),
    # Officers: minutes
    Check("starting the minutes", "minutes:edit", lambda w: [w.draft.pk]),
    Check("minutes editor", "minutes:edit", lambda w: [w.meeting.pk]),
    Check(
        "minutes editor: adding a minute",
        "minutes:edit",
        lambda w: [w.meeting.pk],
        form=posting_to("/minutes/add/"),
    ),
    Check(
        "minutes editor: adding a declaration",
        "minutes:edit",
        lambda w: [w.meeting.pk],
        form=posting_to("/declarations/add/"),
    ),
    Check(
        "minutes editor: adding someone to the attendance",
        "minutes:edit",
        lambda w: [w.meeting.pk],
        form=posting_to("/others/add/"),
    ),
    Check(
        "minutes editor: the details",
        "minutes:edit",
        lambda w: [w.meeting.pk],
        form=posting_to("/details/"),
        mistakes=type_in({"details-end_time": "25:99"}),
    ),
    Check(
        "minutes editor: approving",
        "minutes:edit",
        lambda w: [w.meeting.pk],
        form=posting_to("/approve/"),
    ),
    Check(
        "attendance",
        "minutes:attendance",
        lambda w: [w.meeting.pk],
        form="#attendance-form",
        mistakes=choose("substituted", "input[type=text]"),
    ),
    Check("a minute", "minutes:minute", lambda w: [w.minute.pk], form=posting_to("/save/")),
    Check(
        "a minute: adding a comment",
        "minutes:minute",
        lambda w: [w.minute.pk],
        form=posting_to("/comments/add/"),
    ),
    Check(
        "a minute: adding a decision",
        "minutes:minute",
        lambda w: [w.minute.pk],
        form=posting_to("/decisions/add/"),
    ),
    Check(
        "a minute: adding a public speaker",
        "minutes:minute",
        lambda w: [w.minute.pk],
        form=posting_to("/speakers/add/"),
    ),
    # Officers: the outcome tracker and action plans
    Check("outcome tracker, to update", "tracker:detail", lambda w: [w.committee.slug]),
    Check(
        "outcome tracker: a row's update",
        "tracker:detail",
        lambda w: [w.committee.slug],
        form="main form[hx-post*='/update/']",
        mistakes=type_in({"status": "999999"}),
    ),
    Check("starting a tracker", "tracker:entry_add", lambda w: [w.other_committee.slug]),
    Check(
        "adding a tracker entry", "tracker:entry_add", lambda w: [w.committee.slug], form=MAIN_FORM
    ),
    Check(
        "a tracker entry, to update",
        "tracker:entry",
        lambda w: [w.entry.pk],
        form=MAIN_FORM,
        mistakes=type_in({"status": "999999"}),
    ),
    Check("creating an action plan", "actionplans:plan_add", form=MAIN_FORM),
    Check("an action plan, to update", "actionplans:plan", lambda w: [w.plan.slug], form=MAIN_FORM),
    Check(
        "managing an action plan: adding an action",
        "actionplans:plan_manage",
        lambda w: [w.plan.slug],
        form=named("action"),
    ),
    Check(
        "managing an action plan: adding a RAG level",
        "actionplans:plan_manage",
        lambda w: [w.plan.slug],
        form=named("level"),
    ),
    Check(
        "managing an action plan: reporting progress",
        "actionplans:plan_manage",
        lambda w: [w.plan.slug],
        form=named("report"),
    ),
    Check(
        "an action: adding a milestone",
        "actionplans:plan_action",
        lambda w: [w.plan.slug, w.action.pk],
        form=named("milestone"),
    ),
    Check(
        "an action: adding an update",
        "actionplans:plan_action",
        lambda w: [w.plan.slug, w.action.pk],
        form=named("update"),
    ),
    Check(
        "editing a milestone",
        "actionplans:plan_part",
        lambda w: [w.plan.slug, "milestone", w.milestone.pk],
        form=MAIN_FORM,
    ),
    # Officers: the work programme
    Check(
        "work programme, to manage",
        "workprogramme:work_programme_year",
        lambda w: [w.committee.slug, 2023],
    ),
    Check(
        "adding a work programme item",
        "workprogramme:work_programme_item_add",
        lambda w: [w.committee.slug, 2023],
        form=MAIN_FORM,
    ),
    Check(
        "removing a work programme item",
        "workprogramme:work_programme_item_remove",
        lambda w: [w.planned.pk],
    ),
    Check(
        "deciding on a proposal",
        "workprogramme:work_programme_decide",
        lambda w: [w.proposal.pk],
        form=MAIN_FORM,
    ),
]

# Pages of the same kind as one checked (the same template and form): not checked again.
SAME_KIND = {
    "workprogramme:work_programme_item_edit": "adding a work programme item",
    "committees_manage:committee_create": "editing a committee",
    "committees_manage:council_create": "a council's conventions",
    "committees_manage:membership_edit": "adding a member",
    "committees_manage:person_edit": "adding a person",
    "manage:annex_upload": "uploading a paper",
    "manage:annex_write": "writing a paper",
    "manage:item_edit": "adding an item",  # and in place: "agenda editor: editing an item…"
    "manage:meeting_postpone": "cancelling a meeting",
    "manage:standard_item_edit": "adding a standard item",
    "minutes:committee_decisions": "decisions register",
    "tracker:entry_edit": "adding a tracker entry",
}

# URLs that are not pages of their own, and why.
NOT_CHECKED = {
    "accounts:two_factor_remove": "a button (POST) on the account page",
    "accounts_manage:deactivate": "a button (POST) on an account's page",
    "accounts_manage:reactivate": "a button (POST) on an account's page",
    "accounts_manage:link_person": "answers with the account page (checked, in error)",
    "accounts_manage:give_role": "answers with the account page (checked, in error)",
    "accounts_manage:remove_role": "answers with the account page",
    "accounts_manage:unlink_person": "a button (POST) on an account's page",
    "workprogramme:work_programme_item_move": "an Up or Down button (POST)",
    "workprogramme:work_programme_to_agenda": "a button (POST)",
    "councillors:papers_zip": "a ZIP file",
    "logout": "a button (POST) in the header",
    "manage:items_reorder": "drag and drop (POST), answered with the agenda editor",
    "manage:item_move": "an Up or Down button (POST), answered with the agenda editor",
    "manage:paper_move": "an Up or Down button (POST), answered with the agenda editor",
    "manage:standard_item_delete": "a button (POST)",
    "manage:standard_item_move": "an Up or Down button (POST)",
    "meetings:calendar": "iCalendar",
    "meetings:committee_calendar": "iCalendar",
    "meetings:document": "a PDF",
    "meetings:published_feed": "Atom",
    "minutes:delete": "a Remove button (POST)",
    "minutes:start": "a button (POST) on the page that starts the minutes (checked)",
    "minutes:save_details": "answers with the minutes editor (checked, in error)",
    "minutes:add_minute": "answers with the minutes editor (checked, in error)",
    "minutes:add_attendance": "answers with the minutes editor (checked, in error)",
    "minutes:add_declaration": "answers with the minutes editor (checked, in error)",
    "minutes:approve": "answers with the minutes editor (checked, in error)",
    "minutes:publish": "a button (POST) in the minutes editor",
    "minutes:finalise": "a button (POST) in the minutes editor",
    "minutes:add_missing": "a button (POST) on the attendance page",
    "minutes:save_minute": "answers with a minute's page (checked, in error)",
    "minutes:add_comment": "answers with a minute's page or its section (checked, in error)",
    "minutes:add_decision": "answers with a minute's page or its section (checked, in error)",
    "minutes:add_speaker": "answers with a minute's page (checked, in error)",
    "minutes:pdf": "a PDF",
    "packs:progress": "the pack panel, polled into the meeting's pages",
    "packs:publish": "a button (POST) on the pack panel",
    "packs:retry": "a button (POST) on the pack panel",
    "packs:supplement": "a button (POST) on the pack panel",
    "people:calendar": "iCalendar",
    "tracker:csv": "CSV",
    "tracker:xlsx": "a spreadsheet",
    "tracker:entry_update": "answers with the entry's row or page (checked, in error)",
    "tracker:from_decision": "a button (POST) on a minute's page",
    "actionplans:plan_update": "answers with the plan's page (checked, in error)",
    "actionplans:plan_part_delete": "a Remove button (POST)",
    "tracker:run_rules": "a button (POST) on the tracker",
}


@pytest.fixture
def page(browser):
    """The audit injects axe-core as a script of its own, which the portal's
    Content-Security-Policy rightly refuses; this page lets it in."""
    context = browser.new_context(
        viewport={"width": 1200, "height": 2000}, locale="en-GB", bypass_csp=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def axe_installed():
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install)")


def build_world():
    """One of everything a page shows, in Somerset Council, whose officer is "officer"."""
    from django.contrib.auth.tokens import default_token_generator
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from accounts.models import Invitation
    from actionplans.models import Milestone
    from alerts.models import Subscription
    from alerts.tokens import confirmation_token
    from committees.models import Membership
    from meetings.models import Document, Meeting
    from minutes.models import Comment, Declaration, PublicSpeaker
    from minutes.services import start_minutes
    from packs.models import PackVersion
    from tests.factories import CommitteeFactory

    w = SimpleNamespace()
    w.meeting = MeetingFactory(committee__name="Scrutiny Committee - Childrens and Families")
    w.committee = committee = w.meeting.committee
    w.other_committee = CommitteeFactory(council=committee.council, name="Audit Committee")
    w.chair = PersonFactory(first_name="Leigh", surname="Redman")
    MembershipFactory(committee=committee, person=w.chair, role=Membership.Role.CHAIR)
    w.seat = MembershipFactory(committee=committee, person=PersonFactory())
    member = PersonFactory(user=UserFactory(username="councillor"))
    MembershipFactory(committee=committee, person=member)
    officer_user(username="officer", council=committee.council)
    w.reader = UserFactory(username="reader", first_name="Robin", last_name="Reader")
    Invitation.objects.create(user=w.reader, council=committee.council)
    totp_device(officer_user(username="careful", council=committee.council))

    AgendaItemFactory(meeting=w.meeting, position=1, title="Apologies for Absence")
    w.report = AgendaItemFactory(meeting=w.meeting, position=2, title="SEND Strategy")
    w.paper = DocumentFactory(agenda_item=w.report, title="SEND Strategy 2023")
    w.written = Document.objects.create(
        meeting=w.meeting, agenda_item=w.report, title="Briefing note", position=2,
        body="<p>The strategy is renewed each April.</p>",
    )  # fmt: skip
    AgendaItemFactory(
        meeting=w.meeting, position=3, title="Placement contract", is_exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )  # fmt: skip
    w.draft = MeetingFactory(
        committee=committee,
        date=datetime.date.today() + datetime.timedelta(days=40),
        status=Meeting.Status.DRAFT,
    )
    AgendaItemFactory(meeting=w.draft, position=1, title="Apologies for Absence")
    w.standard = StandardItemFactory(committee=committee, title="Declarations of Interest")
    w.pack = PackVersion.objects.create(
        meeting=w.meeting, number=1, kind=PackVersion.Kind.PUBLIC,
        status=PackVersion.Status.READY, withdrawn_at=timezone.now(),
        withdrawn_reason="It printed a paper since made exempt.",
    )  # fmt: skip
    w.pack.file.save("pack.pdf", ContentFile(blank_pdf()))

    minutes, _ = start_minutes(w.meeting)
    w.minute = minutes.minute_entries.get(agenda_item=w.report)
    Comment.objects.create(minute=w.minute, text="How many schools?", response="Forty-two.")
    PublicSpeaker.objects.create(minute=w.minute, name="A parent", statement="Thank you.")
    decision = DecisionFactory(minute=w.minute, wording="It was AGREED to endorse it.")
    Declaration.objects.create(minutes=minutes, person=w.chair, description="A governor")
    minutes.publish()
    w.entry = make_entry(meeting=w.meeting, decision=decision, agenda_item=w.report)

    programme = WorkProgrammeFactory(committee=committee, municipal_year=2023)
    w.planned = WorkProgrammeItemFactory(programme=programme, meeting=w.draft)
    w.proposal = WorkProgrammeItemFactory(
        programme=programme, meeting=None, status="proposed", section="to_be_scheduled",
        title="School transport", proposed_by_name="Councillor Leigh Redman",
    )  # fmt: skip
    w.action = PlanActionFactory(plan__committee=committee)
    w.plan = w.action.plan
    w.milestone = Milestone.objects.create(action=w.action, text="Recruit two officers")
    w.update = add_update(w.action, "May 2023", "Green", "On track.")

    subscription = Subscription.objects.create(email="parent@example.org", committee=committee)
    w.confirm_token = confirmation_token(subscription)
    w.unsubscribe_token = subscription.unsubscribe_token
    invited = UserFactory(username="invited")
    invited.set_unusable_password()
    invited.save()
    w.invitation_link = [urlsafe_base64_encode(force_bytes(invited.pk)),
                         default_token_generator.make_token(invited)]  # fmt: skip
    resetting = UserFactory(username="resetting")
    w.reset_link = [urlsafe_base64_encode(force_bytes(resetting.pk)),
                    default_token_generator.make_token(resetting)]  # fmt: skip
    return w


def sign_in_as(page, live_server, who):
    """The browser's cookies for this person (signed in by Django, not through the page)."""
    from django.contrib.auth.models import User
    from django.test import Client

    context = page.context
    context.clear_cookies()
    usernames = {COUNCILLOR: "councillor", OFFICER: "officer", NOT_LINKED: "reader"}
    if who == TWO_FACTOR:  # through the sign-in page, which then asks for the code
        page.goto(f"{live_server.url}/sign-in/")
        page.fill("#id_username", "careful")
        page.fill("#id_password", "correct horse battery")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        return
    if who in usernames:
        client = Client()
        client.force_login(User.objects.get(username=usernames[who]))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def send_with_mistakes(page, check, world) -> str | None:
    """Send the check's form with its mistakes; what went wrong, if it did not come back in
    its error state."""
    from playwright.sync_api import TimeoutError as NotThere

    if check.opens:
        page.locator(check.opens(world)).click()
    forms = page.locator(check.form)
    try:
        forms.first.wait_for(state="attached", timeout=5000)
    except NotThere:
        return f"no form {check.form}"
    form = forms.first
    check.mistakes(form)
    send = """form => {
      form.noValidate = true;
      form.requestSubmit(form.querySelector("[type=submit]"));
    }"""
    if form.get_attribute("hx-post") is None:
        with page.expect_navigation():
            form.evaluate(send)
    else:  # sent in place: done once htmx has put the answer in
        page.evaluate(
            """() => {
              window.portalSettled = false;
              document.addEventListener("htmx:afterSettle", () => { window.portalSettled = true; },
                                        {once: true});
            }"""
        )
        form.evaluate(send)
        page.wait_for_function("window.portalSettled")
    if page.locator(ERROR_STATE).count() == 0:
        return "the form did not come back with its mistakes"
    return None


@pytest.fixture
def axe_served(settings):
    """axe-core from the live server (/static/axe-core/), so the browser caches it."""
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("axe-core", AXE.parent)]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_and_every_form_in_its_error_state_passes_axe(live_server, page, axe_served):
    world = build_world()
    failures = {}
    who = None
    for check in sorted(CHECKS, key=lambda check: check.who):
        if check.who != who:
            who = check.who
            sign_in_as(page, live_server, who)
        url = live_server.url + check.url(world)
        if not (check.form and page.url == url):  # a form on the page just checked: sent from it
            page.goto(url)
        if check.form:
            problem = send_with_mistakes(page, check, world)
            if problem:
                failures[check.name] = [problem]
                continue
        found = serious_violations(page, live_server.url)
        if too_wide := sideways_scrolling(page):
            found.append(f"scrolls sideways at 320 px: {too_wide['wide']}")
        if found:
            failures[f"{check.name} ({page.url.removeprefix(live_server.url)})"] = found
    assert failures == {}


def url_names(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            # The admin is Django's own; the API answers JSON (its one page,
            # "api:documentation", is checked above).
            if str(entry.pattern).startswith(("admin/", "api/")):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield namespace + entry.name


def test_every_page_of_the_site_is_checked():
    names = set(url_names())
    checked = {check.view for check in CHECKS}
    excused = NOT_CHECKED.keys() | SAME_KIND.keys()
    assert sorted(names - checked - excused) == [], "URLs neither checked nor excused"
    assert sorted(excused - names) == [], "excused URLs that are no longer there"
    assert checked.isdisjoint(excused)
    assert set(SAME_KIND.values()) <= {check.name for check in CHECKS}


@pytest.mark.browser
def test_the_check_finds_a_failure_when_there_is_one(page):
    page.set_content('<html lang="en"><body><main><img src="crest.png"></main></body></html>')
    assert any(found.startswith("image-alt") for found in serious_violations(page))

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.factories import CommitteeFactory, DecisionFactory, MeetingFactory, make_entry
from tracker.models import SOMERSET_LEGEND, LegendStatus, Tracker, TrackerEntry
from tracker.services import apply_rules, change_status, entry_from_decision

pytestmark = pytest.mark.django_db

AGREED = datetime.date(2023, 3, 6)


def test_default_legend_is_somersets_word_for_word():
    tracker = Tracker.for_committee(CommitteeFactory())
    legend = [(s.label, s.definition, s.colour) for s in tracker.statuses.all()]
    assert legend == [
        ("Completed", "Action complete and will be removed from tracker for next meeting", "green"),
        ("Pending", "Action on-going or plans in place to address.", "amber"),
        (
            "Incomplete",
            "No action currently in place with a minimum of 3 months since action agreed.",
            "red",
        ),
    ]
    assert len(SOMERSET_LEGEND) == 3


def test_a_decision_becomes_an_entry_with_its_wording_meeting_and_item():
    decision = DecisionFactory(
        wording="It was AGREED that the Committee receive an update on the new Inspection "
        "Framework and the APP in 4 months."
    )
    meeting = decision.minute.minutes.meeting

    entry = entry_from_decision(decision)

    assert entry.decision == decision
    assert entry.meeting == meeting
    assert entry.agenda_item == decision.minute.agenda_item
    assert entry.item_title == decision.minute.agenda_item.title
    assert decision.wording in entry.agreed_outcome
    assert entry.tracker.committee == meeting.committee
    assert entry.status.label == "Pending"
    assert entry.history.count() == 1
    assert entry_from_decision(decision) == entry, "a second click makes no second entry"


def test_no_update_for_three_months_makes_an_entry_incomplete_not_a_day_earlier():
    entry = make_entry(meeting=MeetingFactory(date=AGREED))

    with time_machine.travel(datetime.datetime(2023, 6, 5, 3, 0), tick=False):
        apply_rules()
    entry.refresh_from_db()
    assert entry.status.label == "Pending"

    with time_machine.travel(datetime.datetime(2023, 6, 6, 3, 0), tick=False):
        result = apply_rules()
        apply_rules()
    entry.refresh_from_db()
    assert entry.status.label == "Incomplete"
    assert [e.pk for e in result.made_incomplete] == [entry.pk]
    last = entry.history.last()
    assert (last.from_status.label, last.to_status.label, last.by_rule) == (
        "Pending",
        "Incomplete",
        True,
    )
    assert entry.history.count() == 2, "running the rules twice records one change"


def test_an_update_restarts_the_three_months():
    entry = make_entry(meeting=MeetingFactory(date=AGREED))
    with time_machine.travel(datetime.datetime(2023, 5, 1, 12, 0), tick=False):
        change_status(
            entry, entry.status, status_note="Update to May '23 mtg", note="Plans in place"
        )
    with time_machine.travel(datetime.datetime(2023, 7, 31, 3, 0), tick=False):
        apply_rules()
    entry.refresh_from_db()
    assert entry.status.label == "Pending"
    with time_machine.travel(datetime.datetime(2023, 8, 1, 3, 0), tick=False):
        apply_rules()
    entry.refresh_from_db()
    assert entry.status.label == "Incomplete"


def test_a_completed_entry_leaves_after_the_next_meeting_and_stays_in_history():
    committee = CommitteeFactory()
    tracker = Tracker.for_committee(committee)
    entry = make_entry(tracker=tracker, meeting=MeetingFactory(committee=committee, date=AGREED))
    MeetingFactory(committee=committee, date=datetime.date(2023, 5, 4))
    completed = tracker.status_with_meaning(LegendStatus.Meaning.COMPLETED)
    with time_machine.travel(datetime.datetime(2023, 4, 20, 12, 0), tick=False):
        change_status(entry, completed, note="Done")

    with time_machine.travel(datetime.datetime(2023, 5, 4, 20, 0), tick=False):
        apply_rules()
    assert TrackerEntry.objects.on_tracker().filter(pk=entry.pk).exists()

    with time_machine.travel(datetime.datetime(2023, 5, 5, 3, 0), tick=False):
        result = apply_rules()
    assert [e.pk for e in result.archived] == [entry.pk]
    assert not TrackerEntry.objects.on_tracker().filter(pk=entry.pk).exists()
    assert TrackerEntry.objects.archived().filter(pk=entry.pk).exists()
    assert [c.to_status.label for c in entry.history.all()] == ["Pending", "Completed"]


def test_the_management_command_applies_the_rules(capsys):
    entry = make_entry(meeting=MeetingFactory(date=AGREED))
    call_command("apply_tracker_rules", today=datetime.date(2023, 6, 6))
    entry.refresh_from_db()
    assert entry.status.label == "Incomplete"


def test_a_status_from_another_committees_legend_is_refused():
    entry = make_entry()
    other = Tracker.for_committee(CommitteeFactory()).statuses.first()
    with pytest.raises(ValidationError) as error:
        change_status(entry, other)
    assert "is not a status in this committee's legend (Completed, Pending, Incomplete)" in str(
        error.value
    )
    entry.status = other
    with pytest.raises(ValidationError, match="not a status in this committee's legend"):
        entry.save()


def test_a_target_meeting_of_another_committee_is_refused():
    entry = make_entry()
    entry.target_meeting = MeetingFactory()
    with pytest.raises(ValidationError, match="belongs to another committee"):
        entry.save()


def test_a_meeting_of_the_predecessor_committee_is_accepted():
    old = CommitteeFactory()
    new = CommitteeFactory(predecessor=old)
    entry = make_entry(tracker=Tracker.for_committee(new), meeting=MeetingFactory(committee=old))
    entry.target_meeting = MeetingFactory(committee=new)
    entry.save()
    assert entry.target_meeting.committee == new

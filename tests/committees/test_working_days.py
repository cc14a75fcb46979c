import datetime

import pytest

from committees.working_days import clear_working_days_before, is_working_day
from tests.factories import CouncilFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_early_may_bank_holiday_is_not_a_working_day():
    assert not is_working_day(datetime.date(2023, 5, 1))
    assert is_working_day(datetime.date(2023, 5, 2))
    assert not is_working_day(datetime.date(2023, 4, 29))


def test_five_clear_working_days_skip_the_bank_holiday():
    assert clear_working_days_before(datetime.date(2023, 5, 4), 5) == datetime.date(2023, 4, 25)


def test_an_ordinary_week_counts_weekdays_only():
    assert clear_working_days_before(datetime.date(2023, 5, 18), 5) == datetime.date(2023, 5, 10)


def test_the_coronation_bank_holiday_is_skipped_too():
    # 8 May 2023 was an extra bank holiday for the coronation.
    assert clear_working_days_before(datetime.date(2023, 5, 11), 5) == datetime.date(2023, 5, 2)


def test_2018_pack_issue_date_matches_the_rule():
    assert clear_working_days_before(datetime.date(2018, 3, 16), 5) == datetime.date(2018, 3, 8)


def test_4_may_2023_meeting_deadlines():
    meeting = MeetingFactory(committee__council=CouncilFactory(), date=datetime.date(2023, 5, 4))
    assert meeting.publication_deadline == datetime.date(2023, 4, 25)
    assert meeting.publication_deadline.strftime("%A") == "Tuesday"
    assert meeting.question_deadline == datetime.datetime(2023, 4, 27, 17, 0)


def test_question_deadline_can_be_overridden():
    from django.utils import timezone

    override = timezone.make_aware(datetime.datetime(2023, 4, 28, 12, 0))
    meeting = MeetingFactory(date=datetime.date(2023, 5, 4), question_deadline_override=override)
    assert meeting.question_deadline == datetime.datetime(2023, 4, 28, 12, 0)

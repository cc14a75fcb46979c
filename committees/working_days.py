"""
Working-day arithmetic for statutory deadlines.

Agendas must be published five *clear* working days before a meeting: the
day of publication and the day of the meeting do not count, nor do weekends
or bank holidays in England and Wales.
"""

import datetime
from functools import cache

import holidays


@cache
def _bank_holidays(region: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv=region, years=year)


def is_working_day(day: datetime.date, region: str = "ENG") -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(region, day.year)


def clear_working_days_before(
    meeting_day: datetime.date, clear_days: int, region: str = "ENG"
) -> datetime.date:
    """The latest working day that leaves `clear_days` whole working days before the meeting."""
    day = meeting_day
    counted = 0
    while counted < clear_days:
        day -= datetime.timedelta(days=1)
        if is_working_day(day, region):
            counted += 1
    day -= datetime.timedelta(days=1)
    while not is_working_day(day, region):
        day -= datetime.timedelta(days=1)
    return day

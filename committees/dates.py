"""Calendar arithmetic shared by the work programme, minutes and tracker."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """31 January + 1 month is 28 (or 29) February: the day is clamped to the month's end."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def municipal_year_start(day: datetime.date) -> int:
    """Municipal years run from May to April: 6 March 2023 is in 2022-23."""
    return day.year if day.month >= 5 else day.year - 1

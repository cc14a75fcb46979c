"""Dates and times in the styles councils print them. Each document has its own style."""

import datetime


def council_time(value: datetime.time) -> str:
    """10:00 -> "10.00 am", 13:00 -> "1.00 pm", 12:00 -> "12.00 pm"."""
    hour = value.hour % 12 or 12
    return f"{hour}.{value.minute:02d} {'am' if value.hour < 12 else 'pm'}"


def short_time(value: datetime.time) -> str:
    """17:00 -> "5pm", 10:30 -> "10.30am", as in deadlines and work plans."""
    hour = value.hour % 12 or 12
    minutes = f".{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def long_date(value: datetime.date) -> str:
    """ "Thursday, 4 May 2023"."""
    return f"{value:%A}, {value.day} {value:%B %Y}"


def plain_date(value: datetime.date) -> str:
    """ "4 May 2023"."""
    return f"{value.day} {value:%B %Y}"


def meeting_datetime(day: datetime.date, time: datetime.time) -> str:
    """ "Thursday, 4 May 2023 at 10.00 am", the front sheet's style."""
    return f"{long_date(day)} at {council_time(time)}"

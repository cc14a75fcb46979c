"""
What other apps add to meetings' pages, so that meetings imports none of them.

packs, minutes and workprogramme are built on meetings: they import meetings, never the
other way. Each registers here, from its AppConfig.ready(), what it shows on meetings'
pages; meetings shows whatever is registered, in `order`, and nothing of an app that is
not installed. The pages ask through the `page_sections` tag library (meetings'
templatetags), the views through the functions below.

- Sections: HTML in one place of a page, `render(context, meeting) -> str` (safe HTML),
  given the template context it is rendered in:
  MEETING_PAGE above the agenda of the public meeting page (the pack panel, the minutes),
  AGENDA_EDITOR above the officers' agenda editor's agenda (the pack panel),
  AGENDA_EDITOR_END below it (the items the work programme plans for the meeting).
- Agenda notes, on each agenda item of the meeting page: `for_meeting(context, meeting)`
  reads what the app needs for the whole agenda once (a fixed number of queries however
  long it is); `title_note(data, item) -> str` is HTML after an item's title (the pack's
  page range); `after_item(context, entry, data) -> str` is HTML at the end of a top-level
  item, about the item and its sub-parts (its minutes and decisions).
- Dashboard links, on each row of the officer dashboard after the meeting's own links:
  `annotate(committees)` marks the committees the dashboard lists with what the app needs
  (one subquery, no query of its own), `link(committee) -> {"text", "url"} | None`.

The officer dashboard's pack states have their own contract, meetings/pack_state.py; the
papers generated from other apps' data theirs, meetings/paper_sources.py.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps

MEETING_PAGE = "meeting page"
AGENDA_EDITOR = "agenda editor"
AGENDA_EDITOR_END = "agenda editor end"
PLACES = (MEETING_PAGE, AGENDA_EDITOR, AGENDA_EDITOR_END)


@dataclass(frozen=True)
class Section:
    app: str
    place: str
    render: Callable
    order: int


@dataclass(frozen=True)
class AgendaNotes:
    app: str
    for_meeting: Callable
    title_note: Callable | None
    after_item: Callable | None
    order: int


@dataclass(frozen=True)
class DashboardLink:
    app: str
    annotate: Callable
    link: Callable
    order: int


_sections: list[Section] = []
_agenda_notes: list[AgendaNotes] = []
_dashboard_links: list[DashboardLink] = []


def _installed(contributions: list, **match) -> list:
    return sorted(
        (
            each
            for each in contributions
            if apps.is_installed(each.app)
            and all(getattr(each, name) == value for name, value in match.items())
        ),
        key=lambda each: each.order,
    )


def _replace(contributions: list, new) -> None:
    """Registering again (a test reloading an app) replaces what that app registered there."""
    place = getattr(new, "place", None)
    contributions[:] = [
        each
        for each in contributions
        if not (each.app == new.app and getattr(each, "place", None) == place)
    ]
    contributions.append(new)


def register_section(place: str, render: Callable, *, app: str, order: int = 100) -> None:
    if place not in PLACES:
        raise ValueError(f"No such place on meetings' pages: {place!r}")
    _replace(_sections, Section(app, place, render, order))


def register_agenda_notes(
    *,
    app: str,
    for_meeting: Callable,
    title_note: Callable | None = None,
    after_item: Callable | None = None,
    order: int = 100,
) -> None:
    _replace(_agenda_notes, AgendaNotes(app, for_meeting, title_note, after_item, order))


def register_dashboard_link(
    *, app: str, annotate: Callable, link: Callable, order: int = 100
) -> None:
    _replace(_dashboard_links, DashboardLink(app, annotate, link, order))


def sections(place: str) -> list[Section]:
    return _installed(_sections, place=place)


def render_sections(place: str, context, meeting) -> str:
    return "".join(section.render(context, meeting) for section in sections(place))


class MeetingNotes:
    """What each app read for one meeting's agenda, for the notes on its items."""

    def __init__(self, notes: list[tuple[AgendaNotes, Any]], top_level: bool = True):
        self.notes = notes
        self.top_level = top_level

    @property
    def of_parts(self) -> "MeetingNotes":
        """The same notes for the sub-parts of an item: their item shows what follows them."""
        return MeetingNotes(self.notes, top_level=False)

    def title_notes(self, item) -> str:
        return "".join(
            notes.title_note(data, item) for notes, data in self.notes if notes.title_note
        )

    def after_item(self, context, entry) -> str:
        if not self.top_level:
            return ""
        return "".join(
            notes.after_item(context, entry, data) for notes, data in self.notes if notes.after_item
        )


def agenda_notes(context, meeting) -> MeetingNotes:
    return MeetingNotes(
        [(notes, notes.for_meeting(context, meeting)) for notes in _installed(_agenda_notes)]
    )


def annotate_committees(committees):
    for contribution in _installed(_dashboard_links):
        committees = contribution.annotate(committees)
    return committees


def dashboard_links(committee) -> list[dict]:
    links = (contribution.link(committee) for contribution in _installed(_dashboard_links))
    return [link for link in links if link]


def render_inclusion(context, template_name: str, values: dict) -> str:
    """`template_name` rendered with `values` as an inclusion tag renders it in `context`."""
    new_context = context.new(values)
    csrf_token = context.get("csrf_token")
    if csrf_token is not None:
        new_context["csrf_token"] = csrf_token
    return context.template.engine.get_template(template_name).render(new_context)

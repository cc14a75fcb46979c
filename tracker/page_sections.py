"""
What other apps add to the outcome tracker's page, so that tracker imports none of them.

actionplans is built on the tracker: it imports tracker, never the other way. An app
registers here, from its AppConfig.ready(), a `render(context, tracker) -> str` (safe HTML)
shown under the introduction of the tracker page (and of its archive), given the template
context it is rendered in; the page shows whatever is registered, in `order`, and nothing
of an app that is not installed. The page asks through tracker's `tracker_sections` tag
library.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Section:
    app: str
    render: Callable
    order: int


_sections: list[Section] = []


def register_section(render: Callable, *, app: str, order: int = 100) -> None:
    """Registering again (a test reloading an app) replaces what that app registered."""
    _sections[:] = [each for each in _sections if each.app != app]
    _sections.append(Section(app, render, order))


def sections() -> list[Section]:
    return sorted(
        (each for each in _sections if apps.is_installed(each.app)), key=lambda each: each.order
    )


def render_sections(context, tracker) -> str:
    return "".join(section.render(context, tracker) for section in sections())

"""
What other apps add to a committee's public page, so that committees imports none of them.

Every app builds on committees; one that shows something on the committee page (meetings:
its upcoming and past meetings) registers a part here from its AppConfig.ready():

- `context(committee, today) -> dict`: what the page's template reads (lazy querysets, so
  that a page served from the cache reads nothing);
- `fingerprint(outer) -> str`: SQL for one text that changes whenever what the part shows
  changes, `outer` naming the committee's id column in the query that reads the committee
  (committees/page_cache.py puts it in the page's cache key).

Parts of apps that are not installed are left out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Part:
    app: str
    context: Callable
    fingerprint: Callable | None
    order: int


_parts: list[Part] = []


def register(
    *, app: str, context: Callable, fingerprint: Callable | None = None, order: int = 100
) -> None:
    _parts[:] = [part for part in _parts if part.app != app]
    _parts.append(Part(app, context, fingerprint, order))


def parts() -> list[Part]:
    return sorted((p for p in _parts if apps.is_installed(p.app)), key=lambda p: p.order)


def context(committee, today) -> dict:
    values = {}
    for part in parts():
        values.update(part.context(committee, today))
    return values


def fingerprints(outer: str) -> list[str]:
    return [part.fingerprint(outer) for part in parts() if part.fingerprint]

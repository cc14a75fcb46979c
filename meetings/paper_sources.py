"""
Papers generated from data rather than uploaded: the minutes of the previous
meeting, the work programme, the outcome tracker, an action plan's progress.

An app that owns such data registers a renderer for a Document kind. The pack
builder asks for the paper's HTML, renders it to PDF, and so freezes it as it
was when the pack was published.
"""

from collections.abc import Callable

_renderers: dict[str, Callable] = {}
_web_pages: dict[str, Callable] = {}
_printed: dict[str, Callable] = {}
_restriction_checks: dict[str, Callable] = {}


def register(kind: str):
    """Decorator: `@register(Document.Kind.MINUTES)` on `def render(document) -> str`."""

    def decorator(renderer: Callable) -> Callable:
        _renderers[kind] = renderer
        return renderer

    return decorator


def renders(kind: str) -> bool:
    return kind in _renderers


def render_html(document) -> str | None:
    """The full HTML of a generated paper, or None when nothing generates this kind."""
    renderer = _renderers.get(document.kind)
    return renderer(document) if renderer else None


# Where the data a generated paper prints can be read as a web page, as it stands today.


def register_web_page(kind: str):
    """Decorator: `def web_page(document) -> tuple[str, str] | None`, a (url, link text)."""

    def decorator(function: Callable) -> Callable:
        _web_pages[kind] = function
        return function

    return decorator


def web_page(document) -> tuple[str, str] | None:
    function = _web_pages.get(document.kind)
    return function(document) if function else None


# What a generated paper printed, so that a public pack can be withdrawn when something it
# printed in full becomes exempt later (packs/withdrawal.py). Keys are "<what>:<pk>".


def register_printed(kind: str):
    """Decorator: `def printed(document) -> list[str]`, the keys of what the paper prints."""

    def decorator(function: Callable) -> Callable:
        _printed[kind] = function
        return function

    return decorator


def register_restriction_check(what: str):
    """Decorator: `def restricted(ids) -> set[int]`, which of these rows are exempt now."""

    def decorator(function: Callable) -> Callable:
        _restriction_checks[what] = function
        return function

    return decorator


def printed_keys(document) -> list[str]:
    function = _printed.get(document.kind)
    return function(document) if function else []


def now_restricted(keys) -> set[str]:
    """The keys, of those given, whose rows are exempt now."""
    ids_by_what: dict[str, set[int]] = {}
    for key in keys:
        what, _, pk = key.partition(":")
        ids_by_what.setdefault(what, set()).add(int(pk))
    return {
        f"{what}:{pk}"
        for what, ids in ids_by_what.items()
        if what in _restriction_checks
        for pk in _restriction_checks[what](ids)
    }

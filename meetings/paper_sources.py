"""
Papers generated from data rather than uploaded: the minutes of the previous
meeting, the work programme, the outcome tracker, an action plan's progress.

An app that owns such data registers a renderer for a Document kind. The pack
builder asks for the paper's HTML, renders it to PDF, and so freezes it as it
was when the pack was published.
"""

from collections.abc import Callable

_renderers: dict[str, Callable] = {}


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

"""
The state of each meeting's agenda pack, for the officer dashboard, when an app that
builds packs says it: the `packs` app registers `packs.status.pack_states(meetings)`,
returning {meeting pk: short label}, from its AppConfig.ready(). Without it (or with
that app not installed), there is nothing to show.
"""

from collections.abc import Callable

from django.apps import apps

_provider: tuple[str, Callable] | None = None


def register(provider: Callable, *, app: str) -> None:
    """`provider(meetings) -> {meeting pk: label}`, from the app named `app`."""
    global _provider
    _provider = (app, provider)


def pack_states(meetings) -> dict[int, str] | None:
    if _provider is None:
        return None
    app, provider = _provider
    if not apps.is_installed(app):
        return None
    return provider(meetings)

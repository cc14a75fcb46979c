"""
The state of each meeting's agenda pack, for the officer dashboard, when the
`packs` app is installed. That app provides `packs.status.pack_states(meetings)`
returning {meeting pk: short label}; without it, there is nothing to show.
"""

from django.apps import apps
from django.utils.module_loading import import_string


def pack_states(meetings) -> dict[int, str] | None:
    if not apps.is_installed("packs"):
        return None
    try:
        provider = import_string("packs.status.pack_states")
    except ImportError:
        return None
    return provider(meetings)

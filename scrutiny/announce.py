"""What an in-page (htmx) update tells a screen reader it did: static/js/in_page_updates.js
reads the message out in a polite live region once the page has settled."""

from django_htmx.http import trigger_client_event


def announce(response, message: str, changes_only: bool = False):
    """`changes_only`: for a panel that polls, say nothing when the message is the last one."""
    if message:
        params = {"message": message, "changesOnly": changes_only}
        trigger_client_event(response, "portal:announce", params, after="settle")
    return response

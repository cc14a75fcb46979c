"""What an in-page (htmx) update tells a screen reader it did: static/js/in_page_updates.js
reads the message out in a polite live region once the page has settled."""

from django_htmx.http import trigger_client_event


def announce(response, message: str):
    if message:
        trigger_client_event(response, "portal:announce", {"message": message}, after="settle")
    return response

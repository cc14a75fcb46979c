"""Adding a comment or a decision to a minute in place (htmx), or as a plain POST."""

import pytest
from django.urls import reverse

from minutes.models import Comment, Decision
from tests.factories import MinuteFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(minute, kind=None):
    """The minute's page, or the URL a form of it posts to ("comment": adding a comment)."""
    if kind is None:
        return reverse("minutes:minute", args=[minute.pk])
    return reverse(f"minutes:add_{kind}", args=[minute.pk])


@pytest.mark.parametrize("existing", [1, 8])
def test_an_htmx_comment_returns_the_comments_section_with_a_fixed_query_count(
    officer_client, django_assert_num_queries, existing
):
    minute = MinuteFactory()
    for n in range(existing):
        Comment.objects.create(minute=minute, text=f"Earlier comment {n}", position=n + 1)
    # Session, user, the officer's councils, the minute, its items; in the service's
    # transaction (a savepoint here, and its release) the minutes as they stand (locked),
    # the highest position, the insert, the search index withholding the meeting's entries
    # until rebuilt (its meeting, the update); and the comments.
    with django_assert_num_queries(13):
        response = officer_client.post(
            _url(minute, "comment"),
            {
                "text": "How many schools use the tool?",
                "response": "Forty, with more joining in September.",
            },
            **HTMX,
        )
    section = response.content.decode()
    assert response.status_code == 200
    assert section.startswith('<section id="comments-section">')
    assert "Comment added." in section
    assert "How many schools use the tool? – <em>Forty, with more joining in September.</em>" in (
        section
    )
    assert section.count("Earlier comment") == existing
    assert Comment.objects.get(text__startswith="How many").position == existing + 1


def test_an_htmx_decision_with_errors_comes_back_in_place(officer_client):
    minute = MinuteFactory()
    response = officer_client.post(
        _url(minute, "decision"), {"kind": "agreed", "wording": ""}, **HTMX
    )
    section = response.content.decode()
    assert section.startswith('<section id="decisions-section">')
    assert "govuk-error-message" in section
    assert not Decision.objects.exists()


def test_an_htmx_decision_is_added_and_offered_to_the_tracker(officer_client):
    minute = MinuteFactory()
    wording = "It was AGREED that the Committee receive an update in six months."
    response = officer_client.post(
        _url(minute, "decision"), {"kind": "agreed", "wording": wording}, **HTMX
    )
    section = response.content.decode()
    decision = Decision.objects.get(minute=minute)
    assert wording in section and "Decision added." in section
    assert reverse("tracker:from_decision", args=[decision.pk]) in section


def test_a_decision_records_to_whom_it_is_addressed(officer_client):
    minute = MinuteFactory()
    officer_client.post(
        _url(minute, "decision"),
        {
            "kind": "recommended",
            "wording": "It was RECOMMENDED that the revised offer go back to the Executive.",
            "addressed_to": "The Executive",
        },
        **HTMX,
    )
    assert Decision.objects.get(minute=minute).addressed_to == "The Executive"


def test_without_javascript_the_same_forms_post_and_redirect(officer_client):
    minute = MinuteFactory()
    response = officer_client.post(_url(minute, "comment"), {"text": "A comment", "response": ""})
    assert response.status_code == 302 and response.url == _url(minute)
    page = officer_client.get(_url(minute)).content.decode()
    adding = _url(minute, "comment")
    assert f'action="{adding}" hx-post="{adding}"' in page and "A comment" in page


def test_a_refused_comment_without_javascript_comes_back_on_the_page_as_typed(officer_client):
    minute = MinuteFactory()
    response = officer_client.post(
        _url(minute, "comment"), {"text": "", "response": "Typed, and kept"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page and "Typed, and kept" in page
    assert not Comment.objects.exists()


def test_the_forms_urls_take_only_posts(officer_client):
    minute = MinuteFactory()
    for kind in ("comment", "decision", "speaker"):
        assert officer_client.get(_url(minute, kind)).status_code == 405
    assert officer_client.get(reverse("minutes:save_minute", args=[minute.pk])).status_code == 405
    assert officer_client.post(_url(minute), {"text": "A comment"}).status_code == 405
    assert not Comment.objects.exists()


def test_a_comment_added_after_one_was_removed_takes_the_next_position(officer_client):
    minute = MinuteFactory()
    for n in (1, 2, 3):
        officer_client.post(_url(minute, "comment"), {"text": f"Comment {n}"}, **HTMX)
    middle = Comment.objects.get(text="Comment 2")
    officer_client.post(reverse("minutes:delete", args=["comment", middle.pk]))
    officer_client.post(_url(minute, "comment"), {"text": "Comment 4"}, **HTMX)
    positions = list(minute.comments.values_list("text", "position"))
    assert positions == [("Comment 1", 1), ("Comment 3", 3), ("Comment 4", 4)]

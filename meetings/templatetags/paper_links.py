"""
`{% paper_link document %}`: a paper as the meeting page lists it, under its item or among
the annexes: a link to the PDF, "(Read online)", and its length, size and tags.

Written out here rather than as an included template: included for each of 400 papers, a
template took a third of the meeting page's rendering. The links come from
meetings.selectors.add_links, reversed once for the page.
"""

from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import format_html, format_html_join

from committees.templatetags.council_format import file_size

register = template.Library()

PAPER = (
    '<a class="govuk-link" href="{}">{}</a> '
    '<a class="govuk-link govuk-body-s portal-document-html" href="{}">(Read online)</a>\n'
    '<span class="govuk-body-s govuk-hint portal-document-meta">PDF, {} page{}, {}{}</span>'
)
NOT_PUBLISHED = (
    '{}\n<span class="govuk-body-s govuk-hint portal-document-meta">Not published yet</span>'
)
TAG = ' <strong class="govuk-tag govuk-tag--{}">{}</strong>'


@register.simple_tag
def paper_link(document) -> str:
    if not document.file:
        return format_html(NOT_PUBLISHED, document.title)
    tags = []
    if document.is_exempt_information:
        tags.append(("red", "Exempt"))
    if document.is_awaiting_publication:
        tags.append(("yellow", "Not yet published"))
    return format_html(
        PAPER,
        document.download_url,
        document.title,
        document.read_online_url,
        document.page_count,
        pluralize(document.page_count),
        file_size(document.file_size),
        format_html_join("", TAG, tags),
    )

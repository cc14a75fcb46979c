"""What the GOV.UK pagination component (templates/includes/pagination.html) needs."""

from django.core.paginator import Paginator


def page_url(request, number: int, anchor: str = "") -> str:
    """The same filters, another page."""
    query = request.GET.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}{anchor}"


def govuk_pagination(request, page, anchor: str = "") -> dict:
    """Previous, next and numbered links (with ellipses) for a page; empty for a single page."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return {}
    numbers = [
        {"ellipsis": True}
        if number == Paginator.ELLIPSIS
        else {
            "number": number,
            "url": page_url(request, number, anchor),
            "current": number == page.number,
        }
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return {
        "previous": page_url(request, page.number - 1, anchor) if page.has_previous() else None,
        "next": page_url(request, page.number + 1, anchor) if page.has_next() else None,
        "numbers": numbers,
    }

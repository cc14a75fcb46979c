from django.shortcuts import render
from django.utils.http import urlencode

from . import selectors
from .forms import KINDS, ORDERS, SearchForm
from .models import SearchEntry

FIELD_ANCHORS = {"q": "q", "committee": "committee", "kind": "kind", "order": "order", "page": "q"}


def _errors(form: SearchForm) -> list[dict]:
    """The GOV.UK error summary's entries, each linked to the input it is about."""
    items = [
        {"href": f"#{anchor}", "text": message}
        for name, anchor in FIELD_ANCHORS.items()
        for message in form.errors.get(name, [])
    ]
    items += [
        {"href": f"#{name}-day", "text": message} for name, message in form.date_errors.items()
    ]
    return items


def _page_url(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return "?" + urlencode(query, doseq=True)


def search_page(request):
    """GET /search/?q=…: the results this person may see, with filters; no JavaScript needed."""
    committees = selectors.committees_for_search()
    form = SearchForm(request.GET, committees=committees)
    asked = "q" in request.GET
    results = None
    status = 200
    message = ""
    building = False
    if form.is_valid():
        data = form.cleaned_data
        if data["q"] and any(character.isalnum() for character in data["q"]):
            filters = selectors.Filters(
                words=data["q"],
                committee=data["committee"],
                date_from=data.get("date_from"),
                date_to=data.get("date_to"),
                kinds=data["kind"],
                newest_first=data["order"] == "newest",
                page=data["page"],
            )
            results = selectors.search(request.user, filters, committees)
            building = not results.total and not SearchEntry.objects.exists()
        elif asked:
            message = "Enter a word or phrase to search for"
    else:
        status = 400
    errors = _errors(form) if form.is_bound and not form.is_valid() else []
    if message:
        errors = errors or [{"href": "#q", "text": message}]
    councils = {}
    for committee in committees:
        councils.setdefault(committee.council.name, []).append(committee)
    context = {
        "form": form,
        "errors": errors,
        "message": message,
        "building": building,
        "results": results,
        "councils": councils,
        "kinds": KINDS,
        "orders": ORDERS,
        "query": request.GET.get("q", "")[:1000],
        "selected_committee": request.GET.get("committee", ""),
        "selected_kinds": request.GET.getlist("kind"),
        "selected_order": request.GET.get("order", "relevance"),
        "dates": form.dates,
        "date_errors": form.date_errors,
        "previous_url": _page_url(request, results.page - 1)
        if results and results.page > 1
        else "",
        "next_url": _page_url(request, results.page + 1)
        if results and results.page < results.pages
        else "",
        "page_links": [
            {
                "number": number,
                "url": _page_url(request, number) if number else "",
                "current": number == results.page,
            }
            for number in _page_numbers(results.page, results.pages)
        ]
        if results and results.pages > 1
        else [],
    }
    response = render(request, "search/search.html", context, status=status)
    if results and results.holds_withheld:
        # Exempt or unpublished text is never kept by a shared cache or the browser's.
        response["Cache-Control"] = "private, no-store"
    return response


def _page_numbers(current: int, pages: int) -> list[int | None]:
    """1 … 4 5 6 … 20: the first, the last and those either side of the current page."""
    shown = sorted({1, pages, *range(max(1, current - 1), min(pages, current + 1) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers

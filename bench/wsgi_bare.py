"""
The portal's WSGI application with one more address, /bench/bare/, for bench/public_pages.py.

    gunicorn bench.wsgi_bare:application   (run from the checkout, which must be on sys.path)

/bench/bare/ answers a fixed page with no template and no database, behind the same settings
and middleware as every other page: the most any page of the portal could serve;
/bench/bare/<size>/ the same page padded to that many bytes. Every other
address is the portal's own. Benchmarks only; the product's URLs never hold this view.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

BARE_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Bare</title></head>'
    "<body><p>A bare view.</p></body></html>"
)


def bare(request, size=0):
    """The bare page, padded to `size` bytes to weigh what a page's length costs."""
    return HttpResponse(BARE_PAGE + " " * max(0, size - len(BARE_PAGE)))


def urlpatterns_with_bare():
    from scrutiny import urls

    return [path("bench/bare/", bare), path("bench/bare/<int:size>/", bare), *urls.urlpatterns]


settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
urlpatterns = urlpatterns_with_bare()
handler404 = "scrutiny.views.page_not_found"

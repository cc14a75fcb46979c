"""
The public pages of e-mail alerts. No GET writes: confirming and unsubscribing are buttons
(POST) on the pages the e-mailed links open. Unsubscribing also answers mail programs'
one-click POST (RFC 8058), which comes without a CSRF token: the link's own secret token is
what authorises it.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from committees.models import Committee
from scrutiny.error_summary import error_items

from . import services
from .forms import SubscribeForm
from .models import Subscription
from .tokens import CONFIRM_MAX_AGE, check_confirmation_token

GET_OR_POST = ["GET", "HEAD", "POST"]


def _committee(slug):
    return get_object_or_404(Committee.objects.select_related("council"), slug=slug)


@require_http_methods(GET_OR_POST)
def subscribe(request, slug):
    committee = _committee(slug)
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        services.subscribe(committee, form.cleaned_data["email"])
        return redirect("alerts:subscribe_sent", committee.slug)
    return render(
        request,
        "alerts/subscribe.html",
        {
            "committee": committee,
            "form": form,
            "errors": error_items(form),
            "days": CONFIRM_MAX_AGE.days,
        },
    )


def subscribe_sent(request, slug):
    return render(
        request,
        "alerts/subscribe_sent.html",
        {"committee": _committee(slug), "days": CONFIRM_MAX_AGE.days},
    )


@require_http_methods(GET_OR_POST)
def confirm(request, token):
    confirmation = check_confirmation_token(token)
    if not confirmation.is_valid:
        return render(
            request,
            "alerts/confirm_problem.html",
            {"confirmation": confirmation, "days": CONFIRM_MAX_AGE.days},
            status=410 if confirmation.state == "expired" else 400,
        )
    if request.method == "POST":
        services.confirm(confirmation.subscription)
        return redirect("alerts:confirm", token)
    return render(
        request,
        "alerts/confirm.html",
        {"subscription": confirmation.subscription, "committee": confirmation.committee},
    )


@csrf_exempt
@require_http_methods(GET_OR_POST)
def unsubscribe(request, token):
    subscription = (
        Subscription.objects.select_related("committee").filter(unsubscribe_token=token).first()
    )
    if request.method == "POST":
        committee = services.unsubscribe(subscription)
        return render(request, "alerts/unsubscribed.html", {"committee": committee})
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})

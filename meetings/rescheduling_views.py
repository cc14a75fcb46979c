"""Officer pages to cancel, postpone or move a meeting (see rescheduling.py)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from committees.roles import officer_required, require_manager

from . import forms, rescheduling
from .models import Meeting
from .services import NotAllowed


def _form_page(request, meeting, form, title):
    return render(
        request,
        "meetings/manage/form_page.html",
        {"meeting": meeting, "form": form, "title": title},
    )


def _meeting(request, pk):
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=pk)
    require_manager(request.user, meeting.committee)
    return meeting


def _call_off(request, pk, action, verb):
    meeting = _meeting(request, pk)
    form = forms.CallOffMeetingForm(request.POST or None, submit=f"{verb.capitalize()} the meeting")
    if request.method == "POST" and form.is_valid():
        try:
            action(meeting, reason=form.cleaned_data["reason"], user=request.user)
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The meeting is {verb}d; members have been told by e-mail.")
            return redirect("manage:agenda", meeting.pk)
    return _form_page(request, meeting, form, f"{verb.capitalize()} this meeting")


@officer_required
def meeting_cancel(request, pk):
    return _call_off(request, pk, rescheduling.cancel_meeting, "cancel")


@officer_required
def meeting_postpone(request, pk):
    return _call_off(request, pk, rescheduling.postpone_meeting, "postpone")


@officer_required
def meeting_move(request, pk):
    meeting = _meeting(request, pk)
    initial = {"date": meeting.date, "start_time": meeting.start_time, "venue": meeting.venue}
    form = forms.MoveMeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rescheduling.move_meeting(meeting, **form.cleaned_data, user=request.user)
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The meeting has moved; members have been told by e-mail.")
            return redirect("manage:agenda", meeting.pk)
    return _form_page(request, meeting, form, "Move this meeting")
